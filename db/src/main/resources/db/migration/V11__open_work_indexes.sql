-- Covering indexes for the views and counts over everyone's open work (measured with ViewsBench on
-- 1,000,000 leads): open tasks by due time, meetings ahead without an outcome, and a queue's
-- unclaimed open leads.
CREATE INDEX ix_task_open_due ON task (done_at, due_at, lead_id);
CREATE INDEX ix_meeting_open_start ON meeting (outcome, starts_at, lead_id);
CREATE INDEX ix_sales_lead_queue_open ON sales_lead (queue_id, owner_rep_id, status, id);
-- A rep's counts of idle and untouched leads read the status too: make the owner indexes covering.
CREATE INDEX ix_sales_lead_owner_activity_status ON sales_lead (owner_rep_id, last_activity_at, status);
DROP INDEX ix_sales_lead_owner_last_activity ON sales_lead;
CREATE INDEX ix_sales_lead_owner_touched_status ON sales_lead (owner_rep_id, first_touched_at, status, id);
DROP INDEX ix_sales_lead_owner_touched ON sales_lead;
