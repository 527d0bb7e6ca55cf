-- Chat apps installed per workspace (Slack multi-workspace mode) and the states of install flows.
CREATE TABLE chat_installation (
  platform           VARCHAR(20)   NOT NULL,
  enterprise_id      VARCHAR(40)   NOT NULL,
  workspace_id       VARCHAR(40)   NOT NULL,
  bot_token          VARCHAR(255)  NOT NULL,
  bot_user_id        VARCHAR(40)   NULL,
  bot_id             VARCHAR(40)   NULL,
  scopes             VARCHAR(1000) NULL,
  installer_user_id  VARCHAR(40)   NULL,
  installed_at       DATETIME(6)   NOT NULL,
  PRIMARY KEY (platform, enterprise_id, workspace_id)
);

CREATE TABLE oauth_state (
  state       VARCHAR(100)  NOT NULL,
  expires_at  DATETIME(6)   NOT NULL,
  PRIMARY KEY (state)
);
