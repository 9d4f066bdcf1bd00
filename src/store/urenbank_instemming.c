/* Consent where someone else's drawing rights are used (urenbank.h
 * "instemming", docs/urenbank.md): a merge of opdrachten is a proposal that
 * every opdrachtgever accepts or refuses, and takes effect when all
 * accepted; an inzet on another organisation's opdracht is asked of its
 * opdrachtgevers and commits their drawing rights only once all accepted.
 * The caller says for which principals the actor consents itself (the
 * policy's 'instemmen', decided in the API); only the others are asked.
 * An inzet can be ended: what it still commits is released. Every answer
 * keeps who gave it, when and why. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/grow.h"
#include "core/register.h"
#include "store/fields.h"
#include "store/urenbank.h"
#include "store/urenbank_intern.h"

static int consents(json_t *consented, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach(consented, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), code))
			return 1;
	return 0;
}

/* Writes the answers of a new request: akkoord for who consents through
 * the actor, gevraagd for the others. */
static int ask(struct store *s, const char *soort, long long id, const long long *orgs, size_t n, json_t *consented,
	       const struct actor *by, struct problem *p)
{
	char now[32];
	store_now_text(now);
	for (size_t i = 0; i < n; i++) {
		char code[40];
		urenbank_org_code(s, orgs[i], code, sizeof(code));
		int yes = consents(consented, code);
		int r = db_run(
			s->db,
			"INSERT INTO instemmingen(soort, verzoek_id, organisatie_id, antwoord, door, op) VALUES(?, ?, ?, ?, ?, ?)"
			" ON CONFLICT (soort, verzoek_id, organisatie_id) DO NOTHING",
			"tllttt", soort, id, orgs[i], yes ? "akkoord" : "gevraagd", yes ? urenbank_who(by) : NULL,
			yes ? now : NULL);
		if (r < 0)
			return store_db_problem(s, r, p, "instemming");
	}
	return 0;
}

static json_t *answers_json(struct store *s, const char *soort, long long id)
{
	json_t *a = json_array();
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.code, o.naam, i.antwoord, i.door, i.op, i.reden FROM instemmingen i"
			 " JOIN organisaties o ON o.id = i.organisatie_id WHERE i.soort = ? AND i.verzoek_id = ? ORDER BY o.naam",
			 "tl", soort, id);
	while (db_step(st) == DB_ROW) {
		json_t *x = json_pack("{s:s,s:s,s:s}", "organisatie", db_col_text(st, 0), "naam", db_col_text(st, 1), "antwoord",
				      db_col_text(st, 2));
		json_object_set_new(x, "door", store_text_or_null(st, 3));
		json_object_set_new(x, "op", store_text_or_null(st, 4));
		json_object_set_new(x, "reden", store_text_or_null(st, 5));
		json_array_append_new(a, x);
	}
	db_finalize(st);
	return a;
}

static json_t *merge_json(struct store *s, long long id)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT v.id, p.code, v.opdracht_a, v.opdracht_b, v.titel, v.status, v.resultaat_id, v.aangemaakt,"
			 " v.door, v.afgehandeld, a.titel, b.titel FROM samenvoegvoorstellen v"
			 " JOIN proeftuinen p ON p.id = v.proeftuin_id JOIN opdrachten a ON a.id = v.opdracht_a"
			 " JOIN opdrachten b ON b.id = v.opdracht_b WHERE v.id = ?",
			 "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return NULL;
	}
	json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:I,s:s,s:s,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "soort",
			      "samenvoeging", "proeftuin", db_col_text(st, 1), "opdracht", (json_int_t)db_col_int(st, 2), "met",
			      (json_int_t)db_col_int(st, 3), "status", db_col_text(st, 5), "aangemaakt", db_col_text(st, 7),
			      "door", db_col_text(st, 8), "opdrachtTitel", db_col_text(st, 10), "metTitel", db_col_text(st, 11));
	json_object_set_new(o, "titel", store_text_or_null(st, 4));
	json_object_set_new(o, "resultaat", urenbank_int_or_null(st, 6));
	json_object_set_new(o, "afgehandeld", store_text_or_null(st, 9));
	db_finalize(st);
	json_object_set_new(o, "instemmingen", answers_json(s, "samenvoeging", id));
	return o;
}

