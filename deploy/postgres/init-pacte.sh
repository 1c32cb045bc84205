#!/bin/sh
# First-start hook of the postgres image (mounted into /docker-entrypoint-initdb.d by deploy/compose.yaml):
# creates the Pacte accounts and database with roles.sql, passwords from the container's environment.
set -eu
psql -v ON_ERROR_STOP=1 --username "${POSTGRES_USER:-postgres}" --dbname postgres \
  -v owner_password="$PACTE_DB_PASSWORD" \
  -v app_password="$PACTE_DB_APP_PASSWORD" \
  -f /pacte/roles.sql
