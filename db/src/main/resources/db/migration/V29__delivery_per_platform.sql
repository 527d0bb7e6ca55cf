-- One outbox row is one delivery: a notification for one platform and one destination, with its own
-- attempts, state and lease, so that a failure on one platform never holds another back. Rows written
-- before this version (platform NULL) are spread over the configured platforms at start.
-- posting_since marks a post whose outcome is not known yet (set just before the call, cleared once its
-- answer is stored): a delivery taken again with it set is reconciled with the platform, not re-posted.
ALTER TABLE outbox ADD COLUMN platform VARCHAR(16) NULL;
ALTER TABLE outbox ADD COLUMN posting_since DATETIME(6) NULL;

-- The earliest time a platform may be sent another request of one kind (post, update, lookup) for one
-- destination: a Retry-After it answered, or its pace for new messages. Kept here so every node honours it.
CREATE TABLE chat_rate_limit (
  platform         VARCHAR(16) NOT NULL,
  method           VARCHAR(16) NOT NULL,
  destination_type VARCHAR(16) NOT NULL,
  destination_id   BIGINT      NOT NULL,
  not_before       DATETIME(6) NOT NULL,
  PRIMARY KEY (platform, method, destination_type, destination_id)
);

-- Signed chat requests already acted on (Slack interactive payloads, by signature), so that a replay
-- within the platform's freshness window is acknowledged without acting again, on whichever node it reaches.
CREATE TABLE chat_request_seen (
  request_key VARCHAR(128) NOT NULL,
  seen_at     DATETIME(6)  NOT NULL,
  PRIMARY KEY (request_key)
);
CREATE INDEX ix_chat_request_seen_at ON chat_request_seen (seen_at);
