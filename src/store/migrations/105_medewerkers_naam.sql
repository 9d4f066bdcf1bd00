-- The list of medewerkers is sorted by name a page at a time (issue 12:
-- 150 000 of them, /medewerkers): with this index the first page of the
-- sorted list is read from the index instead of sorting everyone first.
CREATE INDEX medewerkers_naam ON medewerkers(lower(naam), id);
