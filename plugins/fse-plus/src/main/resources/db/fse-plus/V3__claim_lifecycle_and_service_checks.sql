-- A payment claim is prepared (draft), changed while it is, then submitted once its service-done checks are recorded,
-- or withdrawn; a withdrawn claim is kept and no longer counts in what was claimed. Claims made before this step
-- were final when made: they are submitted.
ALTER TABLE fse_plus.payment_claim
  ADD COLUMN status       text    NOT NULL DEFAULT 'submitted' CHECK (status IN ('draft', 'submitted', 'withdrawn')),
  ADD COLUMN version      integer NOT NULL DEFAULT 1,
  ADD COLUMN submitted_on date,
  ADD COLUMN withdrawn_on date;
UPDATE fse_plus.payment_claim SET submitted_on = claimed_on WHERE submitted_on IS NULL;
ALTER TABLE fse_plus.payment_claim ALTER COLUMN status SET DEFAULT 'draft';

-- Service-done checks (vérifications de service fait) of a payment claim: who checked, when, what (a participant of
-- the sample or a document) and the result. A claim is submitted only once checked, and never with a non-compliant
-- check left.
CREATE TABLE fse_plus.service_check (
  id               uuid        NOT NULL DEFAULT gen_random_uuid(),
  tenant_id        text        NOT NULL,
  operation_id     uuid        NOT NULL,
  claim_id         uuid        NOT NULL,
  participation_id uuid,
  checked_by       text        NOT NULL,
  checked_on       date        NOT NULL,
  subject          text        NOT NULL CHECK (length(subject) BETWEEN 3 AND 500),
  result           text        NOT NULL CHECK (result IN ('compliant', 'corrected', 'non-compliant')),
  recorded_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, claim_id) REFERENCES fse_plus.payment_claim (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX service_check_by_claim ON fse_plus.service_check (tenant_id, claim_id, checked_on);

ALTER TABLE fse_plus.service_check ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.service_check FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.service_check
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
