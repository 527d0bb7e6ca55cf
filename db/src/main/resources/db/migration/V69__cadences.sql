-- Nurture cadences (issue 24) as data: each name's current definition, as written (JSON), with its
-- version and who saved it; every save is also in audit_log.
CREATE TABLE cadence (
  name       VARCHAR(64)  NOT NULL,
  definition LONGTEXT     NOT NULL,
  version    INT          NOT NULL,
  updated_at DATETIME(6)  NOT NULL,
  updated_by VARCHAR(300) NOT NULL,
  PRIMARY KEY (name)
);
