/* Minimum-cost maximum flow by successive shortest paths with potentials,
 * one blocking flow per Dijkstra (mcf.h explains the method and bounds).
 *
 * Fresh leaves. Many networks hang thousands of small supplies off the
 * source (in the matching: every person), of which a phase touches only a
 * few. A leaf is a node whose only incoming arc comes from s; while no flow
 * has passed through it, it is fresh: nothing but s reaches it, and its
 * potential can be kept at π(s) + c(s,v), so that c(s,v) has reduced cost 0
 * and its distance is always 0 (its potential never changes). Then all a
 * search needs of the fresh leaves is, per node w they point to, the
 * cheapest c(s,v) + c(v,w) over fresh v — kept in a list per such w
 * (a "head") sorted by that key, with a pointer past the leaves that have
 * stopped being fresh. Dijkstra and the level graph go from s to the heads
 * directly; the first augmentation through a leaf makes it explicit (an
 * ordinary node, its arc from s listed with s's arcs). Every search sees
 * the same distances as with all leaves explicit, so the flows are as
 * optimal; only the bookkeeping is lazier (ties may fall differently). With
 * a negative cost anywhere (Bellman–Ford potentials) every leaf is explicit
 * from the start. */
#include <stdlib.h>
#include <string.h>
#include "core/mcf.h"

#define DIST_INF INT64_MAX

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

/* The residual graph, arcs grouped by tail (CSR): residual arc r runs from
 * the node u whose range holds r to head[r]; its reverse is rev[r]. The
 * forward copy of input arc e is fwd[e]. A node's range [start[u],
 * start[u+1]) has its ordinary arcs first, then the reverse arcs of leaves'
 * arcs (back to the leaves); only [start[u], lend[u]) is scanned: the
 * ordinary arcs and those back to explicit leaves (lend moves on as leaves
 * become explicit; the arcs back to fresh leaves carry nothing).
 *
 * Potentials: p[v] for explicit nodes, p[s] + lc[v] for fresh leaves (lc:
 * the cost of the arc from s). Reduced costs only use differences, so a
 * constant added to every potential changes nothing: instead of π += min(d,
 * D) for all, a phase takes D − d(v) off p[v] for the nodes it settled
 * closer than D, and touches nothing else. dist and hpos are valid where dstamp says this phase,
 * level where lstamp says this round, so nothing is reset node by node.
 *
 * Fresh leaves (see the top of this file): fresh[v]; per head h (a node
 * fresh leaves point to, hnode[h]) the entries [hstart[h], hstart[h+1])
 * sorted by key, hptr[h] the first that may still be fresh; s's own arcs,
 * explicit ones only, are sarc[0 … nsarc). */
struct work {
	int32_t n, s, t;
	int32_t *start, *lend, *head, *rev, *fwd;
	int64_t *rcap, *cost;
	int64_t *p, *lc, *dist;
	int32_t *heap, *hpos, *dstamp, dround, *settled, nsettled;
	int32_t *level, *lstamp, lround, *cur, *queue, *path_arc, *path_node;
	char *fresh;
	int32_t nheads, *hnode, *hstart, *hptr;
	int32_t *eleaf, *earc, *esarc; /* per entry: the leaf, its arc to the head, s's arc to it */
	int64_t *ekey;
	int32_t nsarc, *sarc;
	int64_t value;
	long long phases, augmentations;
};

static void work_free(struct work *w)
{
	void *all[] = { w->start, w->lend,  w->head,     w->rev,       w->fwd,    w->rcap,    w->cost,   w->p,
			w->lc,    w->dist,  w->heap,     w->hpos,      w->dstamp, w->settled, w->level,  w->lstamp,
			w->cur,   w->queue, w->path_arc, w->path_node, w->fresh,  w->hnode,   w->hstart, w->hptr,
			w->eleaf, w->earc,  w->esarc,    w->ekey,      w->sarc };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]);
}

static int64_t pot(const struct work *w, int32_t v) { return w->fresh[v] ? w->p[w->s] + w->lc[v] : w->p[v]; }

/* Marks the leaves (nodes ≠ s, t whose one incoming arc comes from s, with
 * capacity) fresh, when leaves are used at all. */
