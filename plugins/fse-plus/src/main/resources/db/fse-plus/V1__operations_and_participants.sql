-- FSE+ co-funding: operations co-funded by the European Social Fund Plus (linked to conventions of the platform),
-- their financing plan with the simplified cost options of Regulation (EU) 2021/1060, and the data of their
-- participants at entry, at exit and six months after exit (Regulation (EU) 2021/1057, Annex I).

CREATE TABLE fse_plus.operation (
  id                  uuid        NOT NULL DEFAULT gen_random_uuid(),
  tenant_id           text        NOT NULL,
  title               text        NOT NULL CHECK (length(title) BETWEEN 3 AND 200),
  programme           text        NOT NULL CHECK (length(programme) BETWEEN 3 AND 200),
  priority            text        NOT NULL CHECK (length(priority) BETWEEN 1 AND 200),
  specific_objective  text        NOT NULL CHECK (length(specific_objective) BETWEEN 1 AND 200),
  period_start        date        NOT NULL,
  period_end          date        NOT NULL,
  -- operator: the operator carries the FSE+ grant; intermediate-body: the Département as organisme intermédiaire.
  beneficiary_kind    text        NOT NULL CHECK (beneficiary_kind IN ('operator', 'intermediate-body')),
  beneficiary_name    text        NOT NULL CHECK (length(beneficiary_name) BETWEEN 2 AND 200),
  status              text        NOT NULL DEFAULT 'application',
  -- Financing plan, in euro cents; cost_option names the simplified cost option of the plan.
  cost_option         text        NOT NULL DEFAULT 'real-costs'
                      CHECK (cost_option IN ('real-costs', 'indirect-flat-rate', 'remaining-flat-rate', 'unit-costs', 'lump-sum')),
  flat_rate_percent   numeric(5, 2),
  staff_cents         bigint      NOT NULL DEFAULT 0 CHECK (staff_cents >= 0),
  other_direct_cents  bigint      NOT NULL DEFAULT 0 CHECK (other_direct_cents >= 0),
  indirect_cents      bigint      NOT NULL DEFAULT 0 CHECK (indirect_cents >= 0),
  unit_cost_cents     bigint      CHECK (unit_cost_cents >= 0),
  units               integer     CHECK (units >= 0),
  lump_sum_cents      bigint      CHECK (lump_sum_cents >= 0),
  fse_rate_percent    numeric(5, 2) NOT NULL DEFAULT 0,
  departement_cents   bigint      NOT NULL DEFAULT 0 CHECK (departement_cents >= 0),
  etat_cents          bigint      NOT NULL DEFAULT 0 CHECK (etat_cents >= 0),
  other_public_cents  bigint      NOT NULL DEFAULT 0 CHECK (other_public_cents >= 0),
  private_cents       bigint      NOT NULL DEFAULT 0 CHECK (private_cents >= 0),
  version             integer     NOT NULL DEFAULT 1,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (period_end >= period_start)
);
CREATE INDEX operation_by_title ON fse_plus.operation (tenant_id, title);

-- The conventions of the platform an operation co-funds.
CREATE TABLE fse_plus.operation_convention (
  tenant_id     text NOT NULL,
  operation_id  uuid NOT NULL,
  convention_id uuid NOT NULL,
  PRIMARY KEY (tenant_id, operation_id, convention_id),
  FOREIGN KEY (tenant_id, operation_id) REFERENCES fse_plus.operation (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX operation_convention_by_convention ON fse_plus.operation_convention (tenant_id, convention_id);

-- A participant of an operation: one participation (person on an action) of a co-funded convention. Dates, age
-- band and RSA status are copied from the pathway, never typed; the rest is collected for FSE+.
CREATE TABLE fse_plus.participant (
  tenant_id         text    NOT NULL,
  operation_id      uuid    NOT NULL,
  participation_id  uuid    NOT NULL,
  person_id         uuid    NOT NULL,
  territory         text    NOT NULL,
  rsa_recipient     boolean NOT NULL,
  entry_date        date    NOT NULL,
  -- below-18, 18-29, 30-54, 55-plus: from the birth date at entry.
  age_band          text    NOT NULL CHECK (age_band IN ('below-18', '18-29', '30-54', '55-plus')),
  exit_date         date,
  exit_type         text,
  -- Data at entry.
  gender            text    CHECK (gender IN ('woman', 'man', 'non-binary')),
  labour_status     text    CHECK (labour_status IN ('unemployed', 'long-term-unemployed', 'inactive', 'employed')),
  education         text    CHECK (education IN ('isced-0-2', 'isced-3-4', 'isced-5-8')),
  -- Sensitive, declarative, optional: yes, no or refused (refused to answer).
  disability        text    CHECK (disability IN ('yes', 'no', 'refused')),
  third_country     text    CHECK (third_country IN ('yes', 'no', 'refused')),
  foreign_background text   CHECK (foreign_background IN ('yes', 'no', 'refused')),
  minority          text    CHECK (minority IN ('yes', 'no', 'refused')),
  homeless          text    CHECK (homeless IN ('yes', 'no', 'refused')),
  rural             text    CHECK (rural IN ('yes', 'no', 'refused')),
  entry_collected_on date,
  -- Immediate results at exit: job-searching, education-training, qualification, employment.
  exit_results      text[]  NOT NULL DEFAULT '{}',
  exit_collected_on date,
  -- Six months after exit.
  employed_after_six_months boolean,
  improved_after_six_months boolean,
  six_months_collected_on date,
  version           integer NOT NULL DEFAULT 1,
  PRIMARY KEY (tenant_id, operation_id, participation_id),
  FOREIGN KEY (tenant_id, operation_id) REFERENCES fse_plus.operation (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX participant_six_months_due ON fse_plus.participant (tenant_id, exit_date)
  WHERE exit_date IS NOT NULL AND six_months_collected_on IS NULL;

ALTER TABLE fse_plus.operation ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.operation FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.operation
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE fse_plus.operation_convention ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.operation_convention FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.operation_convention
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE fse_plus.participant ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.participant FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.participant
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
