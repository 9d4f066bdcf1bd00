/* An organisation's kwaliteitskaart loaded for the rules of
 * core/kwaliteitskaart.h: its vulnerability, the network view and the map
 * as one document (export). See kwaliteitskaart.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/grow.h"
#include "store/kwaliteitskaart.h"
#include "store/kwaliteitskaart_intern.h"
#include "store/medewerkers.h"
#include "store/register_sql.h"

/* ---- loading an organisation's map for the rules ------------------------------ */

/* One person's level in one competence, with what the rules need. */
struct entry {
	long long cid;
	struct kwaliteitskaart_person person;
};

struct org_map {
	long long oid;
	char code[40], naam[200];
	size_t n;
	struct entry *e;                     /* ordered by cid */
	struct kwaliteitskaart_absence *abs; /* absences on the moment's date, ordered by medewerker */
	long long *abs_staff;
	size_t nabs;
	long long *verbanden; /* the verbanden it is a member of on the moment's day */
	size_t nverbanden;
	int shown; /* kwaliteitskaart_network_page: its cells are written out */
};

static void org_map_release(struct org_map *om)
{
	free(om->e);
	free(om->abs);
	free(om->abs_staff);
	free(om->verbanden);
	memset(om, 0, sizeof(*om));
}

/* The verbanden organisation oid is a member of on day, in one query, so
 * that whether a competence applies needs none (applies()). */
static int load_memberships(struct store *s, struct org_map *om, const char *day)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT DISTINCT l.verband_id FROM lidmaatschappen l WHERE l.organisatie_id = ?"
				      " AND " REGISTER_SQL_MEMBER_ON("l", "?") " ORDER BY l.verband_id",
				      "ltt", om->oid, day, day);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		long long *v = grow(om->verbanden, &cap, om->nverbanden, sizeof(*v));
		if (!v) {
			db_finalize(st);
			return -1;
		}
		om->verbanden = v;
		om->verbanden[om->nverbanden++] = db_col_int(st, 0);
	}
	db_finalize(st);
	return 0;
}

/* Absences of org (or of one medewerker, staff > 0) on day, ordered by medewerker. */
static int load_absences(struct store *s, long long oid, long long staff, const char *day, struct kwaliteitskaart_absence **abs,
			 long long **who, size_t *n)
{
	*abs = NULL, *who = NULL, *n = 0;
	struct db_stmt *st =
		staff ? db_query(s->db,
				 "SELECT medewerker_id, van, tot FROM afwezigheden WHERE medewerker_id = ? AND van <= ? AND tot "
				 ">= ?"
				 " ORDER BY medewerker_id",
				 "ltt", staff, day, day)
		      : db_query(s->db,
				 "SELECT a.medewerker_id, a.van, a.tot FROM afwezigheden a JOIN medewerkers m ON m.id = "
				 "a.medewerker_id"
				 " WHERE m.organisatie_id = ? AND a.van <= ? AND a.tot >= ? ORDER BY a.medewerker_id",
				 "ltt", oid, day, day);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			struct kwaliteitskaart_absence *a = realloc(*abs, cap * sizeof(*a));
			long long *w = a ? realloc(*who, cap * sizeof(*w)) : NULL;
			if (a)
				*abs = a;
			if (!w) {
				db_finalize(st);
				return -1;
			}
			*who = w;
		}
		int32_t van, tot;
		if (date_parse(db_col_text(st, 1), &van) < 0 || date_parse(db_col_text(st, 2), &tot) < 0)
			continue;
		(*abs)[*n] = (struct kwaliteitskaart_absence){ van, tot };
		(*who)[(*n)++] = db_col_int(st, 0);
	}
	db_finalize(st);
	return 0;
}

/* Points p's absences at those of its medewerker in the list. */
static void attach_absences(struct kwaliteitskaart_person *p, struct kwaliteitskaart_absence *abs, long long *who, size_t n)
{
	size_t i = 0;
	while (i < n && who[i] != p->id)
		i++;
	size_t j = i;
	while (j < n && who[j] == p->id)
		j++;
	p->absences = i < n ? &abs[i] : NULL;
	p->nabsences = j - i;
}

/* Loads every level held in organisation oid, and its absences on m's
 * date (none for a year projection). */
