-- Staff (medewerkers) of the organisations, the append-only history of
-- changes to them, and the secret salt for pseudonyms (docs/privacy.md).
-- The id of a medewerker never changes and is never reused: hour bookings
-- and skills refer to it, also after pseudonymisation.
CREATE TABLE medewerkers (
  id                       INTEGER PRIMARY KEY,
  organisatie_id           INTEGER NOT NULL REFERENCES organisaties(id),
  naam                     TEXT NOT NULL,
  functie                  TEXT,
  email                    TEXT,
  uur_per_week             INTEGER NOT NULL CHECK (uur_per_week BETWEEN 1 AND 60),
  beschikbaar_uur_per_week INTEGER NOT NULL,
  pensioenjaar             INTEGER CHECK (pensioenjaar IS NULL OR pensioenjaar BETWEEN 1950 AND 2100),
  pseudoniem               INTEGER NOT NULL DEFAULT 0 CHECK (pseudoniem IN (0,1)),
  aangemaakt               TEXT NOT NULL,
  gewijzigd                TEXT NOT NULL,
  CHECK (beschikbaar_uur_per_week BETWEEN 0 AND uur_per_week),
  -- Once pseudonymised, the personal data stays gone.
  CHECK (pseudoniem = 0 OR (email IS NULL AND pensioenjaar IS NULL))
) STRICT;
CREATE INDEX medewerkers_org ON medewerkers(organisatie_id, id);

-- One row per change: who, when, what kind, which fields. Values are kept
-- only for fields that are no personal data (organisatie, functie), so that
-- pseudonymisation never has to rewrite this history.
CREATE TABLE medewerker_wijzigingen (
  id            INTEGER PRIMARY KEY,
  medewerker_id INTEGER NOT NULL REFERENCES medewerkers(id),
  tijdstempel   TEXT NOT NULL,
  actor         TEXT NOT NULL,   -- the user's name
  actor_rol     TEXT NOT NULL,   -- role and organisation, e.g. 'manager, GM0505'
  soort         TEXT NOT NULL CHECK (soort IN ('aangemaakt','gewijzigd','gepseudonimiseerd')),
  velden        TEXT NOT NULL,   -- JSON array of field names
  waarden       TEXT             -- JSON object of the new non-personal values, or NULL
) STRICT;
CREATE INDEX medewerker_wijzigingen_mw ON medewerker_wijzigingen(medewerker_id, id);
CREATE TRIGGER medewerker_wijzigingen_geen_wijziging BEFORE UPDATE ON medewerker_wijzigingen
  BEGIN SELECT RAISE(ABORT, 'de wijzigingshistorie is alleen aan te vullen'); END;
CREATE TRIGGER medewerker_wijzigingen_geen_verwijdering BEFORE DELETE ON medewerker_wijzigingen
  BEGIN SELECT RAISE(ABORT, 'de wijzigingshistorie is alleen aan te vullen'); END;
CREATE TRIGGER medewerkers_geen_verwijdering BEFORE DELETE ON medewerkers
  BEGIN SELECT RAISE(ABORT, 'een medewerker wordt gepseudonimiseerd, niet verwijderd'); END;

-- The key for pseudonyms: 32 random bytes (hex), made by the program on
-- first use (libsodium), one row only.
CREATE TABLE privacy_sleutels (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  zout  TEXT NOT NULL
) STRICT;
