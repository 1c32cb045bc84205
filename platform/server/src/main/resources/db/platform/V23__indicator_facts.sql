-- Indicators: monthly facts of the pathways, kept up to date as orientations and workshops change, so that a
-- dashboard or an indicator reads a few hundred rows per tenant instead of recounting millions of participations.
--
-- Why triggers rather than a job or the services: the facts change in the same transaction as the orientation or
-- the attendance they count, whichever code path writes it (services, demo, retention, a later import), so they are
-- never stale nor counted twice, and a rolled-back change leaves them untouched. Each trigger removes what the old
-- row contributed and adds what the new row contributes, which keeps them exact (platform.pathway_fact_recount()
-- recounts them from the data, to check and to fill them the first time).
--
-- What a month counts (the month of the tenant's calendar):
--   orientations  orientations made that month (queued_at), whatever became of them
--   entries       entries that month (entry_date)
--   exits         exits that month (exit_date), with their total length in days (exit_days) for the mean length
--   waiting       people on the waiting list now, by the month they joined it
--   sessions      workshop sessions held that month, and their registrations and attendance by status
-- The file active at the start of a month is the entries minus the exits of the months before; at its end, plus the
-- month's entries minus its exits.

CREATE TABLE platform.pathway_fact (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  action_type     text NOT NULL,
  territory       text NOT NULL,
  organisation_id text NOT NULL,
  offer_id        uuid NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  orientations    integer NOT NULL DEFAULT 0,
  entries         integer NOT NULL DEFAULT 0,
  exits           integer NOT NULL DEFAULT 0,
  exit_days       bigint NOT NULL DEFAULT 0,
  waiting         integer NOT NULL DEFAULT 0,
  sessions        integer NOT NULL DEFAULT 0,
  registered      integer NOT NULL DEFAULT 0,
  present         integer NOT NULL DEFAULT 0,
  absent          integer NOT NULL DEFAULT 0,
  excused         integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, action_type, territory, organisation_id, offer_id, month)
);
-- A dashboard filters on the tenant and one of: action type (the key), territory, operator, offer item (a convention).
CREATE INDEX pathway_fact_by_territory ON platform.pathway_fact (tenant_id, territory, month);
CREATE INDEX pathway_fact_by_organisation ON platform.pathway_fact (tenant_id, organisation_id, month);
CREATE INDEX pathway_fact_by_offer ON platform.pathway_fact (tenant_id, offer_id, month);

CREATE TABLE platform.pathway_exit_fact (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  action_type     text NOT NULL,
  territory       text NOT NULL,
  organisation_id text NOT NULL,
  offer_id        uuid NOT NULL,
  month           date NOT NULL CHECK (extract(day FROM month) = 1),
  exit_type       text NOT NULL,
  exits           integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, action_type, territory, organisation_id, offer_id, month, exit_type)
);
CREATE INDEX pathway_exit_fact_by_territory ON platform.pathway_exit_fact (tenant_id, territory, month);
CREATE INDEX pathway_exit_fact_by_organisation ON platform.pathway_exit_fact (tenant_id, organisation_id, month);

-- Indicators counted on participation fields read the participations of one action type followed in a period.
CREATE INDEX orientation_followed ON platform.orientation (tenant_id, action_type, entry_date) WHERE entry_date IS NOT NULL;

-- Values (and targets) the data cannot give, entered per period by the programme manager with their source: an
-- action type's indicator declared as entered, or a programme indicator of a PDI/PTI fiche.
CREATE TABLE platform.indicator_entry (
  tenant_id    text NOT NULL REFERENCES platform.tenant (slug),
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  -- An action type code, or a programme action ("pdi-pti-2022-2025/1-1-1").
  subject      text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
  indicator    text NOT NULL CHECK (length(indicator) BETWEEN 1 AND 200),
  -- NULL: the whole département.
  territory    text CHECK (territory ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  period_start date NOT NULL,
  period_end   date NOT NULL,
  value        numeric(14, 2),
  target       numeric(14, 2),
  source       text NOT NULL CHECK (length(source) BETWEEN 2 AND 500),
  entered_by   text NOT NULL,
  version      integer NOT NULL DEFAULT 1,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, id),
  CHECK (period_end >= period_start),
  CHECK (value IS NOT NULL OR target IS NOT NULL)
);
CREATE UNIQUE INDEX indicator_entry_once ON platform.indicator_entry
  (tenant_id, subject, indicator, coalesce(territory, ''), period_start, period_end);

CREATE FUNCTION platform.tenant_month(p_tenant text, p_at timestamptz) RETURNS date
LANGUAGE sql STABLE AS $$
  SELECT date_trunc('month', p_at AT TIME ZONE coalesce((SELECT t.time_zone FROM platform.tenant t WHERE t.slug = p_tenant),
      'Europe/Paris'))::date
$$;

