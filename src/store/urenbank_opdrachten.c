/* Opdrachten of the hours exchange (urenbank.h): their principals and
 * weights, creating, closing and merging them, and inzet that commits
 * the principals' drawing rights. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/grow.h"
#include "core/register.h"
#include "store/page.h"
#include "store/urenbank_intern.h"
#include "store/fields.h"

static const char *const opdracht_soorten[] = { "lokaal", "meervoudig-lokaal", "regionaal", NULL };
static const char *const verdeelsleutels[] = { "gelijk", "inwoners", NULL };
static const char *const opdracht_statussen[] = { "open", "afgerond", "samengevoegd", NULL };

/* ---- principals --------------------------------------------------------- */

struct principals *urenbank_principals_load(struct store *s, long long opdracht)
{
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return NULL;
	struct db_stmt *st =
		db_query(s->db, "SELECT organisatie_id, aandeel FROM opdrachtgevers WHERE opdracht_id = ? ORDER BY volgorde", "l",
			 opdracht);
	while (db_step(st) == DB_ROW && pr->n < MAX_MEMBERS) {
		pr->org[pr->n] = db_col_int(st, 0);
		pr->weight[pr->n] = db_col_int(st, 1);
		pr->n++;
	}
	db_finalize(st);
	return pr;
}

int urenbank_principal_index(const struct principals *pr, long long org)
{
	for (size_t i = 0; i < pr->n; i++)
		if (pr->org[i] == org)
			return (int)i;
	return -1;
}

/* Member indices for the ledger: principals are 0..n-1, a provider that
 * is none of them is n. orgs[] maps back (n + 1 entries). */
void urenbank_ledger_members(const struct principals *pr, long long provider, int32_t *idx, long long *orgs, int32_t *prov)
{
	for (size_t i = 0; i < pr->n; i++) {
		idx[i] = (int32_t)i;
		orgs[i] = pr->org[i];
	}
	int pi = urenbank_principal_index(pr, provider);
	*prov = pi >= 0 ? pi : (int32_t)pr->n;
	orgs[pr->n] = provider;
}

/* ---- opdrachten ----------------------------------------------------------- */

/* An opdracht's own columns (OPDRACHT_COLS, from col on) as JSON, its lists empty. */
#define OPDRACHT_COLS                                                                                                  \
	"o.id, p.code, o.soort, o.titel, o.omschrijving, o.contactpersoon, o.geraamde_minuten, o.verdeelsleutel, o.status," \
	" o.samengevoegd_in, o.aangemaakt, o.geboekt_minuten, o.goedgekeurd_minuten"
static json_t *opdracht_row_json(struct db_stmt *st, int col)
{
	json_t *o = json_pack("{s:I,s:s,s:s,s:s}", "id", (json_int_t)db_col_int(st, col), "proeftuin", db_col_text(st, col + 1),
			      "soort", db_col_text(st, col + 2), "titel", db_col_text(st, col + 3));
	json_object_set_new(o, "omschrijving", store_text_or_null(st, col + 4));
	json_object_set_new(o, "contactpersoon", store_text_or_null(st, col + 5));
	json_object_set_new(o, "geraamdeMinuten", urenbank_int_or_null(st, col + 6));
	json_object_set_new(o, "verdeelsleutel", json_string(db_col_text(st, col + 7)));
	json_object_set_new(o, "status", json_string(db_col_text(st, col + 8)));
	json_object_set_new(o, "samengevoegdIn", urenbank_int_or_null(st, col + 9));
	json_object_set_new(o, "aangemaakt", json_string(db_col_text(st, col + 10)));
	json_object_set_new(o, "opdrachtgevers", json_array());
	json_object_set_new(o, "competenties", json_array());
	json_object_set_new(o, "samengevoegdUit", json_array());
	json_object_set_new(o, "inzet", json_array());
	/* Kept as hours are booked and judged (urenbank_uren.c opdracht_totals). */
	json_object_set_new(o, "geboektMinuten", json_integer(db_col_int(st, col + 11)));
	json_object_set_new(o, "goedgekeurdMinuten", json_integer(db_col_int(st, col + 12)));
	return o;
}

/* The lists of the opdrachten in byid ("12": opdracht), each read for all of
 * them at once (ids, n): a query per list and chunk of ids, none per
 * opdracht. The chunk is padded to a fixed size with 0 (no opdracht), so
 * that few statement texts exist. */
static json_t *list_of(json_t *byid, long long id, const char *key)
{
	char k[32];
	snprintf(k, sizeof(k), "%lld", id);
	return json_object_get(json_object_get(byid, k), key);
}

