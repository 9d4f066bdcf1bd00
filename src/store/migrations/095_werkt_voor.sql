-- Shared staff (issue 17, docs/kwaliteitskaart.md "Gedeelde medewerkers"):
-- a medewerker employed by one organisation (medewerkers.organisatie_id, the
-- werkgever, which stays) who works for several, such as the "gezamenlijke
-- inkoopadviseur ... die adviseert over inkoop voor de drie gemeenten" of
-- DSZ. One row per organisation served on a task field, for a period:
-- van up to, not including, tot (NULL: still running). The werkgever may
-- be one of them.
CREATE TABLE werkt_voor (
  id             INTEGER PRIMARY KEY,
  medewerker_id  INTEGER NOT NULL REFERENCES medewerkers(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  taakveld_id    INTEGER NOT NULL REFERENCES taakvelden(id),
  van            TEXT NOT NULL,
  tot            TEXT CHECK (tot IS NULL OR tot > van),
  UNIQUE (medewerker_id, organisatie_id, taakveld_id, van)
) STRICT;
CREATE INDEX werkt_voor_org ON werkt_voor(organisatie_id, taakveld_id);
