-- Indexes for the intelligence views on large lead tables (measured with bench/run ViewsBench):
-- recent leads, and a rep's leads by status or by whether they were ever touched.
CREATE INDEX ix_sales_lead_updated ON sales_lead (updated_at);
CREATE INDEX ix_sales_lead_owner_status ON sales_lead (owner_rep_id, status, id);
CREATE INDEX ix_sales_lead_owner_touched ON sales_lead (owner_rep_id, first_touched_at, id);
CREATE INDEX ix_sales_lead_owner_updated ON sales_lead (owner_rep_id, updated_at);
