-- Conventions d'objectifs et de moyens: the convention a département signs with an organisation (or a groupement
-- led by one) for several years, its yearly tranches voted by the deliberative assembly, its amendments and the
-- payments made. The convention's terms (parties, period, objectives per year and territory, means, budgets and
-- co-funders per year) are one JSON document, so that each amendment keeps the terms before and after it.

CREATE TABLE platform.convention (
  tenant_id          text NOT NULL REFERENCES platform.tenant (slug),
  id                 uuid NOT NULL DEFAULT gen_random_uuid(),
  reference          text NOT NULL CHECK (length(reference) BETWEEN 1 AND 80),
  title              text NOT NULL CHECK (length(title) BETWEEN 3 AND 256),
  action_type        text NOT NULL CHECK (action_type ~ '^[a-z][a-z0-9-]{1,62}$'),
  organisation_id    text NOT NULL,
  -- The territories of its objectives, kept beside the terms for the territory agents' scope.
  territories        text[] NOT NULL DEFAULT '{}',
  period_start       date NOT NULL,
  period_end         date NOT NULL,
  terms              jsonb NOT NULL,
  state              text NOT NULL DEFAULT 'draft'
                     CHECK (state IN ('draft', 'signed', 'running', 'ended', 'terminated')),
  signed_on          date,
  termination_reason text,
  -- Where it came from, when it was made from a selected project of a call.
  call_id            uuid,
  application_id     uuid,
  -- The offer item whose places per territory are the convention's objectives (checked when set; an offer item
  -- deleted later leaves the convention naming none it can find).
  offer_id           uuid,
  version            integer NOT NULL DEFAULT 1,
  created_at         timestamptz NOT NULL DEFAULT now(),
  updated_at         timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, reference),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES platform.organisation (tenant_id, id),
  CHECK (period_end >= period_start),
  CHECK (state = 'draft' OR signed_on IS NOT NULL),
  CHECK (state <> 'terminated' OR termination_reason IS NOT NULL)
);
CREATE INDEX convention_by_organisation ON platform.convention (tenant_id, organisation_id);
CREATE INDEX convention_by_action_type ON platform.convention (tenant_id, action_type);
CREATE INDEX convention_by_territories ON platform.convention USING gin (territories);

-- A yearly tranche of the Département's funding: year 1 firm at signature, the next ones provisional until the
-- deliberation that votes them (possibly at a lower amount) or decides not to renew.
CREATE TABLE platform.convention_tranche (
  tenant_id              text NOT NULL REFERENCES platform.tenant (slug),
  convention_id          uuid NOT NULL,
  year                   integer NOT NULL CHECK (year BETWEEN 1 AND 10),
  status                 text NOT NULL DEFAULT 'provisional' CHECK (status IN ('provisional', 'voted', 'not-renewed')),
  voted_cents            bigint CHECK (voted_cents >= 0),
  deliberation_date      date,
  deliberation_reference text,
  PRIMARY KEY (tenant_id, convention_id, year),
  FOREIGN KEY (tenant_id, convention_id) REFERENCES platform.convention (tenant_id, id) ON DELETE CASCADE,
  CHECK (status = 'provisional' OR (deliberation_date IS NOT NULL AND deliberation_reference IS NOT NULL)),
  CHECK ((status = 'voted') = (voted_cents IS NOT NULL))
);

-- An amendment (avenant): numbered, dated, what it changes, and the terms before and after it.
CREATE TABLE platform.convention_amendment (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  convention_id  uuid NOT NULL,
  number         integer NOT NULL CHECK (number >= 1),
  signed_on      date NOT NULL,
  effective_from date NOT NULL,
  object         text NOT NULL,
  changes        jsonb NOT NULL DEFAULT '[]',
  terms_before   jsonb NOT NULL,
  terms_after    jsonb NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, convention_id, number),
  FOREIGN KEY (tenant_id, convention_id) REFERENCES platform.convention (tenant_id, id) ON DELETE CASCADE
);

-- A payment made (mandat): on a year's voted tranche.
CREATE TABLE platform.convention_payment (
  tenant_id         text NOT NULL REFERENCES platform.tenant (slug),
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  convention_id     uuid NOT NULL,
  year              integer NOT NULL CHECK (year BETWEEN 1 AND 10),
  kind              text NOT NULL CHECK (kind IN ('advance', 'balance', 'instalment')),
  paid_on           date NOT NULL,
  amount_cents      bigint NOT NULL CHECK (amount_cents > 0),
  mandate_reference text NOT NULL,
  created_at        timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, convention_id) REFERENCES platform.convention (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX convention_payment_by_convention ON platform.convention_payment (tenant_id, convention_id, year);

ALTER TABLE platform.convention ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.convention_tranche ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention_tranche FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention_tranche
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.convention_amendment ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention_amendment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention_amendment
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.convention_payment ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.convention_payment FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.convention_payment
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.convention, platform.convention_tranche, platform.convention_amendment,
  platform.convention_payment TO "${app_role}";
