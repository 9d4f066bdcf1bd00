/* The matching of a proeftuin in the store (store/matching.h): from the
 * tables of the hours exchange and the kwaliteitskaart to core/matching.h
 * and back to API shape; acceptance through the exchange's inzet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/ledger.h"
#include "core/matching.h"
#include "core/kwaliteitskaart.h"
#include "store/urenbank.h"
#include "store/urenbank_aanbod.h"
#include "store/fields.h"
#include "store/matching.h"

/* Growable arrays: one helper for all. */
static int grow(void **p, size_t *alloc, size_t need, size_t size)
{
	if (need <= *alloc)
		return 0;
	size_t n = *alloc ? *alloc : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*alloc = n;
	return 0;
}
#define GROW(arr, alloc, need) grow((void **)&(arr), &(alloc), (need), sizeof(*(arr)))

struct org {
	long long id;
	char code[40];
	char naam[160];
};

struct opdracht {
	long long id;
	char *titel;
};

struct person {
	long long id;
	char *naam;
};

/* Everything read for one proposal; ctx_release() frees it. */
struct ctx {
	long long ptid;
	char code[48], van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN], vanaf[DATE_TEXT_LEN];
	int32_t dvanaf, dtot;
	json_t *saldi;
	struct org *orgs;
	struct matching_org *morgs;
	size_t norgs, aorgs, amorgs;
	char **comps; /* sorted competence codes of the needs */
	size_t ncomps, acomps;
	struct opdracht *opdr;
	struct matching_opdracht *mopdr;
	size_t nopdr, aopdr, amopdr;
	struct matching_principal *princ;
	size_t nprinc, aprinc;
	struct matching_need *needs;
	size_t nneeds, aneeds;
	char **need_comp; /* per need: its competence code (borrowed from comps after sorting: index) */
	size_t aneed_comp;
	struct person *people;
	struct matching_person *mpeople;
	size_t npeople, apeople, ampeople;
	struct matching_skill *skills;
	size_t nskills, askills;
	json_t *skipped;
};

static void ctx_release(struct ctx *c)
{
	json_decref(c->saldi);
	json_decref(c->skipped);
	for (size_t i = 0; i < c->ncomps; i++)
		free(c->comps[i]);
	for (size_t i = 0; i < c->nopdr; i++)
		free(c->opdr[i].titel);
	for (size_t i = 0; i < c->nneeds; i++)
		free(c->need_comp[i]);
	for (size_t i = 0; i < c->npeople; i++)
		free(c->people[i].naam);
	free(c->orgs);
	free(c->morgs);
	free(c->comps);
	free(c->opdr);
	free(c->mopdr);
	free(c->princ);
	free(c->needs);
	free(c->need_comp);
	free(c->people);
	free(c->mpeople);
	free(c->skills);
}

static int nomem(struct problem *p) { return problem_set(p, 500, "Onvoldoende geheugen voor de matching."); }

static int org_index(const struct ctx *c, long long id)
{
	for (size_t i = 0; i < c->norgs; i++)
		if (c->orgs[i].id == id)
			return (int)i;
	return -1;
}

static int str_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static int comp_index(const struct ctx *c, const char *code)
{
	char *const *hit = bsearch(&code, c->comps, c->ncomps, sizeof(*c->comps), str_cmp);
	return hit ? (int)(hit - c->comps) : -1;
}

/* ---- reading ----------------------------------------------------------- */