static int mark_leaves(struct work *w, const struct mcf *g, int with_leaves)
{
	size_t n = (size_t)w->n;
	int32_t *indeg = calloc(n, sizeof(*indeg));
	if (!indeg)
		return MCF_ERR_NOMEM;
	for (size_t e = 0; e < g->narcs; e++) {
		indeg[g->to[e]]++;
		if (g->from[e] == w->s && g->cap[e] > 0)
			w->lc[g->to[e]] = g->cost[e];
		else
			w->lc[g->to[e]] = MCF_INF; /* not from s, or without capacity */
	}
	if (with_leaves)
		for (int32_t v = 0; v < w->n; v++)
			w->fresh[v] = v != w->s && v != w->t && indeg[v] == 1 && w->lc[v] != MCF_INF;
	free(indeg);
	return 0;
}

static int work_build(struct work *w, const struct mcf *g, int with_leaves)
{
	size_t n = (size_t)g->nnodes, m2 = g->narcs ? 2 * g->narcs : 1;
	w->n = g->nnodes;
	w->start = calloc(n + 1, sizeof(*w->start));
	w->lend = calloc(n + 1, sizeof(*w->lend));
	w->head = malloc(m2 * sizeof(*w->head));
	w->rev = malloc(m2 * sizeof(*w->rev));
	w->fwd = malloc((g->narcs ? g->narcs : 1) * sizeof(*w->fwd));
	w->rcap = malloc(m2 * sizeof(*w->rcap));
	w->cost = malloc(m2 * sizeof(*w->cost));
	w->p = calloc(n, sizeof(*w->p));
	w->lc = calloc(n, sizeof(*w->lc));
	w->dist = malloc(n * sizeof(*w->dist));
	w->heap = malloc(n * sizeof(*w->heap));
	w->hpos = malloc(n * sizeof(*w->hpos));
	w->dstamp = calloc(n, sizeof(*w->dstamp));
	w->settled = malloc(n * sizeof(*w->settled));
	w->level = malloc(n * sizeof(*w->level));
	w->lstamp = calloc(n, sizeof(*w->lstamp));
	w->cur = malloc(n * sizeof(*w->cur));
	w->queue = malloc(n * sizeof(*w->queue));
	w->path_arc = malloc(n * sizeof(*w->path_arc));
	w->path_node = malloc(n * sizeof(*w->path_node));
	w->fresh = calloc(n, 1);
	if (!w->start || !w->lend || !w->head || !w->rev || !w->fwd || !w->rcap || !w->cost || !w->p || !w->lc || !w->dist ||
	    !w->heap || !w->hpos || !w->dstamp || !w->settled || !w->level || !w->lstamp || !w->cur || !w->queue ||
	    !w->path_arc || !w->path_node || !w->fresh)
		return MCF_ERR_NOMEM;
	int rc = mark_leaves(w, g, with_leaves);
	if (rc < 0)
		return rc;
	/* Counts: ordinary arcs in start[u+1], arcs back to leaves in lend[u+1]. */
	for (size_t e = 0; e < g->narcs; e++) {
		w->start[g->from[e] + 1]++;
		if (w->fresh[g->from[e]] && g->to[e] != w->s)
			w->lend[g->to[e] + 1]++;
		else
			w->start[g->to[e] + 1]++;
	}
	/* cur: fill pointer of the ordinary part; queue: of the leaf part. */
	int32_t pos = 0;
	for (size_t v = 0; v < n; v++) {
		int32_t ord = w->start[v + 1], back = w->lend[v + 1];
		w->start[v] = pos;
		w->cur[v] = pos;
		w->lend[v] = pos + ord; /* nothing back to leaves is scanned yet */
		w->queue[v] = pos + ord;
		pos += ord + back;
	}
	w->start[n] = pos;
	for (size_t e = 0; e < g->narcs; e++) {
		int32_t u = g->from[e], v = g->to[e];
		int32_t a = w->cur[u]++, b = w->fresh[u] && v != w->s ? w->queue[v]++ : w->cur[v]++;
		w->head[a] = v;
		w->head[b] = u;
		w->rev[a] = b;
		w->rev[b] = a;
		w->rcap[a] = g->cap[e];
		w->rcap[b] = 0;
		w->cost[a] = g->cost[e];
		w->cost[b] = -g->cost[e];
		w->fwd[e] = a;
	}
	return 0;
}

struct entry_sort {
	int64_t key;
	int32_t head, leaf, arc, sarc;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry_sort *x = a, *y = b;
	if (x->head != y->head)
		return x->head < y->head ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return (x->arc > y->arc) - (x->arc < y->arc);
}

