-- Custom list views: a base view, filters and an order, shared (owner_rep_id NULL) or personal.
CREATE TABLE saved_view (
  id            BIGINT        NOT NULL AUTO_INCREMENT,
  name          VARCHAR(60)   NOT NULL,
  owner_rep_id  BIGINT        NULL,
  base_view     VARCHAR(40)   NOT NULL,
  filters       LONGTEXT      NOT NULL,
  sort          VARCHAR(60)   NOT NULL,
  created_at    DATETIME(6)   NOT NULL,
  updated_at    DATETIME(6)   NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT uq_saved_view_name UNIQUE (name),
  CONSTRAINT fk_saved_view_owner FOREIGN KEY (owner_rep_id) REFERENCES rep (id)
);
