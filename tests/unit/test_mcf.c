/* The min-cost max-flow solver (core/mcf.h) and the matching built on it
 * (core/matching.h): hand-made cases with known answers, and random small
 * instances solved both by us and by glpsol (GLPK, --exact: rational
 * simplex) with the same optimal objective every time.
 *
 * The glpsol side is written from the definitions, not from our network:
 * for a flow the plain arc LP, for the matching the bipartite LP over every
 * qualified (person, need) pair with cost G·(level gap) + rank, the ranks,
 * U and G recomputed here from matching.h's definitions, and the drawing
 * rights as one row per need over its foreign pairs. Both objectives are
 * the lexicographic "max flow, then min cost" as B·value − cost with B
 * larger than any cost difference, compared as exact integers (glpsol's
 * numbers are read as integer text; a fraction fails the test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/ledger.h"
#include "core/matching.h"
#include "core/mcf.h"

#define MCF_RANDOM 120
#define MATCH_RANDOM 240

/* ---- hand-made flows ------------------------------------------------- */

static void solve_ok(struct mcf *g, int32_t s, int32_t t, int64_t value, int64_t cost)
{
	struct mcf_stats st;
	assert_int_equal(mcf_solve(g, s, t, &st), 0);
	assert_int_equal(st.value, value);
	assert_int_equal(st.cost, cost);
}

static void test_no_path(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 4, 0), 0);
	assert_int_equal(mcf_add_arc(&g, 0, 1, 5, 1), 0);
	assert_int_equal(mcf_add_arc(&g, 2, 3, 5, 1), 1);
	solve_ok(&g, 0, 3, 0, 0);
	assert_int_equal(mcf_flow(&g, 0), 0);
	mcf_release(&g);
}

static void test_parallel_arcs(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 3, 2), 0);
	mcf_add_arc(&g, 0, 1, 5, 3);
	mcf_add_arc(&g, 0, 1, 5, 1);
	mcf_add_arc(&g, 1, 2, 7, 0);
	solve_ok(&g, 0, 2, 7, 5 * 1 + 2 * 3);
	assert_int_equal(mcf_flow(&g, 0), 2);
	assert_int_equal(mcf_flow(&g, 1), 5);
	assert_int_equal(mcf_flow(&g, 2), 7);
	mcf_release(&g);
}

static void test_zero_capacity(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	mcf_add_arc(&g, 0, 1, 0, 0);
	mcf_add_arc(&g, 0, 1, 3, 10);
	mcf_add_arc(&g, 1, 2, 10, 0);
	mcf_add_arc(&g, 0, 2, 0, -7); /* a negative cost without capacity changes nothing */
	solve_ok(&g, 0, 2, 3, 30);
	assert_int_equal(mcf_flow(&g, 0), 0);
	assert_int_equal(mcf_flow(&g, 3), 0);
	mcf_release(&g);
}

/* Two equally cheap ways, room for one unit: the answer is one of them, the
 * same one every time. */
static void test_ties_deterministic(void **state)
{
	int64_t first[4];
	for (int run = 0; run < 3; run++) {
		struct mcf g;
		assert_int_equal(mcf_init(&g, 5, 0), 0);
		mcf_add_arc(&g, 0, 1, 1, 1);
		mcf_add_arc(&g, 0, 2, 1, 1);
		mcf_add_arc(&g, 1, 3, 1, 0);
		mcf_add_arc(&g, 2, 3, 1, 0);
		mcf_add_arc(&g, 3, 4, 1, 0);
		solve_ok(&g, 0, 4, 1, 1);
		assert_int_equal(mcf_flow(&g, 0) + mcf_flow(&g, 1), 1);
		for (int e = 0; e < 4; e++) {
			if (run == 0)
				first[e] = mcf_flow(&g, (size_t)e);
			assert_int_equal(mcf_flow(&g, (size_t)e), first[e]);
		}
		mcf_release(&g);
	}
}

/* The cheapest path (s-a-b-t, 3) has to be undone for the second unit:
 * the maximum flow of 2 goes s-a-t and s-b-t at 12. */
static void test_max_flow_before_cost(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 4, 0), 0); /* s=0 a=1 b=2 t=3 */
	mcf_add_arc(&g, 0, 1, 1, 1);
	mcf_add_arc(&g, 1, 2, 1, 1);
	mcf_add_arc(&g, 2, 3, 1, 1);
	mcf_add_arc(&g, 0, 2, 1, 5);
	mcf_add_arc(&g, 1, 3, 1, 5);
	solve_ok(&g, 0, 3, 2, 12);
	assert_int_equal(mcf_flow(&g, 1), 0);
	mcf_release(&g);
}

