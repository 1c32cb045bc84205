-- Organisations (operators and partners) and their document vault.
-- Files are stored in PostgreSQL (bytea) with their SHA-256: nodes are stateless (no shared disk to keep in
-- step), a file and its metadata and audit line commit or roll back together, row-level security guards the
-- content like any other row, and one backup holds everything. Uploads are capped at 10 MiB, far below what
-- bytea handles comfortably; listings never select the content column.

CREATE TABLE platform.organisation (
  tenant_id            text NOT NULL REFERENCES platform.tenant (slug),
  id                   text NOT NULL CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,79}$'),
  kind                 text NOT NULL CHECK (kind IN ('operator', 'partner')),
  name                 text NOT NULL CHECK (length(name) BETWEEN 2 AND 200),
  siret                text CHECK (siret ~ '^[0-9]{14}$'),
  rna                  text CHECK (rna ~ '^W[0-9]{9}$'),
  legal_form           text,
  address              jsonb NOT NULL DEFAULT '{}'::jsonb,
  legal_representative jsonb NOT NULL DEFAULT '{}'::jsonb,
  contacts             jsonb NOT NULL DEFAULT '[]'::jsonb,
  territories          text[] NOT NULL DEFAULT '{}',
  demo                 boolean NOT NULL DEFAULT false,
  version              integer NOT NULL DEFAULT 1,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE UNIQUE INDEX organisation_siret ON platform.organisation (tenant_id, siret) WHERE siret IS NOT NULL;
CREATE UNIQUE INDEX organisation_rna ON platform.organisation (tenant_id, rna) WHERE rna IS NOT NULL;
CREATE INDEX organisation_name ON platform.organisation (tenant_id, lower(name));

-- One document of an organisation (its statutes, its RIB, the CV of one person…): a stable id that later
-- applications point to, whatever version is current.
CREATE TABLE platform.organisation_document (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  organisation_id text NOT NULL,
  kind            text NOT NULL CHECK (kind IN ('statuts', 'rib', 'cv', 'rapport-activite', 'composition-gouvernance', 'attestation')),
  label           text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, organisation_id, kind, label),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES platform.organisation (tenant_id, id)
);

-- Every uploaded version is kept; the current one is the highest number.
CREATE TABLE platform.document_version (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  document_id uuid NOT NULL,
  number      integer NOT NULL CHECK (number > 0),
  file_name   text NOT NULL,
  media_type  text NOT NULL,
  size_bytes  integer NOT NULL CHECK (size_bytes > 0),
  sha256      text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content     bytea NOT NULL,
  valid_until date,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, document_id, number),
  FOREIGN KEY (tenant_id, document_id) REFERENCES platform.organisation_document (tenant_id, id)
);

ALTER TABLE platform.organisation ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.organisation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.organisation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.organisation_document ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.organisation_document FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.organisation_document
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.document_version ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.document_version FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.document_version
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE ON platform.organisation TO "${app_role}";
-- Documents and versions are never rewritten nor deleted by the application: history is the point.
GRANT SELECT, INSERT ON platform.organisation_document, platform.document_version TO "${app_role}";
