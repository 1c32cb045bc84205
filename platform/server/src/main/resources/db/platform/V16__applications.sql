-- Applications to a call for projects (seed 002 §IV): a general part once per organisation and call, shared by
-- its projects, and a project part per lot answered. Several organisations may answer together (a groupement):
-- every member is listed, the lead first. Money is in integer cents. The amounts a project asks and may be funded
-- are computed from its budget on every save and kept in columns, so that lists, rankings and selections read
-- them without decoding the budget.

-- The vault also keeps the two parts a project attaches (seed 002 §IV): the synthetic descriptive sheet of the action
-- and the modelling of the follow-up or the draft programme of workshops, one per project (told apart by label).
ALTER TABLE platform.organisation_document DROP CONSTRAINT organisation_document_kind_check;
ALTER TABLE platform.organisation_document ADD CONSTRAINT organisation_document_kind_check CHECK (kind IN ('statuts', 'rib',
  'cv', 'rapport-activite', 'composition-gouvernance', 'attestation', 'fiche-synthetique', 'modelisation'));

CREATE TABLE platform.application (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  call_id         uuid NOT NULL,
  -- The lead organisation: the one whose general part this is.
  organisation_id text NOT NULL,
  -- The general part (identification, legal representative, person in charge of the file, administrative and
  -- legal information, human resources, experience with people in precarious situations, yearly budget).
  general         jsonb NOT NULL DEFAULT '{}'::jsonb,
  state           text NOT NULL DEFAULT 'draft',
  version         integer NOT NULL DEFAULT 1,
  created_by      text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  -- Set once, at submission: when, by whom, the SHA-256 of the content submitted, and the acknowledgement of receipt.
  submitted_at    timestamptz,
  submitted_by    text,
  content_hash    text CHECK (content_hash ~ '^[0-9a-f]{64}$'),
  acknowledgement bytea,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, call_id, organisation_id),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_for_projects (tenant_id, id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES platform.organisation (tenant_id, id),
  CONSTRAINT application_state_check CHECK (state IN ('draft', 'submitted')),
  CHECK (state = 'draft' OR (submitted_at IS NOT NULL AND content_hash IS NOT NULL))
);
CREATE INDEX application_by_call ON platform.application (tenant_id, call_id, state);

-- The organisations answering together; the lead is a member too (role 'lead'), so "every member sees it" is one
-- lookup.
CREATE TABLE platform.application_member (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  application_id  uuid NOT NULL,
  organisation_id text NOT NULL,
  role            text NOT NULL CHECK (role IN ('lead', 'member')),
  position        integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, application_id, organisation_id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES platform.organisation (tenant_id, id)
);
CREATE INDEX application_member_by_organisation ON platform.application_member (tenant_id, organisation_id);
CREATE UNIQUE INDEX application_member_one_lead ON platform.application_member (tenant_id, application_id) WHERE role = 'lead';

-- The project part answering one lot of the call.
CREATE TABLE platform.application_project (
  tenant_id           text NOT NULL REFERENCES platform.tenant (slug),
  application_id      uuid NOT NULL,
  lot_code            text NOT NULL,
  position            integer NOT NULL DEFAULT 0,
  title               text NOT NULL DEFAULT '',
  territories         text[] NOT NULL DEFAULT '{}',
  description         text NOT NULL DEFAULT '',
  -- [{territory, year (1..n), target}] in the lot's unit (people in file active, or workshops per year).
  objectives          jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- The indicators the project proposes beyond the fiche's.
  indicators          text[] NOT NULL DEFAULT '{}',
  -- Anything else the applicant deems useful to the Département's choice.
  other_information   text NOT NULL DEFAULT '',
  -- [{year, direct: {staff, services, purchases}, indirect: {rent, utilities, printing, support},
  --   cofunding: [{funder, amountCents, status}], requestedCents}], every amount in cents.
  budget              jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Computed from the budget on every save (all years together): never typed.
  total_cost_cents    bigint NOT NULL DEFAULT 0 CHECK (total_cost_cents >= 0),
  indirect_cost_cents bigint NOT NULL DEFAULT 0 CHECK (indirect_cost_cents >= 0),
  cofunding_cents     bigint NOT NULL DEFAULT 0 CHECK (cofunding_cents >= 0),
  requested_cents     bigint NOT NULL DEFAULT 0 CHECK (requested_cents >= 0),
  fundable_cents      bigint NOT NULL DEFAULT 0 CHECK (fundable_cents >= 0),
  PRIMARY KEY (tenant_id, application_id, lot_code),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX application_project_by_lot ON platform.application_project (tenant_id, lot_code);
CREATE INDEX application_project_territories ON platform.application_project USING gin (territories);

-- A part attached from the organisation's vault: to the general part (lot_code '') or to one project. The vault
-- document keeps its id whatever its versions; the version attached is fixed at submission.
CREATE TABLE platform.application_attachment (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  application_id uuid NOT NULL,
  lot_code       text NOT NULL DEFAULT '',
  -- Which part of the call it answers: fiche-synthetique, modelisation, cv, rapport-activite,
  -- composition-gouvernance, rib, autre.
  part           text NOT NULL CHECK (part ~ '^[a-z][a-z0-9-]{1,40}$'),
  document_id    uuid NOT NULL,
  version_number integer,
  position       integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, application_id, lot_code, part, document_id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, document_id) REFERENCES platform.organisation_document (tenant_id, id)
);

ALTER TABLE platform.application ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.application_member ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application_member FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application_member
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.application_project ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application_project FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application_project
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.application_attachment ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application_attachment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application_attachment
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Drafts replace their projects, members and attachments wholesale; a submitted application is never deleted.
GRANT SELECT, INSERT, UPDATE ON platform.application TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.application_member, platform.application_project,
  platform.application_attachment TO "${app_role}";
