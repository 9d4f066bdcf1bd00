/* The register's history (register.h "history"): organisations, trajecten,
 * participants and memberships change through dated mutations that are
 * kept beside the original values, never overwritten.
 *
 * The rule for a field's value on date d: the newest mutation whose
 * ingangsdatum is on or before d; before the first mutation, that
 * mutation's "vorige" (the original value). The columns of organisaties and
 * trajecten hold the value of today, for the many queries that join them;
 * every read on a date goes through the history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "core/nl.h"
#include "core/register.h"
#include "core/register_codes.h"
#include "store/fields.h"
#include "store/register.h"
#include "store/register_sql.h"

static const char *who(const char *by) { return by && by[0] ? by : "systeem"; }

static void today_text(char out[DATE_TEXT_LEN]) { date_format(date_today(), out); }

static void day_before(const char *iso, char out[DATE_TEXT_LEN])
{
	int32_t d;
	if (date_parse(iso, &d) < 0)
		snprintf(out, DATE_TEXT_LEN, "%s", iso);
	else
		date_format(d - 1, out);
}

static void nice_date(const char *iso, char *out, size_t len) { nl_date(iso, out, len); }

/* ---- the history rule ------------------------------------------------------------------- */

enum hist { HIST_ORG, HIST_TRAJECT };

/* The value of veld of object id on date by the history rule: 1 with
 * *isnull and out set, or 0 when the field has no history (use the base
 * column). */
static int hist_value(struct store *s, enum hist h, long long id, const char *veld, const char *date, char *out, size_t len,
		      int *isnull)
{
	static const char *const latest[] = {
		"SELECT waarde FROM organisatie_mutaties WHERE organisatie_id = ? AND veld = ? AND ingangsdatum <= ?"
		" ORDER BY ingangsdatum DESC, id DESC LIMIT 1",
		"SELECT waarde FROM traject_mutaties WHERE traject_id = ? AND veld = ? AND ingangsdatum <= ?"
		" ORDER BY ingangsdatum DESC, id DESC LIMIT 1",
	};
	static const char *const first[] = {
		"SELECT vorige FROM organisatie_mutaties WHERE organisatie_id = ? AND veld = ? ORDER BY ingangsdatum, id LIMIT 1",
		"SELECT vorige FROM traject_mutaties WHERE traject_id = ? AND veld = ? ORDER BY ingangsdatum, id LIMIT 1",
	};
	struct db_stmt *st = db_query(s->db, latest[h], "ltt", id, veld, date);
	int found = db_step(st) == DB_ROW;
	if (!found) {
		db_finalize(st);
		st = db_query(s->db, first[h], "lt", id, veld);
		found = db_step(st) == DB_ROW;
	}
	if (found) {
		*isnull = db_col_null(st, 0);
		snprintf(out, len, "%s", *isnull ? "" : db_col_text(st, 0));
	}
	db_finalize(st);
	return found;
}

static int insert_mutation(struct store *s, enum hist h, long long id, const char *ingang, const char *veld, const char *waarde,
			   const char *vorige, const char *reden, const char *by, struct problem *p)
{
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       h == HIST_ORG
			       ? "INSERT INTO organisatie_mutaties(organisatie_id, ingangsdatum, veld, waarde, vorige, reden,"
				 " aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"
			       : "INSERT INTO traject_mutaties(traject_id, ingangsdatum, veld, waarde, vorige, reden,"
				 " aangemaakt, door) VALUES(?, ?, ?, ?, ?, ?, ?, ?)",
		       "ltttttt"
		       "t",
		       id, ingang, veld, waarde, vorige, reden, now, who(by));
	return r < 0 ? store_db_problem(s, r, p, "wijziging") : 0;
}

static json_t *history_json(struct store *s, enum hist h, long long id)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 h == HIST_ORG ? "SELECT ingangsdatum, veld, waarde, vorige, reden, aangemaakt, door"
					 " FROM organisatie_mutaties WHERE organisatie_id = ? ORDER BY ingangsdatum, id"
				       : "SELECT ingangsdatum, veld, waarde, vorige, reden, aangemaakt, door"
					 " FROM traject_mutaties WHERE traject_id = ? ORDER BY ingangsdatum, id",
			 "l", id);
	while (db_step(st) == DB_ROW) {
		json_t *m = json_pack("{s:s,s:s}", "ingangsdatum", db_col_text(st, 0), "veld", db_col_text(st, 1));
		json_object_set_new(m, "waarde", store_text_or_null(st, 2));
		json_object_set_new(m, "vorige", store_text_or_null(st, 3));
		json_object_set_new(m, "reden", store_text_or_null(st, 4));
		json_object_set_new(m, "aangemaakt", json_string(db_col_text(st, 5)));
		json_object_set_new(m, "door", json_string(db_col_text(st, 6)));
		json_array_append_new(a, m);
	}
	db_finalize(st);
	return a;
}

/* ---- official codes ---------------------------------------------------------------------- */

