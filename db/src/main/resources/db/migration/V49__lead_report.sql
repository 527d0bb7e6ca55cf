-- What the funnel and conversion reports read of each lead, worked out from its facts whenever a fact
-- is added (in the same transaction), so that a report reads one row per lead of its period instead of
-- every fact. Rebuilt from lead_event by `leadline reports rebuild`. disqualified_step is the furthest
-- funnel step the lead had reached when it was last disqualified; source, campaign and the converted
-- amount are read from the lead and its conversion when a report runs.
CREATE TABLE lead_report (
  lead_id             BIGINT       NOT NULL,
  created_at          DATETIME(6)  NOT NULL,
  merged_away         BOOLEAN      NOT NULL,
  queue_id            BIGINT       NULL,
  rep_id              BIGINT       NULL,
  contacted_at        DATETIME(6)  NULL,
  engaged_at          DATETIME(6)  NULL,
  qualified_at        DATETIME(6)  NULL,
  converted_at        DATETIME(6)  NULL,
  disqualified_at     DATETIME(6)  NULL,
  disqualified_reason VARCHAR(200) NULL,
  disqualified_step   VARCHAR(16)  NULL,
  PRIMARY KEY (lead_id)
);
CREATE INDEX ix_lead_report_created ON lead_report (created_at, merged_away);
CREATE INDEX ix_lead_report_queue ON lead_report (queue_id, created_at);
CREATE INDEX ix_lead_report_rep ON lead_report (rep_id, created_at);
