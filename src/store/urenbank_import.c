/* A batch of imported hour entries (urenbank.h: urenbank_batch_*): inside
 * the importer's one transaction, what no entry of the import changes is
 * read once instead of per entry, and the running sums the entries change
 * (members' balances, opdrachten's totals, the flows between
 * organisations: seven updates per entry) are added up here and written
 * once per key at the end (urenbank_batch_end). The draw checks read the
 * balances as the database has them plus what the batch holds back, so
 * they see what they would see without a batch. The rules are those of
 * urenbank_uren_submit and urenbank_uren_approve, run by the same code
 * (urenbank_uren.c); only where their inputs come from differs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/grow.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

/* Ids to the index of their record: open addressing, grown at half full. */
struct idmap {
	long long *keys; /* 0 = empty (ids start at 1) */
	int *vals;
	size_t cap, n;
};

static int idmap_get(const struct idmap *m, long long key)
{
	if (!m->cap)
		return -1;
	for (size_t i = (size_t)((unsigned long long)key * 2654435761u) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (m->keys[i] == key)
			return m->vals[i];
		if (!m->keys[i])
			return -1;
	}
}

static int idmap_put(struct idmap *m, long long key, int val)
{
	if (2 * (m->n + 1) > m->cap) {
		struct idmap g = { NULL, NULL, m->cap ? 2 * m->cap : 256, 0 };
		g.keys = calloc(g.cap, sizeof(*g.keys));
		g.vals = calloc(g.cap, sizeof(*g.vals));
		if (!g.keys || !g.vals) {
			free(g.keys);
			free(g.vals);
			return -1;
		}
		for (size_t i = 0; i < m->cap; i++)
			if (m->keys[i])
				idmap_put(&g, m->keys[i], m->vals[i]);
		free(m->keys);
		free(m->vals);
		*m = g;
	}
	size_t i = (size_t)((unsigned long long)key * 2654435761u) & (m->cap - 1);
	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	m->n += !m->keys[i];
	m->keys[i] = key;
	m->vals[i] = val;
	return 0;
}

struct batch_opdracht {
	int found;
	char status[24];
	struct principals pr;
};

/* Running sums by key (a kind of struct urenbank_batch's sums). */
struct sums {
	struct idmap ix;
	long long (*v)[4];
	size_t n, cap;
};

/* The monthly sums and the status counts (urenbank_maandcijfers.h,
 * URENBANK_TEL_*), by their key: written once per key at the end, for
 * every key a kept entry touched (also when its sum came to zero, as
 * booking one by one leaves such a row). */
struct tel {
	int t, kept;
	char maand[12], soort[40]; /* maand: JJJJ-MM, or a day JJJJ-MM-DD (URENBANK_TEL_DAG) */
	long long a, c, n, m;
};

struct tels {
	int *slot; /* index + 1 into rec, 0 = empty */
	size_t cap;
	struct tel *rec;
	size_t n, caprec;
};

/* A pending row of this kind adds to tels.rec[key] (beyond the sums). */
#define BATCH_TEL URENBANK_BATCH_KINDS

static size_t tel_hash(int t, const char *maand, long long a, long long c, const char *soort)
{
	unsigned long long h = 1469598103934665603ULL ^ (unsigned)t;
	h = (h ^ (unsigned long long)a) * 1099511628211ULL;
	h = (h ^ (unsigned long long)c) * 1099511628211ULL;
	for (const char *x = maand; *x; x++)
		h = (h ^ (unsigned char)*x) * 1099511628211ULL;
	h = (h ^ '|') * 1099511628211ULL;
	for (const char *x = soort; *x; x++)
		h = (h ^ (unsigned char)*x) * 1099511628211ULL;
	h ^= h >> 31; /* the low bits pick the slot: mix the high ones in */
	h *= 0x94d049bb133111ebULL;
	return (size_t)(h ^ (h >> 29));
}

