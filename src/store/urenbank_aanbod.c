/* Offers of capacity in a proeftuin (urenbank_aanbod.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/grow.h"
#include "core/nl.h"
#include "store/fields.h"
#include "store/urenbank.h"
#include "store/urenbank_aanbod.h"
#include "store/urenbank_intern.h"

/* The minutes an offer has given away: its inzet, and its requests that are
 * still asked or were accepted. One expression, used for every figure. */
#define USED_SQL                                                                                                               \
	"(SELECT coalesce(sum(z.minuten), 0) FROM aanbod_omzettingen z LEFT JOIN inzetverzoeken v ON v.id = z.inzetverzoek_id" \
	" WHERE z.aanbod_id = a.id AND (z.inzet_id IS NOT NULL OR v.status IN ('gevraagd', 'aanvaard')))"

/* The day an offer's end is judged on: today, or the proeftuin's last day
 * when its year is over (work can still be staffed until it is settled). */
static void peildatum(const struct pt *pt, char out[DATE_TEXT_LEN])
{
	date_format(date_today(), out);
	if (strcmp(pt->tot, out) < 0)
		snprintf(out, DATE_TEXT_LEN, "%s", pt->tot);
}

static const char *state(const char *status, const char *tot, const char *peil, long long over)
{
	if (!strcmp(status, "ingetrokken"))
		return "ingetrokken";
	if (strcmp(tot, peil) < 0)
		return "verlopen";
	return over > 0 ? "open" : "opgebruikt";
}

static json_t *conversions_json(struct store *s, long long id)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT z.id, z.opdracht_id, o.titel, z.medewerker_id, m.naam, z.minuten, z.inzet_id,"
			 " z.inzetverzoek_id, v.status, z.aangemaakt, z.door FROM aanbod_omzettingen z"
			 " JOIN opdrachten o ON o.id = z.opdracht_id JOIN medewerkers m ON m.id = z.medewerker_id"
			 " LEFT JOIN inzetverzoeken v ON v.id = z.inzetverzoek_id WHERE z.aanbod_id = ? ORDER BY z.id",
			 "l", id);
	while (db_step(st) == DB_ROW) {
		json_t *o =
			json_pack("{s:I,s:I,s:s,s:I,s:s,s:I,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "opdracht",
				  (json_int_t)db_col_int(st, 1), "opdrachtTitel", db_col_text(st, 2), "medewerker",
				  (json_int_t)db_col_int(st, 3), "medewerkerNaam", db_col_text(st, 4), "minuten",
				  (json_int_t)db_col_int(st, 5), "aangemaakt", db_col_text(st, 9), "door", db_col_text(st, 10));
		if (!db_col_null(st, 6))
			json_object_set_new(o, "inzet", json_integer(db_col_int(st, 6)));
		if (!db_col_null(st, 7)) {
			json_object_set_new(o, "inzetverzoek", json_integer(db_col_int(st, 7)));
			json_object_set_new(o, "verzoekStatus", json_string(db_col_text(st, 8)));
		}
		json_array_append_new(a, o);
	}
	db_finalize(st);
	return a;
}

