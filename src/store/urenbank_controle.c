/* urenbank_verify (urenbank.h): every kept balance recomputed from the
 * journal and the commitments, and every transaction checked to sum to
 * zero. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/kwaliteitskaart.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

/* ---- verify ------------------------------------------------------------------------ */

struct verifier {
	void (*report)(void *ctx, const struct urenbank_difference *d);
	void *ctx;
	long long differences;
};

/* One difference reported; kept_text and recomputed_text ("" for none)
 * when the two are moments rather than numbers. */
static void differ_as(struct verifier *v, const char *pt, const char *org, const char *what, long long kept,
		      long long recomputed, const char *kept_text, const char *recomputed_text)
{
	struct urenbank_difference d;
	snprintf(d.proeftuin, sizeof(d.proeftuin), "%s", pt);
	snprintf(d.organisatie, sizeof(d.organisatie), "%s", org);
	snprintf(d.what, sizeof(d.what), "%s", what);
	d.kept = kept;
	d.recomputed = recomputed;
	snprintf(d.kept_text, sizeof(d.kept_text), "%s", kept_text);
	snprintf(d.recomputed_text, sizeof(d.recomputed_text), "%s", recomputed_text);
	v->differences++;
	if (v->report)
		v->report(v->ctx, &d);
}

static void differ(struct verifier *v, const char *pt, const char *org, const char *what, long long kept, long long recomputed)
{
	differ_as(v, pt, org, what, kept, recomputed, "", "");
}

/* A moment "YYYY-MM-DDTHH:MM:SSZ" as seconds since 1970 (0: none), to
 * report a kept first moment that differs. */
static long long moment_seconds(const char *t)
{
	char day[DATE_TEXT_LEN];
	int32_t d;
	int h = 0, m = 0, sec = 0;
	if (strlen(t) < 10)
		return 0;
	snprintf(day, sizeof(day), "%.10s", t);
	if (date_parse(day, &d) < 0)
		return 0;
	if (t[10] == 'T')
		sscanf(t + 11, "%2d:%2d:%2d", &h, &m, &sec);
	return (long long)d * 86400 + h * 3600 + m * 60 + sec;
}

/* Two moments that differ ("" for none), as text and as seconds since 1970. */
static void differ_moment(struct verifier *v, const char *pt, const char *what, const char *kept, const char *recomputed)
{
	differ_as(v, pt, "", what, moment_seconds(kept), moment_seconds(recomputed), kept[0] ? kept : "geen",
		  recomputed[0] ? recomputed : "geen");
}

/* The monthly sums (urenbank_maandcijfers.h) report through differ. */
struct maand_ctx {
	struct verifier *v;
	const char *code;
};

static void maand_differ(void *ctx, const char *org, const char *what, long long kept, long long re)
{
	struct maand_ctx *m = ctx;
	differ(m->v, m->code, org, what, kept, re);
}

