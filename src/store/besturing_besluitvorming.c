/* The decision trail (besturing.h "besluitvorming"): per traject (or per
 * verband) and per organisation, the steps in their order —
 *   1. the verband's stuurgroep (or the burgemeesters together) decides;
 *   2. each organisation asks its OR for advice, with a deadline, and the
 *      OR advises: positief, negatief or met voorwaarden (never a go);
 *   3. the college decides, once the advice is in or its deadline passed,
 *      and — for a traject outside the raad's kaders — after the raad was
 *      consulted (seed 000: "zal dit worden overlegd met de Raad");
 *   4. the raad is informed, sets kaders, is consulted or decides.
 * A step before the previous one, before the traject existed, or of an
 * organisation that does not take part, is refused with a 422 that names
 * the missing step. The verband as a whole (no traject) has the same trail
 * without the OR, which the seeds ask for plans, not for continuing.
 *
 * And the raad's kaders per organisation: the task fields and partners it
 * may cooperate on. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/grow.h"
#include "core/nl.h"
#include "core/register.h"
#include "store/besturing.h"
#include "store/besturing_intern.h"
#include "store/fields.h"
#include "store/register_sql.h"

static const char *const verband_steps[] = { "go", "no-go", "uitstel", "advies", "kennisname", NULL };
static const char *const or_steps[] = { "advies-gevraagd", "advies", NULL };
static const char *const college_steps[] = { "go", "no-go", "uitstel", "kennisname", NULL };
static const char *const raad_steps[] = { "kennisname", "kaders", "geconsulteerd", "go", "no-go", "uitstel", NULL };

static void nice(const char *iso, char *out, size_t len) { nl_date(iso, out, len); }

static int is_verband_body(const char *orgaan) { return !strcmp(orgaan, "stuurgroep") || !strcmp(orgaan, "burgemeesters"); }

/* The latest step before or on datum of the scope (traject tid, or the
 * verband vid as a whole when tid is 0): of the verband's bodies (oid 0)
 * or of organisation oid's body orgaan, with uitkomst in the list (NULL:
 * any). The date into date_out (may be NULL); 1 when there is one. */
static int step(struct store *s, long long vid, long long tid, const char *orgaan, long long oid, const char *uitkomst1,
		const char *uitkomst2, const char *datum, char *date_out, char *uitkomst_out)
{
	struct db_stmt *st = db_query(
		s->db,
		"SELECT datum, uitkomst FROM besluiten WHERE verband_id = ?1 AND ((?2 = 0 AND traject_id IS NULL) OR traject_id "
		"= ?2)"
		" AND ((?3 IS NULL AND orgaan IN ('stuurgroep','burgemeesters')) OR (orgaan = ?3 AND organisatie_id = ?4))"
		" AND (?5 IS NULL OR uitkomst = ?5 OR uitkomst = ?6) AND datum <= ?7 ORDER BY datum DESC, id DESC LIMIT 1",
		"lltlttt", vid, tid, orgaan, oid, uitkomst1, uitkomst2 ? uitkomst2 : uitkomst1, datum);
	int found = db_step(st) == DB_ROW;
	if (found && date_out)
		snprintf(date_out, DATE_TEXT_LEN, "%s", db_col_text(st, 0));
	if (found && uitkomst_out)
		snprintf(uitkomst_out, 24, "%s", db_col_text(st, 1));
	db_finalize(st);
	return found;
}

/* The OR's request of oid (latest on or before datum): its date and
 * deadline, and the advice given after it (on or before datum). */
struct or_state {
	int asked, advised;
	char gevraagd[DATE_TEXT_LEN], deadline[DATE_TEXT_LEN], advies[24], adviesdatum[DATE_TEXT_LEN];
};