static int tel_same(const struct tel *r, int t, const char *maand, long long a, long long c, const char *soort)
{
	return r->t == t && r->a == a && r->c == c && !strcmp(r->maand, maand) && !strcmp(r->soort, soort);
}

/* The index of the key's record, made (zero) when new; -1: no memory or
 * a key longer than a record holds. */
static long long tel_at(struct tels *x, int t, const char *maand, long long a, long long c, const char *soort)
{
	if (strlen(maand) >= sizeof(x->rec->maand) || strlen(soort) >= sizeof(x->rec->soort))
		return -1;
	if (2 * (x->n + 1) > x->cap) {
		size_t cap = x->cap ? 2 * x->cap : 1024;
		int *slot = calloc(cap, sizeof(*slot));
		if (!slot)
			return -1;
		for (size_t i = 0; i < x->n; i++) {
			const struct tel *r = &x->rec[i];
			size_t j = tel_hash(r->t, r->maand, r->a, r->c, r->soort) & (cap - 1);
			while (slot[j])
				j = (j + 1) & (cap - 1);
			slot[j] = (int)i + 1;
		}
		free(x->slot);
		x->slot = slot;
		x->cap = cap;
	}
	size_t j = tel_hash(t, maand, a, c, soort) & (x->cap - 1);
	for (; x->slot[j]; j = (j + 1) & (x->cap - 1))
		if (tel_same(&x->rec[x->slot[j] - 1], t, maand, a, c, soort))
			return x->slot[j] - 1;
	struct tel *rec = grow(x->rec, &x->caprec, x->n, sizeof(*rec));
	if (!rec)
		return -1;
	x->rec = rec;
	struct tel *r = &x->rec[x->n];
	*r = (struct tel){ .t = t, .a = a, .c = c };
	snprintf(r->maand, sizeof(r->maand), "%s", maand);
	snprintf(r->soort, sizeof(r->soort), "%s", soort);
	x->slot[j] = (int)x->n + 1;
	return (long long)x->n++;
}

/* What the entry being imported added, kept or dropped with it. */
struct pending {
	int kind;
	long long key, v[4];
};

struct urenbank_batch {
	struct store *s;
	const struct actor *by;
	char code[48];
	int have_pt, have_sight;
	struct pt pt;
	struct urenbank_sight sight;
	struct idmap opdracht_ix, staff, member; /* staff: id → organisation; member: organisation → 0/1 */
	json_t *codes; /* "organisation id" → code */
	struct sums sums[URENBANK_BATCH_KINDS], base; /* base: balances as read from the database */
	struct sums booked, inzet; /* per opdracht and medewerker: booked minutes when first asked, inzet */
	struct tels tels;
	int broken; /* an entry failed after it began to write (urenbank_batch_break) */
	struct pending *row;
	size_t nrow, caprow;
	struct batch_opdracht *opdrachten;
	size_t nopdrachten, capopdrachten;
};

struct urenbank_batch *urenbank_batch_new(struct store *s, const struct actor *by, const char *pt)
{
	struct urenbank_batch *b = calloc(1, sizeof(*b));
	if (!b)
		return NULL;
	b->s = s;
	b->by = by;
	snprintf(b->code, sizeof(b->code), "%s", pt ? pt : "");
	b->codes = json_object();
	return b;
}

void urenbank_batch_free(struct urenbank_batch *b)
{
	if (!b)
		return;
	if (b->have_sight)
		urenbank_sight_release(&b->sight);
	free(b->opdracht_ix.keys);
	free(b->opdracht_ix.vals);
	free(b->staff.keys);
	free(b->staff.vals);
	free(b->member.keys);
	free(b->member.vals);
	free(b->opdrachten);
	json_decref(b->codes);
	for (int k = 0; k <= URENBANK_BATCH_KINDS + 2; k++) {
		struct sums *x = k < URENBANK_BATCH_KINDS	? &b->sums[k]
				 : k == URENBANK_BATCH_KINDS	? &b->base
				 : k == URENBANK_BATCH_KINDS + 1 ? &b->booked
								  : &b->inzet;
		free(x->ix.keys);
		free(x->ix.vals);
		free(x->v);
	}
	free(b->tels.slot);
	free(b->tels.rec);
	free(b->row);
	free(b);
}

