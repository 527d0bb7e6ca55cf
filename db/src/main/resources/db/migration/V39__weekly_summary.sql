-- The Monday (in the manager's time zone) of the week whose summary card the manager last got.
ALTER TABLE rep ADD COLUMN weekly_sent_on DATE NULL;
