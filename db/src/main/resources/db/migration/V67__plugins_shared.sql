-- Plugins added through the API, and every plugin's on/off switch, shared by all nodes: each node copies
-- the archives it lacks into its own plugins folder and follows the switches within seconds, so a plugin
-- added or turned off on one node is added or turned off on every node (and on a node started later).
CREATE TABLE plugin_archive (
  file_name VARCHAR(200) NOT NULL,
  plugin_id VARCHAR(100) NOT NULL,
  sha256    CHAR(64)     NOT NULL,
  content   LONGBLOB     NOT NULL,
  added_at  DATETIME(6)  NOT NULL,
  PRIMARY KEY (file_name)
);

CREATE TABLE plugin_switch (
  plugin_id  VARCHAR(100) NOT NULL,
  enabled    BOOLEAN      NOT NULL,
  changed_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (plugin_id)
);
