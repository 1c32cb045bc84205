-- Browser and API sessions, shared by every node. A tenant's sessions are tenant-owned (RLS): a Somme session
-- cannot even be read while serving Allier. Platform operators' sessions have no tenant and are visible only
-- outside any tenant. Only a hash of the session token is stored.

CREATE TABLE platform.web_session (
  token_hash    bytea PRIMARY KEY,
  tenant_id     text REFERENCES platform.tenant (slug),
  provider      text NOT NULL CHECK (provider IN ('builtin', 'keycloak')),
  subject       text NOT NULL,
  username      text NOT NULL,
  display_name  text NOT NULL,
  roles         text[] NOT NULL,
  territories   text[] NOT NULL DEFAULT '{}',
  organisation  text,
  id_token      text,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_seen_at  timestamptz NOT NULL DEFAULT now(),
  expires_at    timestamptz NOT NULL
);
CREATE INDEX web_session_subject ON platform.web_session (tenant_id, subject);

ALTER TABLE platform.web_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.web_session FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.web_session
  USING (tenant_id IS NOT DISTINCT FROM platform.current_tenant())
  WITH CHECK (tenant_id IS NOT DISTINCT FROM platform.current_tenant());

-- An OpenID Connect login under way: what the callback needs to finish it (PKCE verifier, nonce), single use.
CREATE TABLE platform.login_attempt (
  state_hash    bytea PRIMARY KEY,
  tenant_id     text REFERENCES platform.tenant (slug),
  code_verifier text NOT NULL,
  nonce         text NOT NULL,
  return_to     text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE platform.login_attempt ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.login_attempt FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.login_attempt
  USING (tenant_id IS NOT DISTINCT FROM platform.current_tenant())
  WITH CHECK (tenant_id IS NOT DISTINCT FROM platform.current_tenant());

-- Invitations of the built-in provider: a one-time link with which a new user chooses a password.
CREATE TABLE platform.invitation (
  token_hash bytea PRIMARY KEY,
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  account_id uuid NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  FOREIGN KEY (tenant_id, account_id) REFERENCES platform.account (tenant_id, id)
);
ALTER TABLE platform.invitation ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.invitation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.invitation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.web_session TO "${app_role}";
GRANT SELECT, INSERT, DELETE ON platform.login_attempt TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON platform.invitation TO "${app_role}";
