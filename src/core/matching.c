/* Matching people to opdrachten as a minimum-cost maximum flow; matching.h
 * explains the model, the weights and the drawing rights. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/ledger.h"
#include "core/matching.h"
#include "core/mcf.h"

__extension__ typedef __int128 wide;

__attribute__((format(printf, 3, 4))) static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	if (err && errlen) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int64_t max0(int64_t v) { return v > 0 ? v : 0; }

static int check_input(const struct matching_input *in, char *err, size_t errlen)
{
	if (in->norgs > (size_t)INT32_MAX || in->npeople > (size_t)MCF_MAX_NODES || in->nneeds > (size_t)MCF_MAX_NODES / 4 ||
	    in->nopdrachten > (size_t)INT32_MAX || in->ncompetences < 0)
		return fail(err, errlen, "De matching is te groot voor de rekenkern.");
	for (size_t i = 0; i < in->norgs; i++)
		if (in->orgs[i].saldo < -MATCHING_MAX_MINUTES * 1024 || in->orgs[i].saldo > MATCHING_MAX_MINUTES * 1024 ||
		    in->orgs[i].available > MATCHING_MAX_MINUTES * 1024)
			return fail(err, errlen, "Organisatie %zu: saldo of beschikbare minuten buiten bereik.", i);
	for (size_t p = 0; p < in->npeople; p++) {
		const struct matching_person *x = &in->people[p];
		if (x->org < 0 || (size_t)x->org >= in->norgs)
			return fail(err, errlen, "Medewerker %zu hoort bij een onbekende organisatie.", p);
		if (x->minutes < 0 || x->minutes > MATCHING_MAX_MINUTES)
			return fail(err, errlen, "Medewerker %zu: beschikbare minuten buiten bereik.", p);
		if (x->first_skill > in->nskills || x->nskills > in->nskills - x->first_skill)
			return fail(err, errlen, "Medewerker %zu: competenties buiten de lijst.", p);
		for (size_t k = 0; k < x->nskills; k++) {
			const struct matching_skill *s = &in->skills[x->first_skill + k];
			if (s->competence < 0 || s->competence >= in->ncompetences || s->level < 1 || s->level > MATCHING_LEVELS)
				return fail(err, errlen, "Medewerker %zu: competentie of niveau buiten bereik.", p);
		}
	}
	for (size_t j = 0; j < in->nopdrachten; j++) {
		const struct matching_opdracht *o = &in->opdrachten[j];
		if (o->nprincipals < 1 || o->nprincipals > LEDGER_MAX_PARTIES || o->first_principal > in->nprincipals ||
		    o->nprincipals > in->nprincipals - o->first_principal)
			return fail(err, errlen, "Opdracht %zu: opdrachtgevers buiten de lijst.", j);
		for (size_t a = 0; a < o->nprincipals; a++) {
			const struct matching_principal *pa = &in->principals[o->first_principal + a];
			if (pa->org < 0 || (size_t)pa->org >= in->norgs || pa->weight < 1 || pa->weight > LEDGER_MAX_SPLIT)
				return fail(err, errlen, "Opdracht %zu: opdrachtgever of aandeel buiten bereik.", j);
			for (size_t b = 0; b < a; b++)
				if (in->principals[o->first_principal + b].org == pa->org)
					return fail(err, errlen, "Opdracht %zu: een opdrachtgever staat er twee keer in.", j);
		}
	}
	for (size_t n = 0; n < in->nneeds; n++) {
		const struct matching_need *x = &in->needs[n];
		if (x->opdracht < 0 || (size_t)x->opdracht >= in->nopdrachten || x->competence < 0 ||
		    x->competence >= in->ncompetences || x->level < 1 || x->level > MATCHING_LEVELS || x->minutes < 0 ||
		    x->minutes > MATCHING_MAX_MINUTES)
			return fail(err, errlen, "Behoefte %zu: opdracht, competentie, niveau of minuten buiten bereik.", n);
	}
	return 0;
}

int matching_is_foreign(const struct matching_input *in, int32_t person, int32_t need)
{
	const struct matching_opdracht *o = &in->opdrachten[in->needs[need].opdracht];
	return !(o->nprincipals == 1 && in->principals[o->first_principal].org == in->people[person].org);
}

/* ---- the drawing rights: commitments and what fits ------------------- */