static int load_proeftuin(struct store *s, struct ctx *c, const char *pt, json_t *in, struct problem *p)
{
	const char *vanaf = NULL;
	if (in && field_date(in, "vanaf", FIELD_OPTIONAL, &vanaf, p) < 0)
		return -p->status;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT id, code, van, tot, (SELECT max(tot) FROM afrekeningen a WHERE a.proeftuin_id = proeftuinen.id)"
			 " FROM proeftuinen WHERE code = ?",
			 "t", pt ? pt : "");
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		return problem_set(p, 404, "Proeftuin '%s' bestaat niet.", pt ? pt : "");
	}
	c->ptid = db_col_int(st, 0);
	snprintf(c->code, sizeof(c->code), "%s", db_col_text(st, 1));
	snprintf(c->van, sizeof(c->van), "%s", db_col_text(st, 2));
	snprintf(c->tot, sizeof(c->tot), "%s", db_col_text(st, 3));
	char closed[DATE_TEXT_LEN] = "";
	if (!db_col_null(st, 4))
		snprintf(closed, sizeof(closed), "%s", db_col_text(st, 4));
	db_finalize(st);
	int32_t dvan, dclosed = 0;
	if (date_parse(c->van, &dvan) < 0 || date_parse(c->tot, &c->dtot) < 0)
		return problem_set(p, 500, "Proeftuin '%s' heeft een ongeldige periode.", c->code);
	if (closed[0] && strcmp(closed, c->tot) >= 0) {
		problem_set(p, 422,
			    "Proeftuin '%s' is afgerekend tot en met %s en daarmee gesloten: er valt niets meer te matchen.",
			    c->code, closed);
		return -422;
	}
	/* The open part of the period: after the last settlement. */
	int32_t first = dvan;
	if (closed[0] && date_parse(closed, &dclosed) == 0 && dclosed + 1 > first)
		first = dclosed + 1;
	c->dvanaf = first;
	if (vanaf) {
		int32_t d;
		date_parse(vanaf, &d);
		if (d < first || d > c->dtot) {
			char f[DATE_TEXT_LEN];
			date_format(first, f);
			problem_set(p, 422,
				    "De datum vanaf (%s) valt buiten het open deel van proeftuin '%s' (%s tot en met %s).", vanaf,
				    c->code, f, c->tot);
			problem_param(p, "vanaf", "moet tussen %s en %s liggen", f, c->tot);
			p->status = 422;
			return -422;
		}
		c->dvanaf = d;
	}
	date_format(c->dvanaf, c->vanaf);
	return 0;
}

static int load_orgs(struct store *s, struct ctx *c, struct problem *p)
{
	if (urenbank_saldi(s, c->code, &c->saldi, p) < 0)
		return -p->status;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT o.id, o.code, o.naam FROM proeftuin_leden pl JOIN organisaties o ON o.id = pl.organisatie_id"
			 " WHERE pl.proeftuin_id = ? ORDER BY pl.volgorde",
			 "l", c->ptid);
	int rc = 0;
	while (rc == 0 && db_step(st) == DB_ROW) {
		if (GROW(c->orgs, c->aorgs, c->norgs + 1) || GROW(c->morgs, c->amorgs, c->norgs + 1)) {
			rc = nomem(p);
			break;
		}
		struct org *o = &c->orgs[c->norgs];
		o->id = db_col_int(st, 0);
		snprintf(o->code, sizeof(o->code), "%s", db_col_text(st, 1));
		snprintf(o->naam, sizeof(o->naam), "%s", db_col_text(st, 2) ? db_col_text(st, 2) : "");
		struct matching_org *m = &c->morgs[c->norgs];
		memset(m, 0, sizeof(*m));
		size_t i;
		json_t *x;
		json_array_foreach(c->saldi, i, x) {
			const char *code = json_string_value(json_object_get(x, "organisatie"));
			if (code && !strcmp(code, o->code)) {
				m->saldo = json_integer_value(json_object_get(x, "saldoMinuten"));
				m->available = json_integer_value(json_object_get(x, "beschikbaarMinuten"));
			}
		}
		c->norgs++;
	}
	db_finalize(st);
	return rc;
}

static int add_comp(struct ctx *c, const char *code)
{
	for (size_t i = 0; i < c->ncomps; i++)
		if (!strcmp(c->comps[i], code))
			return 0;
	if (GROW(c->comps, c->acomps, c->ncomps + 1))
		return -1;
	if (!(c->comps[c->ncomps] = strdup(code)))
		return -1;
	c->ncomps++;
	return 0;
}

static int skip(struct ctx *c, long long id, const char *titel, const char *why)
{
	return json_array_append_new(
		c->skipped, json_pack("{s:I,s:s,s:s}", "opdracht", (json_int_t)id, "opdrachtTitel", titel, "reden", why));
}

/* A query over the open opdrachten of a proeftuin ordered by opdracht id
 * (column 0), read alongside them: the rows of one opdracht at a time.
 * Ordered by o.id, the opdrachten's index gives that order without a sort. */
struct by_opdracht {
	struct db_stmt *st;
	int row; /* whether st stands on a row not yet taken */
};

static void by_opdracht_open(struct by_opdracht *b, struct store *s, const char *sql, long long ptid)
{
	b->st = db_query(s->db, sql, "l", ptid);
	b->row = b->st && db_step(b->st) == DB_ROW;
}

