-- A request from the public offer page that nobody decides on expires: 30 days after the day it was received (in
-- the tenant's time zone) it is marked expired, the person is told by e-mail when they gave an address, and the
-- row is erased 30 days later. The deadline is computed from created_at, so the existing index on
-- (tenant_id, created_at) finds the requests due.
ALTER TABLE platform.self_positioning ADD COLUMN expired_at timestamptz;
CREATE INDEX self_positioning_expired ON platform.self_positioning (tenant_id, expired_at) WHERE expired_at IS NOT NULL;

-- The scope of the user a module's route acts for, enforced in PostgreSQL: when the host opens a module's
-- transaction for a request, it sets pacte.people_scope ('tenant', 'territories', 'organisation', 'referent' or
-- 'nobody') and pacte.people_scope_value (territory codes joined by commas, the organisation, or the référent's
-- username) for that transaction only; modules cannot change them (no SET nor set_config through their SQL). The
-- host's own transactions and the modules' background work set nothing: these policies then let every row of the
-- tenant through, as before. plpgsql so that the functions are not inlined into the policies (person and
-- orientation read each other).
CREATE FUNCTION platform.person_in_scope(p_id uuid, p_territory text, p_referent text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  kind text := current_setting('pacte.people_scope', true);
  scope_value text := current_setting('pacte.people_scope_value', true);
BEGIN
  IF kind IS NULL OR kind = '' OR kind = 'tenant' THEN
    RETURN true;
  ELSIF kind = 'territories' THEN
    RETURN p_territory = ANY (string_to_array(scope_value, ','));
  ELSIF kind = 'organisation' THEN
    RETURN EXISTS (SELECT 1 FROM platform.orientation o
                    WHERE o.tenant_id = platform.current_tenant() AND o.person_id = p_id AND o.organisation_id = scope_value);
  ELSIF kind = 'referent' THEN
    RETURN p_referent = scope_value;
  END IF;
  RETURN false;
END $$;

CREATE FUNCTION platform.orientation_in_scope(p_person uuid, p_territory text, p_organisation text) RETURNS boolean
  LANGUAGE plpgsql STABLE AS $$
DECLARE
  kind text := current_setting('pacte.people_scope', true);
  scope_value text := current_setting('pacte.people_scope_value', true);
BEGIN
  IF kind IS NULL OR kind = '' OR kind = 'tenant' THEN
    RETURN true;
  ELSIF kind = 'territories' THEN
    RETURN p_territory = ANY (string_to_array(scope_value, ','));
  ELSIF kind = 'organisation' THEN
    RETURN p_organisation = scope_value;
  ELSIF kind = 'referent' THEN
    RETURN EXISTS (SELECT 1 FROM platform.person p
                    WHERE p.tenant_id = platform.current_tenant() AND p.id = p_person AND p.referent_username = scope_value);
  END IF;
  RETURN false;
END $$;

-- Restrictive: added to the tenant isolation, never widening it. The cheap test of the setting comes first so
-- that the host's transactions (no setting) do not call the function for each row.
CREATE POLICY people_scope ON platform.person AS RESTRICTIVE
  USING (coalesce(current_setting('pacte.people_scope', true), '') IN ('', 'tenant')
         OR platform.person_in_scope(id, territory, referent_username));
CREATE POLICY people_scope ON platform.orientation AS RESTRICTIVE
  USING (coalesce(current_setting('pacte.people_scope', true), '') IN ('', 'tenant')
         OR platform.orientation_in_scope(person_id, territory, organisation_id));
