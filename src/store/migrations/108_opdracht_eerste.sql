-- When each opdracht was first staffed and first had hours booked, kept
-- with it (issue 12: the evaluation's lead times asked the inzet and the
-- hours of every opdracht for their first moment, two index seeks × 5 000
-- opdrachten on every visit). eerste_inzet = the earliest inzet.aangemaakt
-- (inzet is never removed; ending it keeps the moment); eerste_uren = the
-- earliest uren.ingediend of an entry that was not rejected. Written in
-- the same transaction as the inzet and the hours (urenbank_opdrachten.c,
-- urenbank_uren.c, the import's batch in urenbank_import.c; a rejection
-- of the first entry seeks the next in uren_opdracht_ingediend), and
-- recomputed from the rows by proeftuin verify.
ALTER TABLE opdrachten ADD COLUMN eerste_inzet TEXT;
ALTER TABLE opdrachten ADD COLUMN eerste_uren TEXT;
UPDATE opdrachten SET
  eerste_inzet = (SELECT min(i.aangemaakt) FROM inzet i WHERE i.opdracht_id = opdrachten.id),
  eerste_uren = (SELECT min(u.ingediend) FROM uren u WHERE u.opdracht_id = opdrachten.id AND u.status <> 'afgekeurd');