static const struct matching_principal *principal(const struct matching_input *in, int32_t opdracht, size_t i)
{
	return &in->principals[in->opdrachten[opdracht].first_principal + i];
}

static int64_t total_weight(const struct matching_input *in, int32_t opdracht)
{
	int64_t w = 0;
	for (size_t i = 0; i < in->opdrachten[opdracht].nprincipals; i++)
		w += principal(in, opdracht, i)->weight;
	return w;
}

/* The most a principal can be committed for x foreign minutes: x on a
 * lokaal opdracht, ⌈x·w/W⌉ otherwise. */
static int64_t commit_bound(int64_t x, int64_t w, int64_t W)
{
	if (x >= 0 && x <= INT32_MAX && w <= INT32_MAX && W <= INT32_MAX) /* the usual case: 64 bits suffice */
		return (x * w + W - 1) / W;
	return (int64_t)(((wide)x * w + W - 1) / W);
}

/* The largest x with commit_bound(x) ≤ c. */
static int64_t fit_bound(int64_t c, int64_t w, int64_t W)
{
	wide x = c >= INT32_MIN && c <= INT32_MAX && W <= INT32_MAX ? (wide)(c * W / w) : (wide)c * W / w;
	return x > MATCHING_MAX_MINUTES ? MATCHING_MAX_MINUTES : (int64_t)x;
}

/* Gives need n foreign minutes from base up to at most want, as far as
 * every principal's rights left (rem) allow; returns the new cap. */
static int64_t allot(const struct matching_input *in, int32_t n, int64_t base, int64_t want, int64_t *rem)
{
	int32_t j = in->needs[n].opdracht;
	size_t np = in->opdrachten[j].nprincipals;
	int64_t W = total_weight(in, j), x = want;
	for (size_t i = 0; i < np; i++) {
		const struct matching_principal *pa = principal(in, j, i);
		int64_t fit = np == 1 ? base + rem[pa->org]
				      : fit_bound(commit_bound(base, pa->weight, W) + rem[pa->org], pa->weight, W);
		if (fit < x)
			x = fit;
	}
	if (x < base)
		x = base;
	for (size_t i = 0; i < np; i++) {
		const struct matching_principal *pa = principal(in, j, i);
		rem[pa->org] -= np == 1 ? x - base : commit_bound(x, pa->weight, W) - commit_bound(base, pa->weight, W);
	}
	return x;
}

/* ---- the network ------------------------------------------------------- */

struct own_pair {
	int32_t org, competence;
};

static int own_cmp(const void *a, const void *b)
{
	const struct own_pair *x = a, *y = b;
	if (x->org != y->org)
		return x->org < y->org ? -1 : 1;
	return (x->competence > y->competence) - (x->competence < y->competence);
}

struct entry { /* a person's arc into a pool */
	int32_t person, level;
	long long arc;
};

struct consumer { /* an arc out of a pool to a need (or its foreign node) */
	int32_t need;
	long long arc;
};

struct net {
	const struct matching_input *in;
	int32_t *rank;
	int64_t G;
	int32_t offer_step; /* added to the rank of a person who is not offered */
	/* families of pools: one per competence that is needed (global), one per
	 * (lokaal principal, competence) (own) */
	int32_t *gfam;         /* per competence: family or -1 */
	struct own_pair *owns; /* sorted */
	int32_t *minlev;       /* per family: the lowest level of its needs */
	int32_t *owntab;       /* [org · ncompetences + competence]: own family or -1, or NULL */
	size_t nowns, nfam;
	int32_t pool0, fnode0, need0;
	int32_t nnodes;
	struct mcf g;
	long long *fcap_arc;   /* per need: foreign node → need */
	long long *need_arc;   /* per need: need → sink */
	struct entry *entries; /* person → pool arcs, grouped by pool (CSR) */
	size_t *entry_start;   /* per pool + 1 */
	struct consumer *cons; /* pool → need arcs, grouped by pool (CSR) */
	size_t *cons_start;
};