json_t *urenbank_inzet_row_json(struct db_stmt *st, int c)
{
	json_t *x = json_pack("{s:I,s:I,s:s,s:s,s:I,s:s}", "id", (json_int_t)db_col_int(st, c), "medewerker",
			      (json_int_t)db_col_int(st, c + 1), "medewerkerNaam", db_col_text(st, c + 2), "organisatie",
			      db_col_text(st, c + 3), "minuten", (json_int_t)db_col_int(st, c + 4), "status", db_col_text(st, c + 5));
	if (!db_col_null(st, c + 6)) /* ended before the opdracht was */
		json_object_set_new(x, "beeindigd", json_pack("{s:s,s:o}", "op", db_col_text(st, c + 6), "reden",
							       store_text_or_null(st, c + 7)));
	return x;
}

void urenbank_opdracht_lists(struct store *s, json_t *byid, const long long *ids, size_t n, int what)
{
	static const struct {
		int what;
		const char *key, *head, *tail;
	} lists[] = {
		{ OPDRACHT_GEVERS, "opdrachtgevers",
		  "SELECT g.opdracht_id, org.code, org.naam, g.aandeel FROM opdrachtgevers g"
		  " JOIN organisaties org ON org.id = g.organisatie_id WHERE g.opdracht_id IN (",
		  ") ORDER BY g.opdracht_id, g.volgorde" },
		{ OPDRACHT_COMPETENTIES, "competenties",
		  "SELECT c.opdracht_id, c.competentie, c.niveau FROM opdracht_competenties c WHERE c.opdracht_id IN (",
		  ") ORDER BY c.opdracht_id, c.competentie" },
		{ OPDRACHT_UIT, "samengevoegdUit", "SELECT x.samengevoegd_in, x.id FROM opdrachten x WHERE x.samengevoegd_in IN (",
		  ") ORDER BY x.samengevoegd_in, x.id" },
		{ OPDRACHT_INZET, "inzet",
		  "SELECT i.opdracht_id, i.id, i.medewerker_id, m.naam, org.code, i.minuten, i.status, i.beeindigd,"
		  " i.beeindigd_reden FROM inzet i JOIN medewerkers m ON m.id = i.medewerker_id"
		  " JOIN organisaties org ON org.id = i.organisatie_id WHERE i.opdracht_id IN (",
		  ") ORDER BY i.opdracht_id, i.id" },
	};
	long long chunk[OPDRACHT_CHUNK];
	char fmt[OPDRACHT_CHUNK + 1];
	struct buf q;
	for (size_t at = 0; at < n; at += OPDRACHT_CHUNK) {
		size_t k = n - at < OPDRACHT_CHUNK ? n - at : OPDRACHT_CHUNK;
		size_t size = k <= 1 ? 1 : k <= 50 ? 50 : OPDRACHT_CHUNK;
		for (size_t j = 0; j < size; j++)
			chunk[j] = j < k ? ids[at + j] : 0;
		memset(fmt, 'l', size);
		fmt[size] = 0;
		for (size_t l = 0; l < sizeof(lists) / sizeof(lists[0]); l++) {
			if (!(what & lists[l].what))
				continue;
			buf_init(&q, 0);
			buf_adds(&q, lists[l].head);
			for (size_t j = 0; j < size; j++)
				buf_adds(&q, j ? ", ?" : "?");
			buf_adds(&q, lists[l].tail);
			struct db_stmt *st = buf_failed(&q) ? NULL : db_query_values(s->db, buf_str(&q), fmt, chunk, NULL);
			while (db_step(st) == DB_ROW) {
				json_t *a = list_of(byid, db_col_int(st, 0), lists[l].key), *x;
				if (!a)
					continue;
				if (lists[l].what == OPDRACHT_GEVERS)
					x = json_pack("{s:s,s:s,s:I}", "organisatie", db_col_text(st, 1), "naam", db_col_text(st, 2),
						      "aandeel", (json_int_t)db_col_int(st, 3));
				else if (lists[l].what == OPDRACHT_COMPETENTIES)
					x = json_pack("{s:s,s:I}", "competentie", db_col_text(st, 1), "niveau",
						      (json_int_t)db_col_int(st, 2));
				else if (lists[l].what == OPDRACHT_UIT)
					x = json_integer(db_col_int(st, 1));
				else
					x = urenbank_inzet_row_json(st, 1);
				json_array_append_new(a, x);
			}
			db_finalize(st);
			buf_release(&q);
		}
	}
}

