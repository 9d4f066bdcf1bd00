/* The demonstration of the hours exchange, replayed through the store's
 * own functions (urenbank_demo.h). */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "store/urenbank.h"
#include "store/urenbank_demo.h"
#include "store/urenbank_leren.h"
#include "store/urenbank_rapporten.h"
#include "store/register.h"
#include "store/medewerkers.h"

#define DEMO_MAX_SERIES 2000 /* entries one series may make */

struct demo {
	struct store *s;
	const char *pt;
	json_t *keys;     /* "m:<sleutel>" / "o:<sleutel>" → id */
	json_t *holidays; /* array of dates */
	long long entries;
	char what[160]; /* the step being done, for the error */
	char clock[32]; /* the moment of the step being done ("op"); "" the real clock */
};

/* The moment of day at hh:mm (UTC) into out. */
static void moment_at(int32_t day, const char *hhmm, char out[32])
{
	char d[DATE_TEXT_LEN];
	date_format(day, d);
	snprintf(out, 32, "%sT%s:00Z", d, hhmm);
}

/* A step's "op" (a date, or a date and time "JJJJ-MM-DDTUU:MM") sets the
 * clock for it and the steps after it, so that what the store records
 * (submitted, staffed, merged, closed) has the moment it had in the year
 * the demo tells. */
static int step_clock(struct demo *d, json_t *step, struct problem *p)
{
	const char *op = json_string_value(json_object_get(step, "op"));
	if (!op)
		return 0;
	int32_t day;
	char date[DATE_TEXT_LEN];
	snprintf(date, sizeof(date), "%.10s", op);
	if (date_parse(date, &day) < 0 || (strlen(op) != 10 && (strlen(op) != 16 || op[10] != 'T')))
		return problem_set(p, 400, "'op' moet een datum (JJJJ-MM-DD) of een moment (JJJJ-MM-DDTUU:MM) zijn, niet '%s'",
				   op);
	moment_at(day, strlen(op) == 16 ? op + 11 : "09:00", d->clock);
	store_clock_set(d->clock);
	return 0;
}

/* When an entry of day was submitted and reviewed: staff book their week
 * on Friday afternoon; the manager reviews a few days later, up to a
 * fortnight in the first months, within a week once the MT steered on it
 * (the bijsturing of 17 September 2012 in demo/urenbank.json). Deterministic. */
static void entry_moments(int32_t day, char submitted[32], char reviewed[32])
{
	static const int32_t steered = 15600; /* 2012-09-17 */
	int32_t friday = day + (5 - (int32_t)(((day % 7) + 7 + 3) % 7 + 1));
	if (friday < day)
		friday = day;
	int32_t spread = (int32_t)(((unsigned)day * 7u + 3u) % 10u);
	int32_t wait = day < steered ? 3 + spread : 1 + spread / 2;
	moment_at(friday, "15:00", submitted);
	moment_at(friday + wait, "10:30", reviewed);
}

static struct actor named(const char *name)
{
	struct actor a;
	memset(&a, 0, sizeof(a));
	a.role = ROLE_BEHEERDER;
	snprintf(a.name, sizeof(a.name), "%s", name);
	return a;
}

/* The id behind a sleutel of kind 'm' or 'o'; 0 with p set when unknown. */
static long long key_id(struct demo *d, char kind, json_t *step, const char *field, struct problem *p)
{
	const char *k = json_string_value(json_object_get(step, field));
	char name[200];
	snprintf(name, sizeof(name), "%c:%s", kind, k ? k : "");
	json_t *v = json_object_get(d->keys, name);
	if (!json_is_integer(v)) {
		problem_set(p, 422, "'%s' noemt geen %s van dit document ('%s')", field, kind == 'm' ? "medewerker" : "opdracht",
			    k ? k : "");
		return 0;
	}
	return json_integer_value(v);
}