/* s's explicit arcs and the head lists of the fresh leaves. */
static int leaves_build(struct work *w)
{
	w->sarc = malloc(((size_t)(w->start[w->s + 1] - w->start[w->s]) + 1) * sizeof(*w->sarc));
	if (!w->sarc)
		return MCF_ERR_NOMEM;
	size_t nentries = 0;
	w->nsarc = 0;
	for (int32_t r = w->start[w->s]; r < w->start[w->s + 1]; r++) {
		int32_t v = w->head[r];
		if (!w->fresh[v]) {
			w->sarc[w->nsarc++] = r;
			continue;
		}
		for (int32_t q = w->start[v]; q < w->start[v + 1]; q++)
			if (w->rcap[q] > 0)
				nentries++;
	}
	struct entry_sort *es = malloc((nentries + 1) * sizeof(*es));
	if (!es)
		return MCF_ERR_NOMEM;
	size_t k = 0;
	for (int32_t r = w->start[w->s]; r < w->start[w->s + 1]; r++) {
		int32_t v = w->head[r];
		if (w->fresh[v])
			for (int32_t q = w->start[v]; q < w->start[v + 1]; q++)
				if (w->rcap[q] > 0)
					es[k++] = (struct entry_sort){ w->lc[v] + w->cost[q], w->head[q], v, q, r };
	}
	if (nentries)
		qsort(es, nentries, sizeof(*es), entry_cmp);
	int32_t nheads = 0;
	for (size_t i = 0; i < nentries; i++)
		if (!i || es[i].head != es[i - 1].head)
			nheads++;
	w->hnode = malloc(((size_t)nheads + 1) * sizeof(*w->hnode));
	w->hstart = malloc(((size_t)nheads + 1) * sizeof(*w->hstart));
	w->hptr = malloc(((size_t)nheads + 1) * sizeof(*w->hptr));
	w->eleaf = malloc((nentries + 1) * sizeof(*w->eleaf));
	w->earc = malloc((nentries + 1) * sizeof(*w->earc));
	w->esarc = malloc((nentries + 1) * sizeof(*w->esarc));
	w->ekey = malloc((nentries + 1) * sizeof(*w->ekey));
	if (!w->hnode || !w->hstart || !w->hptr || !w->eleaf || !w->earc || !w->esarc || !w->ekey) {
		free(es);
		return MCF_ERR_NOMEM;
	}
	int32_t h = -1;
	for (size_t i = 0; i < nentries; i++) {
		if (!i || es[i].head != es[i - 1].head) {
			h++;
			w->hnode[h] = es[i].head;
			w->hstart[h] = w->hptr[h] = (int32_t)i;
		}
		w->eleaf[i] = es[i].leaf;
		w->earc[i] = es[i].arc;
		w->esarc[i] = es[i].sarc;
		w->ekey[i] = es[i].key;
	}
	w->nheads = nheads;
	w->hstart[nheads] = (int32_t)nentries;
	free(es);
	return 0;
}

/* Leaf v has carried flow: from now on it is an ordinary node. Its
 * potential is fixed as it was, s lists its arc, and the arcs back to it
 * move into the scanned part of their nodes' ranges (swapping places with
 * the first arc back to a fresh leaf; nothing refers to either by position
 * but rev[], which is kept right). */
static void make_explicit(struct work *w, int32_t v, int32_t sarc)
{
	w->p[v] = pot(w, v);
	w->fresh[v] = 0;
	w->sarc[w->nsarc++] = sarc;
	for (int32_t r = w->start[v]; r < w->start[v + 1]; r++) {
		int32_t u = w->head[r], b = w->rev[r], a = w->lend[u];
		if (u == w->s || b < a)
			continue;
		if (a != b) {
			int32_t th = w->head[a], tr = w->rev[a];
			int64_t tc = w->rcap[a], tk = w->cost[a];
			w->head[a] = w->head[b], w->rev[a] = w->rev[b], w->rcap[a] = w->rcap[b], w->cost[a] = w->cost[b];
			w->head[b] = th, w->rev[b] = tr, w->rcap[b] = tc, w->cost[b] = tk;
			w->rev[w->rev[a]] = a;
			w->rev[w->rev[b]] = b;
		}
		w->lend[u]++;
	}
}

/* The first entry of head h whose leaf is still fresh, or -1. */
static int32_t head_first(struct work *w, int32_t h)
{
	int32_t e = w->hptr[h], end = w->hstart[h + 1];
	while (e < end && !w->fresh[w->eleaf[e]])
		e++;
	w->hptr[h] = e;
	return e < end ? e : -1;
}

