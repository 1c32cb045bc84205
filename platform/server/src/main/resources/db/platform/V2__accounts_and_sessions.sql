-- Built-in identity: accounts of the embedded default and of deployments without Keycloak.
-- Tenant accounts are tenant-owned (RLS like every tenant table); platform operators have their own table,
-- outside any tenant.

CREATE TABLE platform.account (
  tenant_id            text NOT NULL REFERENCES platform.tenant (slug),
  id                   uuid NOT NULL DEFAULT gen_random_uuid(),
  username             text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),
  display_name         text NOT NULL,
  email                text,
  password_hash        text NOT NULL,
  roles                text[] NOT NULL CHECK (cardinality(roles) > 0),
  territories          text[] NOT NULL DEFAULT '{}',
  organisation         text,
  active               boolean NOT NULL DEFAULT true,
  must_change_password boolean NOT NULL DEFAULT false,
  demo                 boolean NOT NULL DEFAULT false,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, username)
);

CREATE TABLE platform.operator_account (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username             text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9][a-z0-9._@-]{1,99}$'),
  display_name         text NOT NULL,
  password_hash        text NOT NULL,
  active               boolean NOT NULL DEFAULT true,
  must_change_password boolean NOT NULL DEFAULT false,
  demo                 boolean NOT NULL DEFAULT false,
  created_at           timestamptz NOT NULL DEFAULT now()
);

-- Failed logins, to slow down password guessing per account name and per address, on every node.
CREATE TABLE platform.login_failure (
  realm     text NOT NULL,
  key       text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_recent ON platform.login_failure (realm, key, failed_at DESC);

ALTER TABLE platform.account ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.account FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.account
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE ON platform.account TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON platform.operator_account TO "${app_role}";
GRANT SELECT, INSERT, DELETE ON platform.login_failure TO "${app_role}";