static json_t *inzet_request_json(struct store *s, long long id)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT v.id, p.code, v.opdracht_id, v.medewerker_id, m.naam, o.code, v.minuten, v.status, v.inzet_id,"
			 " v.aangemaakt, v.door, v.afgehandeld, d.titel FROM inzetverzoeken v"
			 " JOIN proeftuinen p ON p.id = v.proeftuin_id JOIN medewerkers m ON m.id = v.medewerker_id"
			 " JOIN organisaties o ON o.id = v.organisatie_id JOIN opdrachten d ON d.id = v.opdracht_id"
			 " WHERE v.id = ?",
			 "l", id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return NULL;
	}
	json_t *o = json_pack("{s:I,s:s,s:s,s:I,s:s,s:I,s:s,s:s,s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, 0), "soort",
			      "inzet", "proeftuin", db_col_text(st, 1), "opdracht", (json_int_t)db_col_int(st, 2),
			      "opdrachtTitel", db_col_text(st, 12), "medewerker", (json_int_t)db_col_int(st, 3), "medewerkerNaam",
			      db_col_text(st, 4), "organisatie", db_col_text(st, 5), "minuten", (json_int_t)db_col_int(st, 6),
			      "status", db_col_text(st, 7), "aangemaakt", db_col_text(st, 9), "door", db_col_text(st, 10));
	json_object_set_new(o, "inzet", urenbank_int_or_null(st, 8));
	json_object_set_new(o, "afgehandeld", store_text_or_null(st, 11));
	db_finalize(st);
	json_object_set_new(o, "instemmingen", answers_json(s, "inzet", id));
	return o;
}

/* ---- merging --------------------------------------------------------------------------------- */

struct request_args {
	const struct actor *by;
	const char *pt;
	long long id;
	json_t *in, *consented, **out;
	int *done;
};

static int do_merge_request(struct store *s, void *arg, struct problem *p)
{
	struct request_args *a = arg;
	struct pt pt;
	long long met;
	const char *titel;
	if (urenbank_merge_check(s, a->pt, a->id, a->in, &pt, &met, &titel, p) < 0)
		return -p->status;
	long long ids[2] = { a->id, met };
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM samenvoegvoorstellen WHERE status = 'gevraagd' AND (opdracht_a IN (?1, ?2)"
				      " OR opdracht_b IN (?1, ?2))",
				      "ll", a->id, met);
	int pending = db_step(st) == DB_ROW;
	db_finalize(st);
	if (pending)
		return problem_refuse(p, NULL,
				      "Voor opdracht %lld of %lld loopt al een voorstel tot samenvoegen; wacht de antwoorden af.",
				      a->id, met);
	/* Every principal of either opdracht consents: it is their opdracht. */
	long long orgs[2 * MAX_MEMBERS];
	size_t n = 0;
	int all = 1;
	for (int k = 0; k < 2; k++) {
		struct principals *pr = urenbank_principals_load(s, ids[k]);
		if (!pr)
			return problem_set(p, 500, "geen geheugen");
		for (size_t i = 0; i < pr->n; i++) {
			int dup = 0;
			for (size_t j = 0; j < n; j++)
				dup |= orgs[j] == pr->org[i];
			if (dup)
				continue;
			orgs[n++] = pr->org[i];
			char code[40];
			urenbank_org_code(s, pr->org[i], code, sizeof(code));
			all &= consents(a->consented, code);
		}
		free(pr);
	}
	if (all) {
		/* The actor consents for every principal: merge now. */
		*a->done = 1;
		json_t *body = json_pack("{s:I}", "met", (json_int_t)met);
		if (titel)
			json_object_set_new(body, "titel", json_string(titel));
		int r = urenbank_opdracht_merge(s, a->by, a->pt, a->id, body, a->out, p);
		json_decref(body);
		return r;
	}
	*a->done = 0;
	char now[32];
	store_now_text(now);
	long long vid;
	int r = db_insert(s->db, &vid,
			  "INSERT INTO samenvoegvoorstellen(proeftuin_id, opdracht_a, opdracht_b, titel, aangemaakt, door)"
			  " VALUES(?, ?, ?, ?, ?, ?) RETURNING id",
			  "lllttt", pt.id, a->id, met, titel, now, urenbank_who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "voorstel");
	if (ask(s, "samenvoeging", vid, orgs, n, a->consented, a->by, p) < 0)
		return -p->status;
	if (a->out && !(*a->out = merge_json(s, vid)))
		return problem_set(p, 500, "Voorstel %lld is niet terug te lezen.", vid);
	return 0;
}

int urenbank_merge_request(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t *consented,
			   json_t **out, int *done, struct problem *p)
{
	struct request_args a = { by, pt, id, in, consented, out, done };
	return store_transaction(s, p, do_merge_request, &a);
}