/* "manager-<gemeente>" of organisation code, into name. */
static void manager_name(struct store *s, const char *code, char *name, size_t len)
{
	struct problem p;
	problem_init(&p);
	json_t *org = NULL;
	snprintf(name, len, "manager");
	if (!code || register_org_get(s, code, &org, &p) < 0)
		return;
	const char *naam = json_string_value(json_object_get(org, "naam"));
	size_t k = strlen(name);
	name[k++] = '-';
	for (const char *c = naam ? naam : ""; *c && k + 1 < len; c++)
		name[k++] = *c == ' ' ? '-' : (char)tolower((unsigned char)*c);
	name[k] = '\0';
	json_decref(org);
}

/* The manager who approves an entry of staff of staff_org on opdracht id:
 * of the first principal that may (four eyes, policy_entry_approver), as
 * an actor with that role and organisation, named "manager-<gemeente>". */
static struct actor approver_of(struct demo *d, long long id, const char *staff_org)
{
	struct actor a = named("manager");
	struct problem p;
	problem_init(&p);
	json_t *codes = NULL;
	if (urenbank_opdracht_principals(d->s, d->pt, id, &codes, &p) == 0) {
		size_t n = json_array_size(codes);
		const char **list = calloc(n + 1, sizeof(*list));
		for (size_t i = 0; list && i < n; i++)
			list[i] = json_string_value(json_array_get(codes, i));
		const struct policy_entry e = { staff_org, 0, list, list ? (int)n : 0, NULL, d->pt };
		for (size_t i = 0; list && i < n; i++)
			if (policy_entry_approver(&e, list[i])) {
				manager_name(d->s, list[i], a.name, sizeof(a.name));
				a.role = ROLE_MANAGER;
				snprintf(a.org, sizeof(a.org), "%s", list[i]);
				break;
			}
		free(list);
	}
	json_decref(codes);
	return a;
}

static int set_key(struct demo *d, char kind, json_t *step, long long id, struct problem *p)
{
	const char *k = json_string_value(json_object_get(step, "sleutel"));
	if (!k || !k[0])
		return problem_set(p, 400, "'sleutel' ontbreekt");
	char name[200];
	snprintf(name, sizeof(name), "%c:%s", kind, k);
	if (json_object_get(d->keys, name))
		return problem_set(p, 400, "sleutel '%s' komt twee keer voor", k);
	json_object_set_new(d->keys, name, json_integer(id));
	return 0;
}

/* A copy of step without the members that are not the API's. */
static json_t *api_shape(json_t *step)
{
	json_t *in = json_deep_copy(step);
	json_object_del(in, "stap");
	json_object_del(in, "sleutel");
	json_object_del(in, "op");
	return in;
}

/* One hour entry: submitted by the medewerker, reviewed by the manager. */
static int entry(struct demo *d, long long mw, long long opdracht, const char *datum, json_t *minuten, json_t *omschrijving,
		 const char *status, const char *reden, struct problem *p)
{
	json_t *in = json_pack("{s:I,s:I,s:s,s:O}", "medewerker", (json_int_t)mw, "opdracht", (json_int_t)opdracht, "datum",
			       datum, "minuten", minuten ? minuten : json_null());
	if (json_is_string(omschrijving))
		json_object_set(in, "omschrijving", omschrijving);
	json_t *rec = NULL;
	if (medewerkers_get(d->s, mw, &rec, p) < 0) {
		json_decref(in);
		return -p->status;
	}
	struct actor by = named(json_string_value(json_object_get(rec, "naam")));
	struct actor mgr = approver_of(d, opdracht, json_string_value(json_object_get(rec, "organisatie")));
	json_decref(rec);
	json_t *out = NULL;
	int32_t day;
	char submitted[32], reviewed[32];
	int timed = d->clock[0] && date_parse(datum, &day) == 0;
	if (timed) {
		entry_moments(day, submitted, reviewed);
		store_clock_set(submitted);
	}
	int r = urenbank_uren_submit(d->s, &by, d->pt, in, &out, p);
	if (timed)
		store_clock_set(reviewed);
	json_decref(in);
	long long id = r == 0 ? json_integer_value(json_object_get(out, "id")) : 0;
	json_decref(out);
	out = NULL;
	if (r == 0 && strcmp(status, "ingediend")) {
		if (!strcmp(status, "afgekeurd")) {
			json_t *why = json_pack("{s:s}", "reden", reden ? reden : "niet toegelicht");
			r = urenbank_uren_reject(d->s, &mgr, d->pt, id, why, &out, p);
			json_decref(why);
		} else {
			r = urenbank_uren_approve(d->s, &mgr, d->pt, id, &out, p);
			if (r == 0 && !strcmp(status, "gecorrigeerd")) {
				json_decref(out);
				out = NULL;
				json_t *why = json_pack("{s:s}", "reden", reden ? reden : "gecorrigeerd");
				r = urenbank_uren_correct(d->s, &mgr, d->pt, id, why, &out, p);
				json_decref(why);
			}
		}
		json_decref(out);
	}
	if (timed)
		store_clock_set(d->clock);
	if (r == 0)
		d->entries++;
	return r;
}