/* Reduced cost from s to head h through entry e: the leaf's part is 0. */
static int64_t head_reduced(const struct work *w, int32_t h, int32_t e) { return w->ekey[e] + w->p[w->s] - w->p[w->hnode[h]]; }

static int64_t reduced(const struct work *w, int32_t u, int32_t r) { return w->cost[r] + pot(w, u) - pot(w, w->head[r]); }

/* ---- an indexed binary heap of nodes keyed by dist (ties: lower node) ---- */

static int heap_less(const struct work *w, int32_t a, int32_t b)
{
	return w->dist[a] < w->dist[b] || (w->dist[a] == w->dist[b] && a < b);
}

static void heap_up(struct work *w, int32_t i)
{
	int32_t v = w->heap[i];
	while (i > 0) {
		int32_t p = (i - 1) / 2;
		if (!heap_less(w, v, w->heap[p]))
			break;
		w->heap[i] = w->heap[p];
		w->hpos[w->heap[i]] = i;
		i = p;
	}
	w->heap[i] = v;
	w->hpos[v] = i;
}

static void heap_down(struct work *w, int32_t i, int32_t size)
{
	int32_t v = w->heap[i];
	for (;;) {
		int32_t c = 2 * i + 1;
		if (c >= size)
			break;
		if (c + 1 < size && heap_less(w, w->heap[c + 1], w->heap[c]))
			c++;
		if (!heap_less(w, w->heap[c], v))
			break;
		w->heap[i] = w->heap[c];
		w->hpos[w->heap[i]] = i;
		i = c;
	}
	w->heap[i] = v;
	w->hpos[v] = i;
}

static void relax(struct work *w, int32_t v, int64_t nd, int32_t *size)
{
	if (w->dstamp[v] != w->dround) {
		w->dstamp[v] = w->dround;
		w->dist[v] = DIST_INF;
		w->hpos[v] = -1;
	}
	if (w->hpos[v] == -2 || nd >= w->dist[v])
		return;
	w->dist[v] = nd;
	if (w->hpos[v] < 0) {
		w->heap[*size] = v;
		heap_up(w, (*size)++);
	} else {
		heap_up(w, w->hpos[v]);
	}
}

/* Dijkstra on reduced costs from s; stops when t is settled at D. Updates
 * the potentials (π += min(dist, D); fresh leaves keep theirs, their
 * distance being 0) and returns 1, or 0 when t is unreachable. */
static int shortest_paths(struct work *w)
{
	int32_t size = 0;
	w->dround++;
	w->nsettled = 0;
	relax(w, w->s, 0, &size);
	int64_t D = -1;
	while (size > 0) {
		int32_t u = w->heap[0];
		w->hpos[u] = -2;
		w->settled[w->nsettled++] = u;
		if (--size > 0) {
			w->heap[0] = w->heap[size];
			heap_down(w, 0, size);
		}
		if (u == w->t) {
			D = w->dist[u];
			break;
		}
		int64_t du = w->dist[u];
		if (u == w->s) {
			for (int32_t i = 0; i < w->nsarc; i++) {
				int32_t r = w->sarc[i];
				if (w->rcap[r] > 0)
					relax(w, w->head[r], du + reduced(w, u, r), &size);
			}
			for (int32_t h = 0; h < w->nheads; h++) {
				int32_t e = head_first(w, h);
				if (e >= 0)
					relax(w, w->hnode[h], du + head_reduced(w, h, e), &size);
			}
			continue;
		}
		int64_t pu = w->p[u];
		for (int32_t r = w->start[u]; r < w->lend[u]; r++)
			if (w->rcap[r] > 0) /* reduced cost ≥ 0 */
				relax(w, w->head[r], du + (w->cost[r] + pu - w->p[w->head[r]]), &size);
	}
	w->phases++;
	if (D < 0)
		return 0;
	for (int32_t i = 0; i < w->nsettled; i++) {
		int32_t v = w->settled[i];
		w->p[v] -= D - w->dist[v];
	}
	return 1;
}

static int admissible(const struct work *w, int32_t u, int32_t r) { return w->rcap[r] > 0 && reduced(w, u, r) == 0; }

static int32_t lvl(const struct work *w, int32_t v) { return w->lstamp[v] == w->lround ? w->level[v] : -1; }

static void set_lvl(struct work *w, int32_t v, int32_t x)
{
	w->lstamp[v] = w->lround;
	w->level[v] = x;
	w->cur[v] = w->start[v];
}

