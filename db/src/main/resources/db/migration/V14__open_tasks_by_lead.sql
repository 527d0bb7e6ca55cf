-- Everyone's overdue page takes the newest leads with open, overdue tasks straight from this index
-- (open tasks in lead order, due time alongside), without reading task rows.
CREATE INDEX ix_task_open_lead ON task (done_at, lead_id, due_at);
