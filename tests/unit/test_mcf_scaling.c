/* The min-cost flow solver's cost scaling and mcf_resolve() (core/mcf.h):
 * random networks with costs over many stages of scaling — large level-like
 * steps plus small rank-like ones, and people-like leaves off the source —
 * solved by mcf_solve() and by a plain reference written here from the
 * definition (successive shortest paths, Bellman–Ford on the residual
 * graph, one path at a time), with the same maximum flow and the same
 * least cost every time; and networks solved, changed (capacities raised,
 * or lowered to the flow) and solved on with mcf_resolve(), equal to the
 * reference on the changed network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/mcf.h"

#define NMAX 40
#define MMAX 160

static unsigned long long rng;
static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int64_t between(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (unsigned long long)(hi - lo + 1)); }

struct net {
	int32_t n, s, t;
	size_t m;
	int32_t from[MMAX], to[MMAX];
	int64_t cap[MMAX], cost[MMAX];
};

/* The reference: cheapest augmenting path by Bellman–Ford, pushed, again,
 * until t is out of reach. Value and cost of the result. */
static void reference(const struct net *x, int64_t *value, int64_t *cost)
{
	int64_t flow[MMAX] = { 0 };
	*value = *cost = 0;
	for (;;) {
		int64_t dist[NMAX];
		int pred[NMAX]; /* residual arc: 2e forward, 2e+1 backward */
		for (int v = 0; v < x->n; v++)
			dist[v] = INT64_MAX, pred[v] = -1;
		dist[x->s] = 0;
		for (int round = 0; round < x->n; round++) {
			int changed = 0;
			for (size_t e = 0; e < x->m; e++) {
				int32_t u = x->from[e], v = x->to[e];
				if (flow[e] < x->cap[e] && dist[u] != INT64_MAX && dist[u] + x->cost[e] < dist[v])
					dist[v] = dist[u] + x->cost[e], pred[v] = (int)(2 * e), changed = 1;
				if (flow[e] > 0 && dist[v] != INT64_MAX && dist[v] - x->cost[e] < dist[u])
					dist[u] = dist[v] - x->cost[e], pred[u] = (int)(2 * e + 1), changed = 1;
			}
			if (!changed)
				break;
		}
		if (dist[x->t] == INT64_MAX)
			return;
		int64_t f = INT64_MAX;
		for (int32_t v = x->t; v != x->s;) {
			size_t e = (size_t)pred[v] / 2;
			int64_t room = pred[v] % 2 ? flow[e] : x->cap[e] - flow[e];
			if (room < f)
				f = room;
			v = pred[v] % 2 ? x->to[e] : x->from[e];
		}
		for (int32_t v = x->t; v != x->s;) {
			size_t e = (size_t)pred[v] / 2;
			flow[e] += pred[v] % 2 ? -f : f;
			*cost += pred[v] % 2 ? -f * x->cost[e] : f * x->cost[e];
			v = pred[v] % 2 ? x->to[e] : x->from[e];
		}
		*value += f;
	}
}

/* Costs as in the matching: a few big "level" steps G·k plus a small
 * "rank", on ordinary arcs; leaves off s carry the rank on the arc from s
 * (or cost 0) and cost 0 onwards, or the other way round. */
static void random_net(struct net *x, int64_t G)
{
	memset(x, 0, sizeof(*x));
	x->n = (int32_t)between(4, NMAX);
	x->s = 0;
	x->t = 1;
	int32_t leaves = (int32_t)between(0, x->n / 2), first_inner = 2 + leaves;
	for (int32_t v = 2; v < first_inner; v++) {
		int rank_on_s = (int)between(0, 1);
		int64_t rank = between(0, 40);
		x->from[x->m] = x->s, x->to[x->m] = v, x->cap[x->m] = between(1, 20), x->cost[x->m++] = rank_on_s ? rank : 0;
		int k = (int)between(1, 3);
		for (int i = 0; i < k; i++) {
			int32_t to = (int32_t)between(first_inner, x->n); /* x->n: t */
			x->from[x->m] = v, x->to[x->m] = to == x->n ? x->t : to;
			x->cap[x->m] = between(0, 4) ? MCF_INF : between(1, 20);
			x->cost[x->m++] = rank_on_s ? 0 : rank;
		}
	}
	size_t m = (size_t)between(2, 60);
	for (size_t e = 0; e < m && x->m < MMAX; e++) {
		int32_t u = (int32_t)between(0, x->n - 1), v = (int32_t)between(1, x->n - 1);
		if (u >= 2 && u < first_inner)
			u = x->s; /* nothing more out of a leaf */
		if (v >= 2 && v < first_inner)
			v = x->t; /* nor into it */
		if (u == v)
			continue;
		x->from[x->m] = u, x->to[x->m] = v;
		x->cap[x->m] = between(0, 3) == 0 ? 0 : between(1, 25);
		x->cost[x->m++] = G * between(0, 2) + between(0, 40);
	}
}