/* ---- inzet ---------------------------------------------------------------------------------- */

static int do_inzet_request(struct store *s, void *arg, struct problem *p)
{
	struct request_args *a = arg;
	struct pt pt;
	char status[24];
	long long mw = 0, minuten = 0;
	if (urenbank_inzet_input(s, a->pt, a->id, a->in, &pt, status, sizeof(status), &mw, &minuten, p) < 0)
		return -p->status;
	long long provider = urenbank_medewerkers_org_id(s, mw);
	struct principals *pr = urenbank_principals_load(s, a->id);
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	/* Whose drawing rights it uses: every principal but the staff's own. */
	long long orgs[MAX_MEMBERS];
	size_t n = 0;
	int all = 1;
	for (size_t i = 0; i < pr->n; i++) {
		if (pr->org[i] == provider)
			continue;
		orgs[n++] = pr->org[i];
		char code[40];
		urenbank_org_code(s, pr->org[i], code, sizeof(code));
		all &= consents(a->consented, code);
	}
	free(pr);
	if (all || !provider || strcmp(status, "open")) {
		/* Consented already (or refused by the inzet's own checks): as before. */
		*a->done = 1;
		return urenbank_inzet_create(s, a->by, a->pt, a->id, a->in, a->out, p);
	}
	if (urenbank_pt_check_open(&pt, p) < 0)
		return -p->status;
	if (urenbank_provider_check(s, &pt, provider, mw, p) < 0)
		return -p->status;
	*a->done = 0;
	char now[32];
	store_now_text(now);
	long long vid;
	int r = db_insert(
		s->db, &vid,
		"INSERT INTO inzetverzoeken(proeftuin_id, opdracht_id, medewerker_id, organisatie_id, minuten, aangemaakt, door)"
		" VALUES(?, ?, ?, ?, ?, ?, ?) RETURNING id",
		"lllllt"
		"t",
		pt.id, a->id, mw, provider, minuten, now, urenbank_who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "inzetverzoek");
	if (ask(s, "inzet", vid, orgs, n, a->consented, a->by, p) < 0)
		return -p->status;
	if (a->out && !(*a->out = inzet_request_json(s, vid)))
		return problem_set(p, 500, "Inzetverzoek %lld is niet terug te lezen.", vid);
	return 0;
}

int urenbank_inzet_request(struct store *s, const struct actor *by, const char *pt, long long opdracht, json_t *in,
			   json_t *consented, json_t **out, int *done, struct problem *p)
{
	struct request_args a = { by, pt, opdracht, in, consented, out, done };
	return store_transaction(s, p, do_inzet_request, &a);
}

/* ---- answers -------------------------------------------------------------------------------- */

/* The number of answers to request soort id that are not akkoord. */
static long long waiting(struct store *s, const char *soort, long long id)
{
	struct db_stmt *st =
		db_query(s->db, "SELECT count(*) FROM instemmingen WHERE soort = ? AND verzoek_id = ? AND antwoord <> 'akkoord'",
			 "tl", soort, id);
	long long n = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	return n;
}

struct answer_args {
	const struct actor *by;
	const char *pt, *soort, *org;
	long long id;
	int yes;
	json_t *in, **out;
};