/* Whether the current row is one of opdracht id, passing those before it. */
static int by_opdracht_at(struct by_opdracht *b, long long id)
{
	while (b->row && db_col_int(b->st, 0) < id)
		b->row = db_step(b->st) == DB_ROW;
	return b->row && db_col_int(b->st, 0) == id;
}

static void by_opdracht_next(struct by_opdracht *b) { b->row = db_step(b->st) == DB_ROW; }

/* The open inzet per open opdracht of proeftuin ptid, summed: sum[id - lo]
 * for the ids lo..lo+n-1 of those opdrachten. Read in one pass over the
 * inzet (60 000 nationally) rather than looked up per opdracht through the
 * index (a random read per inzet, 100 ms). -1 when out of memory. */
static int load_staffed(struct store *s, long long ptid, long long *lo, long long **sum, size_t *n)
{
	*lo = 0, *sum = NULL, *n = 0;
	struct db_stmt *st = db_query(s->db,
				      "SELECT min(id), max(id) FROM opdrachten WHERE proeftuin_id = ? AND status = 'open'"
				      " AND geraamde_minuten IS NOT NULL", /* without an estimate its inzet is not asked */
				      "l", ptid);
	long long first = 0, last = -1;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		first = db_col_int(st, 0);
		last = db_col_int(st, 1);
	}
	db_finalize(st);
	if (last < first)
		return 0;
	long long *a = calloc((size_t)(last - first + 1), sizeof(*a));
	if (!a)
		return -1;
	st = db_query(s->db, "SELECT opdracht_id, minuten FROM inzet WHERE status = 'open'", NULL);
	while (db_step(st) == DB_ROW) {
		long long id = db_col_int(st, 0);
		if (id >= first && id <= last)
			a[id - first] += db_col_int(st, 1);
	}
	db_finalize(st);
	*lo = first, *sum = a, *n = (size_t)(last - first + 1);
	return 0;
}

/* The open opdrachten, their principals and their needs: four queries
 * read side by side in opdracht order, not two per opdracht (a national
 * proeftuin has 5 000 open opdrachten, and the matching page proposes on
 * every visit). */
