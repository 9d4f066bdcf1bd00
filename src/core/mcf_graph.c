/* The min-cost flow graph as the caller builds it, where cost scaling
 * starts, and the sorting of the fresh leaves' head lists (mcf.h; the
 * solver itself is mcf.c). */
#include <stdlib.h>
#include <string.h>
#include "core/mcf.h"
#include "core/mcf_intern.h"

int mcf_init(struct mcf *g, int32_t nnodes, size_t arcs_hint)
{
	memset(g, 0, sizeof(*g));
	if (nnodes < 2 || nnodes > MCF_MAX_NODES)
		return MCF_ERR_ARG;
	g->nnodes = nnodes;
	if (arcs_hint > MCF_MAX_ARCS)
		arcs_hint = MCF_MAX_ARCS;
	if (arcs_hint) {
		g->from = malloc(arcs_hint * sizeof(*g->from));
		g->to = malloc(arcs_hint * sizeof(*g->to));
		g->cap = malloc(arcs_hint * sizeof(*g->cap));
		g->cost = malloc(arcs_hint * sizeof(*g->cost));
		if (!g->from || !g->to || !g->cap || !g->cost) {
			mcf_release(g);
			return MCF_ERR_NOMEM;
		}
		g->alloc = arcs_hint;
	}
	return 0;
}

void mcf_release(struct mcf *g)
{
	free(g->from);
	free(g->to);
	free(g->cap);
	free(g->cost);
	free(g->flow);
	mcf_work_free(g->work);
	memset(g, 0, sizeof(*g));
}

static int grow(void **p, size_t n, size_t size)
{
	void *q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	return 0;
}

long long mcf_add_arc(struct mcf *g, int32_t from, int32_t to, int64_t cap, int64_t cost)
{
	if (g->solved || from < 0 || to < 0 || from >= g->nnodes || to >= g->nnodes)
		return MCF_ERR_ARG;
	if (cap < 0 || (cap > MCF_CAP_MAX && cap != MCF_INF) || cost > MCF_COST_MAX || cost < -MCF_COST_MAX)
		return MCF_ERR_RANGE;
	if (g->narcs >= MCF_MAX_ARCS)
		return MCF_ERR_RANGE;
	if (g->narcs == g->alloc) {
		size_t n = g->alloc ? g->alloc * 2 : 64;
		if (n > MCF_MAX_ARCS)
			n = MCF_MAX_ARCS;
		if (grow((void **)&g->from, n, sizeof(*g->from)) || grow((void **)&g->to, n, sizeof(*g->to)) ||
		    grow((void **)&g->cap, n, sizeof(*g->cap)) || grow((void **)&g->cost, n, sizeof(*g->cost)))
			return MCF_ERR_NOMEM;
		g->alloc = n;
	}
	size_t e = g->narcs++;
	g->from[e] = from;
	g->to[e] = to;
	g->cap[e] = cap;
	g->cost[e] = cost;
	return (long long)e;
}

int64_t mcf_flow(const struct mcf *g, size_t arc) { return g->flow && arc < g->narcs ? g->flow[arc] : 0; }

const char *mcf_strerror(int err)
{
	switch (err) {
	case MCF_OK: return "geen fout";
	case MCF_ERR_NOMEM: return "onvoldoende geheugen voor het stroomnetwerk";
	case MCF_ERR_ARG: return "ongeldig stroomnetwerk (knoop buiten bereik of bron gelijk aan put)";
	case MCF_ERR_RANGE: return "capaciteit, kosten of uitkomst buiten de grenzen van de rekenkern";
	case MCF_ERR_NEGCYCLE: return "het netwerk heeft een kringloop met negatieve kosten";
	case MCF_ERR_UNBOUNDED: return "het netwerk laat onbegrensde stroom toe";
	default: return "onbekende fout in de rekenkern";
	}
}

/* Where scaling starts: the finest stage (a multiple of MCF_SCALE_BITS)
 * at which the arcs with capacity have at most MCF_SCALE_START different
 * costs — plain successive shortest paths need few phases there (in the
 * matching only 0 and the level step G are left once the ranks are
 * shifted out), so the stages above it would only cost time. */
static int distinct_upto(const struct mcf *g, int shift, int limit)
{
	int64_t seen[MCF_SCALE_START + 1];
	int n = 0;
	for (size_t e = 0; e < g->narcs && n <= limit; e++) {
		if (g->cap[e] <= 0)
			continue;
		int64_t c = g->cost[e] >> shift;
		int i = 0;
		while (i < n && seen[i] != c)
			i++;
		if (i == n)
			seen[n++] = c;
	}
	return n;
}

int mcf_first_shift(const struct mcf *g)
{
	int64_t maxcost = 0;
	for (size_t e = 0; e < g->narcs; e++)
		if (g->cost[e] > maxcost)
			maxcost = g->cost[e];
	int top = 0; /* in stages: the costs are all 0 at stage top */
	while (maxcost >> (top * MCF_SCALE_BITS))
		top++;
	/* The count of costs only falls as the stage rises: bisect. */
	int lo = 0, hi = top;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (distinct_upto(g, mid * MCF_SCALE_BITS, MCF_SCALE_START) <= MCF_SCALE_START)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo * MCF_SCALE_BITS;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct entry_sort *x = a, *y = b;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->arc > y->arc) - (x->arc < y->arc);
}

/* Sorts es[0 … n) by (head, key, arc), es being in order of arc: stable
 * counting by head, then per head by key — counting again where the keys
 * lie close together (ranks in the matching), else qsort. tmp holds n. */
int mcf_sort_entries(struct entry_sort *es, struct entry_sort *tmp, size_t n, int32_t nnodes)
{
	size_t *at = calloc((size_t)nnodes + 1, sizeof(*at)), *cnt = NULL, ncnt = 0;
	if (!at)
		return MCF_ERR_NOMEM;
	for (size_t i = 0; i < n; i++)
		at[es[i].head + 1]++;
	for (int32_t v = 0; v < nnodes; v++)
		at[v + 1] += at[v];
	for (size_t i = 0; i < n; i++)
		tmp[at[es[i].head]++] = es[i];
	int rc = 0;
	for (size_t a = 0, b; a < n && rc == 0; a = b) {
		int64_t lo = tmp[a].key, hi = tmp[a].key;
		for (b = a; b < n && tmp[b].head == tmp[a].head; b++) {
			lo = tmp[b].key < lo ? tmp[b].key : lo;
			hi = tmp[b].key > hi ? tmp[b].key : hi;
		}
		size_t g = b - a;
		if ((uint64_t)(hi - lo) >= 4 * (uint64_t)g + 64) {
			memcpy(es + a, tmp + a, g * sizeof(*es));
			qsort(es + a, g, sizeof(*es), entry_cmp);
			continue;
		}
		size_t range = (size_t)(hi - lo) + 2;
		if (range > ncnt) {
			free(cnt);
			ncnt = range > 2 * ncnt ? range : 2 * ncnt;
			if (!(cnt = malloc(ncnt * sizeof(*cnt)))) {
				rc = MCF_ERR_NOMEM;
				break;
			}
		}
		memset(cnt, 0, range * sizeof(*cnt));
		for (size_t i = a; i < b; i++)
			cnt[tmp[i].key - lo + 1]++;
		for (size_t k = 0; k + 1 < range; k++)
			cnt[k + 1] += cnt[k];
		for (size_t i = a; i < b; i++)
			es[a + cnt[tmp[i].key - lo]++] = tmp[i];
	}
	free(at);
	free(cnt);
	return rc;
}