static void or_state(struct store *s, long long vid, long long tid, long long oid, const char *datum, struct or_state *o)
{
	memset(o, 0, sizeof(*o));
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT datum, coalesce(advies_deadline, '') FROM besluiten WHERE verband_id = ?1 AND"
			 " ((?2 = 0 AND traject_id IS NULL) OR traject_id = ?2) AND orgaan = 'or' AND organisatie_id = ?3"
			 " AND uitkomst = 'advies-gevraagd' AND datum <= ?4 ORDER BY datum DESC, id DESC LIMIT 1",
			 "lllt", vid, tid, oid, datum);
	if (db_step(st) == DB_ROW) {
		o->asked = 1;
		snprintf(o->gevraagd, sizeof(o->gevraagd), "%s", db_col_text(st, 0));
		snprintf(o->deadline, sizeof(o->deadline), "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	if (!o->asked)
		return;
	st = db_query(
		s->db,
		"SELECT datum, coalesce(advies, '') FROM besluiten WHERE verband_id = ?1 AND ((?2 = 0 AND traject_id IS NULL)"
		" OR traject_id = ?2) AND orgaan = 'or' AND organisatie_id = ?3 AND uitkomst = 'advies' AND datum >= ?4"
		" AND datum <= ?5 ORDER BY datum DESC, id DESC LIMIT 1",
		"lllt"
		"t",
		vid, tid, oid, o->gevraagd, datum);
	if (db_step(st) == DB_ROW) {
		o->advised = 1;
		snprintf(o->adviesdatum, sizeof(o->adviesdatum), "%s", db_col_text(st, 0));
		snprintf(o->advies, sizeof(o->advies), "%s", db_col_text(st, 1));
	}
	db_finalize(st);
}

/* ---- kaders ------------------------------------------------------------------------------- */

int besturing_kader_outside(struct store *s, long long tid, long long oid, const char *datum, json_t **reasons)
{
	*reasons = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT id, titel FROM raad_kaders WHERE organisatie_id = ?1 AND van <= ?2 AND (tot IS NULL OR"
			 " tot > ?2) ORDER BY van DESC, id DESC LIMIT 1",
			 "lt", oid, datum);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return 0;
	}
	long long kid = db_col_int(st, 0);
	char titel[210];
	snprintf(titel, sizeof(titel), "%s", db_col_text(st, 1));
	db_finalize(st);
	/* The task field: when the kaders name task fields, it is one of them. */
	st = db_query(
		s->db,
		"SELECT tv.naam FROM trajecten t JOIN taakvelden tv ON tv.id = t.taakveld_id WHERE t.id = ?1"
		" AND EXISTS (SELECT 1 FROM raad_kader_taakvelden k WHERE k.kader_id = ?2)"
		" AND NOT EXISTS (SELECT 1 FROM raad_kader_taakvelden k WHERE k.kader_id = ?2 AND k.taakveld_id = t.taakveld_id)",
		"ll", tid, kid);
	char why[600];
	if (db_step(st) == DB_ROW) {
		snprintf(why, sizeof(why), "het taakveld %s valt buiten de kaders (%s)", db_col_text(st, 0), titel);
		json_array_append_new(*reasons, json_string(why));
	}
	db_finalize(st);
	/* The partners: every other participant is one the kaders name. */
	st = db_query(
		s->db,
		"SELECT o.naam FROM traject_deelnemers d JOIN organisaties o ON o.id = d.organisatie_id WHERE d.traject_id = ?1"
		" AND d.organisatie_id <> ?3 AND (d.tot IS NULL OR d.tot > ?4)"
		" AND EXISTS (SELECT 1 FROM raad_kader_partners k WHERE k.kader_id = ?2)"
		" AND NOT EXISTS (SELECT 1 FROM raad_kader_partners k WHERE k.kader_id = ?2 AND k.organisatie_id = "
		"d.organisatie_id)"
		" ORDER BY o.naam",
		"lllt", tid, kid, oid, datum);
	while (db_step(st) == DB_ROW) {
		snprintf(why, sizeof(why), "partner %s valt buiten de kaders (%s)", db_col_text(st, 0), titel);
		json_array_append_new(*reasons, json_string(why));
	}
	db_finalize(st);
	return json_array_size(*reasons) > 0;
}

/* ---- the check on a new decision ---------------------------------------------------------- */

/* A 422 that says what is wrong and names the step that is missing. */
static int missing(struct problem *p, const char *step, const char *msg)
{
	return problem_refuse(p, NULL, "%s Ontbrekende stap: %s.", msg, step);
}

