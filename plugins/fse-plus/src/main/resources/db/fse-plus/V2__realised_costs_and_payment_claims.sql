-- Realised costs per year and payment claims of an FSE+ operation.

-- Realised costs of an FSE+ operation, per calendar year, in the categories of its financing plan (euro cents). The
-- simplified cost option and its flat rate are the plan's: they are applied to the realised direct staff costs.
CREATE TABLE fse_plus.realised_cost (
  tenant_id           text    NOT NULL,
  operation_id        uuid    NOT NULL,
  year                integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  staff_cents         bigint  NOT NULL DEFAULT 0 CHECK (staff_cents >= 0),
  other_direct_cents  bigint  NOT NULL DEFAULT 0 CHECK (other_direct_cents >= 0),
  indirect_cents      bigint  NOT NULL DEFAULT 0 CHECK (indirect_cents >= 0),
  units               integer NOT NULL DEFAULT 0 CHECK (units >= 0),
  lump_sum_cents      bigint  NOT NULL DEFAULT 0 CHECK (lump_sum_cents >= 0),
  version             integer NOT NULL DEFAULT 1,
  updated_at          timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, operation_id, year),
  FOREIGN KEY (tenant_id, operation_id) REFERENCES fse_plus.operation (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE fse_plus.realised_cost ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.realised_cost FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.realised_cost
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Payment claims of FSE+ (advance, interim payment, balance), with the figures they were computed from.
CREATE TABLE fse_plus.payment_claim (
  id                       uuid    NOT NULL DEFAULT gen_random_uuid(),
  tenant_id                text    NOT NULL,
  operation_id             uuid    NOT NULL,
  kind                     text    NOT NULL CHECK (kind IN ('advance', 'interim', 'balance')),
  amount_cents             bigint  NOT NULL CHECK (amount_cents > 0),
  claimed_on               date    NOT NULL,
  realised_total_cents     bigint  NOT NULL CHECK (realised_total_cents >= 0),
  fse_due_cents            bigint  NOT NULL CHECK (fse_due_cents >= 0),
  previously_claimed_cents bigint  NOT NULL CHECK (previously_claimed_cents >= 0),
  created_at               timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, operation_id) REFERENCES fse_plus.operation (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX payment_claim_by_operation ON fse_plus.payment_claim (tenant_id, operation_id, created_at);

ALTER TABLE fse_plus.payment_claim ENABLE ROW LEVEL SECURITY;
ALTER TABLE fse_plus.payment_claim FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON fse_plus.payment_claim
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
