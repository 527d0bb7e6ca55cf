-- Duplicate candidate search: each lead's blocking keys (core.dedupe.MatchProfile), written with the
-- lead in the same transaction; leads sharing a key are compared.
CREATE TABLE lead_match_key (
  match_key  VARCHAR(250)  NOT NULL,
  lead_id    BIGINT        NOT NULL,
  PRIMARY KEY (match_key, lead_id),
  CONSTRAINT fk_lead_match_key_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
CREATE INDEX ix_lead_match_key_lead ON lead_match_key (lead_id);
