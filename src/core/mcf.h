/* mcf.h — minimum-cost maximum flow on integer capacities and costs.
 *
 * The problem. A directed graph of nnodes nodes (0 … nnodes−1) and arcs
 * (from, to, capacity, cost per unit), a source s and a sink t. Among all
 * flows from s to t of the largest possible value, find one of the least
 * total cost. That is the lexicographic optimum "first as much flow as
 * possible, then as cheap as possible"; as a linear programme
 *     maximise  B·value(x) − Σ cost(e)·x(e)   with B > the largest cost any flow can have,
 *     0 ≤ x(e) ≤ cap(e), flow conserved at every node but s and t,
 * which is how tests/unit/test_mcf.c hands the same instances to glpsol.
 *
 * The method: successive shortest paths with node potentials (Johnson's
 * reweighting), in phases (primal-dual), inside cost scaling. A phase
 *   1. runs Dijkstra from s on the reduced costs c(u,v) + π(u) − π(v) ≥ 0 of
 *      the residual graph, stopping once t is settled at distance D;
 *   2. sets π(v) += min(dist(v), D) for every node — this keeps every
 *      reduced cost ≥ 0 and makes exactly the arcs on shortest s–t paths
 *      have reduced cost 0 (the admissible arcs);
 *   3. pushes a blocking flow (Dinic: BFS levels, then depth-first
 *      augmentation with a current-arc pointer per node, no recursion) over
 *      the admissible arcs, repeated until t is unreachable through them.
 * Phases stop when t is unreachable in the residual graph. Every augmenting
 * path is a shortest one, so the flow after each phase is a cheapest flow
 * of its value, and the last one is a cheapest maximum flow.
 *   There are as many phases as distinct path lengths D, which with many
 * distinct costs (the matching's 340 saldo ranks) means hundreds of
 * Dijkstras over the same region. Hence cost scaling, when no cost is
 * negative: stage k uses the costs ⌊c / 2^k⌋. The first stage is the
 * finest k (a multiple of 2) with at most two distinct costs left, where
 * the phases above find a maximum flow in a handful of phases. Each next
 * stage takes 2 more bits: with π doubled twice every forward residual arc
 * keeps a reduced cost ≥ 0 (c_k = 4·c_{k+2} + a digit ≥ 0), only reverse
 * arcs (undoing flow) can drop below 0, by at most 3. Those are saturated,
 * which unbalances their ends, and phases as above — Dijkstra from every
 * node with excess to the nearest with a deficit, then a blocking flow
 * between them — restore balance with every reduced cost ≥ 0 again: the
 * flow value unchanged, a cheapest flow of that value at stage k. Stage 0
 * has the real costs, so the result is exactly optimal; each stage needs
 * only a few phases because the potentials carried over are nearly right.
 *   Arcs with a negative cost are allowed: then there is no scaling, the
 * first potentials come from Bellman–Ford over all nodes; a cycle of
 * negative cost (with capacity on every arc) is refused, since "cheapest"
 * would then mean going round it.
 *
 * Solving again. After mcf_solve() the caller may change capacities
 * (mcf_set_cap(): finite, not below the arc's flow, so the flow stays
 * feasible) and call mcf_resolve(): the arcs that now have room at a
 * negative reduced cost are saturated and balance restored as between
 * stages, then phases from s augment to a maximum flow again. That is the
 * optimum of the changed network — the same value and cost as solving it
 * anew — for the price of what changed (the matching's later rounds).
 *
 * Exact and deterministic: only int64_t arithmetic, no floating point; the
 * same input (arcs in the same order) gives the same flow on every arc.
 * Ties between equally cheap flows are broken by that order and the
 * method, nothing else (another method may pick another of the ties).
 *
 * Bounds, checked by mcf_add_arc() and mcf_solve() (which then fail with
 * MCF_ERR_RANGE rather than overflow):
 *   0 ≤ cap ≤ MCF_CAP_MAX, or cap = MCF_INF (unbounded);
 *   |cost| ≤ MCF_COST_MAX and nnodes · max|cost| ≤ 2^60 (so potentials and
 *   distances, at most 3·(n−1)·max|cost| in size, stay below 2^62);
 *   the flow value ≤ MCF_CAP_MAX and the total cost fits in int64_t.
 * A path of unbounded arcs from s to t is MCF_ERR_UNBOUNDED.
 *
 * Leaves hanging off the source (nodes whose only incoming arc comes from
 * s, and either that arc or all arcs out of them cost 0: in the matching,
 * the people) are kept implicit until flow passes through them, so that a
 * phase costs what it touches, not the whole graph (mcf.c explains how; the
 * optimum is the same, only the bookkeeping differs).
 *
 * Memory is bounded by the graph: about 75 bytes per arc and 90 per node
 * (residual arcs in one array ordered by tail, a heap over the nodes, no
 * allocation per phase), kept after solving for mcf_resolve() until
 * mcf_release(); and 8 bytes per arc for the flow.
 *
 * Lifecycle: mcf_init() → mcf_add_arc()… → mcf_solve() → mcf_flow() per arc
 * [→ mcf_set_cap()… → mcf_resolve() → mcf_flow()…] → mcf_release(). Arcs
 * cannot be added after mcf_solve(). */
