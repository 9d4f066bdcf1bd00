-- The decision trail (store/besturing_besluitvorming.c): the verband's
-- stuurgroep, then advice asked of each organisation's OR with a deadline
-- and its advice (positief, negatief or met voorwaarden: the OR advises, it
-- never decides), then the college, then the raad (geïnformeerd, kaders,
-- geconsulteerd, besluit). The table is rebuilt to widen its uitkomst; no
-- other table refers to it.
CREATE TABLE besluiten_nieuw (
  id              INTEGER PRIMARY KEY,
  verband_id      INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id      INTEGER REFERENCES trajecten(id),
  orgaan          TEXT NOT NULL CHECK (orgaan IN ('stuurgroep','burgemeesters','college','or','raad')),
  organisatie_id  INTEGER REFERENCES organisaties(id),
  datum           TEXT NOT NULL,
  uitkomst        TEXT NOT NULL CHECK (uitkomst IN ('go','no-go','uitstel','advies','kennisname','advies-gevraagd',
                                                    'kaders','geconsulteerd')),
  advies          TEXT CHECK (advies IS NULL OR advies IN ('positief','negatief','met-voorwaarden')),
  advies_deadline TEXT,
  onderwerp       TEXT,
  toelichting     TEXT,
  aangemaakt      TEXT NOT NULL
) STRICT;
INSERT INTO besluiten_nieuw(id, verband_id, traject_id, orgaan, organisatie_id, datum, uitkomst, onderwerp, toelichting,
                            aangemaakt)
  SELECT id, verband_id, traject_id, orgaan, organisatie_id, datum, uitkomst, onderwerp, toelichting, aangemaakt
  FROM besluiten;
DROP TABLE besluiten;
ALTER TABLE besluiten_nieuw RENAME TO besluiten;
CREATE INDEX besluiten_verband ON besluiten(verband_id, datum);
CREATE INDEX besluiten_traject ON besluiten(traject_id, datum);
CREATE INDEX besluiten_organisatie ON besluiten(organisatie_id, datum);