static json_t *aanbod_json(struct store *s, const struct pt *pt, long long id)
{
	char peil[DATE_TEXT_LEN];
	peildatum(pt, peil);
	struct db_stmt *st = db_query(
		s->db,
		"SELECT a.id, org.code, org.naam, a.medewerker_id, m.naam, c.code, c.naam, a.minuten, " USED_SQL ", a.van, a.tot,"
		" a.toelichting, a.status, a.aangemaakt, a.door, a.ingetrokken, a.ingetrokken_door FROM aanbod a"
		" JOIN organisaties org ON org.id = a.organisatie_id LEFT JOIN medewerkers m ON m.id = a.medewerker_id"
		" LEFT JOIN competenties c ON c.id = a.competentie_id WHERE a.id = ? AND a.proeftuin_id = ?",
		"ll", id, pt->id);
	json_t *o = NULL;
	if (db_step(st) == DB_ROW) {
		long long minuten = db_col_int(st, 7), used = db_col_int(st, 8), over = minuten > used ? minuten - used : 0;
		o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0),
			      "proeftuin", pt->code, "organisatie", db_col_text(st, 1), "organisatieNaam", db_col_text(st, 2),
			      "minuten", (json_int_t)minuten, "gebruiktMinuten", (json_int_t)used, "overMinuten",
			      (json_int_t)over, "van", db_col_text(st, 9), "tot", db_col_text(st, 10), "status",
			      state(db_col_text(st, 12), db_col_text(st, 10), peil, over), "aangemaakt", db_col_text(st, 13),
			      "door", db_col_text(st, 14));
		if (!db_col_null(st, 3)) {
			json_object_set_new(o, "medewerker", json_integer(db_col_int(st, 3)));
			json_object_set_new(o, "medewerkerNaam", json_string(db_col_text(st, 4)));
		}
		if (!db_col_null(st, 5)) {
			json_object_set_new(o, "competentie", json_string(db_col_text(st, 5)));
			json_object_set_new(o, "competentieNaam", json_string(db_col_text(st, 6)));
		}
		if (!db_col_null(st, 11))
			json_object_set_new(o, "toelichting", json_string(db_col_text(st, 11)));
		if (!db_col_null(st, 15)) {
			json_object_set_new(o, "ingetrokken", json_string(db_col_text(st, 15)));
			json_object_set_new(o, "ingetrokkenDoor", json_string(db_col_text(st, 16)));
		}
	}
	db_finalize(st);
	if (o)
		json_object_set_new(o, "omzettingen", conversions_json(s, id));
	return o;
}

static int not_found(struct problem *p, const struct pt *pt, long long id)
{
	return problem_set(p, 404, "Aanbod %lld bestaat niet in proeftuin '%s'.", id, pt->code);
}

/* ---- announcing ------------------------------------------------------ */

struct aanbod_args {
	const struct actor *by;
	const char *pt, *org;
	long long id;
	json_t *in, *consented, **out;
	int *done;
};