static int load_needs(struct store *s, struct ctx *c, struct problem *p)
{
	long long lo, *sum;
	size_t nsum;
	if (load_staffed(s, c->ptid, &lo, &sum, &nsum) < 0)
		return nomem(p);
	struct db_stmt *st = db_query(s->db,
				      "SELECT o.id, o.titel, o.geraamde_minuten FROM opdrachten o"
				      " WHERE o.proeftuin_id = ? AND o.status = 'open' ORDER BY o.id",
				      "l", c->ptid);
	struct by_opdracht cs, ps;
	by_opdracht_open(&cs, s,
			 "SELECT oc.opdracht_id, oc.competentie, oc.niveau FROM opdracht_competenties oc"
			 " JOIN opdrachten o ON o.id = oc.opdracht_id WHERE o.proeftuin_id = ? AND o.status = 'open'"
			 " ORDER BY o.id, oc.competentie",
			 c->ptid);
	/* The principals are read from the first opdracht that needs them on
	 * (none when every open opdracht is skipped or fully staffed). */
	ps.st = NULL, ps.row = 0;
	int rc = 0;
	while (rc == 0 && db_step(st) == DB_ROW) {
		long long id = db_col_int(st, 0);
		long long staffed = id >= lo && id - lo < (long long)nsum ? sum[id - lo] : 0;
		const char *titel = db_col_text(st, 1) ? db_col_text(st, 1) : "";
		int has_estimate = !db_col_null(st, 2);
		long long estimate = db_col_int(st, 2);
		/* Its competences, in code order (at most 64). */
		char *codes[64];
		int levels[64];
		size_t nc = 0;
		for (; by_opdracht_at(&cs, id); by_opdracht_next(&cs)) {
			if (nc == 64)
				continue;
			codes[nc] = strdup(db_col_text(cs.st, 1));
			levels[nc] = (int)db_col_int(cs.st, 2);
			if (!codes[nc])
				rc = nomem(p);
			else
				nc++;
		}
		if (rc == 0 && !nc)
			rc = skip(c, id, titel, "de opdracht vraagt geen competenties");
		else if (rc == 0 && !has_estimate)
			rc = skip(c, id, titel, "de opdracht heeft geen geraamde minuten");
		else if (rc == 0 && estimate - staffed > 0) {
			size_t j = c->nopdr;
			if (GROW(c->opdr, c->aopdr, j + 1) || GROW(c->mopdr, c->amopdr, j + 1) ||
			    !(c->opdr[j].titel = strdup(titel))) {
				rc = nomem(p);
			} else {
				c->opdr[j].id = id;
				c->mopdr[j].first_principal = c->nprinc;
				c->mopdr[j].nprincipals = 0;
				c->nopdr++;
				if (!ps.st)
					by_opdracht_open(&ps, s,
							 "SELECT g.opdracht_id, g.organisatie_id, g.aandeel FROM opdrachtgevers g"
							 " JOIN opdrachten o ON o.id = g.opdracht_id WHERE o.proeftuin_id = ?"
							 " AND o.status = 'open' ORDER BY o.id, g.volgorde",
							 c->ptid);
				for (; rc == 0 && by_opdracht_at(&ps, id); by_opdracht_next(&ps)) {
					int o = org_index(c, db_col_int(ps.st, 1));
					if (o < 0)
						continue; /* not a member (cannot happen: principals are members) */
					if (GROW(c->princ, c->aprinc, c->nprinc + 1)) {
						rc = nomem(p);
						break;
					}
					c->princ[c->nprinc++] = (struct matching_principal){ o, db_col_int(ps.st, 2) };
					c->mopdr[j].nprincipals++;
				}
				/* The minutes left, split evenly over the competences. */
				int64_t w[64], share[64];
				for (size_t k = 0; k < nc; k++)
					w[k] = 1;
				int64_t left = estimate - staffed;
				if (left > LEDGER_MAX_SPLIT)
					left = LEDGER_MAX_SPLIT;
				ledger_split(left, w, nc, share);
				for (size_t k = 0; rc == 0 && k < nc; k++) {
					if (GROW(c->needs, c->aneeds, c->nneeds + 1) ||
					    GROW(c->need_comp, c->aneed_comp, c->nneeds + 1) || add_comp(c, codes[k]) < 0) {
						rc = nomem(p);
						break;
					}
					c->needs[c->nneeds] = (struct matching_need){ (int32_t)j, 0, levels[k], share[k] };
					c->need_comp[c->nneeds] = codes[k];
					codes[k] = NULL;
					c->nneeds++;
				}
			}
		}
		for (size_t k = 0; k < nc; k++)
			free(codes[k]);
	}
	db_finalize(st);
	db_finalize(cs.st);
	db_finalize(ps.st);
	free(sum);
	if (rc < 0)
		return rc;
	if (c->ncomps)
		qsort(c->comps, c->ncomps, sizeof(*c->comps), str_cmp);
	for (size_t n = 0; n < c->nneeds; n++)
		c->needs[n].competence = comp_index(c, c->need_comp[n]);
	return 0;
}

/* Days of [from, to] that none of the absences covers. Absences come sorted by van. */
static int32_t present_days(int32_t from, int32_t to, const int32_t (*abs)[2], size_t n)
{
	if (to < from)
		return 0;
	int32_t days = to - from + 1, covered_to = from - 1;
	for (size_t i = 0; i < n; i++) {
		int32_t a = abs[i][0] > covered_to + 1 ? abs[i][0] : covered_to + 1, b = abs[i][1] < to ? abs[i][1] : to;
		if (b >= a) {
			days -= b - a + 1;
			covered_to = b;
		}
	}
	return days;
}