static int org_map_load(struct store *s, long long oid, struct kwaliteitskaart_moment m, struct org_map *om)
{
	memset(om, 0, sizeof(*om));
	om->oid = oid;
	struct db_stmt *st = db_query(s->db, "SELECT code, naam FROM organisaties WHERE id = ?", "l", oid);
	if (db_step(st) == DB_ROW) {
		snprintf(om->code, sizeof(om->code), "%s", db_col_text(st, 0));
		snprintf(om->naam, sizeof(om->naam), "%s", db_col_text(st, 1));
	}
	db_finalize(st);
	char day[DATE_TEXT_LEN];
	kwaliteitskaart_moment_day(m, day);
	if (load_memberships(s, om, day) < 0)
		return -1;
	if (m.date != DATE_NONE && load_absences(s, oid, 0, day, &om->abs, &om->abs_staff, &om->nabs) < 0)
		return -1;
	st = db_query(
		s->db,
		"SELECT mc.competentie_id, m.id, mc.niveau, m.pensioenjaar FROM medewerker_competenties mc"
		" JOIN medewerkers m ON m.id = mc.medewerker_id WHERE m.organisatie_id = ? ORDER BY mc.competentie_id, m.id",
		"l", oid);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct entry *ne = grow(om->e, &cap, om->n, sizeof(*ne));
		if (!ne) {
			db_finalize(st);
			return -1;
		}
		om->e = ne;
		struct entry *e = &om->e[om->n++];
		e->cid = db_col_int(st, 0);
		e->person = (struct kwaliteitskaart_person){ db_col_int(st, 1), (int)db_col_int(st, 2),
							     db_col_null(st, 3) ? 0 : (int)db_col_int(st, 3), NULL, 0 };
		attach_absences(&e->person, om->abs, om->abs_staff, om->nabs);
	}
	db_finalize(st);
	return 0;
}

/* The entries of competence cid: [*first, *first + n). */
static size_t org_map_find(const struct org_map *om, long long cid, size_t *first)
{
	size_t lo = 0, hi = om->n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (om->e[mid].cid < cid)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t k = lo;
	while (k < om->n && om->e[k].cid == cid)
		k++;
	*first = lo;
	return k - lo;
}

static long long holders_in(const struct org_map *om, long long cid, struct kwaliteitskaart_moment m)
{
	size_t first, n = org_map_find(om, cid, &first);
	long long c = 0;
	for (size_t i = 0; i < n; i++)
		c += kwaliteitskaart_is_holder(&om->e[first + i].person, m);
	return c;
}

static int holds_any(const struct org_map *om, long long cid)
{
	size_t first;
	return org_map_find(om, cid, &first) > 0;
}

/* The running arrangements whose holder is in oid, with both persons as
 * the rules see them on m. */
struct arrangement {
	long long cid;
	struct kwaliteitskaart_person holder, sub;
	long long sub_id;
	char sub_naam[200], sub_org[40];
	struct kwaliteitskaart_absence sub_abs[8];
};

static int load_arrangements(struct store *s, long long oid, struct kwaliteitskaart_moment m, struct arrangement **out, size_t *n)
{
	*out = NULL, *n = 0;
	struct db_stmt *st = db_query(
		s->db,
		"SELECT v.competentie_id, h.id, h.pensioenjaar, s.id, s.naam, so.code, s.pensioenjaar,"
		" coalesce(smc.niveau, 0), hmc.niveau"
		" FROM vervangingen v JOIN medewerkers h ON h.id = v.medewerker_id"
		" JOIN medewerkers s ON s.id = v.vervanger_id JOIN organisaties so ON so.id = s.organisatie_id"
		" LEFT JOIN medewerker_competenties smc ON smc.medewerker_id = s.id AND smc.competentie_id = v.competentie_id"
		" LEFT JOIN medewerker_competenties hmc ON hmc.medewerker_id = h.id AND hmc.competentie_id = v.competentie_id"
		" WHERE h.organisatie_id = ? AND v.beeindigd IS NULL ORDER BY v.competentie_id, v.id",
		"l", oid);
	if (!st)
		return -1;
	size_t cap = 0;
	int r = 0;
	while (db_step(st) == DB_ROW) {
		struct arrangement *na = grow(*out, &cap, *n, sizeof(*na));
		if (!na) {
			r = -1;
			break;
		}
		*out = na;
		struct arrangement *a = &(*out)[(*n)++];
		memset(a, 0, sizeof(*a));
		a->cid = db_col_int(st, 0);
		a->holder = (struct kwaliteitskaart_person){ db_col_int(st, 1), db_col_null(st, 8) ? 0 : (int)db_col_int(st, 8),
							     db_col_null(st, 2) ? 0 : (int)db_col_int(st, 2), NULL, 0 };
		a->sub = (struct kwaliteitskaart_person){ db_col_int(st, 3), (int)db_col_int(st, 7),
							  db_col_null(st, 6) ? 0 : (int)db_col_int(st, 6), NULL, 0 };
		a->sub_id = db_col_int(st, 3);
		snprintf(a->sub_naam, sizeof(a->sub_naam), "%s", db_col_text(st, 4));
		snprintf(a->sub_org, sizeof(a->sub_org), "%s", db_col_text(st, 5));
	}
	db_finalize(st);
	if (r < 0 || m.date == DATE_NONE)
		return r;
	/* The substitutes' own absences on the date. */
	char day[DATE_TEXT_LEN];
	kwaliteitskaart_moment_day(m, day);
	for (size_t i = 0; i < *n; i++) {
		struct arrangement *a = &(*out)[i];
		st = db_query(s->db,
			      "SELECT van, tot FROM afwezigheden WHERE medewerker_id = ? AND van <= ? AND tot >= ? LIMIT 8",
			      "ltt", a->sub_id, day, day);
		while (db_step(st) == DB_ROW && a->sub.nabsences < 8) {
			int32_t van, tot;
			if (date_parse(db_col_text(st, 0), &van) == 0 && date_parse(db_col_text(st, 1), &tot) == 0)
				a->sub_abs[a->sub.nabsences++] = (struct kwaliteitskaart_absence){ van, tot };
		}
		db_finalize(st);
		a->sub.absences = a->sub_abs;
	}
	return 0;
}