int besturing_trail_check(struct store *s, long long vid, long long tid, const char *orgaan, long long oid, const char *org,
			  const char *datum, const char *uitkomst, const char *advies, const char *deadline, struct problem *p)
{
	char d1[NL_TEXT_LEN], d2[NL_TEXT_LEN], when[DATE_TEXT_LEN], res[24], msg[480];
	/* What each body may decide. */
	const char *const *allowed = is_verband_body(orgaan)      ? verband_steps
				     : !strcmp(orgaan, "or")      ? or_steps
				     : !strcmp(orgaan, "college") ? college_steps
								  : raad_steps;
	if (enum_index(allowed, uitkomst) < 0) {
		char list[200];
		enum_list(allowed, list, sizeof(list));
		if (!strcmp(orgaan, "or"))
			return problem_refuse(
				p, "uitkomst",
				"De ondernemingsraad adviseert alleen (advies-gevraagd, dan advies: positief, negatief of "
				"met voorwaarden); een '%s' is aan het college.",
				uitkomst);
		return problem_refuse(p, "uitkomst", "Een besluit van %s is %s, geen '%s'.",
				      !strcmp(orgaan, "college") ? "het college"
				      : !strcmp(orgaan, "raad")  ? "de raad"
								 : "de stuurgroep of de burgemeesters",
				      list, uitkomst);
	}
	if (!strcmp(uitkomst, "advies") && !strcmp(orgaan, "or") && !advies)
		return problem_param(p, "advies", "is verplicht bij het advies van de OR: positief, negatief of met-voorwaarden");
	if (advies && !(!strcmp(orgaan, "or") && !strcmp(uitkomst, "advies")))
		return problem_param(p, "advies", "alleen bij het advies van de OR (orgaan or, uitkomst advies)");
	if (!strcmp(uitkomst, "advies-gevraagd") && !deadline)
		return problem_param(p, "adviesDeadline", "is verplicht: uiterlijk wanneer adviseert de OR?");
	if (deadline && strcmp(uitkomst, "advies-gevraagd"))
		return problem_param(p, "adviesDeadline", "alleen bij uitkomst advies-gevraagd");
	if (deadline && strcmp(deadline, datum) < 0)
		return problem_refuse(p, "adviesDeadline", "De termijn voor het advies ligt vóór de datum van de vraag.");

	/* Not before the traject (or the verband) existed. */
	struct db_stmt *st = tid ? db_query(s->db, "SELECT start FROM trajecten WHERE id = ?", "l", tid)
				 : db_query(s->db, "SELECT min(van) FROM lidmaatschappen WHERE verband_id = ?", "l", vid);
	char start[DATE_TEXT_LEN] = "";
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		snprintf(start, sizeof(start), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (start[0] && strcmp(datum, start) < 0) {
		nice(start, d1, sizeof(d1));
		nice(datum, d2, sizeof(d2));
		return problem_refuse(p, "datum", "%s begon op %s; een besluit van %s ligt daarvoor.",
				      tid ? "Het traject" : "Het verband", d1, d2);
	}
	if (is_verband_body(orgaan))
		return 0;

	/* An organisation's body only for an organisation that takes part then. */
	if (tid) {
		st = db_query(s->db,
			      "SELECT 1 FROM trajecten t JOIN verbanden v ON v.id = t.verband_id JOIN lidmaatschappen l"
			      " ON l.verband_id = v.id AND l.organisatie_id = ?2 AND " REGISTER_SQL_MEMBER_ON(
				      "l", "?3") " WHERE t.id = ?1 AND " REGISTER_SQL_TAKES_PART_ON("?2", "?3"),
			      "llt", tid, oid, datum);
	} else {
		st = db_query(s->db,
			      "SELECT 1 FROM lidmaatschappen l WHERE l.verband_id = ?1 AND l.organisatie_id = ?2 "
			      "AND " REGISTER_SQL_MEMBER_ON("l", "?3"),
			      "llt", vid, oid, datum);
	}
	int part = db_step(st) == DB_ROW;
	db_finalize(st);
	if (!part) {
		nice(datum, d1, sizeof(d1));
		return problem_refuse(p, "organisatie", "%s %s op %s niet deel; een besluit van zijn %s hoort hier niet.", org,
				      tid ? "neemt aan dit traject" : "is van dit verband", d1,
				      !strcmp(orgaan, "or") ? "ondernemingsraad" : orgaan);
	}

	nice(datum, d1, sizeof(d1));
	int any_verband = step(s, vid, tid, NULL, 0, NULL, NULL, datum, when, res);
	int verband_go = step(s, vid, tid, NULL, 0, "go", NULL, datum, when, NULL);
	if (!strcmp(orgaan, "raad") && !strcmp(uitkomst, "kaders"))
		return 0;
	if (!strcmp(orgaan, "raad") && (!strcmp(uitkomst, "kennisname") || !strcmp(uitkomst, "geconsulteerd"))) {
		if (!any_verband) {
			snprintf(msg, sizeof(msg),
				 "De raad van %s kan op %s pas worden geïnformeerd of geconsulteerd over wat de stuurgroep heeft "
				 "voorgelegd.",
				 org, d1);
			return missing(p, "een besluit van de stuurgroep", msg);
		}
		return 0;
	}
	if (!strcmp(orgaan, "college") && !strcmp(uitkomst, "kennisname")) {
		if (!any_verband) {
			snprintf(msg, sizeof(msg),
				 "Het college van %s kan op %s pas kennisnemen van wat de stuurgroep heeft besloten.", org, d1);
			return missing(p, "een besluit van de stuurgroep", msg);
		}
		return 0;
	}
	if (!strcmp(orgaan, "or")) {
		if (!tid)
			return problem_refuse(
				p, "orgaan",
				"De ondernemingsraad adviseert over de plannen van een traject, niet over het verband als "
				"geheel; leg het advies vast bij het traject.");
		if (!verband_go) {
			snprintf(msg, sizeof(msg),
				 "De OR van %s wordt pas om advies gevraagd over een plan dat de stuurgroep heeft aangenomen "
				 "(%s).",
				 org, d1);
			return missing(p, "een go van de stuurgroep", msg);
		}
		if (!strcmp(uitkomst, "advies")) {
			struct or_state o;
			or_state(s, vid, tid, oid, datum, &o);
			if (!o.asked) {
				snprintf(msg, sizeof(msg), "De OR van %s kan op %s pas adviseren als het advies gevraagd is.",
					 org, d1);
				return missing(p, "advies gevraagd aan de OR", msg);
			}
			if (o.advised) {
				nice(o.adviesdatum, d2, sizeof(d2));
				return problem_refuse(p, NULL, "De OR van %s adviseerde al op %s over deze vraag.", org, d2);
			}
		}
		return 0;
	}
	/* A college or raad decision: go, no-go or uitstel. */
	if (!verband_go) {
		snprintf(msg, sizeof(msg), "%s van %s kan op %s pas besluiten over wat de stuurgroep heeft aangenomen.",
			 !strcmp(orgaan, "college") ? "Het college" : "De raad", org, d1);
		return missing(p, "een go van de stuurgroep", msg);
	}
	if (!strcmp(orgaan, "raad")) {
		if (!step(s, vid, tid, "college", oid, "go", NULL, datum, when, NULL)) {
			snprintf(msg, sizeof(msg),
				 "De raad van %s besluit op %s over een voorstel van het college; dat voorstel ontbreekt.", org,
				 d1);
			return missing(p, "een besluit (go) van het college", msg);
		}
		return 0;
	}
	if (tid) {
		struct or_state o;
		or_state(s, vid, tid, oid, datum, &o);
		if (!o.asked) {
			snprintf(msg, sizeof(msg),
				 "Het college van %s besluit op %s pas nadat de ondernemingsraad om advies is gevraagd.", org,
				 d1);
			return missing(p, "advies gevraagd aan de OR", msg);
		}
		if (!o.advised && o.deadline[0] && strcmp(datum, o.deadline) <= 0) {
			char what[200];
			nice(o.deadline, d2, sizeof(d2));
			snprintf(what, sizeof(what), "het advies van de OR (termijn tot en met %s)", d2);
			snprintf(msg, sizeof(msg),
				 "Het college van %s besluit op %s pas als de OR heeft geadviseerd of de termijn voorbij is.",
				 org, d1);
			return missing(p, what, msg);
		}
		json_t *why = NULL;
		if (besturing_kader_outside(s, tid, oid, datum, &why) &&
		    !step(s, vid, tid, "raad", oid, "geconsulteerd", NULL, datum, when, NULL)) {
			char what[480];
			snprintf(what, sizeof(what), "de raad van %s geconsulteerd (%s)", org,
				 json_string_value(json_array_get(why, 0)));
			json_decref(why);
			snprintf(msg, sizeof(msg),
				 "Dit traject valt buiten de kaders van de raad van %s; het college overlegt eerst met de raad "
				 "(%s).",
				 org, d1);
			return missing(p, what, msg);
		}
		json_decref(why);
	}
	return 0;
}

/* ---- where each organisation stands -------------------------------------------------------- */

struct trail_org {
	json_t *o;
	const char *next;
};

static json_t *decision_brief(struct store *s, long long vid, long long tid, const char *orgaan, long long oid, const char *datum,
			      int all)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT datum, orgaan, uitkomst, onderwerp FROM besluiten WHERE verband_id = ?1 AND ((?2 = 0 AND "
			 "traject_id IS NULL)"
			 " OR traject_id = ?2) AND ((?3 IS NULL AND orgaan IN ('stuurgroep','burgemeesters')) OR (orgaan = ?3"
			 " AND organisatie_id = ?4)) AND datum <= ?5 ORDER BY datum, id",
			 "lltlt", vid, tid, orgaan, oid, datum);
	json_t *a = json_array(), *last = NULL;
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:s,s:s,s:s}", "datum", db_col_text(st, 0), "orgaan", db_col_text(st, 1), "uitkomst",
				      db_col_text(st, 2));
		json_object_set_new(x, "onderwerp", store_text_or_null(st, 3));
		json_array_append_new(a, x);
		last = x;
	}
	db_finalize(st);
	if (all)
		return a;
	json_t *r = last ? json_incref(last) : json_null();
	json_decref(a);
	return r;
}

