-- Files attached to leads (issue 25). The content lives in the file store (the data directory or an
-- S3-compatible bucket) under blob_key; home_lead_id is the lead it was attached to, lead_id the lead
-- that holds it now (a merge moves it to the survivor, an unmerge back). The same content is kept
-- once per lead: (home_lead_id, sha256) is unique.
CREATE TABLE lead_file (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id       BIGINT        NOT NULL,
  home_lead_id  BIGINT        NOT NULL,
  name          VARCHAR(200)  NOT NULL,
  content_type  VARCHAR(120)  NOT NULL,
  size_bytes    BIGINT        NOT NULL,
  sha256        CHAR(64)      NOT NULL,
  blob_key      VARCHAR(200)  NOT NULL,
  added_by      VARCHAR(400)  NOT NULL,
  added_at      DATETIME(6)   NOT NULL,
  PRIMARY KEY (id)
);

CREATE UNIQUE INDEX lead_file_content ON lead_file (home_lead_id, sha256);
CREATE INDEX lead_file_lead ON lead_file (lead_id);

-- An account's (and a contact's) files are those of the leads converted into it, while converted.
CREATE INDEX ix_conversion_account ON conversion (account_id);
CREATE INDEX ix_conversion_contact ON conversion (contact_id);
