/* Hour entries of the hours exchange (urenbank.h): submitting, approving
 * (which posts them), rejecting, correcting (a reversing transaction),
 * importing, and reading them back. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/nl.h"
#include "core/register.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"
#include "store/fields.h"
#include "store/gedeeld.h"

#define MAX_ENTRY_MINUTES 1440 /* one entry, and one person's day */

static const char *const uren_statussen[] = { "ingediend", "goedgekeurd", "afgekeurd", "gecorrigeerd", NULL };

/* ---- uren ----------------------------------------------------------------- */

#define UREN_COLS                                                                                                        \
	"u.id, p.code, u.opdracht_id, u.medewerker_id, m.naam, org.code, u.datum, u.minuten, u.omschrijving, u.status,"  \
	" u.reden, u.ingediend, u.ingediend_door, u.beoordeeld, u.beoordeeld_door, u.gecorrigeerd, u.gecorrigeerd_door," \
	" u.transactie_id, u.correctie_id, u.proeftuin_id, u.organisatie_id"
#define UREN_FROM                                                                                               \
	" FROM uren u JOIN proeftuinen p ON p.id = u.proeftuin_id JOIN medewerkers m ON m.id = u.medewerker_id" \
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
	json_object_set_new(o, "transactie", urenbank_int_or_null(st, 17));
	json_object_set_new(o, "correctie", urenbank_int_or_null(st, 18));
	if (with_postings)
		json_object_set_new(o, "posten",
				    db_col_null(st, 17) ? json_array()
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

/* ---- who may see and approve an entry ------------------------------------- */

void urenbank_sight_init(struct urenbank_sight *v, struct store *s, const struct actor *viewer, const char *pt)
{
	memset(v, 0, sizeof(*v));
	v->s = s;
	v->viewer = viewer;
	snprintf(v->proeftuin, sizeof(v->proeftuin), "%s", pt ? pt : "");
	struct problem p;
	problem_init(&p);
	urenbank_proeftuin_verband(s, v->proeftuin, v->verband, sizeof(v->verband), &p);
	const struct policy_target t = { NULL, v->verband, v->proeftuin };
	v->all = !viewer || policy_allows_in(viewer, ACT_HOURS_READ, &t);
	v->principals = json_object();
	v->codes = json_object();
}

void urenbank_sight_release(struct urenbank_sight *v)
{
	json_decref(v->principals);
	json_decref(v->codes);
	v->principals = v->codes = NULL;
}

static const char *sight_code(struct urenbank_sight *v, long long org)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", org);
	json_t *c = json_object_get(v->codes, key);
	if (!c) {
		char code[40];
		urenbank_org_code(v->s, org, code, sizeof(code));
		json_object_set_new(v->codes, key, c = json_string(code));
	}
	return json_string_value(c);
}

/* The entry as the policy sees it; its principals array (malloc'd) goes
 * into *codes, which the caller frees. */
static void sight_entry(struct urenbank_sight *v, long long opdracht, long long staff_org, long long medewerker,
			struct policy_entry *e, const char ***codes)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", opdracht);
	json_t *list = json_object_get(v->principals, key);
	if (!list) {
		list = json_array();
		struct db_stmt *st = db_query(v->s->db,
					      "SELECT o.code FROM opdrachtgevers g JOIN organisaties o ON o.id = g.organisatie_id"
					      " WHERE g.opdracht_id = ? ORDER BY g.volgorde",
					      "l", opdracht);
		while (db_step(st) == DB_ROW)
			json_array_append_new(list, json_string(db_col_text(st, 0)));
		db_finalize(st);
		json_object_set_new(v->principals, key, list);
	}
	size_t n = json_array_size(list), i;
	*codes = calloc(n + 1, sizeof(**codes));
	for (i = 0; *codes && i < n; i++)
		(*codes)[i] = json_string_value(json_array_get(list, i));
	*e = (struct policy_entry){ sight_code(v, staff_org), medewerker, *codes, *codes ? (int)n : 0, v->verband, v->proeftuin };
}

int urenbank_sight_allows(struct urenbank_sight *v, enum action action, long long opdracht, long long staff_org,
			  long long medewerker)
{
	if (!v->viewer || (action == ACT_HOURS_READ && v->all))
		return 1;
	struct policy_entry e;
	const char **codes;
	sight_entry(v, opdracht, staff_org, medewerker, &e, &codes);
	int ok = policy_allows_entry(v->viewer, action, &e);
	free(codes);
	return ok;
}

void urenbank_sight_approvers(struct urenbank_sight *v, long long opdracht, long long staff_org, char *out, size_t len)
{
	struct policy_entry e;
	const char **codes;
	sight_entry(v, opdracht, staff_org, 0, &e, &codes);
	size_t k = 0;
	out[0] = '\0';
	for (int i = 0; i < e.nprincipals && k < len; i++)
		if (policy_entry_approver(&e, e.principals[i]))
			k += (size_t)snprintf(out + k, len - k, "%s%s", k ? ", " : "", e.principals[i]);
	free(codes);
}

void urenbank_uren_conceal(json_t *entry)
{
	static const char *const personal[] = { "medewerker",    "medewerkerNaam", "omschrijving",     "reden",
						"ingediendDoor", "beoordeeldDoor", "gecorrigeerdDoor", NULL };
	for (int i = 0; personal[i]; i++)
		json_object_del(entry, personal[i]);
}

/* An entry of opdracht going from status from (NULL: new) to status to,
 * counted per proeftuin and status (migration 104) for the overview and
 * the lists' totals; proeftuin verify recomputes them. Held back in an
 * import's batch (b) that defers for proeftuin ptid. */
