-- The identity of besluiten after 021 (see 096_besluiten_identiteit.pg.sql):
-- only PostgreSQL needs it. In SQLite an INTEGER PRIMARY KEY takes the next
-- id after the largest in the table, so a rebuilt table with copied ids goes
-- on after them by itself. This statement only records the number.
SELECT 1;