static int verify_one(struct store *s, long long ptid, const char *code, struct verifier *v, struct urenbank_verify_stats *stats,
		      struct problem *p)
{
	size_t n = (size_t)urenbank_one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", ptid);
	long long maxid = urenbank_one_int(
		s, "SELECT coalesce(max(organisatie_id), 0) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", ptid);
	struct ledger_balance *kept = calloc(n + 1, sizeof(*kept)), *re = calloc(n + 1, sizeof(*re));
	char(*codes)[40] = calloc(n + 1, sizeof(*codes));
	int32_t *index = malloc(((size_t)maxid + 1) * sizeof(*index));
	if (!kept || !re || !codes || !index) {
		free(kept), free(re), free(codes), free(index);
		return problem_set(p, 500, "geen geheugen");
	}
	for (long long i = 0; i <= maxid; i++)
		index[i] = -1;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT l.organisatie_id, o.code, l.gebracht_minuten, l.gehaald_minuten, l.gestort_minuten,"
			 " l.vastgelegd_minuten FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
			 " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
			 "l", ptid);
	size_t k = 0;
	while (db_step(st) == DB_ROW && k < n) {
		long long org = db_col_int(st, 0);
		if (org >= 0 && org <= maxid)
			index[org] = (int32_t)k;
		snprintf(codes[k], sizeof(codes[k]), "%s", db_col_text(st, 1));
		kept[k] = (struct ledger_balance){ db_col_int(st, 2), db_col_int(st, 3), db_col_int(st, 4), db_col_int(st, 5) };
		k++;
	}
	db_finalize(st);

	/* The journal, in one pass: balances and each transaction's sum. */
	st = db_query(s->db,
		      "SELECT transactie_id, organisatie_id, soort, minuten FROM journaal_posten WHERE proeftuin_id = ?"
		      " ORDER BY transactie_id, regel",
		      "l", ptid);
	long long cur = 0, sum = 0, txns = 0, postings = 0;
	char what[64];
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		long long txn = db_col_int(st, 0);
		if (txn != cur) {
			if (cur && sum) {
				snprintf(what, sizeof(what), "transactie %lld telt niet op tot nul", cur);
				differ(v, code, "", what, 0, sum);
			}
			cur = txn;
			sum = 0;
			txns++;
		}
		postings++;
		long long m = db_col_int(st, 3);
		sum += m;
		const char *kind = db_col_text(st, 2);
		struct ledger_posting one = { LEDGER_POT, LEDGER_POT_KIND, m };
		if (!db_col_null(st, 1)) {
			long long org = db_col_int(st, 1);
			int32_t i = org >= 0 && org <= maxid ? index[org] : -1;
			one.member = i;
			one.kind = kind[0] == 'g' && kind[1] == 'e' && kind[2] == 'b' ? LEDGER_BROUGHT
				   : kind[0] == 'g' && kind[2] == 'h'                 ? LEDGER_TAKEN
				   : kind[0] == 'g' && kind[2] == 's'                 ? LEDGER_DEPOSITED
										      : LEDGER_POT_KIND;
		}
		if (ledger_apply(re, n, &one, 1) < 0) {
			snprintf(what, sizeof(what), "transactie %lld boekt op een niet-lid", txn);
			differ(v, code, "", what, 0, m);
		}
	}
	db_finalize(st);
	if (cur && sum) {
		snprintf(what, sizeof(what), "transactie %lld telt niet op tot nul", cur);
		differ(v, code, "", what, 0, sum);
	}
	if (rc != DB_DONE) {
		free(kept), free(re), free(codes), free(index);
		return problem_set(p, 500, "Het journaal van '%s' is niet te lezen: %s", code, db_errmsg(s->db));
	}

	/* Commitments, from the inzet. */
	st = db_query(s->db,
		      "SELECT v.organisatie_id, sum(v.minuten - v.vrijgegeven) FROM inzet_vastleggingen v"
		      " JOIN inzet i ON i.id = v.inzet_id JOIN opdrachten o ON o.id = i.opdracht_id"
		      " WHERE o.proeftuin_id = ? GROUP BY v.organisatie_id",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		long long org = db_col_int(st, 0);
		int32_t i = org >= 0 && org <= maxid ? index[org] : -1;
		if (i >= 0)
			re[i].committed = db_col_int(st, 1);
		else if (db_col_int(st, 1))
			differ(v, code, "", "vastlegging voor een niet-lid", 0, db_col_int(st, 1));
	}
	db_finalize(st);

	/* Who worked for whom, kept for the overview (urenbank_stromen),
	 * against the journal's taken postings of hours and corrections. */
	st = db_query(s->db,
		      "SELECT so.code, po.code, sum(x.kept), sum(x.re) FROM ("
		      " SELECT organisatie_id AS so, opdrachtgever_id AS po, minuten AS kept, 0 AS re"
		      "  FROM urenbank_stromen WHERE proeftuin_id = ?1"
		      " UNION ALL"
		      " SELECT u.organisatie_id, jp.organisatie_id, 0, -jp.minuten FROM journaal_posten jp"
		      "  JOIN journaal j ON j.id = jp.transactie_id JOIN uren u ON u.id = j.uren_id"
		      "  WHERE jp.proeftuin_id = ?1 AND j.soort IN ('uren', 'correctie') AND jp.soort = 'gehaald'"
		      "  AND jp.organisatie_id IS NOT NULL) x"
		      " JOIN organisaties so ON so.id = x.so JOIN organisaties po ON po.id = x.po"
		      " GROUP BY so.code, po.code HAVING sum(x.kept) <> sum(x.re) ORDER BY so.code, po.code",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		snprintf(what, sizeof(what), "gewerkt voor %s", db_col_text(st, 1));
		differ(v, code, db_col_text(st, 0), what, db_col_int(st, 2), db_col_int(st, 3));
	}
	db_finalize(st);

	/* Each opdracht's booked and approved minutes, kept with it. */
	st = db_query(s->db,
		      "SELECT o.id, o.geboekt_minuten, o.goedgekeurd_minuten,"
		      " coalesce(sum(CASE WHEN u.status IN ('ingediend', 'goedgekeurd') THEN u.minuten END), 0),"
		      " coalesce(sum(CASE WHEN u.status = 'goedgekeurd' THEN u.minuten END), 0)"
		      " FROM opdrachten o LEFT JOIN uren u ON u.opdracht_id = o.id WHERE o.proeftuin_id = ?"
		      " GROUP BY o.id, o.geboekt_minuten, o.goedgekeurd_minuten ORDER BY o.id",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 1) != db_col_int(st, 3)) {
			snprintf(what, sizeof(what), "opdracht %lld geboekt", db_col_int(st, 0));
			differ(v, code, "", what, db_col_int(st, 1), db_col_int(st, 3));
		}
		if (db_col_int(st, 2) != db_col_int(st, 4)) {
			snprintf(what, sizeof(what), "opdracht %lld goedgekeurd", db_col_int(st, 0));
			differ(v, code, "", what, db_col_int(st, 2), db_col_int(st, 4));
		}
	}
	db_finalize(st);

	/* Each opdracht's first inzet and first hours not rejected, kept with it. */
	st = db_query(s->db,
		      "SELECT o.id, o.eerste_inzet, (SELECT min(i.aangemaakt) FROM inzet i WHERE i.opdracht_id = o.id),"
		      " o.eerste_uren, (SELECT min(u.ingediend) FROM uren u WHERE u.opdracht_id = o.id AND u.status <> 'afgekeurd')"
		      " FROM opdrachten o WHERE o.proeftuin_id = ? ORDER BY o.id",
		      "l", ptid);
	while (db_step(st) == DB_ROW)
		for (int c = 1; c <= 3; c += 2) {
			const char *kept_at = db_col_null(st, c) ? "" : db_col_text(st, c);
			const char *first = db_col_null(st, c + 1) ? "" : db_col_text(st, c + 1);
			if (strcmp(kept_at, first)) {
				snprintf(what, sizeof(what), "opdracht %lld eerste %s", db_col_int(st, 0), c == 1 ? "inzet" : "uren");
				differ_moment(v, code, what, kept_at, first);
			}
		}
	db_finalize(st);

	/* The entries per status, kept for the overview and the lists' totals. */
	st = db_query(s->db,
		      "SELECT x.status, sum(x.ka), sum(x.km), sum(x.ra), sum(x.rm) FROM ("
		      " SELECT status, aantal AS ka, minuten AS km, 0 AS ra, 0 AS rm FROM urenbank_uren_stand WHERE proeftuin_id = ?1"
		      " UNION ALL SELECT status, 0, 0, count(*), sum(minuten) FROM uren WHERE proeftuin_id = ?1 GROUP BY status) x"
		      " GROUP BY x.status ORDER BY x.status",
		      "l", ptid);
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 1) != db_col_int(st, 3)) {
			snprintf(what, sizeof(what), "urenregels %s", db_col_text(st, 0));
			differ(v, code, "", what, db_col_int(st, 1), db_col_int(st, 3));
		}
		if (db_col_int(st, 2) != db_col_int(st, 4)) {
			snprintf(what, sizeof(what), "minuten %s", db_col_text(st, 0));
			differ(v, code, "", what, db_col_int(st, 2), db_col_int(st, 4));
		}
	}
	db_finalize(st);
	/* The entries submitted and reviewed per day, kept for the work stock. */
	st = db_query(s->db,
		      "SELECT x.dag, x.soort, sum(x.ka), sum(x.km), sum(x.ra), sum(x.rm) FROM ("
		      " SELECT dag, soort, aantal AS ka, minuten AS km, 0 AS ra, 0 AS rm FROM urenbank_dag_stand"
		      " WHERE proeftuin_id = ?1"
		      " UNION ALL SELECT substr(ingediend, 1, 10), 'ingediend', 0, 0, count(*), sum(minuten) FROM uren"
		      " WHERE proeftuin_id = ?1 GROUP BY substr(ingediend, 1, 10)"
		      " UNION ALL SELECT substr(beoordeeld, 1, 10), 'beoordeeld', 0, 0, count(*), sum(minuten) FROM uren"
		      " WHERE proeftuin_id = ?1 AND beoordeeld IS NOT NULL GROUP BY substr(beoordeeld, 1, 10)) x"
		      " GROUP BY x.dag, x.soort ORDER BY x.dag, x.soort",
		      "l", ptid);
	while (db_step(st) == DB_ROW)
		for (int c = 0; c < 2; c++)
			if (db_col_int(st, 2 + c) != db_col_int(st, 4 + c)) {
				snprintf(what, sizeof(what), "%s op %s (%s)", c ? "minuten" : "urenregels", db_col_text(st, 0),
					 db_col_text(st, 1));
				differ(v, code, "", what, db_col_int(st, 2 + c), db_col_int(st, 4 + c));
			}
	db_finalize(st);

	/* The journal's transactions, kept for the API's total. */
	long long kept_txns = urenbank_one_int(
		s, "SELECT coalesce((SELECT transacties FROM urenbank_journaal_stand WHERE proeftuin_id = ?), 0)", "l", ptid);
	long long counted = urenbank_one_int(s, "SELECT count(*) FROM journaal WHERE proeftuin_id = ?", "l", ptid);
	if (kept_txns != counted)
		differ(v, code, "", "journaaltransacties", kept_txns, counted);
	struct maand_ctx mc = { v, code };
	urenbank_maand_verify(s, ptid, maand_differ, &mc, p);

	long long net = 0;
	for (size_t i = 0; i < n; i++) {
		if (kept[i].brought != re[i].brought)
			differ(v, code, codes[i], "gebracht", kept[i].brought, re[i].brought);
		if (kept[i].taken != re[i].taken)
			differ(v, code, codes[i], "gehaald", kept[i].taken, re[i].taken);
		if (kept[i].deposited != re[i].deposited)
			differ(v, code, codes[i], "gestort", kept[i].deposited, re[i].deposited);
		if (kept[i].committed != re[i].committed)
			differ(v, code, codes[i], "vastgelegd", kept[i].committed, re[i].committed);
		net += re[i].brought - re[i].taken;
	}
	if (net)
		differ(v, code, "", "som van gebracht − gehaald over de leden", 0, net);
	if (stats) {
		stats->proeftuinen++;
		stats->members += (long long)n;
		stats->transactions += txns;
		stats->postings += postings;
	}
	free(kept), free(re), free(codes), free(index);
	return 0;
}

