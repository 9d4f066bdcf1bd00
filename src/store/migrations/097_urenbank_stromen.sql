-- Who works for whom, kept as it is booked (issue 12, docs/urenbank.md
-- "Overzicht"): per proeftuin, the minutes each principal took from the
-- organisation of the staff who worked (approved hours and their
-- corrections), added to in the same transaction as the journal posting
-- (urenbank_post) and recomputed from the journal by proeftuin verify. The
-- overview read the whole journal for it on every visit: 0.6 s at 342
-- members and 100 000 entries.
CREATE TABLE urenbank_stromen (
  proeftuin_id     INTEGER NOT NULL REFERENCES proeftuinen(id),
  organisatie_id   INTEGER NOT NULL REFERENCES organisaties(id),
  opdrachtgever_id INTEGER NOT NULL REFERENCES organisaties(id),
  minuten          INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, organisatie_id, opdrachtgever_id)
);
INSERT INTO urenbank_stromen(proeftuin_id, organisatie_id, opdrachtgever_id, minuten)
SELECT jp.proeftuin_id, u.organisatie_id, jp.organisatie_id, -sum(jp.minuten)
  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id
 WHERE j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald' AND jp.organisatie_id IS NOT NULL
 GROUP BY jp.proeftuin_id, u.organisatie_id, jp.organisatie_id;
