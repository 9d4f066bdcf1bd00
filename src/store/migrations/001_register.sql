-- The register of cooperation: organisations, task fields, partnerships
-- with their members over time, and initiatives (trajecten).
-- Dates are TEXT 'YYYY-MM-DD' (they sort as dates); an open end is NULL.
CREATE TABLE organisaties (
  id       INTEGER PRIMARY KEY,
  code     TEXT NOT NULL UNIQUE,
  naam     TEXT NOT NULL,
  soort    TEXT NOT NULL CHECK (soort IN ('gemeente','provincie','waterschap','gr','ssc','overig')),
  inwoners INTEGER CHECK (inwoners IS NULL OR inwoners >= 0)
) STRICT;

CREATE TABLE taakvelden (
  id    INTEGER PRIMARY KEY,
  code  TEXT NOT NULL UNIQUE,
  naam  TEXT NOT NULL,
  soort TEXT NOT NULL CHECK (soort IN ('bedrijfsvoering','uitvoering','beleid')),
  iv3   TEXT
) STRICT;

CREATE TABLE verbanden (
  id                  INTEGER PRIMARY KEY,
  code                TEXT NOT NULL UNIQUE,
  naam                TEXT NOT NULL,
  omschrijving        TEXT,
  geen_cherry_picking INTEGER NOT NULL DEFAULT 0 CHECK (geen_cherry_picking IN (0,1))
) STRICT;

CREATE TABLE verband_doelen (
  verband_id INTEGER NOT NULL REFERENCES verbanden(id),
  doel       TEXT NOT NULL CHECK (doel IN ('klant','kosten','kwetsbaarheid','kwaliteit','kennisdeling')),
  PRIMARY KEY (verband_id, doel)
) STRICT;

-- One row per period of membership; leaving sets tot, rejoining adds a row.
CREATE TABLE lidmaatschappen (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  rol            TEXT NOT NULL CHECK (rol IN ('lid','gastheer','toehoorder')),
  van            TEXT NOT NULL,
  tot            TEXT CHECK (tot IS NULL OR tot > van)
) STRICT;
CREATE INDEX lidmaatschappen_verband ON lidmaatschappen(verband_id, organisatie_id);
CREATE INDEX lidmaatschappen_org ON lidmaatschappen(organisatie_id);

CREATE TABLE trajecten (
  id                  INTEGER PRIMARY KEY,
  verband_id          INTEGER NOT NULL REFERENCES verbanden(id),
  taakveld_id         INTEGER NOT NULL REFERENCES taakvelden(id),
  fase                TEXT NOT NULL,
  vorm                TEXT NOT NULL,
  intensiteit         TEXT NOT NULL,
  eigenaar            TEXT,
  omschrijving        TEXT,
  start               TEXT NOT NULL,
  eind                TEXT CHECK (eind IS NULL OR eind > start),
  wettelijke_deadline TEXT
) STRICT;
CREATE INDEX trajecten_verband ON trajecten(verband_id);

-- Explicit participants; a verband with geen_cherry_picking has none here:
-- there every member on a date takes part.
CREATE TABLE traject_deelnemers (
  traject_id     INTEGER NOT NULL REFERENCES trajecten(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  PRIMARY KEY (traject_id, organisatie_id)
) STRICT;
CREATE INDEX traject_deelnemers_org ON traject_deelnemers(organisatie_id);
