-- Consent where someone else's drawing rights are used (docs/urenbank.md
-- "Instemming"): merging opdrachten is a proposal that every opdrachtgever's
-- manager accepts or refuses, and takes effect when all accepted; an inzet on
-- another organisation's opdracht is asked of its opdrachtgevers and commits
-- nothing until all accepted (then the inzet is made). Answers are kept, so
-- the trail of who agreed when stays readable; the audit log has each call.
CREATE TABLE samenvoegvoorstellen (
  id           INTEGER PRIMARY KEY,
  proeftuin_id INTEGER NOT NULL REFERENCES proeftuinen(id),
  opdracht_a   INTEGER NOT NULL REFERENCES opdrachten(id),
  opdracht_b   INTEGER NOT NULL REFERENCES opdrachten(id),
  titel        TEXT,
  status       TEXT NOT NULL DEFAULT 'gevraagd' CHECK (status IN ('gevraagd','aanvaard','geweigerd','vervallen')),
  resultaat_id INTEGER REFERENCES opdrachten(id),
  aangemaakt   TEXT NOT NULL,
  door         TEXT NOT NULL,
  afgehandeld  TEXT,
  CHECK (opdracht_a <> opdracht_b),
  CHECK ((status = 'aanvaard') = (resultaat_id IS NOT NULL))
) STRICT;
CREATE INDEX samenvoegvoorstellen_proeftuin ON samenvoegvoorstellen(proeftuin_id, status);

CREATE TABLE inzetverzoeken (
  id             INTEGER PRIMARY KEY,
  proeftuin_id   INTEGER NOT NULL REFERENCES proeftuinen(id),
  opdracht_id    INTEGER NOT NULL REFERENCES opdrachten(id),
  medewerker_id  INTEGER NOT NULL REFERENCES medewerkers(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  minuten        INTEGER NOT NULL CHECK (minuten > 0),
  status         TEXT NOT NULL DEFAULT 'gevraagd' CHECK (status IN ('gevraagd','aanvaard','geweigerd','vervallen')),
  inzet_id       INTEGER REFERENCES inzet(id),
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL,
  afgehandeld    TEXT,
  CHECK ((status = 'aanvaard') = (inzet_id IS NOT NULL))
) STRICT;
CREATE INDEX inzetverzoeken_proeftuin ON inzetverzoeken(proeftuin_id, status);

-- One answer per opdrachtgever whose consent is needed. soort says which
-- request it answers: 'samenvoeging' (verzoek_id a samenvoegvoorstel) or
-- 'inzet' (an inzetverzoek).
CREATE TABLE instemmingen (
  soort          TEXT NOT NULL CHECK (soort IN ('samenvoeging','inzet')),
  verzoek_id     INTEGER NOT NULL,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  antwoord       TEXT NOT NULL DEFAULT 'gevraagd' CHECK (antwoord IN ('gevraagd','akkoord','geweigerd')),
  door           TEXT,
  op             TEXT,
  reden          TEXT,
  PRIMARY KEY (soort, verzoek_id, organisatie_id)
) STRICT;
CREATE INDEX instemmingen_org ON instemmingen(organisatie_id, antwoord);

-- Ending an inzet releases what it still commits; when and why is kept.
ALTER TABLE inzet ADD COLUMN beeindigd TEXT;
ALTER TABLE inzet ADD COLUMN beeindigd_door TEXT;
ALTER TABLE inzet ADD COLUMN beeindigd_reden TEXT;
