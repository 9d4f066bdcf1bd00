/* The hours exchange in the store (urenbank.h). Every write runs in one
 * transaction; what to post comes from core/ledger.c. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/buf.h"
#include "core/date.h"
#include "core/ledger.h"
#include "core/register.h"
#include "store/urenbank.h"
#include "store/fields.h"

#define MAX_MEMBERS LEDGER_MAX_PARTIES
#define MAX_ENTRY_MINUTES 1440          /* one entry, and one person's day */
#define MAX_PLAN_MINUTES 100000000LL    /* an inzet or an estimate */

static const char *const opdracht_soorten[] = { "lokaal", "meervoudig-lokaal", "regionaal", NULL };
static const char *const verdeelsleutels[] = { "gelijk", "inwoners", NULL };
static const char *const opdracht_statussen[] = { "open", "afgerond", "samengevoegd", NULL };
static const char *const uren_statussen[] = { "ingediend", "goedgekeurd", "afgekeurd", "gecorrigeerd", NULL };

/* ---- small helpers ---------------------------------------------------- */

static const char *who(const struct actor *by) { return by && by->name[0] ? by->name : "systeem"; }

static json_t *int_or_null(struct db_stmt *st, int col)
{
	return db_col_null(st, col) ? json_null() : json_integer(db_col_int(st, col));
}

static long long one_int(struct store *s, const char *sql, const char *fmt, ...);

/* A 422 whose detail and (when param) invalid param say the same. */
__attribute__((format(printf, 3, 4))) static int refuse(struct problem *p, const char *param, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	problem_set(p, 422, "%s", msg);
	if (param)
		problem_param(p, param, "%s", msg);
	p->status = 422;
	return -422;
}

/* Runs a query with at most a few bound values and returns the integer in
 * the first column of the first row (0 when there is none). */
static long long one_int(struct store *s, const char *sql, const char *fmt, ...)
{
	/* db_query is variadic too; pass the fixed shapes we use. */
	va_list ap;
	va_start(ap, fmt);
	struct db_stmt *st;
	if (!fmt || !*fmt) {
		st = db_query(s->db, sql, NULL);
	} else if (!strcmp(fmt, "l")) {
		long long a = va_arg(ap, long long);
		st = db_query(s->db, sql, "l", a);
	} else if (!strcmp(fmt, "t")) {
		const char *a = va_arg(ap, const char *);
		st = db_query(s->db, sql, "t", a);
	} else if (!strcmp(fmt, "ll")) {
		long long a = va_arg(ap, long long), b = va_arg(ap, long long);
		st = db_query(s->db, sql, "ll", a, b);
	} else if (!strcmp(fmt, "lt")) {
		long long a = va_arg(ap, long long);
		const char *b = va_arg(ap, const char *);
		st = db_query(s->db, sql, "lt", a, b);
	} else if (!strcmp(fmt, "lll")) {
		long long a = va_arg(ap, long long), b = va_arg(ap, long long), c = va_arg(ap, long long);
		st = db_query(s->db, sql, "lll", a, b, c);
	} else if (!strcmp(fmt, "ltt")) {
		long long a = va_arg(ap, long long);
		const char *b = va_arg(ap, const char *), *c = va_arg(ap, const char *);
		st = db_query(s->db, sql, "ltt", a, b, c);
	} else {
		st = NULL;
	}
	va_end(ap);
	long long v = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return v;
}

/* "Dordrecht (GM0505)" */
static void org_label(struct store *s, long long org, char *out, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT naam, code FROM organisaties WHERE id = ?", "l", org);
	if (db_step(st) == DB_ROW)
		snprintf(out, len, "%s (%s)", db_col_text(st, 0), db_col_text(st, 1));
	else
		snprintf(out, len, "organisatie %lld", org);
	db_finalize(st);
}

static void org_code(struct store *s, long long org, char *out, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT code FROM organisaties WHERE id = ?", "l", org);
	snprintf(out, len, "%s", db_step(st) == DB_ROW ? db_col_text(st, 0) : "?");
	db_finalize(st);
}

/* Text for the journal: no control characters, no ';' (a comment there). */
static void journal_text(const char *in, char *out, size_t len)
{
	size_t k = 0;
	for (; in && *in && k + 1 < len; in++) {
		unsigned char c = (unsigned char)*in;
		out[k++] = c < 0x20 || c == 0x7f ? ' ' : c == ';' ? ',' : (char)c;
	}
	/* Cut short: do not leave half a UTF-8 sequence at the end. */
	if (in && *in) {
		size_t lead = k;
		while (lead > 0 && ((unsigned char)out[lead - 1] & 0xc0) == 0x80)
			lead--;
		if (lead > 0 && (unsigned char)out[lead - 1] >= 0xc0) {
			unsigned char c = (unsigned char)out[lead - 1];
			size_t want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
			if (k - (lead - 1) < want)
				k = lead - 1;
		}
	}
	out[k] = '\0';
}

/* ---- proeftuin context ------------------------------------------------ */

struct pt {
	long long id;
	char code[48];
	char van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	char closed[DATE_TEXT_LEN]; /* the last settlement's tot; "" when none */
	long long rate, limit;
};

static int page_urenbank_load(struct store *s, const char *code, struct pt *pt, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT id, code, van, tot, tarief_centen, kredietlimiet_minuten,"
				      " (SELECT max(tot) FROM afrekeningen a WHERE a.proeftuin_id = proeftuinen.id)"
				      " FROM proeftuinen WHERE code = ?",
				      "t", code ? code : "");
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Proeftuin '%s' bestaat niet.", code ? code : "");
	}
	pt->id = db_col_int(st, 0);
	snprintf(pt->code, sizeof(pt->code), "%s", db_col_text(st, 1));
	snprintf(pt->van, sizeof(pt->van), "%s", db_col_text(st, 2));
	snprintf(pt->tot, sizeof(pt->tot), "%s", db_col_text(st, 3));
	pt->rate = db_col_int(st, 4);
	pt->limit = db_col_int(st, 5);
	snprintf(pt->closed, sizeof(pt->closed), "%s", db_col_null(st, 6) ? "" : db_col_text(st, 6));
	db_finalize(st);
	return 0;
}

static int page_urenbank_is_closed(const struct pt *pt) { return pt->closed[0] && strcmp(pt->closed, pt->tot) >= 0; }

static int page_urenbank_check_open(const struct pt *pt, struct problem *p)
{
	if (page_urenbank_is_closed(pt))
		return refuse(p, NULL, "Proeftuin '%s' is afgerekend tot en met %s en daarmee gesloten.", pt->code,
			      pt->closed);
	return 0;
}

/* Whether something may still be posted on date: within the period and
 * after the last settlement. */
static int page_urenbank_check_date(const struct pt *pt, const char *date, const char *param, struct problem *p)
{
	if (strcmp(date, pt->van) < 0 || strcmp(date, pt->tot) > 0)
		return refuse(p, param, "De datum %s valt buiten de proeftuin '%s' (%s tot en met %s).", date, pt->code,
			      pt->van, pt->tot);
	if (pt->closed[0] && strcmp(date, pt->closed) <= 0)
		return refuse(p, param, "De periode tot en met %s van proeftuin '%s' is afgerekend; op %s kan niets meer "
					"worden geboekt.", pt->closed, pt->code, date);
	return 0;
}

/* ---- members and balances --------------------------------------------- */

static int member_balance(struct store *s, long long ptid, long long org, struct ledger_balance *b)
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

static int is_member(struct store *s, long long ptid, long long org)
{
	struct ledger_balance b;
	return member_balance(s, ptid, org, &b);
}

/* Adds to a member's running balance. */
static int member_add(struct store *s, long long ptid, long long org, long long brought, long long taken,
		      long long deposited, long long committed, struct problem *p)
{
	int r = db_run(s->db,
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

/* ---- principals --------------------------------------------------------- */

struct principals {
	size_t n;
	long long org[MAX_MEMBERS];
	int64_t weight[MAX_MEMBERS];
};

static struct principals *principals_load(struct store *s, long long opdracht)
{
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return NULL;
	struct db_stmt *st = db_query(s->db,
				      "SELECT organisatie_id, aandeel FROM opdrachtgevers WHERE opdracht_id = ? ORDER BY volgorde",
				      "l", opdracht);
	while (db_step(st) == DB_ROW && pr->n < MAX_MEMBERS) {
		pr->org[pr->n] = db_col_int(st, 0);
		pr->weight[pr->n] = db_col_int(st, 1);
		pr->n++;
	}
	db_finalize(st);
	return pr;
}

static int principal_index(const struct principals *pr, long long org)
{
	for (size_t i = 0; i < pr->n; i++)
		if (pr->org[i] == org)
			return (int)i;
	return -1;
}

/* Member indices for the ledger: principals are 0..n-1, a provider that
 * is none of them is n. orgs[] maps back (n + 1 entries). */
static void ledger_members(const struct principals *pr, long long provider, int32_t *idx, long long *orgs,
			   int32_t *prov)
{
	for (size_t i = 0; i < pr->n; i++) {
		idx[i] = (int32_t)i;
		orgs[i] = pr->org[i];
	}
	int pi = principal_index(pr, provider);
	*prov = pi >= 0 ? pi : (int32_t)pr->n;
	orgs[pr->n] = provider;
}

/* ---- posting ------------------------------------------------------------ */

struct txn {
	const char *datum, *soort, *omschrijving;
	long long uren, storting, afrekening, tegen; /* 0 = none */
};

/* Writes one transaction: the journal row, its postings (member indices
 * into orgs[]), and the running balances. *id_out gets the journal id. */
static int post(struct store *s, long long ptid, const struct txn *t, const struct ledger_posting *ps, size_t n,
		const long long *orgs, long long *id_out, struct problem *p)
{
	if (!ledger_balanced(ps, n))
		return problem_set(p, 500, "Interne fout: de boeking is niet in evenwicht; er is niets geboekt.");
	char now[32], text[600];
	store_now_text(now);
	journal_text(t->omschrijving, text, sizeof(text));
	int r = db_run(s->db,
		       "INSERT INTO journaal(proeftuin_id, datum, soort, omschrijving, uren_id, storting_id, afrekening_id,"
		       " tegenboeking_van, geboekt) VALUES(?, ?, ?, ?, nullif(?, 0), nullif(?, 0), nullif(?, 0), nullif(?, 0), ?)",
		       "ltttllllt", ptid, t->datum, t->soort, text, t->uren, t->storting, t->afrekening, t->tegen, now);
	if (r < 0)
		return store_db_problem(s, r, p, "journaalregel");
	long long id = db_last_id(s->db);
	for (size_t i = 0; i < n; i++) {
		long long org = ps[i].member == LEDGER_POT ? 0 : orgs[ps[i].member];
		r = db_run(s->db,
			   "INSERT INTO journaal_posten(proeftuin_id, transactie_id, regel, organisatie_id, soort, minuten)"
			   " VALUES(?, ?, ?, nullif(?, 0), ?, ?)",
			   "lllltl", ptid, id, (long long)i + 1, org, ledger_kind_names[ps[i].kind], (long long)ps[i].minutes);
		if (r < 0)
			return store_db_problem(s, r, p, "journaalpost");
		if (!org)
			continue;
		long long m = ps[i].minutes;
		r = member_add(s, ptid, org, ps[i].kind == LEDGER_BROUGHT ? m : 0, ps[i].kind == LEDGER_TAKEN ? -m : 0,
			       ps[i].kind == LEDGER_DEPOSITED ? m : 0, 0, p);
		if (r < 0)
			return r;
	}
	*id_out = id;
	return 0;
}

/* ---- proeftuinen -------------------------------------------------------- */

static json_t *proeftuin_json(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT p.code, p.naam, p.omschrijving, v.code, p.van, p.tot, p.tarief_centen,"
				      " p.kredietlimiet_minuten, (SELECT max(tot) FROM afrekeningen a WHERE a.proeftuin_id = p.id)"
				      " FROM proeftuinen p LEFT JOIN verbanden v ON v.id = p.verband_id WHERE p.id = ?",
				      "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return NULL;
	}
	json_t *o = json_pack("{s:s,s:s}", "code", db_col_text(st, 0), "naam", db_col_text(st, 1));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 2));
	json_object_set_new(o, "verband", store_text_or_null(st, 3));
	json_object_set_new(o, "van", json_string(db_col_text(st, 4)));
	json_object_set_new(o, "tot", json_string(db_col_text(st, 5)));
	json_object_set_new(o, "tariefCenten", json_integer(db_col_int(st, 6)));
	json_object_set_new(o, "kredietlimietMinuten", json_integer(db_col_int(st, 7)));
	int closed = !db_col_null(st, 8) && strcmp(db_col_text(st, 8), db_col_text(st, 5)) >= 0;
	json_object_set_new(o, "status", json_string(closed ? "afgerekend" : "open"));
	json_object_set_new(o, "afgerekendTot", store_text_or_null(st, 8));
	db_finalize(st);
	json_t *leden = json_array();
	st = db_query(s->db,
		      "SELECT o.code FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
		      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(leden, json_string(db_col_text(st, 0)));
	db_finalize(st);
	json_object_set_new(o, "leden", leden);
	return o;
}