static int uren_stand_in(struct urenbank_batch *b, long long ptid, struct store *s, long long opdracht, const char *from,
			 const char *to, long long minuten, struct problem *p)
{
	if (urenbank_batch_defers(b, ptid)) {
		if (from && urenbank_tel_in(b, s, URENBANK_TEL_STAND, ptid, NULL, 0, 0, from, -1, -minuten, p) < 0)
			return -p->status;
		return urenbank_tel_in(b, s, URENBANK_TEL_STAND, ptid, NULL, 0, 0, to, 1, minuten, p);
	}
	for (int k = 0; k < 2; k++) {
		const char *status = k ? to : from;
		if (!status)
			continue;
		int r = db_run(s->db,
			       "INSERT INTO urenbank_uren_stand(proeftuin_id, status, aantal, minuten)"
			       " SELECT proeftuin_id, ?, ?, ? FROM opdrachten WHERE id = ?"
			       " ON CONFLICT(proeftuin_id, status) DO UPDATE SET aantal = urenbank_uren_stand.aantal + excluded.aantal,"
			       " minuten = urenbank_uren_stand.minuten + excluded.minuten",
			       "tlll", status, k ? 1LL : -1LL, k ? minuten : -minuten, opdracht);
		if (r < 0)
			return store_db_problem(s, r, p, "urenstand");
	}
	return 0;
}

struct entry {
	long long id, opdracht, medewerker, provider, minuten, txn;
	char datum[DATE_TEXT_LEN], status[24];
	int written_approved; /* an import's entry, written as approved before approve() checked it */
	char ingediend[32];   /* when it was submitted, as stored */
};

/* e went from status was (NULL: new) to status: its month's sums follow,
 * from the entry in hand (urenbank_maand_van). */
static int maand_follow(struct urenbank_batch *b, struct store *s, long long ptid, const struct entry *e, const char *status,
			long long dagen, const char *was, struct problem *p)
{
	return urenbank_maand_van(b, s, ptid, e->provider, e->opdracht, e->minuten, e->datum, status, dagen, was, p);
}

/* Submits a->in; made (may be NULL) gets the entry as written. approving:
 * approve() follows in the same savepoint (an import), so the row is
 * written as approved at once and approve() only adds its transaction
 * (one update of the row and its status index fewer); when approve()
 * refuses, the savepoint takes the row back. */
struct import_args;
static int import_before_write(struct store *s, struct import_args *a, const struct entry *e, struct problem *p);

