-- Lists of hour entries are served in id order by an index, also when
-- they are filtered by opdracht, instead of sorting the proeftuin's whole
-- table per request (issue 15: GET …/uren?limiet=50 sorted 183 000
-- entries on every call).
CREATE INDEX uren_proeftuin_id ON uren(proeftuin_id, id);
CREATE INDEX uren_opdracht_id ON uren(opdracht_id, id);
