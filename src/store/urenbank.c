/* The hours exchange in the store (urenbank.h): the helpers every
 * urenbank_*.c file uses, the proeftuin a request names, and the
 * proeftuinen themselves. Every write runs in one transaction; what to
 * post comes from core/ledger.c (see urenbank_boeken.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/register.h"
#include "core/nl.h"
#include "store/page.h"
#include "store/urenbank_intern.h"
#include "store/fields.h"

/* ---- small helpers ---------------------------------------------------- */

const char *urenbank_who(const struct actor *by) { return by && by->name[0] ? by->name : "systeem"; }

json_t *urenbank_int_or_null(struct db_stmt *st, int col)
{
	return db_col_null(st, col) ? json_null() : json_integer(db_col_int(st, col));
}

/* Runs a query with at most a few bound values and returns the integer in
 * the first column of the first row (0 when there is none). */
long long urenbank_one_int(struct store *s, const char *sql, const char *fmt, ...)
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

/* The first (and second) text of the row with this id: 1, or 0 when it is gone. */
static int text_of(struct store *s, const char *sql, long long id, char *a, size_t alen, char *b, size_t blen)
{
	struct db_stmt *st = db_query(s->db, sql, "l", id);
	int found = db_step(st) == DB_ROW;
	if (found) {
		snprintf(a, alen, "%s", db_col_text(st, 0));
		if (b)
			snprintf(b, blen, "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	return found;
}

/* "Dordrecht (GM0505)" */
void urenbank_org_label(struct store *s, long long org, char *out, size_t len)
{
	char naam[200], code[40];
	if (text_of(s, "SELECT naam, code FROM organisaties WHERE id = ?", org, naam, sizeof(naam), code, sizeof(code)))
		snprintf(out, len, "%s (%s)", naam, code);
	else
		snprintf(out, len, "organisatie %lld", org);
}

void urenbank_person_name(struct store *s, long long mw, char *out, size_t len)
{
	if (!text_of(s, "SELECT naam FROM medewerkers WHERE id = ?", mw, out, len, NULL, 0))
		snprintf(out, len, "medewerker %lld", mw);
}

void urenbank_opdracht_name(struct store *s, long long id, char *out, size_t len)
{
	char titel[300];
	if (text_of(s, "SELECT titel FROM opdrachten WHERE id = ?", id, titel, sizeof(titel), NULL, 0))
		snprintf(out, len, "'%s'", titel);
	else
		snprintf(out, len, "opdracht %lld", id);
}

void urenbank_org_code(struct store *s, long long org, char *out, size_t len)
{
	if (!text_of(s, "SELECT code FROM organisaties WHERE id = ?", org, out, len, NULL, 0))
		snprintf(out, len, "?");
}

/* Text for the journal: no control characters, no ';' (a comment there). */
void urenbank_journal_text(const char *in, char *out, size_t len)
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

/* The medewerker's organisation (0 when unknown) */
long long urenbank_medewerkers_org_id(struct store *s, long long medewerker)
{
	return urenbank_one_int(s, "SELECT organisatie_id FROM medewerkers WHERE id = ?", "l", medewerker);
}

/* ---- proeftuin context ------------------------------------------------ */

int urenbank_pt_load(struct store *s, const char *code, struct pt *pt, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT id, code, van, tot, tarief_centen, kredietlimiet_minuten,"
				      " (SELECT max(tot) FROM afrekeningen a WHERE a.proeftuin_id = proeftuinen.id), naam"
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
	snprintf(pt->naam, sizeof(pt->naam), "%s", db_col_text(st, 7));
	db_finalize(st);
	return 0;
}

static int pt_is_closed(const struct pt *pt) { return pt->closed[0] && strcmp(pt->closed, pt->tot) >= 0; }

int urenbank_pt_check_open(const struct pt *pt, struct problem *p)
{
	char closed[NL_TEXT_LEN];
	nl_date(pt->closed, closed, sizeof(closed));
	if (pt_is_closed(pt))
		return problem_refuse(p, NULL, "Proeftuin '%s' is afgerekend tot en met %s en daarmee gesloten.", pt->code,
				      closed);
	return 0;
}

/* Whether something may still be posted on date: within the period and
 * after the last settlement. */
int urenbank_pt_check_date(const struct pt *pt, const char *date, const char *param, struct problem *p)
{
	int outside = strcmp(date, pt->van) < 0 || strcmp(date, pt->tot) > 0;
	if (!outside && !(pt->closed[0] && strcmp(date, pt->closed) <= 0))
		return 0;
	/* Dates in sentences the Dutch way: "5 maart 2012" (only for a refusal:
	 * an import checks every line twice). */
	char d[NL_TEXT_LEN], van[NL_TEXT_LEN], tot[NL_TEXT_LEN], closed[NL_TEXT_LEN];
	nl_date(date, d, sizeof(d));
	nl_date(pt->van, van, sizeof(van));
	nl_date(pt->tot, tot, sizeof(tot));
	nl_date(pt->closed, closed, sizeof(closed));
	if (outside)
		return problem_refuse(p, param, "De datum %s valt buiten %s (%s tot en met %s).", d, pt->naam, van, tot);
	return problem_refuse(p, param,
			      "De periode tot en met %s van %s is afgerekend; op %s kan niets meer "
			      "worden geboekt.",
			      closed, pt->naam, d);
}

/* ---- proeftuinen -------------------------------------------------------- */

static json_t *proeftuin_json(struct store *s, long long id)
{
	struct db_stmt *st =
		db_query(s->db,
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
		json_array_foreach(leden, i, x) {
			char name[48];
			snprintf(name, sizeof(name), "leden[%zu]", i);
			if (!json_is_string(x) || !json_string_length(x)) {
				problem_param(p, name, "moet een organisatiecode zijn");
				continue;
			}
			json_array_foreach(leden, j, y)
				if (j < i && json_equal(x, y)) {
					problem_param(p, name, "'%s' staat al eerder in de lijst", json_string_value(x));
					break;
				}
		}
	}
	if (p->status)
		return -p->status;
	long long vid = 0;
	if (verband && verband[0]) {
		vid = urenbank_one_int(s, "SELECT id FROM verbanden WHERE code = ?", "t", verband);
		if (!vid)
			return problem_refuse(p, "verband", "Verband '%s' bestaat niet.", verband);
	}
	long long *orgs = calloc(json_array_size(leden) + 1, sizeof(*orgs));
	if (!orgs)
		return problem_set(p, 500, "geen geheugen");
	int r = 0;
	json_array_foreach(leden, i, x) {
		orgs[i] = store_org_id(s, json_string_value(x));
		if (!orgs[i]) {
			char name[48];
			snprintf(name, sizeof(name), "leden[%zu]", i);
			r = problem_refuse(p, name, "Organisatie '%s' bestaat niet.", json_string_value(x));
			break;
		}
	}
	char now[32];
	store_now_text(now);
	long long ptid = 0;
	if (r == 0) {
		r = db_insert(s->db, &ptid,
			      "INSERT INTO proeftuinen(code, naam, omschrijving, verband_id, van, tot, tarief_centen,"
			      " kredietlimiet_minuten, aangemaakt) VALUES(?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?) RETURNING id",
			      "tttlttllt", code, naam, omschrijving && omschrijving[0] ? omschrijving : NULL, vid, van, tot,
			      tarief, limiet, now);
		if (r == DB_ERR_UNIQUE)
			r = problem_set(p, 409, "Proeftuin '%s' bestaat al.", code);
		else if (r < 0)
			r = store_db_problem(s, r, p, "proeftuin");
	}
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
	if (urenbank_pt_load(s, code, &pt, p) < 0)
		return -p->status;
	*out = proeftuin_json(s, pt.id);
	return *out ? 0 : problem_set(p, 500, "Proeftuin '%s' is niet te lezen.", code);
}

json_t *urenbank_proeftuin_list(struct store *s) { return urenbank_proeftuin_page(s, NULL); }

json_t *urenbank_proeftuin_page(struct store *s, struct store_page *pg)
{
	json_t *a = json_array();
#define SQL "SELECT id FROM proeftuinen ORDER BY van, code"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL STORE_PAGE_SQL, STORE_PAGE_BINDS, STORE_PAGE_ARGS(pg));
	while (db_step(st) == DB_ROW) {
		json_t *o = proeftuin_json(s, db_col_int(st, 0));
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), NULL) : NULL);
	return a;
#undef SQL
}

