-- Reporting: the operators' monthly report (the tableau de pilotage of each action, per territory and month),
-- prefilled from the pathways and reconciled by the operator, then validated by the territory, approved by the
-- direction and locked; reminders before and after its due date; the yearly evaluation (fiche bilan) of each
-- convention with its comité de pilotage and the decision that feeds the next yearly tranche.

-- When reports are due, per tenant: the day of the month following the reported one (30 by default, the last day
-- of a shorter month), and when reminders go.
CREATE TABLE platform.report_setting (
  tenant_id          text NOT NULL REFERENCES platform.tenant (slug),
  due_day            integer NOT NULL DEFAULT 30 CHECK (due_day BETWEEN 1 AND 31),
  remind_days_before integer NOT NULL DEFAULT 5 CHECK (remind_days_before BETWEEN 0 AND 28),
  version            integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id)
);

CREATE TABLE platform.monthly_report (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  -- The action reported on: an offer item of one organisation, on one territory; the convention funding it, if any.
  offer_id        uuid NOT NULL,
  territory       text NOT NULL CHECK (territory ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  organisation_id text NOT NULL,
  action_type     text NOT NULL,
  title           text NOT NULL,
  convention_id   uuid,
  -- The first day of the month reported.
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  due_on          date NOT NULL,
  state           text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'validated', 'approved', 'locked')),
  -- The figures: [{code, section, label, prefilled, value, comment}]; a value that differs from the prefilled one
  -- carries a comment.
  lines           jsonb NOT NULL DEFAULT '[]',
  comment         text NOT NULL DEFAULT '' CHECK (length(comment) <= 4000),
  prefilled_at    timestamptz NOT NULL DEFAULT now(),
  submitted_at    timestamptz,
  submitted_by    text,
  validated_at    timestamptz,
  validated_by    text,
  approved_at     timestamptz,
  approved_by     text,
  locked_at       timestamptz,
  reopen_reason   text,
  version         integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, offer_id, territory, month)
);
CREATE INDEX monthly_report_by_month ON platform.monthly_report (tenant_id, month, organisation_id);
CREATE INDEX monthly_report_by_territory ON platform.monthly_report (tenant_id, territory, month);
CREATE INDEX monthly_report_due ON platform.monthly_report (tenant_id, due_on) WHERE state = 'draft';

-- A reminder of a report: before its due date, and once late. Shown in the application and mailed, once each.
CREATE TABLE platform.report_reminder (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  report_id  uuid NOT NULL,
  kind       text NOT NULL CHECK (kind IN ('before', 'after')),
  organisation_id text NOT NULL,
  message    text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, report_id, kind),
  FOREIGN KEY (tenant_id, report_id) REFERENCES platform.monthly_report (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX report_reminder_by_organisation ON platform.report_reminder (tenant_id, organisation_id, created_at DESC);

-- The fiche bilan of a convention's year, and its comité de pilotage.
CREATE TABLE platform.yearly_evaluation (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  convention_id    uuid NOT NULL,
  year             integer NOT NULL CHECK (year BETWEEN 1 AND 10),
  organisation_id  text NOT NULL,
  territories      text[] NOT NULL DEFAULT '{}',
  state            text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'sent', 'decided')),
  -- What the data says: objectives against results per territory, exits by type, the monthly reports.
  figures          jsonb NOT NULL DEFAULT '{}',
  achievements     text NOT NULL DEFAULT '' CHECK (length(achievements) <= 8000),
  difficulties     text NOT NULL DEFAULT '' CHECK (length(difficulties) <= 8000),
  outlook          text NOT NULL DEFAULT '' CHECK (length(outlook) <= 8000),
  sent_at          timestamptz,
  committee_date   date,
  committee_participants text,
  committee_minutes text,
  decision         text CHECK (decision IN ('renew', 'adjust', 'stop')),
  decision_cents   bigint CHECK (decision_cents >= 0),
  decision_objectives text,
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, convention_id, year),
  FOREIGN KEY (tenant_id, convention_id) REFERENCES platform.convention (tenant_id, id),
  CHECK (state <> 'decided' OR (decision IS NOT NULL AND committee_date IS NOT NULL))
);

ALTER TABLE platform.report_setting ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.report_setting FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.report_setting
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.monthly_report ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.monthly_report FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.monthly_report
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.report_reminder ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.report_reminder FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.report_reminder
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.yearly_evaluation ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.yearly_evaluation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.yearly_evaluation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE ON platform.report_setting, platform.monthly_report, platform.report_reminder,
  platform.yearly_evaluation TO "${app_role}";
