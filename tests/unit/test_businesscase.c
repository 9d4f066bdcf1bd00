/* Business cases in cents: largest-remainder allocation, discounting with
 * rounding per year step, payback year (null when never), the verdict per
 * partner and for the case, and DSZ's ICT case of May 2012. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/businesscase.h"

static void test_allocate(void **state)
{
	long long out[4];
	long long eq[] = { 1, 1, 1 };
	assert_int_equal(bc_allocate(100, eq, 3, out), 0);
	assert_int_equal(out[0], 34); /* equal remainders: the first listed */
	assert_int_equal(out[1], 33);
	assert_int_equal(out[2], 33);
	/* DSZ inhabitants: 12 000 000 cents by 28000 / 16300 / 22300. */
	long long inw[] = { 28000, 16300, 22300 };
	assert_int_equal(bc_allocate(12000000, inw, 3, out), 0);
	assert_int_equal(out[0], 5045045);
	assert_int_equal(out[1], 2936937); /* remainder .94 gets the left-over cent */
	assert_int_equal(out[2], 4018018);
	assert_int_equal(out[0] + out[1] + out[2], 12000000);
	/* A zero weight gets nothing, also no left-over cent. */
	long long z[] = { 0, 1, 1 };
	assert_int_equal(bc_allocate(5, z, 3, out), 0);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 3);
	assert_int_equal(out[2], 2);
	long long none[] = { 0, 0 };
	assert_int_equal(bc_allocate(5, none, 2, out), -1);
	/* No overflow: €10 billion over inhabitant counts. */
	long long big[] = { 100000000, 99999999, 1 };
	assert_int_equal(bc_allocate(BC_MAX_CENTS, big, 3, out), 0);
	assert_int_equal(out[0] + out[1] + out[2], BC_MAX_CENTS);
	assert_true(out[0] > out[1] && out[2] >= 0);
	assert_int_equal(bc_allocate(0, eq, 3, out), 0);
	assert_int_equal(out[0], 0);
}

static void test_discount(void **state)
{
	assert_int_equal(bc_discount(1000, 30, 0), 1000);
	assert_int_equal(bc_discount(1000, 30, 1), 971);   /* 970,87 */
	assert_int_equal(bc_discount(1000, 30, 2), 943);   /* 971 → 942,72: rounded per step */
	assert_int_equal(bc_discount(-1000, 30, 1), -971); /* symmetric */
	assert_int_equal(bc_discount(5, 1000, 1), 3);      /* 2,5: half away from zero */
	assert_int_equal(bc_discount(-5, 1000, 1), -3);
	assert_int_equal(bc_discount(7, 0, 5), 7);
	/* Large amounts over many years stay exact integers. */
	assert_int_equal(bc_discount(BC_MAX_CENTS, 0, BC_MAX_YEARS), BC_MAX_CENTS);
	assert_true(bc_discount(BC_MAX_CENTS, 1000, 30) >= 0);
}

/* One partner: an investment in year 1, savings after. */
static void test_payback_and_npv(void **state)
{
	struct bc_partner one = { 1000, 0 };
	struct bc_post posts[] = {
		{ 0, BC_INVESTERING, 1, 100000, BC_KEY_GELIJK }, { 0, BC_BESPARING, 1, 30000, BC_KEY_GELIJK },
		{ 0, BC_BESPARING, 2, 40000, BC_KEY_GELIJK },    { 0, BC_BESPARING, 3, 40000, BC_KEY_GELIJK },
		{ 0, BC_KOSTEN, 3, 5000, BC_KEY_GELIJK },
	};
	struct bc_input in = { 3, 0, 1, &one, 5, posts };
	struct bc_result r, total;
	char why[200];
	assert_int_equal(bc_evaluate(&in, &r, &total, why, sizeof(why)), 1);
	assert_int_equal(r.years[0].net, -70000);
	assert_int_equal(r.years[1].cumulative, -30000);
	assert_int_equal(r.years[2].net, 35000);
	assert_int_equal(r.years[2].cumulative, 5000);
	assert_int_equal(r.payback_year, 3);
	assert_int_equal(r.net, 5000);
	assert_int_equal(r.npv, 5000); /* no discount */
	assert_int_equal(r.investering, 100000);
	assert_int_equal(r.kosten, 5000);
	assert_int_equal(r.besparing, 110000);
	/* At 30 per mille: −70000 + 40000/1,03 + 35000/1,03² with rounding per step. */
	in.permille = 30;
	assert_int_equal(bc_evaluate(&in, &r, &total, why, sizeof(why)), 1);
	assert_int_equal(r.years[0].present, -70000);
	assert_int_equal(r.years[1].present, 38835); /* 38834,95 */
	assert_int_equal(r.years[2].present, 32991); /* 35000 → 33980,58 → 33981 → 32991,26 */
	assert_int_equal(r.npv, 1826);
	assert_int_equal(r.net, 5000); /* the nominal figures do not change */
	/* Nominally back in year 3 but worth less than it cost: no payback. */
	struct bc_post late[] = { { 0, BC_INVESTERING, 1, 1000, BC_KEY_GELIJK }, { 0, BC_BESPARING, 3, 1000, BC_KEY_GELIJK } };
	struct bc_input in2 = { 3, 100, 1, &one, 2, late };
	assert_int_equal(bc_evaluate(&in2, &r, &total, why, sizeof(why)), 0);
	assert_int_equal(r.payback_year, 3);
	assert_int_equal(r.npv, -1000 + 826); /* 1000 → 909,09 → 909 → 826,36 */
	assert_false(r.pays_back);
}