/* Staff of the members with time and a needed competence. */
static int load_people(struct store *s, struct ctx *c, struct problem *p)
{
	if (!c->ncomps)
		return 0;
	int year_from, m_, d_, year_to;
	date_to_ymd(c->dvanaf, &year_from, &m_, &d_);
	date_to_ymd(c->dtot, &year_to, &m_, &d_);
	/* Absences in the period and what open inzet already holds, per person. */
	struct db_stmt *as =
		db_query(s->db,
			 "SELECT a.medewerker_id, a.van, a.tot FROM afwezigheden a JOIN medewerkers m ON m.id = a.medewerker_id"
			 " JOIN proeftuin_leden pl ON pl.organisatie_id = m.organisatie_id AND pl.proeftuin_id = ?"
			 " WHERE a.tot >= ? AND a.van <= ? ORDER BY a.medewerker_id, a.van",
			 "ltt", c->ptid, c->vanaf, c->tot);
	struct db_stmt *is =
		db_query(s->db,
			 "SELECT i.medewerker_id, sum(i.minuten) FROM inzet i JOIN opdrachten o ON o.id = i.opdracht_id"
			 " WHERE o.proeftuin_id = ? AND i.status = 'open' GROUP BY i.medewerker_id ORDER BY i.medewerker_id",
			 "l", c->ptid);
	struct db_stmt *st = db_query(
		s->db,
		"SELECT m.id, m.organisatie_id, m.naam, m.beschikbaar_uur_per_week, m.pensioenjaar, c.code, mc.niveau"
		" FROM medewerkers m JOIN proeftuin_leden pl ON pl.organisatie_id = m.organisatie_id AND pl.proeftuin_id = ?"
		" JOIN medewerker_competenties mc ON mc.medewerker_id = m.id JOIN competenties c ON c.id = mc.competentie_id"
		" WHERE m.beschikbaar_uur_per_week > 0 ORDER BY m.id, c.code",
		"l", c->ptid);
	int have_abs = db_step(as) == DB_ROW, have_inz = db_step(is) == DB_ROW, rc = 0;
	int32_t(*abs)[2] = NULL;
	size_t aabs = 0;
	int row = db_step(st) == DB_ROW;
	while (rc == 0 && row) {
		long long id = db_col_int(st, 0);
		int o = org_index(c, db_col_int(st, 1));
		long long hours = db_col_int(st, 3), pension = db_col_null(st, 4) ? 0 : db_col_int(st, 4);
		char *naam = strdup(db_col_text(st, 2) ? db_col_text(st, 2) : "");
		size_t first = c->nskills;
		if (!naam)
			rc = nomem(p);
		/* its competences: the rows of this id */
		while (row && db_col_int(st, 0) == id) {
			int k = comp_index(c, db_col_text(st, 5));
			if (rc == 0 && k >= 0) {
				if (GROW(c->skills, c->askills, c->nskills + 1))
					rc = nomem(p);
				else
					c->skills[c->nskills++] = (struct matching_skill){ k, (int32_t)db_col_int(st, 6) };
			}
			row = db_step(st) == DB_ROW;
		}
		size_t nabs = 0;
		while (have_abs && db_col_int(as, 0) < id)
			have_abs = db_step(as) == DB_ROW;
		while (rc == 0 && have_abs && db_col_int(as, 0) == id) {
			int32_t a, b;
			if (GROW(abs, aabs, nabs + 1))
				rc = nomem(p);
			else if (date_parse(db_col_text(as, 1), &a) == 0 && date_parse(db_col_text(as, 2), &b) == 0) {
				abs[nabs][0] = a;
				abs[nabs][1] = b;
				nabs++;
			}
			have_abs = db_step(as) == DB_ROW;
		}
		long long held = 0;
		while (have_inz && db_col_int(is, 0) < id)
			have_inz = db_step(is) == DB_ROW;
		if (have_inz && db_col_int(is, 0) == id)
			held = db_col_int(is, 1);
		int useful = rc == 0 && o >= 0 && c->nskills > first && !kwaliteitskaart_retired((int)pension, year_from);
		if (useful) {
			int32_t end = c->dtot;
			if (pension && pension < year_to)
				end = date_from_ymd((int)pension, 12, 31);
			long long minutes = hours * 60 * present_days(c->dvanaf, end, (const int32_t(*)[2])abs, nabs) / 7 - held;
			if (minutes > MATCHING_MAX_MINUTES)
				minutes = MATCHING_MAX_MINUTES;
			useful = minutes > 0;
			if (useful) {
				if (GROW(c->people, c->apeople, c->npeople + 1) ||
				    GROW(c->mpeople, c->ampeople, c->npeople + 1)) {
					rc = nomem(p);
				} else {
					c->people[c->npeople] = (struct person){ id, naam };
					c->mpeople[c->npeople] =
						(struct matching_person){ o, minutes, first, c->nskills - first };
					c->npeople++;
					naam = NULL;
				}
			}
		}
		if (!useful)
			c->nskills = first;
		free(naam);
	}
	free(abs);
	db_finalize(st);
	db_finalize(as);
	db_finalize(is);
	return rc;
}

/* Offered capacity (urenbank_aanbod.h) becomes people of their own with
 * offered = 1, taken from the person's minutes: a person offer all of his
 * skills, a competence offer only that competence, spread over the
 * organisation's staff who hold it, highest level first, then by id. What
 * is left of every offer bounds its slices. */
