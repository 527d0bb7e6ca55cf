-- Pairs of leads that someone dismissed as not the same person (lower lead id first): the flags between
-- them are settled, and no duplicate checkpoint flags the pair again.
CREATE TABLE duplicate_dismissal (
  lead_id       BIGINT       NOT NULL,
  other_lead_id BIGINT       NOT NULL,
  dismissed_by  VARCHAR(300) NOT NULL,
  dismissed_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (lead_id, other_lead_id),
  CONSTRAINT fk_duplicate_dismissal_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id),
  CONSTRAINT fk_duplicate_dismissal_other FOREIGN KEY (other_lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_duplicate_dismissal_other ON duplicate_dismissal (other_lead_id);
-- the Duplicates review: open flags, best match first
CREATE INDEX ix_lead_flag_review ON lead_flag (settled_at, score, lead_id);