/* The sums of key in x, made (zero) when new; NULL: no memory. */
static long long *sums_at(struct sums *x, long long key, int *made)
{
	int k = idmap_get(&x->ix, key);
	*made = k < 0;
	if (k >= 0)
		return x->v[k];
	long long(*v)[4] = grow(x->v, &x->cap, x->n, sizeof(*v));
	if (!v)
		return NULL;
	x->v = v;
	if (idmap_put(&x->ix, key, (int)x->n) < 0)
		return NULL;
	memset(x->v[x->n], 0, sizeof(x->v[0]));
	return x->v[x->n++];
}

int urenbank_batch_defer(struct urenbank_batch *b, int kind, long long key, long long v0, long long v1, long long v2,
			 long long v3)
{
	struct pending *x = grow(b->row, &b->caprow, b->nrow, sizeof(*x));
	if (!x)
		return -1;
	b->row = x;
	b->row[b->nrow++] = (struct pending){ kind, key, { v0, v1, v2, v3 } };
	return 0;
}

void urenbank_batch_row(struct urenbank_batch *b, int keep)
{
	for (size_t i = 0; keep && i < b->nrow; i++) {
		if (b->row[i].kind == BATCH_TEL) {
			struct tel *r = &b->tels.rec[b->row[i].key];
			r->n += b->row[i].v[0];
			r->m += b->row[i].v[1];
			r->kept = 1;
			continue;
		}
		int made;
		long long *v = sums_at(&b->sums[b->row[i].kind], b->row[i].key, &made);
		if (!v) { /* no memory: the end refuses the import */
			b->nrow = 0;
			b->caprow = (size_t)-1;
			return;
		}
		for (int k = 0; k < 4; k++)
			v[k] += b->row[i].v[k];
	}
	b->nrow = 0;
}

int urenbank_batch_tel(struct urenbank_batch *b, int t, const char *maand, long long a, long long c, const char *soort,
		       long long n, long long m)
{
	if (maand && !strcmp(maand, "*"))
		return 0; /* all months: added up from the months at the end */
	long long k = tel_at(&b->tels, t, maand ? maand : "", a, c, soort ? soort : "");
	return k < 0 ? -1 : urenbank_batch_defer(b, BATCH_TEL, k, n, m, 0, 0);
}

int urenbank_batch_balance(struct urenbank_batch *b, struct store *s, long long ptid, long long org, struct ledger_balance *bal)
{
	if (!b || !b->have_pt || ptid != b->pt.id)
		return urenbank_member_balance(s, ptid, org, bal);
	int made;
	long long *base = sums_at(&b->base, org, &made);
	if (!base)
		return urenbank_member_balance(s, ptid, org, bal) ? 1 : 0; /* without the held-back sums: refuse at the end */
	if (made) {
		struct ledger_balance d;
		base[3] = urenbank_member_balance(s, ptid, org, &d) ? d.committed : (long long)INT64_MIN;
		base[0] = d.brought, base[1] = d.taken, base[2] = d.deposited;
	}
	if (base[3] == (long long)INT64_MIN)
		return 0;
	long long v[4] = { base[0], base[1], base[2], base[3] };
	int k = idmap_get(&b->sums[URENBANK_BATCH_MEMBER].ix, org);
	for (int j = 0; k >= 0 && j < 4; j++)
		v[j] += b->sums[URENBANK_BATCH_MEMBER].v[k][j];
	for (size_t i = 0; i < b->nrow; i++)
		if (b->row[i].kind == URENBANK_BATCH_MEMBER && b->row[i].key == org)
			for (int j = 0; j < 4; j++)
				v[j] += b->row[i].v[j];
	*bal = (struct ledger_balance){ v[0], v[1], v[2], v[3] };
	return 1;
}