static const char *status_of(json_t *step, struct problem *p)
{
	static const char *const ok[] = { "goedgekeurd", "ingediend", "afgekeurd", "gecorrigeerd", NULL };
	const char *st = json_string_value(json_object_get(step, "status"));
	if (!st)
		return "goedgekeurd";
	for (int i = 0; ok[i]; i++)
		if (!strcmp(st, ok[i]))
			return ok[i];
	problem_set(p, 400, "status '%s' is geen goedgekeurd, ingediend, afgekeurd of gecorrigeerd", st);
	return NULL;
}

static int is_holiday(struct demo *d, int32_t day)
{
	size_t i;
	json_t *h;
	json_array_foreach(d->holidays, i, h) {
		int32_t x;
		if (json_is_string(h) && date_parse(json_string_value(h), &x) == 0 && x == day)
			return 1;
	}
	return 0;
}

static int member_date(json_t *o, const char *name, int32_t *day)
{
	const char *t = json_string_value(json_object_get(o, name));
	return t ? date_parse(t, day) : -1;
}

static int in_periods(json_t *periods, int32_t day)
{
	size_t i;
	json_t *b;
	json_array_foreach(periods, i, b) {
		int32_t van, tot;
		if (member_date(b, "van", &van) == 0 && member_date(b, "tot", &tot) == 0 && day >= van && day <= tot)
			return 1;
	}
	return 0;
}

/* Monday 1 … Sunday 7 (day 0, 1970-01-01, was a Thursday). */
static int iso_weekday(int32_t day) { return (int)(((day % 7) + 7 + 3) % 7) + 1; }

static int series(struct demo *d, json_t *step, struct problem *p)
{
	long long mw = key_id(d, 'm', step, "medewerker", p);
	long long opdracht = mw ? key_id(d, 'o', step, "opdracht", p) : 0;
	if (!opdracht)
		return -p->status;
	const char *status = status_of(step, p);
	if (!status)
		return -p->status;
	int32_t van, tot;
	if (member_date(step, "van", &van) < 0 || member_date(step, "tot", &tot) < 0 || tot < van)
		return problem_set(p, 400, "'van' en 'tot' moeten datums zijn (JJJJ-MM-DD), tot niet vóór van");
	json_t *days = json_object_get(step, "weekdagen");
	int want[8] = { 0 };
	size_t i;
	json_t *x;
	json_array_foreach(days, i, x)
		if (json_is_integer(x) && json_integer_value(x) >= 1 && json_integer_value(x) <= 7)
			want[json_integer_value(x)] = 1;
	json_t *every = json_object_get(step, "elke");
	long long weeks = json_is_integer(every) && json_integer_value(every) > 0 ? json_integer_value(every) : 1;
	int32_t monday = van - (iso_weekday(van) - 1);
	int made = 0;
	for (int32_t day = van; day <= tot; day++) {
		if (!want[iso_weekday(day)] || ((day - monday) / 7) % weeks || is_holiday(d, day) ||
		    in_periods(json_object_get(step, "behalve"), day))
			continue;
		if (++made > DEMO_MAX_SERIES)
			return problem_set(p, 400, "een reeks maakt hoogstens %d urenregels", DEMO_MAX_SERIES);
		char datum[DATE_TEXT_LEN];
		date_format(day, datum);
		if (entry(d, mw, opdracht, datum, json_object_get(step, "minuten"), json_object_get(step, "omschrijving"), status,
			  json_string_value(json_object_get(step, "reden")), p) < 0) {
			char on[40];
			snprintf(on, sizeof(on), " op %s", datum);
			size_t len = strlen(d->what);
			snprintf(d->what + len, sizeof(d->what) - len, "%s", on);
			return -p->status;
		}
	}
	if (!made)
		return problem_set(p, 400, "de reeks maakt geen enkele urenregel (weekdagen 1 = maandag … 5 = vrijdag)");
	return 0;
}