static int submit(struct store *s, struct create_args *a, struct entry *made, int approving, struct import_args *im,
		  struct problem *p)
{
	struct pt pt;
	long long mw = 0, opdracht = 0, minuten = 0;
	const char *datum = NULL, *omschrijving = NULL;
	if (urenbank_batch_pt(a->batch, s, a->pt, &pt, p) < 0)
		return -p->status;
	field_int(a->in, "medewerker", FIELD_REQUIRED, 1, INT64_MAX, &mw, p);
	field_int(a->in, "opdracht", FIELD_REQUIRED, 1, INT64_MAX, &opdracht, p);
	field_date(a->in, "datum", FIELD_REQUIRED, &datum, p);
	field_int(a->in, "minuten", FIELD_REQUIRED, 1, MAX_ENTRY_MINUTES, &minuten, p);
	field_text(a->in, "omschrijving", FIELD_OPTIONAL, 1000, &omschrijving, p);
	if (p->status)
		return -p->status;
	char status[24];
	if (!urenbank_batch_opdracht(a->batch, s, pt.id, opdracht, status, sizeof(status)))
		return problem_refuse(p, "opdracht", "Opdracht %lld bestaat niet in proeftuin '%s'.", opdracht, pt.code);
	long long provider = urenbank_batch_staff_org(a->batch, s, mw);
	if (!provider)
		return problem_refuse(p, "medewerker", "Medewerker %lld bestaat niet.", mw);
	if (urenbank_pt_check_date(&pt, datum, "datum", p) < 0)
		return -p->status;
	if (strcmp(status, "open"))
		return urenbank_opdracht_not_open(s, opdracht, status, "opdracht", p);
	/* Names for the messages, read only for a refusal. */
	char who[200], what[320];
#define NAMES() (urenbank_person_name(s, mw, who, sizeof(who)), urenbank_opdracht_name(s, opdracht, what, sizeof(what)))
	if (!urenbank_batch_member(a->batch, s, pt.id, provider)) {
		NAMES();
		char label[200];
		urenbank_org_label(s, provider, label, sizeof(label));
		return problem_refuse(p, "medewerker", "%s werkt bij %s, dat geen lid is van %s.", who, label, pt.naam);
	}
	long long that_day = urenbank_one_int(s,
					      "SELECT coalesce(sum(minuten), 0) FROM uren WHERE medewerker_id = ? AND datum = ?"
					      " AND status IN ('ingediend','goedgekeurd')",
					      "lt", mw, datum);
	if (that_day + minuten > MAX_ENTRY_MINUTES) {
		NAMES();
		char day[NL_TEXT_LEN], had[40], more[40];
		nl_date(datum, day, sizeof(day));
		nl_hours(that_day, 0, had, sizeof(had));
		nl_hours(minuten, 0, more, sizeof(more));
		return problem_refuse(p, "minuten", "%s heeft op %s al %s geboekt; met %s erbij is het meer dan een etmaal.", who,
				      day, had, more);
	}
	int owned;
	struct principals *pr = urenbank_batch_principals(a->batch, s, opdracht, &owned);
	if (!pr)
		return problem_set(p, 500, "geen geheugen");
	int principal = urenbank_principal_index(pr, provider) >= 0;
	if (owned)
		free(pr);
	/* A shared medewerker (gedeeld.h) that works for a principal on the
	 * date books as its own staff would: the werkt-voor agreement stands
	 * for an inzet. The hours still credit the werkgever and approval still
	 * checks the principals' drawing rights and four eyes. */
	if (!principal && !gedeeld_werkt_voor_opdracht(s, mw, opdracht, datum)) {
		/* Staff of another organisation books within its inzet. */
		long long ingezet = urenbank_batch_inzet(a->batch, s, pt.id, opdracht, mw);
		long long geboekt = urenbank_batch_booked(a->batch, s, pt.id, opdracht, mw);
		if (ingezet == 0 || geboekt + minuten > ingezet)
			NAMES();
		if (ingezet == 0)
			return problem_refuse(p, "opdracht",
					      "%s is niet ingezet op %s; wie niet bij een opdrachtgever werkt, boekt alleen "
					      "binnen een inzet. Vraag uw manager om de inzet.",
					      who, what);
		if (geboekt + minuten > ingezet) {
			char h_in[40], h_geb[40], h_left[40], h_new[40];
			nl_hours(ingezet, 0, h_in, sizeof(h_in));
			nl_hours(geboekt, 0, h_geb, sizeof(h_geb));
			nl_hours(ingezet - geboekt, 0, h_left, sizeof(h_left));
			nl_hours(minuten, 0, h_new, sizeof(h_new));
			return problem_refuse(p, "minuten",
					      "%s is voor %s ingezet op %s en heeft er al %s geboekt; er kan nog %s bij, "
					      "niet %s.",
					      who, h_in, what, h_geb, h_left, h_new);
		}
	}
#undef NAMES
	/* An import without a savepoint per entry: the last refusal comes here,
	 * before anything is written (import_before_write). */
	struct entry to_be = { 0, opdracht, mw, provider, minuten, 0, "", "ingediend", approving };
	snprintf(to_be.datum, sizeof(to_be.datum), "%s", datum);
	if (im && import_before_write(s, im, &to_be, p) < 0)
		return -p->status;
	char now[32];
	store_now_text(now);
	long long id;
	const char *note = omschrijving && omschrijving[0] ? omschrijving : NULL;
	int r = approving && made
			? db_insert_row(s->db, &id,
					"INSERT INTO uren(proeftuin_id, opdracht_id, medewerker_id, organisatie_id, datum, minuten,"
					" omschrijving, ingediend, ingediend_door, status, beoordeeld, beoordeeld_door)"
					" VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, 'goedgekeurd', ?, ?) RETURNING id",
					"lllltlttttt", pt.id, opdracht, mw, provider, datum, minuten, note, now, urenbank_who(a->by), now,
					urenbank_who(a->by))
			: db_insert_row(s->db, &id,
					"INSERT INTO uren(proeftuin_id, opdracht_id, medewerker_id, organisatie_id, datum, minuten,"
					" omschrijving, ingediend, ingediend_door) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
					"lllltlttt", pt.id, opdracht, mw, provider, datum, minuten, note, now, urenbank_who(a->by));
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	if (urenbank_batch_booked_add(a->batch, pt.id, opdracht, mw, minuten) < 0)
		return problem_set(p, 500, "Onvoldoende geheugen.");
	if (urenbank_opdracht_totals(a->batch, pt.id, s, opdracht, minuten, 0, now, NULL, p) < 0 ||
	    uren_stand_in(a->batch, pt.id, s, opdracht, NULL, "ingediend", minuten, p) < 0 ||
	    urenbank_dag_in(a->batch, s, pt.id, now, "ingediend", minuten, p) < 0 ||
	    (!approving && maand_follow(a->batch, s, pt.id, &to_be, "ingediend", -1, NULL, p) < 0)) /* approving: approve() counts it */
		return -p->status;
	a->id = id;
	if (made) {
		*made = to_be;
		made->id = id;
		snprintf(made->ingediend, sizeof(made->ingediend), "%s", now);
	}
	if (a->out && !(*a->out = uren_json(s, id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", id);
	return 0;
}

static int do_uren_submit(struct store *s, void *arg, struct problem *p) { return submit(s, arg, NULL, 0, NULL, p); }

int urenbank_uren_submit(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, 0, in, out };
	return store_transaction(s, p, do_uren_submit, &a);
}

static int entry_load(struct store *s, const struct pt *pt, long long id, struct entry *e, struct problem *p)
{
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT opdracht_id, medewerker_id, organisatie_id, minuten, coalesce(transactie_id, 0), datum, status,"
			 " coalesce(ingediend, '') FROM uren WHERE id = ? AND proeftuin_id = ?",
			 "ll", id, pt->id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Urenregel %lld bestaat niet in proeftuin '%s'.", id, pt->code);
	}
	e->id = id;
	e->written_approved = 0;
	e->opdracht = db_col_int(st, 0);
	e->medewerker = db_col_int(st, 1);
	e->provider = db_col_int(st, 2);
	e->minuten = db_col_int(st, 3);
	e->txn = db_col_int(st, 4);
	snprintf(e->datum, sizeof(e->datum), "%s", db_col_text(st, 5));
	snprintf(e->status, sizeof(e->status), "%s", db_col_text(st, 6));
	snprintf(e->ingediend, sizeof(e->ingediend), "%s", db_col_text(st, 7));
	db_finalize(st);
	return 0;
}

static int entry_status_refused(const struct entry *e, const char *want, const char *action, struct problem *p)
{
	return problem_refuse(p, NULL, "Urenregel %lld is %s; alleen een %s urenregel kan worden %s.", e->id, e->status, want,
			      action);
}

struct release {
	long long inzet, org, minuten;
};

/* What approving an entry writes, as its checks found it: approve_check
 * reads and refuses, approve_write only writes (an import runs the checks
 * before it writes the entry, so that a refusal leaves nothing to undo). */
struct approval {
	struct pt pt;
	struct entry e;
	struct principals *pr;
	int owned, n;
	struct release *rel;
	size_t nrel;
	long long orgs[MAX_MEMBERS + 1];
	struct ledger_posting ps[MAX_MEMBERS + 1];
};

static void approval_free(struct approval *x)
{
	if (x->owned)
		free(x->pr);
	free(x->rel);
	x->pr = NULL;
	x->rel = NULL;
}

/* The checks of approving entry a->id; known: the entry as submitted (an
 * import; its id may still be 0), else it is read. Fills x (approval_free). */
static int approve_check(struct store *s, struct create_args *a, const struct entry *known, struct approval *x,
			 struct problem *p)
{
	x->pr = NULL;
	x->rel = NULL;
	x->owned = 0;
	if (urenbank_batch_pt(a->batch, s, a->pt, &x->pt, p) < 0)
		return -p->status;
	const struct pt *pt = &x->pt;
	struct entry *e = &x->e;
	if (known)
		*e = *known;
	else if (entry_load(s, pt, a->id, e, p) < 0)
		return -p->status;
	if (strcmp(e->status, "ingediend"))
		return entry_status_refused(e, "ingediende", "goedgekeurd", p);
	if (urenbank_pt_check_date(pt, e->datum, NULL, p) < 0)
		return -p->status;
	if (a->by && a->by->role != ROLE_NONE) {
		/* Four eyes: nobody approves what credits their own organisation. */
		struct urenbank_sight own_sight, *v = urenbank_batch_sight(a->batch, s, a->by, pt->code, &own_sight);
		int ok = urenbank_sight_allows(v, ACT_HOURS_APPROVE, e->opdracht, e->provider, e->medewerker);
		char who[400] = "", own[40] = "", which[40] = "deze urenregel";
		if (!ok) {
			urenbank_sight_approvers(v, e->opdracht, e->provider, who, sizeof(who));
			snprintf(own, sizeof(own), "%s", sight_code(v, e->provider));
			if (e->id)
				snprintf(which, sizeof(which), "urenregel %lld", e->id);
		}
		if (v == &own_sight)
			urenbank_sight_release(v);
		if (!ok)
			return problem_set(p, 403,
					   "%s mag %s niet goedkeuren: de uren zijn gewerkt door een medewerker van %s "
					   "en goedkeuren boekt ze als gebracht door die organisatie. Dat keurt de manager van "
					   "een opdrachtgever die betaalt goed: %s.",
					   urenbank_who(a->by), which, own, who);
	}
	struct principals *pr = x->pr = urenbank_batch_principals(a->batch, s, e->opdracht, &x->owned);
	struct release *rel = x->rel = malloc(MAX_MEMBERS * 4 * sizeof(*rel));
	if (!pr || !rel)
		return problem_set(p, 500, "geen geheugen");
	int32_t idx[MAX_MEMBERS], prov;
	int64_t shares[MAX_MEMBERS], released[MAX_MEMBERS], draw[MAX_MEMBERS], want[MAX_MEMBERS];
	urenbank_ledger_members(pr, e->provider, idx, x->orgs, &prov);
	x->n = ledger_hours(prov, e->minuten, idx, pr->weight, pr->n, x->ps, shares);
	if (x->n < 0)
		return problem_set(p, 500, "Interne fout: de verdeling van opdracht %lld is ongeldig.", e->opdracht);
	/* What the staff's inzet committed for this work is released. */
	x->nrel = 0;
	for (size_t i = 0; i < pr->n; i++) {
		want[i] = (int32_t)i == prov ? 0 : shares[i];
		released[i] = 0;
	}
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT v.inzet_id, v.organisatie_id, v.minuten - v.vrijgegeven FROM inzet i"
			 " JOIN inzet_vastleggingen v ON v.inzet_id = i.id WHERE i.opdracht_id = ? AND i.medewerker_id = ?"
			 " AND i.status = 'open' AND v.minuten > v.vrijgegeven ORDER BY i.id, v.organisatie_id",
			 "ll", e->opdracht, e->medewerker);
	while (db_step(st) == DB_ROW && x->nrel < MAX_MEMBERS * 4) {
		int j = urenbank_principal_index(pr, db_col_int(st, 1));
		if (j < 0 || want[j] <= 0)
			continue;
		long long m = db_col_int(st, 2) < want[j] ? db_col_int(st, 2) : want[j];
		want[j] -= m;
		released[j] += m;
		rel[x->nrel++] = (struct release){ db_col_int(st, 0), pr->org[j], m };
	}
	db_finalize(st);
	for (size_t i = 0; i < pr->n; i++)
		draw[i] = (int32_t)i == prov ? 0 : shares[i] - released[i];
	return urenbank_check_draws_in(a->batch, s, pt, x->orgs, draw, pr->n, "deze uren kosten", "", NULL, p);
}

