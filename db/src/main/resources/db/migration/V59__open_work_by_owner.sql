-- The reps report's open work for every rep at once (issue 23: 1.1 s at 1,000,000 leads counted from each rep's
-- leads, tasks and meetings): the tally of leads by status also counts by owner (0: none), and the kept plan
-- columns are indexed with the owner, so a count per owner reads the tally and narrow index ranges.
ALTER TABLE lead_tally ADD COLUMN owner_rep_id BIGINT NOT NULL DEFAULT 0;

/* [jooq ignore start] */
ALTER TABLE lead_tally DROP PRIMARY KEY, ADD PRIMARY KEY (status, untouched, owner_rep_id, slot);
DELETE FROM lead_tally;
INSERT INTO lead_tally (status, untouched, owner_rep_id, slot, leads)
  SELECT status, first_touched_at IS NULL, COALESCE(owner_rep_id, 0), 0, COUNT(*) FROM sales_lead
   GROUP BY status, first_touched_at IS NULL, COALESCE(owner_rep_id, 0);

DROP TRIGGER sales_lead_tally_insert;
DROP TRIGGER sales_lead_tally_update;
DROP TRIGGER sales_lead_tally_delete;
DROP PROCEDURE lead_tally_add;

DELIMITER $$
CREATE PROCEDURE lead_tally_add(IN lead_status VARCHAR(16), IN lead_untouched BOOLEAN, IN owner BIGINT, IN delta INT)
  INSERT INTO lead_tally (status, untouched, owner_rep_id, slot, leads)
  VALUES (lead_status, lead_untouched, COALESCE(owner, 0), CONNECTION_ID() % 64, delta)
      ON DUPLICATE KEY UPDATE leads = leads + delta$$

CREATE TRIGGER sales_lead_tally_insert AFTER INSERT ON sales_lead FOR EACH ROW
  CALL lead_tally_add(NEW.status, NEW.first_touched_at IS NULL, NEW.owner_rep_id, 1)$$

CREATE TRIGGER sales_lead_tally_update AFTER UPDATE ON sales_lead FOR EACH ROW
BEGIN
  IF NOT (NEW.status <=> OLD.status) OR (NEW.first_touched_at IS NULL) <> (OLD.first_touched_at IS NULL)
     OR NOT (NEW.owner_rep_id <=> OLD.owner_rep_id) THEN
    CALL lead_tally_add(OLD.status, OLD.first_touched_at IS NULL, OLD.owner_rep_id, -1);
    CALL lead_tally_add(NEW.status, NEW.first_touched_at IS NULL, NEW.owner_rep_id, 1);
  END IF;
END$$

CREATE TRIGGER sales_lead_tally_delete AFTER DELETE ON sales_lead FOR EACH ROW
  CALL lead_tally_add(OLD.status, OLD.first_touched_at IS NULL, OLD.owner_rep_id, -1)$$
DELIMITER ;
/* [jooq ignore stop] */

-- The same ranges as before, with the owner in the index so that counting per owner reads the index alone.
CREATE INDEX ix_sales_lead_open_due_owner ON sales_lead (first_open_due_at, status, owner_rep_id);
CREATE INDEX ix_sales_lead_planned_owner ON sales_lead (last_planned_at, status, owner_rep_id);
DROP INDEX ix_sales_lead_first_open_due ON sales_lead;
DROP INDEX ix_sales_lead_last_planned ON sales_lead;

-- The reps report's meetings, booked and due in a period, per rep, from the index alone.
CREATE INDEX ix_meeting_booked_rep ON meeting (created_at, rep_id);
CREATE INDEX ix_meeting_due_rep ON meeting (starts_at, outcome, rep_id);