static int32_t own_family(const struct net *nt, int32_t org, int32_t competence)
{
	if (nt->owntab) /* each person's every skill asks: a table when it is small enough */
		return nt->owntab[(size_t)org * (size_t)nt->in->ncompetences + (size_t)competence];
	struct own_pair key = { org, competence };
	const struct own_pair *f = bsearch(&key, nt->owns, nt->nowns, sizeof(key), own_cmp);
	return f ? (int32_t)(nt->nfam - nt->nowns + (size_t)(f - nt->owns)) : -1;
}

static int32_t pool_node(const struct net *nt, int32_t fam, int32_t level) { return nt->pool0 + 3 * fam + (level - 1); }
static size_t pool_index(int32_t fam, int32_t level) { return (size_t)(3 * fam + (level - 1)); }

static int lokaal_org(const struct matching_input *in, int32_t need)
{
	const struct matching_opdracht *o = &in->opdrachten[in->needs[need].opdracht];
	return o->nprincipals == 1 ? in->principals[o->first_principal].org : -1;
}

/* The families, fixed for all rounds. */
static int families(struct net *nt)
{
	const struct matching_input *in = nt->in;
	nt->gfam = malloc(((size_t)in->ncompetences + 1) * sizeof(*nt->gfam));
	nt->owns = malloc((in->nneeds + 1) * sizeof(*nt->owns));
	if (!nt->gfam || !nt->owns)
		return -1;
	for (int32_t c = 0; c < in->ncompetences; c++)
		nt->gfam[c] = -1;
	size_t nglobal = 0;
	for (size_t n = 0; n < in->nneeds; n++) {
		int32_t c = in->needs[n].competence;
		if (nt->gfam[c] < 0)
			nt->gfam[c] = (int32_t)nglobal++;
		int org = lokaal_org(in, (int32_t)n);
		if (org >= 0)
			nt->owns[nt->nowns++] = (struct own_pair){ org, c };
	}
	if (nt->nowns)
		qsort(nt->owns, nt->nowns, sizeof(*nt->owns), own_cmp);
	size_t u = 0;
	for (size_t i = 0; i < nt->nowns; i++)
		if (!u || own_cmp(&nt->owns[u - 1], &nt->owns[i]))
			nt->owns[u++] = nt->owns[i];
	nt->nowns = u;
	nt->nfam = nglobal + u;
	size_t cells = in->norgs * (size_t)in->ncompetences;
	if (in->ncompetences > 0 && cells / (size_t)in->ncompetences == in->norgs && cells <= ((size_t)1 << 24)) {
		int32_t *tab = malloc((cells + 1) * sizeof(*tab));
		if (!tab)
			return -1;
		for (size_t i = 0; i < cells; i++)
			tab[i] = -1;
		for (size_t i = 0; i < u; i++)
			tab[(size_t)nt->owns[i].org * (size_t)in->ncompetences + (size_t)nt->owns[i].competence] =
				(int32_t)(nglobal + i);
		nt->owntab = tab;
	}
	/* The lowest level a need asks of each family: the pools below it feed
	 * no need, so nobody enters them and no chain leads there. */
	nt->minlev = malloc((nt->nfam + 1) * sizeof(*nt->minlev));
	if (!nt->minlev)
		return -1;
	for (size_t f = 0; f < nt->nfam; f++)
		nt->minlev[f] = MATCHING_LEVELS + 1;
	for (size_t n = 0; n < in->nneeds; n++) {
		const struct matching_need *x = &in->needs[n];
		int32_t fams[2] = { nt->gfam[x->competence], -1 };
		int org = lokaal_org(in, (int32_t)n);
		if (org >= 0)
			fams[1] = own_family(nt, org, x->competence);
		for (int i = 0; i < 2; i++)
			if (fams[i] >= 0 && x->level < nt->minlev[fams[i]])
				nt->minlev[fams[i]] = x->level;
	}
	return 0;
}

