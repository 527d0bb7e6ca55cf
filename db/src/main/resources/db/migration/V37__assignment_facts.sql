-- When the lead came to its current queue or owner. offered_at and claimed_at become facts of the
-- lead's history that later moves never overwrite: its first offer, its first claim by a rep.
ALTER TABLE sales_lead ADD COLUMN assigned_at DATETIME(6) NULL;
UPDATE sales_lead SET assigned_at = COALESCE(claimed_at, offered_at) WHERE queue_id IS NOT NULL OR owner_rep_id IS NOT NULL;
