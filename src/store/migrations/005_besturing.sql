-- Choosing and running cooperation (besturing): survey rounds, scorings,
-- business cases, milestones with their postponements, decisions, roles,
-- and the reports partners get of each other's cooperation elsewhere
-- ("schaken op meerdere borden"). Money in cents, scores as integers.

-- A survey round (verkenningsronde) of a verband over some task fields.
CREATE TABLE verkenningen (
  id           INTEGER PRIMARY KEY,
  code         TEXT NOT NULL UNIQUE,
  verband_id   INTEGER NOT NULL REFERENCES verbanden(id),
  naam         TEXT NOT NULL,
  datum        TEXT NOT NULL,            -- partners asked: the members on this date
  omschrijving TEXT,
  keuze_datum  TEXT,                     -- when the choice was made (see gekozen)
  keuze_toelichting TEXT
) STRICT;

CREATE TABLE verkenning_taakvelden (
  verkenning_id INTEGER NOT NULL REFERENCES verkenningen(id),
  taakveld_id   INTEGER NOT NULL REFERENCES taakvelden(id),
  volgorde      INTEGER NOT NULL,
  gekozen       INTEGER NOT NULL DEFAULT 0 CHECK (gekozen IN (0,1)),
  PRIMARY KEY (verkenning_id, taakveld_id)
) STRICT;

