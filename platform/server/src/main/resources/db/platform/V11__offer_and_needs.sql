-- The offer catalogue (action types delivered by organisations on territories, with places) and the needs a
-- call for projects sets per territory, which the offer is measured against.

CREATE TABLE platform.offer_item (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  action_type      text NOT NULL CHECK (action_type ~ '^[a-z][a-z0-9-]{1,62}$'),
  organisation_id  text NOT NULL,
  title            text NOT NULL CHECK (length(title) BETWEEN 3 AND 150),
  description      text NOT NULL DEFAULT '',
  period_start     date NOT NULL,
  period_end       date NOT NULL,
  schedule         text NOT NULL DEFAULT '',
  funders          text[] NOT NULL DEFAULT '{}',
  -- The programme action it serves, as text (e.g. "pdi-pti-2022-2025/1-1-1"): programmes live in their own tables.
  programme_action text,
  thematiques      text[] NOT NULL DEFAULT '{}',
  publics          text[] NOT NULL DEFAULT '{}',
  contact_email    text,
  contact_phone    text,
  location         text NOT NULL DEFAULT '',
  version          integer NOT NULL DEFAULT 1,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, organisation_id) REFERENCES platform.organisation (tenant_id, id),
  CHECK (period_end >= period_start)
);
CREATE INDEX offer_item_by_type ON platform.offer_item (tenant_id, action_type);
CREATE INDEX offer_item_by_organisation ON platform.offer_item (tenant_id, organisation_id);

-- Places of an offer item per territory, in the action type's capacity unit; "taken" is what is in use now
-- (kept by hand until pathways count it).
CREATE TABLE platform.offer_place (
  tenant_id  text NOT NULL REFERENCES platform.tenant (slug),
  offer_id   uuid NOT NULL,
  territory  text NOT NULL CHECK (territory ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  capacity   integer NOT NULL CHECK (capacity >= 0),
  taken      integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  PRIMARY KEY (tenant_id, offer_id, territory),
  FOREIGN KEY (tenant_id, offer_id) REFERENCES platform.offer_item (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX offer_place_by_territory ON platform.offer_place (tenant_id, territory);

-- A call for projects whose needs were loaded from tenants/<slug>/needs/<call>.yaml.
CREATE TABLE platform.need_call (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  title       text NOT NULL,
  notes       text[] NOT NULL DEFAULT '{}',
  source_hash text NOT NULL,
  loaded_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code)
);

CREATE TABLE platform.need_target (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  call_code   text NOT NULL,
  action_type text NOT NULL,
  territory   text NOT NULL,
  unit        text NOT NULL CHECK (unit IN ('PEOPLE_IN_FILE_ACTIVE', 'WORKSHOPS_PER_YEAR')),
  label       text NOT NULL,
  target      integer NOT NULL CHECK (target >= 0),
  position    integer NOT NULL,
  PRIMARY KEY (tenant_id, call_code, action_type, territory),
  FOREIGN KEY (tenant_id, call_code) REFERENCES platform.need_call (tenant_id, code) ON DELETE CASCADE
);

ALTER TABLE platform.offer_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.offer_item FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.offer_item
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.offer_place ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.offer_place FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.offer_place
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.need_call ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.need_call FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.need_call
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.need_target ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.need_target FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.need_target
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.offer_item, platform.offer_place TO "${app_role}";
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.need_call, platform.need_target TO "${app_role}";
