-- A lead's place in a nurture cadence (issue 24): at most one cadence per lead (the key), the step it
-- is at, when that step is due, and who enrolled it; the row goes when the lead leaves the cadence.
CREATE TABLE lead_nurture (
  lead_id       BIGINT       NOT NULL,
  cadence       VARCHAR(64)  NOT NULL,
  version       INT          NOT NULL,
  step          INT          NOT NULL,
  next_at       DATETIME(6)  NOT NULL,
  sender_rep_id BIGINT       NULL,
  enrolled_at   DATETIME(6)  NOT NULL,
  enrolled_by   VARCHAR(300) NOT NULL,
  PRIMARY KEY (lead_id)
);

CREATE INDEX lead_nurture_due ON lead_nurture (next_at);
