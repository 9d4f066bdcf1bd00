-- Accounts, their sessions and API tokens, and the audit log.
CREATE TABLE gebruikers (
  id               INTEGER PRIMARY KEY,
  naam             TEXT NOT NULL UNIQUE,          -- the login name
  organisatie_id   INTEGER REFERENCES organisaties(id),   -- NULL only for a beheerder
  rol              TEXT NOT NULL CHECK (rol IN ('raadslid','medewerker','manager','stuurgroep','procesmanager','beheerder')),
  verband          TEXT,                          -- scope of stuurgroep/procesmanager; NULL = all
  wachtwoord_hash  TEXT,                          -- Argon2id (crypto_pwhash_str); NULL = no password login
  actief           INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0,1)),
  mislukte_pogingen INTEGER NOT NULL DEFAULT 0,
  geblokkeerd_tot  INTEGER NOT NULL DEFAULT 0,    -- unix time
  aangemaakt       TEXT NOT NULL,
  CHECK (rol = 'beheerder' OR organisatie_id IS NOT NULL)
) STRICT;

-- Tokens and sessions are stored as a hash of the secret, never the secret.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  gebruiker_id INTEGER NOT NULL REFERENCES gebruikers(id),
  hash         TEXT NOT NULL UNIQUE,
  omschrijving TEXT,
  aangemaakt   TEXT NOT NULL,
  ingetrokken  TEXT
) STRICT;

CREATE TABLE sessies (
  id           INTEGER PRIMARY KEY,
  gebruiker_id INTEGER NOT NULL REFERENCES gebruikers(id),
  hash         TEXT NOT NULL UNIQUE,
  csrf         TEXT NOT NULL,
  verloopt     INTEGER NOT NULL,                  -- unix time
  aangemaakt   TEXT NOT NULL
) STRICT;

-- Append-only: the application only inserts. The triggers refuse the rest.
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  tijdstempel TEXT NOT NULL,
  actor       TEXT NOT NULL,
  actie       TEXT NOT NULL,
  object      TEXT,
  resultaat   TEXT NOT NULL,
  oorsprong   TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aan te vullen'); END;
CREATE TRIGGER audit_geen_verwijdering BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aan te vullen'); END;
