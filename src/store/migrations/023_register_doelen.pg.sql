-- PostgreSQL's form of 023_register_doelen.sql (the same schema; see docs/ontwikkelen.md
-- "Migraties"): BIGINT for every integer, identity columns for the ids, every
-- foreign key DEFERRABLE.
-- A verband's goals as the seeds name them: STAAN's 5 K's and DSZ's 4 K's,
-- whose fourth is the future of the staff (toekomstkansen van de
-- medewerkers). A CHECK cannot be altered in SQLite, so the table is built
-- again (in SQL both engines run).
CREATE TABLE verband_doelen_nieuw (
  verband_id BIGINT NOT NULL REFERENCES verbanden(id) DEFERRABLE,
  doel       TEXT NOT NULL CHECK (doel IN ('klant','kosten','kwetsbaarheid','kwaliteit','kennisdeling',
                                           'toekomstkansen-medewerkers')),
  PRIMARY KEY (verband_id, doel)
);
INSERT INTO verband_doelen_nieuw (verband_id, doel) SELECT verband_id, doel FROM verband_doelen;
DROP TABLE verband_doelen;
ALTER TABLE verband_doelen_nieuw RENAME TO verband_doelen;
