-- The evaluation centred on the person: a participation's progress grid, filled at entry, during and at exit with the
-- criteria of its action type (one entry and one exit grid each, as many in-between as useful), and the satisfaction
-- questionnaire the person answers at exit (one per participation). Read by the indicators per action type and period.

CREATE TABLE platform.progress_assessment (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  orientation_id uuid NOT NULL,
  action_type    text NOT NULL,
  moment         text NOT NULL CHECK (moment IN ('entry', 'during', 'exit')),
  assessed_on    date NOT NULL,
  -- {criterion code: level 1 to 4}
  scores         jsonb NOT NULL,
  comment        text CHECK (length(comment) <= 2000),
  assessed_by    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, orientation_id) REFERENCES platform.orientation (tenant_id, id)
);
CREATE UNIQUE INDEX progress_assessment_once ON platform.progress_assessment (tenant_id, orientation_id, moment)
  WHERE moment IN ('entry', 'exit');
CREATE INDEX progress_assessment_by_orientation ON platform.progress_assessment (tenant_id, orientation_id, assessed_on);
CREATE INDEX progress_assessment_by_type ON platform.progress_assessment (tenant_id, action_type, assessed_on);

CREATE TABLE platform.satisfaction_answer (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  orientation_id uuid NOT NULL,
  action_type    text NOT NULL,
  answered_on    date NOT NULL,
  -- {question code: level 1 to 4}
  answers        jsonb NOT NULL,
  comment        text CHECK (length(comment) <= 2000),
  recorded_by    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, orientation_id),
  FOREIGN KEY (tenant_id, orientation_id) REFERENCES platform.orientation (tenant_id, id)
);
CREATE INDEX satisfaction_answer_by_type ON platform.satisfaction_answer (tenant_id, action_type, answered_on);

ALTER TABLE platform.progress_assessment ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.progress_assessment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.progress_assessment
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.satisfaction_answer ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.satisfaction_answer FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.satisfaction_answer
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Comments are cleared when a person is pseudonymised; the levels stay for the statistics.
GRANT SELECT, INSERT, UPDATE ON platform.progress_assessment, platform.satisfaction_answer TO "${app_role}";

-- A person positioning themselves from the public offer page (no account): a request with minimal data, held until
-- the operator confirms it (the person is then created and oriented, and the request deleted) or declines it
-- (deleted). Only a one-way hash of the sender's address is kept, to slow down abuse.
CREATE TABLE platform.self_positioning (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  offer_id        uuid NOT NULL,
  territory       text NOT NULL,
  organisation_id text NOT NULL,
  family_name     text NOT NULL CHECK (length(family_name) BETWEEN 1 AND 100),
  first_names     text NOT NULL CHECK (length(first_names) BETWEEN 1 AND 100),
  birth_date      date NOT NULL,
  commune         text NOT NULL CHECK (length(commune) BETWEEN 1 AND 100),
  email           text CHECK (length(email) <= 200),
  phone           text CHECK (length(phone) <= 30),
  -- NULL: the person does not know.
  rsa_recipient   boolean,
  message         text CHECK (length(message) <= 500),
  address_hash    text NOT NULL,
  person_id       uuid,
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX self_positioning_by_address ON platform.self_positioning (tenant_id, address_hash, created_at);
CREATE INDEX self_positioning_by_organisation ON platform.self_positioning (tenant_id, organisation_id, created_at);
CREATE INDEX self_positioning_recent ON platform.self_positioning (tenant_id, created_at);

ALTER TABLE platform.self_positioning ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.self_positioning FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.self_positioning
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.self_positioning TO "${app_role}";
