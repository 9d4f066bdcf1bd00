/* businesscase.h — the arithmetic of a business case per traject:
 * investments, yearly costs and savings per partner over a period,
 * shared posts divided by an allocation key, per-partner net result, net
 * present value, payback year and the verdict (DSZ's ICT case: about
 * €200.000 a year extra for Dalfsen over three years did not pay back, so
 * there was no ICT pool). Pure integer arithmetic in euro cents; no
 * allocation, no I/O.
 *
 * Rules (documented in the API too):
 *  - net of a year = besparing − kosten − investering.
 *  - A shared post (org -1) is divided over all partners by its key:
 *    gelijk (equal), inwoners (inhabitants) or gebruik (usage weights),
 *    with largest-remainder rounding, so the parts add up to the post to
 *    the cent; equal remainders go to the partner listed first.
 *  - Net present value (ncw): year 1 counts at face value, an amount of
 *    year y is discounted y − 1 times by the factor 1000 / (1000 +
 *    discount per mille), rounding half away from zero to whole cents
 *    after each step; ncw is the sum of those discounted yearly nets.
 *  - Payback year (terugverdienjaar): the first year whose cumulative
 *    (undiscounted) net is ≥ 0; 0 when there is none within the period.
 *  - A partner pays back when it has a payback year and its ncw is ≥ 0;
 *    the case pays back (verdient-zich-terug) only when every partner
 *    does: a partner that loses money will not join. */
#ifndef SAMEN_CORE_BUSINESSCASE_H
#define SAMEN_CORE_BUSINESSCASE_H
#include <stddef.h>

#define BC_MAX_YEARS 30
#define BC_MAX_ORGS 64
#define BC_MAX_POSTS 2000
#define BC_MAX_CENTS 1000000000000LL /* €10 miljard per post */
#define BC_MAX_PERMILLE 1000

enum bc_kind { BC_INVESTERING, BC_KOSTEN, BC_BESPARING };
extern const char *const bc_kind_names[]; /* "investering", "kosten", "besparing", NULL */
enum bc_key { BC_KEY_GELIJK, BC_KEY_INWONERS, BC_KEY_GEBRUIK };
extern const char *const bc_key_names[]; /* "gelijk", "inwoners", "gebruik", NULL */

struct bc_post {
	int org; /* partner index, or -1 for a shared post */
	enum bc_kind kind;
	int year;        /* 1..years */
	long long cents; /* 0..BC_MAX_CENTS */
	enum bc_key key; /* shared posts only */
};

struct bc_partner {
	long long inwoners; /* -1 when unknown */
	long long gebruik;  /* usage weight, ≥ 0 */
};

struct bc_input {
	int years;    /* 1..BC_MAX_YEARS */
	int permille; /* discount rate per mille per year, 0..BC_MAX_PERMILLE */
	int n_partners;
	const struct bc_partner *partners;
	int n_posts;
	const struct bc_post *posts;
};

struct bc_year {
	long long investering, kosten, besparing;
	long long net, cumulative, present; /* present: net discounted to year 1 */
};

struct bc_result {
	long long investering, kosten, besparing; /* totals over the period */
	long long net, npv;
	int payback_year; /* 0: none within the period */
	int pays_back;
	struct bc_year years[BC_MAX_YEARS]; /* [0] is year 1 */
};

/* Computes per partner (per_partner has n_partners entries) and the total
 * of all partners. Returns 1 when the case pays back, 0 when it does not,
 * -1 when the input is out of range (why says what, in Dutch). */
int bc_evaluate(const struct bc_input *in, struct bc_result *per_partner, struct bc_result *total, char *why, size_t whylen);

/* Divides cents (≥ 0) over n weights (each ≥ 0, sum > 0) by largest
 * remainder; out[i] add up to cents. -1 when the weights sum to 0. */
int bc_allocate(long long cents, const long long *weights, int n, long long *out);
/* cents discounted `steps` times by 1000/(1000+permille), rounding half
 * away from zero after each step. */
long long bc_discount(long long cents, int permille, int steps);

#endif
