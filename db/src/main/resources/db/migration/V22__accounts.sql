-- Lead-to-account matching and account import.
-- account: the CRM's id (re-imports find the account again), its size (a matching tiebreaker), and
-- the normalised keys leads are matched by: domain_root (acme.co.uk and acme.com are both 'acme')
-- and name_key (the name without legal form: 'ACME Ltd' is 'acme'). domain now holds a bare host.
ALTER TABLE account ADD COLUMN external_id VARCHAR(128) NULL;
ALTER TABLE account ADD COLUMN employee_count INT NULL;
ALTER TABLE account ADD COLUMN domain_root VARCHAR(255) NULL;
ALTER TABLE account ADD COLUMN name_key VARCHAR(255) NULL;
ALTER TABLE account ADD CONSTRAINT uk_account_external_id UNIQUE (external_id);
CREATE INDEX ix_account_domain_root ON account (domain_root);
CREATE INDEX ix_account_name_key ON account (name_key);

-- contacts are matched by the domain of their email
ALTER TABLE contact ADD COLUMN email_domain VARCHAR(255) NULL;
CREATE INDEX ix_contact_email_domain ON contact (email_domain);

-- the account a lead matched when it arrived (or when accounts were imported later), how, and how sure
CREATE TABLE lead_account_match (
  lead_id    BIGINT        NOT NULL,
  account_id BIGINT        NOT NULL,
  confidence DECIMAL(4,3)  NOT NULL,
  matched_by VARCHAR(500)  NOT NULL,
  matched_at DATETIME(6)   NOT NULL,
  PRIMARY KEY (lead_id),
  CONSTRAINT fk_lead_account_match_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id) ON DELETE CASCADE,
  CONSTRAINT fk_lead_account_match_account FOREIGN KEY (account_id) REFERENCES account (id) ON DELETE CASCADE
);
CREATE INDEX ix_lead_account_match_account ON lead_account_match (account_id);
UPDATE contact SET email_domain = LOWER(SUBSTRING(email, LOCATE('@', email) + 1)) WHERE email LIKE '%_@_%';
-- accounts stored before this get their domain_root and name_key from the server at start-up
-- (the keys are computed in Java: JooqAccountRepository.fillMissingKeys)