/* Whether pool (fam, level) can feed a need at all. */
static int pool_live(const struct net *nt, int32_t fam, int32_t level) { return fam >= 0 && level >= nt->minlev[fam]; }

static void net_release(struct net *nt)
{
	mcf_release(&nt->g);
	free(nt->fcap_arc);
	free(nt->need_arc);
	free(nt->entries);
	free(nt->entry_start);
	free(nt->cons);
	free(nt->cons_start);
	nt->fcap_arc = nt->need_arc = NULL;
	nt->entries = NULL;
	nt->entry_start = NULL;
	nt->cons = NULL;
	nt->cons_start = NULL;
}

#define ARC(expr)                       \
	do {                            \
		long long a_ = (expr);  \
		if (a_ < 0)             \
			return (int)a_; \
		last = a_;              \
	} while (0)

/* Builds the network for foreign caps F; 0 or a negative mcf error. */
static int net_build(struct net *nt, const int64_t *F)
{
	const struct matching_input *in = nt->in;
	size_t npools = 3 * nt->nfam;
	nt->pool0 = 2 + (int32_t)in->npeople;
	nt->fnode0 = nt->pool0 + (int32_t)npools;
	nt->need0 = nt->fnode0 + (int32_t)in->nneeds;
	nt->nnodes = nt->need0 + (int32_t)in->nneeds;
	size_t hint = in->npeople + 2 * in->nskills + 4 * in->nneeds + 2 * nt->nfam;
	int r = mcf_init(&nt->g, nt->nnodes, hint);
	if (r < 0)
		return r;
	nt->fcap_arc = malloc((in->nneeds + 1) * sizeof(*nt->fcap_arc));
	nt->need_arc = malloc((in->nneeds + 1) * sizeof(*nt->need_arc));
	nt->entry_start = calloc(npools + 1, sizeof(*nt->entry_start));
	nt->cons_start = calloc(npools + 1, sizeof(*nt->cons_start));
	nt->entries = malloc((2 * in->nskills + 1) * sizeof(*nt->entries));
	nt->cons = malloc((2 * in->nneeds + 1) * sizeof(*nt->cons));
	if (!nt->fcap_arc || !nt->need_arc || !nt->entry_start || !nt->cons_start || !nt->entries || !nt->cons)
		return MCF_ERR_NOMEM;
	long long last;

	/* Person arcs, counted per pool first so that they land grouped. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t p = 0; p < in->npeople; p++) {
			const struct matching_person *x = &in->people[p];
			if (x->minutes <= 0)
				continue;
			for (size_t k = 0; k < x->nskills; k++) {
				const struct matching_skill *s = &in->skills[x->first_skill + k];
				int32_t fams[2] = { nt->gfam[s->competence], own_family(nt, x->org, s->competence) };
				for (int f = 0; f < 2; f++) {
					if (!pool_live(nt, fams[f], s->level))
						continue;
					size_t q = pool_index(fams[f], s->level);
					if (pass == 0) {
						nt->entry_start[q + 1]++;
						continue;
					}
					ARC(mcf_add_arc(&nt->g, 2 + (int32_t)p, pool_node(nt, fams[f], s->level), MCF_INF, 0));
					nt->entries[nt->entry_start[q]++] = (struct entry){ (int32_t)p, s->level, last };
				}
			}
		}
		if (pass == 0)
			for (size_t q = 0; q < npools; q++)
				nt->entry_start[q + 1] += nt->entry_start[q];
	}
	/* entry_start[q] now points at the end of pool q: shift back. */
	for (size_t q = npools; q > 0; q--)
		nt->entry_start[q] = nt->entry_start[q - 1];
	nt->entry_start[0] = 0;

	for (size_t p = 0; p < in->npeople; p++) { /* source → person, at the person's rank */
		const struct matching_person *x = &in->people[p];
		if (x->minutes > 0)
			ARC(mcf_add_arc(&nt->g, 0, 2 + (int32_t)p, x->minutes,
					nt->rank[x->org] + (x->offered ? 0 : nt->offer_step)));
	}
	for (size_t f = 0; f < nt->nfam; f++) /* chains: 3 → 2 → 1, as far down as needs are */
		for (int32_t level = 3; level > 1; level--)
			if (pool_live(nt, (int32_t)f, level - 1))
				ARC(mcf_add_arc(&nt->g, pool_node(nt, (int32_t)f, level), pool_node(nt, (int32_t)f, level - 1),
						MCF_INF, nt->G));
	/* Needs: pools → (foreign node →) need → sink; consumers grouped per pool. */
	for (size_t n = 0; n < in->nneeds; n++) {
		const struct matching_need *x = &in->needs[n];
		nt->cons_start[pool_index(nt->gfam[x->competence], x->level) + 1]++;
		int org = lokaal_org(in, (int32_t)n);
		if (org >= 0)
			nt->cons_start[pool_index(own_family(nt, org, x->competence), x->level) + 1]++;
	}
	for (size_t q = 0; q < npools; q++)
		nt->cons_start[q + 1] += nt->cons_start[q];
	for (size_t n = 0; n < in->nneeds; n++) {
		const struct matching_need *x = &in->needs[n];
		int32_t nn = (int32_t)n, fnode = nt->fnode0 + nn, need = nt->need0 + nn;
		size_t q = pool_index(nt->gfam[x->competence], x->level);
		ARC(mcf_add_arc(&nt->g, pool_node(nt, nt->gfam[x->competence], x->level), fnode, MCF_INF, 0));
		nt->cons[nt->cons_start[q]++] = (struct consumer){ nn, last };
		ARC(mcf_add_arc(&nt->g, fnode, need, F[n], 0));
		nt->fcap_arc[n] = last;
		int org = lokaal_org(in, nn);
		if (org >= 0) {
			int32_t fam = own_family(nt, org, x->competence);
			q = pool_index(fam, x->level);
			ARC(mcf_add_arc(&nt->g, pool_node(nt, fam, x->level), need, MCF_INF, 0));
			nt->cons[nt->cons_start[q]++] = (struct consumer){ nn, last };
		}
		ARC(mcf_add_arc(&nt->g, need, 1, x->minutes, 0));
		nt->need_arc[n] = last;
	}
	for (size_t q = npools; q > 0; q--)
		nt->cons_start[q] = nt->cons_start[q - 1];
	nt->cons_start[0] = 0;
	return 0;
}

