-- PostgreSQL's form of 094_traject_uitvoerder.sql (the same schema; see docs/ontwikkelen.md
-- "Migraties").
-- A task hosted by one member for the others, without a legal entity
-- (issue 17, docs/registerformaat.md "Gastgemeente"). uitvoerder_id is the
-- participant that performs the traject for the other participants; NULL:
-- the participants do it together, as before.
ALTER TABLE trajecten ADD COLUMN uitvoerder_id BIGINT REFERENCES organisaties(id) DEFERRABLE;