/* The arrangements of competence cid that count on m, as JSON, each
 * substitute once; *count their number. */
static json_t *substitutes_json(struct arrangement *arr, size_t narr, long long cid, struct kwaliteitskaart_moment m,
				long long *count)
{
	json_t *a = json_array();
	*count = 0;
	size_t first = 0;
	while (first < narr && arr[first].cid != cid)
		first++;
	size_t n = 0;
	while (first + n < narr && arr[first + n].cid == cid)
		n++;
	if (!n)
		return a;
	struct kwaliteitskaart_substitution *subs = calloc(n, sizeof(*subs));
	size_t *idx = calloc(n, sizeof(*idx));
	if (subs && idx) {
		for (size_t i = 0; i < n; i++)
			subs[i] = (struct kwaliteitskaart_substitution){ &arr[first + i].holder, &arr[first + i].sub };
		size_t k = kwaliteitskaart_substitutes(subs, n, m, idx);
		for (size_t i = 0; i < k; i++) {
			const struct arrangement *x = &arr[first + idx[i]];
			json_array_append_new(a, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)x->sub_id, "naam", x->sub_naam,
							   "organisatie", x->sub_org));
		}
		*count = (long long)k;
	}
	free(subs);
	free(idx);
	return a;
}

/* Whether the organisation of om is a member of verband vid on the day
 * its map was loaded for. */
static int member_on(const struct org_map *om, long long vid)
{
	for (size_t i = 0; i < om->nverbanden; i++)
		if (om->verbanden[i] == vid)
			return 1;
	return 0;
}

struct competence {
	long long id, vid;
	char code[48], naam[200], verband[48];
};

/* Every competence (vid > 0: those of that verband and the shared ones). */
static int load_competences(struct store *s, long long vid, struct competence **out, size_t *n)
{
	*out = NULL, *n = 0;
	struct db_stmt *st =
		db_query(s->db,
			 "SELECT c.id, coalesce(c.verband_id, 0), c.code, c.naam, coalesce(v.code, '') FROM competenties c"
			 " LEFT JOIN verbanden v ON v.id = c.verband_id WHERE ? = 0 OR c.verband_id IS NULL OR c.verband_id = ?"
			 " ORDER BY c.naam, c.code",
			 "ll", vid, vid);
	if (!st)
		return -1;
	size_t cap = 0;
	while (db_step(st) == DB_ROW) {
		struct competence *nc = grow(*out, &cap, *n, sizeof(*nc));
		if (!nc) {
			db_finalize(st);
			return -1;
		}
		*out = nc;
		struct competence *c = &(*out)[(*n)++];
		c->id = db_col_int(st, 0);
		c->vid = db_col_int(st, 1);
		snprintf(c->code, sizeof(c->code), "%s", db_col_text(st, 2));
		snprintf(c->naam, sizeof(c->naam), "%s", db_col_text(st, 3));
		snprintf(c->verband, sizeof(c->verband), "%s", db_col_text(st, 4));
	}
	db_finalize(st);
	return 0;
}

/* A competence applies to an organisation when it is on the shared list,
 * on the list of a verband it is a member of, or held there at any level. */
static int applies(const struct competence *c, const struct org_map *om)
{
	return !c->vid || member_on(om, c->vid) || holds_any(om, c->id);
}

