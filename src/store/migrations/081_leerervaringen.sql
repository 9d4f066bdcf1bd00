-- What the proeftuin-MT learns and decides during the year (issue 11):
-- leerervaringen (a theme, what was learned, the follow-up) and bijsturing
-- (a steering decision), each dated, for the evaluation and the reports.
CREATE TABLE leerervaringen (
  id             INTEGER PRIMARY KEY,
  proeftuin_id   INTEGER NOT NULL REFERENCES proeftuinen(id),
  soort          TEXT NOT NULL CHECK (soort IN ('leerervaring', 'bijsturing')),
  datum          TEXT NOT NULL,
  thema          TEXT NOT NULL,
  inhoud         TEXT NOT NULL,
  vervolg        TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL,
  gewijzigd      TEXT,
  gewijzigd_door TEXT
);
CREATE INDEX leerervaringen_proeftuin ON leerervaringen(proeftuin_id, datum, id);
