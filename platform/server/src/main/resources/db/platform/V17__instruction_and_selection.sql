-- Instruction and selection of the applications to a call for projects: admissibility, the questions to the
-- applicant, the reviewers' sheets on the call's grid and their consolidation, the selection proposal within the
-- envelope, the committee's decision and the letters. Money is in integer cents.

-- The programme manager's word on admissibility (complete and received on time is computed; this confirms it or
-- declares the application inadmissible, with a reason the applicant reads).
CREATE TABLE platform.application_admissibility (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  application_id uuid NOT NULL,
  admissible     boolean NOT NULL,
  reason         text NOT NULL DEFAULT '' CHECK (length(reason) <= 4000),
  decided_by     text NOT NULL,
  decided_at     timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, application_id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id),
  CHECK (admissible OR length(trim(reason)) > 0)
);

-- The thread between the Département and the applicant: a question (with its due date) or an answer, which may add
-- parts taken from the organisation's vault. Messages are never changed nor deleted.
CREATE TABLE platform.application_message (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  side           text NOT NULL CHECK (side IN ('departement', 'candidat')),
  author         text NOT NULL,
  author_name    text NOT NULL,
  body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
  due_date       date,
  -- [{document, label}] parts of the organisation's vault the message adds to the application.
  parts          jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id),
  CHECK (side = 'departement' OR due_date IS NULL)
);
CREATE INDEX application_message_by_application ON platform.application_message (tenant_id, application_id, created_at);

-- A reviewer assigned to one project of an application: scores on every criterion of the lot's grid
-- ({key: {score, justification}}), submitted once; a declared conflict of interest excludes the reviewer.
CREATE TABLE platform.project_review (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  application_id   uuid NOT NULL,
  lot_code         text NOT NULL,
  reviewer         text NOT NULL,
  reviewer_name    text NOT NULL,
  reviewer_email   text,
  assigned_by      text NOT NULL,
  assigned_at      timestamptz NOT NULL DEFAULT now(),
  conflict         boolean NOT NULL DEFAULT false,
  conflict_reason  text NOT NULL DEFAULT '',
  scores           jsonb NOT NULL DEFAULT '{}'::jsonb,
  points           integer,
  submitted_at     timestamptz,
  version          integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, application_id, lot_code, reviewer),
  FOREIGN KEY (tenant_id, application_id, lot_code)
    REFERENCES platform.application_project (tenant_id, application_id, lot_code),
  CHECK (NOT (conflict AND submitted_at IS NOT NULL)),
  CHECK (submitted_at IS NULL OR points IS NOT NULL)
);
CREATE INDEX project_review_by_reviewer ON platform.project_review (tenant_id, reviewer);

-- The consolidated score agreed after discussion, in points of the lot's grid, with why.
CREATE TABLE platform.project_consolidation (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  application_id uuid NOT NULL,
  lot_code       text NOT NULL,
  agreed_points  numeric(10, 2) NOT NULL CHECK (agreed_points >= 0),
  justification  text NOT NULL CHECK (length(trim(justification)) > 0),
  agreed_by      text NOT NULL,
  agreed_at      timestamptz NOT NULL DEFAULT now(),
  version        integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, application_id, lot_code),
  FOREIGN KEY (tenant_id, application_id, lot_code)
    REFERENCES platform.application_project (tenant_id, application_id, lot_code)
);

-- The selection proposal of a call (one per call, versioned) and its lines: retained or not, amount negotiated.
CREATE TABLE platform.call_selection (
  tenant_id                    text NOT NULL REFERENCES platform.tenant (slug),
  call_id                      uuid NOT NULL,
  disagreement_threshold       integer NOT NULL DEFAULT 15 CHECK (disagreement_threshold BETWEEN 0 AND 100),
  updated_by                   text,
  updated_at                   timestamptz NOT NULL DEFAULT now(),
  version                      integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, call_id),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_for_projects (tenant_id, id)
);