static void test_never_pays_back(void **state)
{
	struct bc_partner one = { -1, 0 };
	struct bc_post posts[] = { { 0, BC_KOSTEN, 1, 100, BC_KEY_GELIJK }, { 0, BC_BESPARING, 2, 50, BC_KEY_GELIJK } };
	struct bc_input in = { 2, 0, 1, &one, 2, posts };
	struct bc_result r, total;
	char why[200];
	assert_int_equal(bc_evaluate(&in, &r, &total, why, sizeof(why)), 0);
	assert_int_equal(r.payback_year, 0); /* null in the API */
	assert_int_equal(r.net, -50);
	/* Only savings: back in year 1. And nothing at all counts as ≥ 0. */
	struct bc_post gain[] = { { 0, BC_BESPARING, 1, 1, BC_KEY_GELIJK } };
	struct bc_input in2 = { 2, 0, 1, &one, 1, gain };
	assert_int_equal(bc_evaluate(&in2, &r, &total, why, sizeof(why)), 1);
	assert_int_equal(r.payback_year, 1);
	struct bc_input empty = { 2, 0, 1, &one, 0, NULL };
	assert_int_equal(bc_evaluate(&empty, &r, &total, why, sizeof(why)), 1);
	assert_int_equal(r.payback_year, 1);
	/* First year ≥ 0, later below: the payback year is the first, the
	 * verdict follows the whole period. */
	struct bc_post dip[] = { { 0, BC_BESPARING, 1, 10, BC_KEY_GELIJK }, { 0, BC_KOSTEN, 2, 30, BC_KEY_GELIJK } };
	struct bc_input in3 = { 2, 0, 1, &one, 2, dip };
	assert_int_equal(bc_evaluate(&in3, &r, &total, why, sizeof(why)), 0);
	assert_int_equal(r.payback_year, 1);
	assert_int_equal(r.net, -20);
}

/* DSZ's ICT business plan (May 2012), as demo/besturing.json holds it:
 * three years, a shared investment (equal) and pool management
 * (inhabitants), Dalfsen's extra running costs. Dalfsen pays ruim
 * €200.000 a year extra, and three years are too short for anyone to
 * earn the investment back: the case does not pay back. */
static int dsz_posts(struct bc_post *posts, int years, long long dalfsen_kosten, long long dalfsen_besparing)
{
	int n = 0;
	posts[n++] = (struct bc_post){ -1, BC_INVESTERING, 1, 15000000, BC_KEY_GELIJK };
	for (int y = 1; y <= years; y++) {
		posts[n++] = (struct bc_post){ -1, BC_KOSTEN, y, 12000000, BC_KEY_INWONERS };
		posts[n++] = (struct bc_post){ 0, BC_KOSTEN, y, dalfsen_kosten, BC_KEY_GELIJK };
		posts[n++] = (struct bc_post){ 0, BC_BESPARING, y, dalfsen_besparing, BC_KEY_GELIJK };
		posts[n++] = (struct bc_post){ 1, BC_BESPARING, y, 4000000, BC_KEY_GELIJK };
		posts[n++] = (struct bc_post){ 2, BC_BESPARING, y, 5500000, BC_KEY_GELIJK };
	}
	return n;
}