/* The state of organisation oid in the trail of the scope on datum, and
 * its next step (a code, NULL when nothing is waiting for it). */
static json_t *org_state(struct store *s, long long vid, long long tid, long long oid, const char *code, const char *naam,
			 const char *datum, const char **next)
{
	json_t *o = json_pack("{s:s,s:s}", "organisatie", code, "naam", naam);
	struct or_state os;
	int latest_go = 0;
	char res[24] = "", when[DATE_TEXT_LEN];
	if (step(s, vid, tid, NULL, 0, NULL, NULL, datum, when, res))
		latest_go = !strcmp(res, "go");
	if (tid) {
		or_state(s, vid, tid, oid, datum, &os);
		json_t *jo = json_object();
		json_object_set_new(jo, "gevraagd", os.asked ? json_string(os.gevraagd) : json_null());
		json_object_set_new(jo, "deadline", os.asked && os.deadline[0] ? json_string(os.deadline) : json_null());
		json_object_set_new(jo, "advies", os.advised && os.advies[0] ? json_string(os.advies) : json_null());
		json_object_set_new(jo, "adviesDatum", os.advised ? json_string(os.adviesdatum) : json_null());
		json_object_set_new(o, "or", jo);
		json_t *why = NULL;
		int outside = besturing_kader_outside(s, tid, oid, datum, &why);
		json_object_set_new(o, "buitenKaders", json_boolean(outside));
		json_object_set_new(o, "kaderRedenen", why);
	} else {
		memset(&os, 0, sizeof(os));
	}
	json_t *college = decision_brief(s, vid, tid, "college", oid, datum, 0);
	json_object_set_new(o, "college", college);
	json_t *raad = decision_brief(s, vid, tid, "raad", oid, datum, 1);
	json_object_set_new(o, "raad", raad);
	const char *n = NULL;
	const char *cu = json_is_object(college) ? json_string_value(json_object_get(college, "uitkomst")) : NULL;
	int consulted = 0;
	size_t i;
	json_t *x;
	json_array_foreach(raad, i, x)
		consulted |= !strcmp(json_string_value(json_object_get(x, "uitkomst")), "geconsulteerd");
	if (latest_go) {
		if (tid && !os.asked)
			n = "or-vragen";
		else if (tid && !os.advised && os.deadline[0] && strcmp(datum, os.deadline) <= 0)
			n = "or-advies";
		else if (tid && json_is_true(json_object_get(o, "buitenKaders")) && !consulted &&
			 (!cu || !strcmp(cu, "kennisname")))
			n = "raad-consulteren";
		else if (!cu || !strcmp(cu, "kennisname"))
			n = "college";
		else if (!strcmp(cu, "go") && json_array_size(raad) == 0)
			n = "raad";
	}
	json_object_set_new(o, "volgendeStap", n ? json_string(n) : json_null());
	*next = n;
	return o;
}

