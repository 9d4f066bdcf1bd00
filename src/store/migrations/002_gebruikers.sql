-- Accounts, their sessions and API tokens, failed sign-ins, and the audit log.
CREATE TABLE gebruikers (
  id               INTEGER PRIMARY KEY,
  naam             TEXT NOT NULL UNIQUE,          -- the login name
  organisatie_id   INTEGER REFERENCES organisaties(id),   -- NULL only for a beheerder
  rol              TEXT NOT NULL CHECK (rol IN ('raadslid','medewerker','manager','stuurgroep','procesmanager','beheerder')),
  verband          TEXT,                          -- code of the verband a stuurgroep/procesmanager serves; NULL = all
  wachtwoord_hash  TEXT,                          -- Argon2id (crypto_pwhash_str); NULL = no password login
  actief           INTEGER NOT NULL DEFAULT 1 CHECK (actief IN (0,1)),
  aangemaakt       TEXT NOT NULL,
  CHECK (rol = 'beheerder' OR organisatie_id IS NOT NULL),
  CHECK (rol <> 'stuurgroep' OR verband IS NOT NULL),
  CHECK (verband IS NULL OR rol IN ('stuurgroep','procesmanager'))
) STRICT;
CREATE INDEX gebruikers_org ON gebruikers(organisatie_id);

-- Tokens and sessions are stored as a hash of the secret, never the secret.
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  gebruiker_id INTEGER NOT NULL REFERENCES gebruikers(id),
  hash         TEXT NOT NULL UNIQUE,
  omschrijving TEXT,
  aangemaakt   TEXT NOT NULL,
  ingetrokken  TEXT
) STRICT;
CREATE INDEX api_tokens_gebruiker ON api_tokens(gebruiker_id);

CREATE TABLE sessies (
  id           INTEGER PRIMARY KEY,
  gebruiker_id INTEGER NOT NULL REFERENCES gebruikers(id),
  hash         TEXT NOT NULL UNIQUE,
  csrf         TEXT NOT NULL,                     -- the session's CSRF token (not a credential on its own)
  verloopt     INTEGER NOT NULL,                  -- unix time; absolute, not extended by use
  aangemaakt   TEXT NOT NULL
) STRICT;
CREATE INDEX sessies_gebruiker ON sessies(gebruiker_id);
CREATE INDEX sessies_verloopt ON sessies(verloopt);

-- Failed sign-ins per login name, whether or not such a user exists, so that
-- delay and lockout do not reveal which names are real.
CREATE TABLE inlogpogingen (
  naam            TEXT PRIMARY KEY,
  mislukt         INTEGER NOT NULL,
  geblokkeerd_tot INTEGER NOT NULL DEFAULT 0,     -- unix time
  laatste         INTEGER NOT NULL                -- unix time of the last failure
) STRICT;

-- Append-only: the application only inserts. The triggers refuse the rest.
-- actor is what a reader sees ("naam (rol, organisatie)"); actor_naam is
-- the bare account name, for filtering.
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  tijdstempel TEXT NOT NULL,
  actor       TEXT NOT NULL,
  actor_naam  TEXT,
  actie       TEXT NOT NULL,
  object      TEXT,
  resultaat   TEXT NOT NULL,
  oorsprong   TEXT NOT NULL
) STRICT;
CREATE INDEX audit_actor ON audit(actor_naam);
CREATE INDEX audit_tijdstempel ON audit(tijdstempel);
CREATE TRIGGER audit_geen_wijziging BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aan te vullen'); END;
CREATE TRIGGER audit_geen_verwijdering BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'het auditlog is alleen aan te vullen'); END;