static void test_negative_costs(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	mcf_add_arc(&g, 0, 1, 2, -5);
	mcf_add_arc(&g, 1, 2, 2, 1);
	mcf_add_arc(&g, 0, 2, 1, 0);
	solve_ok(&g, 0, 2, 3, -8);
	mcf_release(&g);

	assert_int_equal(mcf_init(&g, 4, 0), 0);
	mcf_add_arc(&g, 0, 3, 1, 0);
	mcf_add_arc(&g, 1, 2, 1, -2);
	mcf_add_arc(&g, 2, 1, 1, 1);
	assert_int_equal(mcf_solve(&g, 0, 3, NULL), MCF_ERR_NEGCYCLE);
	assert_int_equal(mcf_flow(&g, 0), 0);
	mcf_release(&g);
}

static void test_errors_and_bounds(void **state)
{
	struct mcf g;
	assert_int_equal(mcf_init(&g, 1, 0), MCF_ERR_ARG);
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	assert_int_equal(mcf_add_arc(&g, 0, 3, 1, 0), MCF_ERR_ARG);
	assert_int_equal(mcf_add_arc(&g, -1, 1, 1, 0), MCF_ERR_ARG);
	assert_int_equal(mcf_add_arc(&g, 0, 1, -1, 0), MCF_ERR_RANGE);
	assert_int_equal(mcf_add_arc(&g, 0, 1, MCF_CAP_MAX + 1, 0), MCF_ERR_RANGE);
	assert_int_equal(mcf_add_arc(&g, 0, 1, 1, MCF_COST_MAX + 1), MCF_ERR_RANGE);
	assert_int_equal(mcf_add_arc(&g, 0, 1, 1, -MCF_COST_MAX - 1), MCF_ERR_RANGE);
	assert_int_equal(mcf_solve(&g, 1, 1, NULL), MCF_ERR_ARG);
	mcf_release(&g);

	/* Unbounded arcs all the way. */
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	mcf_add_arc(&g, 0, 1, MCF_INF, 1);
	mcf_add_arc(&g, 1, 2, MCF_INF, 1);
	assert_int_equal(mcf_solve(&g, 0, 2, NULL), MCF_ERR_UNBOUNDED);
	assert_int_equal(mcf_add_arc(&g, 0, 2, 1, 0), MCF_ERR_ARG); /* after solving */
	mcf_release(&g);

	/* One finite arc bounds it; an unbounded arc carries what it gets. */
	assert_int_equal(mcf_init(&g, 3, 0), 0);
	mcf_add_arc(&g, 0, 1, MCF_INF, 2);
	mcf_add_arc(&g, 1, 2, 40, 1);
	solve_ok(&g, 0, 2, 40, 120);
	mcf_release(&g);

	/* The total cost must fit: 2^50 units at 2^40 each do not. */
	assert_int_equal(mcf_init(&g, 2, 0), 0);
	mcf_add_arc(&g, 0, 1, MCF_CAP_MAX, MCF_COST_MAX);
	assert_int_equal(mcf_solve(&g, 0, 1, NULL), MCF_ERR_RANGE);
	mcf_release(&g);

	/* The largest bounds that do fit. */
	assert_int_equal(mcf_init(&g, 2, 0), 0);
	mcf_add_arc(&g, 0, 1, (int64_t)1 << 22, MCF_COST_MAX);
	solve_ok(&g, 0, 1, (int64_t)1 << 22, (int64_t)1 << 62);
	mcf_release(&g);
	assert_string_equal(mcf_strerror(MCF_ERR_NEGCYCLE), "het netwerk heeft een kringloop met negatieve kosten");
}

/* ---- glpsol ------------------------------------------------------------ */

static unsigned long long rng;
static unsigned long long rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}
static int64_t between(int64_t lo, int64_t hi) { return lo + (int64_t)(rnd() % (unsigned long long)(hi - lo + 1)); }

static char dir[64];

