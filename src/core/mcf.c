/* Minimum-cost maximum flow by successive shortest paths with potentials,
 * one blocking flow per Dijkstra, inside cost scaling (mcf.h explains the
 * method and bounds; mcf_graph.c builds the graph).
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
 * from the start. With cost scaling a fresh leaf's key at stage k is
 * ⌊c(s,v)/2^k⌋ + ⌊c(v,w)/2^k⌋; one of the two being 0 (mark_leaves), that is
 * ⌊key/2^k⌋, so the lists stay sorted at every stage. */
#include <stdlib.h>
#include <string.h>
#include "core/mcf.h"
#include "core/mcf_intern.h"

#define DIST_INF INT64_MAX

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
/* A residual arc, and a node's BFS level with the round it belongs to:
 * what a scan reads together lies together. */
struct rarc {
	int32_t head, rev;
	int64_t rcap, cost;
};

struct node {
	int64_t p; /* potential (see above) */
	int32_t stamp, level;
};

struct work {
	int32_t n, s, t;
	int32_t *start, *lend, *fwd;
	struct rarc *arc;
	struct node *nd;
	int64_t *lc, *lc0, *dist; /* lc: a fresh leaf's c(s,v) at this stage, lc0 in full */
	int32_t *heap, *hpos, *dstamp, dround, *settled, nsettled;
	int64_t dcur;   /* the distance being settled: nodes found that near wait in */
	int32_t qh, qt; /* queue[qh … qt) rather than in the heap */
	int32_t lround, *cur, *queue, *path_arc, *path_node;
	char *fresh;
	int32_t nheads, *hnode, *hstart, *hptr;
	int32_t *eleaf, *earc, *esarc; /* per entry: the leaf, its arc to the head, s's arc to it */
	int64_t *ekey;
	int32_t nsarc, *sarc;
	int32_t scur; /* s's step pointer in the current level graph (see source_step) */
	/* cost scaling (see refine, restore): the imbalance per node, the nodes
	 * that had excess this stage, and whether a search runs between them */
	int64_t *excess;
	int32_t *srcs, nsrcs;
	int repair;
	int stale; /* mcf_set_cap() changed what the work cannot follow */
	int64_t value;
	long long phases, augmentations;
};

static void work_free(struct work *w)
{
	void *all[] = { w->start,  w->lend,   w->arc,     w->fwd,  w->nd,    w->lc,       w->lc0,       w->dist,   w->heap,
			w->hpos,   w->dstamp, w->settled, w->cur,  w->queue, w->path_arc, w->path_node, w->fresh,  w->hnode,
			w->hstart, w->hptr,   w->eleaf,   w->earc, w->esarc, w->ekey,     w->sarc,      w->excess, w->srcs };
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
		free(all[i]);
}

static int64_t pot(const struct work *w, int32_t v) { return w->fresh[v] ? w->nd[w->s].p + w->lc[v] : w->nd[v].p; }

/* Marks the leaves (nodes ≠ s, t whose one incoming arc comes from s, with
 * capacity) fresh, when leaves are used at all. With cost scaling a head's
 * key, ⌊c(s,v)/2^k⌋ + ⌊c(v,w)/2^k⌋, must keep the order of c(s,v) + c(v,w)
 * at every stage k: so a leaf has either c(s,v) = 0 or only arcs of cost 0
 * onwards (in the matching: the rank on the arc into a person). */
static int mark_leaves(struct work *w, const struct mcf *g, int with_leaves)
{
	size_t n = (size_t)w->n;
	int32_t *indeg = calloc(n, sizeof(*indeg));
	char *costly = calloc(n, 1); /* an arc of cost ≠ 0 leaves it */
	if (!indeg || !costly) {
		free(indeg);
		free(costly);
		return MCF_ERR_NOMEM;
	}
	for (size_t e = 0; e < g->narcs; e++) {
		indeg[g->to[e]]++;
		costly[g->from[e]] |= g->cost[e] != 0;
		if (g->from[e] == w->s && g->cap[e] > 0)
			w->lc0[g->to[e]] = g->cost[e];
		else
			w->lc0[g->to[e]] = MCF_INF; /* not from s, or without capacity */
	}
	if (with_leaves)
		for (int32_t v = 0; v < w->n; v++)
			w->fresh[v] =
				v != w->s && v != w->t && indeg[v] == 1 && w->lc0[v] != MCF_INF && (w->lc0[v] == 0 || !costly[v]);
	for (int32_t v = 0; v < w->n; v++)
		w->lc[v] = w->fresh[v] ? w->lc0[v] : 0;
	free(indeg);
	free(costly);
	return 0;
}