int besturing_trail(struct store *s, const char *verband, long long traject, const char *datum, json_t **out, struct problem *p)
{
	char d[DATE_TEXT_LEN];
	if (besturing_query_date(datum, "datum", p) < 0)
		return -p->status;
	if (datum)
		snprintf(d, sizeof(d), "%s", datum);
	else
		besturing_today(d);
	long long vid, tid = 0;
	json_t *r;
	if (traject) {
		struct traject_row t;
		int rc = besturing_traject_find(s, traject, &t, p);
		if (rc < 0)
			return rc;
		vid = t.verband, tid = t.id;
		r = json_pack("{s:s,s:I,s:s,s:s,s:s}", "verband", t.verband_code, "traject", (json_int_t)tid, "taakveld",
			      t.taakveld, "taakveldNaam", t.taakveld_naam, "datum", d);
	} else {
		if (!(vid = store_verband_id(s, verband)))
			return problem_set(p, 404, "Verband '%s' bestaat niet.", verband ? verband : "");
		r = json_pack("{s:s,s:n,s:s}", "verband", verband, "traject", "datum", d);
	}
	json_object_set_new(r, "stuurgroep", decision_brief(s, vid, tid, NULL, 0, d, 1));
	/* The organisations: who takes part on the date (for a traject that
	 * has not started or has ended: who took part at all). */
	struct db_stmt *st;
	if (tid)
		st = db_query(s->db,
			      "SELECT DISTINCT o.id, o.code, o.naam FROM trajecten t JOIN verbanden v ON v.id = t.verband_id"
			      " JOIN lidmaatschappen l ON l.verband_id = v.id AND " REGISTER_SQL_ACTIVE_MEMBER(
				      "l") " JOIN organisaties o ON o.id = l.organisatie_id WHERE t.id = ?1 "
					   "AND " REGISTER_SQL_TAKES_PART("l.organisatie_id") " ORDER BY o.naam",
			      "l", tid);
	else
		st = db_query(s->db,
			      "SELECT DISTINCT o.id, o.code, o.naam FROM lidmaatschappen l JOIN organisaties o ON o.id = "
			      "l.organisatie_id"
			      " WHERE l.verband_id = ?1 AND " REGISTER_SQL_ACTIVE_MEMBER("l") " AND l.van <= ?2 ORDER BY o.naam",
			      "lt", vid, d);
	json_t *orgs = json_array();
	while (db_step(st) == DB_ROW) {
		const char *next;
		json_array_append_new(
			orgs, org_state(s, vid, tid, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2), d, &next));
	}
	db_finalize(st);
	json_object_set_new(r, "organisaties", orgs);
	*out = r;
	return 0;
}

