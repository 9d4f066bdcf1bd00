-- A task hosted by one member for the others, without a legal entity
-- (issue 17, docs/registerformaat.md "Gastgemeente"): the applicatiebeheer
-- of Sociale Zaken is "voor de DSZ-gemeenten ondergebracht bij de gemeente
-- Dalfsen" (stand van zaken Dalfsen, 8 maart 2012). uitvoerder_id is the
-- participant that performs the traject for the other participants; NULL:
-- the participants do it together, as before.
ALTER TABLE trajecten ADD COLUMN uitvoerder_id INTEGER REFERENCES organisaties(id);