/* Writes the approval x checked (x->e.id the entry's id by now); frees x. */
static int approve_write(struct store *s, struct create_args *a, struct approval *x, struct problem *p)
{
	const struct pt *pt = &x->pt;
	const struct entry e = x->e;
	long long txn = 0;
	char text[400];
	int r = 0;
	if (x->n > 0) {
		char code[40];
		urenbank_batch_org_code(a->batch, s, e.provider, code, sizeof(code));
		snprintf(text, sizeof(text), "Urenregel %lld: %lld min van medewerker %lld (%s) op opdracht %lld", e.id,
			 e.minuten, e.medewerker, code, e.opdracht);
		struct txn t = { e.datum, "uren", text, e.id, 0, 0, 0, e.provider, a->batch, e.opdracht };
		r = urenbank_post(s, pt->id, &t, x->ps, (size_t)x->n, x->orgs, &txn, p);
	}
	for (size_t k = 0; r == 0 && k < x->nrel; k++) {
		const struct release *rel = &x->rel[k];
		r = db_run(
			s->db,
			"UPDATE inzet_vastleggingen SET vrijgegeven = vrijgegeven + ? WHERE inzet_id = ? AND organisatie_id = ?",
			"lll", rel->minuten, rel->inzet, rel->org);
		if (r == 0)
			r = db_run(s->db,
				   "INSERT INTO uren_vrijgaven(uren_id, inzet_id, organisatie_id, minuten) VALUES(?, ?, ?, ?)",
				   "llll", e.id, rel->inzet, rel->org, rel->minuten);
		r = r < 0 ? store_db_problem(s, r, p, "vrijgave")
			  : urenbank_member_add_in(a->batch, s, pt->id, rel->org, 0, 0, 0, -rel->minuten, p);
	}
	approval_free(x);
	if (r < 0)
		return r;
	char now[32];
	store_now_text(now);
	/* Reviewed now, or (written approved by an import) when it was submitted. */
	if (urenbank_opdracht_totals(a->batch, pt->id, s, e.opdracht, 0, e.minuten, NULL, NULL, p) < 0 ||
	    uren_stand_in(a->batch, pt->id, s, e.opdracht, "ingediend", "goedgekeurd", e.minuten, p) < 0 ||
	    urenbank_dag_in(a->batch, s, pt->id, e.written_approved ? e.ingediend : now, "beoordeeld", e.minuten, p) < 0)
		return -p->status;
	if (e.written_approved)
		r = txn ? db_run(s->db, "UPDATE uren SET transactie_id = ? WHERE id = ?", "ll", txn, e.id) : 0;
	else
		r = db_run(s->db,
			   "UPDATE uren SET status = 'goedgekeurd', beoordeeld = ?, beoordeeld_door = ?, transactie_id = nullif(?, 0)"
			   " WHERE id = ?",
			   "ttll", now, urenbank_who(a->by), txn, e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	/* An import's entry written as approved is new here, reviewed when submitted (0 days). */
	if (e.written_approved ? maand_follow(a->batch, s, pt->id, &e, "goedgekeurd", 0, NULL, p) < 0
			       : maand_follow(NULL, s, pt->id, &e, "goedgekeurd", urenbank_maand_dagen(e.ingediend, now), "ingediend",
					      p) < 0)
		return -p->status;
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

/* Approves entry a->id; known: the entry as it was just submitted (an
 * import), else it is read. */
static int approve(struct store *s, struct create_args *a, const struct entry *known, struct problem *p)
{
	struct approval *x = malloc(sizeof(*x));
	if (!x)
		return problem_set(p, 500, "geen geheugen");
	int r = approve_check(s, a, known, x, p);
	if (r < 0)
		approval_free(x);
	else
		r = approve_write(s, a, x, p);
	free(x);
	return r;
}

static int do_approve(struct store *s, void *arg, struct problem *p) { return approve(s, arg, NULL, p); }

int urenbank_uren_approve(struct store *s, const struct actor *by, const char *pt, long long id, json_t **out, struct problem *p)
{
	struct create_args a = { by, pt, id, NULL, out };
	return store_transaction(s, p, do_approve, &a);
}

struct import_args {
	struct create_args submit;
	int approve;
	int direct;  /* a batch's entry, without a savepoint: checked before it writes */
	int wrote;   /* direct: the checks passed and the writes began */
	int checked; /* direct and approving: x holds the approval's checks */
	struct approval x;
};

/* The entry passed submit's checks: an approving import checks the
 * approval too, before either writes. */
static int import_before_write(struct store *s, struct import_args *a, const struct entry *e, struct problem *p)
{
	if (!a->direct)
		return 0;
	if (a->approve) {
		struct create_args ap = { a->submit.by, a->submit.pt, 0, NULL, NULL, a->submit.batch };
		if (approve_check(s, &ap, e, &a->x, p) < 0) {
			approval_free(&a->x);
			return -p->status;
		}
		a->checked = 1;
	}
	a->wrote = 1;
	return 0;
}

static int do_import(struct store *s, void *arg, struct problem *p)
{
	struct import_args *a = arg;
	struct entry e;
	int r = submit(s, &a->submit, &e, a->approve, a, p);
	if (r == 0 && a->approve) {
		struct create_args ap = { a->submit.by, a->submit.pt, a->submit.id, NULL, NULL, a->submit.batch };
		if (a->checked) {
			a->x.e.id = e.id;
			snprintf(a->x.e.ingediend, sizeof(a->x.e.ingediend), "%s", e.ingediend); /* and reviewed then */
			a->checked = 0;
			r = approve_write(s, &ap, &a->x, p);
		} else {
			r = approve(s, &ap, &e, p);
		}
	}
	if (a->checked)
		approval_free(&a->x);
	return r;
}

int urenbank_uren_import(struct store *s, const struct actor *by, const char *pt, json_t *in, int approve, long long *id,
			 struct problem *p)
{
	return urenbank_uren_import_in(s, NULL, by, pt, in, approve, id, p);
}

int urenbank_uren_import_in(struct store *s, struct urenbank_batch *b, const struct actor *by, const char *pt, json_t *in,
			    int approve, long long *id, struct problem *p)
{
	struct import_args *a = malloc(sizeof(*a)); /* x is filled by approve_check */
	if (!a)
		return problem_set(p, 500, "geen geheugen");
	a->submit = (struct create_args){ by, pt, 0, in, NULL, b };
	a->approve = approve, a->direct = b != NULL, a->wrote = a->checked = 0;
	int r;
	if (!b) {
		r = store_transaction(s, p, do_import, a);
	} else if (urenbank_batch_broken(b)) {
		r = problem_set(p, 500, "Het inlezen is afgebroken na een eerdere fout bij het schrijven; er is niets ingelezen.");
	} else {
		/* In the batch's transaction without a savepoint of its own (a
		 * savepoint copied every page the entry touched): every refusal
		 * comes before the first write. A failure after it (the database,
		 * memory) leaves a half-written entry: the batch is broken, its end
		 * refuses, and the import's transaction is rolled back. */
		r = do_import(s, a, p);
		if (r < 0 && a->wrote)
			urenbank_batch_break(b);
	}
	if (r == 0 && id)
		*id = a->submit.id;
	free(a);
	return r;
}

static int do_reject(struct store *s, void *arg, struct problem *p)
{
	struct create_args *a = arg;
	struct pt pt;
	struct entry e;
	const char *reden = NULL;
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0 || entry_load(s, &pt, a->id, &e, p) < 0)
		return -p->status;
	field_text(a->in, "reden", FIELD_REQUIRED, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (strcmp(e.status, "ingediend"))
		return entry_status_refused(&e, "ingediende", "afgekeurd", p);
	char now[32];
	store_now_text(now);
	int r = db_run(s->db, "UPDATE uren SET status = 'afgekeurd', reden = ?, beoordeeld = ?, beoordeeld_door = ? WHERE id = ?",
		       "tttl", reden, now, urenbank_who(a->by), e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	if (urenbank_opdracht_totals(NULL, 0, s, e.opdracht, -e.minuten, 0, NULL, e.ingediend, p) < 0 ||
	    uren_stand_in(NULL, 0, s, e.opdracht, "ingediend", "afgekeurd", e.minuten, p) < 0 ||
	    urenbank_dag_in(NULL, s, pt.id, now, "beoordeeld", e.minuten, p) < 0 ||
	    maand_follow(NULL, s, pt.id, &e, "afgekeurd", urenbank_maand_dagen(e.ingediend, now), "ingediend", p) < 0)
		return -p->status;
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

int urenbank_uren_reject(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			 struct problem *p)
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
	if (urenbank_pt_load(s, a->pt, &pt, p) < 0 || entry_load(s, &pt, a->id, &e, p) < 0)
		return -p->status;
	if (a->in)
		field_text(a->in, "reden", FIELD_OPTIONAL, 1000, &reden, p);
	if (p->status)
		return -p->status;
	if (strcmp(e.status, "goedgekeurd"))
		return entry_status_refused(&e, "goedgekeurde", "gecorrigeerd", p);
	if (urenbank_pt_check_date(&pt, e.datum, NULL, p) < 0)
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
			ps[n] = (struct ledger_posting){ org ? (int32_t)n : LEDGER_POT,
							 kind < 0 ? LEDGER_POT_KIND : (enum ledger_kind)kind,
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
			r = urenbank_check_draws(s, &pt, orgs, draw, n, "deze correctie kost", "", NULL, p);
		free(draw);
	}
	long long txn = 0;
	if (r == 0 && n > 0) {
		char text[300];
		snprintf(text, sizeof(text), "Correctie van urenregel %lld: tegenboeking van transactie %lld", e.id, e.txn);
		struct txn t = { e.datum, "correctie", text, e.id, 0, 0, e.txn };
		r = urenbank_post(s, pt.id, &t, ps, n, orgs, &txn, p);
	}
	for (size_t k = 0; r == 0 && k < nrel; k++) {
		r = db_run(
			s->db,
			"UPDATE inzet_vastleggingen SET vrijgegeven = vrijgegeven - ? WHERE inzet_id = ? AND organisatie_id = ?",
			"lll", rel[k].minuten, rel[k].inzet, rel[k].org);
		r = r < 0 ? store_db_problem(s, r, p, "vastlegging")
			  : urenbank_member_add(s, pt.id, rel[k].org, 0, 0, 0, rel[k].minuten, p);
	}
	free(ps);
	free(orgs);
	free(delta);
	free(rel);
	if (r < 0)
		return r;
	char now[32];
	store_now_text(now);
	r = db_run(
		s->db,
		"UPDATE uren SET status = 'gecorrigeerd', gecorrigeerd = ?, gecorrigeerd_door = ?, correctie_id = nullif(?, 0),"
		" reden = coalesce(?, reden) WHERE id = ?",
		"ttltl", now, urenbank_who(a->by), txn, reden && reden[0] ? reden : NULL, e.id);
	if (r < 0)
		return store_db_problem(s, r, p, "urenregel");
	/* only an approved entry is corrected */
	if (urenbank_opdracht_totals(NULL, 0, s, e.opdracht, -e.minuten, -e.minuten, NULL, NULL, p) < 0 ||
	    uren_stand_in(NULL, 0, s, e.opdracht, "goedgekeurd", "gecorrigeerd", e.minuten, p) < 0 ||
	    maand_follow(NULL, s, pt.id, &e, "gecorrigeerd", -1, "goedgekeurd", p) < 0)
		return -p->status;
	if (a->out && !(*a->out = uren_json(s, e.id)))
		return problem_set(p, 500, "Urenregel %lld is niet terug te lezen.", e.id);
	return 0;
}

int urenbank_uren_correct(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			  struct problem *p)
{
	struct create_args a = { by, pt, id, in, out };
	return store_transaction(s, p, do_correct, &a);
}

int urenbank_uren_get(struct store *s, const struct actor *viewer, const char *ptc, long long id, json_t **out, struct problem *p)
{
	struct pt pt;
	struct entry e;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0 || entry_load(s, &pt, id, &e, p) < 0)
		return -p->status;
	*out = uren_json(s, id);
	if (!*out)
		return problem_set(p, 500, "Urenregel %lld is niet te lezen.", id);
	struct urenbank_sight v;
	urenbank_sight_init(&v, s, viewer, pt.code);
	if (!urenbank_sight_allows(&v, ACT_HOURS_READ, e.opdracht, e.provider, e.medewerker))
		urenbank_uren_conceal(*out);
	urenbank_sight_release(&v);
	return 0;
}

int urenbank_uren_list(struct store *s, const char *ptc, const struct urenbank_uren_filter *f, json_t **out, struct problem *p)
{
	return urenbank_uren_page(s, ptc, f, NULL, out, p);
}

int urenbank_uren_page(struct store *s, const char *ptc, const struct urenbank_uren_filter *f, struct store_page *pg,
		       json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (f->status && enum_index(uren_statussen, f->status) < 0)
		problem_param(p, "status", "moet ingediend, goedgekeurd, afgekeurd of gecorrigeerd zijn");
	long long principal = 0, approver = 0, staff_org = 0;
	if (f->opdrachtgever && !(principal = store_org_id(s, f->opdrachtgever)))
		problem_param(p, "opdrachtgever", "organisatie '%.40s' bestaat niet", f->opdrachtgever);
	if (f->goedkeurder && !(approver = store_org_id(s, f->goedkeurder)))
		problem_param(p, "goedkeurder", "organisatie '%.40s' bestaat niet", f->goedkeurder);
	if (f->organisatie && !(staff_org = store_org_id(s, f->organisatie)))
		problem_param(p, "organisatie", "organisatie '%.40s' bestaat niet", f->organisatie);
	if (f->limit < 0 || f->limit > 10000)
		problem_param(p, "limiet", "moet tussen 1 en 10000 liggen");
	int32_t day;
	if (f->van && date_parse(f->van, &day) < 0)
		problem_param(p, "van", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", f->van);
	if (f->tot && date_parse(f->tot, &day) < 0)
		problem_param(p, "tot", "'%.40s' is geen geldige datum (JJJJ-MM-DD)", f->tot);
	if (p->status)
		return -p->status;
	/* Three ways to ask: a page of the API (pg: pagina, paginaGrootte, after
	 * the cursor na), a page's table (f->listing: search, sort, page), or
	 * the first limiet entries after na. */
	long long limit = pg ? pg->limit : f->limit ? f->limit : 1000;
	/* Only the filters that are given, so that an index serves both the
	 * filter and the order (uren_proeftuin_id, uren_proeftuin with a status,
	 * uren_medewerker, uren_opdracht_id): no sort of the whole table. */
	static const struct listing_column cols[] = { { "datum", "u.datum" },        { "medewerker", "m.naam" },
						      { "organisatie", "org.code" }, { "uren", "u.minuten" },
						      { "status", "u.status" },      { NULL, NULL } };
	char pat[256], order[256];
	const char *like = listing_pattern(f->listing, pat, sizeof(pat));
	struct buf q;
	buf_init(&q, 4096);
	/* The cursor only when there is one: a range on u.id would steer the
	 * page's table (newest first) away from the index in its order. */
	buf_adds(&q, f->after > 0 ? " WHERE u.proeftuin_id = ?1 AND u.id > ?2" : " WHERE u.proeftuin_id = ?1");
	if (f->status)
		buf_adds(&q, " AND u.status = ?3");
	if (staff_org)
		buf_adds(&q, " AND u.organisatie_id = ?4");
	if (f->medewerker)
		buf_adds(&q, " AND u.medewerker_id = ?5");
	if (f->opdracht)
		buf_adds(&q, " AND u.opdracht_id = ?6");
	if (principal)
		buf_adds(&q, " AND EXISTS (SELECT 1 FROM opdrachtgevers g WHERE g.opdracht_id = u.opdracht_id AND "
			     "g.organisatie_id = ?7)");
	/* The SQL form of policy_entry_approver: a principal other than the
	 * staff member's organisation, or that organisation when it is the
	 * only principal. */
	if (approver)
		buf_adds(&q, " AND EXISTS (SELECT 1 FROM opdrachtgevers g WHERE g.opdracht_id = u.opdracht_id AND "
			     "g.organisatie_id = ?8)"
			     " AND (u.organisatie_id <> ?8 OR NOT EXISTS (SELECT 1 FROM opdrachtgevers h"
			     "  WHERE h.opdracht_id = u.opdracht_id AND h.organisatie_id <> u.organisatie_id))");
	if (like)
		buf_adds(&q, " AND (lower(m.naam) LIKE lower(?11) ESCAPE '\\' OR lower(coalesce(u.omschrijving, '')) LIKE "
			     "lower(?11) ESCAPE '\\')");
	if (f->van)
		buf_adds(&q, " AND u.datum >= ?12");
	if (f->tot)
		buf_adds(&q, " AND u.datum <= ?13");
	struct buf qp, qc;
	buf_init(&qp, 8192);
	buf_init(&qc, 8192);
	/* The total of a page's table comes from its own count, not from
	 * count(*) OVER () here: a window over every matching row joins and
	 * holds them all (0.7 s for a national proeftuin's 100 000 entries),
	 * where the ordered page itself stops after its rows. */
	buf_printf(&qp, "SELECT " UREN_COLS UREN_FROM "%s", buf_str(&q));
	if (f->listing)
		buf_adds(&qp, listing_order(f->listing, cols, 1, "u.id", order, sizeof(order)));
	else
		buf_adds(&qp, " ORDER BY u.id LIMIT ?9 OFFSET ?10");
	/* The count needs no join but the one its search reads (the others are
	 * to a row every entry has): a count over an index of the entries. */
	if (!staff_org && !f->medewerker && !f->opdracht && !principal && !approver && !like && !f->van && !f->tot && !f->after)
		/* All entries, or all of a status: counted as they are booked (migration 104). */
		buf_adds(&qc, f->status ? "SELECT coalesce(sum(aantal), 0) FROM urenbank_uren_stand WHERE proeftuin_id = ?1 AND "
					  "status = ?3"
					: "SELECT coalesce(sum(aantal), 0) FROM urenbank_uren_stand WHERE proeftuin_id = ?1");
	else
		buf_printf(&qc, "SELECT count(*) FROM uren u%s%s", like ? " JOIN medewerkers m ON m.id = u.medewerker_id" : "",
			   buf_str(&q));
	if (buf_failed(&q) || buf_failed(&qp) || buf_failed(&qc)) {
		buf_release(&q), buf_release(&qp), buf_release(&qc);
		return problem_set(p, 500, "geen geheugen");
	}
	/* Every statement takes the same binds; the ones its text does not name are unused. */
#define UREN_BINDS                                                                                                      \
	pt.id, f->after, f->status ? f->status : "", staff_org, f->medewerker, f->opdracht, principal, approver, limit, \
		store_page_offset(pg), like, f->van, f->tot
#define UREN_BIND_TYPES \
	"lltllllllltt"  \
	"t"
	store_page_begin(s, pg);
	struct db_stmt *st = db_query(s->db, buf_str(&qp), UREN_BIND_TYPES, UREN_BINDS);
	struct urenbank_sight v;
	urenbank_sight_init(&v, s, f->viewer, pt.code);
	if (f->total)
		*f->total = 0;
	json_t *a = json_array();
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		json_t *o = uren_row_json(s, st, 0);
		long long opdracht = db_col_int(st, 2), mw = db_col_int(st, 3);
		long long prov = db_col_int(st, 20);
		if (!urenbank_sight_allows(&v, ACT_HOURS_READ, opdracht, prov, mw))
			urenbank_uren_conceal(o);
		json_array_append_new(a, o);
	}
	db_finalize(st);
	urenbank_sight_release(&v);
	if (r == DB_DONE && f->total) {
		struct db_stmt *c = db_query(s->db, buf_str(&qc), UREN_BIND_TYPES, UREN_BINDS);
		if ((r = db_step(c)) == DB_ROW) {
			*f->total = db_col_int(c, 0);
			r = DB_DONE;
		}
		db_finalize(c);
	}
	if (r != DB_DONE) {
		store_page_end(s, pg, NULL);
		buf_release(&q), buf_release(&qp), buf_release(&qc);
		json_decref(a);
		return store_db_problem(s, r, p, "urenregels");
	}
	store_page_end(s, pg, pg ? db_query(s->db, buf_str(&qc), UREN_BIND_TYPES, UREN_BINDS) : NULL);
#undef UREN_BINDS
#undef UREN_BIND_TYPES
	buf_release(&q), buf_release(&qp), buf_release(&qc);
	*out = a;
	return 0;
}

int urenbank_uren_may(struct store *s, const struct actor *a, enum action action, const char *ptc, long long id, char *approvers,
		      size_t len, struct problem *p)
{
	struct pt pt;
	struct entry e;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0 || entry_load(s, &pt, id, &e, p) < 0)
		return -p->status;
	struct urenbank_sight v;
	urenbank_sight_init(&v, s, a, pt.code);
	int ok = urenbank_sight_allows(&v, action, e.opdracht, e.provider, e.medewerker);
	if (approvers)
		urenbank_sight_approvers(&v, e.opdracht, e.provider, approvers, len);
	urenbank_sight_release(&v);
	return ok;
}

int urenbank_uren_parties(struct store *s, const char *ptc, long long id, char *medewerkers_org, size_t len, json_t **principals,
			  struct problem *p)
{
	struct pt pt;
	struct entry e;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0 || entry_load(s, &pt, id, &e, p) < 0)
		return -p->status;
	urenbank_org_code(s, e.provider, medewerkers_org, len);
	return urenbank_opdracht_principals(s, ptc, e.opdracht, principals, p);
}