int kwaliteitskaart_vulnerability(struct store *s, const char *org, struct kwaliteitskaart_moment m, int with_ids, json_t **out,
				  struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return kwaliteitskaart_unknown_ref(p, "organisatie", "organisatie '%s' bestaat niet", org);
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "kwetsbaarheid");
	struct org_map om;
	struct competence *comp = NULL;
	struct arrangement *arr = NULL;
	size_t ncomp = 0, narr = 0;
	char day[DATE_TEXT_LEN];
	kwaliteitskaart_moment_day(m, day);
	int r = 0;
	if (org_map_load(s, oid, m, &om) < 0 || load_competences(s, 0, &comp, &ncomp) < 0 ||
	    load_arrangements(s, oid, m, &arr, &narr) < 0) {
		r = store_db_problem(s, DB_ERR, p, "kwetsbaarheid");
		goto out;
	}
	json_t *a = json_array();
	for (size_t i = 0; i < ncomp; i++) {
		const struct competence *c = &comp[i];
		if (!applies(c, &om))
			continue;
		long long h = holders_in(&om, c->id, m), nsub;
		json_t *subs = substitutes_json(arr, narr, c->id, m, &nsub);
		/* Substitutes of the own organisation may already be holders. */
		long long extra = 0;
		size_t k;
		json_t *x;
		json_array_foreach(subs, k, x)
			extra += strcmp(json_string_value(json_object_get(x, "organisatie")), om.code) != 0;
		json_t *o = json_pack("{s:s,s:s,s:o,s:I,s:s,s:o,s:s}", "competentie", c->code, "naam", c->naam, "verband",
				      c->verband[0] ? json_string(c->verband) : json_null(), "houders", (json_int_t)h, "status",
				      kwaliteitskaart_status_name(kwaliteitskaart_status_of(h)), "vervangers", subs,
				      "statusMetVervangers", kwaliteitskaart_status_name(kwaliteitskaart_status_of(h + extra)));
		if (with_ids) {
			json_t *ids = json_array();
			size_t first, n = org_map_find(&om, c->id, &first);
			for (size_t j = 0; j < n; j++)
				if (kwaliteitskaart_is_holder(&om.e[first + j].person, m))
					json_array_append_new(ids, json_integer(om.e[first + j].person.id));
			json_object_set_new(o, "houderIds", ids);
		}
		json_array_append_new(a, o);
	}
	*out = a;
out:
	db_commit(s->db);
	org_map_release(&om);
	free(comp);
	free(arr);
	return r;
}

/* ---- the network view ----------------------------------------------------------- */

static const char *const status_keys[] = { "ontbreekt", "eenPitter", "gedekt" };

static json_t *status_lists(void) { return json_pack("{s:[],s:[],s:[]}", status_keys[0], status_keys[1], status_keys[2]); }

/* The network's counts, per organisation and competence: from the kept
 * counts (kwaliteitskaart_dekking) less who has retired by a year and who
 * is absent on the day, each read for the few people it concerns. */
struct cover {
	long long niveaus, houders, gone, pgone, nsub;
	char applies;
};

/* An id → index table for ids up to max (-1: not in the view). */
static int32_t *id_index(long long max)
{
	int32_t *x = malloc(((size_t)max + 1) * sizeof(*x));
	for (long long i = 0; x && i <= max; i++)
		x[i] = -1;
	return x;
}

static int in_range(long long id, long long max) { return id >= 0 && id <= max; }

int kwaliteitskaart_network(struct store *s, const char *verband, struct kwaliteitskaart_moment m, int proj_year, json_t **out,
			    struct problem *p)
{
	return kwaliteitskaart_network_page(s, verband, NULL, 0, -1, m, proj_year, out, p);
}

