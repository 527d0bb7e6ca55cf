-- Everyone's counts of the set views (overdue, upcoming, no-upcoming, idle, no-activity) took 0.6-20 s at
-- 1,000,000 leads (ViewsBench): each joined every lead of the set with its tasks and meetings. They now read
-- narrow index ranges on the lead row and a small tally, both kept up to date by the triggers below, so
-- every path that writes a lead, task or meeting (services, merges and their undo, bulk SQL) keeps them.
--
-- first_open_due_at: the due time of the lead's earliest open task (overdue when it is before now);
-- last_planned_at: the latest due time of its open tasks or start of its meetings without outcome (upcoming
-- when it is now or later). Both are null when the lead has no such task or meeting.
ALTER TABLE sales_lead ADD COLUMN first_open_due_at DATETIME(6) NULL;
ALTER TABLE sales_lead ADD COLUMN last_planned_at DATETIME(6) NULL;

-- How many leads are in each status, untouched (no first touch) or not, in slots so that concurrent
-- writers seldom wait for one another: a lead's count is the sum over the slots.
CREATE TABLE lead_tally (
  status     VARCHAR(16) NOT NULL,
  untouched  BOOLEAN     NOT NULL,
  slot       SMALLINT    NOT NULL,
  leads      BIGINT      NOT NULL,
  PRIMARY KEY (status, untouched, slot)
);

/* [jooq ignore start] */
UPDATE sales_lead s
  JOIN (SELECT lead_id, MIN(due_at) AS due FROM task WHERE done_at IS NULL GROUP BY lead_id) t ON t.lead_id = s.id
   SET s.first_open_due_at = t.due;
UPDATE sales_lead s
  JOIN (SELECT lead_id, MAX(planned) AS planned
          FROM (SELECT lead_id, due_at AS planned FROM task WHERE done_at IS NULL
                UNION ALL SELECT lead_id, starts_at FROM meeting WHERE outcome IS NULL) p
         GROUP BY lead_id) t ON t.lead_id = s.id
   SET s.last_planned_at = t.planned;
INSERT INTO lead_tally (status, untouched, slot, leads)
  SELECT status, first_touched_at IS NULL, 0, COUNT(*) FROM sales_lead GROUP BY status, first_touched_at IS NULL;

DELIMITER $$
CREATE PROCEDURE lead_plan_refresh(IN for_lead BIGINT)
  UPDATE sales_lead
     SET first_open_due_at = (SELECT MIN(due_at) FROM task WHERE lead_id = for_lead AND done_at IS NULL),
         last_planned_at = (SELECT MAX(planned) FROM (SELECT due_at AS planned FROM task WHERE lead_id = for_lead AND done_at IS NULL
                                                      UNION ALL SELECT starts_at FROM meeting WHERE lead_id = for_lead AND outcome IS NULL) p)
   WHERE id = for_lead$$

-- a task or meeting changed, perhaps moved to another lead (a merge or its undo): both leads are refreshed
CREATE PROCEDURE lead_plan_moved(IN from_lead BIGINT, IN to_lead BIGINT)
BEGIN
  CALL lead_plan_refresh(to_lead);
  IF from_lead <> to_lead THEN
    CALL lead_plan_refresh(from_lead);
  END IF;
END$$

CREATE PROCEDURE lead_tally_add(IN lead_status VARCHAR(16), IN lead_untouched BOOLEAN, IN delta INT)
  INSERT INTO lead_tally (status, untouched, slot, leads) VALUES (lead_status, lead_untouched, CONNECTION_ID() % 64, delta)
      ON DUPLICATE KEY UPDATE leads = leads + delta$$

CREATE TRIGGER sales_lead_tally_insert AFTER INSERT ON sales_lead FOR EACH ROW
  CALL lead_tally_add(NEW.status, NEW.first_touched_at IS NULL, 1)$$

CREATE TRIGGER sales_lead_tally_update AFTER UPDATE ON sales_lead FOR EACH ROW
BEGIN
  IF NOT (NEW.status <=> OLD.status) OR (NEW.first_touched_at IS NULL) <> (OLD.first_touched_at IS NULL) THEN
    CALL lead_tally_add(OLD.status, OLD.first_touched_at IS NULL, -1);
    CALL lead_tally_add(NEW.status, NEW.first_touched_at IS NULL, 1);
  END IF;
END$$

CREATE TRIGGER sales_lead_tally_delete AFTER DELETE ON sales_lead FOR EACH ROW
  CALL lead_tally_add(OLD.status, OLD.first_touched_at IS NULL, -1)$$

CREATE TRIGGER task_plan_insert AFTER INSERT ON task FOR EACH ROW
  CALL lead_plan_refresh(NEW.lead_id)$$

CREATE TRIGGER task_plan_update AFTER UPDATE ON task FOR EACH ROW
  CALL lead_plan_moved(OLD.lead_id, NEW.lead_id)$$

CREATE TRIGGER task_plan_delete AFTER DELETE ON task FOR EACH ROW
  CALL lead_plan_refresh(OLD.lead_id)$$

CREATE TRIGGER meeting_plan_insert AFTER INSERT ON meeting FOR EACH ROW
  CALL lead_plan_refresh(NEW.lead_id)$$

CREATE TRIGGER meeting_plan_update AFTER UPDATE ON meeting FOR EACH ROW
  CALL lead_plan_moved(OLD.lead_id, NEW.lead_id)$$

CREATE TRIGGER meeting_plan_delete AFTER DELETE ON meeting FOR EACH ROW
  CALL lead_plan_refresh(OLD.lead_id)$$
DELIMITER ;
/* [jooq ignore stop] */

-- The counts read these ranges alone: leads overdue or with something planned ahead, and leads touched lately.
CREATE INDEX ix_sales_lead_first_open_due ON sales_lead (first_open_due_at, status);
CREATE INDEX ix_sales_lead_last_planned ON sales_lead (last_planned_at, status);
CREATE INDEX ix_sales_lead_activity_status ON sales_lead (last_activity_at, status);