static int setup_dir(void **state)
{
	snprintf(dir, sizeof(dir), "/tmp/samen-mcf-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	return 0;
}

static int teardown_dir(void **state)
{
	char path[128];
	const char *names[] = { "p.lp", "p.sol", "p.log", NULL };
	for (int i = 0; names[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
	return 0;
}

/* A whole integer token (optionally signed); fails on anything else. */
static long long int_token(const char *tok)
{
	char *end;
	long long v = strtoll(tok, &end, 10);
	if (end == tok || *end)
		fail_msg("glpsol printed '%s' where an integer was expected", tok);
	return v;
}

/* Runs glpsol on dir/p.lp; returns the objective and the columns' values
 * (ncols of them, in order of first appearance in the LP). */
static long long glpsol(long long *cols, size_t ncols)
{
	char cmd[512], path[128], line[512];
	snprintf(cmd, sizeof(cmd), "glpsol --lp %s/p.lp --exact -w %s/p.sol > %s/p.log 2>&1", dir, dir, dir);
	int rc = system(cmd);
	if (rc != 0)
		fail_msg("glpsol failed (%d); is glpk-utils installed? (scripts/deps.sh check) — see %s/p.log", rc, dir);
	snprintf(path, sizeof(path), "%s/p.sol", dir);
	FILE *f = fopen(path, "r");
	assert_non_null(f);
	long long obj = 0;
	int have = 0;
	size_t seen = 0;
	while (fgets(line, sizeof(line), f)) {
		char *tok[8];
		int n = 0;
		for (char *p = line; n < 8;) {
			while (*p == ' ' || *p == '\n')
				*p++ = '\0';
			if (!*p)
				break;
			tok[n++] = p;
			while (*p && *p != ' ' && *p != '\n')
				p++;
		}
		if (n >= 7 && !strcmp(tok[0], "s") && !strcmp(tok[1], "bas")) {
			if (strcmp(tok[4], "f") || strcmp(tok[5], "f"))
				fail_msg("glpsol found no feasible optimum (%s %s)", tok[4], tok[5]);
			obj = int_token(tok[6]);
			have = 1;
		} else if (n >= 4 && !strcmp(tok[0], "j")) {
			long long j = int_token(tok[1]);
			assert_true(j >= 1 && (size_t)j <= ncols);
			cols[j - 1] = int_token(tok[3]);
			seen++;
		}
	}
	fclose(f);
	assert_true(have);
	assert_int_equal(seen, ncols);
	return obj;
}

static FILE *lp_open(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/p.lp", dir);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	return f;
}

/* ---- random flows against glpsol ----------------------------------- */

struct arc {
	int32_t from, to;
	int64_t cap, cost;
};

static void test_mcf_random_vs_glpsol(void **state)
{
	rng = 0x5eed0001ULL;
	for (int inst = 0; inst < MCF_RANDOM; inst++) {
		int dag = inst % 4 == 3; /* negative costs, but no cycles */
		int32_t n = (int32_t)between(3, 12), s = 0, t = n - 1;
		size_t m = (size_t)between(2, 36);
		struct arc a[36];
		for (size_t e = 0; e < m; e++) {
			int32_t u = (int32_t)between(0, n - 1), v = (int32_t)between(0, n - 2);
			if (v >= u)
				v++;
			if (dag && u > v) {
				int32_t x = u;
				u = v;
				v = x;
			}
			a[e] = (struct arc){ u, v, between(0, 3) == 0 ? 0 : between(1, 20), between(dag ? -9 : 0, 15) };
			if (e > 0 && between(0, 5) == 0) /* a parallel arc */
				a[e].from = a[e - 1].from, a[e].to = a[e - 1].to;
		}
		struct mcf g;
		assert_int_equal(mcf_init(&g, n, m), 0);
		for (size_t e = 0; e < m; e++)
			assert_int_equal(mcf_add_arc(&g, a[e].from, a[e].to, a[e].cap, a[e].cost), (long long)e);
		struct mcf_stats st;
		assert_int_equal(mcf_solve(&g, s, t, &st), 0);

		/* Our flow is a flow: within capacities, conserved. */
		int64_t bal[12] = { 0 }, cost = 0;
		for (size_t e = 0; e < m; e++) {
			int64_t f = mcf_flow(&g, e);
			assert_true(f >= 0 && f <= a[e].cap);
			bal[a[e].from] -= f;
			bal[a[e].to] += f;
			cost += f * a[e].cost;
		}
		for (int32_t v = 1; v < n - 1; v++)
			assert_int_equal(bal[v], 0);
		assert_int_equal(bal[t], st.value);
		assert_int_equal(cost, st.cost);

		/* The same instance for glpsol: maximise B·value − cost. */
		long long B = 1;
		for (size_t e = 0; e < m; e++)
			B += a[e].cap * (a[e].cost < 0 ? -a[e].cost : a[e].cost);
		FILE *f = lp_open();
		fprintf(f, "\\ mcf instance %d\nMaximize\n obj:", inst);
		for (size_t e = 0; e < m; e++) {
			long long c = -a[e].cost + (a[e].from == s ? B : 0) - (a[e].to == s ? B : 0);
			fprintf(f, " %+lld x%zu", c, e);
		}
		fprintf(f, "\nSubject To\n");
		for (int32_t v = 0; v < n; v++) {
			if (v == s || v == t)
				continue;
			int any = 0;
			for (size_t e = 0; e < m; e++) {
				if (a[e].to == v || a[e].from == v) {
					if (!any)
						fprintf(f, " k%d:", v);
					fprintf(f, " %s x%zu", a[e].to == v ? "+" : "-", e);
					any = 1;
				}
			}
			if (any)
				fprintf(f, " = 0\n");
		}
		fprintf(f, " dummy: x0 >= 0\nBounds\n");
		for (size_t e = 0; e < m; e++)
			fprintf(f, " 0 <= x%zu <= %lld\n", e, (long long)a[e].cap);
		fprintf(f, "End\n");
		fclose(f);
		long long cols[36];
		long long obj = glpsol(cols, m);
		if (obj != B * st.value - st.cost)
			fail_msg("mcf instance %d: glpsol %lld, samen %lld (value %lld, cost %lld)", inst, obj,
				 B * st.value - st.cost, (long long)st.value, (long long)st.cost);
		int64_t gv = 0, gc = 0;
		for (size_t e = 0; e < m; e++) {
			gc += cols[e] * a[e].cost;
			gv += (a[e].from == s ? cols[e] : 0) - (a[e].to == s ? cols[e] : 0);
		}
		assert_int_equal(gv, st.value);
		assert_int_equal(gc, st.cost);
		mcf_release(&g);
	}
}

/* ---- hand-made matchings ------------------------------------------- */

/* A small builder: orgs, people with skills, opdrachten with principals,
 * needs. */
struct inst {
	struct matching_org orgs[8];
	struct matching_person people[24];
	struct matching_skill skills[80];
	struct matching_opdracht opdrachten[8];
	struct matching_principal principals[24];
	struct matching_need needs[16];
	struct matching_input in;
};

static void inst_init(struct inst *x, int ncompetences)
{
	memset(x, 0, sizeof(*x));
	x->in.orgs = x->orgs;
	x->in.people = x->people;
	x->in.skills = x->skills;
	x->in.opdrachten = x->opdrachten;
	x->in.principals = x->principals;
	x->in.needs = x->needs;
	x->in.ncompetences = ncompetences;
}

static int32_t org(struct inst *x, int64_t saldo, int64_t available)
{
	x->orgs[x->in.norgs] = (struct matching_org){ saldo, available };
	return (int32_t)x->in.norgs++;
}

/* skills: pairs (competence, level), ended by -1. */
static int32_t person(struct inst *x, int32_t o, int64_t minutes, ...)
{
	va_list ap;
	va_start(ap, minutes);
	struct matching_person *p = &x->people[x->in.npeople];
	*p = (struct matching_person){ o, minutes, x->in.nskills, 0 };
	for (int c; (c = va_arg(ap, int)) >= 0;) {
		x->skills[x->in.nskills++] = (struct matching_skill){ c, va_arg(ap, int) };
		p->nskills++;
	}
	va_end(ap);
	return (int32_t)x->in.npeople++;
}

/* principals: pairs (org, weight), ended by -1. */
static int32_t opdracht(struct inst *x, ...)
{
	va_list ap;
	va_start(ap, x);
	struct matching_opdracht *o = &x->opdrachten[x->in.nopdrachten];
	*o = (struct matching_opdracht){ x->in.nprincipals, 0 };
	for (int g; (g = va_arg(ap, int)) >= 0;) {
		x->principals[x->in.nprincipals++] = (struct matching_principal){ g, va_arg(ap, int) };
		o->nprincipals++;
	}
	va_end(ap);
	return (int32_t)x->in.nopdrachten++;
}

static int32_t need(struct inst *x, int32_t o, int32_t competence, int32_t level, int64_t minutes)
{
	x->needs[x->in.nneeds] = (struct matching_need){ o, competence, level, minutes };
	return (int32_t)x->in.nneeds++;
}

static void solve_match(struct inst *x, struct matching_result *r)
{
	char err[256] = "";
	if (matching_solve(&x->in, r, err, sizeof(err)) < 0)
		fail_msg("matching_solve: %s", err);
}

/* Minutes person p got on need n in r. */
static int64_t got(const struct matching_result *r, int32_t p, int32_t n)
{
	int64_t m = 0;
	for (size_t k = 0; k < r->nassignments; k++)
		if (r->assignments[k].person == p && r->assignments[k].need == n)
			m += r->assignments[k].minutes;
	return m;
}

static void test_match_exact_level_first(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t a = org(&x, 0, 1000), b = org(&x, 0, 1000), r = org(&x, 0, 1000);
	int32_t expert = person(&x, a, 60, 0, 3, -1), ervaren = person(&x, b, 60, 0, 2, -1);
	int32_t n = need(&x, opdracht(&x, r, 1, -1), 0, 2, 60);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, ervaren, n), 60);
	assert_int_equal(got(&res, expert, n), 0);
	assert_int_equal(res.overqualified, 0);
	assert_int_equal(res.nranks, 1);
	assert_int_equal(res.level_weight, 1);
	matching_result_release(&res);
}

static void test_match_lowest_saldo_first(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t rich = org(&x, 900, 1000), poor = org(&x, -300, 1000), r = org(&x, 0, 1000);
	int32_t p1 = person(&x, rich, 60, 0, 1, -1), p2 = person(&x, poor, 60, 0, 1, -1);
	int32_t n = need(&x, opdracht(&x, r, 1, -1), 0, 1, 60);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, p2, n), 60);
	assert_int_equal(got(&res, p1, n), 0);
	assert_int_equal(res.rank[poor], 0);
	assert_int_equal(res.rank[r], 1);
	assert_int_equal(res.rank[rich], 2);
	matching_result_release(&res);
}

