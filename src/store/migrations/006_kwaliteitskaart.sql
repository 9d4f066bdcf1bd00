-- The kwaliteitskaart (skills map, docs/kwaliteitskaart.md): the code list
-- of competences, each medewerker's level in them, absences, and
-- substitution arrangements across organisations; and the link from an
-- account to the medewerker it is, so that a medewerker keeps their own
-- skills.
--
-- A competence code is global (the API names it alone, e.g.
-- PUT /medewerkers/{id}/competenties/{code}); verband_id says to which
-- network's list it belongs, NULL for one every organisation may use.
CREATE TABLE competenties (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  naam         TEXT NOT NULL,
  omschrijving TEXT,
  verband_id   INTEGER REFERENCES verbanden(id),
  aangemaakt   TEXT NOT NULL
) STRICT;
CREATE INDEX competenties_verband ON competenties(verband_id);

-- niveau: 1 basis, 2 ervaren, 3 expert. Only 2 and 3 make someone a holder
-- (houder) in the vulnerability rules (src/core/kwaliteitskaart.h).
CREATE TABLE medewerker_competenties (
  medewerker_id  INTEGER NOT NULL REFERENCES medewerkers(id),
  competentie_id INTEGER NOT NULL REFERENCES competenties(id),
  niveau         INTEGER NOT NULL CHECK (niveau BETWEEN 1 AND 3),
  gewijzigd      TEXT NOT NULL,
  PRIMARY KEY (medewerker_id, competentie_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX medewerker_competenties_comp ON medewerker_competenties(competentie_id, niveau);

-- An absence from van through tot (both included). reden is coarse on
-- purpose (no diagnosis); it is personal data, shown like pensioenjaar.
CREATE TABLE afwezigheden (
  id            INTEGER PRIMARY KEY,
  medewerker_id INTEGER NOT NULL REFERENCES medewerkers(id),
  van           TEXT NOT NULL,
  tot           TEXT NOT NULL CHECK (tot >= van),
  reden         TEXT CHECK (reden IS NULL OR reden IN ('ziekte','vakantie','verlof','opleiding','overig')),
  aangemaakt    TEXT NOT NULL
) STRICT;
CREATE INDEX afwezigheden_mw ON afwezigheden(medewerker_id, van);

-- vervanger stands in for medewerker in one competence (illness,
-- holidays), typically from another organisation of the network.
-- Ending an arrangement sets beeindigd; rows are kept as history.
CREATE TABLE vervangingen (
  id             INTEGER PRIMARY KEY,
  medewerker_id  INTEGER NOT NULL REFERENCES medewerkers(id),
  vervanger_id   INTEGER NOT NULL REFERENCES medewerkers(id),
  competentie_id INTEGER NOT NULL REFERENCES competenties(id),
  aangemaakt     TEXT NOT NULL,
  beeindigd      TEXT,
  CHECK (medewerker_id <> vervanger_id)
) STRICT;
CREATE INDEX vervangingen_mw ON vervangingen(medewerker_id, competentie_id);
CREATE INDEX vervangingen_vervanger ON vervangingen(vervanger_id);
CREATE UNIQUE INDEX vervangingen_lopend ON vervangingen(medewerker_id, vervanger_id, competentie_id) WHERE beeindigd IS NULL;

-- The medewerker an account is (optional): such a medewerker-role user may
-- change their own skills and absences.
ALTER TABLE gebruikers ADD COLUMN medewerker_id INTEGER REFERENCES medewerkers(id);
CREATE UNIQUE INDEX gebruikers_medewerker ON gebruikers(medewerker_id) WHERE medewerker_id IS NOT NULL;
