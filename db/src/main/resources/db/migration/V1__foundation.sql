-- Leadline foundation schema: reps, queues, leads, the timeline, the audit log,
-- API tokens, idempotency keys, web forms and import jobs.
-- Times are stored in UTC as DATETIME(6). JSON documents are LONGTEXT.

CREATE TABLE rep (
  id                  BIGINT       NOT NULL AUTO_INCREMENT,
  email               VARCHAR(320) NOT NULL,
  name                VARCHAR(200) NOT NULL,
  time_zone           VARCHAR(64)  NOT NULL DEFAULT 'UTC',
  working_hours       VARCHAR(200) NULL,
  capacity            INT          NULL,
  active              BOOLEAN      NOT NULL DEFAULT TRUE,
  out_of_office_from  DATETIME(6)  NULL,
  out_of_office_until DATETIME(6)  NULL,
  role                VARCHAR(16)  NOT NULL,
  created_at          DATETIME(6)  NOT NULL,
  updated_at          DATETIME(6)  NOT NULL,
  version             INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_rep_email UNIQUE (email)
);

CREATE TABLE rep_chat_identity (
  platform    VARCHAR(16)  NOT NULL,
  external_id VARCHAR(128) NOT NULL,
  rep_id      BIGINT       NOT NULL,
  PRIMARY KEY (platform, external_id),
  CONSTRAINT fk_rep_chat_identity_rep FOREIGN KEY (rep_id) REFERENCES rep (id) ON DELETE CASCADE
);

CREATE TABLE lead_queue (
  id          BIGINT       NOT NULL AUTO_INCREMENT,
  name        VARCHAR(100) NOT NULL,
  description VARCHAR(500) NULL,
  created_at  DATETIME(6)  NOT NULL,
  updated_at  DATETIME(6)  NOT NULL,
  version     INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_lead_queue_name UNIQUE (name)
);

CREATE TABLE queue_member (
  queue_id BIGINT NOT NULL,
  rep_id   BIGINT NOT NULL,
  PRIMARY KEY (queue_id, rep_id),
  CONSTRAINT fk_queue_member_queue FOREIGN KEY (queue_id) REFERENCES lead_queue (id) ON DELETE CASCADE,
  CONSTRAINT fk_queue_member_rep FOREIGN KEY (rep_id) REFERENCES rep (id) ON DELETE CASCADE
);

CREATE TABLE sales_lead (
  id             BIGINT        NOT NULL AUTO_INCREMENT,
  first_name     VARCHAR(100)  NULL,
  last_name      VARCHAR(100)  NULL,
  email          VARCHAR(320)  NULL,
  email_key      VARCHAR(320)  NULL,
  phone          VARCHAR(64)   NULL,
  company        VARCHAR(255)  NULL,
  title          VARCHAR(255)  NULL,
  website        VARCHAR(512)  NULL,
  domain         VARCHAR(255)  NULL,
  country        VARCHAR(100)  NULL,
  state          VARCHAR(100)  NULL,
  city           VARCHAR(100)  NULL,
  industry       VARCHAR(150)  NULL,
  employee_count INT           NULL,
  source         VARCHAR(100)  NULL,
  campaign       VARCHAR(150)  NULL,
  external_id    VARCHAR(128)  NULL,
  intake_key     VARCHAR(200)  NULL,
  custom_fields  LONGTEXT      NULL,
  enrichment     LONGTEXT      NULL,
  status         VARCHAR(16)   NOT NULL,
  owner_rep_id   BIGINT        NULL,
  queue_id       BIGINT        NULL,
  score          INT           NULL,
  created_at     DATETIME(6)   NOT NULL,
  updated_at     DATETIME(6)   NOT NULL,
  version        INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_sales_lead_intake_key UNIQUE (intake_key),
  CONSTRAINT fk_sales_lead_owner FOREIGN KEY (owner_rep_id) REFERENCES rep (id),
  CONSTRAINT fk_sales_lead_queue FOREIGN KEY (queue_id) REFERENCES lead_queue (id)
);
CREATE INDEX ix_sales_lead_email_key ON sales_lead (email_key);
CREATE INDEX ix_sales_lead_owner ON sales_lead (owner_rep_id, id);
CREATE INDEX ix_sales_lead_queue ON sales_lead (queue_id, id);
CREATE INDEX ix_sales_lead_status ON sales_lead (status, id);
CREATE INDEX ix_sales_lead_company ON sales_lead (company);
CREATE INDEX ix_sales_lead_last_name ON sales_lead (last_name);
/* [jooq ignore start] */
ALTER TABLE sales_lead AUTO_INCREMENT = 1001;
/* [jooq ignore stop] */

