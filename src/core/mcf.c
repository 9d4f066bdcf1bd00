/* Minimum-cost maximum flow by successive shortest paths with potentials,
 * one blocking flow per Dijkstra (mcf.h explains the method and bounds). */
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
	case MCF_OK:
		return "geen fout";
	case MCF_ERR_NOMEM:
		return "onvoldoende geheugen voor het stroomnetwerk";
	case MCF_ERR_ARG:
		return "ongeldig stroomnetwerk (knoop buiten bereik of bron gelijk aan put)";
	case MCF_ERR_RANGE:
		return "capaciteit, kosten of uitkomst buiten de grenzen van de rekenkern";
	case MCF_ERR_NEGCYCLE:
		return "het netwerk heeft een kringloop met negatieve kosten";
	case MCF_ERR_UNBOUNDED:
		return "het netwerk laat onbegrensde stroom toe";
	default:
		return "onbekende fout in de rekenkern";
	}
}

/* The residual graph, arcs grouped by tail (CSR): residual arc r runs from
 * the node whose range [start[u], start[u+1]) holds r to head[r]; its
 * reverse is rev[r]. The forward copy of input arc e is fwd[e]. */
struct work {
	int32_t n, s, t;
	int32_t *start, *head, *rev, *fwd;
	int64_t *rcap, *cost;
	int64_t *pi, *dist;
	int32_t *heap, *hpos; /* hpos: index in heap, -1 not reached, -2 settled */
	int32_t *level, *cur, *queue, *path_arc, *path_node;
	int64_t value;
	long long phases, augmentations;
};

static void work_free(struct work *w)
{
	free(w->start);
	free(w->head);
	free(w->rev);
	free(w->fwd);
	free(w->rcap);
	free(w->cost);
	free(w->pi);
	free(w->dist);
	free(w->heap);
	free(w->hpos);
	free(w->level);
	free(w->cur);
	free(w->queue);
	free(w->path_arc);
	free(w->path_node);
}

