-- PostgreSQL's form of 110_urenbank_dag_stand.sql (the same schema; see
-- docs/ontwikkelen.md "Migraties"): the hour entries of a proeftuin
-- submitted and reviewed per day, kept as they are submitted and reviewed
-- and recounted by proeftuin verify.
CREATE TABLE urenbank_dag_stand (
  proeftuin_id BIGINT NOT NULL REFERENCES proeftuinen(id) DEFERRABLE,
  dag          TEXT NOT NULL,
  soort        TEXT NOT NULL CHECK (soort IN ('ingediend', 'beoordeeld')),
  aantal       BIGINT NOT NULL DEFAULT 0,
  minuten      BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (proeftuin_id, dag, soort)
);
INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten)
SELECT proeftuin_id, substr(ingediend, 1, 10), 'ingediend', count(*), sum(minuten) FROM uren
GROUP BY proeftuin_id, substr(ingediend, 1, 10);
INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten)
SELECT proeftuin_id, substr(beoordeeld, 1, 10), 'beoordeeld', count(*), sum(minuten) FROM uren
WHERE beoordeeld IS NOT NULL GROUP BY proeftuin_id, substr(beoordeeld, 1, 10);
