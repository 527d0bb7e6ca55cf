-- What each section of leadline.yml held when it was last applied (a SHA-256 of its canonical JSON): a start
-- applies a section again only when the file changed it, so changes made since in the console or the API
-- last across restarts.
CREATE TABLE config_applied (
  section    VARCHAR(40)  NOT NULL PRIMARY KEY,
  digest     CHAR(64)     NOT NULL,
  applied_at DATETIME(6)  NOT NULL
);
