-- Settings of this database, e.g. ('demo', '1') for a database that
-- `samen demo` made and may therefore replace.
CREATE TABLE instellingen (
  sleutel TEXT PRIMARY KEY,
  waarde  TEXT NOT NULL
) STRICT;