static json_t *opdracht_json(struct store *s, long long id)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT " OPDRACHT_COLS " FROM opdrachten o JOIN proeftuinen p ON p.id = o.proeftuin_id"
				      " WHERE o.id = ?",
				      "l", id);
	json_t *o = db_step(st) == DB_ROW ? opdracht_row_json(st, 0) : NULL;
	db_finalize(st);
	if (!o)
		return NULL;
	json_t *byid = json_object();
	char k[32];
	snprintf(k, sizeof(k), "%lld", id);
	json_object_set(byid, k, o);
	urenbank_opdracht_lists(s, byid, &id, 1, OPDRACHT_ALLES);
	json_decref(byid);
	return o;
}

/* The opdracht id of proeftuin pt: its status into status (may be NULL);
 * 1 found, 0 not. */
int urenbank_opdracht_find(struct store *s, long long ptid, long long id, char *status, size_t len)
{
	struct db_stmt *st = db_query(s->db, "SELECT status FROM opdrachten WHERE id = ? AND proeftuin_id = ?", "ll", id, ptid);
	int found = db_step(st) == DB_ROW;
	if (found && status)
		snprintf(status, len, "%s", db_col_text(st, 0));
	db_finalize(st);
	return found;
}

int urenbank_opdracht_not_open(struct store *s, long long id, const char *status, const char *param, struct problem *p)
{
	if (!strcmp(status, "samengevoegd"))
		return problem_refuse(p, param, "Opdracht %lld is samengevoegd in opdracht %lld; gebruik die.", id,
				      urenbank_one_int(s, "SELECT samengevoegd_in FROM opdrachten WHERE id = ?", "l", id));
	return problem_refuse(p, param, "Opdracht %lld is %s; daarop kan niets meer worden ingezet of geboekt.", id, status);
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
				problem_param(p, n2, "moet een geheel getal van 1 tot %lld zijn (een gewicht)",
					      (long long)LEDGER_MAX_SPLIT);
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
	json_array_foreach(list, i, x)
		principal_entry(x, i, &code, &w, p);
	return p->status ? -1 : 0;
}

/* Resolves opdrachtgevers (checked by check_principals) into pr, each
 * against the proeftuin. */
static int read_principals(struct store *s, const struct pt *pt, json_t *list, struct principals *pr, struct problem *p)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		char name[64];
		const char *code;
		long long aandeel;
		snprintf(name, sizeof(name), "opdrachtgevers[%zu]", i);
		if (principal_entry(x, i, &code, &aandeel, p) < 0)
			return -p->status;
		long long oid = store_org_id(s, code);
		if (!oid)
			return problem_refuse(p, name, "Organisatie '%s' bestaat niet.", code);
		if (!urenbank_is_member(s, pt->id, oid))
			return problem_refuse(p, name, "%s is geen lid van proeftuin '%s' en kan dus geen opdrachtgever zijn.",
					      code, pt->code);
		if (urenbank_principal_index(pr, oid) >= 0)
			return problem_refuse(p, name, "%s staat twee keer bij de opdrachtgevers.", code);
		if (pr->n >= MAX_MEMBERS)
			return problem_refuse(p, "opdrachtgevers", "Hoogstens %d opdrachtgevers.", MAX_MEMBERS);
		pr->org[pr->n] = oid;
		pr->weight[pr->n] = aandeel;
		pr->n++;
	}
	return 0;
}