static const char *next_text(const char *next)
{
	return !strcmp(next, "or-vragen")          ? "advies vragen aan de ondernemingsraad"
	       : !strcmp(next, "or-advies")        ? "wachten op het advies van de ondernemingsraad"
	       : !strcmp(next, "raad-consulteren") ? "de raad consulteren: het traject valt buiten de kaders"
	       : !strcmp(next, "college")          ? "collegebesluit"
						   : "de raad informeren of laten besluiten";
}

int besturing_trail_pending(struct store *s, const char *org, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org ? org : "");
	char d[DATE_TEXT_LEN];
	besturing_today(d);
	json_t *a = json_array();
	/* Trajecten it takes part in that run today, and its verbanden. */
	struct db_stmt *st = db_query(
		s->db,
		"SELECT t.verband_id, t.id, v.code, tv.code, tv.naam FROM trajecten t JOIN verbanden v ON v.id = t.verband_id"
		" JOIN taakvelden tv ON tv.id = t.taakveld_id JOIN lidmaatschappen l ON l.verband_id = v.id"
		" AND l.organisatie_id = ?1 AND " REGISTER_SQL_MEMBER_ON("l", "?2") " AND " REGISTER_SQL_ACTIVE_MEMBER(
			"l") " WHERE t.start <= ?2 AND (t.eind IS NULL OR t.eind > ?2) "
			     "AND " REGISTER_SQL_TAKES_PART_ON(
				     "?1", "?2") " UNION ALL SELECT "
						 "l.verband_id, 0, "
						 "v.code, NULL, "
						 "NULL FROM "
						 "lidmaatschappen l "
						 "JOIN verbanden v"
						 " ON v.id = "
						 "l.verband_id "
						 "WHERE "
						 "l.organisatie_id "
						 "= ?1 "
						 "AND"
						 " " REGISTER_SQL_MEMBER_ON("l",
									    "?2") " AND " REGISTER_SQL_ACTIVE_MEMBER("l") " ORDE"
															  "R BY "
															  "3, 2",
		"lt", oid, d);
	struct item {
		long long vid, tid;
		char verband[48], taakveld[48], naam[200];
	};
	struct item *items = NULL;
	size_t n = 0, cap = 0;
	while (db_step(st) == DB_ROW) {
		struct item *ni = grow(items, &cap, n, sizeof(*items));
		if (!ni)
			break;
		items = ni;
		items[n].vid = db_col_int(st, 0);
		items[n].tid = db_col_int(st, 1);
		snprintf(items[n].verband, sizeof(items[n].verband), "%s", db_col_text(st, 2));
		snprintf(items[n].taakveld, sizeof(items[n].taakveld), "%s", db_col_null(st, 3) ? "" : db_col_text(st, 3));
		snprintf(items[n].naam, sizeof(items[n].naam), "%s", db_col_null(st, 4) ? "" : db_col_text(st, 4));
		n++;
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++) {
		const char *next;
		json_t *o = org_state(s, items[i].vid, items[i].tid, oid, org, "", d, &next);
		if (next) {
			json_t *x = json_pack("{s:s,s:s,s:s}", "verband", items[i].verband, "stap", next, "omschrijving",
					      next_text(next));
			json_object_set_new(x, "traject", items[i].tid ? json_integer(items[i].tid) : json_null());
			json_object_set_new(x, "taakveld", items[i].tid ? json_string(items[i].taakveld) : json_null());
			json_object_set_new(x, "taakveldNaam", items[i].tid ? json_string(items[i].naam) : json_null());
			json_t *jo = json_object_get(o, "or");
			json_object_set(x, "deadline", jo ? json_object_get(jo, "deadline") : json_null());
			if (!json_object_get(x, "deadline"))
				json_object_set_new(x, "deadline", json_null());
			json_array_append_new(a, x);
		}
		json_decref(o);
	}
	free(items);
	*out = a;
	return 0;
}