/* A difference in the kwaliteitskaart's kept counts, which belong to no proeftuin. */
static void cover_differ(void *ctx, const char *org, const char *what, long long kept, long long re)
{
	differ(ctx, "", org, what, kept, re);
}

long long urenbank_verify(struct store *s, const char *ptc, void (*report)(void *ctx, const struct urenbank_difference *d),
			  void *ctx, struct urenbank_verify_stats *stats, struct problem *p)
{
	struct verifier v = { report, ctx, 0 };
	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "verificatie");
	size_t cap = (size_t)urenbank_one_int(s, "SELECT count(*) FROM proeftuinen", NULL) + 1, n = 0;
	long long *ids = calloc(cap, sizeof(*ids));
	char(*codes)[48] = calloc(cap, sizeof(*codes));
	int r = ids && codes ? 0 : problem_set(p, 500, "geen geheugen");
	struct db_stmt *st =
		db_query(s->db, "SELECT id, code FROM proeftuinen WHERE ?1 IS NULL OR code = ?1 ORDER BY id", "t", ptc);
	while (r == 0 && db_step(st) == DB_ROW && n < cap) {
		ids[n] = db_col_int(st, 0);
		snprintf(codes[n], sizeof(codes[n]), "%s", db_col_text(st, 1));
		n++;
	}
	db_finalize(st);
	if (r == 0 && ptc && n == 0)
		r = problem_set(p, 404, "Proeftuin '%s' bestaat niet.", ptc);
	for (size_t i = 0; r == 0 && i < n; i++)
		r = verify_one(s, ids[i], codes[i], &v, stats, p);
	/* The counts the network view of the kwaliteitskaart reads (issue 12). */
	if (r == 0 && kwaliteitskaart_verify_cover(s, cover_differ, &v) < 0)
		r = store_db_problem(s, DB_ERR, p, "verificatie");
	free(ids);
	free(codes);
	db_commit(s->db);
	return r < 0 ? r : v.differences;
}
