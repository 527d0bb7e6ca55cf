-- Blocking keys as 64-bit hashes: a fixed-size, much smaller index than the key text, so that writing
-- them with every imported lead stays cheap. A hash collision only adds a candidate, which the
-- matcher then rejects.
DROP TABLE lead_match_key;
CREATE TABLE lead_match_key (
  key_hash  BIGINT  NOT NULL,
  lead_id   BIGINT  NOT NULL,
  PRIMARY KEY (key_hash, lead_id),
  CONSTRAINT fk_lead_match_key_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_lead_match_key_lead ON lead_match_key (lead_id);
