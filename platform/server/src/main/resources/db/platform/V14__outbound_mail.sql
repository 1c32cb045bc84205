-- E-mails a tenant sends (a question on an application, a letter, a digest of entries): written in the same
-- transaction as what they announce, so that nothing is announced that was not saved and nothing saved goes
-- unannounced; sent afterwards by whichever node gets there first, retried with back-off.

CREATE TABLE platform.outbound_mail (
  tenant_id       text NOT NULL REFERENCES platform.tenant (slug),
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  recipient       text NOT NULL CHECK (length(recipient) BETWEEN 3 AND 320),
  subject         text NOT NULL CHECK (length(subject) BETWEEN 1 AND 300),
  body            text NOT NULL CHECK (length(body) <= 100000),
  -- What the mail is about (e.g. "application:<id>"), so that a page can show the mails of one thing.
  topic           text NOT NULL DEFAULT '' CHECK (length(topic) <= 200),
  state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'held')),
  attempts        integer NOT NULL DEFAULT 0,
  last_error      text,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  created_at      timestamptz NOT NULL DEFAULT now(),
  sent_at         timestamptz,
  PRIMARY KEY (tenant_id, id)
);
-- The sender's search for what is due, and a thing's mails.
CREATE INDEX outbound_mail_due ON platform.outbound_mail (tenant_id, next_attempt_at) WHERE state = 'pending';
CREATE INDEX outbound_mail_by_topic ON platform.outbound_mail (tenant_id, topic, created_at);

ALTER TABLE platform.outbound_mail ENABLE ROW LEVEL SECURITY;
ALTER TABLE platform.outbound_mail FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON platform.outbound_mail
  USING (tenant_id = platform.current_tenant()) WITH CHECK (tenant_id = platform.current_tenant());

-- Which tenants have mail waiting: no content, so no row-level security; it spares the sender a visit to every
-- tenant at every tick.
CREATE TABLE platform.mail_waiting (
  tenant_id text PRIMARY KEY REFERENCES platform.tenant (slug)
);

GRANT SELECT, INSERT, UPDATE, DELETE ON platform.outbound_mail, platform.mail_waiting TO "${app_role}";
