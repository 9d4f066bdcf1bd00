/* The accounting rules of the hours exchange (src/core/ledger.h) with exact
 * numbers: splits by largest remainder, deposits, money, drawing rights,
 * postings, reversal and settlement. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/ledger.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void check_split(int64_t total, const int64_t *w, size_t n, const int64_t *want)
{
	int64_t got[16];
	assert_int_equal(ledger_split(total, w, n, got), 0);
	int64_t sum = 0;
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(got[i], want[i]);
		sum += got[i];
	}
	assert_int_equal(sum, total);
}

static void test_split_even_and_ties(void **state)
{
	/* 100 over three equal weights: 33 each, remainders tie, the first wins. */
	check_split(100, (int64_t[]){ 1, 1, 1 }, 3, (int64_t[]){ 34, 33, 33 });
	check_split(390, (int64_t[]){ 1, 1 }, 2, (int64_t[]){ 195, 195 });
	check_split(391, (int64_t[]){ 1, 1 }, 2, (int64_t[]){ 196, 195 });
	check_split(7, (int64_t[]){ 1, 1, 1, 1 }, 4, (int64_t[]){ 2, 2, 2, 1 });
	check_split(2, (int64_t[]){ 5, 5, 5 }, 3, (int64_t[]){ 1, 1, 0 });
	check_split(0, (int64_t[]){ 1, 2 }, 2, (int64_t[]){ 0, 0 });
	check_split(1, (int64_t[]){ 1 }, 1, (int64_t[]){ 1 });
}

static void test_split_largest_remainder(void **state)
{
	/* W = 6: 1000·1 = 166 r 4, 1000·2 = 333 r 2, 1000·3 = 500 r 0; the one
	 * left goes to the largest remainder (index 0), not the largest weight. */
	check_split(1000, (int64_t[]){ 1, 2, 3 }, 3, (int64_t[]){ 167, 333, 500 });
	/* Remainders 1·10 mod 7 = 3, 2·10 mod 7 = 6, 4·10 mod 7 = 5: floors 1+2+5 = 8,
	 * two left, for indices 1 and 2. */
	check_split(10, (int64_t[]){ 1, 2, 4 }, 3, (int64_t[]){ 1, 3, 6 });
	/* A zero weight gets nothing, even with minutes left over. */
	check_split(10, (int64_t[]){ 0, 1 }, 2, (int64_t[]){ 0, 10 });
	check_split(5, (int64_t[]){ 0, 1, 1 }, 3, (int64_t[]){ 0, 3, 2 });
}

static void test_split_drechtsteden_by_inhabitants(void **state)
{
	/* The regional work programme of 6000 minutes shared by inhabitants:
	 * Alblasserdam, Dordrecht, H.-I.-Ambacht, Papendrecht, Sliedrecht,
	 * Zwijndrecht (W = 268 500). Floors 437+2654+648+715+549+994 = 5997;
	 * remainders 265500, 201000, 12000, 22500, 193500, 111000: the three
	 * left go to Alblasserdam, Dordrecht and Sliedrecht. */
	int64_t w[] = { 19600, 118800, 29000, 32000, 24600, 44500 };
	check_split(6000, w, N(w), (int64_t[]){ 438, 2655, 648, 715, 550, 994 });
}