/* Level outweighs saldo: an exact match of the richest organisation beats
 * an expert of the poorest, however many minutes. */
static void test_match_level_outweighs_saldo(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t rich = org(&x, 5000, 100000), poor = org(&x, -5000, 100000), mid = org(&x, 0, 100000);
	int32_t exact = person(&x, rich, 6000, 0, 2, -1), expert = person(&x, poor, 6000, 0, 3, -1);
	int32_t n = need(&x, opdracht(&x, mid, 1, -1), 0, 2, 6000);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, exact, n), 6000);
	assert_int_equal(got(&res, expert, n), 0);
	assert_int_equal(res.level_weight, 2 * 6000 + 1); /* (K − 1)·U + 1 */
	assert_int_equal(res.cost, 6000 * 2);             /* rank 2 */
	matching_result_release(&res);
}

/* Offered capacity (matching.h "Offers") goes before a lower saldo, but
 * not before the level: ranks run over 2K classes, G = (2K − 1)·U + 1. */
static void test_match_offer_preferred(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t rich = org(&x, 900, 1000), poor = org(&x, -300, 1000), r = org(&x, 0, 1000);
	int32_t offered = person(&x, rich, 60, 0, 1, -1), p2 = person(&x, poor, 60, 0, 1, -1);
	x.people[offered].offered = 1;
	int32_t n = need(&x, opdracht(&x, r, 1, -1), 0, 1, 60);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, offered, n), 60);
	assert_int_equal(got(&res, p2, n), 0);
	assert_int_equal(res.offer_step, 3);
	assert_int_equal(res.level_weight, 5 * 60 + 1);
	assert_int_equal(res.cost, 60 * 2); /* rich's rank, not raised: offered */
	assert_int_equal(res.rank_minutes, 120);
	assert_int_equal(res.offered, 60);
	matching_result_release(&res);

	inst_init(&x, 1);
	rich = org(&x, 900, 1000), poor = org(&x, -300, 1000), r = org(&x, 0, 1000);
	int32_t exact = person(&x, rich, 60, 0, 2, -1), expert = person(&x, poor, 60, 0, 3, -1);
	x.people[expert].offered = 1;
	n = need(&x, opdracht(&x, r, 1, -1), 0, 2, 60);
	solve_match(&x, &res);
	assert_int_equal(got(&res, exact, n), 60);
	assert_int_equal(got(&res, expert, n), 0);
	assert_int_equal(res.overqualified, 0);
	assert_int_equal(res.cost, 60 * (2 + 3)); /* rich's rank + K: not offered */
	assert_int_equal(res.offered, 0);
	matching_result_release(&res);
	(void)state;
}