CREATE FUNCTION platform.bump_pathway_fact(t text, a text, terr text, org text, offer uuid, m date,
    d_orientations integer, d_entries integer, d_exits integer, d_exit_days bigint, d_waiting integer,
    d_sessions integer, d_registered integer, d_present integer, d_absent integer, d_excused integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO platform.pathway_fact AS f (tenant_id, action_type, territory, organisation_id, offer_id, month,
      orientations, entries, exits, exit_days, waiting, sessions, registered, present, absent, excused)
  VALUES (t, a, terr, org, offer, m, d_orientations, d_entries, d_exits, d_exit_days, d_waiting, d_sessions,
      d_registered, d_present, d_absent, d_excused)
  ON CONFLICT (tenant_id, action_type, territory, organisation_id, offer_id, month) DO UPDATE SET
    orientations = f.orientations + EXCLUDED.orientations, entries = f.entries + EXCLUDED.entries,
    exits = f.exits + EXCLUDED.exits, exit_days = f.exit_days + EXCLUDED.exit_days, waiting = f.waiting + EXCLUDED.waiting,
    sessions = f.sessions + EXCLUDED.sessions, registered = f.registered + EXCLUDED.registered,
    present = f.present + EXCLUDED.present, absent = f.absent + EXCLUDED.absent, excused = f.excused + EXCLUDED.excused
$$;

-- What one orientation row contributes to the facts, times sign (+1 the new row, -1 the old one).
CREATE FUNCTION platform.count_orientation(o platform.orientation, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
      platform.tenant_month(o.tenant_id, o.queued_at), dir, 0, 0, 0, CASE WHEN o.state = 'waiting' THEN dir ELSE 0 END,
      0, 0, 0, 0, 0);
  IF o.entry_date IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        date_trunc('month', o.entry_date)::date, 0, dir, 0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  IF o.state = 'exited' AND o.exit_date IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        date_trunc('month', o.exit_date)::date, 0, 0, dir,
        dir * greatest(0, o.exit_date - coalesce(o.entry_date, o.exit_date)), 0, 0, 0, 0, 0, 0);
    INSERT INTO platform.pathway_exit_fact AS f (tenant_id, action_type, territory, organisation_id, offer_id, month,
        exit_type, exits)
    VALUES (o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        date_trunc('month', o.exit_date)::date, coalesce(o.exit_type, 'non-precise'), dir)
    ON CONFLICT (tenant_id, action_type, territory, organisation_id, offer_id, month, exit_type)
    DO UPDATE SET exits = f.exits + EXCLUDED.exits;
  END IF;
END
$$;

