-- A lead stored although a duplicate rule found it alike (action flag or alert): the lead or contact it
-- looks like, how sure and on which fields. The flag is open until a merge that joins the two settles
-- it; undoing that merge opens it again. GET /leads?view=flagged lists the leads with an open flag.
CREATE TABLE lead_flag (
  lead_id          BIGINT       NOT NULL,
  like_lead_id     BIGINT       NULL,
  like_contact_id  BIGINT       NULL,
  reference        VARCHAR(300) NOT NULL,
  score            DOUBLE       NOT NULL,
  matched          VARCHAR(300) NOT NULL,
  flagged_at       DATETIME(6)  NOT NULL,
  settled_at       DATETIME(6)  NULL,
  settled_by_merge BIGINT       NULL,
  PRIMARY KEY (lead_id),
  CONSTRAINT fk_lead_flag_lead FOREIGN KEY (lead_id) REFERENCES sales_lead (id)
);
-- the open flags, newest lead first, for the view; and the flags a merge settled, to open them again
CREATE INDEX ix_lead_flag_open ON lead_flag (settled_at, lead_id);
CREATE INDEX ix_lead_flag_merge ON lead_flag (settled_by_merge);

-- Import rows that a duplicate rule blocked or merged, with the lead or contact each matched and the
-- row's values (a JSON list of strings): the first of them in the import's report, all of them in its
-- duplicates.csv.
CREATE TABLE import_duplicate (
  job_id          BIGINT       NOT NULL,
  line            BIGINT       NOT NULL,
  action          VARCHAR(16)  NOT NULL,
  like_lead_id    BIGINT       NULL,
  like_contact_id BIGINT       NULL,
  reference       VARCHAR(300) NOT NULL,
  matched         VARCHAR(300) NOT NULL,
  row_values      LONGTEXT     NOT NULL,
  PRIMARY KEY (job_id, line),
  CONSTRAINT fk_import_duplicate_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE
);
