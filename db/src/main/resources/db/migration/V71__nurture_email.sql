-- Nurture emails (issue 24), recorded before they are sent: one per step of an enrolment (lead,
-- enrolled_at, step); state queued -> sending -> sent, or failed / unknown (cut off mid-hand-over:
-- not sent again). The Message-ID threads replies; the token is the one-click unsubscribe link's.
CREATE TABLE nurture_email (
  id                BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id           BIGINT        NOT NULL,
  cadence           VARCHAR(64)   NOT NULL,
  step              INT           NOT NULL,
  enrolled_at       DATETIME(6)   NOT NULL,
  sender_rep_id     BIGINT        NULL,
  from_address      VARCHAR(320)  NOT NULL,
  from_name         VARCHAR(200)  NULL,
  to_address        VARCHAR(320)  NOT NULL,
  to_domain         VARCHAR(255)  NOT NULL,
  subject           VARCHAR(400)  NOT NULL,
  body_text         LONGTEXT      NOT NULL,
  body_html         LONGTEXT      NOT NULL,
  message_id        VARCHAR(255)  NOT NULL,
  unsubscribe_token VARCHAR(64)   NOT NULL,
  state             VARCHAR(16)   NOT NULL,
  attempts          INT           NOT NULL,
  next_try_at       DATETIME(6)   NOT NULL,
  created_at        DATETIME(6)   NOT NULL,
  sent_at           DATETIME(6)   NULL,
  error             VARCHAR(1000) NULL,
  PRIMARY KEY (id)
);

CREATE UNIQUE INDEX nurture_email_step ON nurture_email (lead_id, enrolled_at, step);
CREATE UNIQUE INDEX nurture_email_message ON nurture_email (message_id);
CREATE UNIQUE INDEX nurture_email_unsubscribe ON nurture_email (unsubscribe_token);
CREATE INDEX nurture_email_due ON nurture_email (state, next_try_at);
CREATE INDEX nurture_email_sent ON nurture_email (sent_at);

-- Addresses never emailed: unsubscribed, bounced hard, or added by an admin (lower case).
CREATE TABLE email_suppression (
  address    VARCHAR(320) NOT NULL,
  reason     VARCHAR(32)  NOT NULL,
  created_at DATETIME(6)  NOT NULL,
  created_by VARCHAR(300) NOT NULL,
  PRIMARY KEY (address)
);

-- Messages read from the nurture mailbox, by Message-ID: each is handled once.
CREATE TABLE nurture_inbound (
  message_id  VARCHAR(255) NOT NULL,
  received_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (message_id)
);