CREATE FUNCTION platform.orientation_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM platform.count_orientation(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM platform.count_orientation(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER orientation_counted AFTER INSERT OR DELETE OR UPDATE OF state, queued_at, entry_date, exit_date,
    exit_type, territory, offer_id, organisation_id, action_type ON platform.orientation
  FOR EACH ROW EXECUTE FUNCTION platform.orientation_counted();

-- A session with its registrations and attendance, times sign.
CREATE FUNCTION platform.count_session(s platform.workshop_session, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT count(*) FILTER (WHERE status = 'registered') AS registered, count(*) FILTER (WHERE status = 'present') AS present,
         count(*) FILTER (WHERE status = 'absent') AS absent, count(*) FILTER (WHERE status = 'excused') AS excused
    INTO r FROM platform.workshop_attendance WHERE tenant_id = s.tenant_id AND session_id = s.id;
  PERFORM platform.bump_pathway_fact(s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id,
      date_trunc('month', s.starts_at)::date, 0, 0, 0, 0, 0, dir, dir * r.registered::integer,
      dir * r.present::integer, dir * r.absent::integer, dir * r.excused::integer);
END
$$;

CREATE FUNCTION platform.session_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM platform.count_session(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM platform.count_session(NEW, 1);
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$$;
-- Before the delete, while its attendance is still there (the cascade removes it after, uncounted).
CREATE TRIGGER session_uncounted BEFORE DELETE ON platform.workshop_session
  FOR EACH ROW EXECUTE FUNCTION platform.session_counted();
CREATE TRIGGER session_counted AFTER INSERT ON platform.workshop_session
  FOR EACH ROW EXECUTE FUNCTION platform.session_counted();
-- A moved session: its old figures out before the change, its new ones in after.
CREATE FUNCTION platform.session_moved() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_WHEN = 'BEFORE' THEN
    PERFORM platform.count_session(OLD, -1);
  ELSE
    PERFORM platform.count_session(NEW, 1);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER session_moving BEFORE UPDATE OF starts_at, territory, offer_id, organisation_id, action_type
  ON platform.workshop_session FOR EACH ROW EXECUTE FUNCTION platform.session_moved();
CREATE TRIGGER session_moved AFTER UPDATE OF starts_at, territory, offer_id, organisation_id, action_type
  ON platform.workshop_session FOR EACH ROW EXECUTE FUNCTION platform.session_moved();

CREATE FUNCTION platform.count_attendance(a platform.workshop_attendance, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s platform.workshop_session;
BEGIN
  SELECT * INTO s FROM platform.workshop_session WHERE tenant_id = a.tenant_id AND id = a.session_id;
  IF FOUND THEN
    PERFORM platform.bump_pathway_fact(s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id,
        date_trunc('month', s.starts_at)::date, 0, 0, 0, 0, 0, 0,
        CASE WHEN a.status = 'registered' THEN dir ELSE 0 END, CASE WHEN a.status = 'present' THEN dir ELSE 0 END,
        CASE WHEN a.status = 'absent' THEN dir ELSE 0 END, CASE WHEN a.status = 'excused' THEN dir ELSE 0 END);
  END IF;
END
$$;

CREATE FUNCTION platform.attendance_counted() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    PERFORM platform.count_attendance(OLD, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    PERFORM platform.count_attendance(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER attendance_counted AFTER INSERT OR DELETE OR UPDATE OF status, session_id ON platform.workshop_attendance
  FOR EACH ROW EXECUTE FUNCTION platform.attendance_counted();

-- The facts recounted from the data, set-based: to check the ones the triggers keep, and to fill them once here.
CREATE FUNCTION platform.pathway_fact_recount() RETURNS TABLE (tenant_id text, action_type text, territory text,
    organisation_id text, offer_id uuid, month date, orientations bigint, entries bigint, exits bigint, exit_days bigint,
    waiting bigint, sessions bigint, registered bigint, present bigint, absent bigint, excused bigint)
LANGUAGE sql STABLE AS $$
  WITH events AS (
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
           platform.tenant_month(o.tenant_id, o.queued_at) AS month, 1 AS orientations, 0 AS entries, 0 AS exits,
           0 AS exit_days, CASE WHEN o.state = 'waiting' THEN 1 ELSE 0 END AS waiting, 0 AS sessions, 0 AS registered,
           0 AS present, 0 AS absent, 0 AS excused
      FROM platform.orientation o
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.entry_date)::date,
           0, 1, 0, 0, 0, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.entry_date IS NOT NULL
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.exit_date)::date,
           0, 0, 1, greatest(0, o.exit_date - coalesce(o.entry_date, o.exit_date)), 0, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.state = 'exited' AND o.exit_date IS NOT NULL
    UNION ALL
    SELECT s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id, date_trunc('month', s.starts_at)::date,
           0, 0, 0, 0, 0, 1, 0, 0, 0, 0
      FROM platform.workshop_session s
    UNION ALL
    SELECT s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id, date_trunc('month', s.starts_at)::date,
           0, 0, 0, 0, 0, 0, (a.status = 'registered')::integer, (a.status = 'present')::integer,
           (a.status = 'absent')::integer, (a.status = 'excused')::integer
      FROM platform.workshop_attendance a
      JOIN platform.workshop_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id)
  SELECT e.tenant_id, e.action_type, e.territory, e.organisation_id, e.offer_id, e.month, sum(e.orientations),
         sum(e.entries), sum(e.exits), sum(e.exit_days), sum(e.waiting), sum(e.sessions), sum(e.registered), sum(e.present),
         sum(e.absent), sum(e.excused)
    FROM events e
   GROUP BY e.tenant_id, e.action_type, e.territory, e.organisation_id, e.offer_id, e.month
$$;

-- The first filling, from whatever pathways the database already holds (row-level security lifted for the owner
-- while it reads every tenant).
ALTER TABLE platform.orientation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_session NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_attendance NO FORCE ROW LEVEL SECURITY;
INSERT INTO platform.pathway_fact (tenant_id, action_type, territory, organisation_id, offer_id, month, orientations,
    entries, exits, exit_days, waiting, sessions, registered, present, absent, excused)
  SELECT * FROM platform.pathway_fact_recount();
INSERT INTO platform.pathway_exit_fact (tenant_id, action_type, territory, organisation_id, offer_id, month, exit_type, exits)
  SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.exit_date)::date,
         coalesce(o.exit_type, 'non-precise'), count(*)
    FROM platform.orientation o WHERE o.state = 'exited' AND o.exit_date IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7;
ALTER TABLE platform.orientation FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_session FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_attendance FORCE ROW LEVEL SECURITY;

ALTER TABLE platform.pathway_fact ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.pathway_fact FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.pathway_fact
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.pathway_exit_fact ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.pathway_exit_fact FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.pathway_exit_fact
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

ALTER TABLE platform.indicator_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.indicator_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.indicator_entry
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- The application writes the facts only through the triggers of the changes it makes.
GRANT SELECT, INSERT, UPDATE ON platform.pathway_fact, platform.pathway_exit_fact TO "${app_role}";
GRANT SELECT, INSERT, UPDATE ON platform.indicator_entry TO "${app_role}";