static int do_create(struct store *s, void *arg, struct problem *p)
{
	struct aanbod_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	long long mw = 0, minuten = 0;
	const char *comp = NULL, *van = NULL, *tot = NULL, *toel = NULL;
	if (!a->org || !a->org[0])
		problem_param(p, "organisatie", "is verplicht: welke organisatie biedt aan?");
	field_int(a->in, "medewerker", FIELD_OPTIONAL, 1, INT64_MAX, &mw, p);
	field_text(a->in, "competentie", FIELD_OPTIONAL, 60, &comp, p);
	field_int(a->in, "minuten", FIELD_REQUIRED, 1, MAX_PLAN_MINUTES, &minuten, p);
	field_date(a->in, "van", FIELD_REQUIRED, &van, p);
	field_date(a->in, "tot", FIELD_REQUIRED, &tot, p);
	field_text(a->in, "toelichting", FIELD_OPTIONAL, 2000, &toel, p);
	if (comp && !comp[0])
		comp = NULL;
	if (!p->nparams && !mw && !comp)
		problem_param(p, "medewerker", "noem een medewerker of een competentie die u aanbiedt");
	if (!p->nparams && mw && comp)
		problem_param(p, "competentie", "noem een medewerker óf een competentie, niet allebei");
	if (!p->nparams && strcmp(tot, van) < 0)
		problem_param(p, "tot", "ligt vóór van: de periode loopt andersom");
	if (p->nparams)
		return -p->status;
	long long oid = store_org_id(s, a->org);
	if (!oid || !urenbank_is_member(s, pt.id, oid))
		return problem_refuse(p, "organisatie", "Organisatie '%s' is geen lid van proeftuin '%s'.", a->org, pt.code);
	if (mw) {
		long long mo = urenbank_medewerkers_org_id(s, mw);
		if (!mo)
			return problem_refuse(p, "medewerker", "Medewerker %lld bestaat niet.", mw);
		if (mo != oid) {
			char label[200];
			urenbank_org_label(s, mo, label, sizeof(label));
			return problem_refuse(p, "medewerker",
					      "Medewerker %lld werkt bij %s; een organisatie biedt alleen haar eigen mensen aan.",
					      mw, label);
		}
	}
	long long cid = 0;
	if (comp && !(cid = store_lookup_id(s, "SELECT id FROM competenties WHERE code = ?", comp)))
		return problem_refuse(p, "competentie", "Competentie '%s' staat niet in de lijst van competenties.", comp);
	if (strcmp(van, pt.van) < 0 || strcmp(tot, pt.tot) > 0) {
		char pv[NL_TEXT_LEN], ptt[NL_TEXT_LEN];
		nl_date(pt.van, pv, sizeof(pv));
		nl_date(pt.tot, ptt, sizeof(ptt));
		return problem_refuse(p, strcmp(van, pt.van) < 0 ? "van" : "tot",
				      "Het aanbod moet binnen de looptijd van proeftuin '%s' vallen (%s tot en met %s).", pt.code,
				      pv, ptt);
	}
	char now[32];
	store_now_text(now);
	long long id;
	int r = db_insert(
		s->db, &id,
		"INSERT INTO aanbod(proeftuin_id, organisatie_id, medewerker_id, competentie_id, minuten, van, tot,"
		" toelichting, aangemaakt, door) VALUES(?, ?, nullif(?, 0), nullif(?, 0), ?, ?, ?, ?, ?, ?) RETURNING id",
		"lllllttttt", pt.id, oid, mw, cid, minuten, van, tot, toel && toel[0] ? toel : NULL, now, urenbank_who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "aanbod");
	if (a->out && !(*a->out = aanbod_json(s, &pt, id)))
		return problem_set(p, 500, "Aanbod %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_aanbod_create(struct store *s, const struct actor *by, const char *pt, const char *org, json_t *in, json_t **out,
			   struct problem *p)
{
	struct aanbod_args a = { by, pt, org, 0, in, NULL, out, NULL };
	return store_transaction(s, p, do_create, &a);
}

static int do_withdraw(struct store *s, void *arg, struct problem *p)
{
	struct aanbod_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	struct db_stmt *st = db_query(s->db, "SELECT status FROM aanbod WHERE id = ? AND proeftuin_id = ?", "ll", a->id, pt.id);
	char status[24] = "";
	if (db_step(st) == DB_ROW)
		snprintf(status, sizeof(status), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (!status[0])
		return not_found(p, &pt, a->id);
	if (strcmp(status, "open"))
		return problem_refuse(p, NULL, "Aanbod %lld is al ingetrokken.", a->id);
	char now[32];
	store_now_text(now);
	int r = db_run(s->db, "UPDATE aanbod SET status = 'ingetrokken', ingetrokken = ?, ingetrokken_door = ? WHERE id = ?",
		       "ttl", now, urenbank_who(a->by), a->id);
	if (r < 0)
		return store_db_problem(s, r, p, "aanbod");
	if (a->out && !(*a->out = aanbod_json(s, &pt, a->id)))
		return problem_set(p, 500, "Aanbod %lld is niet terug te lezen.", a->id);
	return 0;
}

int urenbank_aanbod_withdraw(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out,
			     struct problem *p)
{
	struct aanbod_args a = { by, pt, NULL, id, NULL, NULL, out, NULL };
	return store_transaction(s, p, do_withdraw, &a);
}

int urenbank_aanbod_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	*out = aanbod_json(s, &pt, id);
	return *out ? 0 : not_found(p, &pt, id);
}

int urenbank_aanbod_org(struct store *s, const char *ptc, long long id, char *org, size_t len, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	long long oid =
		urenbank_one_int(s, "SELECT organisatie_id FROM aanbod WHERE id = ? AND proeftuin_id = ?", "ll", id, pt.id);
	if (!oid)
		return not_found(p, &pt, id);
	urenbank_org_code(s, oid, org, len);
	return 0;
}

int urenbank_aanbod_list(struct store *s, const char *ptc, const char *status, const char *org, json_t **out, struct problem *p)
{
	static const char *const states[] = { "open", "verlopen", "ingetrokken", "opgebruikt", NULL };
	int known = !status || !status[0];
	for (int i = 0; !known && states[i]; i++)
		known = !strcmp(status, states[i]);
	if (!known)
		return problem_param(p, "status", "moet open, verlopen, ingetrokken of opgebruikt zijn");
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	long long oid = 0;
	if (org && org[0] && !(oid = store_org_id(s, org)))
		return problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", org);
	struct db_stmt *st = db_query(s->db,
				      "SELECT id FROM aanbod WHERE proeftuin_id = ?1 AND (?2 = 0 OR organisatie_id = ?2)"
				      " ORDER BY aangemaakt DESC, id DESC",
				      "ll", pt.id, oid);
	json_t *a = json_array();
	while (db_step(st) == DB_ROW) {
		json_t *o = aanbod_json(s, &pt, db_col_int(st, 0));
		if (o && status && status[0] && strcmp(json_string_value(json_object_get(o, "status")), status)) {
			json_decref(o);
			continue;
		}
		if (o)
			json_array_append_new(a, o);
	}
	db_finalize(st);
	*out = a;
	return 0;
}

/* ---- converting into inzet ------------------------------------------ */

static int do_convert(struct store *s, void *arg, struct problem *p)
{
	struct aanbod_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	json_t *o = aanbod_json(s, &pt, a->id);
	if (!o)
		return not_found(p, &pt, a->id);
	const char *status = json_string_value(json_object_get(o, "status"));
	long long over = json_integer_value(json_object_get(o, "overMinuten"));
	long long offered = json_integer_value(json_object_get(o, "medewerker"));
	const char *comp = json_string_value(json_object_get(o, "competentie"));
	char comp_code[64] = "", tot[DATE_TEXT_LEN];
	snprintf(comp_code, sizeof(comp_code), "%s", comp ? comp : "");
	snprintf(tot, sizeof(tot), "%s", json_string_value(json_object_get(o, "tot")));
	long long oid = store_org_id(s, json_string_value(json_object_get(o, "organisatie")));
	int withdrawn = !strcmp(status, "ingetrokken"), ended = !strcmp(status, "verlopen");
	json_decref(o);
	long long opdracht = 0, mw = 0, minuten = 0;
	field_int(a->in, "opdracht", FIELD_REQUIRED, 1, INT64_MAX, &opdracht, p);
	field_int(a->in, "medewerker", FIELD_OPTIONAL, 1, INT64_MAX, &mw, p);
	field_int(a->in, "minuten", FIELD_REQUIRED, 1, MAX_PLAN_MINUTES, &minuten, p);
	if (p->nparams)
		return -p->status;
	if (withdrawn)
		return problem_refuse(p, NULL, "Aanbod %lld is ingetrokken en kan niet meer worden ingezet.", a->id);
	if (ended) {
		char t[NL_TEXT_LEN];
		nl_date(tot, t, sizeof(t));
		return problem_refuse(p, NULL, "Aanbod %lld liep tot en met %s en is verlopen.", a->id, t);
	}
	if (minuten > over) {
		char h[NL_TEXT_LEN];
		nl_hours(over, 0, h, sizeof(h));
		return problem_refuse(p, "minuten", "Er is nog %s over van aanbod %lld; vraag niet meer dan dat.", h, a->id);
	}
	if (!mw)
		mw = offered;
	if (!mw)
		return problem_param(p, "medewerker", "is verplicht bij aanbod van een competentie: wie van %s gaat het doen?",
				     "de aanbiedende organisatie");
	if (offered && mw != offered)
		return problem_refuse(p, "medewerker", "Aanbod %lld is voor medewerker %lld, niet voor %lld.", a->id, offered,
				      mw);
	long long mo = urenbank_medewerkers_org_id(s, mw);
	if (mo != oid) {
		char label[200];
		urenbank_org_label(s, oid, label, sizeof(label));
		return problem_refuse(p, "medewerker", "Medewerker %lld werkt niet bij %s, dat dit aanbod deed.", mw, label);
	}
	if (comp_code[0] &&
	    !urenbank_one_int(s,
			      "SELECT count(*) FROM medewerker_competenties mc JOIN competenties c ON c.id = mc.competentie_id"
			      " WHERE mc.medewerker_id = ? AND c.code = ?",
			      "lt", mw, comp_code))
		return problem_refuse(p, "medewerker", "Medewerker %lld heeft de aangeboden competentie '%s' niet.", mw,
				      comp_code);
	char ostatus[24];
	if (!urenbank_opdracht_find(s, pt.id, opdracht, ostatus, sizeof(ostatus)))
		return problem_refuse(p, "opdracht", "Opdracht %lld bestaat niet in proeftuin '%s'.", opdracht, pt.code);
	if (strcmp(ostatus, "open"))
		return urenbank_opdracht_not_open(s, opdracht, ostatus, "opdracht", p);
	json_t *body = json_pack("{s:I,s:I}", "medewerker", (json_int_t)mw, "minuten", (json_int_t)minuten);
	json_t *res = NULL;
	int r = urenbank_inzet_request(s, a->by, a->pt, opdracht, body, a->consented, &res, a->done, p);
	json_decref(body);
	if (r < 0) {
		json_decref(res);
		return r;
	}
	long long rid = json_integer_value(json_object_get(res, "id"));
	char now[32];
	store_now_text(now);
	r = db_run(s->db,
		   "INSERT INTO aanbod_omzettingen(aanbod_id, opdracht_id, medewerker_id, minuten, inzet_id, inzetverzoek_id,"
		   " aangemaakt, door) VALUES(?, ?, ?, ?, nullif(?, 0), nullif(?, 0), ?, ?)",
		   "lllllltt", a->id, opdracht, mw, minuten, *a->done ? rid : 0, *a->done ? 0 : rid, now, urenbank_who(a->by));
	if (r < 0) {
		json_decref(res);
		return store_db_problem(s, r, p, "omzetting");
	}
	*a->out = res;
	return 0;
}

int urenbank_aanbod_convert(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t *consented,
			    json_t **out, int *done, struct problem *p)
{
	struct aanbod_args a = { by, pt, NULL, id, in, consented, out, done };
	return store_transaction(s, p, do_convert, &a);
}

/* ---- for the matching ------------------------------------------------ */

struct urenbank_aanbod_open *urenbank_aanbod_open(struct store *s, long long ptid, const char *van, const char *tot, size_t *n)
{
	*n = 0;
	char peil[DATE_TEXT_LEN];
	date_format(date_today(), peil);
	struct db_stmt *st = db_query(
		s->db,
		"SELECT a.id, a.organisatie_id, coalesce(a.medewerker_id, 0), coalesce(c.code, ''), a.minuten - " USED_SQL
		" FROM aanbod a JOIN proeftuinen p ON p.id = a.proeftuin_id LEFT JOIN competenties c ON c.id = a.competentie_id"
		" WHERE a.proeftuin_id = ? AND a.status = 'open' AND a.van <= ? AND a.tot >= ?"
		" AND a.tot >= CASE WHEN p.tot < ? THEN p.tot ELSE ? END ORDER BY a.aangemaakt, a.id",
		"lttttt", ptid, tot, van, peil, peil);
	struct urenbank_aanbod_open *v = NULL;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		if (db_col_int(st, 4) <= 0)
			continue;
		struct urenbank_aanbod_open *nv = grow(v, &cap, *n + 1, sizeof(*v));
		if (!nv)
			break;
		v = nv;
		struct urenbank_aanbod_open *x = &v[(*n)++];
		x->id = db_col_int(st, 0);
		x->org = db_col_int(st, 1);
		x->medewerker = db_col_int(st, 2);
		snprintf(x->competentie, sizeof(x->competentie), "%s", db_col_text(st, 3));
		x->over = db_col_int(st, 4);
	}
	db_finalize(st);
	return v;
}

