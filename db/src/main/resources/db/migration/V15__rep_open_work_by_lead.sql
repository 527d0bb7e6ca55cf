-- A rep's overdue and upcoming pages take the newest leads from the rep's open tasks and meetings in
-- lead order, without reading task or meeting rows.
CREATE INDEX ix_task_rep_open_lead ON task (rep_id, done_at, lead_id, due_at);
CREATE INDEX ix_meeting_rep_open_lead ON meeting (rep_id, outcome, lead_id, starts_at);
CREATE INDEX ix_meeting_open_lead ON meeting (outcome, lead_id, starts_at);
