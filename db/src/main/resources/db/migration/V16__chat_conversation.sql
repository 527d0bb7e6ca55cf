-- Where a chat platform's bot can start a conversation later (proactive messages): for Teams, a user's
-- personal chat or a channel, as learned when the app is installed or first used.
CREATE TABLE chat_conversation (
  platform          VARCHAR(20)   NOT NULL,
  conversation_key  VARCHAR(300)  NOT NULL,
  address           TEXT          NOT NULL,
  updated_at        DATETIME(6)   NOT NULL,
  PRIMARY KEY (platform, conversation_key)
);
