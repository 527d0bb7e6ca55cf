-- Fairness and data-quality reports. Routing decisions are read by the time they were made.
CREATE INDEX ix_routing_decision_time ON routing_decision (decided_at, id);

-- What the duplicate rules decided at each checkpoint (api, form, import, conversion) when they acted
-- (flag, alert, block, merge): written in the transaction of the intake or conversion, never edited.
-- A blocked record leaves nothing else behind. source is the judged record's.
CREATE TABLE duplicate_verdict (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  checkpoint  VARCHAR(16)  NOT NULL,
  action      VARCHAR(16)  NOT NULL,
  reference   VARCHAR(300) NOT NULL,
  source      VARCHAR(100) NULL,
  decided_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_duplicate_verdict_time ON duplicate_verdict (decided_at, checkpoint);

-- Verdicts from before this table, as far as they were kept: flags (the checkpoint from how the lead
-- came in), and import rows blocked or merged (at the time of their import).
INSERT INTO duplicate_verdict (checkpoint, action, reference, source, decided_at)
SELECT CASE WHEN EXISTS (SELECT 1 FROM activity a WHERE a.lead_id = f.lead_id AND a.type = 'IMPORTED') THEN 'IMPORT'
            WHEN EXISTS (SELECT 1 FROM activity a WHERE a.lead_id = f.lead_id AND a.type = 'CREATED' AND a.actor LIKE 'form%') THEN 'FORM'
            ELSE 'API' END,
       'FLAG', f.reference, l.source, f.flagged_at
FROM lead_flag f JOIN sales_lead l ON l.id = f.lead_id;
INSERT INTO duplicate_verdict (checkpoint, action, reference, source, decided_at)
SELECT 'IMPORT', d.action, d.reference, NULL, j.created_at
FROM import_duplicate d JOIN import_job j ON j.id = d.job_id;

CREATE INDEX ix_provider_failure_time ON provider_failure (failed_at);
