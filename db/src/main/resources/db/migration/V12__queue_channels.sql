-- The chat channel each platform announces a queue's offers in, e.g. {"slack": "C0123ABC"}.
ALTER TABLE lead_queue ADD COLUMN chat_channels LONGTEXT NULL;