#ifndef SAMEN_CORE_MCF_H
#define SAMEN_CORE_MCF_H
#include <stddef.h>
#include <stdint.h>

#define MCF_CAP_MAX ((int64_t)1 << 50)
#define MCF_INF ((int64_t)1 << 61)
#define MCF_COST_MAX ((int64_t)1 << 40)
#define MCF_MAX_NODES (1 << 28)
#define MCF_MAX_ARCS ((size_t)1 << 28)

enum mcf_error {
	MCF_OK = 0,
	MCF_ERR_NOMEM = -1,
	MCF_ERR_ARG = -2,       /* a node out of range, s == t, arcs added after solving */
	MCF_ERR_RANGE = -3,     /* a capacity, cost or result beyond the bounds above */
	MCF_ERR_NEGCYCLE = -4,  /* a cycle of negative cost */
	MCF_ERR_UNBOUNDED = -5, /* unbounded arcs all the way from s to t */
};

struct mcf {
	int32_t nnodes;
	size_t narcs, alloc;
	int32_t *from, *to;
	int64_t *cap, *cost;
	int64_t *flow; /* after mcf_solve(): the flow on each arc */
	int solved;
	int32_t s, t;
	void *work; /* the solver's state after mcf_solve(), for mcf_resolve() */
};

struct mcf_stats {
	int64_t value;    /* the maximum flow */
	int64_t cost;     /* its least cost */
	long long phases; /* Dijkstra runs */
	long long augmentations;
};

/* 0, or MCF_ERR_ARG (nnodes outside 2 … MCF_MAX_NODES) / MCF_ERR_NOMEM.
 * arcs_hint (may be 0) sizes the first allocation. */
int mcf_init(struct mcf *g, int32_t nnodes, size_t arcs_hint);
void mcf_release(struct mcf *g);
/* Adds an arc; returns its index (0, 1, … in order of adding) or a negative
 * enum mcf_error. */
long long mcf_add_arc(struct mcf *g, int32_t from, int32_t to, int64_t cap, int64_t cost);
/* Solves; 0 and *st filled (st may be NULL), or a negative enum mcf_error
 * (the flows are then zero). */
int mcf_solve(struct mcf *g, int32_t s, int32_t t, struct mcf_stats *st);
/* Sets the capacity of arc. Before solving: any capacity mcf_add_arc()
 * takes. After solving: finite and at least the arc's flow, for
 * mcf_resolve(); 0 or a negative enum mcf_error. */
int mcf_set_cap(struct mcf *g, size_t arc, int64_t cap);
/* Solves again after mcf_set_cap(), from the last optimum rather than from
 * nothing: its flow, still feasible, is made optimal for its value again,
 * then augmented to a maximum. The same optimum as a new mcf_solve() of the
 * changed network (ties may fall otherwise). Returns as mcf_solve(). */
int mcf_resolve(struct mcf *g, struct mcf_stats *st);
/* The flow on arc (0 before solving). */
int64_t mcf_flow(const struct mcf *g, size_t arc);
/* A Dutch explanation of an error code. */
const char *mcf_strerror(int err);

#endif
