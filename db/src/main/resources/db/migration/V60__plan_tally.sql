-- The reps report's open work for every rep without reading every overdue or planned lead (issue 23: ~150 ms of
-- index ranges at 1,000,000 leads): how many leads each owner has, by status, whose earliest open task is due on
-- each UTC day (kind D) and whose latest plan (open task or meeting without outcome) falls on each UTC day (kind
-- P), kept by the triggers below from the columns V55 keeps. A count at an instant is the days before (or after)
-- its day from here, plus that day's narrow index range.
CREATE TABLE plan_tally (
  owner_rep_id BIGINT      NOT NULL,
  kind         CHAR(1)     NOT NULL,
  status       VARCHAR(16) NOT NULL,
  day          DATE        NOT NULL,
  slot         SMALLINT    NOT NULL,
  leads        BIGINT      NOT NULL,
  PRIMARY KEY (owner_rep_id, kind, status, day, slot)
);

/* [jooq ignore start] */
INSERT INTO plan_tally (owner_rep_id, kind, status, day, slot, leads)
  SELECT COALESCE(owner_rep_id, 0), 'D', status, DATE(first_open_due_at), 0, COUNT(*) FROM sales_lead
   WHERE first_open_due_at IS NOT NULL GROUP BY COALESCE(owner_rep_id, 0), status, DATE(first_open_due_at);
INSERT INTO plan_tally (owner_rep_id, kind, status, day, slot, leads)
  SELECT COALESCE(owner_rep_id, 0), 'P', status, DATE(last_planned_at), 0, COUNT(*) FROM sales_lead
   WHERE last_planned_at IS NOT NULL GROUP BY COALESCE(owner_rep_id, 0), status, DATE(last_planned_at);

DELIMITER $$
CREATE PROCEDURE plan_tally_add(IN owner BIGINT, IN plan_kind CHAR(1), IN lead_status VARCHAR(16), IN at DATETIME(6), IN delta INT)
  IF at IS NOT NULL THEN
    INSERT INTO plan_tally (owner_rep_id, kind, status, day, slot, leads)
    VALUES (COALESCE(owner, 0), plan_kind, lead_status, DATE(at), CONNECTION_ID() % 64, delta)
        ON DUPLICATE KEY UPDATE leads = leads + delta;
  END IF$$

CREATE TRIGGER sales_lead_plan_tally_insert AFTER INSERT ON sales_lead FOR EACH ROW
BEGIN
  CALL plan_tally_add(NEW.owner_rep_id, 'D', NEW.status, NEW.first_open_due_at, 1);
  CALL plan_tally_add(NEW.owner_rep_id, 'P', NEW.status, NEW.last_planned_at, 1);
END$$

CREATE TRIGGER sales_lead_plan_tally_update AFTER UPDATE ON sales_lead FOR EACH ROW
BEGIN
  IF NOT (NEW.owner_rep_id <=> OLD.owner_rep_id) OR NOT (NEW.status <=> OLD.status)
     OR NOT (DATE(NEW.first_open_due_at) <=> DATE(OLD.first_open_due_at)) THEN
    CALL plan_tally_add(OLD.owner_rep_id, 'D', OLD.status, OLD.first_open_due_at, -1);
    CALL plan_tally_add(NEW.owner_rep_id, 'D', NEW.status, NEW.first_open_due_at, 1);
  END IF;
  IF NOT (NEW.owner_rep_id <=> OLD.owner_rep_id) OR NOT (NEW.status <=> OLD.status)
     OR NOT (DATE(NEW.last_planned_at) <=> DATE(OLD.last_planned_at)) THEN
    CALL plan_tally_add(OLD.owner_rep_id, 'P', OLD.status, OLD.last_planned_at, -1);
    CALL plan_tally_add(NEW.owner_rep_id, 'P', NEW.status, NEW.last_planned_at, 1);
  END IF;
END$$

CREATE TRIGGER sales_lead_plan_tally_delete AFTER DELETE ON sales_lead FOR EACH ROW
BEGIN
  CALL plan_tally_add(OLD.owner_rep_id, 'D', OLD.status, OLD.first_open_due_at, -1);
  CALL plan_tally_add(OLD.owner_rep_id, 'P', OLD.status, OLD.last_planned_at, -1);
END$$
DELIMITER ;
/* [jooq ignore stop] */