/* Coverage outweighs level: the expert must take the expert need, even
 * though putting the expert on the basis need and the basis person nowhere
 * would be cheaper per minute. */
static void test_match_coverage_first(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t poor = org(&x, -10, 1000), rich = org(&x, 10, 1000), r = org(&x, 0, 1000);
	int32_t expert = person(&x, poor, 60, 0, 3, -1), basis = person(&x, rich, 60, 0, 1, -1);
	int32_t o = opdracht(&x, r, 1, -1);
	int32_t nb = need(&x, o, 0, 1, 60), ne = need(&x, o, 0, 3, 60);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(res.flow, 120);
	assert_int_equal(got(&res, expert, ne), 60);
	assert_int_equal(got(&res, basis, nb), 60);
	matching_result_release(&res);
}

/* A lokaal principal with 30 minutes of rights: 30 foreign minutes, its
 * own staff without limit, the rest uncovered. Negative rights are none. */
static void test_match_drawing_rights(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t r = org(&x, 0, 30), s = org(&x, -50, 1000), q = org(&x, 0, -50);
	int32_t own = person(&x, r, 40, 0, 1, -1), other = person(&x, s, 500, 0, 1, -1);
	int32_t n = need(&x, opdracht(&x, r, 1, -1), 0, 1, 100);
	int32_t nq = need(&x, opdracht(&x, q, 1, -1), 0, 1, 100);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, own, n), 40);
	assert_int_equal(got(&res, other, n), 30);
	assert_int_equal(res.covered[n], 70);
	assert_int_equal(res.covered[nq], 0);
	assert_int_equal(res.committed[r], 30);
	assert_int_equal(res.committed[q], 0);
	assert_int_equal(res.foreign_cap[nq], 0);
	matching_result_release(&res);
}

