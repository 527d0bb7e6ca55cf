-- Integrations (issue 27): what happened to leads, kept for whatever listens outside Leadline, and the
-- deliveries of each event to each listener (a webhook subscription or a CRM connector).
--
-- integration_event is written in the transaction of the change it tells (the transactional outbox);
-- msg_id is the event's webhook-id, the same on every retry and replay. payload is the JSON body sent.
CREATE TABLE integration_event (
  id          BIGINT         NOT NULL AUTO_INCREMENT,
  msg_id      VARCHAR(40)    NOT NULL,
  type        VARCHAR(40)    NOT NULL,
  lead_id     BIGINT         NULL,
  occurred_at DATETIME(6)    NOT NULL,
  payload     MEDIUMTEXT     NOT NULL,
  PRIMARY KEY (id)
);

-- Webhook subscriptions: events is a comma-separated list of event types; status active, paused or
-- disabled (by Leadline after 3 days of failures: failing_since is the first failure since the last success).
CREATE TABLE webhook (
  id              BIGINT         NOT NULL AUTO_INCREMENT,
  url             VARCHAR(2000)  NOT NULL,
  events          VARCHAR(1000)  NOT NULL,
  description     VARCHAR(500)   NULL,
  secret          VARCHAR(100)   NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  created_at      DATETIME(6)    NOT NULL,
  created_by      VARCHAR(400)   NOT NULL,
  updated_at      DATETIME(6)    NOT NULL,
  failing_since   DATETIME(6)    NULL,
  disabled_reason VARCHAR(500)   NULL,
  PRIMARY KEY (id)
);

-- One event to one listener: target is webhook:<id> or crm:<connector id>. Deliveries of one lead to one
-- target go in id order: one waits while an earlier one is pending. status pending, delivered or failed
-- (given up); leased_by/leased_until hold a delivery being sent (a node that died loses it when the lease
-- runs out, or at once when it starts again). The last attempt's answer is kept for the delivery log.
CREATE TABLE integration_delivery (
  id              BIGINT         NOT NULL AUTO_INCREMENT,
  target          VARCHAR(120)   NOT NULL,
  event_id        BIGINT         NOT NULL,
  lead_id         BIGINT         NOT NULL,
  status          VARCHAR(16)    NOT NULL,
  attempts        INT            NOT NULL DEFAULT 0,
  created_at      DATETIME(6)    NOT NULL,
  next_attempt_at DATETIME(6)    NOT NULL,
  last_attempt_at DATETIME(6)    NULL,
  leased_by       VARCHAR(100)   NULL,
  leased_until    DATETIME(6)    NULL,
  response_code   INT            NULL,
  latency_ms      INT            NULL,
  response        VARCHAR(1024)  NULL,
  error           VARCHAR(1000)  NULL,
  replay_of       BIGINT         NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_integration_delivery_event FOREIGN KEY (event_id) REFERENCES integration_event (id)
);

-- CRM connectors: Leadline's ids and the CRM's (kind lead, owner, account, contact, opportunity, activity),
-- and each connector's pull cursor and last error.
CREATE TABLE crm_link (
  connector   VARCHAR(64)    NOT NULL,
  kind        VARCHAR(16)    NOT NULL,
  local_id    VARCHAR(120)   NOT NULL,
  crm_id      VARCHAR(120)   NOT NULL,
  synced_at   DATETIME(6)    NOT NULL,
  PRIMARY KEY (connector, kind, local_id)
);

CREATE TABLE crm_state (
  connector      VARCHAR(64)    NOT NULL,
  pull_cursor    VARCHAR(500)   NULL,
  pulled_at      DATETIME(6)    NULL,
  pull_after     DATETIME(6)    NULL,
  last_error     VARCHAR(1000)  NULL,
  last_error_at  DATETIME(6)    NULL,
  PRIMARY KEY (connector)
);

CREATE UNIQUE INDEX uq_integration_event_msg ON integration_event (msg_id);
CREATE INDEX ix_integration_event_time ON integration_event (occurred_at);
CREATE INDEX ix_integration_delivery_due ON integration_delivery (status, next_attempt_at);
CREATE INDEX ix_integration_delivery_order ON integration_delivery (target, lead_id, status, id);
CREATE INDEX ix_integration_delivery_log ON integration_delivery (target, created_at);
CREATE INDEX ix_crm_link_crm ON crm_link (connector, kind, crm_id);