/* The key of an opdracht and a medewerker: 0 when the ids do not fit. */
static long long pair_key(long long opdracht, long long mw)
{
	return opdracht > 0 && mw > 0 && opdracht < (1LL << 31) && mw < (1LL << 31) ? opdracht << 32 | mw : 0;
}

/* What sql (bound to opdracht and mw) gives for the pair as the database
 * had it when first asked: read then and kept in b->inzet (inzet) or
 * b->booked, *key the pair's key; or, when there is no batch or it keeps
 * nothing for the pair, read now and *key 0. */
static long long pair_first(struct urenbank_batch *b, int inzet, struct store *s, long long ptid, long long opdracht,
			    long long mw, const char *sql, long long *key)
{
	*key = urenbank_batch_defers(b, ptid) ? pair_key(opdracht, mw) : 0;
	int made;
	long long *base = *key ? sums_at(inzet ? &b->inzet : &b->booked, *key, &made) : NULL;
	if (!base) {
		*key = 0;
		return urenbank_one_int(s, sql, "ll", opdracht, mw);
	}
	if (made)
		base[0] = urenbank_one_int(s, sql, "ll", opdracht, mw);
	return base[0];
}

long long urenbank_batch_booked(struct urenbank_batch *b, struct store *s, long long ptid, long long opdracht, long long mw)
{
	static const char sql[] = "SELECT coalesce(sum(minuten), 0) FROM uren WHERE opdracht_id = ? AND medewerker_id = ?"
				  " AND status IN ('ingediend','goedgekeurd')";
	/* Read before any line of the batch added to it: those come below. */
	long long key, v = pair_first(b, 0, s, ptid, opdracht, mw, sql, &key);
	if (!key)
		return v;
	int k = idmap_get(&b->sums[URENBANK_BATCH_BOOKED].ix, key);
	if (k >= 0)
		v += b->sums[URENBANK_BATCH_BOOKED].v[k][0];
	for (size_t i = 0; i < b->nrow; i++)
		if (b->row[i].kind == URENBANK_BATCH_BOOKED && b->row[i].key == key)
			v += b->row[i].v[0];
	return v;
}

int urenbank_batch_booked_add(struct urenbank_batch *b, long long ptid, long long opdracht, long long mw, long long minuten)
{
	long long key = urenbank_batch_defers(b, ptid) ? pair_key(opdracht, mw) : 0;
	if (!key || idmap_get(&b->booked.ix, key) < 0)
		return 0; /* the database has it when it is first asked */
	return urenbank_batch_defer(b, URENBANK_BATCH_BOOKED, key, minuten, 0, 0, 0);
}

long long urenbank_batch_inzet(struct urenbank_batch *b, struct store *s, long long ptid, long long opdracht, long long mw)
{
	static const char sql[] = "SELECT coalesce(sum(minuten), 0) FROM inzet WHERE opdracht_id = ? AND medewerker_id = ?"
				  " AND status = 'open'";
	long long key;
	return pair_first(b, 1, s, ptid, opdracht, mw, sql, &key);
}