struct create_args {
	const struct actor *by;
	const char *pt;
	long long id;
	json_t *in, **out;
};

static int do_proeftuin_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *leden = NULL;
	const char *code = NULL, *naam = NULL, *omschrijving = NULL, *verband = NULL, *van = NULL, *tot = NULL;
	long long tarief = 0, limiet = 0;
	if (field_text(in, "code", FIELD_REQUIRED, 40, &code, p) > 0 && !register_slug_valid(code))
		problem_param(p, "code", "1 tot 40 tekens: kleine letters, cijfers en '-'");
	field_text(in, "naam", FIELD_REQUIRED, 200, &naam, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	field_text(in, "verband", FIELD_OPTIONAL, 40, &verband, p);
	field_date(in, "van", FIELD_REQUIRED, &van, p);
	field_date(in, "tot", FIELD_REQUIRED, &tot, p);
	field_int(in, "tariefCenten", FIELD_REQUIRED, 1, LEDGER_MAX_RATE, &tarief, p);
	field_int(in, "kredietlimietMinuten", FIELD_OPTIONAL, 0, MAX_PLAN_MINUTES, &limiet, p);
	field_array(in, "leden", FIELD_REQUIRED, &leden, p);
	if (van && tot && strcmp(tot, van) < 0)
		problem_param(p, "tot", "moet op of na 'van' liggen");
	size_t i, j;
	json_t *x, *y;
	if (leden) {
		if (json_array_size(leden) == 0)
			problem_param(p, "leden", "ten minste één organisatie");
		if (json_array_size(leden) > MAX_MEMBERS)
			problem_param(p, "leden", "hoogstens %d organisaties", MAX_MEMBERS);
		json_array_foreach(leden, i, x)
		{
			char name[48];
			snprintf(name, sizeof(name), "leden[%zu]", i);
			if (!json_is_string(x) || !json_string_length(x)) {
				problem_param(p, name, "moet een organisatiecode zijn");
				continue;
			}
			json_array_foreach(leden, j, y) if (j < i && json_equal(x, y))
			{
				problem_param(p, name, "'%s' staat al eerder in de lijst", json_string_value(x));
				break;
			}
		}
	}
	if (p->status)
		return -p->status;
	long long vid = 0;
	if (verband && verband[0]) {
		vid = one_int(s, "SELECT id FROM verbanden WHERE code = ?", "t", verband);
		if (!vid)
			return refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	}
	long long *orgs = calloc(json_array_size(leden) + 1, sizeof(*orgs));
	if (!orgs)
		return problem_set(p, 500, "geen geheugen");
	int r = 0;
	json_array_foreach(leden, i, x)
	{
		orgs[i] = store_org_id(s, json_string_value(x));
		if (!orgs[i]) {
			char name[48];
			snprintf(name, sizeof(name), "leden[%zu]", i);
			r = refuse(p, name, "Organisatie '%s' bestaat niet.", json_string_value(x));
			break;
		}
	}
	char now[32];
	store_now_text(now);
	if (r == 0) {
		r = db_run(s->db,
			   "INSERT INTO proeftuinen(code, naam, omschrijving, verband_id, van, tot, tarief_centen,"
			   " kredietlimiet_minuten, aangemaakt) VALUES(?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?)",
			   "tttlttllt", code, naam, omschrijving && omschrijving[0] ? omschrijving : NULL, vid, van, tot,
			   tarief, limiet, now);
		if (r == DB_ERR_UNIQUE)
			r = problem_set(p, 409, "Proeftuin '%s' bestaat al.", code);
		else if (r < 0)
			r = store_db_problem(s, r, p, "proeftuin");
	}
	long long ptid = r == 0 ? db_last_id(s->db) : 0;
	for (i = 0; r == 0 && i < json_array_size(leden); i++) {
		r = db_run(s->db, "INSERT INTO proeftuin_leden(proeftuin_id, organisatie_id, volgorde) VALUES(?, ?, ?)", "lll",
			   ptid, orgs[i], (long long)i + 1);
		if (r < 0)
			r = store_db_problem(s, r, p, "lid");
	}
	free(orgs);
	if (r < 0)
		return r;
	if (a->out && !(*a->out = proeftuin_json(s, ptid)))
		return problem_set(p, 500, "Proeftuin '%s' is niet terug te lezen.", code);
	return 0;
}

int urenbank_proeftuin_create(struct store *s, const struct actor *by, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, NULL, 0, in, out };
	return store_transaction(s, p, do_proeftuin_create, &a);
}

int urenbank_proeftuin_get(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, code, &pt, p) < 0)
		return -p->status;
	*out = proeftuin_json(s, pt.id);
	return *out ? 0 : problem_set(p, 500, "Proeftuin '%s' is niet te lezen.", code);
}

json_t *urenbank_proeftuin_list(struct store *s)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db, "SELECT id FROM proeftuinen ORDER BY van, code", NULL);
	while (db_step(st) == DB_ROW) {
		json_t *o = proeftuin_json(s, db_col_int(st, 0));
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	return a;
}

int urenbank_proeftuin_verband(struct store *s, const char *code, char *verband, size_t len, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT coalesce(v.code, '') FROM proeftuinen p LEFT JOIN verbanden v ON v.id = p.verband_id"
				      " WHERE p.code = ?",
				      "t", code ? code : "");
	int found = db_step(st) == DB_ROW;
	if (found)
		snprintf(verband, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found ? 0 : problem_set(p, 404, "Proeftuin '%s' bestaat niet.", code ? code : "");
}

int urenbank_members(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, code, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.code FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
				      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
				      "l", pt.id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- opdrachten ----------------------------------------------------------- */

static json_t *opdracht_json(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id, p.code, o.soort, o.titel, o.omschrijving, o.contactpersoon, o.geraamde_minuten,"
				      " o.verdeelsleutel, o.status, o.samengevoegd_in, o.aangemaakt"
				      " FROM opdrachten o JOIN proeftuinen p ON p.id = o.proeftuin_id WHERE o.id = ?",
				      "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return NULL;
	}
	json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "proeftuin", db_col_text(st, 1),
			      "soort", db_col_text(st, 2), "titel", db_col_text(st, 3));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 4));
	json_object_set_new(o, "contactpersoon", store_text_or_null(st, 5));
	json_object_set_new(o, "geraamdeMinuten", int_or_null(st, 6));
	json_object_set_new(o, "verdeelsleutel", json_string(db_col_text(st, 7)));
	json_object_set_new(o, "status", json_string(db_col_text(st, 8)));
	json_object_set_new(o, "samengevoegdIn", int_or_null(st, 9));
	json_object_set_new(o, "aangemaakt", json_string(db_col_text(st, 10)));
	db_finalize(st);

	json_t *a = json_array();
	st = db_query(s->db,
		      "SELECT org.code, org.naam, g.aandeel FROM opdrachtgevers g JOIN organisaties org ON org.id = g.organisatie_id"
		      " WHERE g.opdracht_id = ? ORDER BY g.volgorde",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(st, 0), "naam",
						   db_col_text(st, 1), "aandeel", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	json_object_set_new(o, "opdrachtgevers", a);

	a = json_array();
	st = db_query(s->db, "SELECT competentie, niveau FROM opdracht_competenties WHERE opdracht_id = ? ORDER BY competentie",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:I}", "competentie", db_col_text(st, 0), "niveau",
						   (json_int_t)db_col_int(st, 1)));
	db_finalize(st);
	json_object_set_new(o, "competenties", a);

	a = json_array();
	st = db_query(s->db, "SELECT id FROM opdrachten WHERE samengevoegd_in = ? ORDER BY id", "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_integer(db_col_int(st, 0)));
	db_finalize(st);
	json_object_set_new(o, "samengevoegdUit", a);

	a = json_array();
	st = db_query(s->db,
		      "SELECT i.id, i.medewerker_id, m.naam, org.code, i.minuten, i.status"
		      " FROM inzet i JOIN medewerkers m ON m.id = i.medewerker_id JOIN organisaties org ON org.id = i.organisatie_id"
		      " WHERE i.opdracht_id = ? ORDER BY i.id",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:I,s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)db_col_int(st, 0),
						   "medewerker", (json_int_t)db_col_int(st, 1), "medewerkerNaam",
						   db_col_text(st, 2), "organisatie", db_col_text(st, 3), "minuten",
						   (json_int_t)db_col_int(st, 4), "status", db_col_text(st, 5)));
	db_finalize(st);
	json_object_set_new(o, "inzet", a);

	st = db_query(s->db,
		      "SELECT coalesce(sum(CASE WHEN status IN ('ingediend','goedgekeurd') THEN minuten END), 0),"
		      " coalesce(sum(CASE WHEN status = 'goedgekeurd' THEN minuten END), 0) FROM uren WHERE opdracht_id = ?",
		      "l", id);
	if (db_step(st) == DB_ROW) {
		json_object_set_new(o, "geboektMinuten", json_integer(db_col_int(st, 0)));
		json_object_set_new(o, "goedgekeurdMinuten", json_integer(db_col_int(st, 1)));
	}
	db_finalize(st);
	return o;
}

/* The opdracht id of proeftuin pt: its status into status (may be NULL);
 * 1 found, 0 not. */
static int opdracht_find(struct store *s, long long ptid, long long id, char *status, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT status FROM opdrachten WHERE id = ? AND proeftuin_id = ?", "ll", id,
				      ptid);
	int found = db_step(st) == DB_ROW;
	if (found && status)
		snprintf(status, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found;
}

static int opdracht_not_open(struct store *s, long long id, const char *status, const char *param, struct problem *p)
{
	if (!strcmp(status, "samengevoegd"))
		return refuse(p, param, "Opdracht %lld is samengevoegd in opdracht %lld; gebruik die.", id,
			      one_int(s, "SELECT samengevoegd_in FROM opdrachten WHERE id = ?", "l", id));
	return refuse(p, param, "Opdracht %lld is %s; daarop kan niets meer worden ingezet of geboekt.", id, status);
}

/* The code and weight of element x of opdrachtgevers (an object
 * {"organisatie","aandeel"} or a plain code); 0, or -1 with a param added. */
