-- PostgreSQL's form of 104_urenbank_uren_stand.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties").
-- The hour entries of a proeftuin per status, kept as they are booked,
-- approved, refused and corrected (urenbank_uren.c, in the same
-- transaction) and recomputed from the hours by proeftuin verify.
CREATE TABLE urenbank_uren_stand (
  proeftuin_id BIGINT NOT NULL REFERENCES proeftuinen(id) DEFERRABLE,
  status       TEXT NOT NULL,
  aantal       BIGINT NOT NULL DEFAULT 0,
  minuten      BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, status)
);
INSERT INTO urenbank_uren_stand(proeftuin_id, status, aantal, minuten)
SELECT proeftuin_id, status, count(*), sum(minuten) FROM uren GROUP BY proeftuin_id, status;
