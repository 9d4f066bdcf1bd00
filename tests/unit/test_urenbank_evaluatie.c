/* The evaluation's arithmetic (src/core/urenbank_evaluatie.h) on cases
 * worked by hand: a corrected entry, a settled period, a deposit, merged
 * opdrachten and lead times. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/urenbank_evaluatie.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* Staff of A work 600 minutes on B's local opdracht in two approved entries
 * (480 and 120); the 120 is corrected; a 60-minute entry is rejected; B
 * deposits money for 300 minutes; then the period is settled. The journal
 * summed per kind of transaction and posting, as the store does: */
static void test_period_with_correction_deposit_and_settlement(void **state)
{
	(void)state;
	struct urenbank_evaluatie_lid a, b;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	urenbank_evaluatie_post(&a, "uren", "gebracht", 600);
	urenbank_evaluatie_post(&b, "uren", "gehaald", -600);
	urenbank_evaluatie_post(&a, "correctie", "gebracht", -120);
	urenbank_evaluatie_post(&b, "correctie", "gehaald", 120);
	urenbank_evaluatie_post(&b, "storting", "gestort", 300);
	/* The settlement takes A's saldo of +480 and B's −480 + 300 back to zero. */
	urenbank_evaluatie_post(&a, "afrekening", "gebracht", -480);
	urenbank_evaluatie_post(&b, "afrekening", "gehaald", 480);
	urenbank_evaluatie_post(&b, "afrekening", "gestort", -300);
	assert_int_equal(a.gebracht, 480);
	assert_int_equal(a.gehaald, 0);
	assert_int_equal(b.gebracht, 0);
	assert_int_equal(b.gehaald, 480);
	/* The entries by status: the corrected one is not worked. */
	urenbank_evaluatie_uren(&a, "goedgekeurd", 1, 480);
	urenbank_evaluatie_uren(&a, "gecorrigeerd", 1, 120);
	urenbank_evaluatie_uren(&a, "afgekeurd", 1, 60);
	urenbank_evaluatie_uren(&a, "ingediend", 2, 90);
	assert_int_equal(a.gewerkt, 480);
	assert_int_equal(a.gecorrigeerd, 1);
	assert_int_equal(a.gecorrigeerd_minuten, 120);
	assert_int_equal(a.afgekeurd, 1);
	assert_int_equal(a.afgekeurd_minuten, 60);
	/* All A worked crossed the border: 480 of 480. */
	assert_int_equal(urenbank_evaluatie_promille(a.gebracht, a.gewerkt), 1000);
}

static void test_promille(void **state)
{
	(void)state;
	assert_int_equal(urenbank_evaluatie_promille(1, 3), 333);
	assert_int_equal(urenbank_evaluatie_promille(2, 3), 667);
	assert_int_equal(urenbank_evaluatie_promille(1, 2), 500);
	assert_int_equal(urenbank_evaluatie_promille(0, 5), 0);
	assert_int_equal(urenbank_evaluatie_promille(1, 2000), 1); /* 0,5 ‰ rounds up */
	assert_int_equal(urenbank_evaluatie_promille(1, 2001), 0);
	assert_int_equal(urenbank_evaluatie_promille(4200, 3000), 1400);
	assert_int_equal(urenbank_evaluatie_promille(5, 0), -1);
	assert_int_equal(urenbank_evaluatie_promille(-1, 5), -1);
	/* A year of a national network in minutes does not overflow. */
	assert_int_equal(urenbank_evaluatie_promille(600000000000LL, 1200000000000LL), 500);
}

static void test_lead_times(void **state)
{
	(void)state;
	/* 0, 0, 5, 12 days: median (0 + 5) / 2 rounded down = 2, maximum 12. */
	struct urenbank_evaluatie_duur d[] = { { 5, 1 }, { 12, 1 }, { 0, 2 } };
	struct urenbank_evaluatie_looptijd t;
	urenbank_evaluatie_looptijd(d, N(d), &t);
	assert_int_equal(t.aantal, 4);
	assert_int_equal(t.mediaan, 2);
	assert_int_equal(t.maximum, 12);
	/* Three of 3 days and one of 40: the median is 3, not the mean 12. */
	struct urenbank_evaluatie_duur e[] = { { 40, 1 }, { 3, 3 } };
	urenbank_evaluatie_looptijd(e, N(e), &t);
	assert_int_equal(t.aantal, 4);
	assert_int_equal(t.mediaan, 3);
	assert_int_equal(t.maximum, 40);
	/* Nothing measured: no median. */
	urenbank_evaluatie_looptijd(NULL, 0, &t);
	assert_int_equal(t.aantal, 0);
}

/* Papendrecht's and Sliedrecht's economic visions were each estimated at
 * 3000 minutes; 960 were worked on the originals and 4200 on the merged
 * one: merging saved 6000 − 5160 = 840. Jeugdzorg of five principals used
 * 1000 minutes, the regional programme of six 600: done alone, each
 * principal would have spent as much, 1000·4 + 600·5 = 7000 more. The
 * merged opdracht (two principals) is not counted twice. */
static void test_potential_with_merged_opdrachten(void **state)
{
	(void)state;
	long long winst = 6000 - (960 + 4200);
	assert_int_equal(winst, 840);
	struct urenbank_evaluatie_gedeeld g[] = { { 1000, 5, 0 }, { 600, 6, 0 }, { 4200, 2, 1 }, { 300, 1, 0 } };
	struct urenbank_evaluatie_potentieel pot;
	urenbank_evaluatie_potentieel(winst, g, N(g), &pot);
	assert_int_equal(pot.ondergrens, 840);
	assert_int_equal(pot.bovengrens, 7840);
	/* Merging that cost more than estimated lowers both bounds. */
	urenbank_evaluatie_potentieel(-200, g, N(g), &pot);
	assert_int_equal(pot.ondergrens, -200);
	assert_int_equal(pot.bovengrens, 6800);
}

static void test_age_classes(void **state)
{
	(void)state;
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(-3), 0);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(0), 0);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(30), 0);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(31), 1);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(91), 1);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(92), 2);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(182), 2);
	assert_int_equal(urenbank_evaluatie_leeftijdsklasse(183), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_period_with_correction_deposit_and_settlement),
		cmocka_unit_test(test_promille),
		cmocka_unit_test(test_lead_times),
		cmocka_unit_test(test_potential_with_merged_opdrachten),
		cmocka_unit_test(test_age_classes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