/* ---- splitting the flow back into (person, need) minutes ------------- */

struct item {
	int32_t person, level;
	int64_t minutes;
};

struct rows {
	struct matching_assignment *a;
	size_t n, alloc;
};

static int rows_add(struct rows *r, int32_t person, int32_t need, int32_t level, int64_t minutes)
{
	if (r->n == r->alloc) {
		size_t na = r->alloc ? 2 * r->alloc : 256;
		void *p = realloc(r->a, na * sizeof(*r->a));
		if (!p)
			return -1;
		r->a = p;
		r->alloc = na;
	}
	r->a[r->n++] = (struct matching_assignment){ person, need, level, minutes };
	return 0;
}

/* Per family, from level 3 down: the people who entered the pool (and
 * those carried down from above) serve the pool's needs first come, first
 * served; who is left goes down the chain. Any such split has the cost of
 * the flow: the cost was paid on entering (rank) and on the chain (G). */
static int decompose(const struct net *nt, struct rows *out)
{
	struct item *items = NULL;
	size_t alloc = 0;
	int rc = 0;
	for (size_t f = 0; f < nt->nfam && rc == 0; f++) {
		size_t head = 0, n = 0; /* items[head … n) are left */
		for (int32_t level = 3; level >= 1 && rc == 0; level--) {
			size_t q = pool_index((int32_t)f, level);
			size_t need = n - head + (nt->entry_start[q + 1] - nt->entry_start[q]);
			if (head) { /* compact */
				memmove(items, items + head, (n - head) * sizeof(*items));
				n -= head;
				head = 0;
			}
			if (need > alloc) {
				void *p = realloc(items, need * sizeof(*items));
				if (!p) {
					rc = -1;
					break;
				}
				items = p;
				alloc = need;
			}
			for (size_t e = nt->entry_start[q]; e < nt->entry_start[q + 1]; e++) {
				int64_t fl = mcf_flow(&nt->g, (size_t)nt->entries[e].arc);
				if (fl > 0)
					items[n++] = (struct item){ nt->entries[e].person, nt->entries[e].level, fl };
			}
			for (size_t c = nt->cons_start[q]; c < nt->cons_start[q + 1] && rc == 0; c++) {
				int64_t want = mcf_flow(&nt->g, (size_t)nt->cons[c].arc);
				while (want > 0 && head < n) {
					int64_t take = items[head].minutes < want ? items[head].minutes : want;
					if (rows_add(out, items[head].person, nt->cons[c].need, items[head].level, take) < 0) {
						rc = -1;
						break;
					}
					want -= take;
					items[head].minutes -= take;
					if (items[head].minutes == 0)
						head++;
				}
			}
		}
	}
	free(items);
	return rc;
}

