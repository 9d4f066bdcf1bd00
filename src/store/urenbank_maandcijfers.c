/* The monthly sums under the evaluation and the settlement
 * (urenbank_maandcijfers.h): kept, split into periods, verified. */
#include <stdio.h>
#include <string.h>
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

/* ---- keeping ------------------------------------------------------------------- */

/* Every sum is kept twice: in its month and in '*', all months. */
static const char *const maanden[2] = { NULL, "*" };

int urenbank_tel_add(struct store *s, int t, long long pt, const char *maand, long long a, long long c, const char *soort,
		     long long n, long long m, struct problem *p)
{
	int r;
	switch (t) {
	case URENBANK_TEL_LEDEN:
		r = db_run(s->db,
			   "INSERT INTO urenbank_maand_leden(proeftuin_id, maand, organisatie_id, soort, aantal, minuten)"
			   " VALUES(?, ?, ?, ?, ?, ?) ON CONFLICT(proeftuin_id, maand, organisatie_id, soort) DO UPDATE SET"
			   " aantal = urenbank_maand_leden.aantal + excluded.aantal,"
			   " minuten = urenbank_maand_leden.minuten + excluded.minuten",
			   "ltltll", pt, maand, a, soort, n, m);
		break;
	case URENBANK_TEL_OPDRACHTEN:
		r = db_run(s->db,
			   "INSERT INTO urenbank_maand_opdrachten(proeftuin_id, maand, opdracht_id, regels, goedgekeurd_minuten)"
			   " VALUES(?, ?, ?, ?, ?) ON CONFLICT(proeftuin_id, maand, opdracht_id) DO UPDATE SET"
			   " regels = urenbank_maand_opdrachten.regels + excluded.regels,"
			   " goedgekeurd_minuten = urenbank_maand_opdrachten.goedgekeurd_minuten + excluded.goedgekeurd_minuten",
			   "ltlll", pt, maand, a, n, m);
		break;
	case URENBANK_TEL_GEHAALD:
		r = db_run(s->db,
			   "INSERT INTO urenbank_maand_gehaald(proeftuin_id, maand, opdrachtgever_id, opdracht_id, minuten)"
			   " VALUES(?, ?, ?, ?, ?) ON CONFLICT(proeftuin_id, maand, opdrachtgever_id, opdracht_id) DO UPDATE SET"
			   " minuten = urenbank_maand_gehaald.minuten + excluded.minuten",
			   "ltlll", pt, maand, a, c, m);
		break;
	case URENBANK_TEL_BEOORDEELD:
		r = db_run(s->db,
			   "INSERT INTO urenbank_maand_beoordeeld(proeftuin_id, maand, dagen, aantal) VALUES(?, ?, ?, ?)"
			   " ON CONFLICT(proeftuin_id, maand, dagen) DO UPDATE SET aantal = urenbank_maand_beoordeeld.aantal"
			   " + excluded.aantal",
			   "ltll", pt, maand, a, n);
		break;
	case URENBANK_TEL_STAND:
		r = db_run(s->db,
			   "INSERT INTO urenbank_uren_stand(proeftuin_id, status, aantal, minuten) VALUES(?, ?, ?, ?)"
			   " ON CONFLICT(proeftuin_id, status) DO UPDATE SET aantal = urenbank_uren_stand.aantal + excluded.aantal,"
			   " minuten = urenbank_uren_stand.minuten + excluded.minuten",
			   "ltll", pt, soort, n, m);
		break;
	case URENBANK_TEL_DAG:
		if (!maand || !strcmp(maand, "*"))
			return 0; /* an import's batch adds up all months; days have no such row */
		r = db_run(s->db,
			   "INSERT INTO urenbank_dag_stand(proeftuin_id, dag, soort, aantal, minuten) VALUES(?, ?, ?, ?, ?)"
			   " ON CONFLICT(proeftuin_id, dag, soort) DO UPDATE SET aantal = urenbank_dag_stand.aantal + excluded.aantal,"
			   " minuten = urenbank_dag_stand.minuten + excluded.minuten",
			   "lttll", pt, maand, soort, n, m);
		break;
	case URENBANK_TEL_JOURNAAL:
		r = db_run(s->db,
			   "INSERT INTO urenbank_journaal_stand(proeftuin_id, transacties) VALUES(?, ?)"
			   " ON CONFLICT(proeftuin_id) DO UPDATE SET transacties = urenbank_journaal_stand.transacties"
			   " + excluded.transacties",
			   "ll", pt, n);
		break;
	default:
		return problem_set(p, 500, "Interne fout: onbekende telling %d.", t);
	}
	return r < 0 ? store_db_problem(s, r, p,
					t == URENBANK_TEL_STAND	     ? "urenstand"
					: t == URENBANK_TEL_JOURNAAL ? "journaalstand"
								     : "maandcijfer")
		     : 0;
}

