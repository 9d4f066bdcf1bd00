/* What the besturing_*.c files share; see besturing_intern.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/register.h"
#include "store/fields.h"
#include "store/register.h"
#include "store/register_sql.h"
#include "store/besturing_intern.h"

/* ---- small helpers ---------------------------------------------------- */

void besturing_today(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

int32_t besturing_day_of(const char *s)
{
	int32_t d;
	return s && date_parse(s, &d) == 0 ? d : DATE_NONE;
}

/* Runs fn inside one write transaction (a savepoint when nested). */
/* Prefixes the names of p's invalid params with prefix ("scoringen[1]."). */
int besturing_slug_field(json_t *in, const char *name, const char **out, struct problem *p)
{
	int r = field_text(in, name, FIELD_REQUIRED, 40, out, p);
	if (r > 0 && !register_slug_valid(*out)) {
		problem_param(p, name, "1 tot 40 tekens: kleine letters, cijfers en '-'");
		return -1;
	}
	return r;
}

/* An optional date that defaults to today; into buf. */
int besturing_date_or_today(json_t *in, const char *name, char buf[DATE_TEXT_LEN], struct problem *p)
{
	const char *d = NULL;
	int r = field_date(in, name, FIELD_OPTIONAL, &d, p);
	if (r > 0)
		snprintf(buf, DATE_TEXT_LEN, "%s", d);
	else
		besturing_today(buf);
	return r;
}

/* A query-string date: NULL stays NULL; a bad one is a 400. */
int besturing_query_date(const char *v, const char *name, struct problem *p)
{
	int32_t d;
	if (v && date_parse(v, &d) < 0)
		return problem_param(p, name, "'%.40s' is geen geldige datum (JJJJ-MM-DD)", v);
	return 0;
}

/* The active (non-toehoorder) members of verband vid on date, by code. */
json_t *besturing_members_on(struct store *s, long long vid, const char *date)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT DISTINCT o.code FROM lidmaatschappen l JOIN organisaties o ON o.id = l.organisatie_id"
			 " WHERE l.verband_id = ? AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON(
				 "l", "?") " ORDER BY o.code",
			 "ltt", vid, date, date);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	return a;
}

/* Whether oid is a partner (active member) of verband vid on date. */
int besturing_is_partner(struct store *s, long long vid, long long oid, const char *date)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ? AND l.organisatie_id = ?"
				      " AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND " REGISTER_SQL_MEMBER_ON("l", "?"),
				      "lltt", vid, oid, date, date);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

json_t *besturing_hundredths_or_null(struct score_frac f)
{
	return f.den > 0 ? json_integer(score_frac_hundredths(f)) : json_null();
}

int besturing_json_has_string(json_t *arr, const char *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), v))
			return 1;
	return 0;
}

int besturing_is_member_ever(struct store *s, long long vid, long long oid)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT 1 FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ?", "ll", vid, oid);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}

const char *besturing_org_name(struct store *s, const char *code, char *buf, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT naam FROM organisaties WHERE code = ?", "t", code);
	snprintf(buf, len, "%s", db_step(st) == DB_ROW ? db_col_text(st, 0) : code);
	db_finalize(st);
	return buf;
}

/* Checks a list of task field codes: strings, known, no repeats. Names
 * errors "<name>[i]"; unknown codes are 422. */
int besturing_check_taakvelden(struct store *s, json_t *arr, const char *name, int min, struct problem *p)
{
	size_t i, k;
	json_t *x;
	if (json_array_size(arr) < (size_t)min)
		return problem_param(p, name, "ten minste %d taakveld(en)", min);
	if (json_array_size(arr) > 200)
		return problem_param(p, name, "hoogstens 200 taakvelden");
	json_array_foreach(arr, i, x) {
		char n[64];
		snprintf(n, sizeof(n), "%s[%zu]", name, i);
		if (!json_is_string(x))
			return problem_param(p, n, "moet een taakveldcode zijn");
		for (k = 0; k < i; k++)
			if (json_equal(json_array_get(arr, k), x))
				return problem_param(p, n, "'%s' staat er al in", json_string_value(x));
	}
	json_array_foreach(arr, i, x) {
		char n[64];
		snprintf(n, sizeof(n), "%s[%zu]", name, i);
		if (!store_taakveld_id(s, json_string_value(x)))
			return problem_refuse(p, n, "Taakveld '%s' bestaat niet.", json_string_value(x));
	}
	return 0;
}

/* ---- trajecten ----------------------------------------------------------- */

int besturing_traject_find(struct store *s, long long tid, struct traject_row *t, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT t.id, v.id, v.code, tv.code, tv.naam, t.start, coalesce(t.eind, '') FROM trajecten t"
			 " JOIN verbanden v ON v.id = t.verband_id JOIN taakvelden tv ON tv.id = t.taakveld_id WHERE t.id = ?",
			 "l", tid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", tid);
	}
	t->id = db_col_int(st, 0);
	t->verband = db_col_int(st, 1);
	snprintf(t->verband_code, sizeof(t->verband_code), "%s", db_col_text(st, 2));
	snprintf(t->taakveld, sizeof(t->taakveld), "%s", db_col_text(st, 3));
	snprintf(t->taakveld_naam, sizeof(t->taakveld_naam), "%s", db_col_text(st, 4));
	snprintf(t->start, sizeof(t->start), "%s", db_col_text(st, 5));
	snprintf(t->eind, sizeof(t->eind), "%s", db_col_text(st, 6));
	db_finalize(st);
	return 0;
}

int besturing_traject_verband(struct store *s, long long traject, char *out, size_t outlen, struct problem *p)
{
	struct traject_row t;
	int r = besturing_traject_find(s, traject, &t, p);
	if (r < 0)
		return r;
	snprintf(out, outlen, "%s", t.verband_code);
	return 0;
}

/* The traject's participants (codes), as the register reports them. */
json_t *besturing_traject_deelnemers(struct store *s, long long tid)
{
	json_t *t = NULL, *d = NULL;
	struct problem q;
	problem_init(&q);
	if (register_traject_get(s, tid, &t, &q) == 0)
		d = json_incref(json_object_get(t, "deelnemers"));
	json_decref(t);
	return d ? d : json_array();
}
