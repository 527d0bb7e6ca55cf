-- A lead's room: a channel of its own on one chat platform (or a thread under its card where channels
-- cannot be made). One per lead, kept so by the unique key, so that two nodes or two clicks never make
-- two; recorded with the outbox delivery that makes it. address is null until the platform has made it
-- (then its channel, found again by name when the answer to the creation was lost).
CREATE TABLE lead_room (
  id         BIGINT        NOT NULL AUTO_INCREMENT,
  lead_id    BIGINT        NOT NULL,
  platform   VARCHAR(16)   NOT NULL,
  name       VARCHAR(80)   NOT NULL,
  address    VARCHAR(500)  NULL,
  archived   BOOLEAN       NOT NULL DEFAULT FALSE,
  logging    BOOLEAN       NOT NULL DEFAULT FALSE,
  invitees   VARCHAR(2000) NOT NULL,
  opened_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_lead_room_lead UNIQUE (lead_id)
);
CREATE INDEX ix_lead_room_address ON lead_room (platform, address);
