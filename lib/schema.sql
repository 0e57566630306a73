-- One schema for every variant. Runs on MySQL 8.4 and MariaDB 10.11+.

CREATE TABLE IF NOT EXISTS projects (
  id    INT UNSIGNED NOT NULL PRIMARY KEY,
  code  VARCHAR(64)  NOT NULL,
  name  VARCHAR(255) NOT NULL,
  UNIQUE KEY uq_projects_code (code)
) ENGINE = InnoDB;

CREATE TABLE IF NOT EXISTS project_groups (
  project_id INT UNSIGNED NOT NULL,
  gid        INT UNSIGNED NOT NULL,
  name       VARCHAR(255) NOT NULL,
  PRIMARY KEY (project_id, gid)
) ENGINE = InnoDB;

-- Keyed as in the article: name = '<project_code>:<gid>', with a unique index.
CREATE TABLE IF NOT EXISTS profile_settings (
  id               INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name             VARCHAR(140) NOT NULL,
  tag_indexes      JSON NULL,
  `interval`       INT UNSIGNED NOT NULL,
  status           VARCHAR(16)  NOT NULL,
  profile_machines JSON NOT NULL,
  thread_settings  JSON NOT NULL,
  UNIQUE KEY uq_profile_settings_name (name)
) ENGINE = InnoDB;

-- A day of samples per gid; "max CPU" is MAX(cpu_percent) over a gid's rows.
CREATE TABLE IF NOT EXISTS cpu_samples (
  project_id  INT UNSIGNED NOT NULL,
  gid         INT UNSIGNED NOT NULL,
  sampled_at  DATETIME     NOT NULL,
  cpu_percent DECIMAL(5,2) NOT NULL,
  PRIMARY KEY (project_id, gid, sampled_at)
) ENGINE = InnoDB;

-- What was loaded, so a re-run with the same seed can skip the load.
CREATE TABLE IF NOT EXISTS seed_info (
  id          TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  seed        INT UNSIGNED NOT NULL,
  fingerprint CHAR(64)     NOT NULL,
  row_counts  JSON         NOT NULL,
  loaded_at   DATETIME     NOT NULL
) ENGINE = InnoDB;