int urenbank_proeftuin_verband(struct store *s, const char *code, char *verband, size_t len, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
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
	if (urenbank_pt_load(s, code, &pt, p) < 0)
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

/* ---- choices for a form ------------------------------------------------- */

int urenbank_staff_choices(struct store *s, const char *ptc, const struct urenbank_choice *c, json_t **out, long long *total,
			   struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	long long org = 0;
	if (c->org && !(org = store_org_id(s, c->org)))
		return problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", c->org);
	char pat[256];
	const struct listing l = { .search = c->zoek };
	const char *like = listing_pattern(&l, pat, sizeof(pat));
	/* Staff of the members (of org; only the one record), not pseudonymised,
	 * whose name or function has zoek in it. The organisation is also asked
	 * of the membership, so that only its staff are read (the OR cannot use
	 * an index: otherwise every medewerker of every member is). */
#define STAFF                                                                                                              \
	" FROM medewerkers m JOIN proeftuin_leden l ON l.proeftuin_id = ?1 AND l.organisatie_id = m.organisatie_id"          \
	" AND (?2 = 0 OR l.organisatie_id = ?2)"                                                                             \
	" WHERE m.pseudoniem = 0 AND (?2 = 0 OR m.organisatie_id = ?2) AND (?3 = 0 OR m.id = ?3)"                            \
	" AND (?4 IS NULL OR lower(m.naam) LIKE lower(?4) ESCAPE '\\' OR lower(coalesce(m.functie, '')) LIKE lower(?4) ESCAPE " \
	"'\\')"
	struct db_stmt *st = db_query(s->db,
				      "SELECT m.id, m.naam, m.functie, o.code FROM (SELECT m.id, l.volgorde" STAFF
				      " ORDER BY l.volgorde, m.id LIMIT ?5) AS k JOIN medewerkers m ON m.id = k.id"
				      " JOIN organisaties o ON o.id = m.organisatie_id ORDER BY k.volgorde, m.id",
				      "lllt"
				      "l",
				      pt.id, org, c->only, like, c->limit);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "naam", db_col_text(st, 1),
				      "organisatie", db_col_text(st, 3));
		json_object_set_new(x, "functie", store_text_or_null(st, 2));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	/* Counted up to one more than shown: enough to say whether there are more. */
	st = db_query(s->db, "SELECT count(*) FROM (SELECT 1" STAFF " LIMIT ?5) AS k", "lllt"
										   "l",
		      pt.id, org, c->only, like, c->limit + 1);
	*total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
#undef STAFF
	*out = a;
	return 0;
}
