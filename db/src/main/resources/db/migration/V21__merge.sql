-- Merging duplicate leads: a merged lead stays as a tombstone (status MERGED, its status reason naming
-- the survivor) so that its id still resolves; each merge keeps what it changed so that it can be undone.

CREATE TABLE lead_merge (
  id                     BIGINT       NOT NULL AUTO_INCREMENT,
  survivor_id            BIGINT       NOT NULL,
  survivor_data_before   LONGTEXT     NOT NULL,
  survivor_data_after    LONGTEXT     NOT NULL,
  survivor_created_before DATETIME(6) NOT NULL,
  actor                  VARCHAR(200) NOT NULL,
  created_at             DATETIME(6)  NOT NULL,
  undone_at              DATETIME(6)  NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_lead_merge_survivor FOREIGN KEY (survivor_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_lead_merge_survivor ON lead_merge (survivor_id, id);

-- The leads merged in, each with where it stood before.
CREATE TABLE lead_merge_member (
  merge_id     BIGINT   NOT NULL,
  lead_id      BIGINT   NOT NULL,
  stage_before LONGTEXT NOT NULL,
  PRIMARY KEY (merge_id, lead_id),
  CONSTRAINT fk_lead_merge_member_merge FOREIGN KEY (merge_id) REFERENCES lead_merge (id),
  CONSTRAINT fk_lead_merge_member_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);

-- What moved to the survivor: timeline entries, meetings and tasks by row id, chat cards by where
-- they were posted.
CREATE TABLE lead_merge_moved (
  merge_id         BIGINT      NOT NULL,
  kind             VARCHAR(16) NOT NULL,
  row_id           BIGINT      NOT NULL,
  from_lead_id     BIGINT      NOT NULL,
  platform         VARCHAR(16) NULL,
  destination_type VARCHAR(16) NULL,
  CONSTRAINT fk_lead_merge_moved_merge FOREIGN KEY (merge_id) REFERENCES lead_merge (id)
);
CREATE INDEX ix_lead_merge_moved ON lead_merge_moved (merge_id);

-- Duplicate checks against contacts look them up by surname (and by email, already indexed).
CREATE INDEX ix_contact_last_name ON contact (last_name);

-- A conversion that used an existing contact (a duplicate rule's merge) must not delete it when undone.
ALTER TABLE conversion ADD COLUMN contact_created BOOLEAN NOT NULL DEFAULT TRUE;

-- Import reports count leads flagged as look-alikes and leads merged into the lead they duplicate.
ALTER TABLE import_job ADD COLUMN flagged BIGINT NOT NULL DEFAULT 0;
ALTER TABLE import_job ADD COLUMN merged BIGINT NOT NULL DEFAULT 0;

-- One row per email mailbox and phone ever seen at intake: a new lead's transaction locks its rows
-- first, so two requests for the same new person run their duplicate checks one after the other.
CREATE TABLE match_key_lock (
  key_hash BIGINT NOT NULL,
  PRIMARY KEY (key_hash)
);
