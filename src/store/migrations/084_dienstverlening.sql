-- The dienstverlening proeftuin (issue 11, point 6; docs/dienstverlening.md),
-- per verband: expertise pools drawn from the kwaliteitskaart, the regional
-- training programme, the shared answer base of the KCC ("redactie
-- Antwoord") and each member's zaaktypen for harmonising them.

-- A pool is one competence of the kwaliteitskaart pooled in a verband; who
-- is in it is read from the kwaliteitskaart, never copied here.
CREATE TABLE dienstverlening_pools (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  competentie_id INTEGER NOT NULL REFERENCES competenties(id),
  naam           TEXT NOT NULL,
  omschrijving   TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL,
  UNIQUE (verband_id, competentie_id)
) STRICT;

-- One participant in one training of the programme: planned on gepland,
-- done on afgerond; the docent (who teaches) is optional.
CREATE TABLE dienstverlening_opleidingen (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  competentie_id INTEGER NOT NULL REFERENCES competenties(id),
  deelnemer_id   INTEGER NOT NULL REFERENCES medewerkers(id),
  docent_id      INTEGER REFERENCES medewerkers(id),
  gepland        TEXT NOT NULL,
  afgerond       TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL,
  CHECK (docent_id IS NULL OR docent_id <> deelnemer_id),
  CHECK (afgerond IS NULL OR afgerond >= '2000-01-01')
) STRICT;
CREATE INDEX dienstverlening_opleidingen_verband ON dienstverlening_opleidingen(verband_id, gepland, id);

-- An answer of the shared answer base, owned by one organisation's editor;
-- herzien is the date by which it must be reviewed again.
CREATE TABLE dienstverlening_antwoorden (
  id          INTEGER PRIMARY KEY,
  verband_id  INTEGER NOT NULL REFERENCES verbanden(id),
  onderwerp   TEXT NOT NULL,
  vraag       TEXT NOT NULL,
  antwoord    TEXT NOT NULL,
  eigenaar_id INTEGER NOT NULL REFERENCES organisaties(id),
  redacteur   TEXT NOT NULL,
  herzien     TEXT NOT NULL,
  aangemaakt  TEXT NOT NULL,
  gewijzigd   TEXT NOT NULL,
  door        TEXT NOT NULL
) STRICT;
CREATE INDEX dienstverlening_antwoorden_verband ON dienstverlening_antwoorden(verband_id, onderwerp, id);

-- What differs in one municipality (its own fee, desk or opening hours).
CREATE TABLE dienstverlening_varianten (
  antwoord_id    INTEGER NOT NULL REFERENCES dienstverlening_antwoorden(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  tekst          TEXT NOT NULL,
  gewijzigd      TEXT NOT NULL,
  door           TEXT NOT NULL,
  PRIMARY KEY (antwoord_id, organisatie_id)
) STRICT, WITHOUT ROWID;

-- A member's list of zaaktypen as last imported (an import replaces it).
-- The lead time (doorlooptijd, ISO 8601 as in the ZGW Catalogi API) is kept
-- as months and days: a month is not a fixed number of days.
CREATE TABLE dienstverlening_zaaktypen (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  identificatie  TEXT NOT NULL,
  omschrijving   TEXT NOT NULL,
  maanden        INTEGER NOT NULL CHECK (maanden >= 0),
  dagen          INTEGER NOT NULL CHECK (dagen >= 0),
  bron           TEXT NOT NULL CHECK (bron IN ('csv', 'zgw')),
  ingelezen      TEXT NOT NULL,
  door           TEXT NOT NULL,
  UNIQUE (verband_id, organisatie_id, identificatie)
) STRICT;
