-- Platform schema: the tenant registry, tenant-owned reference data, plugin enablement and the audit trail.
-- Every tenant-owned table carries tenant_id and is isolated by row-level security, enabled AND forced so
-- that even the owner is subject to it; the application role "${app_role}" owns nothing.

-- The tenant of the current transaction, set by the platform with set_config('pacte.tenant_id', ..., true).
-- NULL outside a tenant transaction, so policies match no row.
CREATE FUNCTION platform.current_tenant() RETURNS text
  LANGUAGE sql STABLE
  AS $$ SELECT nullif(current_setting('pacte.tenant_id', true), '') $$;

-- The registry of départements. Not tenant-owned: it is what routing and the platform home read.
CREATE TABLE platform.tenant (
  slug             text PRIMARY KEY CHECK (slug ~ '^[a-z][a-z0-9-]{1,39}$'),
  name             text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  departement_code text NOT NULL UNIQUE CHECK (departement_code ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
  display_name     text NOT NULL,
  colour           text NOT NULL CHECK (colour ~ '^#[0-9a-fA-F]{6}$'),
  logo             bytea,
  logo_media_type  text CHECK (logo_media_type IN ('image/svg+xml', 'image/png')),
  active           boolean NOT NULL DEFAULT true,
  source_hash      text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- Territory layers (territoires d'action sociale first; later bassins de mobilité, EPCI, PLIE areas).
CREATE TABLE platform.territory (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  code       text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  name       text NOT NULL,
  layer      text NOT NULL DEFAULT 'territoire-action-sociale',
  valid_from date,
  valid_to   date,
  position   integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, layer, code),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);

-- Which plugins a tenant has enabled, with their configuration for this tenant.
CREATE TABLE platform.tenant_plugin (
  tenant_id     text NOT NULL REFERENCES platform.tenant (slug),
  plugin_id     text NOT NULL,
  enabled       boolean NOT NULL,
  configuration jsonb NOT NULL DEFAULT '{}'::jsonb,
  version       integer NOT NULL DEFAULT 1,
  changed_by    text NOT NULL,
  changed_at    timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, plugin_id)
);

-- Who did what, when, in which tenant. Append-only for the application role.
CREATE TABLE platform.audit_event (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  id          bigint GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  target      text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id  text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX audit_event_by_time ON platform.audit_event (tenant_id, occurred_at DESC);

ALTER TABLE platform.territory ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.territory FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.territory
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.tenant_plugin ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.tenant_plugin FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.tenant_plugin
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.audit_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.audit_event FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.audit_event
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT USAGE ON SCHEMA platform TO "${app_role}";
GRANT EXECUTE ON FUNCTION platform.current_tenant() TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON platform.tenant TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.territory, platform.tenant_plugin TO "${app_role}";
GRANT SELECT, INSERT ON platform.audit_event TO "${app_role}";
GRANT SELECT ON platform.flyway_schema_history TO "${app_role}";