static void test_split_bounds(void **state)
{
	int64_t out[3] = { 7, 7, 7 };
	assert_int_equal(ledger_split(-1, (int64_t[]){ 1, 1 }, 2, out), -1);
	assert_int_equal(ledger_split(10, (int64_t[]){ 0, 0 }, 2, out), -1);
	assert_int_equal(ledger_split(10, (int64_t[]){ -1, 2 }, 2, out), -1);
	assert_int_equal(ledger_split(10, (int64_t[]){ 1 }, 0, out), -1);
	assert_int_equal(ledger_split(LEDGER_MAX_SPLIT + 1, (int64_t[]){ 1 }, 1, out), -1);
	assert_int_equal(ledger_split(10, (int64_t[]){ LEDGER_MAX_SPLIT + 1 }, 1, out), -1);
	assert_int_equal(out[0], 7); /* refused input leaves the output alone */
	/* The largest allowed total and weights do not overflow. */
	int64_t big[2];
	assert_int_equal(ledger_split(LEDGER_MAX_SPLIT, (int64_t[]){ LEDGER_MAX_SPLIT, LEDGER_MAX_SPLIT - 1 }, 2, big), 0);
	assert_int_equal(big[0] + big[1], LEDGER_MAX_SPLIT);
	/* floors 2^30 and 2^30 − 1; the larger remainder is the second's */
	assert_int_equal(big[0], (int64_t)1 << 30);
	assert_int_equal(big[1], (int64_t)1 << 30);
}

static void test_split_exact_for_many_totals(void **state)
{
	/* Property: for every total the shares add up and each is floor or ceil of its quota. */
	int64_t w[] = { 3, 7, 11, 13, 1 };
	int64_t W = 35, s[N(w)];
	for (int64_t t = 0; t <= 2000; t++) {
		assert_int_equal(ledger_split(t, w, N(w), s), 0);
		int64_t sum = 0;
		for (size_t i = 0; i < N(w); i++) {
			int64_t fl = t * w[i] / W;
			assert_true(s[i] == fl || s[i] == fl + 1);
			sum += s[i];
		}
		assert_int_equal(sum, t);
	}
}

static void test_deposit_conversion(void **state)
{
	struct ledger_deposit d;
	/* docs/api.md's example: 100000 cents at 6500 cents/hour. 6 000 000 / 6500 = 923
	 * minutes; they are worth 99 991,67 cents, so 99 992 cents buy them and
	 * 8 cents stay money. */
	assert_int_equal(ledger_deposit(100000, 6500, &d), 0);
	assert_int_equal(d.minutes, 923);
	assert_int_equal(d.converted_cents, 99992);
	assert_int_equal(d.rest_cents, 8);
	/* Exactly one hour. */
	assert_int_equal(ledger_deposit(6500, 6500, &d), 0);
	assert_int_equal(d.minutes, 60);
	assert_int_equal(d.rest_cents, 0);
	/* One cent buys nothing and stays money. */
	assert_int_equal(ledger_deposit(1, 6500, &d), 0);
	assert_int_equal(d.minutes, 0);
	assert_int_equal(d.rest_cents, 1);
	assert_int_equal(d.converted_cents, 0);
	/* 109 cents buy one minute (worth 108,33): no rest, the fraction is not credited. */
	assert_int_equal(ledger_deposit(109, 6500, &d), 0);
	assert_int_equal(d.minutes, 1);
	assert_int_equal(d.rest_cents, 0);
	/* At 100 cents a minute the rest is plain: 12345 cents = 123 minutes and 45 cents. */
	assert_int_equal(ledger_deposit(12345, 6000, &d), 0);
	assert_int_equal(d.minutes, 123);
	assert_int_equal(d.rest_cents, 45);
	assert_int_equal(d.converted_cents, 12300);
	/* Never credited more than paid, for a range of amounts. */
	for (int64_t c = 1; c < 20000; c += 7) {
		assert_int_equal(ledger_deposit(c, 6500, &d), 0);
		assert_true(d.minutes * 6500 <= (c - d.rest_cents) * 60);        /* value ≤ money converted */
		assert_true((d.minutes + 1) * 6500 > c * 60);                    /* one more minute not paid */
		assert_true(d.rest_cents >= 0 && d.rest_cents * 60 < 6500 + 60); /* rest below one minute's worth */
	}
	assert_int_equal(ledger_deposit(0, 6500, &d), -1);
	assert_int_equal(ledger_deposit(-5, 6500, &d), -1);
	assert_int_equal(ledger_deposit(100, 0, &d), -1);
	assert_int_equal(ledger_deposit(LEDGER_MAX_CENTS + 1, 6500, &d), -1);
	assert_int_equal(ledger_deposit(LEDGER_MAX_CENTS, LEDGER_MAX_RATE, &d), 0);
	assert_int_equal(d.minutes, LEDGER_MAX_CENTS * 60 / LEDGER_MAX_RATE);

	struct ledger_posting t[2];
	assert_int_equal(ledger_deposit(100000, 6500, &d), 0);
	assert_int_equal(ledger_deposit_postings(3, &d, t), 2);
	assert_int_equal(t[0].member, 3);
	assert_int_equal(t[0].kind, LEDGER_DEPOSITED);
	assert_int_equal(t[0].minutes, 923);
	assert_int_equal(t[1].member, LEDGER_POT);
	assert_int_equal(t[1].minutes, -923);
	assert_true(ledger_balanced(t, 2));
	assert_int_equal(ledger_deposit(1, 6500, &d), 0);
	assert_int_equal(ledger_deposit_postings(3, &d, t), 0); /* nothing to post */
}