static int principal_entry(json_t *x, size_t i, const char **code, long long *aandeel, struct problem *p)
{
	char name[64];
	snprintf(name, sizeof(name), "opdrachtgevers[%zu]", i);
	*code = NULL;
	*aandeel = 1;
	if (json_is_string(x)) {
		*code = json_string_value(x);
	} else if (json_is_object(x)) {
		json_t *o = json_object_get(x, "organisatie"), *w = json_object_get(x, "aandeel");
		if (json_is_string(o))
			*code = json_string_value(o);
		if (w && !json_is_null(w)) {
			if (!json_is_integer(w) || json_integer_value(w) < 1 || json_integer_value(w) > LEDGER_MAX_SPLIT) {
				char n2[80];
				snprintf(n2, sizeof(n2), "%s.aandeel", name);
				problem_param(p, n2, "moet een geheel getal van 1 tot %lld zijn (een gewicht)", (long long)LEDGER_MAX_SPLIT);
				return -1;
			}
			*aandeel = json_integer_value(w);
		}
	}
	if (!*code || !(*code)[0] || strlen(*code) > 32) {
		problem_param(p, name, "moet een object met 'organisatie' (een organisatiecode) en 'aandeel' zijn");
		return -1;
	}
	return 0;
}

static int check_principals(json_t *list, struct problem *p)
{
	size_t i;
	json_t *x;
	const char *code;
	long long w;
	if (json_array_size(list) > MAX_MEMBERS)
		problem_param(p, "opdrachtgevers", "hoogstens %d opdrachtgevers", MAX_MEMBERS);
	json_array_foreach(list, i, x) principal_entry(x, i, &code, &w, p);
	return p->status ? -1 : 0;
}

/* Resolves opdrachtgevers (checked by check_principals) into pr, each
 * against the proeftuin. */
static int read_principals(struct store *s, const struct pt *pt, json_t *list, struct principals *pr,
			   struct problem *p)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
	{
		char name[64];
		const char *code;
		long long aandeel;
		snprintf(name, sizeof(name), "opdrachtgevers[%zu]", i);
		if (principal_entry(x, i, &code, &aandeel, p) < 0)
			return -p->status;
		long long oid = store_org_id(s, code);
		if (!oid)
			return refuse(p, name, "Organisatie '%s' bestaat niet.", code);
		if (!is_member(s, pt->id, oid))
			return refuse(p, name, "%s is geen lid van proeftuin '%s' en kan dus geen opdrachtgever zijn.", code,
				      pt->code);
		if (principal_index(pr, oid) >= 0)
			return refuse(p, name, "%s staat twee keer bij de opdrachtgevers.", code);
		if (pr->n >= MAX_MEMBERS)
			return refuse(p, "opdrachtgevers", "Hoogstens %d opdrachtgevers.", MAX_MEMBERS);
		pr->org[pr->n] = oid;
		pr->weight[pr->n] = aandeel;
		pr->n++;
	}
	return 0;
}

/* Every member of the proeftuin, weighted equally or by inhabitants. */
static int all_members(struct store *s, const struct pt *pt, const char *key, struct principals *pr, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id, o.code, o.naam, o.inwoners FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
				      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
				      "l", pt->id);
	char missing[400] = "";
	size_t nmissing = 0;
	while (db_step(st) == DB_ROW && pr->n < MAX_MEMBERS) {
		long long w = 1;
		if (!strcmp(key, "inwoners")) {
			w = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
			if (w <= 0 || w > LEDGER_MAX_SPLIT) {
				size_t l = strlen(missing);
				if (l < sizeof(missing) - 60)
					snprintf(missing + l, sizeof(missing) - l, "%s%s (%s)", nmissing ? ", " : "",
						 db_col_text(st, 2), db_col_text(st, 1));
				nmissing++;
			}
		}
		pr->org[pr->n] = db_col_int(st, 0);
		pr->weight[pr->n] = w;
		pr->n++;
	}
	db_finalize(st);
	if (nmissing)
		return refuse(p, "verdeelsleutel",
			      "Verdeelsleutel 'inwoners' kan niet: van %s is geen inwonertal bekend. Vul het in bij de "
			      "organisatie of kies verdeelsleutel 'gelijk'.", missing);
	return 0;
}

static int insert_opdracht(struct store *s, const struct pt *pt, const char *soort, const char *titel,
			   const char *omschrijving, const char *contact, long long geraamd, const char *key,
			   const struct principals *pr, json_t *competenties, long long *id_out, struct problem *p)
{
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO opdrachten(proeftuin_id, soort, titel, omschrijving, contactpersoon, geraamde_minuten,"
		       " verdeelsleutel, aangemaakt) VALUES(?, ?, ?, ?, ?, CASE WHEN ? < 0 THEN NULL ELSE ? END, ?, ?)",
		       "lttttlltt", pt->id, soort, titel, omschrijving && omschrijving[0] ? omschrijving : NULL,
		       contact && contact[0] ? contact : NULL, geraamd, geraamd, key, now);
	if (r < 0)
		return store_db_problem(s, r, p, "opdracht");
	long long id = db_last_id(s->db);
	for (size_t i = 0; i < pr->n; i++) {
		r = db_run(s->db,
			   "INSERT INTO opdrachtgevers(opdracht_id, volgorde, organisatie_id, aandeel) VALUES(?, ?, ?, ?)",
			   "llll", id, (long long)i + 1, pr->org[i], (long long)pr->weight[i]);
		if (r < 0)
			return store_db_problem(s, r, p, "opdrachtgever");
	}
	size_t i;
	json_t *x;
	if (competenties)
		json_array_foreach(competenties, i, x)
		{
			r = db_run(s->db,
				   "INSERT INTO opdracht_competenties(opdracht_id, competentie, niveau) VALUES(?, ?, ?)"
				   " ON CONFLICT(opdracht_id, competentie) DO UPDATE SET niveau = max(niveau, excluded.niveau)",
				   "ltl", id, json_string_value(json_object_get(x, "competentie")),
				   (long long)json_integer_value(json_object_get(x, "niveau")));
			if (r < 0)
				return store_db_problem(s, r, p, "competentie");
		}
	*id_out = id;
	return 0;
}

static int check_competenties(json_t *list, struct problem *p)
{
	size_t i, j;
	json_t *x, *y;
	json_array_foreach(list, i, x)
	{
		char name[64];
		snprintf(name, sizeof(name), "competenties[%zu]", i);
		json_t *c = json_is_object(x) ? json_object_get(x, "competentie") : NULL;
		json_t *n = json_is_object(x) ? json_object_get(x, "niveau") : NULL;
		if (!json_is_string(c) || !register_slug_valid(json_string_value(c))) {
			problem_param(p, name, "moet een object met 'competentie' (een code) en 'niveau' (1, 2 of 3) zijn");
			continue;
		}
		if (!json_is_integer(n) || json_integer_value(n) < 1 || json_integer_value(n) > 3) {
			char n2[80];
			snprintf(n2, sizeof(n2), "%s.niveau", name);
			problem_param(p, n2, "moet 1 (basis), 2 (ervaren) of 3 (expert) zijn");
			continue;
		}
		json_array_foreach(list, j, y) if (j < i && json_is_object(y) &&
						   json_equal(json_object_get(y, "competentie"), c))
		{
			problem_param(p, name, "'%s' staat al eerder in de lijst", json_string_value(c));
			break;
		}
	}
	return p->status ? -1 : 0;
}

static int do_opdracht_create(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *gevers = NULL, *competenties = NULL;
	struct pt pt;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	const char *soort = NULL, *titel = NULL, *omschrijving = NULL, *contact = NULL, *key = NULL;
	long long geraamd = -1;
	field_enum(in, "soort", FIELD_REQUIRED, opdracht_soorten, &soort, p);
	field_text(in, "titel", FIELD_REQUIRED, 200, &titel, p);
	field_text(in, "omschrijving", FIELD_OPTIONAL, 4000, &omschrijving, p);
	field_text(in, "contactpersoon", FIELD_OPTIONAL, 200, &contact, p);
	field_int(in, "geraamdeMinuten", FIELD_OPTIONAL, 0, MAX_PLAN_MINUTES, &geraamd, p);
	field_enum(in, "verdeelsleutel", FIELD_OPTIONAL, verdeelsleutels, &key, p);
	if (field_array(in, "opdrachtgevers", FIELD_OPTIONAL, &gevers, p) > 0)
		check_principals(gevers, p);
	if (field_array(in, "competenties", FIELD_OPTIONAL, &competenties, p) > 0)
		check_competenties(competenties, p);
	if (soort && strcmp(soort, "regionaal") && key)
		problem_param(p, "verdeelsleutel", "hoort alleen bij een regionale opdracht; geef anders opdrachtgevers met hun aandeel");
	else if (gevers && key)
		problem_param(p, "verdeelsleutel", "geef óf opdrachtgevers met hun aandeel, óf een verdeelsleutel");
	if (soort && strcmp(soort, "regionaal") && !gevers && !json_object_get(in, "opdrachtgevers"))
		problem_param(p, "opdrachtgevers", "is verplicht bij een %s opdracht", soort);
	if (p->status)
		return -p->status;
	if (page_urenbank_check_open(&pt, p) < 0)
		return -p->status;
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	int r = 0;
	if (gevers)
		r = read_principals(s, &pt, gevers, pr, p);
	else
		r = all_members(s, &pt, key ? key : "gelijk", pr, p);
	long long members = one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", pt.id);
	if (r == 0 && !strcmp(soort, "lokaal") && pr->n != 1)
		r = refuse(p, "opdrachtgevers",
			   "Een lokale opdracht heeft precies één opdrachtgever (er zijn er %zu opgegeven); kies "
			   "'meervoudig-lokaal' voor meer.", pr->n);
	else if (r == 0 && !strcmp(soort, "meervoudig-lokaal") && pr->n < 2)
		r = refuse(p, "opdrachtgevers",
			   "Een meervoudig-lokale opdracht heeft twee of meer opdrachtgevers (er is er %zu opgegeven).",
			   pr->n);
	else if (r == 0 && !strcmp(soort, "regionaal") && (long long)pr->n != members)
		r = refuse(p, "opdrachtgevers",
			   "Een regionale opdracht is van alle %lld leden van proeftuin '%s'; laat opdrachtgevers weg en kies "
			   "een verdeelsleutel, of noem ze allemaal.", members, pt.code);
	long long id = 0;
	if (r == 0)
		r = insert_opdracht(s, &pt, soort, titel, omschrijving, contact, geraamd,
				    gevers ? "aandeel" : key ? key : "gelijk", pr, competenties, &id, p);
	free(pr);
	if (r < 0)
		return r;
	if (a->out && !(*a->out = opdracht_json(s, id)))
		return problem_set(p, 500, "Opdracht %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_opdracht_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
			     struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_opdracht_create, &a);
}

int urenbank_opdracht_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!opdracht_find(s, pt.id, id, NULL, 0))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", id, pt.code);
	*out = opdracht_json(s, id);
	return *out ? 0 : problem_set(p, 500, "Opdracht %lld is niet te lezen.", id);
}

int urenbank_opdracht_list(struct store *s, const char *ptc, const char *status, const char *soort, const char *org,
			   json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (status && enum_index(opdracht_statussen, status) < 0)
		problem_param(p, "status", "moet open, afgerond of samengevoegd zijn");
	if (soort && enum_index(opdracht_soorten, soort) < 0)
		problem_param(p, "soort", "moet lokaal, meervoudig-lokaal of regionaal zijn");
	if (org && !store_org_id(s, org))
		problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", org);
	if (p->status)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id FROM opdrachten o WHERE o.proeftuin_id = ?1 AND (?2 IS NULL OR o.status = ?2)"
				      " AND (?3 IS NULL OR o.soort = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM opdrachtgevers g"
				      "  JOIN organisaties org ON org.id = g.organisatie_id WHERE g.opdracht_id = o.id AND org.code = ?4))"
				      " ORDER BY o.id",
				      "lttt", pt.id, status, soort, org);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = opdracht_json(s, db_col_int(st, 0));
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_opdracht_principals(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!opdracht_find(s, pt.id, id, NULL, 0))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", id, pt.code);
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT org.code FROM opdrachtgevers g JOIN organisaties org ON org.id = g.organisatie_id"
				      " WHERE g.opdracht_id = ? ORDER BY g.volgorde",
				      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	*out = a;
	return 0;
}

