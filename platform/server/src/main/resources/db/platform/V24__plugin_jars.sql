-- Plugin jars installed by a platform operator on the running platform, kept in the database so that every node
-- loads the same jar without a restart (a signal tells the others), and a node started later loads it too. The
-- previous version of a plugin is kept, for rollback. Not tenant-owned: what a plugin does for each tenant is
-- still enabled tenant by tenant (platform.tenant_plugin) and isolated by row-level security in its own tables.
CREATE TABLE platform.plugin_jar (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  plugin_id   text NOT NULL CHECK (plugin_id ~ '^[a-z][a-z0-9-]{1,62}$'),
  version     text NOT NULL CHECK (length(version) BETWEEN 1 AND 100),
  file_name   text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content     bytea NOT NULL,
  -- active: served; previous: the version it replaced, kept for rollback; replaced: older ones; removed: uninstalled.
  state       text NOT NULL CHECK (state IN ('active', 'previous', 'replaced', 'removed')),
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX plugin_jar_one_active_idx ON platform.plugin_jar (plugin_id) WHERE state = 'active';
CREATE INDEX plugin_jar_plugin_idx ON platform.plugin_jar (plugin_id, uploaded_at DESC);

GRANT SELECT, INSERT, UPDATE ON platform.plugin_jar TO "${app_role}";

-- What a platform operator did to the platform itself (plugins installed, replaced, rolled back, removed): written in
-- the same transaction as the change of platform.plugin_jar, read on the platform's audit page. Not tenant-owned.
-- Append-only for the application role.
CREATE TABLE platform.platform_audit_event (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor       text NOT NULL,
  action      text NOT NULL,
  target      text,
  details     jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id  text
);
CREATE INDEX platform_audit_event_by_time ON platform.platform_audit_event (occurred_at DESC);

GRANT SELECT, INSERT ON platform.platform_audit_event TO "${app_role}";
