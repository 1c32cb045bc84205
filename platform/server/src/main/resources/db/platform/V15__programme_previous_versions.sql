-- The versions of a programme that an import (or a restore) replaced, as their YAML export: the previous version
-- of a programme stays restorable in one action.
CREATE TABLE platform.programme_previous (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  programme_code text NOT NULL CHECK (programme_code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  version        integer NOT NULL,
  title          text NOT NULL,
  content        text NOT NULL,
  axes           integer NOT NULL,
  fiches         integer NOT NULL,
  actions        integer NOT NULL,
  replaced_at    timestamptz NOT NULL DEFAULT now(),
  replaced_by    text NOT NULL,
  reason         text NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX programme_previous_by_code ON platform.programme_previous (tenant_id, programme_code, id DESC);

ALTER TABLE platform.programme_previous ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.programme_previous FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.programme_previous
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.programme_previous TO "${app_role}";
