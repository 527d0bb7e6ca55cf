-- Console sign-ins by single sign-on (OpenID Connect) on their way through the identity provider: only the
-- SHA-256 of the state is kept; the nonce and the PKCE verifier are needed when the browser comes back, on
-- any node. Each works once (used_at) and until expires_at (10 minutes); a day after, it is forgotten.
CREATE TABLE console_sso_attempt (
  id             BIGINT      NOT NULL AUTO_INCREMENT,
  state_hash     CHAR(64)    NOT NULL,
  nonce          VARCHAR(64) NOT NULL,
  code_verifier  VARCHAR(128) NOT NULL,
  created_at     DATETIME(6) NOT NULL,
  expires_at     DATETIME(6) NOT NULL,
  used_at        DATETIME(6) NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_console_sso_attempt_state UNIQUE (state_hash)
);
CREATE INDEX ix_console_sso_attempt_expires ON console_sso_attempt (expires_at);