/* Closes the open inzet of opdracht: what it still commits is released. */
static int release_inzet(struct store *s, long long ptid, const char *where_sql, long long arg, struct problem *p)
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
		if (rest[i] && member_add(s, ptid, orgs[i], 0, 0, 0, -rest[i], p) < 0)
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

static int do_opdracht_close(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	char status[24];
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!opdracht_find(s, pt.id, a->id, status, sizeof(status)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	if (strcmp(status, "open"))
		return opdracht_not_open(s, a->id, status, NULL, p);
	if (release_inzet(s, pt.id, "o.id = ?", a->id, p) < 0)
		return -p->status;
	int r = db_run(s->db, "UPDATE opdrachten SET status = 'afgerond' WHERE id = ?", "l", a->id);
	if (r < 0)
		return store_db_problem(s, r, p, "opdracht");
	if (a->out && !(*a->out = opdracht_json(s, a->id)))
		return problem_set(p, 500, "Opdracht %lld is niet terug te lezen.", a->id);
	return 0;
}

int urenbank_opdracht_close(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out,
			    struct problem *p)
{
	struct create_args a = { by, pt, id, NULL, out };
	return store_transaction(s, p, do_opdracht_close, &a);
}

static int do_merge(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	char st1[24], st2[24];
	long long met = 0;
	const char *titel = NULL;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!opdracht_find(s, pt.id, a->id, st1, sizeof(st1)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	field_int(a->in, "met", FIELD_REQUIRED, 1, INT64_MAX, &met, p);
	field_text(a->in, "titel", FIELD_OPTIONAL, 200, &titel, p);
	if (p->status)
		return -p->status;
	if (page_urenbank_check_open(&pt, p) < 0)
		return -p->status;
	if (met == a->id)
		return refuse(p, "met", "Een opdracht kan niet met zichzelf worden samengevoegd.");
	if (!opdracht_find(s, pt.id, met, st2, sizeof(st2)))
		return refuse(p, "met", "Opdracht %lld bestaat niet in proeftuin '%s'.", met, pt.code);
	if (strcmp(st1, "open"))
		return opdracht_not_open(s, a->id, st1, NULL, p);
	if (strcmp(st2, "open"))
		return opdracht_not_open(s, met, st2, "met", p);
	long long ids[2] = { a->id, met };
	for (int k = 0; k < 2; k++)
		if (one_int(s, "SELECT soort = 'regionaal' FROM opdrachten WHERE id = ?", "l", ids[k]))
			return refuse(p, k ? "met" : NULL,
				      "Opdracht %lld is regionaal: die is al van alle leden en wordt niet samengevoegd.", ids[k]);
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	/* Both principals, in order; one that is in both adds its weights. */
	int r = 0;
	for (int k = 0; k < 2 && r == 0; k++) {
		struct principals *src = principals_load(s, ids[k]);
		if (!src) {
			r = problem_set(p, 500, "geen geheugen");
			break;
		}
		for (size_t i = 0; i < src->n; i++) {
			int j = principal_index(pr, src->org[i]);
			if (j < 0 && pr->n < MAX_MEMBERS) {
				pr->org[pr->n] = src->org[i];
				pr->weight[pr->n++] = src->weight[i];
			} else if (j >= 0) {
				pr->weight[j] += src->weight[i];
				if (pr->weight[j] > LEDGER_MAX_SPLIT)
					r = refuse(p, "met", "De aandelen worden samen te groot (meer dan %lld).",
						   (long long)LEDGER_MAX_SPLIT);
			}
		}
		free(src);
	}
	char t1[201] = "", t2[201] = "", title[420];
	struct db_stmt *st = db_query(s->db,
				      "SELECT a.titel, b.titel, a.contactpersoon, a.omschrijving,"
				      " CASE WHEN a.geraamde_minuten IS NULL AND b.geraamde_minuten IS NULL THEN -1"
				      " ELSE coalesce(a.geraamde_minuten, 0) + coalesce(b.geraamde_minuten, 0) END"
				      " FROM opdrachten a, opdrachten b WHERE a.id = ? AND b.id = ?",
				      "ll", a->id, met);
	long long id = 0;
	if (r == 0 && db_step(st) == DB_ROW) {
		snprintf(t1, sizeof(t1), "%s", db_col_text(st, 0));
		snprintf(t2, sizeof(t2), "%s", db_col_text(st, 1));
		snprintf(title, sizeof(title), "%s + %s", t1, t2);
		if (titel && titel[0])
			snprintf(title, sizeof(title), "%s", titel);
		else if (strlen(title) > 200) /* keep it a valid title: cut on a character boundary */
			journal_text(title, title, 198);
		char contact[201] = "", oms[4001] = "";
		snprintf(contact, sizeof(contact), "%s", db_col_null(st, 2) ? "" : db_col_text(st, 2));
		snprintf(oms, sizeof(oms), "%s", db_col_null(st, 3) ? "" : db_col_text(st, 3));
		long long geraamd = db_col_int(st, 4);
		db_finalize(st);
		st = NULL;
		json_t *comp = json_array();
		struct db_stmt *c = db_query(s->db,
					     "SELECT competentie, max(niveau) FROM opdracht_competenties WHERE opdracht_id IN (?, ?)"
					     " GROUP BY competentie",
					     "ll", a->id, met);
		while (db_step(c) == DB_ROW)
			json_array_append_new(comp, json_pack("{s:s,s:I}", "competentie", db_col_text(c, 0), "niveau",
							      (json_int_t)db_col_int(c, 1)));
		db_finalize(c);
		r = insert_opdracht(s, &pt, pr->n >= 2 ? "meervoudig-lokaal" : "lokaal", title, oms, contact, geraamd,
				    "aandeel", pr, comp, &id, p);
		json_decref(comp);
	}
	db_finalize(st);
	free(pr);
	if (r < 0)
		return r;
	for (int k = 0; k < 2; k++) {
		if (release_inzet(s, pt.id, "o.id = ?", ids[k], p) < 0)
			return -p->status;
		r = db_run(s->db, "UPDATE opdrachten SET status = 'samengevoegd', samengevoegd_in = ? WHERE id = ?", "ll", id,
			   ids[k]);
		if (r < 0)
			return store_db_problem(s, r, p, "opdracht");
	}
	if (a->out && !(*a->out = opdracht_json(s, id)))
		return problem_set(p, 500, "Opdracht %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_opdracht_merge(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in,
			    json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_merge, &a);
}

/* ---- inzet ---------------------------------------------------------------- */

/* The medewerker's organisation (0 when unknown) */
static long long medewerkers_org_id(struct store *s, long long medewerker)
{
	return one_int(s, "SELECT organisatie_id FROM medewerkers WHERE id = ?", "l", medewerker);
}

/* Refuses when any principal with draw[i] > 0 would fall below zero
 * available rights; names each with its shortfall. */
static int check_draws(struct store *s, const struct pt *pt, const long long *orgs, const int64_t *draw, size_t n,
		       const char *what, const char *what_end, const char *param, struct problem *p)
{
	char msg[480] = "";
	size_t nshort = 0;
	for (size_t i = 0; i < n; i++) {
		struct ledger_balance b;
		int64_t shortfall;
		if (draw[i] <= 0 || !member_balance(s, pt->id, orgs[i], &b))
			continue;
		if (ledger_can_draw(&b, pt->limit, draw[i], &shortfall))
			continue;
		char label[200];
		org_label(s, orgs[i], label, sizeof(label));
		size_t l = strlen(msg);
		snprintf(msg + l, sizeof(msg) - l, "%s%s heeft %lld minuten beschikbaar en %s %lld minuten%s: tekort %lld minuten",
			 nshort ? "; " : "", label, (long long)ledger_available(&b, pt->limit), what, (long long)draw[i], what_end,
			 (long long)shortfall);
		nshort++;
	}
	if (!nshort)
		return 0;
	return refuse(p, param, "Onvoldoende trekkingsrechten: %s. Wat je haalt moet gebracht zijn: breng eerst uren in "
				"of stort geld.", msg);
}

static json_t *inzet_json(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT i.id, i.opdracht_id, i.medewerker_id, org.code, i.minuten, i.status, i.aangemaakt"
				      " FROM inzet i JOIN organisaties org ON org.id = i.organisatie_id WHERE i.id = ?",
				      "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return NULL;
	}
	json_t *o = json_pack("{s:I,s:I,s:I,s:s,s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "opdracht",
			      (json_int_t)db_col_int(st, 1), "medewerker", (json_int_t)db_col_int(st, 2), "organisatie",
			      db_col_text(st, 3), "minuten", (json_int_t)db_col_int(st, 4), "status", db_col_text(st, 5),
			      "aangemaakt", db_col_text(st, 6));
	db_finalize(st);
	json_t *a = json_array();
	st = db_query(s->db,
		      "SELECT org.code, v.minuten, v.vrijgegeven FROM inzet_vastleggingen v"
		      " JOIN organisaties org ON org.id = v.organisatie_id WHERE v.inzet_id = ? ORDER BY org.code",
		      "l", id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:I,s:I}", "organisatie", db_col_text(st, 0), "minuten",
						   (json_int_t)db_col_int(st, 1), "vrijgegeven", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	json_object_set_new(o, "vastgelegd", a);
	return o;
}

static int do_inzet(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	char status[24];
	long long mw = 0, minuten = 0;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!opdracht_find(s, pt.id, a->id, status, sizeof(status)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	field_int(a->in, "medewerker", FIELD_REQUIRED, 1, INT64_MAX, &mw, p);
	field_int(a->in, "minuten", FIELD_REQUIRED, 1, MAX_PLAN_MINUTES, &minuten, p);
	if (p->status)
		return -p->status;
	if (page_urenbank_check_open(&pt, p) < 0)
		return -p->status;
	if (strcmp(status, "open"))
		return opdracht_not_open(s, a->id, status, NULL, p);
	long long provider = medewerkers_org_id(s, mw);
	if (!provider)
		return refuse(p, "medewerker", "Medewerker %lld bestaat niet.", mw);
	if (!is_member(s, pt.id, provider)) {
		char label[200];
		org_label(s, provider, label, sizeof(label));
		return refuse(p, "medewerker", "Medewerker %lld werkt bij %s, dat geen lid is van proeftuin '%s'.", mw, label,
			      pt.code);
	}
	if (minuten > LEDGER_MAX_SPLIT)
		return refuse(p, "minuten", "Te veel minuten voor één inzet.");
	struct principals *pr = principals_load(s, a->id);
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	int32_t idx[MAX_MEMBERS], prov;
	long long orgs[MAX_MEMBERS + 1];
	int64_t commit[MAX_MEMBERS];
	ledger_members(pr, provider, idx, orgs, &prov);
	int r = 0;
	if (ledger_commitments(prov, minuten, idx, pr->weight, pr->n, commit) < 0)
		r = problem_set(p, 500, "Interne fout: de verdeling van opdracht %lld is ongeldig.", a->id);
	if (r == 0)
		r = check_draws(s, &pt, orgs, commit, pr->n, "deze inzet legt er", " vast", "minuten", p);
	char now[32];
	store_now_text(now);
	long long id = 0;
	if (r == 0) {
		r = db_run(s->db,
			   "INSERT INTO inzet(opdracht_id, medewerker_id, organisatie_id, minuten, aangemaakt, door)"
			   " VALUES(?, ?, ?, ?, ?, ?)",
			   "llllt" "t", a->id, mw, provider, minuten, now, who(a->by));
		r = r < 0 ? store_db_problem(s, r, p, "inzet") : 0;
		id = db_last_id(s->db);
	}
	for (size_t i = 0; r == 0 && i < pr->n; i++) {
		if (commit[i] <= 0)
			continue;
		r = db_run(s->db, "INSERT INTO inzet_vastleggingen(inzet_id, organisatie_id, minuten) VALUES(?, ?, ?)", "lll",
			   id, pr->org[i], (long long)commit[i]);
		r = r < 0 ? store_db_problem(s, r, p, "vastlegging") : member_add(s, pt.id, pr->org[i], 0, 0, 0, commit[i], p);
	}
	free(pr);
	if (r < 0)
		return r;
	if (a->out && !(*a->out = inzet_json(s, id)))
		return problem_set(p, 500, "Inzet %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_inzet_create(struct store *s, const struct actor *by, const char *pt, long long opdracht, json_t *in,
			  json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, opdracht, in, out };
	return store_transaction(s, p, do_inzet, &a);
}

/* ---- uren ----------------------------------------------------------------- */

#define UREN_COLS                                                                                                   \
	"u.id, p.code, u.opdracht_id, u.medewerker_id, m.naam, org.code, u.datum, u.minuten, u.omschrijving, u.status," \
	" u.reden, u.ingediend, u.ingediend_door, u.beoordeeld, u.beoordeeld_door, u.gecorrigeerd, u.gecorrigeerd_door," \
	" u.transactie_id, u.correctie_id, u.proeftuin_id"
#define UREN_FROM                                                                                                   \
	" FROM uren u JOIN proeftuinen p ON p.id = u.proeftuin_id JOIN medewerkers m ON m.id = u.medewerker_id"        \
	" JOIN organisaties org ON org.id = u.organisatie_id"

static json_t *postings_json(struct store *s, long long ptid, long long txn)
{
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT coalesce(org.code, 'pot'), jp.soort, jp.minuten FROM journaal_posten jp"
				      " LEFT JOIN organisaties org ON org.id = jp.organisatie_id"
				      " WHERE jp.proeftuin_id = ? AND jp.transactie_id = ? ORDER BY jp.regel",
				      "ll", ptid, txn);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(st, 0), "soort",
						   db_col_text(st, 1), "minuten", (json_int_t)db_col_int(st, 2)));
	db_finalize(st);
	return a;
}