int urenbank_batch_end(struct urenbank_batch *b, struct problem *p)
{
	if (!b)
		return 0;
	int r = b->caprow == (size_t)-1 ? problem_set(p, 500, "Onvoldoende geheugen; er is niets ingelezen.")
		: b->broken	       ? problem_set(p, 500, "Een urenregel is half geschreven; er is niets ingelezen.")
				       : 0;
	struct store *s = b->s;
	const struct sums *m = &b->sums[URENBANK_BATCH_MEMBER], *o = &b->sums[URENBANK_BATCH_OPDRACHT],
			  *f = &b->sums[URENBANK_BATCH_STROOM];
	for (size_t i = 0; r == 0 && i < m->ix.cap; i++)
		if (m->ix.keys[i]) {
			const long long *v = m->v[m->ix.vals[i]];
			r = urenbank_member_add(s, b->pt.id, m->ix.keys[i], v[0], v[1], v[2], v[3], p);
		}
	for (size_t i = 0; r == 0 && i < o->ix.cap; i++)
		if (o->ix.keys[i]) {
			const long long *v = o->v[o->ix.vals[i]];
			/* and its first hours: an entry of the batch may be the first (migration 108) */
			int w = db_run(s->db,
				       "UPDATE opdrachten SET geboekt_minuten = geboekt_minuten + ?, goedgekeurd_minuten ="
				       " goedgekeurd_minuten + ?, eerste_uren = (SELECT min(u.ingediend) FROM uren u"
				       " WHERE u.opdracht_id = opdrachten.id AND u.status <> 'afgekeurd') WHERE id = ?",
				       "lll", v[0], v[1], o->ix.keys[i]);
			r = w < 0 ? store_db_problem(s, w, p, "opdracht") : 0;
		}
	for (size_t i = 0; r == 0 && i < f->ix.cap; i++)
		if (f->ix.keys[i]) {
			const long long *v = f->v[f->ix.vals[i]], key = f->ix.keys[i];
			int w = db_run(s->db,
				       "INSERT INTO urenbank_stromen(proeftuin_id, organisatie_id, opdrachtgever_id, minuten)"
				       " VALUES(?, ?, ?, ?) ON CONFLICT(proeftuin_id, organisatie_id, opdrachtgever_id)"
				       " DO UPDATE SET minuten = urenbank_stromen.minuten + excluded.minuten",
				       "llll", b->pt.id, key >> 32, key & 0xffffffffLL, v[0]);
			r = w < 0 ? store_db_problem(s, w, p, "stroom") : 0;
		}
	/* The monthly sums, each also in all months ('*'), and the status counts. */
	for (size_t i = 0, n = b->tels.n; r == 0 && i < n; i++) {
		const struct tel *x = &b->tels.rec[i];
		if (!x->kept || !x->maand[0])
			continue;
		char soort[sizeof(x->soort)]; /* x may move when the records grow */
		snprintf(soort, sizeof(soort), "%s", x->soort);
		long long n0 = x->n, m0 = x->m, k = tel_at(&b->tels, x->t, "*", x->a, x->c, soort);
		if (k < 0) {
			r = problem_set(p, 500, "Onvoldoende geheugen; er is niets ingelezen.");
			break;
		}
		struct tel *all = &b->tels.rec[k];
		all->n += n0;
		all->m += m0;
		all->kept = 1;
	}
	for (size_t i = 0; r == 0 && i < b->tels.n; i++) {
		const struct tel *x = &b->tels.rec[i];
		if (x->kept)
			r = urenbank_tel_add(s, x->t, b->pt.id, x->maand, x->a, x->c, x->soort, x->n, x->m, p);
	}
	urenbank_batch_free(b);
	return r;
}

int urenbank_batch_import(struct urenbank_batch *b, json_t *in, int approve, long long *id, struct problem *p)
{
	b->nrow = 0;
	int r = urenbank_uren_import_in(b->s, b, b->by, b->code, in, approve, id, p);
	urenbank_batch_row(b, r == 0);
	return r;
}

void urenbank_batch_break(struct urenbank_batch *b) { b->broken = 1; }

int urenbank_batch_broken(const struct urenbank_batch *b) { return b->broken; }

/* Whether the batch holds back the sums of proeftuin ptid. */
int urenbank_batch_defers(const struct urenbank_batch *b, long long ptid) { return b && b->have_pt && b->pt.id == ptid; }

