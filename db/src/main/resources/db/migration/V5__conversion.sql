-- Accounts, contacts and opportunities, and the conversions that created them from leads
-- (kept so that a conversion can be undone).
CREATE TABLE account (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  name         VARCHAR(255) NOT NULL,
  domain       VARCHAR(255) NULL,
  owner_rep_id BIGINT       NULL,
  created_at   DATETIME(6)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL,
  version      INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_account_owner FOREIGN KEY (owner_rep_id) REFERENCES rep (id)
);
CREATE INDEX ix_account_domain ON account (domain);
CREATE INDEX ix_account_name ON account (name);

CREATE TABLE contact (
  id           BIGINT       NOT NULL AUTO_INCREMENT,
  account_id   BIGINT       NOT NULL,
  lead_id      BIGINT       NULL,
  first_name   VARCHAR(100) NULL,
  last_name    VARCHAR(100) NULL,
  email        VARCHAR(320) NULL,
  phone        VARCHAR(64)  NULL,
  title        VARCHAR(255) NULL,
  created_at   DATETIME(6)  NOT NULL,
  updated_at   DATETIME(6)  NOT NULL,
  version      INT          NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_contact_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_contact_account ON contact (account_id);
CREATE INDEX ix_contact_email ON contact (email);

CREATE TABLE opportunity (
  id           BIGINT        NOT NULL AUTO_INCREMENT,
  account_id   BIGINT        NOT NULL,
  contact_id   BIGINT        NULL,
  lead_id      BIGINT        NULL,
  name         VARCHAR(255)  NOT NULL,
  amount       DECIMAL(15,2) NULL,
  close_date   DATE          NULL,
  stage        VARCHAR(100)  NOT NULL,
  created_at   DATETIME(6)   NOT NULL,
  updated_at   DATETIME(6)   NOT NULL,
  version      INT           NOT NULL DEFAULT 0,
  PRIMARY KEY (id),
  CONSTRAINT fk_opportunity_account FOREIGN KEY (account_id) REFERENCES account (id)
);
CREATE INDEX ix_opportunity_account ON opportunity (account_id);

CREATE TABLE conversion (
  id                  BIGINT      NOT NULL AUTO_INCREMENT,
  lead_id             BIGINT      NOT NULL,
  account_id          BIGINT      NOT NULL,
  account_created     BOOLEAN     NOT NULL,
  account_version     INT         NOT NULL,
  contact_id          BIGINT      NOT NULL,
  contact_version     INT         NOT NULL,
  opportunity_id      BIGINT      NULL,
  opportunity_version INT         NULL,
  stage_before        LONGTEXT    NOT NULL,
  created_at          DATETIME(6) NOT NULL,
  undone_at           DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_conversion_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_conversion_lead ON conversion (lead_id, id);

-- The speed-to-lead report reads leads by creation time.
CREATE INDEX ix_sales_lead_created ON sales_lead (created_at);
