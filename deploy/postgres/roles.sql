-- The PostgreSQL accounts and database of Pacte, for an external PostgreSQL (13 or later).
--
-- Run once as a superuser with psql; running it again is harmless (it creates what is missing and
-- resets the passwords):
--
--   psql -h db.example.internal -U postgres -d postgres \
--        -v owner_password='…' -v app_password='…' -f deploy/postgres/roles.sql
--
-- then give Pacte:
--   PACTE_DB_URL=jdbc:postgresql://db.example.internal:5432/pacte
--   PACTE_DB_USER=pacte_owner   PACTE_DB_PASSWORD=<owner_password>
--   PACTE_DB_APP_USER=pacte_app PACTE_DB_APP_PASSWORD=<app_password>
--
-- Why two accounts: every tenant-owned table is isolated by row-level security (policies on tenant_id,
-- ENABLE and FORCE ROW LEVEL SECURITY). A superuser or a BYPASSRLS role ignores those policies, and a
-- table's owner (or a member of the owner role) can switch them off. So:
-- - pacte_owner owns the database, the schemas and the tables; Pacte uses it only at start-up, to run the
--   Flyway migrations (platform schema, one schema per plugin) and grant pacte_app its rights;
-- - pacte_app serves every request; it owns nothing, is not a superuser, has no BYPASSRLS and is not a
--   member of pacte_owner, so row-level security always applies to it.
-- Use lower-case names without quotes if you rename the roles: the migrations use the application role's
-- name as written in PACTE_DB_APP_USER.

\set ON_ERROR_STOP on

\if :{?owner_password}
\else
  \echo 'Usage: psql ... -v owner_password=... -v app_password=... -f roles.sql'
  SELECT 1 / 0 AS missing_owner_password;
\endif
\if :{?app_password}
\else
  \echo 'Usage: psql ... -v owner_password=... -v app_password=... -f roles.sql'
  SELECT 1 / 0 AS missing_app_password;
\endif

-- The owner: runs the migrations, owns what they create.
SELECT 'CREATE ROLE pacte_owner' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pacte_owner')
\gexec
ALTER ROLE pacte_owner WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS
  PASSWORD :'owner_password';

-- The application account: serves the requests; row-level security applies to it.
SELECT 'CREATE ROLE pacte_app' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'pacte_app')
\gexec
ALTER ROLE pacte_app WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
  PASSWORD :'app_password';

-- The database, owned by pacte_owner so that the migrations can create their schemas.
SELECT 'CREATE DATABASE pacte OWNER pacte_owner ENCODING ''UTF8'' TEMPLATE template0'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = 'pacte')
\gexec
REVOKE ALL ON DATABASE pacte FROM PUBLIC;
GRANT CONNECT ON DATABASE pacte TO pacte_app;

\connect pacte
-- Pacte creates its own schemas; nobody needs the public schema.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

-- Refuse to finish with an application account that row-level security would not hold.
DO $$
BEGIN
  IF EXISTS (SELECT FROM pg_roles WHERE rolname = 'pacte_app' AND (rolsuper OR rolbypassrls)) THEN
    RAISE EXCEPTION 'pacte_app must be NOSUPERUSER and NOBYPASSRLS';
  END IF;
  IF pg_has_role('pacte_app', 'pacte_owner', 'MEMBER') THEN
    RAISE EXCEPTION 'pacte_app must not be a member of pacte_owner (REVOKE pacte_owner FROM pacte_app)';
  END IF;
  IF EXISTS (SELECT FROM pg_database d JOIN pg_roles r ON r.oid = d.datdba
             WHERE d.datname = 'pacte' AND r.rolname = 'pacte_app') THEN
    RAISE EXCEPTION 'the database pacte must not be owned by pacte_app';
  END IF;
END
$$;