static void load(const struct net *x, struct mcf *g)
{
	assert_int_equal(mcf_init(g, x->n, x->m), 0);
	for (size_t e = 0; e < x->m; e++)
		assert_int_equal(mcf_add_arc(g, x->from[e], x->to[e], x->cap[e], x->cost[e]), (long long)e);
}

/* The flow mcf left is a flow of st's value and cost within x's caps. */
static void check_flow(const struct net *x, const struct mcf *g, const struct mcf_stats *st)
{
	int64_t bal[NMAX] = { 0 }, cost = 0;
	for (size_t e = 0; e < x->m; e++) {
		int64_t f = mcf_flow(g, e);
		assert_true(f >= 0 && f <= x->cap[e]);
		bal[x->from[e]] -= f;
		bal[x->to[e]] += f;
		cost += f * x->cost[e];
	}
	for (int32_t v = 0; v < x->n; v++)
		if (v != x->s && v != x->t)
			assert_int_equal(bal[v], 0);
	assert_int_equal(bal[x->t], st->value);
	assert_int_equal(cost, st->cost);
}

static void test_scaling_vs_reference(void **state)
{
	(void)state;
	rng = 0x5ca1e001ULL;
	static const int64_t Gs[] = { 0, 1, 41, 1000003, 20999565181LL };
	for (int inst = 0; inst < 600; inst++) {
		struct net x;
		random_net(&x, Gs[inst % 5]);
		struct mcf g;
		struct mcf_stats st;
		load(&x, &g);
		assert_int_equal(mcf_solve(&g, x.s, x.t, &st), 0);
		check_flow(&x, &g, &st);
		int64_t value, cost;
		reference(&x, &value, &cost);
		if (st.value != value || st.cost != cost)
			fail_msg("instance %d: samen %lld/%lld, reference %lld/%lld", inst, (long long)st.value,
				 (long long)st.cost, (long long)value, (long long)cost);
		mcf_release(&g);
	}
}

static void test_resolve_vs_reference(void **state)
{
	(void)state;
	rng = 0x5ca1e002ULL;
	int raised = 0, lowered = 0;
	for (int inst = 0; inst < 400; inst++) {
		struct net x;
		random_net(&x, inst % 2 ? 20999565181LL : 7);
		struct mcf g;
		struct mcf_stats st;
		load(&x, &g);
		assert_int_equal(mcf_solve(&g, x.s, x.t, &st), 0);
		for (int round = 0; round < 3; round++) {
			for (size_t e = 0; e < x.m; e++) {
				int64_t f = mcf_flow(&g, e);
				if (between(0, 3) == 0) {
					x.cap[e] = x.cap[e] == MCF_INF ? 1000 : x.cap[e] + between(1, 15);
					raised++;
				} else if (between(0, 5) == 0 && x.cap[e] != f) {
					x.cap[e] = f;
					lowered++;
				} else {
					continue;
				}
				assert_int_equal(mcf_set_cap(&g, e, x.cap[e]), 0);
			}
			assert_int_equal(mcf_resolve(&g, &st), 0);
			check_flow(&x, &g, &st);
			int64_t value, cost;
			reference(&x, &value, &cost);
			if (st.value != value || st.cost != cost)
				fail_msg("instance %d round %d: samen %lld/%lld, reference %lld/%lld", inst, round,
					 (long long)st.value, (long long)st.cost, (long long)value, (long long)cost);
		}
		mcf_release(&g);
	}
	assert_true(raised > 1000 && lowered > 100);
}

static void test_set_cap_bounds(void **state)
{
	(void)state;
	struct mcf g;
	struct mcf_stats st;
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	mcf_add_arc(&g, 0, 1, 5, 1);
	mcf_add_arc(&g, 1, 2, 3, 1);
	assert_int_equal(mcf_resolve(&g, &st), MCF_ERR_ARG); /* nothing solved yet */
	assert_int_equal(mcf_set_cap(&g, 1, MCF_INF), 0);    /* before solving: as mcf_add_arc */
	assert_int_equal(mcf_set_cap(&g, 1, 3), 0);
	assert_int_equal(mcf_set_cap(&g, 2, 3), MCF_ERR_ARG);
	assert_int_equal(mcf_solve(&g, 0, 2, &st), 0);
	assert_int_equal(st.value, 3);
	assert_int_equal(mcf_set_cap(&g, 1, 2), MCF_ERR_ARG);         /* below its flow */
	assert_int_equal(mcf_set_cap(&g, 1, MCF_INF), MCF_ERR_RANGE); /* unbounded after solving */
	assert_int_equal(mcf_set_cap(&g, 1, -1), MCF_ERR_RANGE);
	assert_int_equal(mcf_set_cap(&g, 1, 4), 0);
	assert_int_equal(mcf_resolve(&g, &st), 0);
	assert_int_equal(st.value, 4);
	assert_int_equal(st.cost, 8);
	mcf_release(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scaling_vs_reference),
		cmocka_unit_test(test_resolve_vs_reference),
		cmocka_unit_test(test_set_cap_bounds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