/* Every member of the proeftuin, weighted equally or by inhabitants. */
static int all_members(struct store *s, const struct pt *pt, const char *key, struct principals *pr, struct problem *p)
{
	struct db_stmt *st = db_query(
		s->db,
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
		return problem_refuse(p, "verdeelsleutel",
				      "Verdeelsleutel 'inwoners' kan niet: van %s is geen inwonertal bekend. Vul het in bij de "
				      "organisatie of kies verdeelsleutel 'gelijk'.",
				      missing);
	return 0;
}

static int insert_opdracht(struct store *s, const struct pt *pt, const char *soort, const char *titel, const char *omschrijving,
			   const char *contact, long long geraamd, const char *key, const struct principals *pr,
			   json_t *competenties, long long *id_out, struct problem *p)
{
	char now[32];
	store_now_text(now);
	long long id;
	int r = db_insert(s->db, &id,
			  "INSERT INTO opdrachten(proeftuin_id, soort, titel, omschrijving, contactpersoon, geraamde_minuten,"
			  " verdeelsleutel, aangemaakt) VALUES(?, ?, ?, ?, ?, CASE WHEN ? < 0 THEN NULL ELSE ? END, ?, ?)"
			  " RETURNING id",
			  "lttttlltt", pt->id, soort, titel, omschrijving && omschrijving[0] ? omschrijving : NULL,
			  contact && contact[0] ? contact : NULL, geraamd, geraamd, key, now);
	if (r < 0)
		return store_db_problem(s, r, p, "opdracht");
	for (size_t i = 0; i < pr->n; i++) {
		r = db_run(s->db, "INSERT INTO opdrachtgevers(opdracht_id, volgorde, organisatie_id, aandeel) VALUES(?, ?, ?, ?)",
			   "llll", id, (long long)i + 1, pr->org[i], (long long)pr->weight[i]);
		if (r < 0)
			return store_db_problem(s, r, p, "opdrachtgever");
	}
	size_t i;
	json_t *x;
	if (competenties)
		json_array_foreach(competenties, i, x) {
			r = db_run(s->db,
				   "INSERT INTO opdracht_competenties(opdracht_id, competentie, niveau) VALUES(?, ?, ?)"
				   " ON CONFLICT(opdracht_id, competentie) DO UPDATE SET niveau = CASE WHEN excluded.niveau > "
				   "opdracht_competenties.niveau"
				   " THEN excluded.niveau ELSE opdracht_competenties.niveau END",
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
	json_array_foreach(list, i, x) {
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
		json_array_foreach(list, j, y)
			if (j < i && json_is_object(y) && json_equal(json_object_get(y, "competentie"), c)) {
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
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
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
		problem_param(p, "verdeelsleutel",
			      "hoort alleen bij een regionale opdracht; geef anders opdrachtgevers met hun aandeel");
	else if (gevers && key)
		problem_param(p, "verdeelsleutel", "geef óf opdrachtgevers met hun aandeel, óf een verdeelsleutel");
	if (soort && strcmp(soort, "regionaal") && !gevers && !json_object_get(in, "opdrachtgevers"))
		problem_param(p, "opdrachtgevers", "is verplicht bij een %s opdracht", soort);
	if (p->status)
		return -p->status;
	if (urenbank_pt_check_open(&pt, p) < 0)
		return -p->status;
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	int r = 0;
	if (gevers)
		r = read_principals(s, &pt, gevers, pr, p);
	else
		r = all_members(s, &pt, key ? key : "gelijk", pr, p);
	long long members = urenbank_one_int(s, "SELECT count(*) FROM proeftuin_leden WHERE proeftuin_id = ?", "l", pt.id);
	if (r == 0 && !strcmp(soort, "lokaal") && pr->n != 1)
		r = problem_refuse(p, "opdrachtgevers",
				   "Een lokale opdracht heeft precies één opdrachtgever (er zijn er %zu opgegeven); kies "
				   "'meervoudig-lokaal' voor meer.",
				   pr->n);
	else if (r == 0 && !strcmp(soort, "meervoudig-lokaal") && pr->n < 2)
		r = problem_refuse(p, "opdrachtgevers",
				   "Een meervoudig-lokale opdracht heeft twee of meer opdrachtgevers (er is er %zu opgegeven).",
				   pr->n);
	else if (r == 0 && !strcmp(soort, "regionaal") && (long long)pr->n != members)
		r = problem_refuse(
			p, "opdrachtgevers",
			"Een regionale opdracht is van alle %lld leden van proeftuin '%s'; laat opdrachtgevers weg en kies "
			"een verdeelsleutel, of noem ze allemaal.",
			members, pt.code);
	long long id = 0;
	if (r == 0)
		r = insert_opdracht(s, &pt, soort, titel, omschrijving, contact, geraamd,
				    gevers ? "aandeel"
				    : key  ? key
					   : "gelijk",
				    pr, competenties, &id, p);
	free(pr);
	if (r < 0)
		return r;
	if (a->out && !(*a->out = opdracht_json(s, id)))
		return problem_set(p, 500, "Opdracht %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_opdracht_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_opdracht_create, &a);
}

int urenbank_opdracht_get(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt.id, id, NULL, 0))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", id, pt.code);
	*out = opdracht_json(s, id);
	return *out ? 0 : problem_set(p, 500, "Opdracht %lld is niet te lezen.", id);
}

/* The opdrachten of a proeftuin: a page of the API (pg), a page's table
 * (l: search, sort, page; *total before paging), or all (both NULL). */
static int opdracht_query(struct store *s, const char *ptc, const char *status, const char *soort, const char *org,
			  struct store_page *pg, const struct listing *l, int what, json_t **out, long long *total,
			  struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (status && enum_index(opdracht_statussen, status) < 0)
		problem_param(p, "status", "moet open, afgerond of samengevoegd zijn");
	if (soort && enum_index(opdracht_soorten, soort) < 0)
		problem_param(p, "soort", "moet lokaal, meervoudig-lokaal of regionaal zijn");
	if (org && !store_org_id(s, org))
		problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", org);
	if (p->status)
		return -p->status;
	static const struct listing_column cols[] = { { "nr", "o.id" },
						      { "titel", "lower(o.titel)" },
						      { "soort", "o.soort" },
						      { "status", "o.status" },
						      { "geraamd", "coalesce(o.geraamde_minuten, -1)" },
						      { NULL, NULL } };
#define WHERE                                                                                                                    \
	" FROM opdrachten o JOIN proeftuinen p ON p.id = o.proeftuin_id WHERE o.proeftuin_id = ?1 AND (?2 IS NULL OR o.status = ?2)"                                    \
	" AND (?3 IS NULL OR o.soort = ?3) AND (?4 IS NULL OR EXISTS (SELECT 1 FROM opdrachtgevers g"                            \
	"  JOIN organisaties org ON org.id = g.organisatie_id WHERE g.opdracht_id = o.id AND org.code = ?4))"                    \
	" AND (?5 IS NULL OR lower(o.titel) LIKE lower(?5) ESCAPE '\\' OR lower(coalesce(o.contactpersoon, '')) LIKE lower(?5) " \
	"ESCAPE "                                                                                                                \
	"'\\' OR lower(coalesce(o.omschrijving, '')) LIKE lower(?5) ESCAPE '\\')"
	char pat[256], order[256], sql[2048];
	const char *like = listing_pattern(l, pat, sizeof(pat));
	if (l)
		listing_order(l, cols, 0, "o.id", order, sizeof(order));
	else
		snprintf(order, sizeof(order), " ORDER BY o.id LIMIT ?6 OFFSET ?7");
	/* The total is counted apart: a window (count(*) OVER ()) would read
	 * every matching opdracht whole before the page (5 000 nationally). */
	snprintf(sql, sizeof(sql), "SELECT " OPDRACHT_COLS WHERE "%s", order);
	/* The page's rows, then each list for all of them (opdracht_lists). */
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, sql, "ltttt" STORE_PAGE_BINDS, pt.id, status, soort, org, like, STORE_PAGE_ARGS(pg));
	json_t *a = json_array(), *byid = json_object();
	long long *ids = NULL;
	size_t n = 0, cap = 0;
	if (total)
		*total = 0;
	while (db_step(st) == DB_ROW) {
		long long *more = grow(ids, &cap, n, sizeof(*ids));
		if (!more)
			break;
		ids = more;
		json_t *o = opdracht_row_json(st, 0);
		char k[32];
		snprintf(k, sizeof(k), "%lld", (ids[n++] = db_col_int(st, 0)));
		json_object_set(byid, k, o);
		json_array_append_new(a, o);
	}
	db_finalize(st);
	if (total) {
		st = db_query(s->db, "SELECT count(*)" WHERE, "ltttt", pt.id, status, soort, org, like);
		*total = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
		db_finalize(st);
	}
	urenbank_opdracht_lists(s, byid, ids, n, what);
	json_decref(byid);
	free(ids);
	store_page_end(s, pg, pg ? db_query(s->db, "SELECT count(*)" WHERE, "ltttt", pt.id, status, soort, org, like) : NULL);
#undef WHERE
	*out = a;
	return 0;
}

json_t *urenbank_opdracht_titles(struct store *s, const char *ptc)
{
	json_t *titles = json_object();
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id, o.titel FROM opdrachten o JOIN proeftuinen p ON p.id = o.proeftuin_id"
				      " WHERE p.code = ?",
				      "t", ptc ? ptc : "");
	while (db_step(st) == DB_ROW) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", db_col_int(st, 0));
		json_object_set_new(titles, id, json_string(db_col_text(st, 1)));
	}
	db_finalize(st);
	return titles;
}

int urenbank_opdracht_list(struct store *s, const char *ptc, const char *status, const char *soort, const char *org, json_t **out,
			   struct problem *p)
{
	return opdracht_query(s, ptc, status, soort, org, NULL, NULL, OPDRACHT_ALLES, out, NULL, p);
}

int urenbank_opdracht_page(struct store *s, const char *ptc, const char *status, const char *soort, const char *org,
			   struct store_page *pg, json_t **out, struct problem *p)
{
	return opdracht_query(s, ptc, status, soort, org, pg, NULL, OPDRACHT_ALLES, out, NULL, p);
}

int urenbank_opdracht_list_page(struct store *s, const char *ptc, const char *status, const char *soort, const char *org,
				const struct listing *l, json_t **out, long long *total, struct problem *p)
{
	return opdracht_query(s, ptc, status, soort, org, NULL, l, OPDRACHT_ALLES, out, total, p);
}

int urenbank_opdracht_choices(struct store *s, const char *ptc, const struct urenbank_choice *c, json_t **out, long long *total,
			      struct problem *p)
{
	const struct listing l = { .search = c->zoek, .limit = c->limit };
	return opdracht_query(s, ptc, "open", NULL, c->org, NULL, &l, OPDRACHT_GEVERS, out, total, p);
}

int urenbank_opdracht_principals(struct store *s, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt.id, id, NULL, 0))
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

