-- A dispatcher takes the next due notifications in due order, which ix_outbox_due (status,
-- next_attempt_at, and the primary key InnoDB appends) already holds: the lease walks that index and
-- stops after its batch instead of sorting every pending row. It then reads back what it leased by
-- its lease token, an index lookup instead of a scan of the whole outbox.
CREATE INDEX ix_outbox_lease ON outbox (lease_token);
