-- Enrichment and scoring by plugins: which leads wait for it (enriched_at NULL), where each enriched
-- value came from, each provider's score with its reasons, and provider failures per lead.
ALTER TABLE sales_lead ADD COLUMN enriched_at DATETIME(6) NULL;
-- leads stored before enrichment existed count as enriched when they were last changed
UPDATE sales_lead SET enriched_at = updated_at;
CREATE INDEX ix_sales_lead_enriched ON sales_lead (enriched_at, id);

CREATE TABLE lead_enrichment (
  lead_id     BIGINT         NOT NULL,
  field       VARCHAR(100)   NOT NULL,
  value       VARCHAR(1000)  NOT NULL,
  provider    VARCHAR(200)   NOT NULL,
  confidence  DECIMAL(4,3)   NOT NULL,
  enriched_at DATETIME(6)    NOT NULL,
  PRIMARY KEY (lead_id, field),
  CONSTRAINT fk_lead_enrichment_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);

CREATE TABLE lead_score (
  lead_id    BIGINT         NOT NULL,
  provider   VARCHAR(200)   NOT NULL,
  score      INT            NOT NULL,
  weight     DECIMAL(6,3)   NOT NULL,
  reasons    LONGTEXT       NOT NULL,
  scored_at  DATETIME(6)    NOT NULL,
  PRIMARY KEY (lead_id, provider),
  CONSTRAINT fk_lead_score_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);

CREATE TABLE provider_failure (
  id         BIGINT         NOT NULL AUTO_INCREMENT,
  lead_id    BIGINT         NOT NULL,
  provider   VARCHAR(200)   NOT NULL,
  message    VARCHAR(1000)  NOT NULL,
  failed_at  DATETIME(6)    NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_provider_failure_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_provider_failure_lead ON provider_failure (lead_id, failed_at);
