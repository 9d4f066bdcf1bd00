-- Failed sign-ins per login name and source address (issue 15). A lockout
-- holds for the address it came from: from anywhere else the name is only
-- slowed down, so nobody can lock another person out. The name is kept as
-- a keyed hash (gebruikers_sleutel), never as typed: what someone typed
-- into the name field may well be a password. The old table kept typed
-- names; it goes.
DROP TABLE inlogpogingen;
CREATE TABLE inlogpogingen_adres (
  naam_hash       TEXT NOT NULL,           -- keyed BLAKE2b of the name as typed
  adres           TEXT NOT NULL,           -- the client address
  mislukt         BIGINT NOT NULL,         -- failures since the last success or lockout
  geblokkeerd_tot BIGINT NOT NULL DEFAULT 0, -- unix time
  laatste         BIGINT NOT NULL,         -- unix time of the last failure
  PRIMARY KEY (naam_hash, adres)
);
CREATE INDEX inlogpogingen_adres_laatste ON inlogpogingen_adres(laatste);

-- The key for those hashes and for unknown names in the audit log: 32
-- random bytes (hex), made on first use, one row.
CREATE TABLE gebruikers_sleutel (
  id      INTEGER PRIMARY KEY CHECK (id = 1),
  sleutel TEXT NOT NULL
);