int urenbank_batch_pt(struct urenbank_batch *b, struct store *s, const char *code, struct pt *pt, struct problem *p)
{
	if (!b || strcmp(code, b->code))
		return urenbank_pt_load(s, code, pt, p);
	if (!b->have_pt) {
		if (urenbank_pt_load(s, code, &b->pt, p) < 0)
			return -p->status;
		b->have_pt = 1;
	}
	*pt = b->pt;
	return 0;
}

static struct batch_opdracht *opdracht_of(struct urenbank_batch *b, struct store *s, long long ptid, long long id)
{
	int k = idmap_get(&b->opdracht_ix, id);
	if (k >= 0)
		return &b->opdrachten[k];
	struct batch_opdracht *x = grow(b->opdrachten, &b->capopdrachten, b->nopdrachten, sizeof(*x));
	if (!x)
		return NULL;
	b->opdrachten = x;
	struct batch_opdracht *o = &b->opdrachten[b->nopdrachten];
	memset(o, 0, sizeof(*o));
	o->found = urenbank_opdracht_find(s, ptid, id, o->status, sizeof(o->status));
	struct principals *pr = o->found ? urenbank_principals_load(s, id) : NULL;
	if (o->found && !pr)
		return NULL;
	if (pr)
		o->pr = *pr;
	free(pr);
	if (idmap_put(&b->opdracht_ix, id, (int)b->nopdrachten) < 0)
		return NULL;
	b->nopdrachten++;
	return o;
}

int urenbank_batch_opdracht(struct urenbank_batch *b, struct store *s, long long ptid, long long id, char *status, size_t len)
{
	struct batch_opdracht *o = b && ptid == b->pt.id && b->have_pt ? opdracht_of(b, s, ptid, id) : NULL;
	if (!o)
		return urenbank_opdracht_find(s, ptid, id, status, len);
	if (o->found)
		snprintf(status, len, "%s", o->status);
	return o->found;
}

struct principals *urenbank_batch_principals(struct urenbank_batch *b, struct store *s, long long opdracht, int *owned)
{
	struct batch_opdracht *o = b && b->have_pt ? opdracht_of(b, s, b->pt.id, opdracht) : NULL;
	*owned = !o || !o->found;
	return *owned ? urenbank_principals_load(s, opdracht) : &o->pr;
}

void urenbank_batch_org_code(struct urenbank_batch *b, struct store *s, long long org, char *out, size_t len)
{
	char key[32];
	snprintf(key, sizeof(key), "%lld", org);
	json_t *c = b ? json_object_get(b->codes, key) : NULL;
	if (c) {
		snprintf(out, len, "%s", json_string_value(c));
		return;
	}
	urenbank_org_code(s, org, out, len);
	if (b)
		json_object_set_new(b->codes, key, json_string(out));
}

long long urenbank_batch_staff_org(struct urenbank_batch *b, struct store *s, long long mw)
{
	int k = b ? idmap_get(&b->staff, mw) : -1;
	if (k >= 0)
		return k;
	long long org = urenbank_medewerkers_org_id(s, mw);
	if (b && org > 0 && org < 0x7fffffff)
		idmap_put(&b->staff, mw, (int)org);
	return org;
}

int urenbank_batch_member(struct urenbank_batch *b, struct store *s, long long ptid, long long org)
{
	if (!b || !b->have_pt || ptid != b->pt.id)
		return urenbank_is_member(s, ptid, org);
	int k = idmap_get(&b->member, org);
	if (k >= 0)
		return k;
	int m = urenbank_is_member(s, ptid, org);
	idmap_put(&b->member, org, m);
	return m;
}

struct urenbank_sight *urenbank_batch_sight(struct urenbank_batch *b, struct store *s, const struct actor *by, const char *pt,
					    struct urenbank_sight *own)
{
	if (b && by == b->by && !strcmp(pt, b->code)) {
		if (!b->have_sight) {
			urenbank_sight_init(&b->sight, s, by, pt);
			b->have_sight = 1;
		}
		return &b->sight;
	}
	urenbank_sight_init(own, s, by, pt);
	return own;
}