int urenbank_dag_in(struct urenbank_batch *b, struct store *s, long long pt, const char *moment, const char *soort,
		    long long minuten, struct problem *p)
{
	char dag[DATE_TEXT_LEN];
	snprintf(dag, sizeof(dag), "%.10s", moment);
	return urenbank_tel_in(b, s, URENBANK_TEL_DAG, pt, dag, 0, 0, soort, 1, minuten, p);
}

int urenbank_tel_in(struct urenbank_batch *b, struct store *s, int t, long long pt, const char *maand, long long a,
		    long long c, const char *soort, long long n, long long m, struct problem *p)
{
	if (!urenbank_batch_defers(b, pt))
		return urenbank_tel_add(s, t, pt, maand, a, c, soort, n, m, p);
	return urenbank_batch_tel(b, t, maand, a, c, soort, n, m) < 0 ? problem_set(p, 500, "Onvoldoende geheugen.") : 0;
}

/* In its month and in all months. */
static int tel2(struct urenbank_batch *b, struct store *s, int t, long long pt, const char *maand, long long a, long long c,
		const char *soort, long long n, long long m, struct problem *p)
{
	for (int k = 0; k < 2; k++)
		if (urenbank_tel_in(b, s, t, pt, maanden[k] ? maanden[k] : maand, a, c, soort, n, m, p) < 0)
			return -p->status;
	return 0;
}

long long urenbank_maand_dagen(const char *from, const char *to)
{
	char a[DATE_TEXT_LEN], b[DATE_TEXT_LEN];
	int32_t x, y;
	if (!from || !to || strlen(from) < 10 || strlen(to) < 10)
		return -1;
	snprintf(a, sizeof(a), "%.10s", from);
	snprintf(b, sizeof(b), "%.10s", to);
	if (date_parse(a, &x) < 0 || date_parse(b, &y) < 0)
		return -1;
	return y > x ? y - x : 0;
}

int urenbank_maand_van(struct urenbank_batch *b, struct store *s, long long pt, long long org, long long opdracht,
		       long long minuten, const char *datum, const char *status, long long dagen, const char *was, struct problem *p)
{
	if (was && !strcmp(was, status))
		return 0;
	char maand[8];
	snprintf(maand, sizeof(maand), "%.7s", datum);
	if (was && tel2(b, s, URENBANK_TEL_LEDEN, pt, maand, org, 0, was, -1, -minuten, p) < 0)
		return -p->status;
	if (tel2(b, s, URENBANK_TEL_LEDEN, pt, maand, org, 0, status, 1, minuten, p) < 0)
		return -p->status;
	long long regels = was ? 0 : 1;
	long long approved = (!strcmp(status, "goedgekeurd") ? minuten : 0) - (was && !strcmp(was, "goedgekeurd") ? minuten : 0);
	if ((regels || approved) && tel2(b, s, URENBANK_TEL_OPDRACHTEN, pt, maand, opdracht, 0, NULL, regels, approved, p) < 0)
		return -p->status;
	if (dagen >= 0 && tel2(b, s, URENBANK_TEL_BEOORDEELD, pt, maand, dagen, 0, NULL, 1, 0, p) < 0)
		return -p->status;
	return 0;
}

/* The month of the transaction, or all months (a transaction has one
 * date: grouping by it keeps one row per key). */
#define MAAND_SQL(k) ((k) ? "'*'" : "substr(j.datum, 1, 7)")