static json_t *uren_row_json(struct store *s, struct db_stmt *st, int with_postings)
{
	json_t *o = json_pack("{s:I,s:s,s:I,s:I,s:s,s:s,s:s,s:I}", "id", (json_int_t)db_col_int(st, 0), "proeftuin",
			      db_col_text(st, 1), "opdracht", (json_int_t)db_col_int(st, 2), "medewerker",
			      (json_int_t)db_col_int(st, 3), "medewerkerNaam", db_col_text(st, 4), "organisatie",
			      db_col_text(st, 5), "datum", db_col_text(st, 6), "minuten", (json_int_t)db_col_int(st, 7));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 8));
	json_object_set_new(o, "status", json_string(db_col_text(st, 9)));
	json_object_set_new(o, "reden", store_text_or_null(st, 10));
	json_object_set_new(o, "ingediend", store_text_or_null(st, 11));
	json_object_set_new(o, "ingediendDoor", store_text_or_null(st, 12));
	json_object_set_new(o, "beoordeeld", store_text_or_null(st, 13));
	json_object_set_new(o, "beoordeeldDoor", store_text_or_null(st, 14));
	json_object_set_new(o, "gecorrigeerd", store_text_or_null(st, 15));
	json_object_set_new(o, "gecorrigeerdDoor", store_text_or_null(st, 16));
	json_object_set_new(o, "transactie", int_or_null(st, 17));
	json_object_set_new(o, "correctie", int_or_null(st, 18));
	if (with_postings)
		json_object_set_new(o, "posten", db_col_null(st, 17) ? json_array()
								   : postings_json(s, db_col_int(st, 19), db_col_int(st, 17)));
	return o;
}

static json_t *uren_json(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db, "SELECT " UREN_COLS UREN_FROM " WHERE u.id = ?", "l", id);
	json_t *o = db_step(st) == DB_ROW ? uren_row_json(s, st, 1) : NULL;
	db_finalize(st);
	return o;
}