static int do_answer(struct store *s, void *arg, struct problem *p)
{
	struct answer_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	int merge = !strcmp(a->soort, "samenvoeging");
	struct db_stmt *st =
		db_query(s->db,
			 merge ? "SELECT status, opdracht_a, opdracht_b, coalesce(titel, '') FROM samenvoegvoorstellen"
				 " WHERE id = ? AND proeftuin_id = ?"
			       : "SELECT status, opdracht_id, medewerker_id, minuten FROM inzetverzoeken WHERE id = ?"
				 " AND proeftuin_id = ?",
			 "ll", a->id, pt.id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "%s %lld bestaat niet in proeftuin '%s'.", merge ? "Voorstel" : "Inzetverzoek", a->id,
				   pt.code);
	}
	char status[24], titel[201] = "";
	snprintf(status, sizeof(status), "%s", db_col_text(st, 0));
	long long x1 = db_col_int(st, 1), x2 = db_col_int(st, 2), x3 = merge ? 0 : db_col_int(st, 3);
	if (merge)
		snprintf(titel, sizeof(titel), "%s", db_col_text(st, 3));
	db_finalize(st);
	const char *reden = NULL;
	field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (!a->yes && !reden)
		return problem_param(p, "reden", "is verplicht bij een weigering: waarom?");
	long long oid = store_org_id(s, a->org);
	st = db_query(s->db, "SELECT antwoord FROM instemmingen WHERE soort = ? AND verzoek_id = ? AND organisatie_id = ?", "tll",
		      a->soort, a->id, oid);
	char antwoord[24] = "";
	if (db_step(st) == DB_ROW)
		snprintf(antwoord, sizeof(antwoord), "%s", db_col_text(st, 0));
	db_finalize(st);
	if (!antwoord[0])
		return problem_refuse(p, NULL, "%s is niet gevraagd in te stemmen: het gaat niet om zijn trekkingsrechten.",
				      a->org);
	if (strcmp(status, "gevraagd"))
		return problem_refuse(p, NULL, "Dit verzoek is al %s.", status);
	if (strcmp(antwoord, "gevraagd"))
		return problem_refuse(p, NULL, "%s heeft al geantwoord (%s).", a->org, antwoord);
	char now[32];
	store_now_text(now);
	int r = db_run(s->db,
		       "UPDATE instemmingen SET antwoord = ?, door = ?, op = ?, reden = ? WHERE soort = ? AND verzoek_id = ?"
		       " AND organisatie_id = ?",
		       "ttttt"
		       "ll",
		       a->yes ? "akkoord" : "geweigerd", urenbank_who(a->by), now, reden, a->soort, a->id, oid);
	if (r < 0)
		return store_db_problem(s, r, p, "instemming");
	const char *final = NULL;
	long long result = 0;
	if (!a->yes)
		final = "geweigerd";
	else if (!waiting(s, a->soort, a->id)) {
		/* Everyone agreed: it takes effect now, as the actor. */
		json_t *out = NULL;
		if (merge) {
			char s1[24], s2[24];
			if (!urenbank_opdracht_find(s, pt.id, x1, s1, sizeof(s1)) ||
			    !urenbank_opdracht_find(s, pt.id, x2, s2, sizeof(s2)) || strcmp(s1, "open") || strcmp(s2, "open")) {
				final = "vervallen"; /* one of them was closed or merged meanwhile */
			} else {
				json_t *body = json_pack("{s:I}", "met", (json_int_t)x2);
				if (titel[0])
					json_object_set_new(body, "titel", json_string(titel));
				r = urenbank_opdracht_merge(s, a->by, a->pt, x1, body, &out, p);
				json_decref(body);
				if (r < 0)
					return r;
				result = json_integer_value(json_object_get(out, "id"));
				final = "aanvaard";
			}
		} else {
			json_t *body = json_pack("{s:I,s:I}", "medewerker", (json_int_t)x2, "minuten", (json_int_t)x3);
			r = urenbank_inzet_create(s, a->by, a->pt, x1, body, &out, p);
			json_decref(body);
			if (r < 0)
				return r;
			result = json_integer_value(json_object_get(out, "id"));
			final = "aanvaard";
		}
		json_decref(out);
	}
	if (final) {
		r = merge ? db_run(s->db,
				   "UPDATE samenvoegvoorstellen SET status = ?, resultaat_id = nullif(?, 0), afgehandeld = ? "
				   "WHERE id = ?",
				   "tltl", final, result, now, a->id)
			  : db_run(s->db,
				   "UPDATE inzetverzoeken SET status = ?, inzet_id = nullif(?, 0), afgehandeld = ? WHERE id = ?",
				   "tltl", final, result, now, a->id);
		if (r < 0)
			return store_db_problem(s, r, p, "verzoek");
	}
	if (a->out)
		*a->out = merge ? merge_json(s, a->id) : inzet_request_json(s, a->id);
	return 0;
}

int urenbank_consent_answer(struct store *s, const struct actor *by, const char *pt, const char *soort, long long id,
			    const char *org, int yes, json_t *in, json_t **out, struct problem *p)
{
	struct answer_args a = { by, pt, soort, org, id, yes, in, out };
	return store_transaction(s, p, do_answer, &a);
}

