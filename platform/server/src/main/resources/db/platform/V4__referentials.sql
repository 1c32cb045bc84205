-- Référentiels: national defaults ship in the server (referentials/national.yaml); a tenant overrides an entry's
-- label here, and describes its own areas (EPCI, PLIE…) that may overlap the territories of tenant.yaml.

-- A tenant's value for one national entry. No row: the national value applies.
CREATE TABLE platform.referential_override (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  kind        text NOT NULL CHECK (kind ~ '^[a-z][a-z0-9-]{0,39}$'),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
  label       text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 300),
  description text CHECK (description IS NULL OR length(description) <= 2000),
  version     integer NOT NULL DEFAULT 1,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, kind, code)
);

-- Areas of a layer (EPCI, PLIE, bassin d'emploi…) with validity dates and their communes where known.
CREATE TABLE platform.referential_area (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  layer      text NOT NULL CHECK (layer ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  code       text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  name       text NOT NULL,
  valid_from date,
  valid_to   date,
  communes   jsonb NOT NULL DEFAULT '[]'::jsonb,
  notes      text[] NOT NULL DEFAULT '{}',
  position   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, layer, code),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);

-- Seed files of tenants/<slug>/ already loaded, by content hash: a file is applied once per content, so edits
-- made in the database afterwards survive restarts.
CREATE TABLE platform.seed_file (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  path       text NOT NULL,
  hash       text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, path)
);

ALTER TABLE platform.referential_override ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.referential_override FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.referential_override
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.referential_area ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.referential_area FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.referential_area
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.seed_file ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.seed_file FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.seed_file
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.referential_override, platform.referential_area, platform.seed_file
  TO "${app_role}";
