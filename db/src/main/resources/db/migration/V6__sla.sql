-- SLA clocks on leads (started when a lead is offered or assigned; the sweep acts on due steps),
-- SLA policies on queues, meeting reminders, and db-scheduler's table for the recurring sweeps.
ALTER TABLE sales_lead ADD COLUMN sla_started_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN sla_step INT NULL;
ALTER TABLE sales_lead ADD COLUMN sla_next_at DATETIME(6) NULL;
CREATE INDEX ix_sales_lead_sla_next ON sales_lead (sla_next_at);
ALTER TABLE lead_queue ADD COLUMN sla_policy LONGTEXT NULL;
ALTER TABLE meeting ADD COLUMN reminded_at DATETIME(6) NULL;
CREATE INDEX ix_meeting_reminder ON meeting (reminded_at, starts_at);

CREATE TABLE scheduled_tasks (
  task_name            VARCHAR(100) NOT NULL,
  task_instance        VARCHAR(100) NOT NULL,
  task_data            BLOB         NULL,
  execution_time       TIMESTAMP(6) NOT NULL,
  picked               BOOLEAN      NOT NULL,
  picked_by            VARCHAR(50)  NULL,
  last_success         TIMESTAMP(6) NULL,
  last_failure         TIMESTAMP(6) NULL,
  consecutive_failures INT          NULL,
  last_heartbeat       TIMESTAMP(6) NULL,
  version              BIGINT       NOT NULL,
  priority             SMALLINT     NULL,
  PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX ix_scheduled_tasks_execution ON scheduled_tasks (execution_time);
CREATE INDEX ix_scheduled_tasks_heartbeat ON scheduled_tasks (last_heartbeat);
