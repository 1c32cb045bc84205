-- Calls for projects: the campaign a département publishes (text, dates, envelope, documents asked for), its lots
-- (an action type on one or more territories, with the needs to cover) and its selection grid (criteria with a
-- weight and a scale of labelled levels), frozen from publication on.

CREATE TABLE platform.call_for_projects (
  tenant_id                 text NOT NULL REFERENCES platform.tenant (slug),
  id                        uuid NOT NULL DEFAULT gen_random_uuid(),
  -- Set for a call loaded from tenants/<slug>/calls/<code>.yaml, so that a changed file replaces the same call.
  code                      text CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  title                     text NOT NULL CHECK (length(title) BETWEEN 3 AND 300),
  thematic                  text NOT NULL DEFAULT '',
  programme_refs            text[] NOT NULL DEFAULT '{}',
  context                   text NOT NULL DEFAULT '',
  objectives                text NOT NULL DEFAULT '',
  public_text               text NOT NULL DEFAULT '',
  territories_text          text NOT NULL DEFAULT '',
  launch_decision           text NOT NULL DEFAULT '',
  launch_decision_date      date,
  publication_date          date,
  -- The deadline as the call writes it, a local date and time in time_zone; closes_at is that instant.
  deadline                  timestamp,
  time_zone                 text NOT NULL DEFAULT 'Europe/Paris',
  closes_at                 timestamptz,
  contacts                  jsonb NOT NULL DEFAULT '[]',
  budget_cents              bigint CHECK (budget_cents >= 0),
  general_parts             text[] NOT NULL DEFAULT '{}',
  project_parts             text[] NOT NULL DEFAULT '{}',
  documents                 text[] NOT NULL DEFAULT '{}',
  indirect_cost_cap_percent integer CHECK (indirect_cost_cap_percent BETWEEN 0 AND 100),
  max_convention_years      integer NOT NULL DEFAULT 3 CHECK (max_convention_years BETWEEN 1 AND 10),
  needs_from                text,
  notes                     text[] NOT NULL DEFAULT '{}',
  state                     text NOT NULL DEFAULT 'draft'
                            CHECK (state IN ('draft', 'published', 'closed', 'instruction', 'decided', 'archived')),
  copied_from               uuid,
  source_hash               text,
  version                   integer NOT NULL DEFAULT 1,
  published_at              timestamptz,
  closed_at                 timestamptz,
  created_at                timestamptz NOT NULL DEFAULT now(),
  updated_at                timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, code),
  CHECK (state = 'draft' OR (deadline IS NOT NULL AND closes_at IS NOT NULL))
);
-- Lists by state, and the closing job's search for published calls past their deadline.
CREATE INDEX call_for_projects_by_state ON platform.call_for_projects (tenant_id, state, closes_at);

CREATE TABLE platform.call_lot (
  tenant_id    text NOT NULL REFERENCES platform.tenant (slug),
  call_id      uuid NOT NULL,
  code         text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  position     integer NOT NULL,
  title        text NOT NULL,
  action_type  text NOT NULL CHECK (action_type ~ '^[a-z][a-z0-9-]{1,62}$'),
  territories  text[] NOT NULL CHECK (cardinality(territories) > 0),
  budget_cents bigint CHECK (budget_cents >= 0),
  -- The needs to cover per territory, taken from the tenant's needs when the lot was saved.
  needs        jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (tenant_id, call_id, code),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_for_projects (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX call_lot_by_action_type ON platform.call_lot (tenant_id, action_type);

-- A criterion of the grid: the call's general ones (action_type = '') and each action type's own.
CREATE TABLE platform.call_criterion (
  tenant_id    text NOT NULL REFERENCES platform.tenant (slug),
  call_id      uuid NOT NULL,
  action_type  text NOT NULL DEFAULT '',
  code         text NOT NULL,
  position     integer NOT NULL,
  label        text NOT NULL,
  weight       integer NOT NULL CHECK (weight BETWEEN 1 AND 100),
  scale        jsonb NOT NULL,
  sub_criteria jsonb NOT NULL DEFAULT '[]',
  PRIMARY KEY (tenant_id, call_id, action_type, code),
  FOREIGN KEY (tenant_id, call_id) REFERENCES platform.call_for_projects (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE platform.call_for_projects ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_for_projects FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_for_projects
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.call_lot ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_lot FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_lot
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.call_criterion ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.call_criterion FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.call_criterion
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.call_for_projects, platform.call_lot, platform.call_criterion TO "${app_role}";