static void test_money_rounding(void **state)
{
	assert_int_equal(ledger_money(390, 6500), 42250); /* exact */
	assert_int_equal(ledger_money(1, 6500), 108);     /* 108,33 */
	assert_int_equal(ledger_money(2, 6500), 217);     /* 216,67 */
	assert_int_equal(ledger_money(-1, 6500), -108);
	assert_int_equal(ledger_money(-2, 6500), -217);
	assert_int_equal(ledger_money(1, 6030), 101); /* 100,5: half away from zero */
	assert_int_equal(ledger_money(-1, 6030), -101);
	assert_int_equal(ledger_money(0, 6500), 0);
	for (int64_t m = -500; m <= 500; m++)
		assert_int_equal(ledger_money(-m, 6500), -ledger_money(m, 6500));
	assert_int_equal(ledger_money(1, 0), 0);
}

static void test_drawing_rights(void **state)
{
	struct ledger_balance b = { 0 };
	int64_t short_by = -1;
	assert_int_equal(ledger_available(&b, 2400), 2400);
	assert_true(ledger_can_draw(&b, 2400, 2400, &short_by));
	assert_int_equal(short_by, 0);
	assert_false(ledger_can_draw(&b, 2400, 2401, &short_by));
	assert_int_equal(short_by, 1);
	b.committed = 1200;
	assert_false(ledger_can_draw(&b, 2400, 1500, &short_by));
	assert_int_equal(short_by, 300);
	b = (struct ledger_balance){ .brought = 390, .taken = 1000, .deposited = 923, .committed = 100 };
	assert_int_equal(ledger_saldo(&b), 313);
	assert_int_equal(ledger_available(&b, 2400), 2613);
	assert_true(ledger_can_draw(&b, 0, 213, NULL));
	assert_false(ledger_can_draw(&b, 0, 214, &short_by));
	assert_int_equal(short_by, 1);
}