int kwaliteitskaart_network_page(struct store *s, const char *verband, const char *org, long long offset, long long limit,
				 struct kwaliteitskaart_moment m, int proj_year, json_t **out, struct problem *p)
{
	long long vid = 0;
	if (verband && !(vid = store_verband_id(s, verband))) {
		problem_set(p, 422, "Verband '%s' bestaat niet.", verband);
		problem_param(p, "verband", "verband '%s' bestaat niet", verband);
		p->status = 422;
		return -422;
	}
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "netwerk");
	struct kwaliteitskaart_moment pm = kwaliteitskaart_moment_year(proj_year);
	char day[DATE_TEXT_LEN];
	kwaliteitskaart_moment_day(m, day);
	struct competence *comp = NULL;
	size_t ncomp = 0, norgs = 0, cap = 0;
	struct org_map *maps = NULL; /* code and naam only, and the arrangements' organisation */
	struct cover *cv = NULL;
	int32_t *oix = NULL, *cix = NULL;
	int r = 0;
	json_t *orgs = json_array();
	long long maxo = 0, maxc = 0;
	struct db_stmt *st = db_query(s->db, "SELECT coalesce(max(id), 0) FROM organisaties", NULL);
	if (db_step(st) == DB_ROW)
		maxo = db_col_int(st, 0);
	db_finalize(st);
	st = db_query(s->db, "SELECT coalesce(max(id), 0) FROM competenties", NULL);
	if (db_step(st) == DB_ROW)
		maxc = db_col_int(st, 0);
	db_finalize(st);
	st = vid ? db_query(s->db,
			    "SELECT DISTINCT o.id, o.naam, o.code FROM lidmaatschappen l JOIN organisaties o ON o.id = "
			    "l.organisatie_id WHERE l.verband_id = ? AND " REGISTER_SQL_MEMBER_ON("l",
												  "?") " ORDER BY o.naam, o.id",
			    "ltt", vid, day, day)
		 : db_query(
			   s->db,
			   "SELECT o.id, o.naam, o.code FROM organisaties o WHERE EXISTS (SELECT 1 FROM kwaliteitskaart_dekking d"
			   " WHERE d.organisatie_id = o.id AND d.niveaus > 0) ORDER BY o.naam, o.id",
			   NULL);
	oix = id_index(maxo);
	while (st && oix && db_step(st) == DB_ROW) {
		struct org_map *om = grow(maps, &cap, norgs, sizeof(*om));
		if (!om)
			break;
		maps = om;
		om = &maps[norgs];
		memset(om, 0, sizeof(*om));
		om->oid = db_col_int(st, 0);
		snprintf(om->naam, sizeof(om->naam), "%s", db_col_text(st, 1));
		snprintf(om->code, sizeof(om->code), "%s", db_col_text(st, 2));
		if (in_range(om->oid, maxo))
			oix[om->oid] = (int32_t)norgs;
		norgs++;
	}
	db_finalize(st);
	cix = id_index(maxc);
	if (!st || !oix || !cix || load_competences(s, vid, &comp, &ncomp) < 0 ||
	    !(cv = calloc((norgs ? norgs : 1) * (ncomp ? ncomp : 1), sizeof(*cv)))) {
		r = store_db_problem(s, DB_ERR, p, "netwerk");
		goto out;
	}
	for (size_t c = 0; c < ncomp; c++)
		if (in_range(comp[c].id, maxc))
			cix[comp[c].id] = (int32_t)c;
