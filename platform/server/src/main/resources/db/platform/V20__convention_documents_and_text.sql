-- The documents attached to a convention (the signed convention, its amendments, the yearly bilans, others), kept in
-- the database like the organisations' vault, and each tenant's wording of the convention's text (a Pebble template
-- loaded from tenants/<slug>/conventions/convention.txt; Pacte's French default otherwise).

CREATE TABLE platform.convention_document (
  tenant_id     text NOT NULL REFERENCES platform.tenant (slug),
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL,
  kind          text NOT NULL CHECK (kind IN ('signed-convention', 'amendment', 'bilan', 'other')),
  label         text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  year          integer CHECK (year BETWEEN 1 AND 10),
  file_name     text NOT NULL,
  media_type    text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  content       bytea NOT NULL,
  uploaded_by   text NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, convention_id) REFERENCES platform.convention (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX convention_document_by_convention ON platform.convention_document (tenant_id, convention_id, uploaded_at);

CREATE TABLE platform.convention_template (
  tenant_id text NOT NULL REFERENCES platform.tenant (slug),
  body      text NOT NULL,
  PRIMARY KEY (tenant_id)
);

ALTER TABLE platform.convention_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention_document FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention_document
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.convention_template ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention_template FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention_template
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Documents are kept as deposited: no update, no delete.
GRANT SELECT, INSERT ON platform.convention_document TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.convention_template TO "${app_role}";
