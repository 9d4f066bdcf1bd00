-- The hours exchange (proeftuin, docs/urenbank.md "Accounting rules"): members with their running balances, assignments
-- (opdrachten) with their principals' shares, staffing (inzet) that commits
-- drawing rights, hour entries (uren), deposits, settlements, and the
-- double-entry journal they are posted to. Hours are minutes, money cents.
--
-- The journal (journaal, journaal_posten) and the financial records
-- (stortingen, afrekeningen, afrekening_regels) are append-only: the
-- triggers at the end refuse UPDATE and DELETE; a mistake is corrected by a
-- reversing transaction. The balances in proeftuin_leden are kept
-- incrementally in the same transaction as each posting and can always be
-- recomputed from the journal (`samen proeftuin verify`).
CREATE TABLE proeftuinen (
  id                    INTEGER PRIMARY KEY,
  code                  TEXT NOT NULL UNIQUE,
  naam                  TEXT NOT NULL,
  omschrijving          TEXT,
  verband_id            INTEGER REFERENCES verbanden(id),
  van                   TEXT NOT NULL,
  tot                   TEXT NOT NULL CHECK (tot >= van),
  tarief_centen         INTEGER NOT NULL CHECK (tarief_centen BETWEEN 1 AND 1000000),  -- per hour
  kredietlimiet_minuten INTEGER NOT NULL CHECK (kredietlimiet_minuten >= 0),
  aangemaakt            TEXT NOT NULL
) STRICT;

