-- Per organisation and competence how many of its medewerkers have a level
-- in it and how many of those are holders (niveau 2 or 3), kept as levels
-- are set and removed and as medewerkers move (kwaliteitskaart.c,
-- medewerkers.c), and recomputed by proeftuin verify (issue 12: the network
-- view of 342 organisations and 150 000 medewerkers counts from here
-- instead of reading every level). Retirement and absence on a date are
-- taken off per request, from the few people they concern.
CREATE TABLE kwaliteitskaart_dekking (
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  competentie_id INTEGER NOT NULL REFERENCES competenties(id),
  niveaus        INTEGER NOT NULL DEFAULT 0,
  houders        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (organisatie_id, competentie_id)
) STRICT, WITHOUT ROWID;
INSERT INTO kwaliteitskaart_dekking(organisatie_id, competentie_id, niveaus, houders)
SELECT m.organisatie_id, mc.competentie_id, count(*), sum(CASE WHEN mc.niveau >= 2 THEN 1 ELSE 0 END)
  FROM medewerker_competenties mc JOIN medewerkers m ON m.id = mc.medewerker_id
 GROUP BY m.organisatie_id, mc.competentie_id;
CREATE INDEX medewerkers_pensioen ON medewerkers(pensioenjaar) WHERE pensioenjaar IS NOT NULL;
