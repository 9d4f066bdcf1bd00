/* Bookkeeping under every urenbank write (urenbank_intern.h): members'
 * running balances, posting a transaction into the journal, the check
 * that nobody draws below what is available, and releasing commitments.
 * Everything that changes a balance goes through here, so that
 * urenbank_verify (urenbank_controle.c) can recompute it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

/* ---- members and balances --------------------------------------------- */

int urenbank_member_balance(struct store *s, long long ptid, long long org, struct ledger_balance *b)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT gebracht_minuten, gehaald_minuten, gestort_minuten, vastgelegd_minuten"
				      " FROM proeftuin_leden WHERE proeftuin_id = ? AND organisatie_id = ?",
				      "ll", ptid, org);
	int found = db_step(st) == DB_ROW;
	if (found)
		*b = (struct ledger_balance){ db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2), db_col_int(st, 3) };
	db_finalize(st);
	return found;
}

int urenbank_is_member(struct store *s, long long ptid, long long org)
{
	struct ledger_balance b;
	return urenbank_member_balance(s, ptid, org, &b);
}

/* Adds to a member's running balance. */
int urenbank_member_add(struct store *s, long long ptid, long long org, long long brought, long long taken, long long deposited,
			long long committed, struct problem *p)
{
	int r = db_run(
		s->db,
		"UPDATE proeftuin_leden SET gebracht_minuten = gebracht_minuten + ?, gehaald_minuten = gehaald_minuten + ?,"
		" gestort_minuten = gestort_minuten + ?, vastgelegd_minuten = vastgelegd_minuten + ?"
		" WHERE proeftuin_id = ? AND organisatie_id = ?",
		"llllll", brought, taken, deposited, committed, ptid, org);
	if (r < 0)
		return store_db_problem(s, r, p, "saldo");
	if (db_changes(s->db) != 1)
		return problem_set(p, 500, "Organisatie %lld is geen lid van de proeftuin; er is niets geboekt.", org);
	return 0;
}

int urenbank_member_add_in(struct urenbank_batch *b, struct store *s, long long ptid, long long org, long long brought,
			   long long taken, long long deposited, long long committed, struct problem *p)
{
	if (!urenbank_batch_defers(b, ptid))
		return urenbank_member_add(s, ptid, org, brought, taken, deposited, committed, p);
	if (!urenbank_batch_member(b, s, ptid, org))
		return problem_set(p, 500, "Organisatie %lld is geen lid van de proeftuin; er is niets geboekt.", org);
	if (urenbank_batch_defer(b, URENBANK_BATCH_MEMBER, org, brought, taken, deposited, committed) < 0)
		return problem_set(p, 500, "Onvoldoende geheugen.");
	return 0;
}

/* ---- posting ------------------------------------------------------------ */

/* Writes one transaction: the journal row, its postings (member indices
 * into orgs[]), and the running balances. *id_out gets the journal id. */