static int add_slice(struct ctx *c, size_t i, long long minutes, int32_t competence, int32_t level, struct problem *p)
{
	size_t first = c->mpeople[i].first_skill, nsk = c->mpeople[i].nskills;
	if (competence >= 0) {
		if (GROW(c->skills, c->askills, c->nskills + 1))
			return nomem(p);
		first = c->nskills;
		nsk = 1;
		c->skills[c->nskills++] = (struct matching_skill){ competence, level };
	}
	char *naam = strdup(c->people[i].naam);
	if (!naam || GROW(c->people, c->apeople, c->npeople + 1) || GROW(c->mpeople, c->ampeople, c->npeople + 1)) {
		free(naam);
		return nomem(p);
	}
	c->people[c->npeople] = (struct person){ c->people[i].id, naam };
	c->mpeople[c->npeople] = (struct matching_person){ c->mpeople[i].org, minutes, first, nsk, 1 };
	c->mpeople[i].minutes -= minutes;
	c->npeople++;
	return 0;
}

static int skill_level(const struct ctx *c, size_t i, int32_t competence)
{
	for (size_t k = 0; k < c->mpeople[i].nskills; k++)
		if (c->skills[c->mpeople[i].first_skill + k].competence == competence)
			return c->skills[c->mpeople[i].first_skill + k].level;
	return 0;
}

static int apply_offers(struct store *s, struct ctx *c, struct problem *p)
{
	size_t n = 0, base = c->npeople;
	if (!c->ncomps || !base) /* no needs or no people: nothing to prefer */
		return 0;
	struct urenbank_aanbod_open *v = urenbank_aanbod_open(s, c->ptid, c->vanaf, c->tot, &n);
	int rc = 0;
	for (size_t j = 0; j < n && rc == 0; j++) {
		const struct urenbank_aanbod_open *x = &v[j];
		long long left = x->over;
		if (x->medewerker) {
			for (size_t i = 0; i < base && rc == 0; i++)
				if (c->people[i].id == x->medewerker && c->mpeople[i].minutes > 0)
					rc = add_slice(c, i, left < c->mpeople[i].minutes ? left : c->mpeople[i].minutes, -1, 0,
						       p);
			continue;
		}
		int k = comp_index(c, x->competentie), o = org_index(c, x->org);
		if (k < 0 || o < 0)
			continue;
		for (int level = MATCHING_LEVELS; level >= 1 && left > 0 && rc == 0; level--)
			for (size_t i = 0; i < base && left > 0 && rc == 0; i++) {
				if (c->mpeople[i].org != o || c->mpeople[i].minutes <= 0 || skill_level(c, i, k) != level)
					continue;
				long long take = left < c->mpeople[i].minutes ? left : c->mpeople[i].minutes;
				rc = add_slice(c, i, take, k, level, p);
				left -= take;
			}
	}
	free(v);
	return rc;
}

/* ---- the proposal ---------------------------------------------------- */

