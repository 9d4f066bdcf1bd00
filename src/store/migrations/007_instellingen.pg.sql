-- PostgreSQL's form of 007_instellingen.sql (the same schema; see docs/ontwikkelen.md
-- "Migraties"): BIGINT for every integer, identity columns for the ids,
-- the append-only rules as PL/pgSQL triggers, every foreign key DEFERRABLE
-- (samen kopieer checks them when it commits).
-- Settings of this database, e.g. ('demo', '1') for a database that
-- `samen demo` made and may therefore replace.
CREATE TABLE instellingen (
  sleutel TEXT PRIMARY KEY,
  waarde  TEXT NOT NULL
);
