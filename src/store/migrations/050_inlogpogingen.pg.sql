-- PostgreSQL's 050_inlogpogingen.sql: the same tables; the key's single
-- row has a BIGINT id (INTEGER is 32 bits here, and every id is BIGINT).
DROP TABLE inlogpogingen;
CREATE TABLE inlogpogingen_adres (
  naam_hash       TEXT NOT NULL,
  adres           TEXT NOT NULL,
  mislukt         BIGINT NOT NULL,
  geblokkeerd_tot BIGINT NOT NULL DEFAULT 0,
  laatste         BIGINT NOT NULL,
  PRIMARY KEY (naam_hash, adres)
);
CREATE INDEX inlogpogingen_adres_laatste ON inlogpogingen_adres(laatste);

CREATE TABLE gebruikers_sleutel (
  id      BIGINT PRIMARY KEY CHECK (id = 1),
  sleutel TEXT NOT NULL
);