static int row_cmp(const void *a, const void *b)
{
	const struct matching_assignment *x = a, *y = b;
	if (x->need != y->need)
		return x->need < y->need ? -1 : 1;
	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	return (x->level > y->level) - (x->level < y->level);
}

/* ---- rounding per assignment ----------------------------------------- */

/* Adds (sign +1) or removes (−1) the commitments of one assignment. */
static int commit_row(const struct matching_input *in, const struct matching_assignment *a, int64_t minutes, int sign,
		      int64_t *committed, int32_t *orgs, int64_t *weights, int64_t *share)
{
	int32_t j = in->needs[a->need].opdracht;
	size_t np = in->opdrachten[j].nprincipals;
	for (size_t i = 0; i < np; i++) {
		orgs[i] = principal(in, j, i)->org;
		weights[i] = principal(in, j, i)->weight;
	}
	if (minutes == 0)
		return 0;
	if (ledger_commitments(in->people[a->person].org, minutes, orgs, weights, np, share) < 0)
		return -1;
	for (size_t i = 0; i < np; i++)
		committed[orgs[i]] += sign * share[i];
	return 0;
}

/* Shortens the last assignments that commit org until its commitments fit
 * its rights. */
static int trim(const struct matching_input *in, struct rows *rows, int64_t *committed, int32_t org, int64_t *trimmed,
		int32_t *orgs, int64_t *weights, int64_t *share)
{
	int64_t rights = max0(in->orgs[org].available);
	for (size_t k = rows->n; k > 0 && committed[org] > rights; k--) {
		struct matching_assignment *a = &rows->a[k - 1];
		int32_t j = in->needs[a->need].opdracht;
		size_t np = in->opdrachten[j].nprincipals, i;
		for (i = 0; i < np && principal(in, j, i)->org != org; i++)
			;
		if (i == np || in->people[a->person].org == org || a->minutes == 0)
			continue;
		if (commit_row(in, a, a->minutes, -1, committed, orgs, weights, share) < 0)
			return -1;
		int64_t mine = share[i], excess = committed[org] + mine - rights, keep;
		if (excess >= mine)
			keep = 0;
		else if (np == 1)
			keep = a->minutes - excess;
		else
			keep = fit_bound(mine - excess, principal(in, j, i)->weight, total_weight(in, j));
		if (keep > a->minutes)
			keep = a->minutes;
		*trimmed += a->minutes - keep;
		a->minutes = keep;
		if (commit_row(in, a, keep, +1, committed, orgs, weights, share) < 0)
			return -1;
	}
	return 0;
}

/* ---- the whole ----------------------------------------------------- */

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

void matching_result_release(struct matching_result *r)
{
	free(r->assignments);
	free(r->covered);
	free(r->foreign_cap);
	free(r->committed);
	free(r->rank);
	memset(r, 0, sizeof(*r));
}