int register_org_code_check(const char *code, const char *soort, const char *date, char tot[DATE_TEXT_LEN], struct problem *p)
{
	tot[0] = '\0';
	if (!strcmp(soort, "provincie")) {
		if (!register_codes_provincie(code))
			return problem_refuse(p, "code",
					      "'%s' is geen provincie: de twaalf provincies hebben de codes PV20 (Groningen) tot "
					      "en met PV31 (Limburg).",
					      code);
		return 0;
	}
	if (strcmp(soort, "gemeente"))
		return 0;
	struct register_gemeente g;
	char d1[NL_TEXT_LEN], d2[NL_TEXT_LEN];
	switch (register_codes_gemeente_on(code, date, &g)) {
	case REGISTER_CODE_UNKNOWN:
		return problem_refuse(p, "code",
				      "'%s' is geen gemeentecode: de CBS-lijst van gemeenten (bijgewerkt tot en met de "
				      "herindeling van 1 januari 2023) kent hem niet.",
				      code);
	case REGISTER_CODE_NOT_YET:
		nice_date(g.van, d1, sizeof(d1));
		return problem_refuse(p, date ? "geldigVan" : "code",
				      "%s (%s) bestaat pas vanaf %s; geef met 'geldigVan' een datum vanaf dan.", code, g.naam,
				      d1);
	case REGISTER_CODE_NO_LONGER: {
		char succ[200] = "";
		size_t used = 0;
		for (int i = 0; i < g.nopvolgers && used < sizeof(succ); i++) {
			struct register_gemeente o;
			int w = snprintf(succ + used, sizeof(succ) - used, "%s%s (%s)",
					 i == 0 ? "" : (i + 1 == g.nopvolgers ? " en " : ", "), g.opvolgers[i],
					 register_codes_gemeente(g.opvolgers[i], &o) == 0 ? o.naam : "?");
			if (w < 0)
				break;
			used += (size_t)w;
		}
		nice_date(g.tot, d1, sizeof(d1));
		if (date)
			nice_date(date, d2, sizeof(d2));
		return problem_refuse(p, date ? "geldigVan" : "code",
				      "%s (%s) bestaat sinds %s niet meer%s%s. Registreer de opvolger, of geef met "
				      "'geldigVan' een datum waarop %s nog bestond.",
				      code, g.naam, d1, succ[0] ? ": opgegaan in " : "", succ, code);
	}
	case REGISTER_CODE_VALID: break;
	}
	snprintf(tot, DATE_TEXT_LEN, "%s", g.tot);
	return 0;
}

/* ---- organisations --------------------------------------------------------------------- */

struct org_row {
	long long id;
	char code[40], soort[16], van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
};

static int org_find(struct store *s, const char *code, struct org_row *o, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT id, code, soort, coalesce(geldig_van, ''), coalesce(geldig_tot, '') FROM organisaties"
			 " WHERE code = ?",
			 "t", code);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", code);
	}
	o->id = db_col_int(st, 0);
	snprintf(o->code, sizeof(o->code), "%s", db_col_text(st, 1));
	snprintf(o->soort, sizeof(o->soort), "%s", db_col_text(st, 2));
	snprintf(o->van, sizeof(o->van), "%s", db_col_text(st, 3));
	snprintf(o->tot, sizeof(o->tot), "%s", db_col_text(st, 4));
	db_finalize(st);
	return 0;
}

void register_org_overlay(struct store *s, long long oid, const char *date, json_t *o)
{
	char d[DATE_TEXT_LEN], v[256];
	int isnull;
	if (date)
		snprintf(d, sizeof(d), "%s", date);
	else
		today_text(d);
	if (hist_value(s, HIST_ORG, oid, "naam", d, v, sizeof(v), &isnull) && !isnull)
		json_object_set_new(o, "naam", json_string(v));
	if (hist_value(s, HIST_ORG, oid, "inwoners", d, v, sizeof(v), &isnull))
		json_object_set_new(o, "inwoners", isnull ? json_null() : json_integer(strtoll(v, NULL, 10)));
}

/* The base column of an organisation's field after a mutation: its value
 * today. */
static int org_refresh(struct store *s, long long oid, struct problem *p)
{
	char d[DATE_TEXT_LEN], v[256];
	int isnull, r = 0;
	today_text(d);
	if (hist_value(s, HIST_ORG, oid, "naam", d, v, sizeof(v), &isnull) && !isnull)
		r = db_run(s->db, "UPDATE organisaties SET naam = ? WHERE id = ?", "tl", v, oid);
	if (r == 0 && hist_value(s, HIST_ORG, oid, "inwoners", d, v, sizeof(v), &isnull))
		r = isnull ? db_run(s->db, "UPDATE organisaties SET inwoners = NULL WHERE id = ?", "l", oid)
			   : db_run(s->db, "UPDATE organisaties SET inwoners = ? WHERE id = ?", "ll", strtoll(v, NULL, 10), oid);
	return r < 0 ? store_db_problem(s, r, p, "organisatie") : 0;
}

/* The value of an organisation's field the day before date, as text
 * (NULL for null), into buf. */
static const char *org_before(struct store *s, long long oid, const char *veld, const char *date, char *buf, size_t len)
{
	char prev[DATE_TEXT_LEN];
	int isnull;
	day_before(date, prev);
	if (hist_value(s, HIST_ORG, oid, veld, prev, buf, len, &isnull))
		return isnull ? NULL : buf;
	struct db_stmt *st = db_query(s->db,
				      !strcmp(veld, "naam") ? "SELECT naam FROM organisaties WHERE id = ?"
							    : "SELECT inwoners FROM organisaties WHERE id = ?",
				      "l", oid);
	const char *r = NULL;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		snprintf(buf, len, "%s", db_col_text(st, 0));
		r = buf;
	}
	db_finalize(st);
	return r;
}

