-- PostgreSQL's form of 106_kwaliteitskaart_dekking.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties").
-- Per organisation and competence how many of its medewerkers have a level
-- in it and how many of those are holders (niveau 2 or 3), kept as levels
-- are set and removed and as medewerkers move, and recomputed by proeftuin
-- verify.
CREATE TABLE kwaliteitskaart_dekking (
  organisatie_id BIGINT NOT NULL REFERENCES organisaties(id) DEFERRABLE,
  competentie_id BIGINT NOT NULL REFERENCES competenties(id) DEFERRABLE,
  niveaus        BIGINT NOT NULL DEFAULT 0,
  houders        BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (organisatie_id, competentie_id)
);
INSERT INTO kwaliteitskaart_dekking(organisatie_id, competentie_id, niveaus, houders)
SELECT m.organisatie_id, mc.competentie_id, count(*), sum(CASE WHEN mc.niveau >= 2 THEN 1 ELSE 0 END)
  FROM medewerker_competenties mc JOIN medewerkers m ON m.id = mc.medewerker_id
 GROUP BY m.organisatie_id, mc.competentie_id;
CREATE INDEX medewerkers_pensioen ON medewerkers(pensioenjaar) WHERE pensioenjaar IS NOT NULL;