static int do_uren_submit(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	long long mw = 0, opdracht = 0, minuten = 0;
	const char *datum = NULL, *omschrijving = NULL;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	field_int(a->in, "medewerker", FIELD_REQUIRED, 1, INT64_MAX, &mw, p);
	field_int(a->in, "opdracht", FIELD_REQUIRED, 1, INT64_MAX, &opdracht, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_int(a->in, "minuten", FIELD_REQUIRED, 1, MAX_ENTRY_MINUTES, &minuten, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 1000, &omschrijving, p);
	if (p->status)
		return -p->status;
	char status[24];
	if (!opdracht_find(s, pt.id, opdracht, status, sizeof(status)))
		return refuse(p, "opdracht", "Opdracht %lld bestaat niet in proeftuin '%s'.", opdracht, pt.code);
	long long provider = medewerkers_org_id(s, mw);
	if (!provider)
		return refuse(p, "medewerker", "Medewerker %lld bestaat niet.", mw);
	if (page_urenbank_check_date(&pt, datum, "datum", p) < 0)
		return -p->status;
	if (strcmp(status, "open"))
		return opdracht_not_open(s, opdracht, status, "opdracht", p);
	if (!is_member(s, pt.id, provider)) {
		char label[200];
		org_label(s, provider, label, sizeof(label));
		return refuse(p, "medewerker", "Medewerker %lld werkt bij %s, dat geen lid is van proeftuin '%s'.", mw, label,
			      pt.code);
	}
	long long that_day = one_int(s,
				     "SELECT coalesce(sum(minuten), 0) FROM uren WHERE medewerker_id = ? AND datum = ?"
				     " AND status IN ('ingediend','goedgekeurd')",
				     "lt", mw, datum);
	if (that_day + minuten > MAX_ENTRY_MINUTES)
		return refuse(p, "minuten", "Medewerker %lld heeft op %s al %lld minuten geboekt; met %lld erbij is het meer "
					    "dan een etmaal.", mw, datum, that_day, minuten);
	int principal = one_int(s, "SELECT count(*) FROM opdrachtgevers WHERE opdracht_id = ? AND organisatie_id = ?", "ll",
				opdracht, provider) > 0;
	if (!principal) {
		/* Staff of another organisation books within its inzet. */
		long long ingezet = one_int(s,
					    "SELECT coalesce(sum(minuten), 0) FROM inzet WHERE opdracht_id = ? AND medewerker_id = ?"
					    " AND status = 'open'",
					    "ll", opdracht, mw);
		long long geboekt = one_int(s,
					    "SELECT coalesce(sum(minuten), 0) FROM uren WHERE opdracht_id = ? AND medewerker_id = ?"
					    " AND status IN ('ingediend','goedgekeurd')",
					    "ll", opdracht, mw);
		if (ingezet == 0)
			return refuse(p, "opdracht", "Medewerker %lld is niet ingezet op opdracht %lld; wie niet bij een "
						     "opdrachtgever werkt, boekt alleen binnen een inzet.", mw, opdracht);
		if (geboekt + minuten > ingezet)
			return refuse(p, "minuten", "Medewerker %lld is voor %lld minuten ingezet op opdracht %lld en heeft er al "
						    "%lld geboekt; er kunnen nog %lld bij, niet %lld.", mw, ingezet, opdracht,
				      geboekt, ingezet - geboekt, minuten);
	}
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO uren(proeftuin_id, opdracht_id, medewerker_id, organisatie_id, datum, minuten, omschrijving,"
		       " ingediend, ingediend_door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "lllltlttt", pt.id, opdracht, mw, provider, datum, minuten,
		       omschrijving && omschrijving[0] ? omschrijving : NULL, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	long long id = db_last_id(s->db);
	a->id = id;
	if (a->out && !(*a->out = uren_json(s, id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_uren_submit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
			 struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_uren_submit, &a);
}

struct entry {
	long long id, opdracht, medewerker, provider, minuten, txn;
	char datum[DATE_TEXT_LEN], status[24];
};

static int entry_load(struct store *s, const struct pt *pt, long long id, struct entry *e, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT opdracht_id, medewerker_id, organisatie_id, minuten, coalesce(transactie_id, 0), datum, status"
				      " FROM uren WHERE id = ? AND proeftuin_id = ?",
				      "ll", id, pt->id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Urenregel %lld bestaat niet in proeftuin '%s'.", id, pt->code);
	}
	e->id = id;
	e->opdracht = db_col_int(st, 0);
	e->medewerker = db_col_int(st, 1);
	e->provider = db_col_int(st, 2);
	e->minuten = db_col_int(st, 3);
	e->txn = db_col_int(st, 4);
	snprintf(e->datum, sizeof(e->datum), "%s", db_col_text(st, 5));
	snprintf(e->status, sizeof(e->status), "%s", db_col_text(st, 6));
	db_finalize(st);
	return 0;
}

static int entry_status_refused(const struct entry *e, const char *want, const char *action, struct problem *p)
{
	return refuse(p, NULL, "Urenregel %lld is %s; alleen een %s urenregel kan worden %s.", e->id, e->status, want,
		      action);
}

struct release {
	long long inzet, org, minuten;
};

static int do_approve(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	struct entry e;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0 || entry_load(s, &pt, a->id, &e, p) < 0)
		return -p->status;
	if (strcmp(e.status, "ingediend"))
		return entry_status_refused(&e, "ingediende", "goedgekeurd", p);
	if (page_urenbank_check_date(&pt, e.datum, NULL, p) < 0)
		return -p->status;
	struct principals *pr = principals_load(s, e.opdracht);
	struct release *rel = calloc(MAX_MEMBERS * 4, sizeof(*rel));
	if (!pr || !rel) {
		free(pr);
		free(rel);
		return problem_set(p, 500, "geen geheugen");
	}
	int32_t idx[MAX_MEMBERS], prov;
	long long orgs[MAX_MEMBERS + 1];
	int64_t shares[MAX_MEMBERS], released[MAX_MEMBERS] = { 0 }, draw[MAX_MEMBERS];
	struct ledger_posting ps[MAX_MEMBERS + 1];
	ledger_members(pr, e.provider, idx, orgs, &prov);
	int n = ledger_hours(prov, e.minuten, idx, pr->weight, pr->n, ps, shares);
	int r = n < 0 ? problem_set(p, 500, "Interne fout: de verdeling van opdracht %lld is ongeldig.", e.opdracht) : 0;
	/* What the staff's inzet committed for this work is released. */
	size_t nrel = 0;
	if (r == 0) {
		int64_t want[MAX_MEMBERS];
		for (size_t i = 0; i < pr->n; i++)
			want[i] = (int32_t)i == prov ? 0 : shares[i];
		struct db_stmt *st = db_query(s->db,
					      "SELECT v.inzet_id, v.organisatie_id, v.minuten - v.vrijgegeven FROM inzet i"
					      " JOIN inzet_vastleggingen v ON v.inzet_id = i.id WHERE i.opdracht_id = ? AND i.medewerker_id = ?"
					      " AND i.status = 'open' AND v.minuten > v.vrijgegeven ORDER BY i.id, v.organisatie_id",
					      "ll", e.opdracht, e.medewerker);
		while (db_step(st) == DB_ROW && nrel < MAX_MEMBERS * 4) {
			int j = principal_index(pr, db_col_int(st, 1));
			if (j < 0 || want[j] <= 0)
				continue;
			long long m = db_col_int(st, 2) < want[j] ? db_col_int(st, 2) : want[j];
			want[j] -= m;
			released[j] += m;
			rel[nrel++] = (struct release){ db_col_int(st, 0), pr->org[j], m };
		}
		db_finalize(st);
		for (size_t i = 0; i < pr->n; i++)
			draw[i] = (int32_t)i == prov ? 0 : shares[i] - released[i];
		r = check_draws(s, &pt, orgs, draw, pr->n, "deze uren kosten", "", NULL, p);
	}
	long long txn = 0;
	char text[400];
	if (r == 0 && n > 0) {
		char code[40];
		org_code(s, e.provider, code, sizeof(code));
		snprintf(text, sizeof(text), "Urenregel %lld: %lld min van medewerker %lld (%s) op opdracht %lld", e.id,
			 e.minuten, e.medewerker, code, e.opdracht);
		struct txn t = { e.datum, "uren", text, e.id, 0, 0, 0 };
		r = post(s, pt.id, &t, ps, (size_t)n, orgs, &txn, p);
	}
	for (size_t k = 0; r == 0 && k < nrel; k++) {
		r = db_run(s->db, "UPDATE inzet_vastleggingen SET vrijgegeven = vrijgegeven + ? WHERE inzet_id = ? AND organisatie_id = ?",
			   "lll", rel[k].minuten, rel[k].inzet, rel[k].org);
		if (r == 0)
			r = db_run(s->db, "INSERT INTO uren_vrijgaven(uren_id, inzet_id, organisatie_id, minuten) VALUES(?, ?, ?, ?)",
				   "llll", e.id, rel[k].inzet, rel[k].org, rel[k].minuten);
		r = r < 0 ? store_db_problem(s, r, p, "vrijgave") : member_add(s, pt.id, rel[k].org, 0, 0, 0, -rel[k].minuten, p);
	}
	free(pr);
	free(rel);
	if (r < 0)
		return r;
	char now[32];
	store_now_text(now);
	r = db_run(s->db,
		   "UPDATE uren SET status = 'goedgekeurd', beoordeeld = ?, beoordeeld_door = ?, transactie_id = nullif(?, 0)"
		   " WHERE id = ?",
		   "ttll", now, who(a->by), txn, e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

int urenbank_uren_approve(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out,
			  struct problem *p)
{
	struct create_args a = { by, pt, id, NULL, out };
	return store_transaction(s, p, do_approve, &a);
}

struct import_args {
	struct create_args submit;
	int approve;
};

static int do_import(struct store *s, void *arg, struct problem *p)
{
	struct import_args *a = arg;
	int r = do_uren_submit(s, &a->submit, p);
	if (r == 0 && a->approve) {
		struct create_args ap = { a->submit.by, a->submit.pt, a->submit.id, NULL, NULL };
		r = do_approve(s, &ap, p);
	}
	return r;
}

int urenbank_uren_import(struct store *s, const struct actor *by, const char *pt, json_t *in, int approve, long long *id,
			 struct problem *p)
{
	struct import_args a = { { by, pt, 0, in, NULL }, approve };
	int r = store_transaction(s, p, do_import, &a);
	if (r == 0 && id)
		*id = a.submit.id;
	return r;
}

static int do_reject(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	struct entry e;
	const char *reden = NULL;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0 || entry_load(s, &pt, a->id, &e, p) < 0)
		return -p->status;
	field_text(a->in, "reden", FIELD_REQUIRED, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (strcmp(e.status, "ingediend"))
		return entry_status_refused(&e, "ingediende", "afgekeurd", p);
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "UPDATE uren SET status = 'afgekeurd', reden = ?, beoordeeld = ?, beoordeeld_door = ? WHERE id = ?",
		       "tttl", reden, now, who(a->by), e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

int urenbank_uren_reject(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in,
			 json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_reject, &a);
}

static int do_correct(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	struct entry e;
	const char *reden = NULL;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0 || entry_load(s, &pt, a->id, &e, p) < 0)
		return -p->status;
	if (a->in)
		field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (strcmp(e.status, "goedgekeurd"))
		return entry_status_refused(&e, "goedgekeurde", "gecorrigeerd", p);
	if (page_urenbank_check_date(&pt, e.datum, NULL, p) < 0)
		return -p->status;
	/* The reversal: the original postings, negated, as the journal has them. */
	struct ledger_posting *ps = calloc(MAX_MEMBERS + 1, sizeof(*ps));
	long long *orgs = calloc(MAX_MEMBERS + 1, sizeof(*orgs));
	int64_t *delta = calloc(MAX_MEMBERS + 1, sizeof(*delta));
	struct release *rel = calloc(MAX_MEMBERS * 4, sizeof(*rel));
	size_t n = 0, nrel = 0;
	int r = ps && orgs && delta && rel ? 0 : problem_set(p, 500, "geen geheugen");
	if (r == 0 && e.txn) {
		struct db_stmt *st = db_query(s->db,
					      "SELECT coalesce(organisatie_id, 0), soort, minuten FROM journaal_posten"
					      " WHERE proeftuin_id = ? AND transactie_id = ? ORDER BY regel",
					      "ll", pt.id, e.txn);
		while (db_step(st) == DB_ROW && n <= MAX_MEMBERS) {
			long long org = db_col_int(st, 0);
			int kind = ledger_kind_parse(db_col_text(st, 1));
			ps[n] = (struct ledger_posting){ org ? (int32_t)n : LEDGER_POT, kind < 0 ? LEDGER_POT_KIND : (enum ledger_kind)kind,
							 -db_col_int(st, 2) };
			orgs[n] = org;
			delta[n] = -db_col_int(st, 2);
			n++;
		}
		db_finalize(st);
	}
	/* What approving released is committed again while the inzet is open. */
	if (r == 0) {
		struct db_stmt *st = db_query(s->db,
					      "SELECT uv.inzet_id, uv.organisatie_id, uv.minuten FROM uren_vrijgaven uv"
					      " JOIN inzet i ON i.id = uv.inzet_id WHERE uv.uren_id = ? AND i.status = 'open'",
					      "l", e.id);
		while (db_step(st) == DB_ROW && nrel < MAX_MEMBERS * 4) {
			rel[nrel] = (struct release){ db_col_int(st, 0), db_col_int(st, 1), db_col_int(st, 2) };
			for (size_t k = 0; k < n; k++)
				if (orgs[k] == rel[nrel].org)
					delta[k] -= rel[nrel].minuten;
			nrel++;
		}
		db_finalize(st);
		/* Only who loses rights by the correction is checked. */
		int64_t *draw = calloc(n + 1, sizeof(*draw));
		if (!draw)
			r = problem_set(p, 500, "geen geheugen");
		for (size_t k = 0; r == 0 && k < n; k++)
			draw[k] = orgs[k] && delta[k] < 0 ? -delta[k] : 0;
		if (r == 0)
			r = check_draws(s, &pt, orgs, draw, n, "deze correctie kost", "", NULL, p);
		free(draw);
	}
	long long txn = 0;
	if (r == 0 && n > 0) {
		char text[300];
		snprintf(text, sizeof(text), "Correctie van urenregel %lld: tegenboeking van transactie %lld", e.id, e.txn);
		struct txn t = { e.datum, "correctie", text, e.id, 0, 0, e.txn };
		r = post(s, pt.id, &t, ps, n, orgs, &txn, p);
	}
	for (size_t k = 0; r == 0 && k < nrel; k++) {
		r = db_run(s->db, "UPDATE inzet_vastleggingen SET vrijgegeven = vrijgegeven - ? WHERE inzet_id = ? AND organisatie_id = ?",
			   "lll", rel[k].minuten, rel[k].inzet, rel[k].org);
		r = r < 0 ? store_db_problem(s, r, p, "vastlegging") : member_add(s, pt.id, rel[k].org, 0, 0, 0, rel[k].minuten, p);
	}
	free(ps);
	free(orgs);
	free(delta);
	free(rel);
	if (r < 0)
		return r;
	char now[32];
	store_now_text(now);
	r = db_run(s->db,
		   "UPDATE uren SET status = 'gecorrigeerd', gecorrigeerd = ?, gecorrigeerd_door = ?, correctie_id = nullif(?, 0),"
		   " reden = coalesce(?, reden) WHERE id = ?",
		   "ttltl", now, who(a->by), txn, reden && reden[0] ? reden : NULL, e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

int urenbank_uren_correct(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in,
			  json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_correct, &a);
}

int urenbank_uren_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	struct entry e;
	if (page_urenbank_load(s, ptc, &pt, p) < 0 || entry_load(s, &pt, id, &e, p) < 0)
		return -p->status;
	*out = uren_json(s, id);
	return *out ? 0 : problem_set(p, 500, "Urenregel %lld is niet te lezen.", id);
}

int urenbank_uren_list(struct store *s, const char *ptc, const struct urenbank_uren_filter *f, json_t **out,
		       struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (f->status && enum_index(uren_statussen, f->status) < 0)
		problem_param(p, "status", "moet ingediend, goedgekeurd, afgekeurd of gecorrigeerd zijn");
	if (f->opdrachtgever && !store_org_id(s, f->opdrachtgever))
		problem_param(p, "opdrachtgever", "organisatie '%.40s' bestaat niet", f->opdrachtgever);
	if (f->organisatie && !store_org_id(s, f->organisatie))
		problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", f->organisatie);
	if (f->limit < 0 || f->limit > 10000)
		problem_param(p, "limiet", "moet tussen 1 en 10000 liggen");
	if (p->status)
		return -p->status;
	long long limit = f->limit ? f->limit : 1000;
	struct db_stmt *st = db_query(
		s->db,
		"SELECT " UREN_COLS UREN_FROM
		" WHERE u.proeftuin_id = ?1 AND u.id > ?2 AND (?3 IS NULL OR u.status = ?3)"
		" AND (?4 IS NULL OR org.code = ?4) AND (?5 = 0 OR u.medewerker_id = ?5) AND (?6 = 0 OR u.opdracht_id = ?6)"
		" AND (?7 IS NULL OR EXISTS (SELECT 1 FROM opdrachtgevers g JOIN organisaties go ON go.id = g.organisatie_id"
		"  WHERE g.opdracht_id = u.opdracht_id AND go.code = ?7))"
		" ORDER BY u.id LIMIT ?8",
		"lltt" "llt" "l", pt.id, f->after, f->status, f->organisatie, f->medewerker, f->opdracht, f->opdrachtgever,
		limit);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, uren_row_json(s, st, 0));
	db_finalize(st);
	*out = a;
	return 0;
}

int urenbank_uren_parties(struct store *s, const char *ptc, long long id, char *medewerkers_org, size_t len,
			  json_t **principals, struct problem *p)
{
	struct pt pt;
	struct entry e;
	if (page_urenbank_load(s, ptc, &pt, p) < 0 || entry_load(s, &pt, id, &e, p) < 0)
		return -p->status;
	org_code(s, e.provider, medewerkers_org, len);
	return urenbank_opdracht_principals(s, ptc, e.opdracht, principals, p);
}

/* ---- stortingen ------------------------------------------------------------- */

static json_t *deposit_json(struct db_stmt *st)
{
	/* id, code, datum, bedrag, tarief, minuten, omgerekend, rest, omschrijving */
	json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:I,s:I,s:I}", "id", (json_int_t)db_col_int(st, 0), "organisatie",
			      db_col_text(st, 1), "datum", db_col_text(st, 2), "bedragCenten", (json_int_t)db_col_int(st, 3),
			      "tariefCenten", (json_int_t)db_col_int(st, 4), "minuten", (json_int_t)db_col_int(st, 5),
			      "omgerekendCenten", (json_int_t)db_col_int(st, 6), "restCenten", (json_int_t)db_col_int(st, 7));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, 8));
	return o;
}

#define DEPOSIT_SELECT                                                                                       \
	"SELECT d.id, org.code, d.datum, d.bedrag_centen, d.tarief_centen, d.minuten, d.omgerekend_centen,"      \
	" d.rest_centen, d.omschrijving FROM stortingen d JOIN organisaties org ON org.id = d.organisatie_id"