/* The successor takes over the memberships and participations of oid that
 * run on date d; those of oid end on d. */
static int carry_over(struct store *s, long long oid, const char *code, long long succ, const char *d, struct problem *p)
{
	struct rowv {
		long long id, vid;
		char rol[16], van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	};
	struct rowv *rows = NULL;
	size_t n = 0, cap = 0;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT id, verband_id, rol, van, coalesce(tot, '') FROM lidmaatschappen WHERE organisatie_id = ?"
			 " AND (tot IS NULL OR tot > ?) ORDER BY id",
			 "lt", oid, d);
	while (db_step(st) == DB_ROW) {
		struct rowv *nr = grow(rows, &cap, n, sizeof(*rows));
		if (!nr) {
			db_finalize(st);
			free(rows);
			return problem_set(p, 500, "geen geheugen");
		}
		rows = nr;
		rows[n].id = db_col_int(st, 0);
		rows[n].vid = db_col_int(st, 1);
		snprintf(rows[n].rol, sizeof(rows[n].rol), "%s", db_col_text(st, 2));
		snprintf(rows[n].van, sizeof(rows[n].van), "%s", db_col_text(st, 3));
		snprintf(rows[n].tot, sizeof(rows[n].tot), "%s", db_col_text(st, 4));
		n++;
	}
	db_finalize(st);
	int r = 0;
	for (size_t i = 0; i < n && r == 0; i++) {
		if (strcmp(rows[i].van, d) >= 0) {
			r = problem_refuse(
				p, "ingangsdatum",
				"%s wordt pas op %s lid van een verband, na de opheffing; beëindig dat lidmaatschap eerst.", code,
				rows[i].van);
			break;
		}
		r = db_run(s->db, "UPDATE lidmaatschappen SET tot = ? WHERE id = ?", "tl", d, rows[i].id);
		if (r < 0) {
			r = store_db_problem(s, r, p, "lidmaatschap");
			break;
		}
		if (!succ)
			continue;
		/* Is the successor already a member of that verband on d? */
		st = db_query(s->db,
			      "SELECT id, rol, coalesce(tot, '') FROM lidmaatschappen WHERE verband_id = ? AND organisatie_id = ?"
			      " AND " REGISTER_SQL_MEMBER_ON("lidmaatschappen", "?"),
			      "lltt", rows[i].vid, succ, d, d);
		long long sid = 0;
		char srol[16] = "", stot[DATE_TEXT_LEN] = "";
		if (db_step(st) == DB_ROW) {
			sid = db_col_int(st, 0);
			snprintf(srol, sizeof(srol), "%s", db_col_text(st, 1));
			snprintf(stot, sizeof(stot), "%s", db_col_text(st, 2));
		}
		db_finalize(st);
		if (!sid) {
			long long lid = 0;
			r = db_insert(
				s->db, &lid,
				"INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van, tot) VALUES(?, ?, ?, ?, ?)"
				" RETURNING id",
				"lltt"
				"t",
				rows[i].vid, succ, rows[i].rol, d, rows[i].tot[0] ? rows[i].tot : NULL);
			if (r < 0)
				r = store_db_problem(s, r, p, "lidmaatschap");
			else
				r = register_netwerk_member_joined(s, rows[i].vid, lid, p);
		} else if (!strcmp(rows[i].rol, "gastheer") && strcmp(srol, "gastheer")) {
			/* The successor of a gastheer becomes the gastheer. */
			r = db_run(s->db, "UPDATE lidmaatschappen SET tot = ? WHERE id = ?", "tl", d, sid);
			if (r == 0)
				r = db_run(s->db,
					   "INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van, tot)"
					   " VALUES(?, ?, 'gastheer', ?, ?)",
					   "lltt", rows[i].vid, succ, d, stot[0] ? stot : NULL);
			if (r < 0)
				r = store_db_problem(s, r, p, "lidmaatschap");
		}
	}
	free(rows);
	if (r < 0)
		return r;
	/* Explicit participations of trajecten that run on d. */
	char reason[160];
	snprintf(reason, sizeof(reason), "opgeheven per %s (herindeling)", d);
	struct idrow {
		long long traject;
	} *tr = NULL;
	n = cap = 0;
	st = db_query(s->db,
		      "SELECT d.traject_id FROM traject_deelnemers d JOIN trajecten t ON t.id = d.traject_id"
		      " WHERE d.organisatie_id = ?1 AND (d.tot IS NULL OR d.tot > ?2) AND (t.eind IS NULL OR t.eind > ?2)"
		      " AND coalesce(d.van, t.start) < ?2",
		      "lt", oid, d);
	while (db_step(st) == DB_ROW) {
		struct idrow *nr = grow(tr, &cap, n, sizeof(*tr));
		if (!nr) {
			db_finalize(st);
			free(tr);
			return problem_set(p, 500, "geen geheugen");
		}
		tr = nr;
		tr[n++].traject = db_col_int(st, 0);
	}
	db_finalize(st);
	for (size_t i = 0; i < n && r == 0; i++) {
		r = db_run(s->db, "UPDATE traject_deelnemers SET tot = ?, reden = ? WHERE traject_id = ? AND organisatie_id = ?",
			   "ttll", d, reason, tr[i].traject, oid);
		if (r == 0 && succ) {
			char why[200];
			snprintf(why, sizeof(why), "opvolger van %s (herindeling)", code);
			r = db_run(s->db,
				   "INSERT INTO traject_deelnemers(traject_id, organisatie_id, van, reden) VALUES(?, ?, ?, ?)"
				   " ON CONFLICT (traject_id, organisatie_id) DO NOTHING",
				   "llt"
				   "t",
				   tr[i].traject, succ, d, why);
		}
		if (r < 0)
			r = store_db_problem(s, r, p, "deelnemer");
	}
	free(tr);
	return r;
}

