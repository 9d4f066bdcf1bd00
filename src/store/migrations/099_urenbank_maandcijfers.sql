-- The evaluation's and the settlement's sums per month, kept as hours are
-- booked and reviewed and as the journal is posted (issue 12: the evaluation
-- summed 1M entries and their postings on every visit, 21 s). maand is the
-- month of the day worked (uren.datum) or of the transaction (journaal.datum);
-- a period of whole months is read from these tables alone, the days of a
-- month cut by the period from the rows (store/urenbank_maandcijfers.c).
-- maand '*' holds the sum over all months: a period that holds every entry
-- of the proeftuin (as its own period does) reads only those.
-- Written in the same transaction as what they sum, recomputed and compared
-- by proeftuin verify.

-- Per member: its staff's entries per status (soort = the status, aantal =
-- entries) and its postings per kind of transaction and posting (soort =
-- journaal.soort ':' journaal_posten.soort, aantal = postings).
CREATE TABLE urenbank_maand_leden (
  proeftuin_id   INTEGER NOT NULL REFERENCES proeftuinen(id),
  maand          TEXT NOT NULL,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  soort          TEXT NOT NULL,
  aantal         INTEGER NOT NULL DEFAULT 0,
  minuten        INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, maand, organisatie_id, soort)
) STRICT, WITHOUT ROWID;
INSERT INTO urenbank_maand_leden(proeftuin_id, maand, organisatie_id, soort, aantal, minuten)
SELECT proeftuin_id, substr(datum, 1, 7), organisatie_id, status, count(*), sum(minuten)
  FROM uren GROUP BY proeftuin_id, substr(datum, 1, 7), organisatie_id, status;
INSERT INTO urenbank_maand_leden(proeftuin_id, maand, organisatie_id, soort, aantal, minuten)
SELECT jp.proeftuin_id, substr(j.datum, 1, 7), jp.organisatie_id, j.soort || ':' || jp.soort, count(*), sum(jp.minuten)
  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id WHERE jp.organisatie_id IS NOT NULL
 GROUP BY jp.proeftuin_id, substr(j.datum, 1, 7), jp.organisatie_id, j.soort || ':' || jp.soort;
INSERT INTO urenbank_maand_leden(proeftuin_id, maand, organisatie_id, soort, aantal, minuten)
SELECT proeftuin_id, '*', organisatie_id, soort, sum(aantal), sum(minuten)
  FROM urenbank_maand_leden GROUP BY proeftuin_id, organisatie_id, soort;

-- Per opdracht: its entries of any status and its approved minutes.
CREATE TABLE urenbank_maand_opdrachten (
  proeftuin_id        INTEGER NOT NULL REFERENCES proeftuinen(id),
  maand               TEXT NOT NULL,
  opdracht_id         INTEGER NOT NULL REFERENCES opdrachten(id),
  regels              INTEGER NOT NULL DEFAULT 0,
  goedgekeurd_minuten INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, maand, opdracht_id)
) STRICT, WITHOUT ROWID;
INSERT INTO urenbank_maand_opdrachten(proeftuin_id, maand, opdracht_id, regels, goedgekeurd_minuten)
SELECT proeftuin_id, substr(datum, 1, 7), opdracht_id, count(*),
       coalesce(sum(CASE WHEN status = 'goedgekeurd' THEN minuten END), 0)
  FROM uren GROUP BY proeftuin_id, substr(datum, 1, 7), opdracht_id;
INSERT INTO urenbank_maand_opdrachten(proeftuin_id, maand, opdracht_id, regels, goedgekeurd_minuten)
SELECT proeftuin_id, '*', opdracht_id, sum(regels), sum(goedgekeurd_minuten)
  FROM urenbank_maand_opdrachten GROUP BY proeftuin_id, opdracht_id;

-- What each principal took per opdracht (the taken postings of hours and
-- their corrections, as positive minutes): expertise from elsewhere.
CREATE TABLE urenbank_maand_gehaald (
  proeftuin_id     INTEGER NOT NULL REFERENCES proeftuinen(id),
  maand            TEXT NOT NULL,
  opdrachtgever_id INTEGER NOT NULL REFERENCES organisaties(id),
  opdracht_id      INTEGER NOT NULL REFERENCES opdrachten(id),
  minuten          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, maand, opdrachtgever_id, opdracht_id)
) STRICT, WITHOUT ROWID;
INSERT INTO urenbank_maand_gehaald(proeftuin_id, maand, opdrachtgever_id, opdracht_id, minuten)
SELECT jp.proeftuin_id, substr(j.datum, 1, 7), jp.organisatie_id, u.opdracht_id, -sum(jp.minuten)
  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id
 WHERE j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald' AND jp.organisatie_id IS NOT NULL
 GROUP BY jp.proeftuin_id, substr(j.datum, 1, 7), jp.organisatie_id, u.opdracht_id;
INSERT INTO urenbank_maand_gehaald(proeftuin_id, maand, opdrachtgever_id, opdracht_id, minuten)
SELECT proeftuin_id, '*', opdrachtgever_id, opdracht_id, sum(minuten)
  FROM urenbank_maand_gehaald GROUP BY proeftuin_id, opdrachtgever_id, opdracht_id;

-- Reviewed entries by the days from booking to review (calendar days of
-- the two moments as stored, never negative).
CREATE TABLE urenbank_maand_beoordeeld (
  proeftuin_id INTEGER NOT NULL REFERENCES proeftuinen(id),
  maand        TEXT NOT NULL,
  dagen        INTEGER NOT NULL,
  aantal       INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, maand, dagen)
) STRICT, WITHOUT ROWID;
INSERT INTO urenbank_maand_beoordeeld(proeftuin_id, maand, dagen, aantal)
SELECT proeftuin_id, maand, CASE WHEN d > 0 THEN d ELSE 0 END, count(*) FROM (
  SELECT proeftuin_id, substr(datum, 1, 7) AS maand,
         CAST(julianday(substr(beoordeeld, 1, 10)) - julianday(substr(ingediend, 1, 10)) AS INTEGER) AS d
    FROM uren WHERE beoordeeld IS NOT NULL) x
 GROUP BY proeftuin_id, maand, CASE WHEN d > 0 THEN d ELSE 0 END;
INSERT INTO urenbank_maand_beoordeeld(proeftuin_id, maand, dagen, aantal)
SELECT proeftuin_id, '*', dagen, sum(aantal) FROM urenbank_maand_beoordeeld GROUP BY proeftuin_id, dagen;