int urenbank_maand_journaal(struct store *s, long long ptid, long long txn, struct problem *p)
{
	char sql[1200];
	int r = 0;
	for (int k = 0; r == 0 && k < 2; k++) {
		snprintf(sql, sizeof(sql),
			 "INSERT INTO urenbank_maand_leden(proeftuin_id, maand, organisatie_id, soort, aantal, minuten)"
			 " SELECT jp.proeftuin_id, %s, jp.organisatie_id, j.soort || ':' || jp.soort, count(*), sum(jp.minuten)"
			 " FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id"
			 " WHERE jp.proeftuin_id = ?1 AND jp.transactie_id = ?2 AND jp.organisatie_id IS NOT NULL"
			 " GROUP BY jp.proeftuin_id, j.datum, jp.organisatie_id, j.soort, jp.soort"
			 " ON CONFLICT(proeftuin_id, maand, organisatie_id, soort) DO UPDATE SET"
			 " aantal = urenbank_maand_leden.aantal + excluded.aantal,"
			 " minuten = urenbank_maand_leden.minuten + excluded.minuten",
			 MAAND_SQL(k));
		r = db_run(s->db, sql, "ll", ptid, txn);
		if (r < 0)
			break;
		snprintf(sql, sizeof(sql),
			 "INSERT INTO urenbank_maand_gehaald(proeftuin_id, maand, opdrachtgever_id, opdracht_id, minuten)"
			 " SELECT jp.proeftuin_id, %s, jp.organisatie_id, u.opdracht_id, -sum(jp.minuten)"
			 " FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id"
			 " WHERE jp.proeftuin_id = ?1 AND jp.transactie_id = ?2 AND j.soort IN ('uren', 'correctie')"
			 " AND jp.soort = 'gehaald' AND jp.organisatie_id IS NOT NULL"
			 " GROUP BY jp.proeftuin_id, j.datum, jp.organisatie_id, u.opdracht_id"
			 " ON CONFLICT(proeftuin_id, maand, opdrachtgever_id, opdracht_id) DO UPDATE SET"
			 " minuten = urenbank_maand_gehaald.minuten + excluded.minuten",
			 MAAND_SQL(k));
		r = db_run(s->db, sql, "ll", ptid, txn);
	}
	return r < 0 ? store_db_problem(s, r, p, "maandcijfer") : 0;
}

int urenbank_maand_posten(struct urenbank_batch *b, struct store *s, long long ptid, long long txn, const char *datum,
			  const char *soort, long long opdracht, const struct ledger_posting *ps, size_t n, const long long *orgs,
			  struct problem *p)
{
	int hours = !strcmp(soort, "uren") || !strcmp(soort, "correctie");
	if (!urenbank_batch_defers(b, ptid) || (hours && opdracht <= 0))
		return urenbank_maand_journaal(s, ptid, txn, p);
	/* As urenbank_maand_journaal's two statements, from the postings in hand. */
	char maand[8], kind[64];
	snprintf(maand, sizeof(maand), "%.7s", datum);
	for (size_t i = 0; i < n; i++) {
		long long org = ps[i].member == LEDGER_POT ? 0 : orgs[ps[i].member];
		if (!org)
			continue;
		snprintf(kind, sizeof(kind), "%s:%s", soort, ledger_kind_names[ps[i].kind]);
		if (tel2(b, s, URENBANK_TEL_LEDEN, ptid, maand, org, 0, kind, 1, ps[i].minutes, p) < 0)
			return -p->status;
		if (hours && ps[i].kind == LEDGER_TAKEN &&
		    tel2(b, s, URENBANK_TEL_GEHAALD, ptid, maand, org, opdracht, NULL, 0, -ps[i].minutes, p) < 0)
			return -p->status;
	}
	return 0;
}

/* ---- periods ------------------------------------------------------------------- */

static void month_of(int32_t day, char out[8])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 8, "%04d-%02d", y, m);
}

/* The last day of the month of day. */
static int32_t month_last(int32_t day) { return date_month_next(day) - 1; }