struct org_patch_args {
	const char *by, *code;
	json_t *in, **out;
};

static int do_org_patch(struct store *s, void *arg, struct problem *p)
{
	struct org_patch_args *a = arg;
	struct org_row o;
	if (org_find(s, a->code, &o, p) < 0)
		return -p->status;
	const char *ingang = NULL, *naam = NULL, *opvolger = NULL, *reden = NULL;
	long long inwoners = -1;
	int opgeheven = 0, has_inw = 0;
	field_date(a->in, "ingangsdatum", FIELD_REQUIRED, &ingang, p);
	field_text(a->in, "naam", FIELD_OPTIONAL, 200, &naam, p);
	json_t *jinw = json_object_get(a->in, "inwoners");
	if (jinw && json_is_null(jinw))
		has_inw = 1;
	else if (field_int(a->in, "inwoners", FIELD_OPTIONAL, 0, 100000000, &inwoners, p) > 0)
		has_inw = 1;
	field_bool(a->in, "opgeheven", FIELD_OPTIONAL, &opgeheven, p);
	field_text(a->in, "opvolger", FIELD_OPTIONAL, 32, &opvolger, p);
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (!p->status && !naam && !has_inw && !opgeheven)
		problem_param(p, "naam", "geef ten minste één wijziging: naam, inwoners of opgeheven");
	if (opvolger && !opgeheven)
		problem_param(p, "opvolger", "alleen bij opgeheven: true");
	if (p->status)
		return -p->status;
	char d1[NL_TEXT_LEN];
	if (o.van[0] && strcmp(ingang, o.van) < 0) {
		nice_date(o.van, d1, sizeof(d1));
		return problem_refuse(p, "ingangsdatum", "%s bestaat pas vanaf %s; een wijziging kan niet eerder ingaan.",
				      a->code, d1);
	}
	/* The end the CBS list gives is known at creation; the herindeling
	 * itself (with its successor) is recorded on or before it. */
	if (o.tot[0] && (opgeheven ? strcmp(ingang, o.tot) > 0 : strcmp(ingang, o.tot) >= 0)) {
		nice_date(o.tot, d1, sizeof(d1));
		return problem_refuse(p, "ingangsdatum", "%s bestaat sinds %s niet meer; een wijziging kan niet later ingaan.",
				      a->code, d1);
	}
	int r = 0;
	char prev[256];
	if (naam)
		r = insert_mutation(s, HIST_ORG, o.id, ingang, "naam", naam,
				    org_before(s, o.id, "naam", ingang, prev, sizeof(prev)), reden, a->by, p);
	if (r == 0 && has_inw) {
		char v[32];
		snprintf(v, sizeof(v), "%lld", inwoners);
		r = insert_mutation(s, HIST_ORG, o.id, ingang, "inwoners", inwoners >= 0 ? v : NULL,
				    org_before(s, o.id, "inwoners", ingang, prev, sizeof(prev)), reden, a->by, p);
	}
	if (r == 0 && (naam || has_inw))
		r = org_refresh(s, o.id, p);
	if (r == 0 && opgeheven) {
		struct db_stmt *st = db_query(
			s->db, "SELECT ingangsdatum FROM organisatie_mutaties WHERE organisatie_id = ? AND veld = 'opheffing'",
			"l", o.id);
		if (db_step(st) == DB_ROW) {
			nice_date(db_col_text(st, 0), d1, sizeof(d1));
			db_finalize(st);
			return problem_refuse(p, "opgeheven", "%s is al opgeheven per %s.", a->code, d1);
		}
		db_finalize(st);
		long long succ = 0;
		struct register_gemeente g;
		int listed = !strcmp(o.soort, "gemeente") && register_codes_gemeente(a->code, &g) == 0;
		if (!opvolger && listed && g.tot[0] && !strcmp(g.tot, ingang) && g.nopvolgers == 1 &&
		    store_org_id(s, g.opvolgers[0]))
			opvolger = g.opvolgers[0]; /* the CBS list names it, and it is registered */
		if (opvolger) {
			if (!strcmp(opvolger, a->code))
				return problem_refuse(p, "opvolger", "Een organisatie is niet haar eigen opvolger.");
			struct org_row so;
			struct problem q;
			problem_init(&q);
			if (org_find(s, opvolger, &so, &q) < 0)
				return problem_refuse(
					p, "opvolger",
					"Organisatie '%s' bestaat niet in het register; registreer de opvolger eerst.", opvolger);
			nice_date(ingang, d1, sizeof(d1));
			if ((so.tot[0] && strcmp(ingang, so.tot) >= 0) || (so.van[0] && strcmp(ingang, so.van) < 0))
				return problem_refuse(p, "opvolger", "%s bestaat niet op %s en kan dus geen opvolger zijn.",
						      opvolger, d1);
			if (listed && g.tot[0] && !strcmp(g.tot, ingang)) {
				int ok = 0;
				for (int i = 0; i < g.nopvolgers; i++)
					ok |= !strcmp(g.opvolgers[i], opvolger);
				if (!ok)
					return problem_refuse(
						p, "opvolger", "Volgens de CBS-lijst ging %s op %s op in %s%s, niet in %s.",
						a->code, d1, g.opvolgers[0], g.nopvolgers > 1 ? " (en andere)" : "", opvolger);
			}
			succ = so.id;
		}
		r = insert_mutation(s, HIST_ORG, o.id, ingang, "opheffing", opvolger, NULL, reden, a->by, p);
		if (r == 0)
			r = carry_over(s, o.id, a->code, succ, ingang, p);
		if (r == 0) {
			r = db_run(s->db, "UPDATE organisaties SET geldig_tot = ?, opvolger_id = nullif(?, 0) WHERE id = ?",
				   "tll", ingang, succ, o.id);
			if (r < 0)
				r = store_db_problem(s, r, p, "organisatie");
		}
	}
	if (r < 0)
		return r;
	return a->out ? register_org_get(s, a->code, a->out, p) : 0;
}