static int do_opdracht_close(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	char status[24];
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt.id, a->id, status, sizeof(status)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	if (strcmp(status, "open"))
		return urenbank_opdracht_not_open(s, a->id, status, NULL, p);
	if (urenbank_release_inzet(s, pt.id, "o.id = ?", a->id, p) < 0)
		return -p->status;
	char now[32];
	store_now_text(now);
	int r = db_run(s->db, "UPDATE opdrachten SET status = 'afgerond', afgerond = ? WHERE id = ?", "tl", now, a->id);
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

/* What a merge of opdracht id with the body's "met" must satisfy, for a
 * merge and a proposal alike: both open, in one open proeftuin, not the
 * same, neither regionaal. Fills pt, *met and *titel. */
int urenbank_merge_check(struct store *s, const char *pt_code, long long id, json_t *in, struct pt *pt, long long *met,
			 const char **titel, struct problem *p)
{
	char st1[24], st2[24];
	*met = 0;
	*titel = NULL;
	if (urenbank_pt_load(s, pt_code, pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt->id, id, st1, sizeof(st1)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", id, pt->code);
	field_int(in, "met", FIELD_REQUIRED, 1, INT64_MAX, met, p);
	field_text(in, "titel", FIELD_OPTIONAL, 200, titel, p);
	if (p->status)
		return -p->status;
	if (urenbank_pt_check_open(pt, p) < 0)
		return -p->status;
	if (*met == id)
		return problem_refuse(p, "met", "Een opdracht kan niet met zichzelf worden samengevoegd.");
	if (!urenbank_opdracht_find(s, pt->id, *met, st2, sizeof(st2)))
		return problem_refuse(p, "met", "Opdracht %lld bestaat niet in proeftuin '%s'.", *met, pt->code);
	if (strcmp(st1, "open"))
		return urenbank_opdracht_not_open(s, id, st1, NULL, p);
	if (strcmp(st2, "open"))
		return urenbank_opdracht_not_open(s, *met, st2, "met", p);
	long long ids[2] = { id, *met };
	for (int k = 0; k < 2; k++)
		if (urenbank_one_int(s, "SELECT soort = 'regionaal' FROM opdrachten WHERE id = ?", "l", ids[k]))
			return problem_refuse(p, k ? "met" : NULL,
					      "Opdracht %lld is regionaal: die is al van alle leden en wordt niet samengevoegd.",
					      ids[k]);
	return 0;
}

static int do_merge(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	long long met;
	const char *titel;
	if (urenbank_merge_check(s, a->pt, a->id, a->in, &pt, &met, &titel, p) < 0)
		return -p->status;
	long long ids[2] = { a->id, met };
	struct principals *pr = calloc(1, sizeof(*pr));
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	/* Both principals, in order; one that is in both adds its weights. */
	int r = 0;
	for (int k = 0; k < 2 && r == 0; k++) {
		struct principals *src = urenbank_principals_load(s, ids[k]);
		if (!src) {
			r = problem_set(p, 500, "geen geheugen");
			break;
		}
		for (size_t i = 0; i < src->n; i++) {
			int j = urenbank_principal_index(pr, src->org[i]);
			if (j < 0 && pr->n < MAX_MEMBERS) {
				pr->org[pr->n] = src->org[i];
				pr->weight[pr->n++] = src->weight[i];
			} else if (j >= 0) {
				pr->weight[j] += src->weight[i];
				if (pr->weight[j] > LEDGER_MAX_SPLIT)
					r = problem_refuse(p, "met", "De aandelen worden samen te groot (meer dan %lld).",
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
			urenbank_journal_text(title, title, 198);
		char contact[201] = "", oms[4001] = "";
		snprintf(contact, sizeof(contact), "%s", db_col_null(st, 2) ? "" : db_col_text(st, 2));
		snprintf(oms, sizeof(oms), "%s", db_col_null(st, 3) ? "" : db_col_text(st, 3));
		long long geraamd = db_col_int(st, 4);
		db_finalize(st);
		st = NULL;
		json_t *comp = json_array();
		struct db_stmt *c =
			db_query(s->db,
				 "SELECT competentie, max(niveau) FROM opdracht_competenties WHERE opdracht_id IN (?, ?)"
				 " GROUP BY competentie",
				 "ll", a->id, met);
		while (db_step(c) == DB_ROW)
			json_array_append_new(comp, json_pack("{s:s,s:I}", "competentie", db_col_text(c, 0), "niveau",
							      (json_int_t)db_col_int(c, 1)));
		db_finalize(c);
		r = insert_opdracht(s, &pt, pr->n >= 2 ? "meervoudig-lokaal" : "lokaal", title, oms, contact, geraamd, "aandeel",
				    pr, comp, &id, p);
		json_decref(comp);
	}
	db_finalize(st);
	free(pr);
	if (r < 0)
		return r;
	for (int k = 0; k < 2; k++) {
		if (urenbank_release_inzet(s, pt.id, "o.id = ?", ids[k], p) < 0)
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

int urenbank_opdracht_merge(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			    struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_merge, &a);
}

/* The text members an update may change, and the column of each. */
static const struct {
	const char *member, *column;
	size_t max;
} editable_texts[] = { { "omschrijving", "omschrijving", 4000 }, { "contactpersoon", "contactpersoon", 200 } };

static int do_update(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	json_t *in = a->in, *competenties = NULL;
	struct pt pt;
	char status[24];
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt.id, a->id, status, sizeof(status)))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", a->id, pt.code);
	/* Who pays and how much each share weighs is fixed once staff is
	 * committed on it: those are not changed here. */
	static const char *const known[] = { "titel", "omschrijving", "contactpersoon", "geraamdeMinuten", "competenties", NULL };
	const char *key;
	json_t *v;
	json_object_foreach(in, key, v) {
		if (enum_index(known, key) < 0)
			problem_param(p, key,
				      "kan niet worden gewijzigd (wel: titel, omschrijving, contactpersoon, "
				      "geraamdeMinuten en competenties)");
	}
	const char *titel = NULL, *texts[2] = { NULL, NULL };
	long long geraamd = -1;
	json_t *t = json_object_get(in, "titel");
	if (t && (json_is_null(t) || (json_is_string(t) && !json_string_value(t)[strspn(json_string_value(t), " ")])))
		problem_param(p, "titel", "mag niet leeg zijn");
	else
		field_text(in, "titel", FIELD_OPTIONAL, 200, &titel, p);
	for (size_t i = 0; i < 2; i++)
		field_text(in, editable_texts[i].member, FIELD_OPTIONAL, editable_texts[i].max, &texts[i], p);
	field_int(in, "geraamdeMinuten", FIELD_OPTIONAL, 0, MAX_PLAN_MINUTES, &geraamd, p);
	if (field_array(in, "competenties", FIELD_OPTIONAL, &competenties, p) > 0)
		check_competenties(competenties, p);
	if (p->status)
		return -p->status;
	if (strcmp(status, "open"))
		return urenbank_opdracht_not_open(s, a->id, status, NULL, p);
	int r = 0;
	if (titel)
		r = db_run(s->db, "UPDATE opdrachten SET titel = ? WHERE id = ?", "tl", titel, a->id);
	for (size_t i = 0; r >= 0 && i < 2; i++) {
		if (!json_object_get(in, editable_texts[i].member))
			continue;
		char sql[96];
		snprintf(sql, sizeof(sql), "UPDATE opdrachten SET %s = ? WHERE id = ?", editable_texts[i].column);
		r = db_run(s->db, sql, "tl", texts[i] && texts[i][0] ? texts[i] : NULL, a->id);
	}
	if (r >= 0 && json_object_get(in, "geraamdeMinuten"))
		r = db_run(s->db, "UPDATE opdrachten SET geraamde_minuten = CASE WHEN ? < 0 THEN NULL ELSE ? END WHERE id = ?",
			   "lll", geraamd, geraamd, a->id);
	if (r >= 0 && competenties) {
		r = db_run(s->db, "DELETE FROM opdracht_competenties WHERE opdracht_id = ?", "l", a->id);
		size_t i;
		json_t *x;
		json_array_foreach(competenties, i, x) {
			if (r < 0)
				break;
			r = db_run(s->db, "INSERT INTO opdracht_competenties(opdracht_id, competentie, niveau) VALUES(?, ?, ?)",
				   "ltl", a->id, json_string_value(json_object_get(x, "competentie")),
				   (long long)json_integer_value(json_object_get(x, "niveau")));
		}
	}
	if (r < 0)
		return store_db_problem(s, r, p, "opdracht");
	if (a->out && !(*a->out = opdracht_json(s, a->id)))
		return problem_set(p, 500, "Opdracht %lld is niet terug te lezen.", a->id);
	return 0;
}

int urenbank_opdracht_update(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			     struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_update, &a);
}

/* ---- inzet ---------------------------------------------------------------- */

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

int urenbank_inzet_input(struct store *s, const char *pt_code, long long id, json_t *in, struct pt *pt, char *status, size_t len,
			 long long *mw, long long *minuten, struct problem *p)
{
	*mw = *minuten = 0;
	if (urenbank_pt_load(s, pt_code, pt, p) < 0)
		return -p->status;
	if (!urenbank_opdracht_find(s, pt->id, id, status, len))
		return problem_set(p, 404, "Opdracht %lld bestaat niet in proeftuin '%s'.", id, pt->code);
	field_int(in, "medewerker", FIELD_REQUIRED, 1, INT64_MAX, mw, p);
	field_int(in, "minuten", FIELD_REQUIRED, 1, MAX_PLAN_MINUTES, minuten, p);
	return p->status ? -p->status : 0;
}

int urenbank_provider_check(struct store *s, const struct pt *pt, long long provider, long long mw, struct problem *p)
{
	if (urenbank_is_member(s, pt->id, provider))
		return 0;
	char label[200];
	urenbank_org_label(s, provider, label, sizeof(label));
	return problem_refuse(p, "medewerker", "Medewerker %lld werkt bij %s, dat geen lid is van proeftuin '%s'.", mw, label,
			      pt->code);
}

static int do_inzet(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	char status[24];
	long long mw = 0, minuten = 0;
	if (urenbank_inzet_input(s, a->pt, a->id, a->in, &pt, status, sizeof(status), &mw, &minuten, p) < 0)
		return -p->status;
	if (urenbank_pt_check_open(&pt, p) < 0)
		return -p->status;
	if (strcmp(status, "open"))
		return urenbank_opdracht_not_open(s, a->id, status, NULL, p);
	long long provider = urenbank_medewerkers_org_id(s, mw);
	if (!provider)
		return problem_refuse(p, "medewerker", "Medewerker %lld bestaat niet.", mw);
	if (urenbank_provider_check(s, &pt, provider, mw, p) < 0)
		return -p->status;
	if (minuten > LEDGER_MAX_SPLIT)
		return problem_refuse(p, "minuten", "Te veel minuten voor één inzet.");
	struct principals *pr = urenbank_principals_load(s, a->id);
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	int32_t idx[MAX_MEMBERS], prov;
	long long orgs[MAX_MEMBERS + 1];
	int64_t commit[MAX_MEMBERS];
	urenbank_ledger_members(pr, provider, idx, orgs, &prov);
	int r = 0;
	if (ledger_commitments(prov, minuten, idx, pr->weight, pr->n, commit) < 0)
		r = problem_set(p, 500, "Interne fout: de verdeling van opdracht %lld is ongeldig.", a->id);
	if (r == 0)
		r = urenbank_check_draws(s, &pt, orgs, commit, pr->n, "deze inzet legt er", " vast", "minuten", p);
	char now[32];
	store_now_text(now);
	long long id = 0;
	if (r == 0) {
		r = db_insert(s->db, &id,
			      "INSERT INTO inzet(opdracht_id, medewerker_id, organisatie_id, minuten, aangemaakt, door)"
			      " VALUES(?, ?, ?, ?, ?, ?) RETURNING id",
			      "llllt"
			      "t",
			      a->id, mw, provider, minuten, now, urenbank_who(a->by));
		r = r < 0 ? store_db_problem(s, r, p, "inzet") : urenbank_opdracht_inzet_in(s, a->id, now, p);
	}
	for (size_t i = 0; r == 0 && i < pr->n; i++) {
		if (commit[i] <= 0)
			continue;
		r = db_run(s->db, "INSERT INTO inzet_vastleggingen(inzet_id, organisatie_id, minuten) VALUES(?, ?, ?)", "lll", id,
			   pr->org[i], (long long)commit[i]);
		r = r < 0 ? store_db_problem(s, r, p, "vastlegging")
			  : urenbank_member_add(s, pt.id, pr->org[i], 0, 0, 0, commit[i], p);
	}
	free(pr);
	if (r < 0)
		return r;
	if (a->out && !(*a->out = inzet_json(s, id)))
		return problem_set(p, 500, "Inzet %lld is niet terug te lezen.", id);
	return 0;
}

int urenbank_inzet_create(struct store *s, const struct actor *by, const char *pt, long long opdracht, json_t *in, json_t **out,
			  struct problem *p)
{
	struct create_args a = { by, pt, opdracht, in, out };
	return store_transaction(s, p, do_inzet, &a);
}
