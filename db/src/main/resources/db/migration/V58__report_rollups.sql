-- What each lead adds to the funnel, conversion, trend and rep reports (its tally: counts by UTC hour,
-- queue, rep, source, campaign, metric and detail), kept with its summary. Summaries from before are
-- worked out again, with their tallies, at the next start (as after the upgrade that added them).
ALTER TABLE lead_report ADD COLUMN tally MEDIUMBLOB NULL;
DELETE FROM lead_report;

-- Changes of tallies, written in the transaction that changed the lead's facts, until a job folds them
-- into the sums below (readers add those still waiting).
CREATE TABLE report_delta (
  id      BIGINT     NOT NULL AUTO_INCREMENT,
  lead_id BIGINT     NOT NULL,
  tally   MEDIUMBLOB NOT NULL,
  PRIMARY KEY (id)
);

-- The tallies summed per UTC hour, day and month (grain 0, 1, 2; bucket is the first hour of each, in hours
-- since 1970), in cuts that keep some of rep, queue, source and campaign (0 or '' for the others, and for
-- none). Source and campaign are kept byte for byte, as the reports group them.
CREATE TABLE report_rollup (
  cut      TINYINT         NOT NULL,
  grain    TINYINT         NOT NULL,
  rep_id   BIGINT          NOT NULL,
  queue_id BIGINT          NOT NULL,
  bucket   BIGINT          NOT NULL,
  source   VARBINARY(400)  NOT NULL,
  campaign VARBINARY(600)  NOT NULL,
  tally    MEDIUMBLOB      NOT NULL,
  PRIMARY KEY (cut, grain, rep_id, queue_id, bucket, source, campaign)
);

-- Routing decisions add to the fairness sums when they are stored; those stored before this upgrade are
-- added once, in batches, at the next start: up to decisions_before, decisions_tallied says how far.
CREATE TABLE report_state (
  name  VARCHAR(40) NOT NULL,
  value BIGINT      NOT NULL,
  PRIMARY KEY (name)
);
INSERT INTO report_state (name, value) SELECT 'decisions_before', COALESCE(MAX(id), 0) FROM routing_decision;
INSERT INTO report_state (name, value) VALUES ('decisions_tallied', 0);
-- Held (FOR UPDATE) by whoever folds, so that folds take turns without locking the queue writers add to.
INSERT INTO report_state (name, value) VALUES ('fold', 0);
