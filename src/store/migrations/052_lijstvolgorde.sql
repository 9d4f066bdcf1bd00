-- The register's lists (organisaties, taakvelden, verbanden) are served in
-- name order by an index rather than by sorting the whole table per
-- request (issue 15).
CREATE INDEX organisaties_naam ON organisaties(naam);
CREATE INDEX taakvelden_naam ON taakvelden(naam);
CREATE INDEX verbanden_naam ON verbanden(naam);