int urenbank_aanbod_draw(struct store *s, const struct actor *by, long long ptid, long long inzet, long long medewerker,
			 const char *competentie, long long minuten, long long *used, struct problem *p)
{
	*used = 0;
	size_t n = 0;
	struct urenbank_aanbod_open *v = urenbank_aanbod_open(s, ptid, "0000-01-01", "9999-12-31", &n);
	long long org = urenbank_medewerkers_org_id(s, medewerker);
	int holds = competentie && urenbank_one_int(s,
						    "SELECT count(*) FROM medewerker_competenties mc JOIN competenties c ON"
						    " c.id = mc.competentie_id WHERE mc.medewerker_id = ? AND c.code = ?",
						    "lt", medewerker, competentie);
	char now[32];
	store_now_text(now);
	int r = 0;
	/* pass 0: the person's own offers; pass 1: the organisation's offers of the competence */
	for (int pass = 0; pass < 2 && r == 0; pass++)
		for (size_t i = 0; i < n && r == 0 && *used < minuten; i++) {
			const struct urenbank_aanbod_open *x = &v[i];
			int fits = pass == 0 ? x->medewerker == medewerker
					     : !x->medewerker && x->org == org && holds && !strcmp(x->competentie, competentie);
			if (!fits)
				continue;
			long long take = minuten - *used < x->over ? minuten - *used : x->over;
			r = db_run(s->db,
				   "INSERT INTO aanbod_omzettingen(aanbod_id, opdracht_id, medewerker_id, minuten, inzet_id, "
				   "aangemaakt,"
				   " door) SELECT ?, opdracht_id, medewerker_id, ?, id, ?, ? FROM inzet WHERE id = ?",
				   "lltt"
				   "l",
				   x->id, take, now, urenbank_who(by), inzet);
			if (r < 0)
				r = store_db_problem(s, r, p, "omzetting");
			else
				*used += take;
		}
	free(v);
	return r;
}