int register_org_patch(struct store *s, const char *by, const char *code, json_t *in, json_t **out, struct problem *p)
{
	struct org_patch_args a = { by, code, in, out };
	return store_transaction(s, p, do_org_patch, &a);
}

int register_org_history(struct store *s, const char *code, json_t **out, struct problem *p)
{
	struct org_row o;
	if (org_find(s, code, &o, p) < 0)
		return -p->status;
	*out = history_json(s, HIST_ORG, o.id);
	return 0;
}

/* ---- trajecten --------------------------------------------------------------------------- */

static const char *const traject_fields[] = { "fase", "vorm", "intensiteit", "eigenaar", "omschrijving", NULL };

void register_traject_overlay(struct store *s, long long tid, const char *date, json_t *t)
{
	char d[DATE_TEXT_LEN], v[4096];
	int isnull;
	if (date)
		snprintf(d, sizeof(d), "%s", date);
	else
		today_text(d);
	for (int i = 0; traject_fields[i]; i++)
		if (hist_value(s, HIST_TRAJECT, tid, traject_fields[i], d, v, sizeof(v), &isnull))
			json_object_set_new(t, traject_fields[i], isnull ? json_null() : json_string(v));
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.code, o.naam, d.van, d.tot, d.reden FROM traject_deelnemers d"
				      " JOIN organisaties o ON o.id = d.organisatie_id WHERE d.traject_id = ?"
				      " ORDER BY coalesce(d.van, ''), o.naam",
				      "l", tid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:s,s:s}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1));
		json_object_set_new(x, "van", store_text_or_null(st, 2));
		json_object_set_new(x, "tot", store_text_or_null(st, 3));
		json_object_set_new(x, "reden", store_text_or_null(st, 4));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	json_object_set_new(t, "deelname", a);
}

struct traject_row {
	long long id, vid;
	int gcp;
	char verband[48], start[DATE_TEXT_LEN], eind[DATE_TEXT_LEN];
};

static int traject_find(struct store *s, long long tid, struct traject_row *t, struct problem *p)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT t.id, t.verband_id, v.geen_cherry_picking, v.code, t.start, coalesce(t.eind, '')"
				      " FROM trajecten t JOIN verbanden v ON v.id = t.verband_id WHERE t.id = ?",
				      "l", tid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Traject %lld bestaat niet.", tid);
	}
	t->id = db_col_int(st, 0);
	t->vid = db_col_int(st, 1);
	t->gcp = (int)db_col_int(st, 2);
	snprintf(t->verband, sizeof(t->verband), "%s", db_col_text(st, 3));
	snprintf(t->start, sizeof(t->start), "%s", db_col_text(st, 4));
	snprintf(t->eind, sizeof(t->eind), "%s", db_col_text(st, 5));
	db_finalize(st);
	return 0;
}

/* The value of a traject's field just before date (the base column when
 * it has no history), into buf; NULL for null. */
static const char *traject_before(struct store *s, long long tid, const char *veld, const char *date, char *buf, size_t len)
{
	char prev[DATE_TEXT_LEN];
	int isnull;
	day_before(date, prev);
	if (hist_value(s, HIST_TRAJECT, tid, veld, prev, buf, len, &isnull))
		return isnull ? NULL : buf;
	static const char *const sql[] = { "SELECT fase FROM trajecten WHERE id = ?", "SELECT vorm FROM trajecten WHERE id = ?",
					   "SELECT intensiteit FROM trajecten WHERE id = ?",
					   "SELECT eigenaar FROM trajecten WHERE id = ?",
					   "SELECT omschrijving FROM trajecten WHERE id = ?" };
	int k = enum_index(traject_fields, veld);
	if (k < 0)
		return NULL;
	struct db_stmt *st = db_query(s->db, sql[k], "l", tid);
	const char *r = NULL;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		snprintf(buf, len, "%s", db_col_text(st, 0));
		r = buf;
	}
	db_finalize(st);
	return r;
}

