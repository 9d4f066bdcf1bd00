-- The communicatieadviseur among the roles of a verband (issue 17, seed 003:
-- "Een communicatieadviseur van de gemeente Assen is daarbij het eerste
-- aanspreekpunt en zorgt voor de coördinatie en verbinding"): the first
-- contact for communication about the cooperation, next to stuurgroep,
-- eigenaar, projectleider and procesmanager. A CHECK cannot be altered in
-- SQLite, so the table is built again with its rows, ids and columns in the
-- same order (no other table refers to it).
CREATE TABLE bestuursrollen_nieuw (
  id             INTEGER PRIMARY KEY,
  verband_id     INTEGER NOT NULL REFERENCES verbanden(id),
  traject_id     INTEGER REFERENCES trajecten(id),
  rol            TEXT NOT NULL CHECK (rol IN ('stuurgroep','eigenaar','projectleider','procesmanager',
                                              'communicatieadviseur')),
  naam           TEXT NOT NULL,
  organisatie_id INTEGER REFERENCES organisaties(id),
  van            TEXT,
  tot            TEXT CHECK (tot IS NULL OR van IS NULL OR tot > van),
  toelichting    TEXT,
  einde_reden    TEXT
) STRICT;
INSERT INTO bestuursrollen_nieuw(id, verband_id, traject_id, rol, naam, organisatie_id, van, tot, toelichting, einde_reden)
  SELECT id, verband_id, traject_id, rol, naam, organisatie_id, van, tot, toelichting, einde_reden FROM bestuursrollen;
DROP TABLE bestuursrollen;
ALTER TABLE bestuursrollen_nieuw RENAME TO bestuursrollen;
CREATE INDEX bestuursrollen_verband ON bestuursrollen(verband_id, traject_id);
