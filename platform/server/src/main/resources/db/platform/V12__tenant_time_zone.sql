-- A tenant's time zone: every deadline and date shown is the tenant's, and the overseas départements are not in
-- Paris. Existing tenants get the zone of their département code; tenant.yaml may name another.
ALTER TABLE platform.tenant ADD COLUMN time_zone text;
UPDATE platform.tenant SET time_zone = CASE departement_code
  WHEN '971' THEN 'America/Guadeloupe'
  WHEN '972' THEN 'America/Martinique'
  WHEN '973' THEN 'America/Cayenne'
  WHEN '974' THEN 'Indian/Reunion'
  WHEN '976' THEN 'Indian/Mayotte'
  ELSE 'Europe/Paris' END;
ALTER TABLE platform.tenant ALTER COLUMN time_zone SET NOT NULL;
ALTER TABLE platform.tenant ADD CHECK (time_zone ~ '^[A-Za-z_]+(/[A-Za-z0-9_+-]+)+$');