/* Rights that the first opdracht did not need go to the second. */
static void test_match_rights_reallotted(void **state)
{
	struct inst x;
	inst_init(&x, 2);
	int32_t r = org(&x, -10, 60), s = org(&x, 10, 1000);
	int32_t own = person(&x, r, 60, 0, 1, -1), other = person(&x, s, 120, 0, 1, 1, 1, -1);
	int32_t n1 = need(&x, opdracht(&x, r, 1, -1), 0, 1, 60);
	int32_t n2 = need(&x, opdracht(&x, r, 1, -1), 1, 1, 60);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(got(&res, own, n1), 60);
	assert_int_equal(got(&res, other, n2), 60);
	assert_int_equal(res.assigned, 120);
	assert_int_equal(res.rounds, 2);
	assert_int_equal(res.committed[r], 60);
	matching_result_release(&res);
}

/* Per-assignment rounding on an opdracht of two: each one-minute inzet
 * commits its minute to the first principal, which has one minute of
 * rights; the second assignment is taken off. */
static void test_match_rounding_trimmed(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t b = org(&x, 0, 1), a = org(&x, 0, 100), d = org(&x, 0, 0);
	person(&x, d, 1, 0, 1, -1);
	person(&x, d, 1, 0, 1, -1);
	person(&x, d, 1, 0, 1, -1);
	int32_t n = need(&x, opdracht(&x, b, 1, a, 1, -1), 0, 1, 3);
	struct matching_result res;
	solve_match(&x, &res);
	assert_int_equal(res.foreign_cap[n], 2); /* ⌈2·1/2⌉ = 1 fits b's minute */
	assert_int_equal(res.flow, 2);
	assert_int_equal(res.trimmed, 1);
	assert_int_equal(res.assigned, 1);
	assert_int_equal(res.committed[b], 1);
	matching_result_release(&res);
}

static void test_match_bad_input(void **state)
{
	struct inst x;
	inst_init(&x, 1);
	int32_t r = org(&x, 0, 10);
	person(&x, r, 10, 0, 4, -1);
	need(&x, opdracht(&x, r, 1, -1), 0, 1, 10);
	struct matching_result res;
	char err[256];
	assert_int_equal(matching_solve(&x.in, &res, err, sizeof(err)), -1);
	assert_string_equal(err, "Medewerker 0: competentie of niveau buiten bereik.");
	x.skills[0].level = 3;
	x.principals[0].weight = 0;
	assert_int_equal(matching_solve(&x.in, &res, err, sizeof(err)), -1);
	assert_string_equal(err, "Opdracht 0: opdrachtgever of aandeel buiten bereik.");
}

/* ---- random matchings against glpsol --------------------------------- */

/* The lowest level ≥ l at which person p holds competence c, or 0. */
static int32_t qualifies(const struct matching_input *in, int32_t p, int32_t c, int32_t l)
{
	int32_t best = 0;
	const struct matching_person *x = &in->people[p];
	for (size_t k = 0; k < x->nskills; k++) {
		const struct matching_skill *s = &in->skills[x->first_skill + k];
		if (s->competence == c && s->level >= l && (!best || s->level < best))
			best = s->level;
	}
	return best;
}

static void random_instance(struct inst *x)
{
	int ncomp = (int)between(1, 3);
	inst_init(x, ncomp);
	int norgs = (int)between(2, 5);
	for (int i = 0; i < norgs; i++)
		org(x, between(-3, 3) * 100, between(0, 5) == 0 ? between(-100, 0) : between(0, 400));
	int np = (int)between(2, 12);
	for (int p = 0; p < np; p++) {
		struct matching_person *q = &x->people[x->in.npeople++];
		*q = (struct matching_person){ (int32_t)between(0, norgs - 1), between(0, 5) == 0 ? 0 : between(1, 300),
					       x->in.nskills, 0 };
		int k = (int)between(1, ncomp);
		int first = (int)between(0, ncomp - 1);
		for (int j = 0; j < k; j++) {
			x->skills[x->in.nskills++] = (struct matching_skill){ (first + j) % ncomp, (int32_t)between(1, 3) };
			q->nskills++;
		}
	}
	int no = (int)between(1, 5);
	for (int j = 0; j < no; j++) {
		struct matching_opdracht *o = &x->opdrachten[x->in.nopdrachten];
		*o = (struct matching_opdracht){ x->in.nprincipals, 0 };
		int k = between(0, 2) ? 1 : (int)between(2, norgs < 3 ? norgs : 3);
		int first = (int)between(0, norgs - 1);
		for (int i = 0; i < k; i++) {
			x->principals[x->in.nprincipals++] = (struct matching_principal){ (first + i) % norgs, between(1, 5) };
			o->nprincipals++;
		}
		int nn = (int)between(1, ncomp < 2 ? 1 : 2), c0 = (int)between(0, ncomp - 1);
		for (int i = 0; i < nn; i++)
			need(x, (int32_t)x->in.nopdrachten, (c0 + i) % ncomp, (int32_t)between(1, 3), between(0, 400));
		x->in.nopdrachten++;
	}
}