int urenbank_post(struct store *s, long long ptid, const struct txn *t, const struct ledger_posting *ps, size_t n,
		  const long long *orgs, long long *id_out, struct problem *p)
{
	if (!ledger_balanced(ps, n))
		return problem_set(p, 500, "Interne fout: de boeking is niet in evenwicht; er is niets geboekt.");
	char now[32], text[600];
	store_now_text(now);
	urenbank_journal_text(t->omschrijving, text, sizeof(text));
	long long id;
	int r = db_insert_row(
		s->db, &id,
		"INSERT INTO journaal(proeftuin_id, datum, soort, omschrijving, uren_id, storting_id, afrekening_id,"
		" tegenboeking_van, geboekt) VALUES(?, ?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), nullif(?, 0), ?)"
		" RETURNING id",
		"ltttllllt", ptid, t->datum, t->soort, text, t->uren, t->storting, t->afrekening, t->tegen, now);
	if (r < 0)
		return store_db_problem(s, r, p, "journaalregel");
	/* Hours and their corrections: what each principal takes is also a flow
	 * from the organisation of the staff who worked (urenbank_stromen). */
	long long staff_org = 0;
	if (t->uren && (!strcmp(t->soort, "uren") || !strcmp(t->soort, "correctie")))
		staff_org = t->staff_org ? t->staff_org
					 : urenbank_one_int(s, "SELECT organisatie_id FROM uren WHERE id = ?", "l", t->uren);
	/* The postings in one statement (one per posting was a fifth of an import's statements). */
	struct buf q;
	buf_init(&q, 128 + 40 * n);
	buf_adds(&q, "INSERT INTO journaal_posten(proeftuin_id, transactie_id, regel, organisatie_id, soort, minuten) VALUES");
	long long *ints = calloc(6 * n + 1, sizeof(*ints));
	const char **texts = calloc(6 * n + 1, sizeof(*texts));
	char *fmt = calloc(6 * n + 1, 1);
	for (size_t i = 0; ints && texts && fmt && i < n; i++) {
		buf_adds(&q, i ? ", (?, ?, ?, nullif(?, 0), ?, ?)" : " (?, ?, ?, nullif(?, 0), ?, ?)");
		memcpy(fmt + 6 * i, "lllltl", 6);
		long long *v = ints + 6 * i;
		v[0] = ptid, v[1] = id, v[2] = (long long)i + 1, v[3] = ps[i].member == LEDGER_POT ? 0 : orgs[ps[i].member];
		v[5] = ps[i].minutes;
		texts[6 * i + 4] = ledger_kind_names[ps[i].kind];
	}
	r = !ints || !texts || !fmt || buf_failed(&q) ? DB_ERR : n ? db_run_values(s->db, buf_str(&q), fmt, ints, texts) : 0;
	buf_release(&q);
	free(ints);
	free(texts);
	free(fmt);
	if (r < 0)
		return store_db_problem(s, r, p, "journaalpost");
	for (size_t i = 0; i < n; i++) {
		long long org = ps[i].member == LEDGER_POT ? 0 : orgs[ps[i].member];
		if (!org)
			continue;
		long long m = ps[i].minutes;
		r = urenbank_member_add_in(t->batch, s, ptid, org, ps[i].kind == LEDGER_BROUGHT ? m : 0,
					   ps[i].kind == LEDGER_TAKEN ? -m : 0, ps[i].kind == LEDGER_DEPOSITED ? m : 0, 0, p);
		if (r < 0)
			return r;
		if (staff_org && ps[i].kind == LEDGER_TAKEN && urenbank_batch_defers(t->batch, ptid) && staff_org < (1LL << 31) &&
		    org < (1LL << 31)) {
			if (urenbank_batch_defer(t->batch, URENBANK_BATCH_STROOM, staff_org << 32 | org, -m, 0, 0, 0) < 0)
				return problem_set(p, 500, "Onvoldoende geheugen.");
		} else if (staff_org && ps[i].kind == LEDGER_TAKEN) {
			r = db_run(s->db,
				   "INSERT INTO urenbank_stromen(proeftuin_id, organisatie_id, opdrachtgever_id, minuten)"
				   " VALUES(?, ?, ?, ?) ON CONFLICT(proeftuin_id, organisatie_id, opdrachtgever_id)"
				   " DO UPDATE SET minuten = urenbank_stromen.minuten + excluded.minuten",
				   "llll", ptid, staff_org, org, -m);
			if (r < 0)
				return store_db_problem(s, r, p, "stroom");
		}
	}
	/* The monthly sums of the evaluation, and the journal's count (the API's total). */
	if (urenbank_maand_posten(t->batch, s, ptid, id, t->datum, t->soort, t->opdracht, ps, n, orgs, p) < 0 ||
	    urenbank_tel_in(t->batch, s, URENBANK_TEL_JOURNAAL, ptid, NULL, 0, 0, NULL, 1, 0, p) < 0)
		return -p->status;
	*id_out = id;
	return 0;
}