#define CELL(o, c) cv[(size_t)(o)*ncomp + (size_t)(c)]
	/* What applies: the shared list, a verband's list for its members on
	 * the day (one query for all memberships), and what is held. */
	for (size_t i = 0; i < norgs; i++)
		for (size_t c = 0; c < ncomp; c++)
			CELL(i, c).applies = !comp[c].vid;
	st = db_query(
		s->db,
		"SELECT DISTINCT l.organisatie_id, l.verband_id FROM lidmaatschappen l WHERE " REGISTER_SQL_MEMBER_ON("l", "?"),
		"tt", day, day);
	while (st && db_step(st) == DB_ROW) {
		long long o = db_col_int(st, 0), v = db_col_int(st, 1);
		if (!in_range(o, maxo) || oix[o] < 0)
			continue;
		for (size_t c = 0; c < ncomp; c++)
			if (comp[c].vid == v)
				CELL(oix[o], c).applies = 1;
	}
	db_finalize(st);
	st = db_query(s->db,
		      "SELECT organisatie_id, competentie_id, niveaus, houders FROM kwaliteitskaart_dekking WHERE niveaus > 0",
		      NULL);
	while (st && db_step(st) == DB_ROW) {
		long long o = db_col_int(st, 0), c = db_col_int(st, 1);
		if (!in_range(o, maxo) || !in_range(c, maxc) || oix[o] < 0 || cix[c] < 0)
			continue;
		struct cover *x = &CELL(oix[o], cix[c]);
		x->niveaus = db_col_int(st, 2);
		x->houders = db_col_int(st, 3);
		x->applies = 1;
	}
	db_finalize(st);
	/* Holders retired by the year or by the projection's year. */
	st = db_query(s->db,
		      "SELECT m.organisatie_id, mc.competentie_id, m.pensioenjaar FROM medewerkers m"
		      " JOIN medewerker_competenties mc ON mc.medewerker_id = m.id"
		      " WHERE m.pensioenjaar IS NOT NULL AND m.pensioenjaar < ? AND mc.niveau >= ?",
		      "ll", (long long)(m.year > proj_year ? m.year : proj_year), (long long)KWALITEITSKAART_HOLDER_LEVEL);
	while (st && db_step(st) == DB_ROW) {
		long long o = db_col_int(st, 0), c = db_col_int(st, 1), pj = db_col_int(st, 2);
		if (!in_range(o, maxo) || !in_range(c, maxc) || oix[o] < 0 || cix[c] < 0)
			continue;
		struct cover *x = &CELL(oix[o], cix[c]);
		x->gone += kwaliteitskaart_retired((int)pj, m.year);
		x->pgone += kwaliteitskaart_retired((int)pj, pm.year);
	}
	db_finalize(st);
	/* Holders absent on the day who have not retired by then. */
	if (m.date != DATE_NONE) {
		st = db_query(s->db,
			      "SELECT m.id, m.organisatie_id, mc.competentie_id FROM medewerkers m"
			      " JOIN medewerker_competenties mc ON mc.medewerker_id = m.id"
			      " WHERE m.id IN (SELECT a.medewerker_id FROM afwezigheden a WHERE a.van <= ? AND a.tot >= ?)"
			      " AND mc.niveau >= ? AND (m.pensioenjaar IS NULL OR m.pensioenjaar >= ?)",
			      "ttll", day, day, (long long)KWALITEITSKAART_HOLDER_LEVEL, (long long)m.year);
		while (st && db_step(st) == DB_ROW) {
			long long o = db_col_int(st, 1), c = db_col_int(st, 2);
			if (in_range(o, maxo) && in_range(c, maxc) && oix[o] >= 0 && cix[c] >= 0)
				CELL(oix[o], cix[c]).gone++;
		}
		db_finalize(st);
	}
	/* Substitutes, for the organisations that have a running arrangement. */
	st = db_query(s->db,
		      "SELECT DISTINCT h.organisatie_id FROM vervangingen v JOIN medewerkers h ON h.id = v.medewerker_id"
		      " WHERE v.beeindigd IS NULL",
		      NULL);
	long long *with_arr = NULL;
	size_t nwith = 0, wcap = 0;
	while (st && db_step(st) == DB_ROW) {
		long long *w = grow(with_arr, &wcap, nwith, sizeof(*w));
		if (!w)
			break;
		with_arr = w;
		with_arr[nwith++] = db_col_int(st, 0);
	}
	db_finalize(st);
	for (size_t w = 0; w < nwith; w++) {
		long long o = with_arr[w];
		if (!in_range(o, maxo) || oix[o] < 0)
			continue;
		struct arrangement *arr = NULL;
		size_t narr = 0;
		if (load_arrangements(s, o, m, &arr, &narr) < 0) {
			free(arr);
			free(with_arr);
			r = store_db_problem(s, DB_ERR, p, "netwerk");
			goto out;
		}
		for (size_t c = 0; c < ncomp; c++) {
			long long nsub;
			json_decref(substitutes_json(arr, narr, comp[c].id, m, &nsub));
			CELL(oix[o], c).nsub = nsub;
		}
		free(arr);
	}
	free(with_arr);
	for (size_t i = 0; i < norgs; i++)
		json_array_append_new(orgs, json_pack("{s:s,s:s}", "code", maps[i].code, "naam", maps[i].naam));
	/* The organisations whose cells are written out: a page of the selection. */
	long long pos = 0;
	for (size_t i = 0; i < norgs; i++) {
		int match = !org || !strcmp(org, maps[i].code);
		maps[i].shown = match && pos >= offset && (limit < 0 || pos < offset + limit);
		pos += match;
	}

	json_t *list = json_array();
	long long cells[3] = { 0 }, pcells[3] = { 0 };
	json_t *net_one = json_array(), *pnet_one = json_array();
	for (size_t c = 0; c < ncomp; c++) {
		const struct competence *k = &comp[c];
		/* A shared competence nobody here holds at all clutters a network's view. */
		int any = 0;
		for (size_t i = 0; i < norgs && !any; i++)
			any = CELL(i, c).niveaus > 0;
		if (vid && !k->vid && !any)
			continue;
		json_t *now = status_lists(), *proj = status_lists(), *per = json_array(), *worse = json_array();
		long long total = 0, ptotal = 0, napplies = 0;
		for (size_t i = 0; i < norgs; i++) {
			const struct cover *x = &CELL(i, c);
			if (!x->applies)
				continue;
			napplies++;
			long long h = x->houders - x->gone, ph = x->houders - x->pgone;
			enum kwaliteitskaart_status st_now = kwaliteitskaart_status_of(h),
						    st_proj = kwaliteitskaart_status_of(ph);
			total += h, ptotal += ph;
			cells[st_now]++, pcells[st_proj]++;
			if (!maps[i].shown)
				continue;
			json_array_append_new(json_object_get(now, status_keys[st_now]), json_string(maps[i].code));
			json_array_append_new(json_object_get(proj, status_keys[st_proj]), json_string(maps[i].code));
			if (st_proj < st_now)
				json_array_append_new(worse, json_string(maps[i].code));
			json_array_append_new(per,
					      json_pack("{s:s,s:I,s:s,s:I,s:I,s:s}", "organisatie", maps[i].code, "houders",
							(json_int_t)h, "status", kwaliteitskaart_status_name(st_now),
							"vervangers", (json_int_t)x->nsub, "houdersProjectie", (json_int_t)ph,
							"statusProjectie", kwaliteitskaart_status_name(st_proj)));
		}
#undef CELL
		if (!napplies) {
			json_decref(now), json_decref(proj), json_decref(per), json_decref(worse);
			continue;
		}
		if (total == 1)
			json_array_append_new(net_one, json_string(k->code));
		if (ptotal == 1)
			json_array_append_new(pnet_one, json_string(k->code));
		json_object_set_new(now, "netwerkHouders", json_integer(total));
		json_object_set_new(now, "netwerkStatus",
				    json_string(kwaliteitskaart_status_name(kwaliteitskaart_status_of(total))));
		json_object_set_new(proj, "netwerkHouders", json_integer(ptotal));
		json_object_set_new(proj, "netwerkStatus",
				    json_string(kwaliteitskaart_status_name(kwaliteitskaart_status_of(ptotal))));
		json_object_set_new(proj, "jaar", json_integer(proj_year));
		json_t *o = json_pack("{s:s,s:s,s:o,s:o,s:o,s:o}", "competentie", k->code, "naam", k->naam, "verband",
				      k->verband[0] ? json_string(k->verband) : json_null(), "perOrganisatie", per, "projectie",
				      proj, "verslechtert", worse);
		json_object_update(o, now);
		json_decref(now);
		json_array_append_new(list, o);
	}
	*out = json_pack("{s:o,s:i,s:o,s:i,s:o,s:o,s:{s:I,s:I,s:I,s:o},s:{s:I,s:I,s:I,s:o}}", "verband",
			 verband ? json_string(verband) : json_null(), "jaar", m.year, "datum",
			 m.date != DATE_NONE ? json_string(day) : json_null(), "projectiejaar", proj_year, "organisaties", orgs,
			 "competenties", list, "samenvatting", "ontbreekt", (json_int_t)cells[0], "eenPitter",
			 (json_int_t)cells[1], "gedekt", (json_int_t)cells[2], "netwerkEenPitters", net_one,
			 "samenvattingProjectie", "ontbreekt", (json_int_t)pcells[0], "eenPitter", (json_int_t)pcells[1],
			 "gedekt", (json_int_t)pcells[2], "netwerkEenPitters", pnet_one);
	orgs = NULL;