/* Checks a proposal against the rules, from scratch. */
static void check_proposal(const struct matching_input *in, const struct matching_result *r, int inst)
{
	int64_t used[24] = { 0 }, covered[16] = { 0 }, foreign[16] = { 0 }, committed[8] = { 0 }, total = 0;
	for (size_t k = 0; k < r->nassignments; k++) {
		const struct matching_assignment *a = &r->assignments[k];
		const struct matching_need *n = &in->needs[a->need];
		assert_true(a->minutes > 0);
		int32_t lvl = qualifies(in, a->person, n->competence, n->level);
		if (!lvl || lvl != a->level)
			fail_msg("instance %d: person %d does not qualify for need %d at level %d", inst, a->person, a->need,
				 a->level);
		used[a->person] += a->minutes;
		covered[a->need] += a->minutes;
		total += a->minutes;
		if (matching_is_foreign(in, a->person, a->need))
			foreign[a->need] += a->minutes;
		const struct matching_opdracht *o = &in->opdrachten[n->opdracht];
		int32_t orgs[8];
		int64_t w[8], share[8];
		for (size_t i = 0; i < o->nprincipals; i++) {
			orgs[i] = in->principals[o->first_principal + i].org;
			w[i] = in->principals[o->first_principal + i].weight;
		}
		assert_int_equal(ledger_commitments(in->people[a->person].org, a->minutes, orgs, w, o->nprincipals, share), 0);
		for (size_t i = 0; i < o->nprincipals; i++)
			committed[orgs[i]] += share[i];
	}
	for (size_t p = 0; p < in->npeople; p++)
		assert_true(used[p] <= in->people[p].minutes);
	for (size_t n = 0; n < in->nneeds; n++) {
		assert_true(covered[n] <= in->needs[n].minutes);
		assert_int_equal(covered[n], r->covered[n]);
		assert_true(foreign[n] <= r->foreign_cap[n]);
	}
	for (size_t i = 0; i < in->norgs; i++) {
		int64_t rights = in->orgs[i].available > 0 ? in->orgs[i].available : 0;
		if (committed[i] > rights)
			fail_msg("instance %d: organisation %zu commits %lld of %lld minutes", inst, i, (long long)committed[i],
				 (long long)rights);
		assert_int_equal(committed[i], r->committed[i]);
	}
	assert_int_equal(total, r->assigned);
	assert_int_equal(r->assigned, r->flow - r->trimmed);
}

