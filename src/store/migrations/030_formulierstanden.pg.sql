-- PostgreSQL's form of 030_formulierstanden.sql (the same schema; see docs/ontwikkelen.md
-- "Migraties"): BIGINT for every integer, identity columns for the ids, every
-- foreign key DEFERRABLE.
-- What a page form held when it was refused, kept for a short while so
-- that the page can be shown again at its own address (post/redirect/get)
-- with what was typed and why it was refused. Only the person who sent it
-- gets it back (eigenaar: 'g:' and the account id, or before signing in
-- 'i:' and a hash of the login form's cookie). Never a password or a CSRF
-- token: the pages leave those out.
CREATE TABLE formulierstanden (
  sleutel   TEXT PRIMARY KEY,            -- random, in the address of the page
  eigenaar  TEXT NOT NULL,
  pad       TEXT NOT NULL,               -- the page it belongs to
  gegevens  TEXT NOT NULL,               -- JSON: {"velden":[[naam, waarde], …], "probleem":{…}}
  verloopt  BIGINT NOT NULL             -- unix time
);
CREATE INDEX formulierstanden_verloopt ON formulierstanden(verloopt);