/* BFS levels over admissible arcs; whether t is reached. A head reached
 * through a fresh leaf is on level 2 (the leaf on 1). */
static int levels(struct work *w)
{
	w->lround++;
	int32_t qh = 0, qt = 0;
	w->queue[qt++] = w->s;
	set_lvl(w, w->s, 0);
	while (qh < qt) {
		int32_t u = w->queue[qh++];
		if (u == w->s) {
			for (int32_t i = 0; i < w->nsarc; i++) {
				int32_t r = w->sarc[i], v = w->head[r];
				if (lvl(w, v) < 0 && admissible(w, u, r)) {
					set_lvl(w, v, 1);
					w->queue[qt++] = v;
				}
			}
			for (int32_t h = 0; h < w->nheads; h++) {
				int32_t e = head_first(w, h), v = w->hnode[h];
				if (e >= 0 && lvl(w, v) < 0 && head_reduced(w, h, e) == 0) {
					set_lvl(w, v, 2);
					w->queue[qt++] = v;
				}
			}
			continue;
		}
		int32_t lu = w->level[u];
		for (int32_t r = w->start[u]; r < w->lend[u]; r++) {
			int32_t v = w->head[r];
			if (lvl(w, v) < 0 && admissible(w, u, r)) {
				set_lvl(w, v, lu + 1);
				w->queue[qt++] = v;
			}
		}
	}
	return lvl(w, w->t) >= 0;
}

/* The next step out of s in the level graph: through a fresh leaf to a
 * head (two arcs), or along an explicit arc. *scur walks the heads, then
 * s's explicit arcs (which grow as leaves are used, so that they are still
 * tried in this round). Returns the node reached, or -1 when s is done. */
static int32_t source_step(struct work *w, int32_t *scur, int32_t *depth)
{
	for (;;) {
		if (*scur < w->nheads) {
			int32_t h = *scur, e = head_first(w, h), v = w->hnode[h];
			if (e >= 0 && lvl(w, v) == 2 && head_reduced(w, h, e) == 0) {
				/* From the leaf, go on past this arc only: its other
				 * heads are reached through their own entries. */
				int32_t leaf = w->eleaf[e];
				set_lvl(w, leaf, 1);
				w->cur[leaf] = w->earc[e];
				w->path_arc[0] = w->esarc[e];
				w->path_node[0] = w->s;
				w->path_arc[1] = w->earc[e];
				w->path_node[1] = leaf;
				*depth = 2;
				return v;
			}
			(*scur)++;
			continue;
		}
		int32_t i = *scur - w->nheads;
		if (i >= w->nsarc)
			return -1;
		int32_t r = w->sarc[i], v = w->head[r];
		if (lvl(w, v) == 1 && admissible(w, w->s, r)) {
			w->path_arc[0] = r;
			w->path_node[0] = w->s;
			*depth = 1;
			return v;
		}
		(*scur)++;
	}
}

/* Pushes a blocking flow through the level graph, depth first without
 * recursion: path_arc[0..depth) are the arcs from s to u. */
static int blocking_flow(struct work *w)
{
	int32_t depth = 0, u = w->s, scur = 0;
	for (;;) {
		if (u == w->t) {
			int64_t f = MCF_INF;
			for (int32_t i = 0; i < depth; i++)
				if (w->rcap[w->path_arc[i]] < f)
					f = w->rcap[w->path_arc[i]];
			if (f > MCF_CAP_MAX)
				return MCF_ERR_UNBOUNDED; /* every arc on the path unbounded */
			if (w->value > MCF_CAP_MAX - f)
				return MCF_ERR_RANGE;
			w->value += f;
			w->augmentations++;
			int32_t back = -1;
			for (int32_t i = 0; i < depth; i++) {
				int32_t r = w->path_arc[i];
				w->rcap[r] -= f;
				w->rcap[w->rev[r]] += f;
				if (back < 0 && w->rcap[r] == 0)
					back = i;
			}
			int32_t first = w->head[w->path_arc[0]];
			if (w->fresh[first]) /* flow passed the leaf */
				make_explicit(w, first, w->path_arc[0]);
			depth = back;
			u = w->path_node[back];
			continue;
		}
		if (u == w->s) {
			u = source_step(w, &scur, &depth);
			if (u < 0)
				return 0;
			continue;
		}
		int32_t r = w->cur[u], end = w->lend[u], lu = w->level[u];
		for (; r < end; r++) {
			int32_t v = w->head[r];
			if (lvl(w, v) == lu + 1 && admissible(w, u, r))
				break;
		}
		w->cur[u] = r;
		if (r < end) {
			w->path_arc[depth] = r;
			w->path_node[depth] = u;
			depth++;
			u = w->head[r];
			continue;
		}
		/* A dead end: nothing more gets through u in this level graph. */
		w->level[u] = -1;
		depth--;
		u = w->path_node[depth];
		if (u != w->s)
			w->cur[u]++;
	}
}