int urenbank_consent_parties(struct store *s, const char *ptc, const char *soort, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	int merge = !strcmp(soort, "samenvoeging");
	if (!urenbank_one_int(s,
			      merge ? "SELECT count(*) FROM samenvoegvoorstellen WHERE id = ? AND proeftuin_id = ?"
				    : "SELECT count(*) FROM inzetverzoeken WHERE id = ? AND proeftuin_id = ?",
			      "ll", id, pt.id))
		return problem_set(p, 404, "%s %lld bestaat niet in proeftuin '%s'.", merge ? "Voorstel" : "Inzetverzoek", id,
				   pt.code);
	json_t *a = json_array();
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.code FROM instemmingen i JOIN organisaties o ON o.id = i.organisatie_id"
				      " WHERE i.soort = ? AND i.verzoek_id = ? ORDER BY o.code",
				      "tl", soort, id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(a, json_string(db_col_text(st, 0)));
	db_finalize(st);
	*out = a;
	return 0;
}

/* Both kinds of request of a proeftuin (NULL: all) whose answer is still
 * asked of org (NULL: anyone), or all of them when all is set. */
static json_t *requests(struct store *s, long long ptid, long long oid, int all)
{
	json_t *a = json_array();
	for (int k = 0; k < 2; k++) {
		struct db_stmt *st = db_query(
			s->db,
			k == 0 ? "SELECT v.id FROM samenvoegvoorstellen v WHERE (?1 = 0 OR v.proeftuin_id = ?1) AND (?3 = 1 OR"
				 " (v.status = 'gevraagd' AND EXISTS (SELECT 1 FROM instemmingen i WHERE i.soort = 'samenvoeging'"
				 " AND i.verzoek_id = v.id AND i.antwoord = 'gevraagd' AND (?2 = 0 OR i.organisatie_id = ?2))))"
				 " ORDER BY v.id"
			       : "SELECT v.id FROM inzetverzoeken v WHERE (?1 = 0 OR v.proeftuin_id = ?1) AND (?3 = 1 OR"
				 " (v.status = 'gevraagd' AND EXISTS (SELECT 1 FROM instemmingen i WHERE i.soort = 'inzet'"
				 " AND i.verzoek_id = v.id AND i.antwoord = 'gevraagd' AND (?2 = 0 OR i.organisatie_id = ?2))))"
				 " ORDER BY v.id",
			"lli", ptid, oid, all);
		while (db_step(st) == DB_ROW) {
			json_t *o = k == 0 ? merge_json(s, db_col_int(st, 0)) : inzet_request_json(s, db_col_int(st, 0));
			if (o)
				json_array_append_new(a, o);
		}
		db_finalize(st);
	}
	return a;
}

/* The proeftuin and the organisation (0: none given) the consent lists are of. */
static int consent_scope(struct store *s, const char *ptc, const char *org, struct pt *pt, long long *oid, struct problem *p)
{
	if (urenbank_pt_load(s, ptc, pt, p) < 0)
		return -p->status;
	*oid = 0;
	if (org && !(*oid = store_org_id(s, org)))
		return problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", org);
	return 0;
}

int urenbank_consent_list(struct store *s, const char *ptc, const char *org, json_t **out, struct problem *p)
{
	struct pt pt;
	long long oid;
	int r = consent_scope(s, ptc, org, &pt, &oid, p);
	if (r < 0)
		return r;
	*out = requests(s, pt.id, oid, oid == 0);
	return 0;
}

int urenbank_consent_page(struct store *s, const char *ptc, const char *org, struct store_page *pg, json_t **out,
			  struct problem *p)
{
	struct pt pt;
	long long oid;
	int r = consent_scope(s, ptc, org, &pt, &oid, p);
	if (r < 0)
		return r;
	/* The order of urenbank_consent_list: the merge proposals, then the
	 * inzet requests, each by id; only the page's requests become JSON. */
#define ASKED(kind)                                                                                                       \
	" WHERE v.proeftuin_id = ?1 AND (?3 = 1 OR (v.status = 'gevraagd' AND EXISTS (SELECT 1 FROM instemmingen i"        \
	" WHERE i.soort = '" kind "' AND i.verzoek_id = v.id AND i.antwoord = 'gevraagd' AND (?2 = 0 OR i.organisatie_id = ?2))))"
#define SQL                                                                                                             \
	"SELECT 0 AS soort, v.id AS id FROM samenvoegvoorstellen v" ASKED("samenvoeging")                                  \
	" UNION ALL SELECT 1, v.id FROM inzetverzoeken v" ASKED("inzet") " ORDER BY 1, 2"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, SQL " LIMIT ?4 OFFSET ?5", "lli" STORE_PAGE_BINDS, pt.id, oid, oid == 0,
				      STORE_PAGE_ARGS(pg));
	long long *row = NULL; /* kind, id */
	size_t n = 0, cap = 0;
	int oom = 0;
	while (!oom && db_step(st) == DB_ROW) {
		long long *g = grow(row, &cap, n + 2, sizeof(*row));
		if ((oom = !g))
			break;
		row = g;
		row[n++] = db_col_int(st, 0);
		row[n++] = db_col_int(st, 1);
	}
	db_finalize(st);
	json_t *a = json_array();
	for (size_t i = 0; i + 1 < n; i += 2) {
		json_t *o = row[i] == 0 ? merge_json(s, row[i + 1]) : inzet_request_json(s, row[i + 1]);
		if (o)
			json_array_append_new(a, o);
	}
	free(row);
	r = store_page_end(s, pg, pg ? db_query(s->db, STORE_PAGE_COUNT(SQL), "lli", pt.id, oid, oid == 0) : NULL);