static int work_build(struct work *w, const struct mcf *g, int with_leaves)
{
	size_t n = (size_t)g->nnodes, m2 = g->narcs ? 2 * g->narcs : 1;
	w->n = g->nnodes;
	w->start = calloc(n + 1, sizeof(*w->start));
	w->lend = calloc(n + 1, sizeof(*w->lend));
	w->arc = malloc(m2 * sizeof(*w->arc));
	w->fwd = malloc((g->narcs ? g->narcs : 1) * sizeof(*w->fwd));
	w->nd = calloc(n, sizeof(*w->nd));
	w->lc = calloc(n, sizeof(*w->lc));
	w->lc0 = calloc(n, sizeof(*w->lc0));
	w->dist = malloc(n * sizeof(*w->dist));
	w->heap = malloc(n * sizeof(*w->heap));
	w->hpos = malloc(n * sizeof(*w->hpos));
	w->dstamp = calloc(n, sizeof(*w->dstamp));
	w->settled = malloc(n * sizeof(*w->settled));
	w->cur = malloc(n * sizeof(*w->cur));
	w->queue = malloc(n * sizeof(*w->queue));
	w->path_arc = malloc(n * sizeof(*w->path_arc));
	w->path_node = malloc(n * sizeof(*w->path_node));
	w->fresh = calloc(n, 1);
	w->excess = calloc(n, sizeof(*w->excess));
	w->srcs = malloc(n * sizeof(*w->srcs));
	if (!w->excess || !w->srcs || !w->start || !w->lend || !w->arc || !w->fwd || !w->nd || !w->lc || !w->lc0 || !w->dist ||
	    !w->heap || !w->hpos || !w->dstamp || !w->settled || !w->cur || !w->queue || !w->path_arc || !w->path_node ||
	    !w->fresh)
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
		w->arc[a].head = v;
		w->arc[b].head = u;
		w->arc[a].rev = b;
		w->arc[b].rev = a;
		w->arc[a].rcap = g->cap[e];
		w->arc[b].rcap = 0;
		w->arc[a].cost = g->cost[e];
		w->arc[b].cost = -g->cost[e];
		w->fwd[e] = a;
	}
	return 0;
}