static int traject_refresh(struct store *s, long long tid, struct problem *p)
{
	static const char *const sql[] = { "UPDATE trajecten SET fase = ? WHERE id = ?",
					   "UPDATE trajecten SET vorm = ? WHERE id = ?",
					   "UPDATE trajecten SET intensiteit = ? WHERE id = ?",
					   "UPDATE trajecten SET eigenaar = ? WHERE id = ?",
					   "UPDATE trajecten SET omschrijving = ? WHERE id = ?" };
	char d[DATE_TEXT_LEN], v[4096];
	int isnull;
	today_text(d);
	for (int i = 0; traject_fields[i]; i++) {
		if (!hist_value(s, HIST_TRAJECT, tid, traject_fields[i], d, v, sizeof(v), &isnull))
			continue;
		/* fase, vorm and intensiteit are never null. */
		if (isnull && i < 3)
			continue;
		int r = db_run(s->db, sql[i], "tl", isnull ? NULL : v, tid);
		if (r < 0)
			return store_db_problem(s, r, p, "traject");
	}
	return 0;
}

struct traject_patch_args {
	const char *by;
	long long id;
	const char *org;
	json_t *in, **out;
};

static int do_traject_patch(struct store *s, void *arg, struct problem *p)
{
	struct traject_patch_args *a = arg;
	struct traject_row t;
	if (traject_find(s, a->id, &t, p) < 0)
		return -p->status;
	const char *ingang = NULL, *eind = NULL, *reden = NULL, *val[5] = { 0 };
	int has[5] = { 0 };
	field_date(a->in, "ingangsdatum", FIELD_OPTIONAL, &ingang, p);
	field_enum(a->in, "fase", FIELD_OPTIONAL, register_fasen, &val[0], p);
	field_enum(a->in, "vorm", FIELD_OPTIONAL, register_vormen, &val[1], p);
	field_enum(a->in, "intensiteit", FIELD_OPTIONAL, register_intensiteiten, &val[2], p);
	for (int i = 3; i < 5; i++) {
		json_t *j = json_object_get(a->in, traject_fields[i]);
		if (j && json_is_null(j))
			has[i] = 1;
		else if (field_text(a->in, traject_fields[i], FIELD_OPTIONAL, i == 3 ? 200 : 4000, &val[i], p) > 0)
			has[i] = 1;
	}
	for (int i = 0; i < 3; i++)
		has[i] = val[i] != NULL;
	field_date(a->in, "eind", FIELD_OPTIONAL, &eind, p);
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	int any = eind != NULL;
	for (int i = 0; i < 5; i++)
		any |= has[i];
	if (!p->status && !any)
		problem_param(p, "fase",
			      "geef ten minste één wijziging: fase, vorm, intensiteit, eigenaar, omschrijving of eind");
	if (!p->status && !ingang && !eind)
		problem_param(p, "ingangsdatum", "is verplicht: vanaf wanneer geldt de wijziging?");
	if (p->status)
		return -p->status;
	if (!ingang)
		ingang = eind;
	char d1[NL_TEXT_LEN];
	if (strcmp(ingang, t.start) < 0) {
		nice_date(t.start, d1, sizeof(d1));
		return problem_refuse(p, "ingangsdatum", "Het traject begon op %s; een wijziging kan niet eerder ingaan.", d1);
	}
	if (t.eind[0] && strcmp(ingang, t.eind) >= 0 && !eind) {
		nice_date(t.eind, d1, sizeof(d1));
		return problem_refuse(p, "ingangsdatum", "Het traject is beëindigd per %s; een wijziging kan niet later ingaan.",
				      d1);
	}
	if (eind && strcmp(eind, t.start) <= 0) {
		nice_date(t.start, d1, sizeof(d1));
		return problem_refuse(p, "eind", "Het einde moet na de start (%s) liggen.", d1);
	}
	int r = 0;
	char prev[4096];
	for (int i = 0; i < 5 && r == 0; i++)
		if (has[i])
			r = insert_mutation(s, HIST_TRAJECT, t.id, ingang, traject_fields[i], val[i],
					    traject_before(s, t.id, traject_fields[i], ingang, prev, sizeof(prev)), reden, a->by,
					    p);
	if (r == 0 && eind) {
		/* Ending: the end date is when it takes effect; the fase is
		 * beëindigd from then unless this change names another. */
		r = insert_mutation(s, HIST_TRAJECT, t.id, eind, "eind", eind, t.eind[0] ? t.eind : NULL, reden, a->by, p);
		if (r == 0 && !has[0])
			r = insert_mutation(s, HIST_TRAJECT, t.id, eind, "fase", "beeindigd",
					    traject_before(s, t.id, "fase", eind, prev, sizeof(prev)), reden, a->by, p);
		if (r == 0) {
			r = db_run(s->db, "UPDATE trajecten SET eind = ?, eind_reden = ? WHERE id = ?", "ttl", eind, reden, t.id);
			if (r < 0)
				r = store_db_problem(s, r, p, "traject");
		}
	}
	if (r == 0)
		r = traject_refresh(s, t.id, p);
	if (r < 0)
		return r;
	return a->out ? register_traject_get(s, t.id, a->out, p) : 0;
}

int register_traject_patch(struct store *s, const char *by, long long id, json_t *in, json_t **out, struct problem *p)
{
	struct traject_patch_args a = { by, id, NULL, in, out };
	return store_transaction(s, p, do_traject_patch, &a);
}

int register_traject_history(struct store *s, long long id, json_t **out, struct problem *p)
{
	struct traject_row t;
	if (traject_find(s, id, &t, p) < 0)
		return -p->status;
	*out = history_json(s, HIST_TRAJECT, t.id);
	return 0;
}