-- The raad's kaders per organisation (seed 000: "Sterker Dichtbij"): the task
-- fields and partners it may cooperate on, from van (up to tot). A traject
-- outside them is marked and its college decision waits for a raad
-- 'geconsulteerd' step. An empty list of task fields or partners sets no
-- bound on that side.
CREATE TABLE raad_kaders (
  id             INTEGER PRIMARY KEY,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  titel          TEXT NOT NULL,
  van            TEXT NOT NULL,
  tot            TEXT CHECK (tot IS NULL OR tot > van),
  toelichting    TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL
) STRICT;
CREATE INDEX raad_kaders_org ON raad_kaders(organisatie_id, van);
CREATE TABLE raad_kader_taakvelden (
  kader_id    INTEGER NOT NULL REFERENCES raad_kaders(id),
  taakveld_id INTEGER NOT NULL REFERENCES taakvelden(id),
  PRIMARY KEY (kader_id, taakveld_id)
) STRICT;
CREATE TABLE raad_kader_partners (
  kader_id       INTEGER NOT NULL REFERENCES raad_kaders(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  PRIMARY KEY (kader_id, organisatie_id)
) STRICT;

-- A verband's documents with their dates: spelregels, intentieverklaring,
-- convenant. precisie says how exactly the source dates it (a seed that
-- says "vierde kwartaal 2008" gives the quarter's first day).
CREATE TABLE verband_documenten (
  id           INTEGER PRIMARY KEY,
  verband_id   INTEGER NOT NULL REFERENCES verbanden(id),
  soort        TEXT NOT NULL CHECK (soort IN ('spelregels','intentieverklaring','convenant','startdocument','overig')),
  titel        TEXT NOT NULL,
  datum        TEXT NOT NULL,
  precisie     TEXT NOT NULL DEFAULT 'dag' CHECK (precisie IN ('dag','maand','kwartaal','jaar')),
  status       TEXT NOT NULL DEFAULT 'vastgesteld' CHECK (status IN ('gepland','vastgesteld')),
  omschrijving TEXT,
  aangemaakt   TEXT NOT NULL,
  door         TEXT NOT NULL
) STRICT;
CREATE INDEX verband_documenten_verband ON verband_documenten(verband_id, datum);

-- The lead municipality (trekker) of a theme in a verband, over time.
CREATE TABLE verband_trekkers (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  thema          TEXT NOT NULL,
  taakveld_id    INTEGER REFERENCES taakvelden(id),
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  van            TEXT NOT NULL,
  tot            TEXT CHECK (tot IS NULL OR tot > van),
  toelichting    TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL
) STRICT;
CREATE INDEX verband_trekkers_verband ON verband_trekkers(verband_id, van);

-- Evaluation moments of a verband's cooperation or of one traject, with the
-- outcome and the follow-up (vervolg) once held, and the decision on it.
CREATE TABLE evaluaties (
  id                  INTEGER PRIMARY KEY,
  verband_id          INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id          INTEGER REFERENCES trajecten(id),
  titel               TEXT NOT NULL,
  datum               TEXT NOT NULL,
  precisie            TEXT NOT NULL DEFAULT 'dag' CHECK (precisie IN ('dag','maand','kwartaal','jaar')),
  omschrijving        TEXT,
  gehouden            TEXT,
  uitkomst            TEXT,
  vervolg             TEXT CHECK (vervolg IS NULL OR vervolg IN ('voortzetten','opschalen','bijstellen','beeindigen')),
  vervolg_toelichting TEXT,
  besluit_id          INTEGER REFERENCES besluiten(id),
  aangemaakt          TEXT NOT NULL,
  door                TEXT NOT NULL,
  CHECK (gehouden IS NOT NULL OR (uitkomst IS NULL AND vervolg IS NULL))
) STRICT;
CREATE INDEX evaluaties_verband ON evaluaties(verband_id, datum);

-- Recurring meetings of a verband (MT sessions twice a year, the stuurgroep
-- every six weeks, a joint council meeting): from eerste, every
-- interval_aantal weeks or months (none: one meeting), up to tot. A held or
-- prepared meeting has its agenda and minutes in vergaderingen.
CREATE TABLE overleggen (
  id               INTEGER PRIMARY KEY,
  verband_id       INTEGER NOT NULL REFERENCES verbanden(id),
  soort            TEXT NOT NULL CHECK (soort IN ('stuurgroep','mt-sessie','raadsbijeenkomst','werkconferentie',
                                                  'bestuurlijk-overleg','overig')),
  titel            TEXT NOT NULL,
  eerste           TEXT NOT NULL,
  precisie         TEXT NOT NULL DEFAULT 'dag' CHECK (precisie IN ('dag','maand','kwartaal','jaar')),
  interval_eenheid TEXT CHECK (interval_eenheid IS NULL OR interval_eenheid IN ('week','maand')),
  interval_aantal  INTEGER CHECK (interval_aantal IS NULL OR interval_aantal BETWEEN 1 AND 60),
  tot              TEXT,
  toelichting      TEXT,
  aangemaakt       TEXT NOT NULL,
  door             TEXT NOT NULL,
  CHECK ((interval_eenheid IS NULL) = (interval_aantal IS NULL)),
  CHECK (tot IS NULL OR tot > eerste)
) STRICT;
CREATE INDEX overleggen_verband ON overleggen(verband_id);
CREATE TABLE vergaderingen (
  id         INTEGER PRIMARY KEY,
  overleg_id INTEGER NOT NULL REFERENCES overleggen(id),
  datum      TEXT NOT NULL,
  agenda     TEXT,
  verslag    TEXT,
  aangemaakt TEXT NOT NULL,
  door       TEXT NOT NULL,
  UNIQUE (overleg_id, datum)
) STRICT;

-- The next stand van zaken to the raad, planned and dated ("In december 2012
-- zal het College u opnieuw een stand van zaken geven").
CREATE TABLE rapportage_planning (
  id             INTEGER PRIMARY KEY,
  organisatie_id INTEGER NOT NULL REFERENCES organisaties(id),
  titel          TEXT NOT NULL,
  datum          TEXT NOT NULL,
  precisie       TEXT NOT NULL DEFAULT 'dag' CHECK (precisie IN ('dag','maand','kwartaal','jaar')),
  toelichting    TEXT,
  aangemaakt     TEXT NOT NULL,
  door           TEXT NOT NULL
) STRICT;
CREATE INDEX rapportage_planning_org ON rapportage_planning(organisatie_id, datum);
