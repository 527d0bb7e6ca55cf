-- The daily digest: notifications that are about a rep's day rather than one lead, and the date
-- (in the rep's time zone) each rep last got one.
ALTER TABLE outbox MODIFY lead_id BIGINT NULL;
ALTER TABLE rep ADD COLUMN digest_sent_on DATE NULL;
