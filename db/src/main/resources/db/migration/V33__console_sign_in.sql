-- The web console's sign-in. A one-time link signs a rep in: only the SHA-256 of its secret is kept, it
-- works once (used_at) and until expires_at (10 minutes), on any node.
CREATE TABLE console_link (
  id          BIGINT      NOT NULL AUTO_INCREMENT,
  link_hash   CHAR(64)    NOT NULL,
  rep_id      BIGINT      NOT NULL,
  created_at  DATETIME(6) NOT NULL,
  expires_at  DATETIME(6) NOT NULL,
  used_at     DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_console_link_hash UNIQUE (link_hash),
  CONSTRAINT fk_console_link_rep FOREIGN KEY (rep_id) REFERENCES rep (id)
);

-- A signed-in browser: the cookie's secret as a SHA-256 hash, the CSRF token its forms carry, and when it
-- was last used (idle for 8 hours, it is over); ended_at when the rep signed out.
CREATE TABLE console_session (
  id            BIGINT      NOT NULL AUTO_INCREMENT,
  session_hash  CHAR(64)    NOT NULL,
  rep_id        BIGINT      NOT NULL,
  csrf_token    CHAR(43)    NOT NULL,
  created_at    DATETIME(6) NOT NULL,
  last_seen_at  DATETIME(6) NOT NULL,
  ended_at      DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_console_session_hash UNIQUE (session_hash),
  CONSTRAINT fk_console_session_rep FOREIGN KEY (rep_id) REFERENCES rep (id)
);
