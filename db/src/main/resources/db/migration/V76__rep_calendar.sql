-- Reps' own calendars (issue 26), whose busy times booking keeps slots clear of: a CalDAV calendar
-- (kind caldav, with the rep's user and password there) or a free/busy ICS address (kind ics, whose
-- path is its secret). changed_at tells a read of the calendar as it is now from one of a replaced
-- one; read_at and busy_count are the last good read, error and error_at the last failure since.
CREATE TABLE rep_calendar (
  rep_id      BIGINT         NOT NULL,
  kind        VARCHAR(16)    NOT NULL,
  url         VARCHAR(2000)  NOT NULL,
  username    VARCHAR(320)   NULL,
  password    VARCHAR(1000)  NULL,
  changed_at  DATETIME(6)    NOT NULL,
  read_at     DATETIME(6)    NULL,
  busy_count  INT            NULL,
  error       VARCHAR(1000)  NULL,
  error_at    DATETIME(6)    NULL,
  PRIMARY KEY (rep_id),
  CONSTRAINT fk_rep_calendar_rep FOREIGN KEY (rep_id) REFERENCES rep (id) ON DELETE CASCADE
);