static int work_build(struct work *w, const struct mcf *g)
{
	size_t n = (size_t)g->nnodes, m2 = 2 * g->narcs;
	w->n = g->nnodes;
	w->start = calloc(n + 1, sizeof(*w->start));
	w->head = malloc((m2 ? m2 : 1) * sizeof(*w->head));
	w->rev = malloc((m2 ? m2 : 1) * sizeof(*w->rev));
	w->fwd = malloc((g->narcs ? g->narcs : 1) * sizeof(*w->fwd));
	w->rcap = malloc((m2 ? m2 : 1) * sizeof(*w->rcap));
	w->cost = malloc((m2 ? m2 : 1) * sizeof(*w->cost));
	w->pi = calloc(n, sizeof(*w->pi));
	w->dist = malloc(n * sizeof(*w->dist));
	w->heap = malloc(n * sizeof(*w->heap));
	w->hpos = malloc(n * sizeof(*w->hpos));
	w->level = malloc(n * sizeof(*w->level));
	w->cur = malloc(n * sizeof(*w->cur));
	w->queue = malloc(n * sizeof(*w->queue));
	w->path_arc = malloc(n * sizeof(*w->path_arc));
	w->path_node = malloc(n * sizeof(*w->path_node));
	if (!w->start || !w->head || !w->rev || !w->fwd || !w->rcap || !w->cost || !w->pi || !w->dist || !w->heap ||
	    !w->hpos || !w->level || !w->cur || !w->queue || !w->path_arc || !w->path_node)
		return MCF_ERR_NOMEM;
	for (size_t e = 0; e < g->narcs; e++) {
		w->start[g->from[e] + 1]++;
		w->start[g->to[e] + 1]++;
	}
	for (size_t v = 0; v < n; v++)
		w->start[v + 1] += w->start[v];
	/* cur doubles as the fill pointer while placing arcs. */
	for (size_t v = 0; v < n; v++)
		w->cur[v] = w->start[v];
	for (size_t e = 0; e < g->narcs; e++) {
		int32_t a = w->cur[g->from[e]]++, b = w->cur[g->to[e]]++;
		w->head[a] = g->to[e];
		w->head[b] = g->from[e];
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

/* Dijkstra on reduced costs from s; stops when t is settled. Updates the
 * potentials (π += min(dist, D)) and returns 1, or 0 when t is unreachable. */
static int shortest_paths(struct work *w)
{
	int32_t size = 0;
	for (int32_t v = 0; v < w->n; v++) {
		w->dist[v] = DIST_INF;
		w->hpos[v] = -1;
	}
	w->dist[w->s] = 0;
	w->heap[size++] = w->s;
	w->hpos[w->s] = 0;
	int64_t D = -1;
	while (size > 0) {
		int32_t u = w->heap[0];
		w->hpos[u] = -2;
		if (--size > 0) {
			w->heap[0] = w->heap[size];
			heap_down(w, 0, size);
		}
		if (u == w->t) {
			D = w->dist[u];
			break;
		}
		int64_t du = w->dist[u], pu = w->pi[u];
		for (int32_t r = w->start[u]; r < w->start[u + 1]; r++) {
			if (w->rcap[r] <= 0)
				continue;
			int32_t v = w->head[r];
			if (w->hpos[v] == -2)
				continue;
			int64_t nd = du + (w->cost[r] + pu - w->pi[v]); /* reduced cost ≥ 0 */
			if (nd < w->dist[v]) {
				w->dist[v] = nd;
				if (w->hpos[v] < 0) {
					w->heap[size] = v;
					heap_up(w, size++);
				} else {
					heap_up(w, w->hpos[v]);
				}
			}
		}
	}
	w->phases++;
	if (D < 0)
		return 0;
	for (int32_t v = 0; v < w->n; v++)
		w->pi[v] += w->hpos[v] == -2 ? w->dist[v] : D;
	return 1;
}

static int admissible(const struct work *w, int32_t u, int32_t r)
{
	return w->rcap[r] > 0 && w->cost[r] + w->pi[u] - w->pi[w->head[r]] == 0;
}

/* BFS levels over admissible arcs; whether t is reached. */
static int levels(struct work *w)
{
	for (int32_t v = 0; v < w->n; v++)
		w->level[v] = -1;
	int32_t qh = 0, qt = 0;
	w->queue[qt++] = w->s;
	w->level[w->s] = 0;
	while (qh < qt) {
		int32_t u = w->queue[qh++];
		for (int32_t r = w->start[u]; r < w->start[u + 1]; r++) {
			int32_t v = w->head[r];
			if (w->level[v] < 0 && admissible(w, u, r)) {
				w->level[v] = w->level[u] + 1;
				w->queue[qt++] = v;
			}
		}
	}
	return w->level[w->t] >= 0;
}

/* Pushes a blocking flow through the level graph, depth first without
 * recursion: path_arc[0..depth) are the arcs from s to u. */
static int blocking_flow(struct work *w)
{
	for (int32_t v = 0; v < w->n; v++)
		w->cur[v] = w->start[v];
	int32_t depth = 0, u = w->s;
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
			depth = back;
			u = w->path_node[back];
			continue;
		}
		int32_t r = w->cur[u], end = w->start[u + 1];
		for (; r < end; r++) {
			int32_t v = w->head[r];
			if (w->level[v] == w->level[u] + 1 && admissible(w, u, r))
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
		if (depth == 0)
			return 0;
		depth--;
		u = w->path_node[depth];
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
		w->pi[v] = 0;
		w->queue[qlen++] = v;
		inq[v] = 1;
	}
	int rc = 0;
	while (qlen > 0 && rc == 0) {
		int32_t u = w->queue[qh];
		qh = (qh + 1) % w->n;
		qlen--;
		inq[u] = 0;
		for (int32_t r = w->start[u]; r < w->start[u + 1]; r++) {
			if (w->rcap[r] <= 0)
				continue;
			int32_t v = w->head[r];
			int64_t nd = w->pi[u] + w->cost[r];
			if (nd < w->pi[v]) {
				w->pi[v] = nd;
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
	int rc = work_build(&w, g);
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
