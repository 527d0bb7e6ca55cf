-- Notifications written in the same transaction as the change they announce, delivered later
-- (at least once) by the dispatcher; message_ref remembers where each card was posted so that later
-- changes edit it in place.
CREATE TABLE outbox (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  kind             VARCHAR(16)   NOT NULL,
  lead_id          BIGINT        NOT NULL,
  card_key         VARCHAR(100)  NOT NULL,
  destination_type VARCHAR(16)   NULL,
  destination_id   BIGINT        NULL,
  card             LONGTEXT      NOT NULL,
  status           VARCHAR(16)   NOT NULL,
  attempts         INT           NOT NULL DEFAULT 0,
  next_attempt_at  DATETIME(6)   NOT NULL,
  locked_until     DATETIME(6)   NULL,
  lease_token      VARCHAR(40)   NULL,
  last_error       VARCHAR(1000) NULL,
  created_at       DATETIME(6)   NOT NULL,
  delivered_at     DATETIME(6)   NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_outbox_due ON outbox (status, next_attempt_at);

CREATE TABLE message_ref (
  card_key         VARCHAR(100) NOT NULL,
  platform         VARCHAR(16)  NOT NULL,
  destination_type VARCHAR(16)  NOT NULL,
  destination_id   BIGINT       NOT NULL,
  ref              VARCHAR(500) NOT NULL,
  last_outbox_id   BIGINT       NOT NULL DEFAULT 0,
  updated_at       DATETIME(6)  NOT NULL,
  PRIMARY KEY (card_key, platform, destination_type, destination_id)
);
