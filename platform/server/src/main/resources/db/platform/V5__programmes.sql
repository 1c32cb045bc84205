-- Policy programmes (PDI, PTI, PDI/PTI, territorial pacts, schémas): one row per version, never overwritten by a
-- newer one (a newer programme "supersedes" an older code). Child rows hang off natural keys (codes as published,
-- unique within their parent) and are deleted with their programme. Editable rows carry a version.

CREATE TABLE platform.programme (
  tenant_id   text NOT NULL REFERENCES platform.tenant (slug),
  code        text NOT NULL CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  kind        text NOT NULL CHECK (kind IN ('pdi', 'pti', 'pdi-pti', 'pacte-territorial', 'schema-solidarites')),
  title       text NOT NULL,
  period_from date NOT NULL,
  period_to   date NOT NULL,
  adopted_on  date,
  territory   text,
  supersedes  text,
  summary     text,
  notes       text[] NOT NULL DEFAULT '{}',
  version     integer NOT NULL DEFAULT 1,
  changed_by  text NOT NULL,
  changed_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, code),
  CHECK (period_to >= period_from)
);

CREATE TABLE platform.programme_revision (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  position       integer NOT NULL,
  revised_on     date NOT NULL,
  note           text NOT NULL,
  PRIMARY KEY (tenant_id, programme_code, position),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

CREATE TABLE platform.programme_signatory (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  position       integer NOT NULL,
  name           text NOT NULL,
  represented_by text,
  PRIMARY KEY (tenant_id, programme_code, position),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

-- "Engagements réciproques": what one partner commits to.
CREATE TABLE platform.programme_commitment (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  position       integer NOT NULL,
  partner        text NOT NULL,
  items          text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, programme_code, position),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

-- Governance bodies (comité stratégique, comités territoriaux, COPIL…) and their meetings.
CREATE TABLE platform.programme_body (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  code           text NOT NULL,
  position       integer NOT NULL,
  name           text NOT NULL,
  role           text,
  members        text[] NOT NULL DEFAULT '{}',
  cadence        text,
  PRIMARY KEY (tenant_id, programme_code, code),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

CREATE TABLE platform.programme_meeting (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  body_code      text NOT NULL,
  position       integer NOT NULL,
  held_on        date NOT NULL,
  participants   text[] NOT NULL DEFAULT '{}',
  decisions      text[] NOT NULL DEFAULT '{}',
  minutes        text,
  PRIMARY KEY (tenant_id, programme_code, body_code, position),
  FOREIGN KEY (tenant_id, programme_code, body_code)
    REFERENCES platform.programme_body (tenant_id, programme_code, code) ON DELETE CASCADE
);

CREATE TABLE platform.programme_axis (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  code           text NOT NULL,
  position       integer NOT NULL,
  title          text NOT NULL,
  description    text,
  status         text,
  planned        text,
  notes          text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, programme_code, code),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

-- Fiches or objectives of an axis.
CREATE TABLE platform.programme_fiche (
  tenant_id          text NOT NULL REFERENCES platform.tenant (slug),
  programme_code     text NOT NULL,
  axis_code          text NOT NULL,
  code               text NOT NULL,
  position           integer NOT NULL,
  title              text NOT NULL,
  starting_situation text,
  desired_situation  text,
  notes              text[] NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, programme_code, axis_code, code),
  FOREIGN KEY (tenant_id, programme_code, axis_code)
    REFERENCES platform.programme_axis (tenant_id, programme_code, code) ON DELETE CASCADE
);

CREATE TABLE platform.programme_action (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  id             bigint GENERATED ALWAYS AS IDENTITY,
  programme_code text NOT NULL,
  axis_code      text NOT NULL,
  fiche_code     text NOT NULL,
  code           text NOT NULL,
  position       integer NOT NULL,
  title          text NOT NULL CHECK (length(btrim(title)) > 0),
  description    text,
  target_public  text,
  pilots         text[] NOT NULL DEFAULT '{}',
  partners       text[] NOT NULL DEFAULT '{}',
  calendar       text,
  notes          text[] NOT NULL DEFAULT '{}',
  version        integer NOT NULL DEFAULT 1,
  changed_by     text NOT NULL,
  changed_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, programme_code, axis_code, fiche_code, code),
  FOREIGN KEY (tenant_id, programme_code, axis_code, fiche_code)
    REFERENCES platform.programme_fiche (tenant_id, programme_code, axis_code, code) ON DELETE CASCADE
);

-- Follow-up indicators of an action; most seeds publish no unit, period or target.
CREATE TABLE platform.programme_indicator (
  tenant_id text NOT NULL REFERENCES platform.tenant (slug),
  action_id bigint NOT NULL,
  position  integer NOT NULL,
  name      text NOT NULL CHECK (length(btrim(name)) > 0),
  unit      text,
  period    text,
  target    text,
  PRIMARY KEY (tenant_id, action_id, position),
  FOREIGN KEY (tenant_id, action_id) REFERENCES platform.programme_action (tenant_id, id) ON DELETE CASCADE
);

-- Territorial roadmaps ("feuilles de route") and their chantiers.
CREATE TABLE platform.programme_roadmap (
  tenant_id      text NOT NULL REFERENCES platform.tenant (slug),
  programme_code text NOT NULL,
  position       integer NOT NULL,
  territory      text NOT NULL,
  title          text NOT NULL,
  PRIMARY KEY (tenant_id, programme_code, position),
  FOREIGN KEY (tenant_id, programme_code) REFERENCES platform.programme (tenant_id, code) ON DELETE CASCADE
);

CREATE TABLE platform.programme_chantier (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  id               bigint GENERATED ALWAYS AS IDENTITY,
  programme_code   text NOT NULL,
  roadmap_position integer NOT NULL,
  code             text NOT NULL,
  position         integer NOT NULL,
  title            text NOT NULL CHECK (length(btrim(title)) > 0),
  description      text,
  partners         text[] NOT NULL DEFAULT '{}',
  actions          text[] NOT NULL DEFAULT '{}',
  notes            text[] NOT NULL DEFAULT '{}',
  version          integer NOT NULL DEFAULT 1,
  changed_by       text NOT NULL,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, programme_code, roadmap_position, code),
  FOREIGN KEY (tenant_id, programme_code, roadmap_position)
    REFERENCES platform.programme_roadmap (tenant_id, programme_code, position) ON DELETE CASCADE
);

DO $$
DECLARE
  name text;
BEGIN
  FOREACH name IN ARRAY ARRAY['programme', 'programme_revision', 'programme_signatory', 'programme_commitment',
      'programme_body', 'programme_meeting', 'programme_axis', 'programme_fiche', 'programme_action',
      'programme_indicator', 'programme_roadmap', 'programme_chantier'] LOOP
    EXECUTE format('ALTER TABLE platform.%I ENABLE ROW LEVEL SECURITY', name);
    EXECUTE format('ALTER TABLE platform.%I FORCE ROW LEVEL SECURITY', name);
    EXECUTE format('CREATE POLICY tenant_isolation ON platform.%I USING (tenant_id = platform.current_tenant()) '
        'WITH CHECK (tenant_id = platform.current_tenant())', name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON platform.%I TO %I', name, '${app_role}');
  END LOOP;
END $$;
