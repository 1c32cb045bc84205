-- Two additions to the indicators (V23).
--
-- 1. The waiting list over time. pathway_fact kept "people on the waiting list now, by the month they joined it",
-- which cannot say how many people waited at the end of a past month. Each orientation now records when it joined the
-- waiting list and when it left it (promoted to a place, refused, cancelled…), and the facts count per month the people
-- who joined and who left: the waiting list at the end of a month is what joined minus what left up to that month.
-- A move to another item or territory moves the whole stay, as it does for entries and exits.
--
-- 2. How a programme indicator (a PDI/PTI fiche's "nbr de personnes accompagnées", "taux de sortie positive"…) is
-- computed from the data: one measure the host knows, over the offer items that serve that programme action.

ALTER TABLE platform.orientation
  ADD COLUMN waited_from  timestamptz,
  ADD COLUMN waited_until timestamptz,
  ADD CONSTRAINT orientation_waited CHECK (waited_until IS NULL OR (waited_from IS NOT NULL AND waited_until >= waited_from));

-- What is known of the orientations already there: those waiting now joined when they were queued; the others waited
-- if they were created waiting (the audit says so), and left when their place was given (the audit says when) or, failing
-- that, at their last change.
ALTER TABLE platform.orientation NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.audit_event NO FORCE ROW LEVEL SECURITY;
UPDATE platform.orientation SET waited_from = queued_at WHERE state = 'waiting';
-- Joined once through the primary key: a query per orientation over the whole audit would not end on a large base.
UPDATE platform.orientation o
   SET waited_from = o.queued_at,
       waited_until = greatest(o.queued_at, coalesce(c.given_at, o.updated_at))
  FROM (SELECT w.tenant_id, w.id, g.given_at
          FROM (SELECT DISTINCT tenant_id, substr(target, length('orientation:') + 1)::uuid AS id
                  FROM platform.audit_event
                 WHERE action = 'orientation.created' AND details ->> 'state' = 'waiting') w
          LEFT JOIN (SELECT tenant_id, details ->> 'placeGivenTo' AS given_to, min(occurred_at) AS given_at
                       FROM platform.audit_event
                      WHERE details ? 'placeGivenTo'
                      GROUP BY 1, 2) g ON g.tenant_id = w.tenant_id AND g.given_to = w.id::text) c
 WHERE o.tenant_id = c.tenant_id AND o.id = c.id AND o.state <> 'waiting';
ALTER TABLE platform.audit_event FORCE ROW LEVEL SECURITY;

-- Kept by the database whichever code path changes the state (services, demo, a later import): joining the list
-- stamps waited_from, leaving it stamps waited_until, unless the change sets them itself.
CREATE FUNCTION platform.orientation_waiting_stamped() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    IF NEW.state = 'waiting' AND NEW.waited_from IS NULL THEN
      NEW.waited_from := NEW.queued_at;
    END IF;
  ELSIF NEW.state = 'waiting' AND OLD.state <> 'waiting' THEN
    IF NEW.waited_from IS NOT DISTINCT FROM OLD.waited_from THEN
      NEW.waited_from := clock_timestamp();
    END IF;
    NEW.waited_until := NULL;
  ELSIF NEW.state <> 'waiting' AND OLD.state = 'waiting' AND NEW.waited_until IS NOT DISTINCT FROM OLD.waited_until THEN
    NEW.waited_until := greatest(clock_timestamp(), NEW.waited_from);
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER orientation_waiting_stamped BEFORE INSERT OR UPDATE OF state ON platform.orientation
  FOR EACH ROW EXECUTE FUNCTION platform.orientation_waiting_stamped();

-- The facts: joined and left per month replace the waiting count.
ALTER TABLE platform.pathway_fact
  ADD COLUMN waiting_joined integer NOT NULL DEFAULT 0,
  ADD COLUMN waiting_left integer NOT NULL DEFAULT 0,
  DROP COLUMN waiting;

DROP TRIGGER orientation_counted ON platform.orientation;
DROP FUNCTION platform.orientation_counted();
DROP FUNCTION platform.count_orientation(platform.orientation, integer);
DROP FUNCTION platform.pathway_fact_recount();

CREATE OR REPLACE FUNCTION platform.bump_pathway_fact(t text, a text, terr text, org text, offer uuid, m date,
    d_orientations integer, d_entries integer, d_exits integer, d_exit_days bigint, d_joined integer, d_left integer,
    d_sessions integer, d_registered integer, d_present integer, d_absent integer, d_excused integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO platform.pathway_fact AS f (tenant_id, action_type, territory, organisation_id, offer_id, month,
      orientations, entries, exits, exit_days, waiting_joined, waiting_left, sessions, registered, present, absent, excused)
  VALUES (t, a, terr, org, offer, m, d_orientations, d_entries, d_exits, d_exit_days, d_joined, d_left, d_sessions,
      d_registered, d_present, d_absent, d_excused)
  ON CONFLICT (tenant_id, action_type, territory, organisation_id, offer_id, month) DO UPDATE SET
    orientations = f.orientations + EXCLUDED.orientations, entries = f.entries + EXCLUDED.entries,
    exits = f.exits + EXCLUDED.exits, exit_days = f.exit_days + EXCLUDED.exit_days,
    waiting_joined = f.waiting_joined + EXCLUDED.waiting_joined, waiting_left = f.waiting_left + EXCLUDED.waiting_left,
    sessions = f.sessions + EXCLUDED.sessions, registered = f.registered + EXCLUDED.registered,
    present = f.present + EXCLUDED.present, absent = f.absent + EXCLUDED.absent, excused = f.excused + EXCLUDED.excused
$$;
DROP FUNCTION platform.bump_pathway_fact(text, text, text, text, uuid, date, integer, integer, integer, bigint, integer,
    integer, integer, integer, integer, integer);

CREATE FUNCTION platform.count_orientation(o platform.orientation, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
      platform.tenant_month(o.tenant_id, o.queued_at), dir, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  IF o.waited_from IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        platform.tenant_month(o.tenant_id, o.waited_from), 0, 0, 0, 0, dir, 0, 0, 0, 0, 0, 0);
  END IF;
  IF o.waited_until IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        platform.tenant_month(o.tenant_id, o.waited_until), 0, 0, 0, 0, 0, dir, 0, 0, 0, 0, 0);
  END IF;
  IF o.entry_date IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        date_trunc('month', o.entry_date)::date, 0, dir, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  IF o.state = 'exited' AND o.exit_date IS NOT NULL THEN
    PERFORM platform.bump_pathway_fact(o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
        date_trunc('month', o.exit_date)::date, 0, 0, dir,
        dir * greatest(0, o.exit_date - coalesce(o.entry_date, o.exit_date)), 0, 0, 0, 0, 0, 0, 0);
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
    exit_type, territory, offer_id, organisation_id, action_type, waited_from, waited_until ON platform.orientation
  FOR EACH ROW EXECUTE FUNCTION platform.orientation_counted();

CREATE OR REPLACE FUNCTION platform.count_session(s platform.workshop_session, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  SELECT count(*) FILTER (WHERE status = 'registered') AS registered, count(*) FILTER (WHERE status = 'present') AS present,
         count(*) FILTER (WHERE status = 'absent') AS absent, count(*) FILTER (WHERE status = 'excused') AS excused
    INTO r FROM platform.workshop_attendance WHERE tenant_id = s.tenant_id AND session_id = s.id;
  PERFORM platform.bump_pathway_fact(s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id,
      date_trunc('month', s.starts_at)::date, 0, 0, 0, 0, 0, 0, dir, dir * r.registered::integer,
      dir * r.present::integer, dir * r.absent::integer, dir * r.excused::integer);
END
$$;

CREATE OR REPLACE FUNCTION platform.count_attendance(a platform.workshop_attendance, dir integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  s platform.workshop_session;
BEGIN
  SELECT * INTO s FROM platform.workshop_session WHERE tenant_id = a.tenant_id AND id = a.session_id;
  IF FOUND THEN
    PERFORM platform.bump_pathway_fact(s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id,
        date_trunc('month', s.starts_at)::date, 0, 0, 0, 0, 0, 0, 0,
        CASE WHEN a.status = 'registered' THEN dir ELSE 0 END, CASE WHEN a.status = 'present' THEN dir ELSE 0 END,
        CASE WHEN a.status = 'absent' THEN dir ELSE 0 END, CASE WHEN a.status = 'excused' THEN dir ELSE 0 END);
  END IF;
END
$$;

CREATE FUNCTION platform.pathway_fact_recount() RETURNS TABLE (tenant_id text, action_type text, territory text,
    organisation_id text, offer_id uuid, month date, orientations bigint, entries bigint, exits bigint, exit_days bigint,
    waiting_joined bigint, waiting_left bigint, sessions bigint, registered bigint, present bigint, absent bigint,
    excused bigint)
LANGUAGE sql STABLE AS $$
  WITH events AS (
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
           platform.tenant_month(o.tenant_id, o.queued_at) AS month, 1 AS orientations, 0 AS entries, 0 AS exits,
           0 AS exit_days, 0 AS joined, 0 AS left_, 0 AS sessions, 0 AS registered, 0 AS present, 0 AS absent,
           0 AS excused
      FROM platform.orientation o
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
           platform.tenant_month(o.tenant_id, o.waited_from), 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.waited_from IS NOT NULL
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id,
           platform.tenant_month(o.tenant_id, o.waited_until), 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.waited_until IS NOT NULL
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.entry_date)::date,
           0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.entry_date IS NOT NULL
    UNION ALL
    SELECT o.tenant_id, o.action_type, o.territory, o.organisation_id, o.offer_id, date_trunc('month', o.exit_date)::date,
           0, 0, 1, greatest(0, o.exit_date - coalesce(o.entry_date, o.exit_date)), 0, 0, 0, 0, 0, 0, 0
      FROM platform.orientation o WHERE o.state = 'exited' AND o.exit_date IS NOT NULL
    UNION ALL
    SELECT s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id, date_trunc('month', s.starts_at)::date,
           0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0
      FROM platform.workshop_session s
    UNION ALL
    SELECT s.tenant_id, s.action_type, s.territory, s.organisation_id, s.offer_id, date_trunc('month', s.starts_at)::date,
           0, 0, 0, 0, 0, 0, 0, (a.status = 'registered')::integer, (a.status = 'present')::integer,
           (a.status = 'absent')::integer, (a.status = 'excused')::integer
      FROM platform.workshop_attendance a
      JOIN platform.workshop_session s ON s.tenant_id = a.tenant_id AND s.id = a.session_id)
  SELECT e.tenant_id, e.action_type, e.territory, e.organisation_id, e.offer_id, e.month, sum(e.orientations),
         sum(e.entries), sum(e.exits), sum(e.exit_days), sum(e.joined), sum(e.left_), sum(e.sessions), sum(e.registered),
         sum(e.present), sum(e.absent), sum(e.excused)
    FROM events e
   GROUP BY e.tenant_id, e.action_type, e.territory, e.organisation_id, e.offer_id, e.month
$$;

-- The facts recounted once with the history (row-level security lifted for the owner while it reads every tenant).
ALTER TABLE platform.workshop_session NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_attendance NO FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.pathway_fact NO FORCE ROW LEVEL SECURITY;
DELETE FROM platform.pathway_fact;
INSERT INTO platform.pathway_fact (tenant_id, action_type, territory, organisation_id, offer_id, month, orientations,
    entries, exits, exit_days, waiting_joined, waiting_left, sessions, registered, present, absent, excused)
  SELECT * FROM platform.pathway_fact_recount();
ALTER TABLE platform.pathway_fact FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.orientation FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_session FORCE ROW LEVEL SECURITY;
ALTER TABLE platform.workshop_attendance FORCE ROW LEVEL SECURITY;

-- 2. How a programme action's indicator is computed. The indicator is named as the programme publishes it (most have no
-- code). declared_in: 'file' when the programme's YAML file declares it (replaced at each import), 'manager' when the
-- programme manager set it (kept across imports, and preferred to the file's: 'entered' there undoes a file's measure).
CREATE TABLE platform.programme_indicator_measure (
  tenant_id        text NOT NULL REFERENCES platform.tenant (slug),
  programme_code   text NOT NULL CHECK (programme_code ~ '^[a-z0-9][a-z0-9-]{0,79}$'),
  action_code      text NOT NULL CHECK (length(action_code) BETWEEN 1 AND 20),
  indicator        text NOT NULL CHECK (length(btrim(indicator)) BETWEEN 1 AND 300),
  measure          text NOT NULL CHECK (measure IN ('orientations', 'entries', 'people-followed', 'exits',
                     'positive-exit-rate', 'mean-duration-days', 'workshop-sessions', 'participants-per-session',
                     'sessions-per-participant', 'waiting-end', 'entered')),
  -- exits: the exit types counted (none: every exit); positive-exit-rate: the exit types counted as positive.
  exit_types       text[] NOT NULL DEFAULT '{}',
  -- Also the offer items serving the action's sub-actions (codes beginning with the action's code and a dash or dot).
  with_sub_actions boolean NOT NULL DEFAULT false,
  declared_in      text NOT NULL CHECK (declared_in IN ('file', 'manager')),
  version          integer NOT NULL DEFAULT 1,
  changed_by       text NOT NULL,
  changed_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, programme_code, action_code, indicator, declared_in),
  CHECK (measure <> 'positive-exit-rate' OR cardinality(exit_types) > 0)
);
ALTER TABLE platform.programme_indicator_measure ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.programme_indicator_measure FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.programme_indicator_measure
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON platform.programme_indicator_measure TO "${app_role}";

-- The programme indicators read the facts of the offer items serving an action.
CREATE INDEX offer_item_by_programme_action ON platform.offer_item (tenant_id, programme_action)
  WHERE programme_action IS NOT NULL;