int matching_propose(struct store *s, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	struct ctx c;
	memset(&c, 0, sizeof(c));
	*out = NULL;
	c.skipped = json_array();
	struct matching_result r;
	memset(&r, 0, sizeof(r));
	int rc;
	if (db_begin_read(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	rc = load_proeftuin(s, &c, pt, in, p);
	if (rc == 0)
		rc = load_orgs(s, &c, p);
	if (rc == 0)
		rc = load_needs(s, &c, p);
	if (rc == 0)
		rc = load_people(s, &c, p);
	if (rc == 0)
		rc = apply_offers(s, &c, p);
	db_commit(s->db);
	if (rc < 0)
		goto out;

	struct matching_input mi = {
		.norgs = c.norgs,
		.npeople = c.npeople,
		.nskills = c.nskills,
		.nopdrachten = c.nopdr,
		.nprincipals = c.nprinc,
		.nneeds = c.nneeds,
		.ncompetences = (int32_t)c.ncomps,
		.orgs = c.morgs,
		.people = c.mpeople,
		.skills = c.skills,
		.opdrachten = c.mopdr,
		.principals = c.princ,
		.needs = c.needs,
	};
	char err[300];
	if (matching_solve(&mi, &r, err, sizeof(err)) < 0) {
		rc = problem_set(p, 422, "%s", err);
		goto out;
	}

	json_t *toew = json_array(), *ongedekt = json_array(), *rechten = json_array();
	for (size_t k = 0; k < r.nassignments; k++) {
		const struct matching_assignment *a = &r.assignments[k];
		const struct matching_need *n = &c.needs[a->need];
		const struct matching_person *who = &c.mpeople[a->person];
		/* An offered slice stays a toewijzing of its own: one inzet each on
		 * accepting, so what accepting commits is what the core computed. */
		json_t *t = json_pack("{s:I,s:s,s:I,s:s,s:s,s:s,s:i,s:i,s:I}", "opdracht", (json_int_t)c.opdr[n->opdracht].id,
				      "opdrachtTitel", c.opdr[n->opdracht].titel, "medewerker",
				      (json_int_t)c.people[a->person].id, "medewerkerNaam", c.people[a->person].naam,
				      "organisatie", c.orgs[who->org].code, "competentie", c.comps[n->competence], "niveau",
				      (int)a->level, "vereistNiveau", (int)n->level, "minuten", (json_int_t)a->minutes);
		if (who->offered)
			json_object_set_new(t, "aanbodMinuten", json_integer(a->minutes));
		json_array_append_new(toew, t);
	}
	for (size_t k = 0; k < c.nneeds; k++) {
		const struct matching_need *n = &c.needs[k];
		if (n->minutes > r.covered[k])
			json_array_append_new(ongedekt,
					      json_pack("{s:I,s:s,s:s,s:i,s:I}", "opdracht", (json_int_t)c.opdr[n->opdracht].id,
							"opdrachtTitel", c.opdr[n->opdracht].titel, "competentie",
							c.comps[n->competence], "niveau", (int)n->level, "minuten",
							(json_int_t)(n->minutes - r.covered[k])));
	}
	for (size_t i = 0; i < c.norgs; i++)
		json_array_append_new(rechten,
				      json_pack("{s:s,s:s,s:I,s:i,s:I,s:I}", "organisatie", c.orgs[i].code, "naam",
						c.orgs[i].naam, "saldoMinuten", (json_int_t)c.morgs[i].saldo, "saldorang",
						(int)r.rank[i], "beschikbaarMinuten", (json_int_t)c.morgs[i].available,
						"vastTeLeggenMinuten", (json_int_t)r.committed[i]));
	json_t *doel =
		json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:i,s:I,s:I}", "gevraagdMinuten", (json_int_t)r.needed, "gedektMinuten",
			  (json_int_t)r.assigned, "ongedektMinuten", (json_int_t)(r.needed - r.assigned),
			  "overkwalificatieMinuten", (json_int_t)r.overqualified, "saldorangMinuten", (json_int_t)r.rank_minutes,
			  "kosten", (json_int_t)r.cost, "gewichtNiveau", (json_int_t)r.level_weight, "saldoklassen",
			  (int)r.nranks, "stroomMinuten", (json_int_t)r.flow, "afgerondMinuten", (json_int_t)r.trimmed);
	if (r.offered) /* only when offers were used: the objective as before otherwise */
		json_object_set_new(doel, "aanbodMinuten", json_integer(r.offered));
	json_t *reken = json_pack("{s:i,s:I,s:I,s:I}", "rondes", r.rounds, "fasen", (json_int_t)r.phases, "knopen",
				  (json_int_t)r.nodes, "bogen", (json_int_t)r.arcs);
	*out = json_pack("{s:s,s:s,s:s,s:o,s:o,s:o,s:o,s:O,s:o}", "proeftuin", c.code, "vanaf", c.vanaf, "tot", c.tot,
			 "toewijzingen", toew, "ongedekt", ongedekt, "doel", doel, "trekkingsrechten", rechten, "overgeslagen",
			 c.skipped, "rekenwerk", reken);
	if (!*out)
		rc = nomem(p);
out:
	matching_result_release(&r);
	ctx_release(&c);
	return rc;
}

/* ---- accepting ------------------------------------------------------- */

static json_t *toewijzingen(json_t *in) { return json_is_object(in) ? json_object_get(in, "toewijzingen") : NULL; }

json_t *matching_staff_orgs(struct store *s, json_t *in)
{
	json_t *orgs = json_array(), *list = toewijzingen(in);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		json_t *m = json_is_object(x) ? json_object_get(x, "medewerker") : NULL;
		if (!json_is_integer(m) || i >= MATCHING_MAX_ACCEPT)
			continue;
		struct db_stmt *st = db_query(
			s->db, "SELECT o.code FROM medewerkers m JOIN organisaties o ON o.id = m.organisatie_id WHERE m.id = ?",
			"l", (long long)json_integer_value(m));
		if (db_step(st) == DB_ROW) {
			const char *code = db_col_text(st, 0);
			size_t j;
			json_t *y;
			int seen = 0;
			json_array_foreach(orgs, j, y)
				seen |= !strcmp(json_string_value(y), code);
			if (!seen)
				json_array_append_new(orgs, json_string(code));
		}
		db_finalize(st);
	}
	return orgs;
}

