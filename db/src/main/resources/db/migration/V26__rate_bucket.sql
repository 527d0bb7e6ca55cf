-- Token buckets that every server node shares (web form submissions per form and client). A bucket is
-- kept as the moment it is full again, in microseconds since the epoch: taking a token moves that
-- moment one interval on from now, or from where it was if that is later, and is refused when it would
-- lie more than the bucket's capacity of intervals ahead. A bucket that is full again is the same as
-- none, and is deleted by ix_rate_bucket_full.
CREATE TABLE rate_bucket (
  scope       VARCHAR(100) NOT NULL,
  client      VARCHAR(100) NOT NULL,
  full_at_us  BIGINT       NOT NULL,
  PRIMARY KEY (scope, client)
);
CREATE INDEX ix_rate_bucket_full ON rate_bucket (full_at_us);