/* s's explicit arcs and the head lists of the fresh leaves. */
static int leaves_build(struct work *w)
{
	w->sarc = malloc(((size_t)(w->start[w->s + 1] - w->start[w->s]) + 1) * sizeof(*w->sarc));
	int32_t *sarc_of = malloc((size_t)w->n * sizeof(*sarc_of)); /* a fresh leaf's arc from s */
	if (!w->sarc || !sarc_of) {
		free(sarc_of);
		return MCF_ERR_NOMEM;
	}
	size_t nentries = 0;
	w->nsarc = 0;
	for (int32_t r = w->start[w->s]; r < w->start[w->s + 1]; r++) {
		int32_t v = w->arc[r].head;
		if (!w->fresh[v]) {
			w->sarc[w->nsarc++] = r;
			continue;
		}
		sarc_of[v] = r;
		for (int32_t q = w->start[v]; q < w->start[v + 1]; q++)
			if (w->arc[q].rcap > 0)
				nentries++;
	}
	struct entry_sort *es = malloc((nentries + 1) * sizeof(*es)), *tmp = malloc((nentries + 1) * sizeof(*tmp));
	int rc = es && tmp ? 0 : MCF_ERR_NOMEM;
	size_t k = 0;
	for (int32_t v = 0; v < w->n && rc == 0; v++) /* in order of arc */
		if (w->fresh[v])
			for (int32_t q = w->start[v]; q < w->start[v + 1]; q++)
				if (w->arc[q].rcap > 0)
					es[k++] = (struct entry_sort){ w->lc[v] + w->arc[q].cost, w->arc[q].head, v, q,
								       sarc_of[v] };
	if (rc == 0)
		rc = mcf_sort_entries(es, tmp, nentries, w->n);
	free(sarc_of);
	free(tmp);
	if (rc < 0) {
		free(es);
		return rc;
	}
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
	w->nd[v].p = pot(w, v);
	w->fresh[v] = 0;
	w->sarc[w->nsarc++] = sarc;
	for (int32_t r = w->start[v]; r < w->start[v + 1]; r++) {
		int32_t u = w->arc[r].head, b = w->arc[r].rev, a = w->lend[u];
		if (u == w->s || b < a)
			continue;
		if (a != b) {
			struct rarc tmp = w->arc[a];
			w->arc[a] = w->arc[b];
			w->arc[b] = tmp;
			w->arc[w->arc[a].rev].rev = a;
			w->arc[w->arc[b].rev].rev = b;
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
static int64_t head_reduced(const struct work *w, int32_t h, int32_t e)
{
	return w->ekey[e] + w->nd[w->s].p - w->nd[w->hnode[h]].p;
}

static int64_t reduced(const struct work *w, int32_t u, int32_t r) { return w->arc[r].cost + pot(w, u) - pot(w, w->arc[r].head); }

/* ---- an indexed binary heap of nodes keyed by dist (ties: lower node) ----
 * hpos[v]: v's place in the heap, −1 in neither, −2 settled, −3 waiting in
 * the queue (at distance dcur, so it needs no ordering). */

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
	if (w->hpos[v] < -1 || nd >= w->dist[v])
		return;
	w->dist[v] = nd;
	if (w->hpos[v] == -1 && nd == w->dcur) { /* as near as what is settled now: no heap needed */
		w->hpos[v] = -3;
		w->queue[w->qt++] = v;
	} else if (w->hpos[v] < 0) {
		w->heap[*size] = v;
		heap_up(w, (*size)++);
	} else {
		heap_up(w, w->hpos[v]);
	}
}

/* Dijkstra on reduced costs from s; stops when t is settled at D (when
 * repairing: from every node with excess, until one with a deficit). Updates
 * the potentials (π += min(dist, D); fresh leaves keep theirs, their
 * distance being 0) and returns 1, or 0 when t is unreachable. */
static int shortest_paths(struct work *w)
{
	int32_t size = 0;
	w->dround++;
	w->nsettled = 0;
	w->dcur = 0;
	w->qh = w->qt = 0;
	if (w->repair) {
		for (int32_t i = 0; i < w->nsrcs; i++)
			if (w->excess[w->srcs[i]] > 0)
				relax(w, w->srcs[i], 0, &size);
	} else {
		relax(w, w->s, 0, &size);
	}
	int64_t D = -1;
	while (w->qh < w->qt || size > 0) {
		int32_t u;
		if (w->qh < w->qt) {
			u = w->queue[w->qh++];
		} else {
			u = w->heap[0];
			w->dcur = w->dist[u];
			if (--size > 0) {
				w->heap[0] = w->heap[size];
				heap_down(w, 0, size);
			}
		}
		w->hpos[u] = -2;
		w->settled[w->nsettled++] = u;
		if (w->repair ? w->excess[u] < 0 : u == w->t) {
			D = w->dist[u];
			break;
		}
		int64_t du = w->dist[u];
		if (u == w->s) {
			for (int32_t i = 0; i < w->nsarc; i++) {
				int32_t r = w->sarc[i];
				if (w->arc[r].rcap > 0)
					relax(w, w->arc[r].head, du + reduced(w, u, r), &size);
			}
			for (int32_t h = 0; h < w->nheads; h++) {
				int32_t e = head_first(w, h);
				if (e >= 0)
					relax(w, w->hnode[h], du + head_reduced(w, h, e), &size);
			}
			continue;
		}
		int64_t pu = w->nd[u].p;
		for (int32_t r = w->start[u]; r < w->lend[u]; r++)
			if (w->arc[r].rcap > 0) /* reduced cost ≥ 0 */
				relax(w, w->arc[r].head, du + (w->arc[r].cost + pu - w->nd[w->arc[r].head].p), &size);
	}
	w->phases++;
	if (D < 0)
		return 0;
	for (int32_t i = 0; i < w->nsettled; i++) {
		int32_t v = w->settled[i];
		w->nd[v].p -= D - w->dist[v];
	}
	return 1;
}

static int admissible(const struct work *w, int32_t u, int32_t r) { return w->arc[r].rcap > 0 && reduced(w, u, r) == 0; }

static int32_t lvl(const struct work *w, int32_t v) { return w->nd[v].stamp == w->lround ? w->nd[v].level : -1; }

static void set_lvl(struct work *w, int32_t v, int32_t x)
{
	w->nd[v].stamp = w->lround;
	w->nd[v].level = x;
	w->cur[v] = w->start[v];
}

/* Whether u is where a path ends: t, or when repairing a node with a deficit. */
static int is_target(const struct work *w, int32_t u) { return w->repair ? w->excess[u] < 0 : u == w->t; }

/* BFS levels over admissible arcs from s (when repairing: from every node
 * with excess); whether a target is reached. Targets are not searched
 * beyond, nor is any node on or past the level of the first target found.
 * A head reached through a fresh leaf is two levels past s (the leaf one). */
static int levels(struct work *w)
{
	w->lround++;
	int32_t qh = 0, qt = 0, found = INT32_MAX;
	if (w->repair) {
		for (int32_t i = 0; i < w->nsrcs; i++) {
			int32_t x = w->srcs[i];
			if (w->excess[x] > 0 && lvl(w, x) < 0) {
				set_lvl(w, x, 0);
				w->queue[qt++] = x;
			}
		}
	} else {
		w->queue[qt++] = w->s;
		set_lvl(w, w->s, 0);
	}
	while (qh < qt) {
		int32_t u = w->queue[qh++], lu = w->nd[u].level;
		if (lu >= found)
			continue;
		if (lu > 0 && is_target(w, u)) {
			found = lu;
			continue;
		}
		if (u == w->s) {
			w->scur = 0;
			for (int32_t i = 0; i < w->nsarc; i++) {
				int32_t r = w->sarc[i], v = w->arc[r].head;
				if (w->arc[r].rcap > 0 && lvl(w, v) < 0 && reduced(w, u, r) == 0) {
					set_lvl(w, v, lu + 1);
					w->queue[qt++] = v;
				}
			}
			for (int32_t h = 0; h < w->nheads; h++) {
				int32_t e = head_first(w, h), v = w->hnode[h];
				if (e >= 0 && lvl(w, v) < 0 && head_reduced(w, h, e) == 0) {
					set_lvl(w, v, lu + 2);
					w->queue[qt++] = v;
				}
			}
			continue;
		}
		for (int32_t r = w->start[u]; r < w->lend[u]; r++) {
			int32_t v = w->arc[r].head;
			if (w->arc[r].rcap > 0 && lvl(w, v) < 0 && reduced(w, u, r) == 0) {
				set_lvl(w, v, lu + 1);
				w->queue[qt++] = v;
			}
		}
	}
	return found != INT32_MAX;
}

/* The next step out of s in the level graph, the path so far being
 * path_arc[0 … *depth): through a fresh leaf to a head (two arcs), or along
 * an explicit arc. w->scur walks the heads, then s's explicit arcs (which
 * grow as leaves are used, so that they are still tried in this round).
 * Returns the node reached, or -1 when s is done. */
static int32_t source_step(struct work *w, int32_t *depth)
{
	int32_t ls = w->nd[w->s].level, d = *depth;
	for (;;) {
		if (w->scur < w->nheads) {
			int32_t h = w->scur, e = head_first(w, h), v = w->hnode[h];
			if (e >= 0 && lvl(w, v) == ls + 2 && head_reduced(w, h, e) == 0) {
				/* From the leaf, go on past this arc only: its other
				 * heads are reached through their own entries. */
				int32_t leaf = w->eleaf[e];
				set_lvl(w, leaf, ls + 1);
				w->cur[leaf] = w->earc[e];
				w->path_arc[d] = w->esarc[e];
				w->path_node[d] = w->s;
				w->path_arc[d + 1] = w->earc[e];
				w->path_node[d + 1] = leaf;
				*depth = d + 2;
				return v;
			}
			w->scur++;
			continue;
		}
		int32_t i = w->scur - w->nheads;
		if (i >= w->nsarc)
			return -1;
		int32_t r = w->sarc[i], v = w->arc[r].head;
		if (lvl(w, v) == ls + 1 && admissible(w, w->s, r)) {
			w->path_arc[d] = r;
			w->path_node[d] = w->s;
			*depth = d + 1;
			return v;
		}
		w->scur++;
	}
}

/* Pushes along the path path_arc[0 … depth) from root to target u: as much
 * as the path takes, and when repairing no more than root's excess and
 * u's deficit. Returns the index of the first arc it saturated (−1: none)
 * or a negative enum mcf_error in *rc. */
static int32_t augment(struct work *w, int32_t root, int32_t u, int32_t depth, int *rc)
{
	int64_t f = MCF_INF;
	for (int32_t i = 0; i < depth; i++)
		if (w->arc[w->path_arc[i]].rcap < f)
			f = w->arc[w->path_arc[i]].rcap;
	if (w->repair) {
		if (w->excess[root] < f)
			f = w->excess[root];
		if (-w->excess[u] < f)
			f = -w->excess[u];
		w->excess[root] -= f;
		w->excess[u] += f;
	} else {
		if (f > MCF_CAP_MAX) {
			*rc = MCF_ERR_UNBOUNDED; /* every arc on the path unbounded */
			return -1;
		}
		if (w->value > MCF_CAP_MAX - f) {
			*rc = MCF_ERR_RANGE;
			return -1;
		}
		w->value += f;
	}
	w->augmentations++;
	int32_t back = -1;
	for (int32_t i = 0; i < depth; i++) {
		int32_t r = w->path_arc[i];
		w->arc[r].rcap -= f;
		w->arc[w->arc[r].rev].rcap += f;
		if (back < 0 && w->arc[r].rcap == 0)
			back = i;
		if (w->path_node[i] == w->s && w->fresh[w->arc[r].head]) /* flow passed the leaf */
			make_explicit(w, w->arc[r].head, r);
	}
	return back;
}

/* Pushes a blocking flow through the level graph, depth first without
 * recursion from each root (s, or when repairing each node with excess):
 * path_arc[0..depth) are the arcs from the root to u. */
static int blocking_flow(struct work *w)
{
	int32_t nroots = w->repair ? w->nsrcs : 1;
	for (int32_t k = 0; k < nroots; k++) {
		int32_t x = w->repair ? w->srcs[k] : w->s;
		if (lvl(w, x) != 0 || (w->repair && w->excess[x] <= 0))
			continue;
		int32_t depth = 0, u = x;
		for (;;) {
			if (u != x && is_target(w, u)) {
				int rc = 0;
				int32_t back = augment(w, x, u, depth, &rc);
				if (rc < 0)
					return rc;
				if (w->repair && w->excess[x] == 0)
					break;
				if (back >= 0) {
					depth = back;
					u = w->path_node[back];
				}
				continue; /* else u's deficit is met: on from u */
			}
			int32_t v = -1;
			if (u == w->s) {
				v = source_step(w, &depth);
			} else {
				int32_t r = w->cur[u], end = w->lend[u], lu = w->nd[u].level;
				for (; r < end; r++) {
					v = w->arc[r].head;
					if (w->arc[r].rcap > 0 && lvl(w, v) == lu + 1 && reduced(w, u, r) == 0)
						break;
				}
				w->cur[u] = r;
				if (r < end) {
					w->path_arc[depth] = r;
					w->path_node[depth] = u;
					depth++;
				} else {
					v = -1;
				}
			}
			if (v >= 0) {
				u = v;
				continue;
			}
			/* A dead end: nothing more gets through u in this level graph. */
			w->nd[u].level = -1;
			if (depth == 0)
				break;
			depth--;
			u = w->path_node[depth];
			if (u != w->s)
				w->cur[u]++;
		}
	}
	return 0;
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
		w->nd[v].p = 0;
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
			if (w->arc[r].rcap <= 0)
				continue;
			int32_t v = w->arc[r].head;
			int64_t nd = w->nd[u].p + w->arc[r].cost;
			if (nd < w->nd[v].p) {
				w->nd[v].p = nd;
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

/* ---- cost scaling ------------------------------------------------------ */

/* The costs of stage shift: ⌊c / 2^shift⌋ per arc, its negation on the
 * reverse, and the fresh leaves' keys in the same order at every stage
 * (see mark_leaves). */
static void set_costs(struct work *w, const struct mcf *g, int shift)
{
	for (size_t e = 0; e < g->narcs; e++) {
		int32_t a = w->fwd[e];
		w->arc[a].cost = g->cost[e] >> shift;
		w->arc[w->arc[a].rev].cost = -w->arc[a].cost;
	}
	for (int32_t v = 0; v < w->n; v++)
		if (w->fresh[v])
			w->lc[v] = w->lc0[v] >> shift;
	if (w->nheads)
		for (int32_t i = 0; i < w->hstart[w->nheads]; i++)
			w->ekey[i] = w->lc[w->eleaf[i]] + w->arc[w->earc[i]].cost;
}

/* Saturates every residual arc of negative reduced cost (their flow
 * undone, or pushed to capacity), which leaves excess at some nodes and
 * deficits at others; shortest paths from the nodes with excess to those
 * with a deficit, in phases as for s and t, put it right. Then every
 * residual arc has reduced cost ≥ 0 again and the flow value is as it
 * was: an optimum of its value. */
static int restore(struct work *w)
{
	w->nsrcs = 0;
	for (int32_t u = 0; u < w->n; u++) {
		if (w->fresh[u])
			continue;
		for (int32_t r = w->start[u]; r < w->lend[u]; r++) {
			if (w->arc[r].rcap <= 0 || reduced(w, u, r) >= 0)
				continue;
			int64_t f = w->arc[r].rcap;
			if (f > MCF_CAP_MAX)
				return MCF_ERR_RANGE; /* cannot happen: see refine() and mcf_set_cap() */
			w->arc[r].rcap = 0;
			w->arc[w->arc[r].rev].rcap += f;
			w->excess[u] -= f;
			w->excess[w->arc[r].head] += f;
		}
	}
	for (int32_t v = 0; v < w->n; v++)
		if (w->excess[v] > 0)
			w->srcs[w->nsrcs++] = v;
	w->repair = 1;
	int rc = 0;
	for (;;) {
		int left = 0;
		for (int32_t i = 0; i < w->nsrcs && !left; i++)
			left = w->excess[w->srcs[i]] > 0;
		if (!left)
			break;
		if (!shortest_paths(w)) {
			rc = MCF_ERR_RANGE; /* cannot happen: the undone flow is a way back */
			break;
		}
		while (rc == 0 && levels(w))
			rc = blocking_flow(w);
		if (rc < 0)
			break;
	}
	w->repair = 0;
	return rc;
}

/* From the optimum of stage shift + MCF_SCALE_BITS to that of stage shift,
 * the flow value unchanged: potentials times 2^MCF_SCALE_BITS keep every
 * forward arc's reduced cost ≥ 0 (c = 2^b·c' + a digit ≥ 0), but the
 * reverse of an arc that carries flow may drop below 0, by less than 2^b:
 * restore() puts that right. */
static int refine(struct work *w, const struct mcf *g, int shift)
{
	int64_t ps = w->nd[w->s].p, lim = ((int64_t)1 << (62 - MCF_SCALE_BITS));
	for (int32_t v = 0; v < w->n; v++) {
		if (w->fresh[v])
			continue;
		int64_t x = w->nd[v].p - ps;
		if (x >= lim || x <= -lim)
			return MCF_ERR_RANGE;
		w->nd[v].p = x * ((int64_t)1 << MCF_SCALE_BITS);
	}
	set_costs(w, g, shift);
	return restore(w);
}

/* Augments from s to t until t is out of reach (successive shortest paths). */
static int augment_all(struct work *w)
{
	int rc = 0;
	while (rc == 0 && shortest_paths(w)) {
		while (rc == 0 && levels(w))
			rc = blocking_flow(w);
	}
	return rc;
}

/* The flow per input arc, the statistics, and the work kept for
 * mcf_resolve() (or freed on an error). */
static int finish(struct mcf *g, struct work *w, int rc, struct mcf_stats *st)
{
	int64_t total = 0;
	if (rc == 0) {
		for (size_t e = 0; e < g->narcs; e++) {
			int64_t f = w->arc[w->arc[w->fwd[e]].rev].rcap, c;
			g->flow[e] = f;
			if (__builtin_mul_overflow(f, g->cost[e], &c) || __builtin_add_overflow(total, c, &total)) {
				rc = MCF_ERR_RANGE;
				break;
			}
		}
	}
	if (rc < 0) {
		memset(g->flow, 0, (g->narcs ? g->narcs : 1) * sizeof(*g->flow));
		work_free(w);
		free(w);
		return rc;
	}
	if (st) {
		st->value = w->value;
		st->cost = total;
		st->phases = w->phases;
		st->augmentations = w->augmentations;
	}
	g->work = w;
	return 0;
}

void mcf_work_free(void *work)
{
	if (work) {
		work_free(work);
		free(work);
	}
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
	g->s = s;
	g->t = t;
	g->flow = calloc(g->narcs ? g->narcs : 1, sizeof(*g->flow));
	struct work *w = calloc(1, sizeof(*w));
	if (!g->flow || !w) {
		free(w);
		return MCF_ERR_NOMEM;
	}
	w->s = s;
	w->t = t;
	int shift = negative ? 0 : mcf_first_shift(g);
	int rc = work_build(w, g, !negative);
	if (rc == 0)
		rc = leaves_build(w);
	if (rc == 0 && negative)
		rc = initial_potentials(w);
	if (rc == 0) {
		set_costs(w, g, shift);
		rc = augment_all(w);
	}
	while (rc == 0 && shift > 0) {
		shift -= MCF_SCALE_BITS;
		rc = refine(w, g, shift);
	}
	return finish(g, w, rc, st);
}

int mcf_set_cap(struct mcf *g, size_t arc, int64_t cap)
{
	if (arc >= g->narcs)
		return MCF_ERR_ARG;
	if (cap < 0 || (cap > MCF_CAP_MAX && (cap != MCF_INF || g->solved)))
		return MCF_ERR_RANGE;
	if (g->solved) {
		struct work *w = g->work;
		if (!w || cap < g->flow[arc])
			return MCF_ERR_ARG;
		int32_t a = w->fwd[arc];
		if (w->fresh[g->from[arc]] || w->fresh[g->to[arc]])
			w->stale = 1; /* a fresh leaf's arcs are in the head lists: solve anew */
		else
			w->arc[a].rcap = cap - g->flow[arc];
	}
	g->cap[arc] = cap;
	return 0;
}

int mcf_resolve(struct mcf *g, struct mcf_stats *st)
{
	if (st)
		memset(st, 0, sizeof(*st));
	struct work *w = g->work;
	if (!g->solved || !w)
		return MCF_ERR_ARG;
	if (w->stale) {
		mcf_work_free(w);
		g->work = NULL;
		free(g->flow);
		g->flow = NULL;
		g->solved = 0;
		return mcf_solve(g, g->s, g->t, st);
	}
	g->work = NULL;
	w->phases = w->augmentations = 0;
	int rc = restore(w);
	if (rc == 0)
		rc = augment_all(w);
	return finish(g, w, rc, st);
}
