-- The proeftuin's reports to the colleges (issue 11, point 4): a tussentijdse
-- rapportage or an eindevaluatie over a period, with the advice the process
-- manager chose and argued (doorgaan, bijstellen, stoppen), when and by whom.
-- The figures are not stored: they are computed from the bookings whenever
-- the report is read, so that each one can be traced to them.
CREATE TABLE proeftuinrapporten (
  id           INTEGER PRIMARY KEY,
  proeftuin_id INTEGER NOT NULL REFERENCES proeftuinen(id),
  soort        TEXT NOT NULL CHECK (soort IN ('tussentijds', 'eind')),
  van          TEXT NOT NULL,
  tot          TEXT NOT NULL CHECK (tot >= van),
  datum        TEXT NOT NULL,
  advies       TEXT NOT NULL CHECK (advies IN ('doorgaan', 'bijstellen', 'stoppen')),
  toelichting  TEXT NOT NULL,
  aangemaakt   TEXT NOT NULL,
  door         TEXT NOT NULL
) STRICT;
CREATE INDEX proeftuinrapporten_proeftuin ON proeftuinrapporten(proeftuin_id, datum, id);