static int do_deposit(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	const char *org = NULL, *datum = NULL, *omschrijving = NULL;
	long long cents = 0;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	field_text(a->in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_int(a->in, "bedragCenten", FIELD_REQUIRED, 1, LEDGER_MAX_CENTS, &cents, p);
	field_date(a->in, "datum", FIELD_OPTIONAL, &datum, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 1000, &omschrijving, p);
	if (p->status)
		return -p->status;
	if (page_urenbank_check_open(&pt, p) < 0)
		return -p->status;
	long long oid = store_org_id(s, org);
	if (!oid)
		return refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	if (!is_member(s, pt.id, oid))
		return refuse(p, "organisatie", "%s is geen lid van proeftuin '%s'.", org, pt.code);
	char day[DATE_TEXT_LEN];
	if (datum) {
		snprintf(day, sizeof(day), "%s", datum);
	} else {
		/* Today, kept within the open part of the period. */
		int32_t d = date_today(), lo, hi;
		date_parse(pt.van, &lo);
		date_parse(pt.tot, &hi);
		int32_t closed;
		if (pt.closed[0] && date_parse(pt.closed, &closed) == 0 && closed + 1 > lo)
			lo = closed + 1;
		d = d < lo ? lo : d > hi ? hi : d;
		date_format(d, day);
	}
	if (page_urenbank_check_date(&pt, day, "datum", p) < 0)
		return -p->status;
	struct ledger_deposit dep;
	if (ledger_deposit(cents, pt.rate, &dep) < 0)
		return problem_set(p, 500, "Interne fout: storting niet om te rekenen.");
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "INSERT INTO stortingen(proeftuin_id, organisatie_id, datum, bedrag_centen, tarief_centen, minuten,"
		       " omgerekend_centen, rest_centen, omschrijving, aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		       "lltllllltt" "t", pt.id, oid, day, cents, pt.rate, (long long)dep.minutes, (long long)dep.converted_cents,
		       (long long)dep.rest_cents, omschrijving && omschrijving[0] ? omschrijving : NULL, now, who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "storting");
	long long id = db_last_id(s->db);
	struct ledger_posting ps[2];
	size_t n = ledger_deposit_postings(0, &dep, ps);
	if (n) {
		char text[300];
		long long orgs[1] = { oid };
		long long txn;
		snprintf(text, sizeof(text), "Storting %lld door %s: %lld centen tegen %lld centen per uur", id, org, cents,
			 pt.rate);
		struct txn t = { day, "storting", text, 0, id, 0, 0 };
		if (post(s, pt.id, &t, ps, n, orgs, &txn, p) < 0)
			return -p->status;
	}
	if (a->out) {
		struct db_stmt *st = db_query(s->db, DEPOSIT_SELECT " WHERE d.id = ?", "l", id);
		*a->out = db_step(st) == DB_ROW ? deposit_json(st) : NULL;
		db_finalize(st);
		if (!*a->out)
			return problem_set(p, 500, "Storting %lld is niet terug te lezen.", id);
	}
	return 0;
}

int urenbank_deposit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
		     struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_deposit, &a);
}

int urenbank_deposit_list(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db, DEPOSIT_SELECT " WHERE d.proeftuin_id = ? ORDER BY d.id", "l", pt.id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, deposit_json(st));
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- saldi -------------------------------------------------------------------- */

