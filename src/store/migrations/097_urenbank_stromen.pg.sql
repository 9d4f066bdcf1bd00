-- PostgreSQL's form of 097_urenbank_stromen.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties").
-- Who works for whom, kept as it is booked: per proeftuin, the minutes each
-- principal took from the organisation of the staff who worked, added to in
-- the same transaction as the journal posting and recomputed from the
-- journal by proeftuin verify.
CREATE TABLE urenbank_stromen (
  proeftuin_id     BIGINT NOT NULL REFERENCES proeftuinen(id) DEFERRABLE,
  organisatie_id   BIGINT NOT NULL REFERENCES organisaties(id) DEFERRABLE,
  opdrachtgever_id BIGINT NOT NULL REFERENCES organisaties(id) DEFERRABLE,
  minuten          BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, organisatie_id, opdrachtgever_id)
);
INSERT INTO urenbank_stromen(proeftuin_id, organisatie_id, opdrachtgever_id, minuten)
SELECT jp.proeftuin_id, u.organisatie_id, jp.organisatie_id, -sum(jp.minuten)
  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id
 WHERE j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald' AND jp.organisatie_id IS NOT NULL
 GROUP BY jp.proeftuin_id, u.organisatie_id, jp.organisatie_id;