static int step_do(struct demo *d, json_t *step, struct problem *p)
{
	const char *soort = json_string_value(json_object_get(step, "stap"));
	struct actor by = named("demo");
	json_t *out = NULL, *in = NULL;
	int r;
	if (!soort)
		return problem_set(p, 400, "'stap' ontbreekt");
	if (step_clock(d, step, p) < 0)
		return -p->status;
	if (!strcmp(soort, "opdracht")) {
		in = api_shape(step);
		r = urenbank_opdracht_create(d->s, &by, d->pt, in, &out, p);
		if (r == 0)
			r = set_key(d, 'o', step, json_integer_value(json_object_get(out, "id")), p);
	} else if (!strcmp(soort, "samenvoegen")) {
		long long a = key_id(d, 'o', step, "opdracht", p), b = a ? key_id(d, 'o', step, "met", p) : 0;
		if (!b)
			return -p->status;
		in = json_pack("{s:I}", "met", (json_int_t)b);
		if (json_is_string(json_object_get(step, "titel")))
			json_object_set(in, "titel", json_object_get(step, "titel"));
		r = urenbank_opdracht_merge(d->s, &by, d->pt, a, in, &out, p);
		if (r == 0)
			r = set_key(d, 'o', step, json_integer_value(json_object_get(out, "id")), p);
	} else if (!strcmp(soort, "inzet")) {
		long long o = key_id(d, 'o', step, "opdracht", p), m = o ? key_id(d, 'm', step, "medewerker", p) : 0;
		if (!m)
			return -p->status;
		in = json_pack("{s:I,s:O}", "medewerker", (json_int_t)m, "minuten",
			       json_object_get(step, "minuten") ? json_object_get(step, "minuten") : json_null());
		r = urenbank_inzet_create(d->s, &by, d->pt, o, in, &out, p);
	} else if (!strcmp(soort, "storting")) {
		char name[128];
		manager_name(d->s, json_string_value(json_object_get(step, "organisatie")), name, sizeof(name));
		struct actor mgr = named(name);
		in = api_shape(step);
		r = urenbank_deposit(d->s, &mgr, d->pt, in, &out, p);
	} else if (!strcmp(soort, "uren")) {
		long long m = key_id(d, 'm', step, "medewerker", p), o = m ? key_id(d, 'o', step, "opdracht", p) : 0;
		const char *status = o ? status_of(step, p) : NULL;
		const char *datum = json_string_value(json_object_get(step, "datum"));
		if (!status)
			return -p->status;
		r = entry(d, m, o, datum ? datum : "", json_object_get(step, "minuten"), json_object_get(step, "omschrijving"),
			  status, json_string_value(json_object_get(step, "reden")), p);
	} else if (!strcmp(soort, "reeks")) {
		r = series(d, step, p);
	} else if (!strcmp(soort, "afronden")) {
		long long o = key_id(d, 'o', step, "opdracht", p);
		if (!o)
			return -p->status;
		r = urenbank_opdracht_close(d->s, &by, d->pt, o, &out, p);
	} else if (!strcmp(soort, "leerervaring")) {
		struct actor pm = named("procesmanager-drechtsteden");
		pm.role = ROLE_PROCESMANAGER;
		in = api_shape(step);
		r = urenbank_les_create(d->s, &pm, d->pt, in, &out, p);
	} else if (!strcmp(soort, "rapport")) {
		struct actor pm = named("procesmanager-drechtsteden");
		pm.role = ROLE_PROCESMANAGER;
		in = api_shape(step);
		r = urenbank_rapporten_create(d->s, &pm, d->pt, in, &out, p);
	} else {
		r = problem_set(
			p, 400,
			"stap '%s' is geen opdracht, samenvoegen, inzet, storting, uren, reeks, afronden, leerervaring of "
			"rapport",
			soort);
	}
	json_decref(in);
	json_decref(out);
	return r;
}