/* ---- kaders ------------------------------------------------------------------------------- */

struct kader_args {
	const char *by, *org;
	json_t *in, **out;
};

static int do_kader_create(struct store *s, void *arg, struct problem *p)
{
	struct kader_args *a = arg;
	long long oid = store_org_id(s, a->org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", a->org);
	const char *titel = NULL, *van = NULL, *tot = NULL, *tl = NULL;
	json_t *tvs = NULL, *partners = NULL;
	field_text(a->in, "titel", FIELD_REQUIRED, 200, &titel, p);
	field_date(a->in, "van", FIELD_REQUIRED, &van, p);
	field_date(a->in, "tot", FIELD_OPTIONAL, &tot, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 4000, &tl, p);
	field_array(a->in, "taakvelden", FIELD_OPTIONAL, &tvs, p);
	field_array(a->in, "partners", FIELD_OPTIONAL, &partners, p);
	if (van && tot && strcmp(tot, van) <= 0)
		problem_param(p, "tot", "moet na 'van' liggen");
	if (p->status)
		return -p->status;
	if (tvs && besturing_check_taakvelden(s, tvs, "taakvelden", 0, p) < 0)
		return -p->status;
	size_t i;
	json_t *x;
	if (partners)
		json_array_foreach(partners, i, x) {
			char name[48];
			snprintf(name, sizeof(name), "partners[%zu]", i);
			if (!json_is_string(x))
				return problem_param(p, name, "moet een organisatiecode zijn");
			if (!store_org_id(s, json_string_value(x)))
				return problem_refuse(p, name, "Organisatie '%s' bestaat niet.", json_string_value(x));
		}
	/* New kaders replace the ones in force from van on. */
	int r = db_run(s->db,
		       "UPDATE raad_kaders SET tot = ?1 WHERE organisatie_id = ?2 AND van < ?1 AND (tot IS NULL OR tot > ?1)",
		       "tl", van, oid);
	char now[32];
	store_now_text(now);
	long long kid = 0;
	if (r == 0)
		r = db_insert(s->db, &kid,
			      "INSERT INTO raad_kaders(organisatie_id, titel, van, tot, toelichting, aangemaakt, door)"
			      " VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id",
			      "ltttttt", oid, titel, van, tot, tl, now, a->by && a->by[0] ? a->by : "systeem");
	if (r < 0)
		return store_db_problem(s, r, p, "kaders");
	if (tvs)
		json_array_foreach(tvs, i, x) {
			r = db_run(s->db,
				   "INSERT INTO raad_kader_taakvelden(kader_id, taakveld_id) VALUES(?, ?) ON CONFLICT DO NOTHING",
				   "ll", kid, store_taakveld_id(s, json_string_value(x)));
			if (r < 0)
				return store_db_problem(s, r, p, "kaders");
		}
	if (partners)
		json_array_foreach(partners, i, x) {
			r = db_run(
				s->db,
				"INSERT INTO raad_kader_partners(kader_id, organisatie_id) VALUES(?, ?) ON CONFLICT DO NOTHING",
				"ll", kid, store_org_id(s, json_string_value(x)));
			if (r < 0)
				return store_db_problem(s, r, p, "kaders");
		}
	return a->out ? besturing_kader_list(s, a->org, a->out, p) : 0;
}

int besturing_kader_create(struct store *s, const char *by, const char *org, json_t *in, json_t **out, struct problem *p)
{
	struct kader_args a = { by, org, in, out };
	return store_transaction(s, p, do_kader_create, &a);
}

int besturing_kader_list(struct store *s, const char *org, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org ? org : "");
	json_t *a = json_array();
	struct db_stmt *st = db_query(
		s->db, "SELECT id, titel, van, tot, toelichting FROM raad_kaders WHERE organisatie_id = ? ORDER BY van, id", "l",
		oid);
	while (db_step(st) == DB_ROW) {
		long long kid = db_col_int(st, 0);
		json_t *k = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)kid, "organisatie", org, "titel", db_col_text(st, 1),
				      "van", db_col_text(st, 2));
		json_object_set_new(k, "tot", store_text_or_null(st, 3));
		json_object_set_new(k, "toelichting", store_text_or_null(st, 4));
		json_t *tv = json_array(), *pa = json_array();
		struct db_stmt *q =
			db_query(s->db,
				 "SELECT tv.code FROM raad_kader_taakvelden k JOIN taakvelden tv ON tv.id = k.taakveld_id"
				 " WHERE k.kader_id = ? ORDER BY tv.naam",
				 "l", kid);
		while (db_step(q) == DB_ROW)
			json_array_append_new(tv, json_string(db_col_text(q, 0)));
		db_finalize(q);
		q = db_query(s->db,
			     "SELECT o.code FROM raad_kader_partners k JOIN organisaties o ON o.id = k.organisatie_id"
			     " WHERE k.kader_id = ? ORDER BY o.naam",
			     "l", kid);
		while (db_step(q) == DB_ROW)
			json_array_append_new(pa, json_string(db_col_text(q, 0)));
		db_finalize(q);
		json_object_set_new(k, "taakvelden", tv);
		json_object_set_new(k, "partners", pa);
		json_array_append_new(a, k);
	}
	db_finalize(st);
	*out = a;
	return 0;
}
