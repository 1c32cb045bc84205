-- Pathways: people on the RSA (minimal data), their orientations onto offer items with live capacity and a waiting
-- list, follow-up and exit, workshop sessions with attendance, notifications to territories, reads of personal data,
-- and the retention setting of each tenant. Sized for national scale: every list and every capacity count is served
-- by an index on (tenant_id, …) without scanning.

CREATE TABLE platform.person (
  tenant_id              text NOT NULL REFERENCES platform.tenant (slug),
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  family_name            text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  first_names            text NOT NULL CHECK (length(first_names) <= 100),
  birth_date             date NOT NULL,
  commune                text NOT NULL CHECK (length(commune) BETWEEN 1 AND 100),
  -- The territoire d'action sociale the person lives in: what a territory agent's scope reads.
  territory              text NOT NULL CHECK (territory ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  email                  text,
  phone                  text,
  rsa_recipient          boolean NOT NULL,
  rsa_checked_on         date,
  -- NULL: not known.
  iae_eligible           boolean,
  referent_username      text NOT NULL,
  referent_name          text NOT NULL,
  -- departement, association-delegataire, france-travail (référentiel prescriber-types).
  referent_organisation_kind text NOT NULL,
  referent_organisation  text NOT NULL,
  caf_number             text,
  france_travail_id      text,
  pseudonymised_at       timestamptz,
  version                integer NOT NULL DEFAULT 1,
  created_at             timestamptz NOT NULL DEFAULT now(),
  updated_at             timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
-- Possible duplicates: same names and birth date.
CREATE INDEX person_by_identity ON platform.person (tenant_id, lower(family_name), birth_date);
CREATE INDEX person_by_referent ON platform.person (tenant_id, referent_username, lower(family_name));
CREATE INDEX person_by_territory ON platform.person (tenant_id, territory, lower(family_name));

CREATE TABLE platform.orientation (
  tenant_id         text NOT NULL REFERENCES platform.tenant (slug),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  person_id         uuid NOT NULL,
  offer_id          uuid NOT NULL,
  territory         text NOT NULL,
  action_type       text NOT NULL,
  -- The organisation delivering the item, copied so that an operator's scope is one index.
  organisation_id   text NOT NULL,
  -- proposed: a place is held, the operator has not decided; waiting: on the waiting list; in: entered;
  -- refused; exited.
  state             text NOT NULL CHECK (state IN ('proposed', 'waiting', 'in', 'refused', 'exited')),
  queued_at         timestamptz NOT NULL DEFAULT clock_timestamp(),
  prescriber        text NOT NULL,
  prescriber_name   text NOT NULL,
  prescriber_kind   text NOT NULL,
  rsa_recipient     boolean NOT NULL,
  eligibility_note  text,
  entry_date        date,
  planned_end       date,
  refusal_reason    text,
  refusal_comment   text,
  exit_date         date,
  exit_type         text,
  exit_outcomes     text[] NOT NULL DEFAULT '{}',
  exit_comment      text,
  renewals          jsonb NOT NULL DEFAULT '[]',
  fields            jsonb NOT NULL DEFAULT '{}',
  note_for_referent text,
  version           integer NOT NULL DEFAULT 1,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, person_id) REFERENCES platform.person (tenant_id, id)
);
-- No foreign key to the offer: editing an item replaces its places, and the orientations keep the item, territory and
-- organisation they were made on.
-- Live capacity: places held (proposed, in) and people waiting on one item in one territory, counted from the index.
CREATE INDEX orientation_capacity ON platform.orientation (tenant_id, offer_id, territory, state, rsa_recipient);
CREATE INDEX orientation_waiting ON platform.orientation (tenant_id, offer_id, territory, queued_at, id) WHERE state = 'waiting';
CREATE INDEX orientation_by_person ON platform.orientation (tenant_id, person_id);
CREATE INDEX orientation_by_organisation ON platform.orientation (tenant_id, organisation_id, state);
CREATE INDEX orientation_by_territory ON platform.orientation (tenant_id, territory, state);
CREATE INDEX orientation_due ON platform.orientation (tenant_id, planned_end) WHERE state = 'in';
CREATE INDEX orientation_exits ON platform.orientation (tenant_id, exit_date) WHERE state = 'exited';

-- An entry on an action, told to the agents of its territory (and to their e-mail digest).
CREATE TABLE platform.pathway_notification (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  territory      text NOT NULL,
  orientation_id uuid NOT NULL,
  message        text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  emailed_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, orientation_id) REFERENCES platform.orientation (tenant_id, id)
);
CREATE INDEX pathway_notification_by_territory ON platform.pathway_notification (tenant_id, territory, created_at DESC);

CREATE TABLE platform.workshop_session (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  offer_id    uuid NOT NULL,
  territory   text NOT NULL,
  action_type text NOT NULL,
  organisation_id text NOT NULL,
  starts_at   timestamp NOT NULL,
  theme       text NOT NULL CHECK (length(theme) BETWEEN 3 AND 200),
  place       text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  capacity    integer NOT NULL CHECK (capacity BETWEEN 1 AND 500),
  version     integer NOT NULL DEFAULT 1,
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX workshop_session_by_territory ON platform.workshop_session (tenant_id, territory, starts_at);
CREATE INDEX workshop_session_by_organisation ON platform.workshop_session (tenant_id, organisation_id, starts_at);

CREATE TABLE platform.workshop_attendance (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  session_id uuid NOT NULL,
  person_id  uuid NOT NULL,
  status     text NOT NULL CHECK (status IN ('registered', 'present', 'absent', 'excused')),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, session_id, person_id),
  FOREIGN KEY (tenant_id, session_id) REFERENCES platform.workshop_session (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, person_id) REFERENCES platform.person (tenant_id, id)
);
CREATE INDEX workshop_attendance_by_person ON platform.workshop_attendance (tenant_id, person_id);

-- Every read of a person's record or of a list of people: who, when, which people, from which route.
CREATE TABLE platform.person_access (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  id         bigint GENERATED ALWAYS AS IDENTITY,
  read_at    timestamptz NOT NULL DEFAULT now(),
  actor      text NOT NULL,
  actor_name text NOT NULL,
  route      text NOT NULL,
  -- person: one record; list: a list of people; export: a person's data exported.
  kind       text NOT NULL CHECK (kind IN ('person', 'list', 'export')),
  person_ids uuid[] NOT NULL DEFAULT '{}',
  request_id text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX person_access_recent ON platform.person_access (tenant_id, read_at DESC);
CREATE INDEX person_access_by_person ON platform.person_access USING gin (person_ids);

-- How long a person's data is kept after their last exit before it is pseudonymised.
CREATE TABLE platform.pathway_setting (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  retention_months integer NOT NULL DEFAULT 24 CHECK (retention_months BETWEEN 1 AND 120),
  PRIMARY KEY (tenant_id)
);

ALTER TABLE platform.person ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.person FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.person
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.orientation ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.orientation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.orientation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.pathway_notification ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.pathway_notification FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.pathway_notification
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.workshop_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_session FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.workshop_session
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.workshop_attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_attendance FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.workshop_attendance
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.person_access ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.person_access FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.person_access
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.pathway_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.pathway_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.pathway_setting
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE ON platform.person, platform.orientation, platform.pathway_notification,
  platform.workshop_session, platform.workshop_attendance, platform.pathway_setting TO "${app_role}";
GRANT DELETE ON platform.workshop_attendance TO "${app_role}";
-- The access log is append-only for the application.
GRANT SELECT, INSERT ON platform.person_access TO "${app_role}";
