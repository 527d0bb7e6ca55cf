-- When a lead last had anything on its timeline, kept on the lead row so that the idle view
-- ("no activity in 30 days") is an index range instead of an anti-join over the whole timeline.
ALTER TABLE sales_lead ADD COLUMN last_activity_at DATETIME(6) NULL;
UPDATE sales_lead SET last_activity_at = (SELECT MAX(a.occurred_at) FROM activity a WHERE a.lead_id = sales_lead.id);
CREATE INDEX ix_sales_lead_last_activity ON sales_lead (last_activity_at, id);
CREATE INDEX ix_sales_lead_owner_last_activity ON sales_lead (owner_rep_id, last_activity_at);