static void test_hours_postings(void **state)
{
	struct ledger_posting t[8];
	int64_t shares[4];
	/* Own local assignment: nothing moves, but the share is reported. */
	assert_int_equal(ledger_hours(0, 390, (int32_t[]){ 0 }, (int64_t[]){ 1 }, 1, t, shares), 0);
	assert_int_equal(shares[0], 390);
	/* Staff of 1 on 0's local assignment. */
	assert_int_equal(ledger_hours(1, 390, (int32_t[]){ 0 }, (int64_t[]){ 1 }, 1, t, NULL), 2);
	assert_int_equal(t[0].member, 1);
	assert_int_equal(t[0].kind, LEDGER_BROUGHT);
	assert_int_equal(t[0].minutes, 390);
	assert_int_equal(t[1].member, 0);
	assert_int_equal(t[1].kind, LEDGER_TAKEN);
	assert_int_equal(t[1].minutes, -390);
	/* Staff of 2 on a shared assignment of 0 and 1: 391 = 196 + 195. */
	assert_int_equal(ledger_hours(2, 391, (int32_t[]){ 0, 1 }, (int64_t[]){ 1, 1 }, 2, t, shares), 3);
	assert_int_equal(t[0].minutes, 391);
	assert_int_equal(t[1].member, 0);
	assert_int_equal(t[1].minutes, -196);
	assert_int_equal(t[2].member, 1);
	assert_int_equal(t[2].minutes, -195);
	assert_true(ledger_balanced(t, 3));
	/* Staff of principal 0 on a shared assignment of 0, 1, 2: its own 34 moves nothing. */
	assert_int_equal(ledger_hours(0, 100, (int32_t[]){ 0, 1, 2 }, (int64_t[]){ 1, 1, 1 }, 3, t, shares), 3);
	assert_int_equal(shares[0], 34);
	assert_int_equal(t[0].member, 0);
	assert_int_equal(t[0].minutes, 66);
	assert_int_equal(t[1].minutes, -33);
	assert_int_equal(t[2].minutes, -33);
	/* A principal with a zero share gets no posting. */
	assert_int_equal(ledger_hours(2, 1, (int32_t[]){ 0, 1 }, (int64_t[]){ 1, 1 }, 2, t, shares), 2);
	assert_int_equal(t[1].member, 0);
	assert_int_equal(shares[1], 0);
	/* Invalid: a principal twice, a negative member or minutes. */
	assert_int_equal(ledger_hours(2, 10, (int32_t[]){ 0, 0 }, (int64_t[]){ 1, 1 }, 2, t, NULL), -1);
	assert_int_equal(ledger_hours(-1, 10, (int32_t[]){ 0 }, (int64_t[]){ 1 }, 1, t, NULL), -1);
	assert_int_equal(ledger_hours(1, -10, (int32_t[]){ 0 }, (int64_t[]){ 1 }, 1, t, NULL), -1);

	int64_t commit[3];
	assert_int_equal(ledger_commitments(0, 1200, (int32_t[]){ 0, 1, 2 }, (int64_t[]){ 1, 1, 1 }, 3, commit), 0);
	assert_int_equal(commit[0], 0);
	assert_int_equal(commit[1], 400);
	assert_int_equal(commit[2], 400);
	assert_int_equal(ledger_commitments(3, 1000, (int32_t[]){ 0, 1, 2 }, (int64_t[]){ 1, 2, 3 }, 3, commit), 0);
	assert_int_equal(commit[0], 167);
	assert_int_equal(commit[1], 333);
	assert_int_equal(commit[2], 500);
}

static void test_apply_and_reverse(void **state)
{
	struct ledger_balance b[3] = { 0 };
	struct ledger_posting t[4], r[4];
	int n = ledger_hours(2, 391, (int32_t[]){ 0, 1 }, (int64_t[]){ 1, 1 }, 2, t, NULL);
	assert_int_equal(ledger_apply(b, 3, t, (size_t)n), 0);
	assert_int_equal(b[2].brought, 391);
	assert_int_equal(b[0].taken, 196);
	assert_int_equal(b[1].taken, 195);
	assert_int_equal(ledger_saldo(&b[0]) + ledger_saldo(&b[1]) + ledger_saldo(&b[2]), 0);
	/* The correction reverses: every account back to where it was. */
	ledger_reverse(t, (size_t)n, r);
	assert_true(ledger_balanced(r, (size_t)n));
	assert_int_equal(r[0].minutes, -391);
	assert_int_equal(r[1].minutes, 196);
	assert_int_equal(ledger_apply(b, 3, r, (size_t)n), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(b[i].brought, 0);
		assert_int_equal(b[i].taken, 0);
	}
	/* A posting to a member outside the array changes nothing. */
	struct ledger_posting bad[2] = { { 0, LEDGER_BROUGHT, 5 }, { 3, LEDGER_TAKEN, -5 } };
	assert_int_equal(ledger_apply(b, 3, bad, 2), -1);
	assert_int_equal(b[0].brought, 0);
	struct ledger_posting badpot[1] = { { LEDGER_POT, LEDGER_BROUGHT, 5 } };
	assert_int_equal(ledger_apply(b, 3, badpot, 1), -1);
	assert_false(ledger_balanced(bad, 1));
	assert_true(ledger_balanced(bad, 0));
}

