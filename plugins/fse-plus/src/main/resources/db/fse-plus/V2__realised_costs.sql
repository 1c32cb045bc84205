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