-- One row per member, in the order given. The balance columns are the open
-- period's: gebracht − gehaald + gestort is the saldo; vastgelegd is what
-- open staffing still commits (Σ minuten − vrijgegeven in inzet_vastleggingen).
CREATE TABLE proeftuin_leden (
  proeftuin_id       INTEGER NOT NULL REFERENCES proeftuinen(id),
  organisatie_id     INTEGER NOT NULL REFERENCES organisaties(id),
  volgorde           INTEGER NOT NULL,
  gebracht_minuten   INTEGER NOT NULL DEFAULT 0,
  gehaald_minuten    INTEGER NOT NULL DEFAULT 0,
  gestort_minuten    INTEGER NOT NULL DEFAULT 0,
  vastgelegd_minuten INTEGER NOT NULL DEFAULT 0 CHECK (vastgelegd_minuten >= 0),
  PRIMARY KEY (proeftuin_id, organisatie_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX proeftuin_leden_org ON proeftuin_leden(organisatie_id);

CREATE TABLE opdrachten (
  id               INTEGER PRIMARY KEY,
  proeftuin_id     INTEGER NOT NULL REFERENCES proeftuinen(id),
  soort            TEXT NOT NULL CHECK (soort IN ('lokaal','meervoudig-lokaal','regionaal')),
  titel            TEXT NOT NULL,
  omschrijving     TEXT,
  contactpersoon   TEXT,
  geraamde_minuten INTEGER CHECK (geraamde_minuten IS NULL OR geraamde_minuten >= 0),
  verdeelsleutel   TEXT NOT NULL CHECK (verdeelsleutel IN ('aandeel','gelijk','inwoners')),
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','afgerond','samengevoegd')),
  samengevoegd_in  INTEGER REFERENCES opdrachten(id),
  aangemaakt       TEXT NOT NULL,
  CHECK ((status = 'samengevoegd') = (samengevoegd_in IS NOT NULL))
) STRICT;
CREATE INDEX opdrachten_proeftuin ON opdrachten(proeftuin_id, id);
CREATE INDEX opdrachten_samengevoegd ON opdrachten(samengevoegd_in) WHERE samengevoegd_in IS NOT NULL;

-- The principals and their weights, fixed when the opdracht is made (for
-- verdeelsleutel 'inwoners' the inhabitants of that moment): hours posted
-- on it are always split by the same weights.
CREATE TABLE opdrachtgevers (
  opdracht_id    INTEGER NOT NULL REFERENCES opdrachten(id),
  volgorde       INTEGER NOT NULL,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  aandeel        INTEGER NOT NULL CHECK (aandeel >= 1),
  PRIMARY KEY (opdracht_id, volgorde),
  UNIQUE (opdracht_id, organisatie_id)
) STRICT;
CREATE INDEX opdrachtgevers_org ON opdrachtgevers(organisatie_id);

CREATE TABLE opdracht_competenties (
  opdracht_id INTEGER NOT NULL REFERENCES opdrachten(id),
  competentie TEXT NOT NULL,
  niveau      INTEGER NOT NULL CHECK (niveau BETWEEN 1 AND 3),
  PRIMARY KEY (opdracht_id, competentie)
) STRICT;

-- Staffing: a medewerker of organisatie_id put on an opdracht for minuten.
-- It commits each other principal's share of the minutes (vastleggingen);
-- approved hours release the commitment, closing releases the rest.
CREATE TABLE inzet (
  id             INTEGER PRIMARY KEY,
  opdracht_id    INTEGER NOT NULL REFERENCES opdrachten(id),
  medewerker_id  INTEGER NOT NULL REFERENCES medewerkers(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  minuten        INTEGER NOT NULL CHECK (minuten > 0),
  status         TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open','afgesloten')),
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL
) STRICT;
CREATE INDEX inzet_opdracht ON inzet(opdracht_id, medewerker_id);

CREATE TABLE inzet_vastleggingen (
  inzet_id       INTEGER NOT NULL REFERENCES inzet(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  minuten        INTEGER NOT NULL CHECK (minuten >= 0),
  vrijgegeven    INTEGER NOT NULL DEFAULT 0 CHECK (vrijgegeven BETWEEN 0 AND minuten),
  PRIMARY KEY (inzet_id, organisatie_id)
) STRICT, WITHOUT ROWID;

-- Hour entries. organisatie_id is the medewerker's organisation when booked:
-- the one that brings the hours.
CREATE TABLE uren (
  id                INTEGER PRIMARY KEY,
  proeftuin_id      INTEGER NOT NULL REFERENCES proeftuinen(id),
  opdracht_id       INTEGER NOT NULL REFERENCES opdrachten(id),
  medewerker_id     INTEGER NOT NULL REFERENCES medewerkers(id),
  organisatie_id    INTEGER NOT NULL REFERENCES organisaties(id),
  datum             TEXT NOT NULL,
  minuten           INTEGER NOT NULL CHECK (minuten BETWEEN 1 AND 1440),
  omschrijving      TEXT,
  status            TEXT NOT NULL DEFAULT 'ingediend'
                    CHECK (status IN ('ingediend','goedgekeurd','afgekeurd','gecorrigeerd')),
  reden             TEXT,
  ingediend         TEXT NOT NULL,
  ingediend_door    TEXT NOT NULL,
  beoordeeld        TEXT,
  beoordeeld_door   TEXT,
  gecorrigeerd      TEXT,
  gecorrigeerd_door TEXT,
  transactie_id     INTEGER,  -- journaal.id of the posting (NULL when nothing moved)
  correctie_id      INTEGER   -- journaal.id of the reversal
) STRICT;
CREATE INDEX uren_opdracht ON uren(opdracht_id, medewerker_id);
CREATE INDEX uren_proeftuin ON uren(proeftuin_id, status, id);
CREATE INDEX uren_medewerker ON uren(medewerker_id, datum);

-- What an approved entry released of which commitment, so that a
-- correction can commit it again.
CREATE TABLE uren_vrijgaven (
  uren_id        INTEGER NOT NULL REFERENCES uren(id),
  inzet_id       INTEGER NOT NULL REFERENCES inzet(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  minuten        INTEGER NOT NULL CHECK (minuten > 0),
  PRIMARY KEY (uren_id, inzet_id, organisatie_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE stortingen (
  id                INTEGER PRIMARY KEY,
  proeftuin_id      INTEGER NOT NULL REFERENCES proeftuinen(id),
  organisatie_id    INTEGER NOT NULL REFERENCES organisaties(id),
  datum             TEXT NOT NULL,
  bedrag_centen     INTEGER NOT NULL CHECK (bedrag_centen > 0),
  tarief_centen     INTEGER NOT NULL,
  minuten           INTEGER NOT NULL CHECK (minuten >= 0),
  omgerekend_centen INTEGER NOT NULL,
  rest_centen       INTEGER NOT NULL CHECK (rest_centen >= 0),
  omschrijving      TEXT,
  aangemaakt        TEXT NOT NULL,
  door              TEXT NOT NULL,
  CHECK (omgerekend_centen + rest_centen = bedrag_centen)
) STRICT;
CREATE INDEX stortingen_proeftuin ON stortingen(proeftuin_id, id);

-- A settlement closes everything dated up to and including tot.
CREATE TABLE afrekeningen (
  id            INTEGER PRIMARY KEY,
  proeftuin_id  INTEGER NOT NULL REFERENCES proeftuinen(id),
  tot           TEXT NOT NULL,
  tarief_centen INTEGER NOT NULL,
  aangemaakt    TEXT NOT NULL,
  door          TEXT NOT NULL,
  UNIQUE (proeftuin_id, tot)
) STRICT;

CREATE TABLE afrekening_regels (
  afrekening_id  INTEGER NOT NULL REFERENCES afrekeningen(id),
  volgorde       INTEGER NOT NULL,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  saldo_minuten  INTEGER NOT NULL,
  bedrag_centen  INTEGER NOT NULL,
  rest_centen    INTEGER NOT NULL,  -- deposit rests of the period, paid back as money
  PRIMARY KEY (afrekening_id, volgorde)
) STRICT, WITHOUT ROWID;

-- The journal: transactions and their postings. A deposit's or a
-- settlement's transaction points to it (storting_id, afrekening_id). A posting's minuten is its
-- effect on the member's saldo; organisatie_id NULL is the network's pot.
-- Every transaction's postings sum to zero.
CREATE TABLE journaal (
  id               INTEGER PRIMARY KEY,
  proeftuin_id     INTEGER NOT NULL REFERENCES proeftuinen(id),
  datum            TEXT NOT NULL,
  soort            TEXT NOT NULL CHECK (soort IN ('uren','correctie','storting','afrekening')),
  omschrijving     TEXT NOT NULL,
  uren_id          INTEGER REFERENCES uren(id),
  storting_id      INTEGER REFERENCES stortingen(id),
  afrekening_id    INTEGER REFERENCES afrekeningen(id),
  tegenboeking_van INTEGER REFERENCES journaal(id),
  geboekt          TEXT NOT NULL
) STRICT;
CREATE INDEX journaal_proeftuin ON journaal(proeftuin_id, datum);

-- Clustered by proeftuin and transaction: recomputing a proeftuin's
-- balances is one range scan.
CREATE TABLE journaal_posten (
  proeftuin_id   INTEGER NOT NULL,
  transactie_id  INTEGER NOT NULL REFERENCES journaal(id),
  regel          INTEGER NOT NULL,
  organisatie_id INTEGER REFERENCES organisaties(id),
  soort          TEXT NOT NULL CHECK (soort IN ('gebracht','gehaald','gestort','pot')),
  minuten        INTEGER NOT NULL CHECK (minuten <> 0),
  PRIMARY KEY (proeftuin_id, transactie_id, regel),
  CHECK ((organisatie_id IS NULL) = (soort = 'pot'))
) STRICT, WITHOUT ROWID;

-- Idempotency-Key: the first response to a POST per user and key, replayed
-- for a repeat (the fingerprint tells a repeat from another request).
CREATE TABLE idempotentie (
  gebruiker_id INTEGER NOT NULL,
  sleutel      TEXT NOT NULL,
  vingerafdruk TEXT NOT NULL,
  status       INTEGER NOT NULL,
  content_type TEXT NOT NULL,
  antwoord     TEXT NOT NULL,
  aangemaakt   TEXT NOT NULL,
  PRIMARY KEY (gebruiker_id, sleutel)
) STRICT;

CREATE TRIGGER journaal_geen_wijziging BEFORE UPDATE ON journaal
  BEGIN SELECT RAISE(ABORT, 'het journaal is alleen aan te vullen; corrigeer met een tegenboeking'); END;
CREATE TRIGGER journaal_geen_verwijdering BEFORE DELETE ON journaal
  BEGIN SELECT RAISE(ABORT, 'het journaal is alleen aan te vullen; corrigeer met een tegenboeking'); END;
CREATE TRIGGER journaal_posten_geen_wijziging BEFORE UPDATE ON journaal_posten
  BEGIN SELECT RAISE(ABORT, 'het journaal is alleen aan te vullen; corrigeer met een tegenboeking'); END;
CREATE TRIGGER journaal_posten_geen_verwijdering BEFORE DELETE ON journaal_posten
  BEGIN SELECT RAISE(ABORT, 'het journaal is alleen aan te vullen; corrigeer met een tegenboeking'); END;
CREATE TRIGGER stortingen_geen_wijziging BEFORE UPDATE ON stortingen
  BEGIN SELECT RAISE(ABORT, 'een storting is alleen aan te vullen'); END;
CREATE TRIGGER stortingen_geen_verwijdering BEFORE DELETE ON stortingen
  BEGIN SELECT RAISE(ABORT, 'een storting is alleen aan te vullen'); END;
CREATE TRIGGER afrekeningen_geen_wijziging BEFORE UPDATE ON afrekeningen
  BEGIN SELECT RAISE(ABORT, 'een afrekening is alleen aan te vullen'); END;
CREATE TRIGGER afrekeningen_geen_verwijdering BEFORE DELETE ON afrekeningen
  BEGIN SELECT RAISE(ABORT, 'een afrekening is alleen aan te vullen'); END;
CREATE TRIGGER afrekening_regels_geen_wijziging BEFORE UPDATE ON afrekening_regels
  BEGIN SELECT RAISE(ABORT, 'een afrekening is alleen aan te vullen'); END;
CREATE TRIGGER afrekening_regels_geen_verwijdering BEFORE DELETE ON afrekening_regels
  BEGIN SELECT RAISE(ABORT, 'een afrekening is alleen aan te vullen'); END;
-- A posted hour entry stays posted: once it has a transaction only its
-- correction may be added.
CREATE TRIGGER uren_geboekt_blijft BEFORE UPDATE OF transactie_id ON uren
  WHEN OLD.transactie_id IS NOT NULL
  BEGIN SELECT RAISE(ABORT, 'een geboekte urenregel wordt gecorrigeerd, niet overschreven'); END;
CREATE TRIGGER uren_geen_verwijdering BEFORE DELETE ON uren
  BEGIN SELECT RAISE(ABORT, 'een urenregel wordt afgekeurd of gecorrigeerd, niet verwijderd'); END;