out:
	db_commit(s->db);
	json_decref(orgs);
	free(maps);
	free(cv);
	free(oix);
	free(cix);
	free(comp);
	return r;
}

/* kwaliteitskaart_verify_cover (kwaliteitskaart.h): the kept counts
 * against the levels, both ways round. */
long long kwaliteitskaart_verify_cover(struct store *s,
				       void (*report)(void *ctx, const char *org, const char *what, long long kept, long long re),
				       void *ctx)
{
	struct db_stmt *st = db_query(
		s->db,
		"SELECT o.code, c.code, sum(x.kn), sum(x.rn), sum(x.kh), sum(x.rh) FROM ("
		" SELECT organisatie_id AS o, competentie_id AS c, niveaus AS kn, 0 AS rn, houders AS kh, 0 AS rh"
		"  FROM kwaliteitskaart_dekking"
		" UNION ALL"
		" SELECT m.organisatie_id, mc.competentie_id, 0, 1, 0, CASE WHEN mc.niveau >= 2 THEN 1 ELSE 0 END"
		"  FROM medewerker_competenties mc JOIN medewerkers m ON m.id = mc.medewerker_id) x"
		" JOIN organisaties o ON o.id = x.o JOIN competenties c ON c.id = x.c"
		" GROUP BY o.code, c.code HAVING sum(x.kn) <> sum(x.rn) OR sum(x.kh) <> sum(x.rh) ORDER BY o.code, c.code",
		NULL);
	long long n = 0;
	int r;
	while ((r = db_step(st)) == DB_ROW) {
		char what[160];
		if (db_col_int(st, 2) != db_col_int(st, 3)) {
			snprintf(what, sizeof(what), "kwaliteitskaart %s niveaus", db_col_text(st, 1));
			if (report)
				report(ctx, db_col_text(st, 0), what, db_col_int(st, 2), db_col_int(st, 3));
			n++;
		}
		if (db_col_int(st, 4) != db_col_int(st, 5)) {
			snprintf(what, sizeof(what), "kwaliteitskaart %s houders", db_col_text(st, 1));
			if (report)
				report(ctx, db_col_text(st, 0), what, db_col_int(st, 4), db_col_int(st, 5));
			n++;
		}
	}
	db_finalize(st);
	return r < 0 ? r : n;
}