#undef SQL
#undef ASKED
	if (r < 0 || oom) {
		json_decref(a);
		return store_db_problem(s, oom ? DB_ERR : r, p, "instemmingen");
	}
	*out = a;
	return 0;
}

int urenbank_consents_pending(struct store *s, const char *org, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return problem_set(p, 404, "Organisatie '%s' bestaat niet.", org ? org : "");
	*out = requests(s, 0, oid, 0);
	return 0;
}

/* ---- ending an inzet ------------------------------------------------------------------------- */

static int do_inzet_end(struct store *s, void *arg, struct problem *p)
{
	struct request_args *a = arg;
	struct pt pt;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT i.status, i.opdracht_id FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id"
				      " WHERE i.id = ? AND o.proeftuin_id = ?",
				      "ll", a->id, pt.id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Inzet %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	}
	char status[24];
	snprintf(status, sizeof(status), "%s", db_col_text(st, 0));
	long long opdracht = db_col_int(st, 1);
	db_finalize(st);
	const char *reden = NULL;
	field_text(a->in, "reden", FIELD_REQUIRED, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (strcmp(status, "open"))
		return problem_refuse(p, NULL, "Inzet %lld is al afgesloten.", a->id);
	/* What it still commits goes back to the principals' drawing rights. */
	st = db_query(s->db,
		      "SELECT organisatie_id, minuten - vrijgegeven FROM inzet_vastleggingen WHERE inzet_id = ? AND minuten > "
		      "vrijgegeven",
		      "l", a->id);
	long long orgs[MAX_MEMBERS], rest[MAX_MEMBERS];
	size_t n = 0;
	while (db_step(st) == DB_ROW && n < MAX_MEMBERS) {
		orgs[n] = db_col_int(st, 0);
		rest[n++] = db_col_int(st, 1);
	}
	db_finalize(st);
	for (size_t i = 0; i < n; i++)
		if (urenbank_member_add(s, pt.id, orgs[i], 0, 0, 0, -rest[i], p) < 0)
			return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db, "UPDATE inzet_vastleggingen SET vrijgegeven = minuten WHERE inzet_id = ?", "l", a->id);
	if (r == 0)
		r = db_run(s->db,
			   "UPDATE inzet SET status = 'afgesloten', beeindigd = ?, beeindigd_door = ?, beeindigd_reden = ? WHERE "
			   "id = ?",
			   "tttl", now, urenbank_who(a->by), reden, a->id);
	if (r < 0)
		return store_db_problem(s, r, p, "inzet");
	return a->out ? urenbank_opdracht_get(s, a->pt, opdracht, a->out, p) : 0;
}

int urenbank_inzet_end(struct store *s, const struct actor *by, const char *pt, long long inzet, json_t *in, json_t **out,
		       struct problem *p)
{
	int done = 0;
	struct request_args a = { by, pt, inzet, in, NULL, out, &done };
	return store_transaction(s, p, do_inzet_end, &a);
}

int urenbank_inzet_parties(struct store *s, const char *ptc, long long inzet, char *provider, size_t len, json_t **principals,
			   struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	struct db_stmt *st = db_query(s->db,
				      "SELECT org.code, i.opdracht_id FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id"
				      " JOIN organisaties org ON org.id = i.organisatie_id WHERE i.id = ? AND o.proeftuin_id = ?",
				      "ll", inzet, pt.id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Inzet %lld bestaat niet in proeftuin '%s'.", inzet, pt.code);
	}
	snprintf(provider, len, "%s", db_col_text(st, 0));
	long long opdracht = db_col_int(st, 1);
	db_finalize(st);
	return urenbank_opdracht_principals(s, ptc, opdracht, principals, p);
}
