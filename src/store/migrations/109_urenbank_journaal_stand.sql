-- The number of journal transactions of a proeftuin, kept as they are
-- posted (urenbank_post, in the same transaction; an import adds its
-- batch's once) and recounted from the journal by proeftuin verify (issue
-- 12: the journal API's X-Total-Count was a count over every transaction,
-- 25 ms of its 26 at 800 000). The journal is append-only, so the count
-- only grows.
CREATE TABLE urenbank_journaal_stand (
  proeftuin_id INTEGER PRIMARY KEY REFERENCES proeftuinen(id),
  transacties  INTEGER NOT NULL DEFAULT 0
) STRICT;
INSERT INTO urenbank_journaal_stand(proeftuin_id, transacties)
SELECT proeftuin_id, count(*) FROM journaal GROUP BY proeftuin_id;