CREATE TABLE activity (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id     BIGINT        NOT NULL,
  type        VARCHAR(32)   NOT NULL,
  actor       VARCHAR(200)  NOT NULL,
  occurred_at DATETIME(6)   NOT NULL,
  summary     VARCHAR(1000) NOT NULL,
  details     LONGTEXT      NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_activity_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_activity_lead ON activity (lead_id, occurred_at);

CREATE TABLE audit_log (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  entity_type  VARCHAR(32)  NOT NULL,
  entity_id    VARCHAR(64)  NOT NULL,
  action       VARCHAR(64)  NOT NULL,
  actor        VARCHAR(200) NOT NULL,
  occurred_at  DATETIME(6)  NOT NULL,
  before_state LONGTEXT     NULL,
  after_state  LONGTEXT     NULL,
  PRIMARY KEY (id)
);
CREATE INDEX ix_audit_log_entity ON audit_log (entity_type, entity_id, id);

CREATE TABLE api_token (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  name         VARCHAR(100) NOT NULL,
  role         VARCHAR(16)  NOT NULL,
  token_hash   CHAR(64)     NOT NULL,
  created_at   DATETIME(6)  NOT NULL,
  expires_at   DATETIME(6)  NULL,
  revoked_at   DATETIME(6)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT uk_api_token_hash UNIQUE (token_hash)
);

CREATE TABLE idempotency_key (
  token_id     BIGINT       NOT NULL,
  idem_key     VARCHAR(255) NOT NULL,
  request_hash CHAR(64)     NOT NULL,
  lead_id      BIGINT       NULL,
  created_at   DATETIME(6)  NOT NULL,
  PRIMARY KEY (token_id, idem_key)
);

CREATE TABLE web_form (
  id               BIGINT        NOT NULL AUTO_INCREMENT,
  form_key         VARCHAR(64)   NOT NULL,
  name             VARCHAR(200)  NOT NULL,
  field_mapping    LONGTEXT      NOT NULL,
  default_source   VARCHAR(100)  NULL,
  default_campaign VARCHAR(150)  NULL,
  thank_you_url    VARCHAR(1000) NULL,
  allowed_origins  VARCHAR(1000) NULL,
  created_at       DATETIME(6)   NOT NULL,
  updated_at       DATETIME(6)   NOT NULL,
  version          INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT uk_web_form_key UNIQUE (form_key)
);

CREATE TABLE import_job (
  id          BIGINT        NOT NULL AUTO_INCREMENT,
  status      VARCHAR(16)   NOT NULL,
  file_name   VARCHAR(500)  NULL,
  spool_path  VARCHAR(1000) NULL,
  options     LONGTEXT      NULL,
  next_line   BIGINT        NOT NULL DEFAULT 0,
  total_rows  BIGINT        NOT NULL DEFAULT 0,
  imported    BIGINT        NOT NULL DEFAULT 0,
  updated     BIGINT        NOT NULL DEFAULT 0,
  duplicates  BIGINT        NOT NULL DEFAULT 0,
  rejected    BIGINT        NOT NULL DEFAULT 0,
  error       VARCHAR(2000) NULL,
  created_by  VARCHAR(200)  NOT NULL,
  created_at  DATETIME(6)   NOT NULL,
  finished_at DATETIME(6)   NULL,
  PRIMARY KEY (id)
);

CREATE TABLE import_rejection (
  job_id BIGINT        NOT NULL,
  line   BIGINT        NOT NULL,
  reason VARCHAR(1000) NOT NULL,
  PRIMARY KEY (job_id, line),
  CONSTRAINT fk_import_rejection_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE
);
