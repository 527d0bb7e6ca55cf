-- Galera replicates row changes by primary key: a table without one is refused or slow to apply on
-- the other nodes. lead_merge_moved was the only table without one.
ALTER TABLE lead_merge_moved ADD COLUMN id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY;
