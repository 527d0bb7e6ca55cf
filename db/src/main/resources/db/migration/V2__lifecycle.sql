-- The lead lifecycle: when a lead was offered to its queue, claimed and first touched,
-- and why it stands where it stands (e.g. the disqualification reason).
ALTER TABLE sales_lead ADD COLUMN offered_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN claimed_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN first_touched_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN status_reason VARCHAR(200) NULL;
