-- A request from the public offer page that nobody decides on expires: 30 days after the day it was received (in
-- the tenant's time zone) it is marked expired, the person is told by e-mail when they gave an address, and the
-- row is erased 30 days later. The deadline is computed from created_at, so the existing index on
-- (tenant_id, created_at) finds the requests due.
ALTER TABLE platform.self_positioning ADD COLUMN expired_at timestamptz;
CREATE INDEX self_positioning_expired ON platform.self_positioning (tenant_id, expired_at) WHERE expired_at IS NOT NULL;

