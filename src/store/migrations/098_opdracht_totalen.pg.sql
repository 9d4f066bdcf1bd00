-- PostgreSQL's form of 098_opdracht_totalen.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties"): each opdracht's booked and approved
-- minutes, kept with it and recomputed by proeftuin verify.
ALTER TABLE opdrachten ADD COLUMN geboekt_minuten BIGINT NOT NULL DEFAULT 0;
ALTER TABLE opdrachten ADD COLUMN goedgekeurd_minuten BIGINT NOT NULL DEFAULT 0;
UPDATE opdrachten SET
  geboekt_minuten = (SELECT coalesce(sum(minuten), 0) FROM uren u
                      WHERE u.opdracht_id = opdrachten.id AND u.status IN ('ingediend', 'goedgekeurd')),
  goedgekeurd_minuten = (SELECT coalesce(sum(minuten), 0) FROM uren u
                          WHERE u.opdracht_id = opdrachten.id AND u.status = 'goedgekeurd');