/* ---- the map as a document ------------------------------------------------------- */

int kwaliteitskaart_map(struct store *s, const char *org, json_t **out, struct problem *p)
{
	long long oid = store_org_id(s, org);
	if (!oid)
		return kwaliteitskaart_unknown_ref(p, "organisatie", "organisatie '%s' bestaat niet", org);
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "kwaliteitskaart");
	struct org_map om;
	struct competence *comp = NULL;
	size_t ncomp = 0;
	char day[DATE_TEXT_LEN];
	struct kwaliteitskaart_moment m = kwaliteitskaart_moment_date(date_today());
	kwaliteitskaart_moment_day(m, day);
	int r = 0;
	json_t *doc = NULL;
	if (org_map_load(s, oid, kwaliteitskaart_moment_year(m.year), &om) < 0 || load_competences(s, 0, &comp, &ncomp) < 0) {
		r = store_db_problem(s, DB_ERR, p, "kwaliteitskaart");
		goto out;
	}
	/* What applies is what applies today, not on 1 January. */
	free(om.verbanden);
	om.verbanden = NULL, om.nverbanden = 0;
	if (load_memberships(s, &om, day) < 0) {
		r = store_db_problem(s, DB_ERR, p, "kwaliteitskaart");
		goto out;
	}
	json_t *codes = json_array();
	for (size_t i = 0; i < ncomp; i++)
		if (applies(&comp[i], &om))
			json_array_append_new(codes, json_pack("{s:s,s:s}", "code", comp[i].code, "naam", comp[i].naam));
	json_t *staff = NULL;
	struct problem p2;
	problem_init(&p2);
	if (medewerkers_list(s, org, 0, 0, &staff, &p2) < 0) {
		json_decref(codes);
		*p = p2;
		r = -p2.status;
		goto out;
	}
	json_t *people = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(staff, i, x) {
		if (json_is_true(json_object_get(x, "pseudoniem")))
			continue; /* gone: their personal data is erased */
		json_t *rec = json_deep_copy(x);
		json_object_del(rec, "organisatie");
		json_object_del(rec, "pseudoniem");
		json_t *lv = json_object();
		struct db_stmt *st = db_query(
			s->db,
			"SELECT c.code, mc.niveau FROM medewerker_competenties mc JOIN competenties c ON c.id = mc.competentie_id"
			" WHERE mc.medewerker_id = ? ORDER BY c.code",
			"l", (long long)json_integer_value(json_object_get(x, "id")));
		while (db_step(st) == DB_ROW)
			json_object_set_new(lv, db_col_text(st, 0), json_integer(db_col_int(st, 1)));
		db_finalize(st);
		json_object_set_new(rec, "niveaus", lv);
		json_array_append_new(people, rec);
	}
	json_decref(staff);
	/* By name, as people look themselves up in a sheet. */
	size_t n = json_array_size(people);
	for (size_t a = 1; a < n; a++)
		for (size_t b = a; b > 0; b--) {
			json_t *l = json_array_get(people, b - 1), *rr = json_array_get(people, b);
			if (strcmp(json_string_value(json_object_get(l, "naam")),
				   json_string_value(json_object_get(rr, "naam"))) <= 0)
				break;
			json_incref(l);
			json_array_set(people, b - 1, rr);
			json_array_set_new(people, b, l);
		}
	doc = json_pack("{s:s,s:s,s:o,s:o}", "organisatie", om.code, "naam", om.naam, "competenties", codes, "medewerkers",
			people);
	*out = doc;
out:
	db_commit(s->db);
	org_map_release(&om);
	free(comp);
	return r;
}

int kwaliteitskaart_has_map(struct store *s, const char *org)
{
	struct db_stmt *st = db_query(s->db,
				      "SELECT 1 FROM medewerker_competenties mc JOIN medewerkers m ON m.id = mc.medewerker_id"
				      " JOIN organisaties o ON o.id = m.organisatie_id WHERE o.code = ? LIMIT 1",
				      "t", org);
	int yes = db_step(st) == DB_ROW;
	db_finalize(st);
	return yes;
}
