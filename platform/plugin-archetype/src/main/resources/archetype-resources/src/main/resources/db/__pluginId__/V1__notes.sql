-- The module's notes, one département's apart from another's by row-level security.
CREATE TABLE ${pluginId.replace('-', '_')}.notes (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL,
  body      text NOT NULL CHECK (length(body) BETWEEN 1 AND 500),
  written_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notes_tenant_idx ON ${pluginId.replace('-', '_')}.notes (tenant_id, id);

ALTER TABLE ${pluginId.replace('-', '_')}.notes ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${pluginId.replace('-', '_')}.notes FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ${pluginId.replace('-', '_')}.notes
  USING (tenant_id = platform.current_tenant())
  WITH CHECK (tenant_id = platform.current_tenant());