int urenbank_saldi(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st = db_query(
		s->db,
		"SELECT o.code, o.naam, l.gebracht_minuten, l.gehaald_minuten, l.gestort_minuten, l.vastgelegd_minuten,"
		" (SELECT coalesce(sum(d.rest_centen), 0) FROM stortingen d WHERE d.proeftuin_id = l.proeftuin_id"
		"  AND d.organisatie_id = l.organisatie_id AND d.datum > ?)"
		" FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
		"tl", pt.closed, pt.id);
	while (db_step(st) == DB_ROW) {
		struct ledger_balance b = { db_col_int(st, 2), db_col_int(st, 3), db_col_int(st, 4), db_col_int(st, 5) };
		json_t *o = json_pack("{s:s,s:s}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1));
		json_object_set_new(o, "gebrachtMinuten", json_integer(b.brought));
		json_object_set_new(o, "gehaaldMinuten", json_integer(b.taken));
		json_object_set_new(o, "gestortMinuten", json_integer(b.deposited));
		json_object_set_new(o, "saldoMinuten", json_integer(ledger_saldo(&b)));
		json_object_set_new(o, "vastgelegdMinuten", json_integer(b.committed));
		json_object_set_new(o, "beschikbaarMinuten", json_integer(ledger_available(&b, pt.limit)));
		json_object_set_new(o, "kredietlimietMinuten", json_integer(pt.limit));
		json_object_set_new(o, "restCenten", json_integer(db_col_int(st, 6)));
		json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- journaal ------------------------------------------------------------------ */

struct emitter {
	int (*emit)(void *, const char *, size_t);
	void *ctx;
	struct buf b;
	int failed;
};

/* Hands what is buffered to emit once it is large enough (or force). */
static void flush(struct emitter *e, int force)
{
	if (e->failed || (!force && e->b.len < 60000))
		return;
	if (buf_failed(&e->b) || (e->b.len && e->emit(e->ctx, e->b.data, e->b.len) < 0))
		e->failed = 1;
	buf_release(&e->b);
	buf_init(&e->b, 1u << 20);
}

int urenbank_journal(struct store *s, const char *ptc, int (*emit)(void *ctx, const char *text, size_t len), void *ctx,
		     struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	struct emitter e = { emit, ctx, { 0 }, 0 };
	buf_init(&e.b, 1u << 20);
	char naam[600];
	struct db_stmt *st = db_query(s->db, "SELECT naam FROM proeftuinen WHERE id = ?", "l", pt.id);
	journal_text(db_step(st) == DB_ROW ? db_col_text(st, 0) : "", naam, sizeof(naam));
	db_finalize(st);
	buf_printf(&e.b,
		   "; samen — journaal van de urenbank van proeftuin %s (%s), %s tot en met %s\n"
		   "; Bedragen in minuten (min). leden:<code> is het saldo van een lid: gebracht − gehaald + gestort;\n"
		   "; positief is meer gebracht dan gehaald. pot:stortingen is de tegenrekening van stortingen.\n"
		   "; Elke transactie telt op tot nul; een correctie is een tegenboeking. Tarief %lld centen per uur,\n"
		   "; kredietlimiet %lld minuten per lid. Na een afrekening staan de saldi weer op nul.\n"
		   "; Controle: hledger -f BESTAND balance   of   ledger -f BESTAND balance\n\n",
		   pt.code, naam, pt.van, pt.tot, pt.rate, pt.limit);
	/* Members: an account each; org id → code for the postings below. */
	long long maxid = one_int(s, "SELECT coalesce(max(organisatie_id), 0) FROM proeftuin_leden WHERE proeftuin_id = ?",
				  "l", pt.id);
	char (*codes)[40] = calloc((size_t)maxid + 1, sizeof(*codes));
	if (!codes) {
		buf_release(&e.b);
		return problem_set(p, 500, "geen geheugen");
	}
	st = db_query(s->db,
		      "SELECT o.id, o.code, o.naam FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
		      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
		      "l", pt.id);
	while (db_step(st) == DB_ROW) {
		long long id = db_col_int(st, 0);
		if (id >= 0 && id <= maxid)
			snprintf(codes[id], sizeof(codes[id]), "%s", db_col_text(st, 1));
		journal_text(db_col_text(st, 2), naam, sizeof(naam));
		buf_printf(&e.b, "account leden:%s  ; %s\n", db_col_text(st, 1), naam);
	}
	db_finalize(st);
	buf_adds(&e.b, "account pot:stortingen\n");

	st = db_query(s->db,
		      "SELECT jp.transactie_id, j.datum, j.soort, j.omschrijving, jp.organisatie_id, jp.soort, jp.minuten,"
		      " d.bedrag_centen, d.rest_centen, u.omschrijving, j.afrekening_id"
		      " FROM journaal_posten jp JOIN journaal j ON j.id = jp.transactie_id"
		      " LEFT JOIN stortingen d ON d.id = j.storting_id"
		      " LEFT JOIN uren u ON u.id = j.uren_id AND j.soort = 'uren'"
		      " WHERE jp.proeftuin_id = ? ORDER BY jp.transactie_id, jp.regel",
		      "l", pt.id);
	long long cur = 0;
	while (db_step(st) == DB_ROW) {
		long long txn = db_col_int(st, 0);
		if (txn != cur) {
			cur = txn;
			journal_text(db_col_text(st, 3), naam, sizeof(naam));
			buf_printf(&e.b, "\n%s * (%lld) %s\n", db_col_text(st, 1), txn, naam);
			if (!db_col_null(st, 9)) {
				journal_text(db_col_text(st, 9), naam, sizeof(naam));
				buf_printf(&e.b, "    ; omschrijving: %s\n", naam);
			}
			if (!db_col_null(st, 10)) {
				struct db_stmt *r = db_query(
					s->db,
					"SELECT o.code, r.saldo_minuten, r.bedrag_centen, r.rest_centen FROM afrekening_regels r"
					" JOIN organisaties o ON o.id = r.organisatie_id WHERE r.afrekening_id = ? ORDER BY r.volgorde",
					"l", db_col_int(st, 10));
				while (db_step(r) == DB_ROW)
					buf_printf(&e.b, "    ; %s: saldo %lld min wordt %lld centen (plus %lld centen rest van stortingen)\n",
						   db_col_text(r, 0), db_col_int(r, 1), db_col_int(r, 2), db_col_int(r, 3));
				db_finalize(r);
			}
		}
		long long org = db_col_int(st, 4);
		const char *kind = db_col_text(st, 5);
		if (db_col_null(st, 4))
			buf_printf(&e.b, "    pot:stortingen  %lld min  ; soort: %s\n", db_col_int(st, 6),
				   !strcmp(db_col_text(st, 2), "afrekening") ? "afrekening" : kind);
		else
			buf_printf(&e.b, "    leden:%s  %lld min  ; soort: %s", org >= 0 && org <= maxid ? codes[org] : "onbekend",
				   db_col_int(st, 6), kind);
		if (!db_col_null(st, 4) && !db_col_null(st, 7))
			buf_printf(&e.b, ", centen: %lld, restcenten: %lld\n", db_col_int(st, 7), db_col_int(st, 8));
		else if (!db_col_null(st, 4))
			buf_addc(&e.b, '\n');
		flush(&e, 0);
		if (e.failed)
			break;
	}
	db_finalize(st);
	free(codes);
	flush(&e, 1);
	buf_release(&e.b);
	return e.failed ? problem_set(p, 500, "Het journaal kon niet worden geschreven.") : 0;
}

/* ---- afrekening ------------------------------------------------------------------ */

struct settle_line {
	long long org;
	char code[40], naam[160];
	struct ledger_balance asof;
	long long saldo, bedrag, rest;
};

/* Every member's balance as of tot (the postings dated up to tot since the
 * last settlement, which zeroed the ones before) and its money. */
static int settlement_compute(struct store *s, const struct pt *pt, const char *tot, struct settle_line **out,
			      size_t *nout, struct problem *p)
{
	size_t n = (size_t)one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", pt->id);
	struct settle_line *l = calloc(n + 1, sizeof(*l));
	if (!l)
		return problem_set(p, 500, "geen geheugen");
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id, o.code, o.naam FROM proeftuin_leden m JOIN organisaties o ON o.id = m.organisatie_id"
				      " WHERE m.proeftuin_id = ? ORDER BY m.volgorde",
				      "l", pt->id);
	size_t k = 0;
	while (db_step(st) == DB_ROW && k < n) {
		l[k].org = db_col_int(st, 0);
		snprintf(l[k].code, sizeof(l[k].code), "%s", db_col_text(st, 1));
		snprintf(l[k].naam, sizeof(l[k].naam), "%s", db_col_text(st, 2));
		k++;
	}
	db_finalize(st);
	st = db_query(s->db,
		      "SELECT jp.organisatie_id, jp.soort, sum(jp.minuten) FROM journaal_posten jp"
		      " JOIN journaal j ON j.id = jp.transactie_id WHERE jp.proeftuin_id = ? AND j.datum <= ?"
		      " AND jp.organisatie_id IS NOT NULL GROUP BY jp.organisatie_id, jp.soort",
		      "lt", pt->id, tot);
	while (db_step(st) == DB_ROW) {
		int kind = ledger_kind_parse(db_col_text(st, 1));
		for (size_t i = 0; i < n && kind >= 0; i++) {
			if (l[i].org != db_col_int(st, 0))
				continue;
			struct ledger_posting one = { 0, (enum ledger_kind)kind, db_col_int(st, 2) };
			ledger_apply(&l[i].asof, 1, &one, 1);
		}
	}
	db_finalize(st);
	st = db_query(s->db,
		      "SELECT organisatie_id, sum(rest_centen) FROM stortingen WHERE proeftuin_id = ? AND datum > ? AND datum <= ?"
		      " GROUP BY organisatie_id",
		      "ltt", pt->id, pt->closed, tot);
	while (db_step(st) == DB_ROW)
		for (size_t i = 0; i < n; i++)
			if (l[i].org == db_col_int(st, 0))
				l[i].rest = db_col_int(st, 1);
	db_finalize(st);
	for (size_t i = 0; i < n; i++) {
		l[i].saldo = ledger_saldo(&l[i].asof);
		l[i].bedrag = ledger_money(l[i].saldo, pt->rate);
	}
	*out = l;
	*nout = n;
	return 0;
}

static json_t *settlement_json(const struct pt *pt, const char *tot, const struct settle_line *l, size_t n)
{
	json_t *regels = json_array();
	long long total = 0;
	for (size_t i = 0; i < n; i++) {
		json_array_append_new(regels, json_pack("{s:s,s:s,s:I,s:I,s:I}", "organisatie", l[i].code, "naam", l[i].naam,
							"saldoMinuten", (json_int_t)l[i].saldo, "bedragCenten",
							(json_int_t)l[i].bedrag, "restCenten", (json_int_t)l[i].rest));
		total += l[i].bedrag;
	}
	return json_pack("{s:s,s:s,s:I,s:o,s:I}", "proeftuin", pt->code, "tot", tot, "tariefCenten", (json_int_t)pt->rate,
			 "regels", regels, "totaalCenten", (json_int_t)total);
}

static int do_settle(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	const char *tot = NULL;
	if (page_urenbank_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (a->in)
		field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	if (p->status)
		return -p->status;
	if (page_urenbank_check_open(&pt, p) < 0)
		return -p->status;
	if (!tot)
		tot = pt.tot;
	if (page_urenbank_check_date(&pt, tot, "tot", p) < 0)
		return -p->status;
	long long pending = one_int(s, "SELECT count(*) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend' AND datum <= ?",
				    "lt", pt.id, tot);
	if (pending)
		return refuse(p, NULL, "Er %s nog %lld urenregel%s tot en met %s ter goedkeuring; keur ze goed of af vóór de "
				       "afrekening.", pending == 1 ? "staat" : "staan", pending, pending == 1 ? "" : "s", tot);
	struct settle_line *l;
	size_t n;
	if (settlement_compute(s, &pt, tot, &l, &n, p) < 0)
		return -p->status;
	int final = !strcmp(tot, pt.tot);
	int r = 0;
	if (!final) {
		/* What stays after tot must still cover the open commitments. */
		char msg[480] = "";
		size_t nshort = 0;
		for (size_t i = 0; i < n; i++) {
			struct ledger_balance b;
			member_balance(s, pt.id, l[i].org, &b);
			b.brought -= l[i].asof.brought;
			b.taken -= l[i].asof.taken;
			b.deposited -= l[i].asof.deposited;
			long long after = ledger_available(&b, pt.limit);
			if (after >= 0)
				continue;
			size_t len = strlen(msg);
			snprintf(msg + len, sizeof(msg) - len, "%s%s (%s) komt op %lld minuten beschikbaar", nshort ? "; " : "",
				 l[i].naam, l[i].code, after);
			nshort++;
		}
		if (nshort)
			r = refuse(p, "tot", "Een tussentijdse afrekening tot en met %s laat vastgelegde inzet onbedekt: %s. "
					     "Reken af aan het eind van de proeftuin, of laat eerst geld storten.", tot, msg);
	}
	char now[32];
	store_now_text(now);
	long long id = 0;
	if (r == 0) {
		r = db_run(s->db,
			   "INSERT INTO afrekeningen(proeftuin_id, tot, tarief_centen, aangemaakt, door) VALUES(?, ?, ?, ?, ?)",
			   "ltltt", pt.id, tot, pt.rate, now, who(a->by));
		r = r < 0 ? store_db_problem(s, r, p, "afrekening") : 0;
		id = db_last_id(s->db);
	}
	for (size_t i = 0; r == 0 && i < n; i++) {
		r = db_run(s->db,
			   "INSERT INTO afrekening_regels(afrekening_id, volgorde, organisatie_id, saldo_minuten, bedrag_centen,"
			   " rest_centen) VALUES(?, ?, ?, ?, ?, ?)",
			   "llllll", id, (long long)i + 1, l[i].org, l[i].saldo, l[i].bedrag, l[i].rest);
		r = r < 0 ? store_db_problem(s, r, p, "afrekeningregel") : 0;
	}
	struct ledger_balance *asof = calloc(n + 1, sizeof(*asof));
	struct ledger_posting *ps = calloc(3 * n + 1, sizeof(*ps));
	long long *orgs = calloc(n + 1, sizeof(*orgs));
	if (r == 0 && (!asof || !ps || !orgs))
		r = problem_set(p, 500, "geen geheugen");
	if (r == 0) {
		for (size_t i = 0; i < n; i++) {
			asof[i] = l[i].asof;
			orgs[i] = l[i].org;
		}
		size_t np = ledger_settle(asof, n, ps);
		if (np) {
			char text[300];
			long long txn;
			snprintf(text, sizeof(text), "Afrekening %lld van proeftuin %s tot en met %s tegen %lld centen per uur", id,
				 pt.code, tot, pt.rate);
			struct txn t = { tot, "afrekening", text, 0, 0, id, 0 };
			r = post(s, pt.id, &t, ps, np, orgs, &txn, p);
		}
	}
	free(asof);
	free(ps);
	free(orgs);
	if (r == 0 && final && release_inzet(s, pt.id, "o.proeftuin_id = ?", pt.id, p) < 0)
		r = -p->status;
	if (r == 0 && a->out) {
		*a->out = settlement_json(&pt, tot, l, n);
		json_object_set_new(*a->out, "id", json_integer(id));
		json_object_set_new(*a->out, "aangemaakt", json_string(now));
	}
	free(l);
	return r;
}

int urenbank_settle(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out,
		    struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_settle, &a);
}

int urenbank_settle_preview(struct store *s, const char *ptc, const char *tot, json_t **out, struct problem *p)
{
	struct pt pt;
	int32_t d;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (tot && date_parse(tot, &d) < 0)
		return problem_param(p, "tot", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", tot);
	if (!tot)
		tot = pt.tot;
	struct settle_line *l;
	size_t n;
	if (settlement_compute(s, &pt, tot, &l, &n, p) < 0)
		return -p->status;
	*out = settlement_json(&pt, tot, l, n);
	json_object_set_new(*out, "voorlopig", json_true());
	json_object_set_new(*out, "teBeoordelen",
			    json_integer(one_int(s, "SELECT count(*) FROM uren WHERE proeftuin_id = ? AND status = 'ingediend'"
						    " AND datum <= ?", "lt", pt.id, tot)));
	free(l);
	return 0;
}

int urenbank_settlement_list(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (page_urenbank_load(s, ptc, &pt, p) < 0)
		return -p->status;
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT id, tot, tarief_centen, aangemaakt, door FROM afrekeningen WHERE proeftuin_id = ? ORDER BY tot",
				      "l", pt.id);
	while (db_step(st) == DB_ROW) {
		json_t *regels = json_array();
		long long total = 0;
		struct db_stmt *r = db_query(s->db,
					     "SELECT o.code, o.naam, r.saldo_minuten, r.bedrag_centen, r.rest_centen FROM afrekening_regels r"
					     " JOIN organisaties o ON o.id = r.organisatie_id WHERE r.afrekening_id = ? ORDER BY r.volgorde",
					     "l", db_col_int(st, 0));
		while (db_step(r) == DB_ROW) {
			json_array_append_new(regels, json_pack("{s:s,s:s,s:I,s:I,s:I}", "organisatie", db_col_text(r, 0), "naam",
								db_col_text(r, 1), "saldoMinuten", (json_int_t)db_col_int(r, 2),
								"bedragCenten", (json_int_t)db_col_int(r, 3), "restCenten",
								(json_int_t)db_col_int(r, 4)));
			total += db_col_int(r, 3);
		}
		db_finalize(r);
		json_array_append_new(a, json_pack("{s:I,s:s,s:s,s:I,s:o,s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0),
						   "proeftuin", pt.code, "tot", db_col_text(st, 1), "tariefCenten",
						   (json_int_t)db_col_int(st, 2), "regels", regels, "totaalCenten",
						   (json_int_t)total, "aangemaakt", db_col_text(st, 3), "door", db_col_text(st, 4)));
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- verify ------------------------------------------------------------------------ */

struct verifier {
	void (*report)(void *ctx, const struct urenbank_difference *d);
	void *ctx;
	long long differences;
};

static void differ(struct verifier *v, const char *pt, const char *org, const char *what, long long kept,
		   long long recomputed)
{
	struct urenbank_difference d;
	snprintf(d.proeftuin, sizeof(d.proeftuin), "%s", pt);
	snprintf(d.organisatie, sizeof(d.organisatie), "%s", org);
	snprintf(d.what, sizeof(d.what), "%s", what);
	d.kept = kept;
	d.recomputed = recomputed;
	v->differences++;
	if (v->report)
		v->report(v->ctx, &d);
}

static int verify_one(struct store *s, long long ptid, const char *code, struct verifier *v,
		      struct urenbank_verify_stats *stats, struct problem *p)
{
	size_t n = (size_t)one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", ptid);
	long long maxid = one_int(s, "SELECT coalesce(max(organisatie_id), 0) FROM proeftuin_leden WHERE proeftuin_id = ?",
				  "l", ptid);
	struct ledger_balance *kept = calloc(n + 1, sizeof(*kept)), *re = calloc(n + 1, sizeof(*re));
	char(*codes)[40] = calloc(n + 1, sizeof(*codes));
	int32_t *index = malloc(((size_t)maxid + 1) * sizeof(*index));
	if (!kept || !re || !codes || !index) {
		free(kept), free(re), free(codes), free(index);
		return problem_set(p, 500, "geen geheugen");
	}
	for (long long i = 0; i <= maxid; i++)
		index[i] = -1;
	struct db_stmt *st = db_query(s->db,
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
			one.kind = kind[0] == 'g' && kind[1] == 'e' && kind[2] == 'b'   ? LEDGER_BROUGHT
				   : kind[0] == 'g' && kind[2] == 'h'                  ? LEDGER_TAKEN
				   : kind[0] == 'g' && kind[2] == 's'                  ? LEDGER_DEPOSITED
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

long long urenbank_verify(struct store *s, const char *ptc, void (*report)(void *ctx, const struct urenbank_difference *d),
			  void *ctx, struct urenbank_verify_stats *stats, struct problem *p)
{
	struct verifier v = { report, ctx, 0 };
	if (stats)
		memset(stats, 0, sizeof(*stats));
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "verificatie");
	size_t cap = (size_t)one_int(s, "SELECT count(*) FROM proeftuinen", NULL) + 1, n = 0;
	long long *ids = calloc(cap, sizeof(*ids));
	char(*codes)[48] = calloc(cap, sizeof(*codes));
	int r = ids && codes ? 0 : problem_set(p, 500, "geen geheugen");
	struct db_stmt *st = db_query(s->db, "SELECT id, code FROM proeftuinen WHERE ?1 IS NULL OR code = ?1 ORDER BY id",
				      "t", ptc);
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
	free(ids);
	free(codes);
	db_commit(s->db);
	return r < 0 ? r : v.differences;
}