int matching_solve(const struct matching_input *in, struct matching_result *out, char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (check_input(in, err, errlen) < 0)
		return -1;
	size_t nn = in->nneeds ? in->nneeds : 1, no = in->norgs ? in->norgs : 1;
	int64_t *F = calloc(nn, sizeof(*F)), *rem = calloc(no, sizeof(*rem)), *saldi = calloc(no, sizeof(*saldi));
	int64_t *share = malloc(LEDGER_MAX_PARTIES * sizeof(*share)), *weights = malloc(LEDGER_MAX_PARTIES * sizeof(*weights));
	int32_t *orgs = malloc(LEDGER_MAX_PARTIES * sizeof(*orgs));
	out->covered = calloc(nn, sizeof(*out->covered));
	out->foreign_cap = calloc(nn, sizeof(*out->foreign_cap));
	out->committed = calloc(no, sizeof(*out->committed));
	out->rank = calloc(no, sizeof(*out->rank));
	struct net nt;
	memset(&nt, 0, sizeof(nt));
	struct rows rows = { 0 };
	int rc = -1;
	if (!F || !rem || !saldi || !share || !weights || !orgs || !out->covered || !out->foreign_cap || !out->committed ||
	    !out->rank) {
		fail(err, errlen, "Onvoldoende geheugen voor de matching.");
		goto out;
	}

	/* Ranks: the dense rank of each saldo, lowest first. */
	for (size_t i = 0; i < in->norgs; i++)
		saldi[i] = in->orgs[i].saldo;
	qsort(saldi, in->norgs, sizeof(*saldi), cmp_i64);
	size_t K = 0;
	for (size_t i = 0; i < in->norgs; i++)
		if (!K || saldi[K - 1] != saldi[i])
			saldi[K++] = saldi[i];
	for (size_t i = 0; i < in->norgs; i++) {
		int64_t *hit = bsearch(&in->orgs[i].saldo, saldi, K, sizeof(*saldi), cmp_i64);
		out->rank[i] = (int32_t)(hit - saldi);
	}
	out->nranks = K ? (int32_t)K : 1;
	for (size_t p = 0; p < in->npeople; p++)
		if (in->people[p].offered && in->people[p].minutes > 0)
			out->offer_step = out->nranks;

	/* U, G and the range of costs. */
	int64_t supply = 0;
	for (size_t p = 0; p < in->npeople; p++)
		supply += in->people[p].minutes;
	for (size_t n = 0; n < in->nneeds; n++)
		out->needed += in->needs[n].minutes;
	out->bound = supply < out->needed ? supply : out->needed;
	wide classes = (wide)out->nranks + out->offer_step;
	wide G = (classes - 1) * out->bound + 1;
	if (G > MCF_COST_MAX || (wide)out->bound * (2 * G + classes) >= ((wide)1 << 62)) {
		fail(err, errlen, "De matching is te groot om exact te wegen: %lld minuten bij %d saldoklassen.",
		     (long long)out->bound, out->nranks);
		goto out;
	}
	out->level_weight = (int64_t)G;
	nt.in = in;
	nt.rank = out->rank;
	nt.G = out->level_weight;
	nt.offer_step = out->offer_step;
	if (families(&nt) < 0) {
		fail(err, errlen, "Onvoldoende geheugen voor de matching.");
		goto out;
	}

	/* Rounds: allot, solve, re-allot what was not used. */
	for (size_t i = 0; i < in->norgs; i++)
		rem[i] = max0(in->orgs[i].available);
	for (size_t n = 0; n < in->nneeds; n++)
		F[n] = allot(in, (int32_t)n, 0, in->needs[n].minutes, rem);
	struct mcf_stats st;
	int r = net_build(&nt, F);
	if (r == 0)
		r = mcf_solve(&nt.g, 0, 1, &st);
	for (;;) {
		if (r < 0) {
			fail(err, errlen, "De matching kon niet worden berekend: %s.", mcf_strerror(r));
			goto out;
		}
		out->rounds++;
		out->flow = st.value;
		out->cost = st.cost;
		out->phases += st.phases;
		out->augmentations += st.augmentations;
		out->nodes = nt.nnodes;
		out->arcs = (long long)nt.g.narcs;
		memcpy(out->foreign_cap, F, nn * sizeof(*F));
		if (out->rounds >= MATCHING_ROUNDS)
			break;
		/* What the flow used of its rights; the rest is handed out again. */
		for (size_t i = 0; i < in->norgs; i++)
			rem[i] = max0(in->orgs[i].available);
		int64_t *used = out->covered; /* as scratch */
		for (size_t n = 0; n < in->nneeds; n++) {
			used[n] = mcf_flow(&nt.g, (size_t)nt.fcap_arc[n]);
			allot(in, (int32_t)n, 0, used[n], rem);
		}
		int more = 0;
		for (size_t n = 0; n < in->nneeds; n++) {
			int64_t covered = mcf_flow(&nt.g, (size_t)nt.need_arc[n]);
			int64_t f = used[n];
			if (used[n] == F[n] && covered < in->needs[n].minutes)
				f = allot(in, (int32_t)n, used[n], used[n] + in->needs[n].minutes - covered, rem);
			more |= f > used[n];
			F[n] = f;
		}
		if (!more)
			break; /* the network just solved stays the answer */
		/* The new caps are at least the flow: solve on from this optimum. */
		for (size_t n = 0; n < in->nneeds && r == 0; n++)
			r = mcf_set_cap(&nt.g, (size_t)nt.fcap_arc[n], F[n]);
		if (r == 0)
			r = mcf_resolve(&nt.g, &st);
	}

	/* Back to (person, need) minutes, merged and ordered. */
	if (decompose(&nt, &rows) < 0) {
		fail(err, errlen, "Onvoldoende geheugen voor de matching.");
		goto out;
	}
	if (rows.n)
		qsort(rows.a, rows.n, sizeof(*rows.a), row_cmp);
	size_t u = 0;
	for (size_t k = 0; k < rows.n; k++) {
		if (u && rows.a[u - 1].need == rows.a[k].need && rows.a[u - 1].person == rows.a[k].person)
			rows.a[u - 1].minutes += rows.a[k].minutes;
		else
			rows.a[u++] = rows.a[k];
	}
	rows.n = u;

	/* What accepting would commit, and trimming where rounding overshoots. */
	for (size_t k = 0; k < rows.n; k++)
		if (commit_row(in, &rows.a[k], rows.a[k].minutes, +1, out->committed, orgs, weights, share) < 0) {
			fail(err, errlen, "Interne fout: een verdeling over de opdrachtgevers is ongeldig.");
			goto out;
		}
	for (size_t i = 0; i < in->norgs; i++)
		if (out->committed[i] > max0(in->orgs[i].available) &&
		    trim(in, &rows, out->committed, (int32_t)i, &out->trimmed, orgs, weights, share) < 0) {
			fail(err, errlen, "Interne fout: een verdeling over de opdrachtgevers is ongeldig.");
			goto out;
		}
	memset(out->covered, 0, nn * sizeof(*out->covered));
	u = 0;
	for (size_t k = 0; k < rows.n; k++) {
		struct matching_assignment *a = &rows.a[k];
		if (!a->minutes)
			continue;
		rows.a[u++] = *a;
		out->covered[a->need] += a->minutes;
		out->assigned += a->minutes;
		out->overqualified += a->minutes * (a->level - in->needs[a->need].level);
		const struct matching_person *who = &in->people[a->person];
		out->rank_minutes += a->minutes * (out->rank[who->org] + (who->offered ? 0 : out->offer_step));
		if (who->offered)
			out->offered += a->minutes;
	}
	out->assignments = rows.a;
	out->nassignments = u;
	rows.a = NULL;
	rc = 0;
out:
	net_release(&nt);
	free(nt.gfam);
	free(nt.owns);
	free(nt.minlev);
	free(nt.owntab);
	free(rows.a);
	free(F);
	free(rem);
	free(saldi);
	free(share);
	free(weights);
	free(orgs);
	if (rc < 0) {
		free(out->covered);
		free(out->foreign_cap);
		free(out->committed);
		free(out->rank);
		memset(out, 0, sizeof(*out));
	}
	return rc;
}