CREATE TABLE platform.call_selection_line (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  call_id          uuid NOT NULL,
  application_id   uuid NOT NULL,
  lot_code         text NOT NULL,
  retained         boolean NOT NULL,
  negotiated_cents bigint CHECK (negotiated_cents >= 0),
  PRIMARY KEY (tenant_id, call_id, application_id, lot_code),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_selection (tenant_id, call_id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, application_id, lot_code)
    REFERENCES platform.application_project (tenant_id, application_id, lot_code)
);

-- The committee's decision (commission permanente): its date and deliberation, then per project selected or not
-- with the amount, and what the convention will need (organisation, lot, territories, objectives, budget) as decided.
CREATE TABLE platform.call_decision (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  call_id          uuid NOT NULL,
  committee        text NOT NULL CHECK (length(committee) BETWEEN 2 AND 200),
  committee_date   date NOT NULL,
  deliberation_ref text NOT NULL CHECK (length(deliberation_ref) BETWEEN 1 AND 100),
  decided_by       text NOT NULL,
  decided_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, call_id),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_for_projects (tenant_id, id)
);

CREATE TABLE platform.project_decision (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  call_id         uuid NOT NULL,
  application_id  uuid NOT NULL,
  lot_code        text NOT NULL,
  organisation_id text NOT NULL,
  selected        boolean NOT NULL,
  amount_cents    bigint NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
  requested_cents bigint NOT NULL CHECK (requested_cents >= 0),
  territories     text[] NOT NULL,
  objectives      jsonb NOT NULL,
  budget          jsonb NOT NULL,
  score_points    numeric(10, 2),
  PRIMARY KEY (tenant_id, application_id, lot_code),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_decision (tenant_id, call_id),
  FOREIGN KEY (tenant_id, application_id, lot_code)
    REFERENCES platform.application_project (tenant_id, application_id, lot_code),
  CHECK (selected OR amount_cents = 0)
);
CREATE INDEX project_decision_by_call ON platform.project_decision (tenant_id, call_id, selected);

-- The letters sent after the decision, as PDF: a notification per application, an acceptance or a refusal per
-- project (lot_code '' for the notification).
CREATE TABLE platform.decision_letter (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  application_id uuid NOT NULL,
  lot_code       text NOT NULL DEFAULT '',
  kind           text NOT NULL CHECK (kind IN ('notification', 'acceptance', 'refusal')),
  file_name      text NOT NULL,
  pdf            bytea NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, application_id, lot_code, kind),
  FOREIGN KEY (tenant_id, application_id) REFERENCES platform.application (tenant_id, id)
);

-- A tenant's own wording of a letter (tenants/<slug>/letters/<kind>.txt); Pacte's French default otherwise.
CREATE TABLE platform.letter_template (
  tenant_id text NOT NULL REFERENCES platform.tenant (slug),
  kind      text NOT NULL CHECK (kind IN ('notification', 'acceptance', 'refusal')),
  body      text NOT NULL,
  PRIMARY KEY (tenant_id, kind)
);

ALTER TABLE platform.application_admissibility ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application_admissibility FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application_admissibility
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.application_message ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.application_message FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.application_message
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.project_review ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.project_review FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.project_review
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.project_consolidation ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.project_consolidation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.project_consolidation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.call_selection ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_selection FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_selection
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.call_selection_line ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_selection_line FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_selection_line
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.call_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_decision FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_decision
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.project_decision ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.project_decision FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.project_decision
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.decision_letter ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.decision_letter FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.decision_letter
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.letter_template ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.letter_template FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.letter_template
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Messages, decisions and letters are kept as written: no update, no delete.
GRANT SELECT, INSERT ON platform.application_message, platform.call_decision, platform.project_decision,
  platform.decision_letter TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON platform.application_admissibility, platform.project_review,
  platform.project_consolidation, platform.call_selection TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.call_selection_line, platform.letter_template TO "${app_role}";
