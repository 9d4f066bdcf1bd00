-- What the members of a verband should know of each other (issue 17, seed
-- 003 §4 "Belangen": "Voor een effectieve samenwerking is het productief de
-- belangen, de posities van elkaar te kennen"): per member its visie en
-- kernwaarden and its organisatiebelang, one item a line, and its position
-- on the verband's end goal ('de stip op de horizon'), tempo, inhoud and
-- schaal. A member records a new version with the date it holds from; the
-- position on a date is the latest version on or before it (the highest id
-- among versions of one date). Nothing is changed or removed: the history
-- of what a partner wanted is part of the cooperation's story.
CREATE TABLE verband_belangen (
  id                INTEGER PRIMARY KEY,
  verband_id        INTEGER NOT NULL REFERENCES verbanden(id),
  organisatie_id    INTEGER NOT NULL REFERENCES organisaties(id),
  datum             TEXT NOT NULL,
  kernwaarden       TEXT,
  organisatiebelang TEXT,
  eindperspectief   TEXT,
  tempo             TEXT,
  inhoud            TEXT,
  schaal            TEXT,
  toelichting       TEXT,
  aangemaakt        TEXT NOT NULL,
  door              TEXT NOT NULL
) STRICT;
CREATE INDEX verband_belangen_lid ON verband_belangen(verband_id, organisatie_id, datum);
CREATE TRIGGER verband_belangen_geen_wijziging BEFORE UPDATE ON verband_belangen
  BEGIN SELECT RAISE(ABORT, 'de belangen zijn alleen aan te vullen: leg een nieuwe versie vast'); END;
CREATE TRIGGER verband_belangen_geen_verwijdering BEFORE DELETE ON verband_belangen
  BEGIN SELECT RAISE(ABORT, 'de belangen zijn alleen aan te vullen: leg een nieuwe versie vast'); END;
