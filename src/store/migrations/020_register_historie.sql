-- Everything in the register that changes keeps its history: a change is a
-- dated mutation (ingangsdatum) beside the original values, never an
-- overwrite. The state on a date is the original overlaid with the
-- mutations that took effect on or before it (store/register_historie.c).

-- An organisation exists from geldig_van (NULL: as far back as samen knows)
-- up to, not including, geldig_tot; after a herindeling its successor
-- (opvolger) carries its memberships on.
ALTER TABLE organisaties ADD COLUMN geldig_van TEXT;
ALTER TABLE organisaties ADD COLUMN geldig_tot TEXT;
ALTER TABLE organisaties ADD COLUMN opvolger_id INTEGER REFERENCES organisaties(id);

-- Name and inhabitants over time; 'opheffing' records the end (waarde: the
-- successor's code, or NULL).
CREATE TABLE organisatie_mutaties (
  id             INTEGER PRIMARY KEY,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  ingangsdatum   TEXT NOT NULL,
  veld           TEXT NOT NULL CHECK (veld IN ('naam','inwoners','opheffing')),
  waarde         TEXT,
  vorige         TEXT,
  reden          TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL
) STRICT;
CREATE INDEX organisatie_mutaties_org ON organisatie_mutaties(organisatie_id, veld, ingangsdatum);

-- A traject's fase, vorm, intensiteit, eigenaar and omschrijving over time,
-- and its end (veld 'eind': waarde the end date; trajecten.eind holds the
-- end in force, which the matrix reads).
CREATE TABLE traject_mutaties (
  id           INTEGER PRIMARY KEY,
  traject_id   INTEGER NOT NULL REFERENCES trajecten(id),
  ingangsdatum TEXT NOT NULL,
  veld         TEXT NOT NULL CHECK (veld IN ('fase','vorm','intensiteit','eigenaar','omschrijving','eind')),
  waarde       TEXT,
  vorige       TEXT,
  reden        TEXT,
  aangemaakt   TEXT NOT NULL,
  door         TEXT NOT NULL
) STRICT;
CREATE INDEX traject_mutaties_traject ON traject_mutaties(traject_id, veld, ingangsdatum);
ALTER TABLE trajecten ADD COLUMN eind_reden TEXT;

-- Participants join and leave a traject on dates: van NULL is from the
-- traject's start, tot NULL is still taking part.
ALTER TABLE traject_deelnemers ADD COLUMN van TEXT;
ALTER TABLE traject_deelnemers ADD COLUMN tot TEXT;
ALTER TABLE traject_deelnemers ADD COLUMN reden TEXT;

-- A role that ends says why (a role that changes hands ends, and the new
-- holder's row starts on the same day).
ALTER TABLE bestuursrollen ADD COLUMN einde_reden TEXT;

-- Phased entry into a verband without cherry-picking: the member takes part
-- on this task field only from vanaf (the SSC's "optie op verschillende
-- momenten in te stappen"), a recorded exception visible in the matrix.
CREATE TABLE gefaseerde_instap (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  taakveld_id    INTEGER NOT NULL REFERENCES taakvelden(id),
  vanaf          TEXT NOT NULL,
  toelichting    TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL,
  UNIQUE (verband_id, organisatie_id, taakveld_id)
) STRICT;

-- A member joins a verband without cherry-picking and so takes part in all
-- its trajecten: every partner hears of it.
CREATE TABLE toetredingsmeldingen (
  id              INTEGER PRIMARY KEY,
  verband_id      INTEGER NOT NULL REFERENCES verbanden(id),
  lidmaatschap_id INTEGER NOT NULL UNIQUE REFERENCES lidmaatschappen(id),
  organisatie_id  INTEGER NOT NULL REFERENCES organisaties(id),
  datum           TEXT NOT NULL,
  aangemaakt      TEXT NOT NULL
) STRICT;
CREATE TABLE toetredingsmelding_ontvangers (
  melding_id     INTEGER NOT NULL REFERENCES toetredingsmeldingen(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  PRIMARY KEY (melding_id, organisatie_id)
) STRICT;
CREATE INDEX toetredingsmelding_ontvangers_org ON toetredingsmelding_ontvangers(organisatie_id);