/* Describes step i for an error: "stap 12 (uren van dd-bakker op 2012-02-07)". */
static void describe(struct demo *d, size_t i, json_t *step)
{
	const char *soort = json_string_value(json_object_get(step, "stap"));
	const char *mw = json_string_value(json_object_get(step, "medewerker"));
	const char *op = json_string_value(json_object_get(step, "opdracht"));
	const char *datum = json_string_value(json_object_get(step, "datum"));
	const char *sleutel = json_string_value(json_object_get(step, "sleutel"));
	snprintf(d->what, sizeof(d->what), "stap %zu (%s%s%s%s%s%s%s%s%s)", i + 1, soort ? soort : "?", sleutel ? " " : "",
		 sleutel ? sleutel : "", mw ? " van " : "", mw ? mw : "", op ? " op " : "", op ? op : "", datum ? " " : "",
		 datum ? datum : "");
}

static int fail(struct demo *d, struct problem *p)
{
	char inner[600];
	if (p->nparams)
		snprintf(inner, sizeof(inner), "%s: %s", p->params[0].name, p->params[0].reason);
	else
		snprintf(inner, sizeof(inner), "%s", p->detail);
	int status = p->status ? p->status : 500;
	problem_init(p);
	return problem_set(p, status, "%s: %s", d->what, inner);
}

int urenbank_demo_load(struct store *s, json_t *doc, long long *entries, struct problem *p)
{
	const char *formaat = json_string_value(json_object_get(doc, "formaat"));
	if (!formaat || strcmp(formaat, "samen-urenbank-demo"))
		return problem_set(p, 400, "Dit is geen document met formaat 'samen-urenbank-demo'.");
	struct demo d = { s, NULL, json_object(), json_object_get(doc, "vrijeDagen"), 0, "de proeftuin", "" };
	struct actor by = named("demo");
	json_t *out = NULL;
	if (db_begin(s->db) < 0) {
		json_decref(d.keys);
		return problem_set(p, 503, "De database is bezet.");
	}
	int r = step_clock(&d, doc, p);
	if (r == 0)
		r = urenbank_proeftuin_create(s, &by, json_object_get(doc, "proeftuin"), &out, p);
	char code[48] = "";
	if (r == 0) {
		snprintf(code, sizeof(code), "%s", json_string_value(json_object_get(out, "code")));
		d.pt = code;
	}
	json_decref(out);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "medewerkers"), i, x) {
		if (r < 0)
			break;
		snprintf(d.what, sizeof(d.what), "medewerker %zu (%s)", i + 1,
			 json_string_value(json_object_get(x, "sleutel")) ? json_string_value(json_object_get(x, "sleutel"))
									  : "?");
		json_t *in = api_shape(x);
		out = NULL;
		r = medewerkers_create(s, &by, in, &out, p);
		json_decref(in);
		if (r == 0)
			r = set_key(&d, 'm', x, json_integer_value(json_object_get(out, "id")), p);
		json_decref(out);
	}
	json_array_foreach(json_object_get(doc, "stappen"), i, x) {
		if (r < 0)
			break;
		describe(&d, i, x);
		r = step_do(&d, x, p);
	}
	store_clock_set(NULL);
	if (r < 0) {
		fail(&d, p);
		db_rollback(s->db);
	} else if (db_commit(s->db) < 0) {
		db_rollback(s->db);
		r = problem_set(p, 500, "De demo kon niet worden vastgelegd.");
	}
	if (r == 0 && entries)
		*entries = d.entries;
	json_decref(d.keys);
	return r < 0 ? -p->status : 0;
}
