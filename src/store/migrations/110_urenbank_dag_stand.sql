-- The hour entries of a proeftuin submitted and reviewed per day (the day of
-- uren.ingediend, and of uren.beoordeeld for an approval or a rejection),
-- kept as they are submitted and reviewed (urenbank_uren.c, in the same
-- transaction; an import per batch) and recounted from the entries by
-- proeftuin verify (issue 12: the work stock of a proeftuin report asked
-- every entry whether it awaited review on the peildatum, three passes over
-- a million entries per peildatum, 4 s per report). What awaited review at
-- the end of a day is what was submitted up to then minus what was reviewed
-- up to then (an entry is reviewed after it is submitted).
CREATE TABLE urenbank_dag_stand (
  proeftuin_id INTEGER NOT NULL REFERENCES proeftuinen(id),
  dag          TEXT NOT NULL,
  soort        TEXT NOT NULL CHECK (soort IN ('ingediend', 'beoordeeld')),
  aantal       INTEGER NOT NULL DEFAULT 0,
  minuten      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, dag, soort)
) STRICT;
INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten)
SELECT proeftuin_id, substr(ingediend, 1, 10), 'ingediend', count(*), sum(minuten) FROM uren
GROUP BY proeftuin_id, substr(ingediend, 1, 10);
INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten)
SELECT proeftuin_id, substr(beoordeeld, 1, 10), 'beoordeeld', count(*), sum(minuten) FROM uren
WHERE beoordeeld IS NOT NULL GROUP BY proeftuin_id, substr(beoordeeld, 1, 10);