/* The problem of toewijzing i as the caller sees it: its params prefixed,
 * an unknown opdracht (404 in the exchange's path) a 422 in this body. */
static int prefix_problem(struct problem *p, size_t i, long long opdracht)
{
	struct problem q = *p;
	char name[sizeof(p->params[0].name)];
	problem_init(p);
	int status = q.status == 404 ? 422 : q.status ? q.status : 500;
	problem_set(p, status, "Toewijzing %zu (opdracht %lld): %s Er is niets vastgelegd.", i + 1, opdracht, q.detail);
	for (int k = 0; k < q.nparams; k++) {
		snprintf(name, sizeof(name), "toewijzingen[%zu].%.100s", i, q.params[k].name);
		problem_param(p, name, "%s", q.params[k].reason);
	}
	if (q.status == 404) {
		snprintf(name, sizeof(name), "toewijzingen[%zu].opdracht", i);
		problem_param(p, name, "%s", q.detail);
	}
	p->status = status;
	return -status;
}

int matching_accept(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p)
{
	*out = NULL;
	json_t *list = NULL;
	if (field_array(in, "toewijzingen", FIELD_REQUIRED, &list, p) < 0)
		return -p->status;
	size_t n = json_array_size(list);
	if (n == 0)
		return problem_param(p, "toewijzingen", "kies ten minste één toewijzing");
	if (n > MATCHING_MAX_ACCEPT)
		return problem_param(p, "toewijzingen", "ten hoogste %d toewijzingen tegelijk", MATCHING_MAX_ACCEPT);
	for (size_t i = 0; i < n; i++) {
		json_t *x = json_array_get(list, i);
		char name[64];
		snprintf(name, sizeof(name), "toewijzingen[%zu]", i);
		if (!json_is_object(x)) {
			problem_param(p, name, "moet een object met opdracht, medewerker en minuten zijn");
			continue;
		}
		const char *fields[] = { "opdracht", "medewerker", "minuten" };
		for (int f = 0; f < 3; f++) {
			json_t *v = json_object_get(x, fields[f]);
			char field[96];
			snprintf(field, sizeof(field), "%s.%s", name, fields[f]);
			if (!json_is_integer(v) || json_integer_value(v) < 1)
				problem_param(p, field, "moet een positief geheel getal zijn");
		}
	}
	if (p->status)
		return -p->status;
	struct db_stmt *st = db_query(s->db, "SELECT id FROM proeftuinen WHERE code = ?", "t", pt ? pt : "");
	int found = db_step(st) == DB_ROW;
	long long ptid = found ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (!found)
		return problem_set(p, 404, "Proeftuin '%s' bestaat niet.", pt ? pt : "");

	if (db_begin(s->db) < 0)
		return problem_set(p, 503, "De database is bezet; probeer het zo opnieuw.");
	json_t *made = json_array();
	long long total = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		json_t *x = json_array_get(list, i), *inzet = NULL;
		long long opdracht = json_integer_value(json_object_get(x, "opdracht"));
		json_t *body = json_pack("{s:O,s:O}", "medewerker", json_object_get(x, "medewerker"), "minuten",
					 json_object_get(x, "minuten"));
		rc = body ? urenbank_inzet_create(s, by, pt, opdracht, body, &inzet, p) : nomem(p);
		json_decref(body);
		if (rc < 0) {
			rc = prefix_problem(p, i, opdracht);
			break;
		}
		/* What the inzet takes of the offers that covered it. */
		long long used = 0;
		rc = urenbank_aanbod_draw(s, by, ptid, json_integer_value(json_object_get(inzet, "id")),
					  json_integer_value(json_object_get(x, "medewerker")),
					  json_string_value(json_object_get(x, "competentie")),
					  json_integer_value(json_object_get(x, "minuten")), &used, p);
		if (rc < 0) {
			json_decref(inzet);
			break;
		}
		total += json_integer_value(json_object_get(x, "minuten"));
		json_array_append_new(made, inzet);
	}
	if (rc == 0 && db_commit(s->db) < 0)
		rc = problem_set(p, 500, "Kon de inzet niet vastleggen.");
	if (rc < 0) {
		db_rollback(s->db);
		json_decref(made);
		return rc;
	}
	*out = json_pack("{s:s,s:o,s:I}", "proeftuin", pt, "inzet", made, "minuten", (json_int_t)total);
	return *out ? 0 : nomem(p);
}
