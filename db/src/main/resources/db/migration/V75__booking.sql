-- Booking on form submit. A form's booking settings (JSON, as leadline.yml writes them) sit with the form.
ALTER TABLE web_form ADD COLUMN booking VARCHAR(2000) NULL;

-- An offer to a visitor to book a meeting about their lead: the capability token in the booking link, the
-- reps whose calendars it offers in the order they are tried, and, once booked, the meeting. alert_at is
-- when the owner hears that the visitor did not book (null once alerted, booked or cancelled).
CREATE TABLE booking (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  token            VARCHAR(64)   NOT NULL,
  lead_id          BIGINT        NOT NULL,
  form_key         VARCHAR(64)   NOT NULL,
  queue_id         BIGINT        NULL,
  candidates       VARCHAR(2000) NOT NULL,
  duration_minutes INT           NOT NULL,
  horizon_days     INT           NOT NULL,
  state            VARCHAR(16)   NOT NULL,
  meeting_id       BIGINT        NULL,
  visitor_zone     VARCHAR(64)   NULL,
  created_at       DATETIME(6)   NOT NULL,
  alert_at         DATETIME(6)   NULL,
  updated_at       DATETIME(6)   NOT NULL,
  version          INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uq_booking_token UNIQUE (token),
  CONSTRAINT fk_booking_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_booking_alert ON booking (alert_at);
CREATE INDEX ix_booking_lead ON booking (lead_id);

-- One row per rep who has been booked: every booking writes it first, so two bookings of one rep (on any
-- node of a cluster) follow each other and a slot is never given twice; locks always changes, so a cluster
-- certifies the write.
CREATE TABLE rep_booking (
  rep_id      BIGINT      NOT NULL,
  locked_at   DATETIME(6) NOT NULL,
  locks       BIGINT      NOT NULL,
  PRIMARY KEY (rep_id)
);

-- Invitations, updates and cancellations to send, with the meeting's sequence they describe; sent once
-- (a send cut off is left unknown, never repeated).
CREATE TABLE booking_email (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  booking_id  BIGINT        NOT NULL,
  meeting_id  BIGINT        NOT NULL,
  recipient   VARCHAR(320)  NOT NULL,
  role        VARCHAR(16)   NOT NULL,
  kind        VARCHAR(16)   NOT NULL,
  sequence    INT           NOT NULL,
  state       VARCHAR(16)   NOT NULL,
  attempts    INT           NOT NULL DEFAULT 0,
  due_at      DATETIME(6)   NOT NULL,
  last_error  VARCHAR(1000) NULL,
  created_at  DATETIME(6)   NOT NULL,
  sent_at     DATETIME(6)   NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_booking_email_due ON booking_email (state, due_at);

-- A live hand-off: the lead's owner (on a call) offers it to the members of a queue who are free now; the first
-- to take it gets the lead and a meeting now, and the others' offers are withdrawn. offered lists their rep ids.
CREATE TABLE handoff (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id       BIGINT        NOT NULL,
  queue_id      BIGINT        NOT NULL,
  requested_by  BIGINT        NOT NULL,
  offered       VARCHAR(2000) NOT NULL,
  state         VARCHAR(16)   NOT NULL,
  taken_by      BIGINT        NULL,
  meeting_id    BIGINT        NULL,
  created_at    DATETIME(6)   NOT NULL,
  expires_at    DATETIME(6)   NOT NULL,
  ended_at      DATETIME(6)   NULL,
  version       INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_handoff_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_handoff_lead ON handoff (lead_id, state);
CREATE INDEX ix_handoff_open ON handoff (state, expires_at);
