-- Routing: rule sets as versioned data, leads waiting to be routed, each decision with its
-- explanation, the queues' strategies, weights, caps and fallbacks, their fair-share clocks and cap
-- tallies; reps can pause themselves; leads get a postal code for territories.
ALTER TABLE rep ADD COLUMN paused BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE sales_lead ADD COLUMN postal_code VARCHAR(20) NULL;

ALTER TABLE lead_queue ADD COLUMN strategy VARCHAR(16) NOT NULL DEFAULT 'CLAIM_FIRST';
-- caps: {"repDay": "20", "week": "500", "zone": "Europe/Berlin", ...}; fallback: {"queue": "12"} | {"rep": "3"} | {"hold": "true"}
ALTER TABLE lead_queue ADD COLUMN caps VARCHAR(500) NULL;
ALTER TABLE lead_queue ADD COLUMN fallback VARCHAR(200) NULL;
ALTER TABLE queue_member ADD COLUMN weight INT NULL;

-- every version of every rule set; the highest version of a purpose is in force (a NULL document deleted it)
CREATE TABLE routing_rule_set (
  purpose    VARCHAR(32)  NOT NULL,
  version    INT          NOT NULL,
  document   LONGTEXT     NULL,
  created_at DATETIME(6)  NOT NULL,
  created_by VARCHAR(200) NOT NULL,
  PRIMARY KEY (purpose, version)
);

-- a node leases a lead while it routes it, so two nodes never decide for one lead at once
CREATE TABLE routing_pending (
  lead_id      BIGINT      NOT NULL,
  purpose      VARCHAR(32) NOT NULL,
  enqueued_at  DATETIME(6) NOT NULL,
  leased_until DATETIME(6) NULL,
  PRIMARY KEY (lead_id),
  CONSTRAINT fk_routing_pending_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_routing_pending_since ON routing_pending (enqueued_at, lead_id);

CREATE TABLE routing_decision (
  id               BIGINT       NOT NULL AUTO_INCREMENT,
  lead_id          BIGINT       NOT NULL,
  purpose          VARCHAR(32)  NOT NULL,
  rule_set_version INT          NULL,
  entry            VARCHAR(200) NULL,
  outcome          VARCHAR(16)  NOT NULL,
  queue_id         BIGINT       NULL,
  rep_id           BIGINT       NULL,
  do_not_reassign  BOOLEAN      NOT NULL DEFAULT FALSE,
  decided_at       DATETIME(6)  NOT NULL,
  explanation      LONGTEXT     NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_routing_decision_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_routing_decision_lead ON routing_decision (lead_id, id);

-- one row per queue, locked by each decision for that queue
CREATE TABLE routing_queue_state (
  queue_id BIGINT NOT NULL,
  clock    DOUBLE NOT NULL DEFAULT 0,
  PRIMARY KEY (queue_id),
  CONSTRAINT fk_routing_queue_state_queue FOREIGN KEY (queue_id) REFERENCES lead_queue (id)
);

CREATE TABLE routing_member_state (
  queue_id         BIGINT      NOT NULL,
  rep_id           BIGINT      NOT NULL,
  pass             DOUBLE      NOT NULL,
  last_assigned_at DATETIME(6) NULL,
  PRIMARY KEY (queue_id, rep_id)
);

-- leads a queue handed to a rep (rep_id 0: the whole queue) per period ('D2026-12-01', 'W2026-11-30', 'M2026-12')
CREATE TABLE routing_tally (
  queue_id BIGINT      NOT NULL,
  rep_id   BIGINT      NOT NULL,
  period   VARCHAR(12) NOT NULL,
  taken    INT         NOT NULL,
  PRIMARY KEY (queue_id, period, rep_id)
);