/* ---- drawing rights and commitments ---------------------------------- */

/* Refuses when any principal with draw[i] > 0 would fall below zero
 * available rights; names each with its shortfall. */
int urenbank_check_draws(struct store *s, const struct pt *pt, const long long *orgs, const int64_t *draw, size_t n,
			 const char *what, const char *what_end, const char *param, struct problem *p)
{
	return urenbank_check_draws_in(NULL, s, pt, orgs, draw, n, what, what_end, param, p);
}

int urenbank_check_draws_in(struct urenbank_batch *batch, struct store *s, const struct pt *pt, const long long *orgs,
			    const int64_t *draw, size_t n, const char *what, const char *what_end, const char *param,
			    struct problem *p)
{
	char msg[480] = "";
	size_t nshort = 0;
	for (size_t i = 0; i < n; i++) {
		struct ledger_balance b;
		int64_t shortfall;
		if (draw[i] <= 0 || !urenbank_batch_balance(batch, s, pt->id, orgs[i], &b))
			continue;
		if (ledger_can_draw(&b, pt->limit, draw[i], &shortfall))
			continue;
		char label[200];
		urenbank_org_label(s, orgs[i], label, sizeof(label));
		size_t l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l,
			 "%s%s heeft %lld minuten beschikbaar en %s %lld minuten%s: tekort %lld minuten", nshort ? "; " : "",
			 label, (long long)ledger_available(&b, pt->limit), what, (long long)draw[i], what_end,
			 (long long)shortfall);
		nshort++;
	}
	if (!nshort)
		return 0;
	return problem_refuse(p, param,
			      "Onvoldoende trekkingsrechten: %s. Wat je haalt moet gebracht zijn: breng eerst uren in "
			      "of stort geld.",
			      msg);
}

/* Closes the open inzet of opdracht: what it still commits is released. */
int urenbank_release_inzet(struct store *s, long long ptid, const char *where_sql, long long arg, struct problem *p)
{
	char sql[512];
	snprintf(sql, sizeof(sql),
		 "SELECT v.organisatie_id, sum(v.minuten - v.vrijgegeven) FROM inzet_vastleggingen v"
		 " JOIN inzet i ON i.id = v.inzet_id JOIN opdrachten o ON o.id = i.opdracht_id"
		 " WHERE i.status = 'open' AND %s GROUP BY v.organisatie_id",
		 where_sql);
	struct db_stmt *st = db_query(s->db, sql, "l", arg);
	long long orgs[MAX_MEMBERS], rest[MAX_MEMBERS];
	size_t n = 0;
	while (db_step(st) == DB_ROW && n < MAX_MEMBERS) {
		orgs[n] = db_col_int(st, 0);
		rest[n] = db_col_int(st, 1);
		n++;
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++)
		if (rest[i] && urenbank_member_add(s, ptid, orgs[i], 0, 0, 0, -rest[i], p) < 0)
			return -p->status;
	snprintf(sql, sizeof(sql),
		 "UPDATE inzet_vastleggingen SET vrijgegeven = minuten WHERE inzet_id IN (SELECT i.id FROM inzet i"
		 " JOIN opdrachten o ON o.id = i.opdracht_id WHERE i.status = 'open' AND %s)",
		 where_sql);
	int r = db_run(s->db, sql, "l", arg);
	if (r < 0)
		return store_db_problem(s, r, p, "vastlegging");
	snprintf(sql, sizeof(sql),
		 "UPDATE inzet SET status = 'afgesloten' WHERE status = 'open' AND opdracht_id IN"
		 " (SELECT o.id FROM opdrachten o WHERE %s)",
		 where_sql);
	r = db_run(s->db, sql, "l", arg);
	return r < 0 ? store_db_problem(s, r, p, "inzet") : 0;
}
