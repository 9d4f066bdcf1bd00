-- PostgreSQL's form of 109_urenbank_journaal_stand.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties").
-- The number of journal transactions of a proeftuin, kept as they are
-- posted (urenbank_post, in the same transaction) and recounted from the
-- journal by proeftuin verify.
CREATE TABLE urenbank_journaal_stand (
  proeftuin_id BIGINT PRIMARY KEY REFERENCES proeftuinen(id) DEFERRABLE,
  transacties  BIGINT NOT NULL DEFAULT 0
);
INSERT INTO urenbank_journaal_stand(proeftuin_id, transacties)
SELECT proeftuin_id, count(*) FROM journaal GROUP BY proeftuin_id;