/* ---- participants ------------------------------------------------------------------------- */

static int do_deelnemer_add(struct store *s, void *arg, struct problem *p)
{
	struct traject_patch_args *a = arg;
	struct traject_row t;
	if (traject_find(s, a->id, &t, p) < 0)
		return -p->status;
	const char *org = NULL, *van = NULL, *reden = NULL;
	field_text(a->in, "organisatie", FIELD_REQUIRED, 32, &org, p);
	field_date(a->in, "van", FIELD_REQUIRED, &van, p);
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (t.gcp)
		return problem_refuse(p, NULL,
				      "In verband '%s' geldt geen cherry-picking: elk lid doet mee aan elk traject. Laat %s "
				      "toetreden tot het verband.",
				      t.verband, org);
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_refuse(p, "organisatie", "Organisatie '%s' bestaat niet.", org);
	char d1[NL_TEXT_LEN];
	if (strcmp(van, t.start) < 0) {
		nice_date(t.start, d1, sizeof(d1));
		return problem_refuse(p, "van", "Het traject begon op %s; deelname kan niet eerder ingaan.", d1);
	}
	if (t.eind[0] && strcmp(van, t.eind) >= 0) {
		nice_date(t.eind, d1, sizeof(d1));
		return problem_refuse(p, "van", "Het traject is beëindigd per %s.", d1);
	}
	struct db_stmt *st = db_query(
		s->db,
		"SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ? AND l.organisatie_id = ? AND " REGISTER_SQL_ACTIVE_MEMBER(
			"l") " AND " REGISTER_SQL_MEMBER_ON("l", "?"),
		"lltt", t.vid, oid, van, van);
	int member = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!member)
		return problem_refuse(p, "organisatie",
				      "%s is op %s geen deelnemend lid van verband '%s' en kan dus niet deelnemen. Laat %s eerst "
				      "toetreden.",
				      org, van, t.verband, org);
	st = db_query(s->db, "SELECT coalesce(tot, '') FROM traject_deelnemers WHERE traject_id = ? AND organisatie_id = ?", "ll",
		      t.id, oid);
	int exists = db_step(st) == DB_ROW;
	char tot[DATE_TEXT_LEN] = "";
	if (exists)
		snprintf(tot, sizeof(tot), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (exists && !tot[0])
		return problem_refuse(p, "organisatie", "%s neemt al deel aan dit traject.", org);
	if (exists) {
		nice_date(tot, d1, sizeof(d1));
		return problem_refuse(p, "organisatie",
				      "%s nam tot %s deel aan dit traject; opnieuw deelnemen legt u vast als een nieuw traject.",
				      org, d1);
	}
	int r = db_run(s->db, "INSERT INTO traject_deelnemers(traject_id, organisatie_id, van, reden) VALUES(?, ?, ?, ?)",
		       "llt"
		       "t",
		       t.id, oid, van, reden);
	if (r < 0)
		return store_db_problem(s, r, p, "deelnemer");
	return a->out ? register_traject_get(s, t.id, a->out, p) : 0;
}

int register_deelnemer_add(struct store *s, const char *by, long long tid, json_t *in, json_t **out, struct problem *p)
{
	struct traject_patch_args a = { by, tid, NULL, in, out };
	return store_transaction(s, p, do_deelnemer_add, &a);
}

static int do_deelnemer_leave(struct store *s, void *arg, struct problem *p)
{
	struct traject_patch_args *a = arg;
	struct traject_row t;
	if (traject_find(s, a->id, &t, p) < 0)
		return -p->status;
	long long oid = store_org_id(s, a->org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", a->org);
	const char *datum = NULL, *reden = NULL;
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (t.gcp)
		return problem_refuse(p, NULL,
				      "In verband '%s' geldt geen cherry-picking: een lid doet mee zolang het lid is. Laat %s "
				      "uittreden uit het verband.",
				      t.verband, a->org);
	struct db_stmt *st = db_query(s->db,
				      "SELECT coalesce(van, ''), coalesce(tot, '') FROM traject_deelnemers WHERE traject_id = ?"
				      " AND organisatie_id = ?",
				      "ll", t.id, oid);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "%s neemt niet deel aan traject %lld.", a->org, t.id);
	}
	char van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	snprintf(van, sizeof(van), "%s", db_col_text(st, 0)[0] ? db_col_text(st, 0) : t.start);
	snprintf(tot, sizeof(tot), "%s", db_col_text(st, 1));
	db_finalize(st);
	char d1[NL_TEXT_LEN];
	if (tot[0]) {
		nice_date(tot, d1, sizeof(d1));
		return problem_refuse(p, NULL, "%s nam al niet meer deel sinds %s.", a->org, d1);
	}
	if (strcmp(datum, van) <= 0) {
		nice_date(van, d1, sizeof(d1));
		return problem_refuse(p, "datum", "De uittreding moet na het begin van de deelname (%s) liggen.", d1);
	}
	if (t.eind[0] && strcmp(datum, t.eind) >= 0) {
		nice_date(t.eind, d1, sizeof(d1));
		return problem_refuse(p, "datum", "Het traject eindigt al per %s.", d1);
	}
	/* Someone must remain: the last participant ends the traject instead. */
	st = db_query(s->db,
		      "SELECT count(*) FROM traject_deelnemers WHERE traject_id = ?1 AND organisatie_id <> ?2"
		      " AND (van IS NULL OR van <= ?3) AND (tot IS NULL OR tot > ?3)",
		      "llt", t.id, oid, datum);
	long long others = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (!others)
		return problem_refuse(p, NULL,
				      "%s is op %s de enige deelnemer; beëindig het traject (eind) in plaats van uit te treden.",
				      a->org, datum);
	int r = db_run(s->db, "UPDATE traject_deelnemers SET tot = ?, reden = ? WHERE traject_id = ? AND organisatie_id = ?",
		       "ttll", datum, reden, t.id, oid);
	if (r < 0)
		return store_db_problem(s, r, p, "deelnemer");
	return a->out ? register_traject_get(s, t.id, a->out, p) : 0;
}