static void test_dsz_ict(void **state)
{
	struct bc_partner dsz[] = { { 28000, 0 }, { 16300, 0 }, { 22300, 0 } }; /* Dalfsen, Staphorst, Zwartewaterland */
	struct bc_post posts[1 + 5 * 5];
	int n = dsz_posts(posts, 3, 17800000, 4000000);
	struct bc_input in = { 3, 0, 3, dsz, n, posts };
	struct bc_result r[3], total;
	char why[200];
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), 0);
	/* Dalfsen: −50.000 − 50.450,45 − 178.000 + 40.000 in year 1, then without the investment. */
	assert_int_equal(r[0].years[0].net, -23845045);
	assert_int_equal(r[0].years[1].net, -18845045);
	assert_int_equal(r[0].years[2].net, -18845045);
	assert_int_equal(r[0].net, -61535135); /* −€ 615.351,35: ruim € 200.000 a year, ruim € 600.000 in all */
	assert_true(r[0].net / 3 < -20000000);
	assert_int_equal(r[0].payback_year, 0);
	assert_false(r[0].pays_back);
	/* Staphorst and Zwartewaterland gain each year after the first, but
	 * not enough within three years. */
	assert_int_equal(r[1].years[0].net, -3936937);
	assert_int_equal(r[1].years[1].net, 1063063);
	assert_int_equal(r[1].net, -1810811);
	assert_int_equal(r[1].payback_year, 0);
	assert_int_equal(r[2].years[0].net, -3518018);
	assert_int_equal(r[2].net, -554054);
	assert_int_equal(r[2].payback_year, 0);
	/* The total adds up to the cent. */
	assert_int_equal(total.net, r[0].net + r[1].net + r[2].net);
	assert_int_equal(total.net, -63900000);
	assert_int_equal(total.investering, 15000000);
	assert_int_equal(total.kosten, 3 * 12000000 + 3 * 17800000);
	assert_int_equal(total.besparing, 3 * (4000000 + 4000000 + 5500000));
	assert_int_equal(total.payback_year, 0);

	/* Over five years Zwartewaterland would be back in year 4 and
	 * Staphorst in year 5, but Dalfsen never: still no. */
	n = dsz_posts(posts, 5, 17800000, 4000000);
	struct bc_input five = { 5, 0, 3, dsz, n, posts };
	assert_int_equal(bc_evaluate(&five, r, &total, why, sizeof(why)), 0);
	assert_int_equal(r[0].payback_year, 0);
	assert_int_equal(r[1].payback_year, 5);
	assert_int_equal(r[2].payback_year, 4);
	/* Had Dalfsen saved € 100.000 a year instead of paying extra, every
	 * partner would earn it back within five years. */
	n = dsz_posts(posts, 5, 0, 10000000);
	five.n_posts = n;
	assert_int_equal(bc_evaluate(&five, r, &total, why, sizeof(why)), 1);
	assert_int_equal(r[0].years[0].net, -45045);
	assert_int_equal(r[0].payback_year, 2);
}

static void test_keys_and_errors(void **state)
{
	struct bc_partner two[] = { { 100, 3 }, { -1, 1 } };
	struct bc_post use[] = { { -1, BC_KOSTEN, 1, 400, BC_KEY_GEBRUIK } };
	struct bc_input in = { 1, 0, 2, two, 1, use };
	struct bc_result r[2], total;
	char why[200];
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), 0);
	assert_int_equal(r[0].kosten, 300);
	assert_int_equal(r[1].kosten, 100);
	/* inhabitants unknown for partner 2 */
	struct bc_post inw[] = { { -1, BC_KOSTEN, 1, 400, BC_KEY_INWONERS } };
	in.posts = inw;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "inwoners"));
	/* usage all zero */
	struct bc_partner zero[] = { { 1, 0 }, { 1, 0 } };
	in.partners = zero;
	in.posts = use;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	assert_non_null(strstr(why, "gebruik"));
	/* year outside the period, negative amount, bad period or rate */
	in.partners = two;
	struct bc_post y2[] = { { 0, BC_KOSTEN, 2, 1, BC_KEY_GELIJK } };
	in.posts = y2;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	struct bc_post neg[] = { { 0, BC_KOSTEN, 1, -1, BC_KEY_GELIJK } };
	in.posts = neg;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	in.posts = use;
	in.years = 0;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	in.years = BC_MAX_YEARS + 1;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	in.years = 1;
	in.permille = BC_MAX_PERMILLE + 1;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	in.permille = 0;
	in.n_partners = 0;
	assert_int_equal(bc_evaluate(&in, r, &total, why, sizeof(why)), -1);
	assert_string_equal(bc_kind_names[BC_BESPARING], "besparing");
	assert_string_equal(bc_key_names[BC_KEY_INWONERS], "inwoners");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocate),        cmocka_unit_test(test_discount), cmocka_unit_test(test_payback_and_npv),
		cmocka_unit_test(test_never_pays_back), cmocka_unit_test(test_dsz_ict),  cmocka_unit_test(test_keys_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