/* ---- the demo ---------------------------------------------------------- */

struct demo_args {
	json_t *doc;
};

static int do_demo(struct store *s, void *arg, struct problem *p)
{
	json_t *doc = ((struct demo_args *)arg)->doc;
	const char *pt = json_string_value(json_object_get(doc, "proeftuin"));
	if (!json_is_object(doc) ||
	    strcmp(json_string_value(json_object_get(doc, "formaat")) ? json_string_value(json_object_get(doc, "formaat")) : "",
		   "samen-urenbank-aanbod-demo") ||
	    !pt)
		return problem_set(p, 400, "Geen demo van aanbod (formaat samen-urenbank-aanbod-demo).");
	struct actor by = { .role = ROLE_BEHEERDER };
	snprintf(by.name, sizeof(by.name), "demo");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(doc, "aanbod"), i, x) {
		const char *org = json_string_value(json_object_get(x, "organisatie"));
		json_t *in = json_deep_copy(x), *out = NULL;
		json_object_del(in, "organisatie");
		json_object_del(in, "ingetrokken");
		const char *naam = json_string_value(json_object_get(x, "medewerker"));
		if (naam) {
			struct db_stmt *st =
				db_query(s->db,
					 "SELECT m.id FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id"
					 " WHERE m.naam = ? AND o.code = ? ORDER BY m.id",
					 "tt", naam, org ? org : "");
			long long mw = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
			db_finalize(st);
			if (!mw) {
				json_decref(in);
				return problem_set(p, 422, "aanbod %zu: medewerker '%s' van %s bestaat niet.", i + 1, naam,
						   org ? org : "?");
			}
			json_object_set_new(in, "medewerker", json_integer(mw));
		}
		int r = urenbank_aanbod_create(s, &by, pt, org, in, &out, p);
		json_decref(in);
		if (r == 0 && json_is_true(json_object_get(x, "ingetrokken"))) {
			json_t *w = NULL;
			r = urenbank_aanbod_withdraw(s, &by, pt, json_integer_value(json_object_get(out, "id")), &w, p);
			json_decref(w);
		}
		json_decref(out);
		if (r < 0) {
			char why[sizeof(p->detail)];
			snprintf(why, sizeof(why), "%s", p->detail);
			snprintf(p->detail, sizeof(p->detail), "aanbod %zu: %.480s", i + 1, why);
			return r;
		}
	}
	return 0;
}

int urenbank_aanbod_demo_load(struct store *s, json_t *doc, struct problem *p)
{
	struct demo_args a = { doc };
	return store_transaction(s, p, do_demo, &a);
}