static void test_settlement(void **state)
{
	/* A brings 390 for B; C deposits 100000 cents; C's staff works 101 for
	 * A and B together (51 + 50). */
	struct ledger_balance b[3] = { 0 };
	struct ledger_posting t[16];
	int64_t pot = 0;
	int n = ledger_hours(0, 390, (int32_t[]){ 1 }, (int64_t[]){ 1 }, 1, t, NULL);
	ledger_apply(b, 3, t, (size_t)n);
	struct ledger_deposit d;
	ledger_deposit(100000, 6500, &d);
	size_t k = ledger_deposit_postings(2, &d, t);
	ledger_apply(b, 3, t, k);
	pot += t[1].minutes;
	n = ledger_hours(2, 101, (int32_t[]){ 0, 1 }, (int64_t[]){ 1, 1 }, 2, t, NULL);
	ledger_apply(b, 3, t, (size_t)n);
	assert_int_equal(ledger_saldo(&b[0]), 339);
	assert_int_equal(ledger_saldo(&b[1]), -440);
	assert_int_equal(ledger_saldo(&b[2]), 1024);
	assert_int_equal(ledger_saldo(&b[0]) + ledger_saldo(&b[1]) + ledger_saldo(&b[2]), -pot); /* L2 */

	/* Money at 6500 cents/hour: 339 min = 36725,00; −440 = −47666,67; 1024 = 110933,33. */
	assert_int_equal(ledger_money(ledger_saldo(&b[0]), 6500), 36725);
	assert_int_equal(ledger_money(ledger_saldo(&b[1]), 6500), -47667);
	assert_int_equal(ledger_money(ledger_saldo(&b[2]), 6500), 110933);

	k = ledger_settle(b, 3, t);
	/* A: brought −390, taken +51; B: taken +440; C: brought −101, deposited −923; pot +923. */
	assert_int_equal(k, 6);
	assert_true(ledger_balanced(t, k));
	assert_int_equal(t[5].member, LEDGER_POT);
	assert_int_equal(t[5].minutes, 923);
	pot += t[5].minutes;
	assert_int_equal(ledger_apply(b, 3, t, k), 0);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(b[i].brought, 0);
		assert_int_equal(b[i].taken, 0);
		assert_int_equal(b[i].deposited, 0);
	}
	assert_int_equal(pot, 0); /* L6: the pot is closed too */
	/* Settling zero balances posts nothing. */
	assert_int_equal(ledger_settle(b, 3, t), 0);
}

static void test_kind_names(void **state)
{
	assert_int_equal(ledger_kind_parse("gebracht"), LEDGER_BROUGHT);
	assert_int_equal(ledger_kind_parse("gehaald"), LEDGER_TAKEN);
	assert_int_equal(ledger_kind_parse("gestort"), LEDGER_DEPOSITED);
	assert_int_equal(ledger_kind_parse("pot"), LEDGER_POT_KIND);
	assert_int_equal(ledger_kind_parse("geld"), -1);
	assert_int_equal(ledger_kind_parse(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_even_and_ties),
		cmocka_unit_test(test_split_largest_remainder),
		cmocka_unit_test(test_split_drechtsteden_by_inhabitants),
		cmocka_unit_test(test_split_bounds),
		cmocka_unit_test(test_split_exact_for_many_totals),
		cmocka_unit_test(test_deposit_conversion),
		cmocka_unit_test(test_money_rounding),
		cmocka_unit_test(test_drawing_rights),
		cmocka_unit_test(test_hours_postings),
		cmocka_unit_test(test_apply_and_reverse),
		cmocka_unit_test(test_settlement),
		cmocka_unit_test(test_kind_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