int register_deelnemer_leave(struct store *s, const char *by, long long tid, const char *org, json_t *in, json_t **out,
			     struct problem *p)
{
	struct traject_patch_args a = { by, tid, org, in, out };
	return store_transaction(s, p, do_deelnemer_leave, &a);
}

/* ---- the role of a member ---------------------------------------------------------------- */

struct lid_patch_args {
	const char *verband, *org;
	json_t *in, **out;
};

/* Ends membership row id on d and starts one with rol from d up to tot. */
static int split_membership(struct store *s, long long id, long long vid, long long oid, const char *rol, const char *d,
			    const char *tot, struct problem *p)
{
	int r = db_run(s->db, "UPDATE lidmaatschappen SET tot = ? WHERE id = ?", "tl", d, id);
	if (r == 0)
		r = db_run(s->db, "INSERT INTO lidmaatschappen(verband_id, organisatie_id, rol, van, tot) VALUES(?, ?, ?, ?, ?)",
			   "lltt"
			   "t",
			   vid, oid, rol, d, tot && tot[0] ? tot : NULL);
	return r < 0 ? store_db_problem(s, r, p, "lidmaatschap") : 0;
}

static int do_lid_patch(struct store *s, void *arg, struct problem *p)
{
	struct lid_patch_args *a = arg;
	long long vid = store_verband_id(s, a->verband);
	if (!vid)
		return problem_set(p, 404, "Verband '%s' bestaat niet.", a->verband);
	long long oid = store_org_id(s, a->org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", a->org);
	const char *ingang = NULL, *rol = NULL;
	field_date(a->in, "ingangsdatum", FIELD_REQUIRED, &ingang, p);
	field_enum(a->in, "rol", FIELD_REQUIRED, register_lid_rollen, &rol, p);
	if (p->status)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT id, rol, van, coalesce(tot, '') FROM lidmaatschappen WHERE verband_id = ? AND"
				      " organisatie_id = ? AND " REGISTER_SQL_MEMBER_ON("lidmaatschappen", "?"),
				      "lltt", vid, oid, ingang, ingang);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_refuse(p, "ingangsdatum", "%s is op %s geen lid van verband '%s'.", a->org, ingang, a->verband);
	}
	long long lid = db_col_int(st, 0);
	char oldrol[16], van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	snprintf(oldrol, sizeof(oldrol), "%s", db_col_text(st, 1));
	snprintf(van, sizeof(van), "%s", db_col_text(st, 2));
	snprintf(tot, sizeof(tot), "%s", db_col_text(st, 3));
	db_finalize(st);
	if (!strcmp(oldrol, rol))
		return problem_refuse(p, "rol", "%s is op %s al %s van verband '%s'.", a->org, ingang, rol, a->verband);
	if (!strcmp(oldrol, "gastheer"))
		return problem_refuse(p, "rol",
				      "%s is gastheer van verband '%s'; in het gastheermodel draagt de gastheer over door een "
				      "ander lid gastheer te maken.",
				      a->org, a->verband);
	if (!strcmp(van, ingang))
		return problem_refuse(p, "ingangsdatum", "Het lidmaatschap begint op %s; kies een latere ingangsdatum.", van);
	int r = 0;
	if (!strcmp(rol, "gastheer")) {
		/* The new gastheer takes over: the old one is a member from then. */
		st = db_query(s->db,
			      "SELECT id, organisatie_id, coalesce(tot, '') FROM lidmaatschappen WHERE verband_id = ? AND rol = "
			      "'gastheer'"
			      " AND " REGISTER_SQL_MEMBER_ON("lidmaatschappen", "?"),
			      "ltt", vid, ingang, ingang);
		long long gid = 0, goid = 0;
		char gtot[DATE_TEXT_LEN] = "";
		if (db_step(st) == DB_ROW) {
			gid = db_col_int(st, 0), goid = db_col_int(st, 1);
			snprintf(gtot, sizeof(gtot), "%s", db_col_text(st, 2));
		}
		db_finalize(st);
		if (gid)
			r = split_membership(s, gid, vid, goid, "lid", ingang, gtot, p);
	}
	if (r == 0)
		r = split_membership(s, lid, vid, oid, rol, ingang, tot, p);
	if (r < 0)
		return r;
	return a->out ? register_verband_get(s, a->verband, a->out, p) : 0;
}

int register_lid_patch(struct store *s, const char *verband, const char *org, json_t *in, json_t **out, struct problem *p)
{
	struct lid_patch_args a = { verband, org, in, out };
	return store_transaction(s, p, do_lid_patch, &a);
}
