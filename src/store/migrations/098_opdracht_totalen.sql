-- Each opdracht's booked and approved minutes, kept with it as hours are
-- booked, approved, refused and corrected (urenbank_uren.c), and recomputed
-- from the hours by proeftuin verify (issue 12: no sum over an opdracht's
-- hours for every row of every list). geboekt = submitted or approved,
-- goedgekeurd = approved.
ALTER TABLE opdrachten ADD COLUMN geboekt_minuten INTEGER NOT NULL DEFAULT 0;
ALTER TABLE opdrachten ADD COLUMN goedgekeurd_minuten INTEGER NOT NULL DEFAULT 0;
UPDATE opdrachten SET
  geboekt_minuten = (SELECT coalesce(sum(minuten), 0) FROM uren u
                      WHERE u.opdracht_id = opdrachten.id AND u.status IN ('ingediend', 'goedgekeurd')),
  goedgekeurd_minuten = (SELECT coalesce(sum(minuten), 0) FROM uren u
                          WHERE u.opdracht_id = opdrachten.id AND u.status = 'goedgekeurd');
