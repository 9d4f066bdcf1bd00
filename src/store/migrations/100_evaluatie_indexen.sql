-- What the evaluation, the settlement and the report read per day or per
-- opdracht without a sum over every entry (issue 12): the entries of a
-- proeftuin per status by the day worked (the days of a month cut by a
-- period, next to the monthly sums of 099; and what waits for review up to
-- a day), an opdracht's first entry that was not rejected (its first hours)
-- and its first inzet (when it was staffed). Status before the day, so that
-- a question about one status never reads the others.
CREATE INDEX uren_proeftuin_status_datum ON uren(proeftuin_id, status, datum);
CREATE INDEX uren_opdracht_ingediend ON uren(opdracht_id, ingediend) WHERE status <> 'afgekeurd';
CREATE INDEX inzet_opdracht_aangemaakt ON inzet(opdracht_id, aangemaakt);
