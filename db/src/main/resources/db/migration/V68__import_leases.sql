-- An import job is run by one node at a time: the node that runs it (runner) holds it until lease_until,
-- renewed with every batch it commits. A job whose lease has run out (its node stopped or died) is taken by
-- another node, which carries on after the last committed batch from the file's copy kept here in chunks.
ALTER TABLE import_job ADD COLUMN runner VARCHAR(64) NULL;
ALTER TABLE import_job ADD COLUMN lease_until DATETIME(6) NULL;

CREATE TABLE import_spool_chunk (
  job_id  BIGINT   NOT NULL,
  seq     INT      NOT NULL,
  content LONGBLOB NOT NULL,
  PRIMARY KEY (job_id, seq),
  CONSTRAINT fk_import_spool_chunk_job FOREIGN KEY (job_id) REFERENCES import_job (id) ON DELETE CASCADE
);
