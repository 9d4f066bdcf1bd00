-- Offers as well as requests (issue 11, docs/urenbank.md "Aanbod"): a member
-- announces capacity it can spare in a proeftuin, one of its medewerkers or a
-- competence, for so many minutes in a period. The offer is the offering
-- organisation's standing agreement to staff it; converting it into inzet
-- goes through the consent of the urenbank (inzetverzoeken), and each
-- conversion is kept, so what is left of an offer is always recomputed.
CREATE TABLE aanbod (
  id               INTEGER PRIMARY KEY,
  proeftuin_id     INTEGER NOT NULL REFERENCES proeftuinen(id),
  organisatie_id   INTEGER NOT NULL REFERENCES organisaties(id),
  medewerker_id    INTEGER REFERENCES medewerkers(id),
  competentie_id   INTEGER REFERENCES competenties(id),
  minuten          INTEGER NOT NULL CHECK (minuten > 0),
  van              TEXT NOT NULL,
  tot              TEXT NOT NULL CHECK (tot >= van),
  toelichting      TEXT,
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','ingetrokken')),
  aangemaakt       TEXT NOT NULL,
  door             TEXT NOT NULL,
  ingetrokken      TEXT,
  ingetrokken_door TEXT,
  CHECK ((medewerker_id IS NULL) <> (competentie_id IS NULL))
) STRICT;
CREATE INDEX aanbod_proeftuin ON aanbod(proeftuin_id, status, tot);

-- What was made of an offer: an inzet at once (inzet_id), or a request that
-- waits for the opdrachtgevers (inzetverzoek_id). A refused or lapsed
-- request gives its minutes back to the offer.
CREATE TABLE aanbod_omzettingen (
  id              INTEGER PRIMARY KEY,
  aanbod_id       INTEGER NOT NULL REFERENCES aanbod(id),
  opdracht_id     INTEGER NOT NULL REFERENCES opdrachten(id),
  medewerker_id   INTEGER NOT NULL REFERENCES medewerkers(id),
  minuten         INTEGER NOT NULL CHECK (minuten > 0),
  inzet_id        INTEGER REFERENCES inzet(id),
  inzetverzoek_id INTEGER REFERENCES inzetverzoeken(id),
  aangemaakt      TEXT NOT NULL,
  door            TEXT NOT NULL,
  CHECK ((inzet_id IS NULL) <> (inzetverzoek_id IS NULL))
) STRICT;
CREATE INDEX aanbod_omzettingen_aanbod ON aanbod_omzettingen(aanbod_id);
