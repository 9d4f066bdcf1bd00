-- The hour entries of a proeftuin per status, kept as they are booked,
-- approved, refused and corrected (urenbank_uren.c, in the same
-- transaction) and recomputed from the hours by proeftuin verify (issue 12:
-- the overview showed them from a sum over every entry on every visit,
-- 0.5 s at a million; the lists of hours take their total from here when
-- they are not filtered otherwise).
CREATE TABLE urenbank_uren_stand (
  proeftuin_id INTEGER NOT NULL REFERENCES proeftuinen(id),
  status       TEXT NOT NULL,
  aantal       INTEGER NOT NULL DEFAULT 0,
  minuten      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, status)
) STRICT;
INSERT INTO urenbank_uren_stand(proeftuin_id, status, aantal, minuten)
SELECT proeftuin_id, status, count(*), sum(minuten) FROM uren GROUP BY proeftuin_id, status;
