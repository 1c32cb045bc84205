-- Sollicitations of the plateforme mobilité solidaire: the first "indicateur de suivi" of the fiche
-- ("Nombre de sollicitations des plateforme mobilité"). A register of contacts, not of people:
-- no name, address or identifier is stored, so the table holds no personal data.
CREATE TABLE mobility_platform.solicitations (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id   text        NOT NULL,
  received_on date        NOT NULL,
  -- A territoire d'action sociale name; free text until the référentiel of territories exists.
  territory   text        CHECK (char_length(territory) <= 120),
  -- Codes of SolicitationChannel.
  channel     text        CHECK (channel IN ('accueil_physique', 'telephone', 'mail', 'partenaire')),
  reason      text        CHECK (char_length(reason) <= 500),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- Counts and latest sollicitations per tenant and period.
CREATE INDEX solicitations_tenant_received_on_idx ON mobility_platform.solicitations (tenant_id, received_on);

-- Tenant isolation is held by PostgreSQL: FORCE applies the policy to the table owner too.
ALTER TABLE mobility_platform.solicitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE mobility_platform.solicitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON mobility_platform.solicitations
  USING (tenant_id = platform.current_tenant())
  WITH CHECK (tenant_id = platform.current_tenant());