-- One answer per partner and task field; answering again replaces it.
CREATE TABLE verkenning_antwoorden (
  verkenning_id  INTEGER NOT NULL REFERENCES verkenningen(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  taakveld_id    INTEGER NOT NULL REFERENCES taakvelden(id),
  knelpunt       INTEGER NOT NULL CHECK (knelpunt BETWEEN 1 AND 5),
  meerwaarde     INTEGER NOT NULL CHECK (meerwaarde BETWEEN 1 AND 5),
  snel_resultaat INTEGER NOT NULL CHECK (snel_resultaat IN (0,1)),
  toelichting    TEXT,
  PRIMARY KEY (verkenning_id, organisatie_id, taakveld_id)
) STRICT;

-- A scoring of candidate task fields on weighted criteria; the thresholds
-- of the tiers are in hundredths of a score point (core/scoring.h).
CREATE TABLE scoringen (
  id            INTEGER PRIMARY KEY,
  code          TEXT NOT NULL UNIQUE,
  verband_id    INTEGER NOT NULL REFERENCES verbanden(id),
  naam          TEXT NOT NULL,
  datum         TEXT NOT NULL,           -- partners expected to score: the members on this date
  omschrijving  TEXT,
  zk_gemiddelde INTEGER NOT NULL, zk_laagste INTEGER NOT NULL,
  k_gemiddelde  INTEGER NOT NULL, k_laagste  INTEGER NOT NULL,
  kt_gemiddelde INTEGER NOT NULL, kt_laagste INTEGER NOT NULL
) STRICT;

CREATE TABLE scoring_criteria (
  scoring_id INTEGER NOT NULL REFERENCES scoringen(id),
  code       TEXT NOT NULL,
  naam       TEXT NOT NULL,
  gewicht    INTEGER NOT NULL CHECK (gewicht BETWEEN 1 AND 100),
  volgorde   INTEGER NOT NULL,
  PRIMARY KEY (scoring_id, code)
) STRICT;

CREATE TABLE scoring_taakvelden (
  scoring_id  INTEGER NOT NULL REFERENCES scoringen(id),
  taakveld_id INTEGER NOT NULL REFERENCES taakvelden(id),
  volgorde    INTEGER NOT NULL,
  PRIMARY KEY (scoring_id, taakveld_id)
) STRICT;

CREATE TABLE scoring_scores (
  scoring_id     INTEGER NOT NULL REFERENCES scoringen(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  taakveld_id    INTEGER NOT NULL REFERENCES taakvelden(id),
  criterium      TEXT NOT NULL,
  score          INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
  PRIMARY KEY (scoring_id, organisatie_id, taakveld_id, criterium)
) STRICT;

-- The owners (eigenaren, opdrachtnemers) the stuurgroep gives a task field.
CREATE TABLE scoring_eigenaren (
  id             INTEGER PRIMARY KEY,
  scoring_id     INTEGER NOT NULL REFERENCES scoringen(id),
  taakveld_id    INTEGER NOT NULL REFERENCES taakvelden(id),
  naam           TEXT NOT NULL,
  organisatie_id INTEGER REFERENCES organisaties(id),
  toelichting    TEXT,
  volgorde       INTEGER NOT NULL
) STRICT;
CREATE INDEX scoring_eigenaren_tv ON scoring_eigenaren(scoring_id, taakveld_id);

-- One business case per traject; PUT replaces it whole.
CREATE TABLE businesscases (
  traject_id        INTEGER PRIMARY KEY REFERENCES trajecten(id),
  periode_jaren     INTEGER NOT NULL CHECK (periode_jaren BETWEEN 1 AND 30),
  disconto_promille INTEGER NOT NULL CHECK (disconto_promille BETWEEN 0 AND 1000),
  toelichting       TEXT,
  bijgewerkt        TEXT NOT NULL
) STRICT;

CREATE TABLE businesscase_posten (
  id             INTEGER PRIMARY KEY,
  traject_id     INTEGER NOT NULL REFERENCES businesscases(traject_id),
  organisatie_id INTEGER REFERENCES organisaties(id),   -- NULL: shared, divided by verdeelsleutel
  soort          TEXT NOT NULL CHECK (soort IN ('investering','kosten','besparing')),
  jaar           INTEGER NOT NULL CHECK (jaar >= 1),
  centen         INTEGER NOT NULL CHECK (centen >= 0),
  verdeelsleutel TEXT CHECK (verdeelsleutel IN ('gelijk','inwoners','gebruik')),
  omschrijving   TEXT,
  CHECK ((organisatie_id IS NULL) = (verdeelsleutel IS NOT NULL))
) STRICT;
CREATE INDEX businesscase_posten_traject ON businesscase_posten(traject_id);

CREATE TABLE businesscase_gebruik (
  traject_id     INTEGER NOT NULL REFERENCES businesscases(traject_id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  aandeel        INTEGER NOT NULL CHECK (aandeel >= 0),
  PRIMARY KEY (traject_id, organisatie_id)
) STRICT;

-- Milestones: deadline is the original one; the one in force is the newest
-- postponement's (mijlpaal_uitstel), whose rows are never changed.
CREATE TABLE mijlpalen (
  id                INTEGER PRIMARY KEY,
  traject_id        INTEGER NOT NULL REFERENCES trajecten(id),
  titel             TEXT NOT NULL,
  deadline          TEXT NOT NULL,
  verantwoordelijke TEXT,
  organisatie_id    INTEGER REFERENCES organisaties(id),
  omschrijving      TEXT,
  gereed            TEXT,
  gereed_toelichting TEXT,
  aangemaakt        TEXT NOT NULL
) STRICT;
CREATE INDEX mijlpalen_traject ON mijlpalen(traject_id);

CREATE TABLE mijlpaal_uitstel (
  id              INTEGER PRIMARY KEY,
  mijlpaal_id     INTEGER NOT NULL REFERENCES mijlpalen(id),
  datum           TEXT NOT NULL,         -- when the postponement was agreed
  oude_deadline   TEXT NOT NULL,
  nieuwe_deadline TEXT NOT NULL CHECK (nieuwe_deadline > oude_deadline),
  reden           TEXT NOT NULL
) STRICT;
CREATE INDEX mijlpaal_uitstel_mijlpaal ON mijlpaal_uitstel(mijlpaal_id, id);

-- The decision trail: per traject, or for the verband as a whole.
CREATE TABLE besluiten (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id     INTEGER REFERENCES trajecten(id),
  orgaan         TEXT NOT NULL CHECK (orgaan IN ('stuurgroep','burgemeesters','college','or','raad')),
  organisatie_id INTEGER REFERENCES organisaties(id),
  datum          TEXT NOT NULL,
  uitkomst       TEXT NOT NULL CHECK (uitkomst IN ('go','no-go','uitstel','advies','kennisname')),
  onderwerp      TEXT,
  toelichting    TEXT,
  aangemaakt     TEXT NOT NULL
) STRICT;
CREATE INDEX besluiten_verband ON besluiten(verband_id, datum);
CREATE INDEX besluiten_traject ON besluiten(traject_id, datum);

-- Who holds which role, per verband (traject_id NULL) or per traject.
CREATE TABLE bestuursrollen (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id     INTEGER REFERENCES trajecten(id),
  rol            TEXT NOT NULL CHECK (rol IN ('stuurgroep','eigenaar','projectleider','procesmanager')),
  naam           TEXT NOT NULL,
  organisatie_id INTEGER REFERENCES organisaties(id),
  van            TEXT,
  tot            TEXT CHECK (tot IS NULL OR van IS NULL OR tot > van),
  toelichting    TEXT
) STRICT;
CREATE INDEX bestuursrollen_verband ON bestuursrollen(verband_id, traject_id);

-- "Schaken op meerdere borden": a traject (of another verband, with a party
-- from outside) on a task field this verband already covers. The members
-- concerned are in melding_organisaties: who took part (melder), who is to
-- be told (ontvanger), and the parties from outside (buiten).
CREATE TABLE meldingen (
  id          INTEGER PRIMARY KEY,
  verband_id  INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id  INTEGER NOT NULL REFERENCES trajecten(id),
  datum       TEXT NOT NULL,
  aangemaakt  TEXT NOT NULL,
  UNIQUE (verband_id, traject_id)
) STRICT;

CREATE TABLE melding_organisaties (
  melding_id     INTEGER NOT NULL REFERENCES meldingen(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  rol            TEXT NOT NULL CHECK (rol IN ('melder','ontvanger','buiten')),
  PRIMARY KEY (melding_id, organisatie_id, rol)
) STRICT;
CREATE INDEX melding_organisaties_org ON melding_organisaties(organisatie_id, rol);