void urenbank_periode(const char *van, const char *tot, struct urenbank_periode *out)
{
	int32_t v, t;
	/* Nothing: no month (m1 > m2), no days (d > e). */
	snprintf(out->m1, sizeof(out->m1), "9999-99");
	snprintf(out->m2, sizeof(out->m2), "0000-00");
	snprintf(out->d1, sizeof(out->d1), "9999-99-99");
	snprintf(out->e1, sizeof(out->e1), "0000-00-00");
	snprintf(out->d2, sizeof(out->d2), "9999-99-99");
	snprintf(out->e2, sizeof(out->e2), "0000-00-00");
	if (date_parse(van, &v) < 0 || date_parse(tot, &t) < 0 || v > t)
		return;
	int32_t first = v, last = t; /* the whole months: first … last */
	if (date_month_first(v) != v) {
		/* The rest of van's month as days (or up to tot in the same month). */
		int32_t end = month_last(v) < t ? month_last(v) : t;
		date_format(v, out->d1);
		date_format(end, out->e1);
		first = end + 1;
	}
	if (first <= t && month_last(t) != t) {
		int32_t start = date_month_first(t) > first ? date_month_first(t) : first;
		date_format(start, out->d2);
		date_format(t, out->e2);
		last = start - 1;
	}
	if (first <= last) {
		month_of(first, out->m1);
		month_of(last, out->m2);
	}
}

int urenbank_periode_pt(struct store *s, long long ptid, const char *van, const char *tot, struct urenbank_periode *out)
{
	urenbank_periode(van, tot, out);
	/* Whether every entry lies in the period: then the sums of all months. */
	struct db_stmt *st = db_query(s->db,
				      "SELECT (SELECT min(datum) FROM uren WHERE proeftuin_id = ?1),"
				      " (SELECT max(datum) FROM uren WHERE proeftuin_id = ?1)",
				      "l", ptid);
	int all = 0;
	if (db_step(st) == DB_ROW)
		all = db_col_null(st, 0) || (strcmp(van, db_col_text(st, 0)) <= 0 && strcmp(tot, db_col_text(st, 1)) >= 0);
	db_finalize(st);
	if (all && strcmp(van, tot) <= 0) {
		snprintf(out->m1, sizeof(out->m1), "*");
		snprintf(out->m2, sizeof(out->m2), "*");
		snprintf(out->d1, sizeof(out->d1), "9999-99-99");
		snprintf(out->e1, sizeof(out->e1), "0000-00-00");
		snprintf(out->d2, sizeof(out->d2), "9999-99-99");
		snprintf(out->e2, sizeof(out->e2), "0000-00-00");
	}
	return all;
}

void urenbank_periode_asof(struct store *s, long long ptid, const char *tot, struct urenbank_periode *out)
{
	urenbank_periode("1900-01-01", tot, out);
	snprintf(out->m1, sizeof(out->m1), "0000-00"); /* every month before, '*' not */
	/* After the last transaction: all months. */
	struct db_stmt *st = db_query(s->db, "SELECT max(datum) FROM journaal WHERE proeftuin_id = ?", "l", ptid);
	int all = db_step(st) == DB_ROW && (db_col_null(st, 0) || strcmp(tot, db_col_text(st, 0)) >= 0);
	db_finalize(st);
	if (all) {
		snprintf(out->m1, sizeof(out->m1), "*");
		snprintf(out->m2, sizeof(out->m2), "*");
		snprintf(out->d1, sizeof(out->d1), "9999-99-99");
		snprintf(out->e1, sizeof(out->e1), "0000-00-00");
	}
	/* The days of tot's own month are the second run; one run suffices. */
	if (!all && strcmp(out->d2, out->e2) <= 0) {
		snprintf(out->d1, sizeof(out->d1), "%s", out->d2);
		snprintf(out->e1, sizeof(out->e1), "%s", out->e2);
	}
	snprintf(out->d2, sizeof(out->d2), "9999-99-99");
	snprintf(out->e2, sizeof(out->e2), "0000-00-00");
}

/* ---- verify -------------------------------------------------------------------- */

