-- What happened to each lead, as facts that reports count from: written in the transaction of the
-- change, never edited, and never moved by a merge. rep_id and queue_id are where the lead stood
-- right after the event (the rep who owned it then), detail says more (a disqualification reason,
-- how it was assigned, which SLA step).
CREATE TABLE lead_event (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  lead_id     BIGINT       NOT NULL,
  kind        VARCHAR(24)  NOT NULL,
  occurred_at DATETIME(6)  NOT NULL,
  rep_id      BIGINT       NULL,
  queue_id    BIGINT       NULL,
  detail      VARCHAR(200) NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_lead_event_lead ON lead_event (lead_id, occurred_at);
CREATE INDEX ix_lead_event_time ON lead_event (occurred_at, kind);

-- Leads stored before this table existed: their history as well as the timeline and the lead tell
-- it (the owner is today's, since the timeline did not keep who owned a lead then).
INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail)
SELECT id, 'CREATED', created_at, owner_rep_id, queue_id, NULL FROM sales_lead;
INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail)
SELECT id, 'TOUCHED', first_touched_at, owner_rep_id, queue_id, NULL FROM sales_lead WHERE first_touched_at IS NOT NULL;
INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail)
SELECT a.lead_id,
       CASE a.type WHEN 'MEETING_SCHEDULED' THEN 'ENGAGED' ELSE a.type END,
       a.occurred_at, l.owner_rep_id, l.queue_id,
       CASE WHEN a.type = 'DISQUALIFIED' THEN l.status_reason
            WHEN a.type = 'ASSIGNED' AND a.actor LIKE 'system:sla%' THEN 'sla'
            WHEN a.type = 'ASSIGNED' AND a.actor LIKE 'system:%' THEN 'routed'
            WHEN a.type = 'ASSIGNED' THEN 'manager'
            WHEN a.type = 'SLA' AND a.summary LIKE 'SLA reminder%' THEN 'remind'
            WHEN a.type = 'SLA' AND a.summary LIKE 'SLA reassignment%' THEN 'reassign'
            WHEN a.type = 'SLA' THEN 'alert-manager'
            ELSE NULL END
FROM activity a JOIN sales_lead l ON l.id = a.lead_id
WHERE a.type IN ('OFFERED', 'ASSIGNED', 'CLAIMED', 'CONTACT_ATTEMPT', 'MEETING_SCHEDULED', 'QUALIFIED', 'DISQUALIFIED',
                 'CONVERTED', 'UNCONVERTED', 'SLA');
INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail)
SELECT id, 'MERGED', updated_at, NULL, NULL, status_reason FROM sales_lead WHERE status = 'MERGED';
INSERT INTO lead_event (lead_id, kind, occurred_at, rep_id, queue_id, detail)
SELECT a.lead_id, 'SLA', a.occurred_at, l.owner_rep_id, l.queue_id, 'reassign'
FROM activity a JOIN sales_lead l ON l.id = a.lead_id
WHERE a.type IN ('OFFERED', 'ASSIGNED') AND a.actor LIKE 'system:sla%';
