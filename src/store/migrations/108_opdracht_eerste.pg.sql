-- PostgreSQL's form of 108_opdracht_eerste.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties"): when each opdracht was first staffed
-- and first had hours booked, kept with it and recomputed by proeftuin verify.
ALTER TABLE opdrachten ADD COLUMN eerste_inzet TEXT;
ALTER TABLE opdrachten ADD COLUMN eerste_uren TEXT;
UPDATE opdrachten SET
  eerste_inzet = (SELECT min(i.aangemaakt) FROM inzet i WHERE i.opdracht_id = opdrachten.id),
  eerste_uren = (SELECT min(u.ingediend) FROM uren u WHERE u.opdracht_id = opdrachten.id AND u.status <> 'afgekeurd');