int urenbank_maand_verify(struct store *s, long long ptid,
			  void (*differ)(void *ctx, const char *org, const char *what, long long kept, long long re), void *ctx,
			  struct problem *p)
{
	char what[64];
	/* Per member: entries per status and postings per kind. */
	struct db_stmt *st = db_query(
		s->db,
		"SELECT x.maand, o.code, x.soort, sum(x.ka), sum(x.ra), sum(x.km), sum(x.rm) FROM ("
		" SELECT maand, organisatie_id AS org, soort, aantal AS ka, 0 AS ra, minuten AS km, 0 AS rm"
		"  FROM urenbank_maand_leden WHERE proeftuin_id = ?1 AND maand <> '*'"
		" UNION ALL SELECT substr(datum, 1, 7), organisatie_id, status, 0, 1, 0, minuten FROM uren WHERE proeftuin_id = "
		"?1"
		" UNION ALL SELECT substr(j.datum, 1, 7), jp.organisatie_id, j.soort || ':' || jp.soort, 0, 1, 0, jp.minuten"
		"  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id"
		"  WHERE jp.proeftuin_id = ?1 AND jp.organisatie_id IS NOT NULL) x"
		" JOIN organisaties o ON o.id = x.org GROUP BY x.maand, o.code, x.soort"
		" HAVING sum(x.ka) <> sum(x.ra) OR sum(x.km) <> sum(x.rm) ORDER BY x.maand, o.code, x.soort",
		"l", ptid);
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 3) != db_col_int(st, 4)) {
			snprintf(what, sizeof(what), "%s %s (aantal)", db_col_text(st, 0), db_col_text(st, 2));
			differ(ctx, db_col_text(st, 1), what, db_col_int(st, 3), db_col_int(st, 4));
		}
		if (db_col_int(st, 5) != db_col_int(st, 6)) {
			snprintf(what, sizeof(what), "%s %s (minuten)", db_col_text(st, 0), db_col_text(st, 2));
			differ(ctx, db_col_text(st, 1), what, db_col_int(st, 5), db_col_int(st, 6));
		}
	}
	db_finalize(st);
	/* Per opdracht: its entries and approved minutes. */
	st = db_query(s->db,
		      "SELECT maand, opdracht, sum(kr), sum(rr), sum(kg), sum(rg) FROM ("
		      " SELECT maand, opdracht_id AS opdracht, regels AS kr, 0 AS rr, goedgekeurd_minuten AS kg, 0 AS rg"
		      "  FROM urenbank_maand_opdrachten WHERE proeftuin_id = ?1 AND maand <> '*'"
		      " UNION ALL SELECT substr(datum, 1, 7), opdracht_id, 0, 1, 0,"
		      "  CASE WHEN status = 'goedgekeurd' THEN minuten ELSE 0 END FROM uren WHERE proeftuin_id = ?1) x"
		      " GROUP BY maand, opdracht HAVING sum(kr) <> sum(rr) OR sum(kg) <> sum(rg) ORDER BY maand, opdracht",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 2) != db_col_int(st, 3)) {
			snprintf(what, sizeof(what), "%s opdracht %lld regels", db_col_text(st, 0), db_col_int(st, 1));
			differ(ctx, "", what, db_col_int(st, 2), db_col_int(st, 3));
		}
		if (db_col_int(st, 4) != db_col_int(st, 5)) {
			snprintf(what, sizeof(what), "%s opdracht %lld goedgekeurd", db_col_text(st, 0), db_col_int(st, 1));
			differ(ctx, "", what, db_col_int(st, 4), db_col_int(st, 5));
		}
	}
	db_finalize(st);
	/* Per principal and opdracht: what it took. */
	st = db_query(s->db,
		      "SELECT x.maand, o.code, x.opdracht, sum(x.k), sum(x.r) FROM ("
		      " SELECT maand, opdrachtgever_id AS org, opdracht_id AS opdracht, minuten AS k, 0 AS r"
		      "  FROM urenbank_maand_gehaald WHERE proeftuin_id = ?1 AND maand <> '*'"
		      " UNION ALL SELECT substr(j.datum, 1, 7), jp.organisatie_id, u.opdracht_id, 0, -jp.minuten"
		      "  FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id"
		      "  WHERE jp.proeftuin_id = ?1 AND j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald'"
		      "  AND jp.organisatie_id IS NOT NULL) x"
		      " JOIN organisaties o ON o.id = x.org GROUP BY x.maand, o.code, x.opdracht"
		      " HAVING sum(x.k) <> sum(x.r) ORDER BY x.maand, o.code, x.opdracht",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		snprintf(what, sizeof(what), "%s gehaald op opdracht %lld", db_col_text(st, 0), db_col_int(st, 2));
		differ(ctx, db_col_text(st, 1), what, db_col_int(st, 3), db_col_int(st, 4));
	}
	db_finalize(st);
	/* Review times: recounted per month from the days of the two moments. */
	st = db_query(s->db,
		      db_engine(s->db) == DB_POSTGRES
			      ? "SELECT maand, d, sum(k), sum(r) FROM ("
				" SELECT maand, dagen AS d, aantal AS k, 0 AS r FROM urenbank_maand_beoordeeld WHERE "
				"proeftuin_id = ?1 AND maand <> '*'"
				" UNION ALL SELECT substr(datum, 1, 7), greatest(0, CAST(substr(beoordeeld, 1, 10) AS date)"
				"  - CAST(substr(ingediend, 1, 10) AS date)), 0, 1 FROM uren"
				"  WHERE proeftuin_id = ?1 AND beoordeeld IS NOT NULL) x"
				" GROUP BY maand, d HAVING sum(k) <> sum(r) ORDER BY maand, d"
			      : "SELECT maand, d, sum(k), sum(r) FROM ("
				" SELECT maand, dagen AS d, aantal AS k, 0 AS r FROM urenbank_maand_beoordeeld WHERE "
				"proeftuin_id = ?1 AND maand <> '*'"
				" UNION ALL SELECT substr(datum, 1, 7), max(0, CAST(julianday(substr(beoordeeld, 1, 10))"
				"  - julianday(substr(ingediend, 1, 10)) AS INTEGER)), 0, 1 FROM uren"
				"  WHERE proeftuin_id = ?1 AND beoordeeld IS NOT NULL) x"
				" GROUP BY maand, d HAVING sum(k) <> sum(r) ORDER BY maand, d",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		snprintf(what, sizeof(what), "%s beoordeeld na %lld dagen", db_col_text(st, 0), db_col_int(st, 1));
		differ(ctx, "", what, db_col_int(st, 2), db_col_int(st, 3));
	}
	db_finalize(st);
	/* All months ('*') against the sum of the months. */
	static const struct {
		const char *table, *key, *sums;
	} all[] = {
		{ "urenbank_maand_leden", "(SELECT code FROM organisaties WHERE id = organisatie_id) || ' ' || soort",
		  "aantal + minuten" },
		{ "urenbank_maand_opdrachten", "'opdracht ' || CAST(opdracht_id AS TEXT)", "regels + goedgekeurd_minuten" },
		{ "urenbank_maand_gehaald",
		  "(SELECT code FROM organisaties WHERE id = opdrachtgever_id) || ' gehaald op opdracht ' || CAST(opdracht_id AS "
		  "TEXT)",
		  "minuten" },
		{ "urenbank_maand_beoordeeld", "'beoordeeld na ' || CAST(dagen AS TEXT) || ' dagen'", "aantal" },
	};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		char sql[900];
		snprintf(sql, sizeof(sql),
			 "SELECT sleutel, sum(k), sum(r) FROM (SELECT %s AS sleutel, CASE WHEN maand = '*' THEN %s ELSE 0 END AS "
			 "k,"
			 " CASE WHEN maand = '*' THEN 0 ELSE %s END AS r FROM %s WHERE proeftuin_id = ?) x"
			 " GROUP BY sleutel HAVING sum(k) <> sum(r) ORDER BY sleutel",
			 all[i].key, all[i].sums, all[i].sums, all[i].table);
		st = db_query(s->db, sql, "l", ptid);
		while (db_step(st) == DB_ROW) {
			snprintf(what, sizeof(what), "alle maanden: %s", db_col_text(st, 0));
			differ(ctx, "", what, db_col_int(st, 1), db_col_int(st, 2));
		}
		db_finalize(st);
	}
	(void)p;
	return 0;
}
