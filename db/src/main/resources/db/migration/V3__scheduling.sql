-- Meetings and tasks scheduled for leads. Times are UTC; `sequence` counts reschedules for iCalendar.
CREATE TABLE meeting (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id          BIGINT        NOT NULL,
  rep_id           BIGINT        NOT NULL,
  starts_at        DATETIME(6)   NOT NULL,
  duration_minutes INT           NOT NULL,
  title            VARCHAR(255)  NOT NULL,
  attendees        VARCHAR(2000) NULL,
  outcome          VARCHAR(16)   NULL,
  sequence         INT           NOT NULL DEFAULT 0,
  created_at       DATETIME(6)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  version          INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_meeting_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id),
  CONSTRAINT fk_meeting_rep FOREIGN KEY (rep_id) REFERENCES rep (id)
);
CREATE INDEX ix_meeting_lead ON meeting (lead_id, starts_at);
CREATE INDEX ix_meeting_rep ON meeting (rep_id, starts_at);

CREATE TABLE task (
  id         BIGINT       NOT NULL AUTO_INCREMENT,
  lead_id    BIGINT       NOT NULL,
  rep_id     BIGINT       NOT NULL,
  title      VARCHAR(255) NOT NULL,
  due_at     DATETIME(6)  NOT NULL,
  done_at    DATETIME(6)  NULL,
  created_at DATETIME(6)  NOT NULL,
  version    INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_task_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id),
  CONSTRAINT fk_task_rep FOREIGN KEY (rep_id) REFERENCES rep (id)
);
CREATE INDEX ix_task_lead ON task (lead_id, due_at);
CREATE INDEX ix_task_rep ON task (rep_id, done_at, due_at);