static void test_matching_random_vs_glpsol(void **state)
{
	rng = 0x5eed0002ULL;
	int trimmed = 0, multi = 0, capped = 0, again = 0;
	for (int inst = 0; inst < MATCH_RANDOM; inst++) {
		struct inst x;
		random_instance(&x);
		const struct matching_input *in = &x.in;
		struct matching_result r;
		solve_match(&x, &r);
		check_proposal(in, &r, inst);
		trimmed += r.trimmed > 0;
		again += r.rounds > 1;
		multi += in->nprincipals > in->nopdrachten;

		/* The definitions, recomputed: ranks, U, G. */
		int64_t rank[8], K = 0, supply = 0, needed = 0;
		for (size_t i = 0; i < in->norgs; i++) {
			rank[i] = 0;
			int distinct_below = 0;
			for (size_t j = 0; j < in->norgs; j++) {
				int earlier = 0;
				for (size_t k = 0; k < j; k++)
					earlier |= in->orgs[k].saldo == in->orgs[j].saldo;
				if (!earlier && in->orgs[j].saldo < in->orgs[i].saldo)
					distinct_below++;
			}
			rank[i] = distinct_below;
			if (rank[i] + 1 > K)
				K = rank[i] + 1;
			assert_int_equal(rank[i], r.rank[i]);
		}
		for (size_t p = 0; p < in->npeople; p++)
			supply += in->people[p].minutes;
		for (size_t n = 0; n < in->nneeds; n++)
			needed += in->needs[n].minutes;
		int64_t U = supply < needed ? supply : needed, G = (K - 1) * U + 1;
		assert_int_equal(G, r.level_weight);
		int64_t B = U * (2 * G + K - 1) + 1;

		/* The bipartite LP. */
		struct pair {
			int32_t p, n;
			int64_t cost;
		} pairs[24 * 16];
		size_t np = 0;
		for (size_t n = 0; n < in->nneeds; n++)
			for (size_t p = 0; p < in->npeople; p++) {
				int32_t lvl = qualifies(in, (int32_t)p, in->needs[n].competence, in->needs[n].level);
				if (lvl)
					pairs[np++] = (struct pair){ (int32_t)p, (int32_t)n,
								     G * (lvl - in->needs[n].level) + rank[in->people[p].org] };
			}
		for (size_t n = 0; n < in->nneeds; n++)
			capped += r.foreign_cap[n] < in->needs[n].minutes;
		if (!np) {
			assert_int_equal(r.flow, 0);
			matching_result_release(&r);
			continue;
		}
		FILE *f = lp_open();
		fprintf(f, "\\ matching instance %d\nMaximize\n obj:", inst);
		for (size_t k = 0; k < np; k++)
			fprintf(f, " %+lld x%zu", (long long)(B - pairs[k].cost), k);
		fprintf(f, "\nSubject To\n");
		for (size_t p = 0; p < in->npeople; p++) {
			int any = 0;
			for (size_t k = 0; k < np; k++)
				if (pairs[k].p == (int32_t)p) {
					if (!any)
						fprintf(f, " p%zu:", p);
					fprintf(f, " + x%zu", k);
					any = 1;
				}
			if (any)
				fprintf(f, " <= %lld\n", (long long)in->people[p].minutes);
		}
		for (size_t n = 0; n < in->nneeds; n++) {
			int any = 0, anyf = 0;
			for (size_t k = 0; k < np; k++)
				if (pairs[k].n == (int32_t)n) {
					if (!any)
						fprintf(f, " n%zu:", n);
					fprintf(f, " + x%zu", k);
					any = 1;
				}
			if (any)
				fprintf(f, " <= %lld\n", (long long)in->needs[n].minutes);
			for (size_t k = 0; k < np; k++)
				if (pairs[k].n == (int32_t)n && matching_is_foreign(in, pairs[k].p, pairs[k].n)) {
					if (!anyf)
						fprintf(f, " f%zu:", n);
					fprintf(f, " + x%zu", k);
					anyf = 1;
				}
			if (anyf)
				fprintf(f, " <= %lld\n", (long long)r.foreign_cap[n]);
		}
		fprintf(f, "End\n");
		fclose(f);
		long long cols[24 * 16];
		long long obj = glpsol(cols, np);
		long long ours = B * r.flow - r.cost;
		if (obj != ours)
			fail_msg("matching instance %d: glpsol %lld, samen %lld (flow %lld, cost %lld)", inst, obj, ours,
				 (long long)r.flow, (long long)r.cost);
		int64_t gf = 0, gc = 0;
		for (size_t k = 0; k < np; k++) {
			assert_true(cols[k] >= 0);
			gf += cols[k];
			gc += cols[k] * pairs[k].cost;
		}
		assert_int_equal(gf, r.flow);
		assert_int_equal(gc, r.cost);
		matching_result_release(&r);
	}
	/* The instances exercised what they should. */
	print_message("%d matchings equal to glpsol; %d with opdrachten of several principals, %d solved again with "
		      "re-allotted rights, %d trimmed, %d capped needs\n",
		      MATCH_RANDOM, multi, again, trimmed, capped);
	assert_true(multi > MATCH_RANDOM / 4);
	assert_true(capped > MATCH_RANDOM / 4);
	assert_true(again > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_path),
		cmocka_unit_test(test_parallel_arcs),
		cmocka_unit_test(test_zero_capacity),
		cmocka_unit_test(test_ties_deterministic),
		cmocka_unit_test(test_max_flow_before_cost),
		cmocka_unit_test(test_negative_costs),
		cmocka_unit_test(test_errors_and_bounds),
		cmocka_unit_test(test_match_exact_level_first),
		cmocka_unit_test(test_match_lowest_saldo_first),
		cmocka_unit_test(test_match_level_outweighs_saldo),
		cmocka_unit_test(test_match_offer_preferred),
		cmocka_unit_test(test_match_coverage_first),
		cmocka_unit_test(test_match_drawing_rights),
		cmocka_unit_test(test_match_rights_reallotted),
		cmocka_unit_test(test_match_rounding_trimmed),
		cmocka_unit_test(test_match_bad_input),
		cmocka_unit_test_setup_teardown(test_mcf_random_vs_glpsol, setup_dir, teardown_dir),
		cmocka_unit_test_setup_teardown(test_matching_random_vs_glpsol, setup_dir, teardown_dir),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