/* First potentials when some cost is negative: shortest distances from a
 * virtual node joined to every node at cost 0 (Bellman–Ford with a FIFO
 * queue). count[v] is the number of arcs on v's current shortest path; a
 * path of n arcs or more repeats a node, so it closes a negative cycle. */
static int initial_potentials(struct work *w)
{
	int32_t *count = calloc((size_t)w->n, sizeof(*count));
	char *inq = calloc((size_t)w->n, 1);
	if (!count || !inq) {
		free(count);
		free(inq);
		return MCF_ERR_NOMEM;
	}
	/* queue is a ring of n entries: a node is in it at most once. */
	int32_t qh = 0, qlen = 0;
	for (int32_t v = 0; v < w->n; v++) {
		w->p[v] = 0;
		w->queue[qlen++] = v;
		inq[v] = 1;
	}
	int rc = 0;
	while (qlen > 0 && rc == 0) {
		int32_t u = w->queue[qh];
		qh = (qh + 1) % w->n;
		qlen--;
		inq[u] = 0;
		for (int32_t r = w->start[u]; r < w->lend[u]; r++) {
			if (w->rcap[r] <= 0)
				continue;
			int32_t v = w->head[r];
			int64_t nd = w->p[u] + w->cost[r];
			if (nd < w->p[v]) {
				w->p[v] = nd;
				count[v] = count[u] + 1;
				if (count[v] >= w->n) {
					rc = MCF_ERR_NEGCYCLE;
					break;
				}
				if (!inq[v]) {
					inq[v] = 1;
					w->queue[(qh + qlen) % w->n] = v;
					qlen++;
				}
			}
		}
	}
	free(count);
	free(inq);
	return rc;
}

int mcf_solve(struct mcf *g, int32_t s, int32_t t, struct mcf_stats *st)
{
	if (st)
		memset(st, 0, sizeof(*st));
	if (g->solved || s < 0 || t < 0 || s >= g->nnodes || t >= g->nnodes || s == t)
		return MCF_ERR_ARG;
	int64_t maxcost = 0;
	int negative = 0;
	for (size_t e = 0; e < g->narcs; e++) {
		int64_t c = g->cost[e] < 0 ? -g->cost[e] : g->cost[e];
		if (c > maxcost)
			maxcost = c;
		if (g->cost[e] < 0 && g->cap[e] > 0)
			negative = 1;
	}
	if (maxcost > 0 && (int64_t)g->nnodes > ((int64_t)1 << 60) / maxcost)
		return MCF_ERR_RANGE;
	g->solved = 1;
	g->flow = calloc(g->narcs ? g->narcs : 1, sizeof(*g->flow));
	if (!g->flow)
		return MCF_ERR_NOMEM;

	struct work w;
	memset(&w, 0, sizeof(w));
	w.s = s;
	w.t = t;
	int rc = work_build(&w, g, !negative);
	if (rc == 0)
		rc = leaves_build(&w);
	if (rc == 0 && negative)
		rc = initial_potentials(&w);
	while (rc == 0 && shortest_paths(&w)) {
		while (rc == 0 && levels(&w))
			rc = blocking_flow(&w);
	}
	int64_t total = 0;
	if (rc == 0) {
		for (size_t e = 0; e < g->narcs; e++) {
			int64_t f = w.rcap[w.rev[w.fwd[e]]], c;
			g->flow[e] = f;
			if (__builtin_mul_overflow(f, g->cost[e], &c) || __builtin_add_overflow(total, c, &total)) {
				rc = MCF_ERR_RANGE;
				break;
			}
		}
	}
	if (rc < 0)
		memset(g->flow, 0, (g->narcs ? g->narcs : 1) * sizeof(*g->flow));
	else if (st) {
		st->value = w.value;
		st->cost = total;
		st->phases = w.phases;
		st->augmentations = w.augmentations;
	}
	work_free(&w);
	return rc;
}
