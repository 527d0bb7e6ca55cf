-- Leads whose enrichment or scoring must run again before they age: a provider failed (retried with
-- backoff, enrich_attempts counting), the rep engaged with the lead, or a model learned from new outcomes.
ALTER TABLE sales_lead ADD COLUMN enrich_due_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN enrich_attempts INT NOT NULL DEFAULT 0;
CREATE INDEX ix_sales_lead_enrich_due ON sales_lead (enrich_due_at, id);
