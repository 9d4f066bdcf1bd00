/* The rules of the reports' advice section (src/core/urenbank_advies.h) on
 * cases worked by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/urenbank_advies.h"

/* The margin is 10 hours, or a tenth of what was taken when more. */
static void test_meer_gehaald(void **state)
{
	(void)state;
	/* Brought more than taken: nothing. */
	assert_int_equal(urenbank_advies_meer_gehaald(6000, 3000), 0);
	/* Took 3000, brought 2000: 1000 more, margin max(600, 300) = 600. */
	assert_int_equal(urenbank_advies_meer_gehaald(2000, 3000), 1000);
	/* Took 3000, brought 2400: 600 more is not more than the margin. */
	assert_int_equal(urenbank_advies_meer_gehaald(2400, 3000), 0);
	assert_int_equal(urenbank_advies_meer_gehaald(2399, 3000), 601);
	/* Took 50000, brought 45500: 4500 more, margin 5000: the normal give and take. */
	assert_int_equal(urenbank_advies_meer_gehaald(45500, 50000), 0);
	/* Took 50000, brought 44000: 6000 more than the margin of 5000. */
	assert_int_equal(urenbank_advies_meer_gehaald(44000, 50000), 6000);
	/* A tenth rounds down: took 12345 → margin 1234; 1235 more counts. */
	assert_int_equal(urenbank_advies_meer_gehaald(11110, 12345), 1235);
	assert_int_equal(urenbank_advies_meer_gehaald(11111, 12345), 0);
	/* Nothing taken, nothing brought. */
	assert_int_equal(urenbank_advies_meer_gehaald(0, 0), 0);
}

static void test_taakstelling(void **state)
{
	(void)state;
	long long y = -1;
	/* 2012, a leap year, measured 1200 minutes: carried as it is. */
	assert_int_equal(urenbank_advies_taakstelling(1200, 366, 2, &y), URENBANK_TAAKSTELLING_GEDRAGEN);
	assert_int_equal(y, 1200);
	/* Measured over 182 days (the first half of 2012): 1000 → 1000 × 365 / 182 = 2005,49 → 2005. */
	assert_int_equal(urenbank_advies_taakstelling(1000, 182, 1, &y), URENBANK_TAAKSTELLING_GEDRAGEN);
	assert_int_equal(y, 2005);
	/* Less than half a year is too short to carry a target. */
	assert_int_equal(urenbank_advies_taakstelling(1000, 181, 1, &y), URENBANK_TAAKSTELLING_TE_KORT);
	assert_int_equal(y, 0);
	/* Merging cost more than it saved, or saved nothing. */
	assert_int_equal(urenbank_advies_taakstelling(-300, 366, 1, &y), URENBANK_TAAKSTELLING_GEEN_WINST);
	assert_int_equal(urenbank_advies_taakstelling(0, 366, 1, &y), URENBANK_TAAKSTELLING_GEEN_WINST);
	/* Without a merged opdracht nothing was measured, whatever the bound says. */
	assert_int_equal(urenbank_advies_taakstelling(5000, 366, 0, &y), URENBANK_TAAKSTELLING_GEEN_METING);
	assert_int_equal(y, 0);
	/* Two years: 4000 over 731 days → 4000 × 365 / 731 = 1997,26 → 1997. */
	assert_int_equal(urenbank_advies_taakstelling(4000, 731, 3, &y), URENBANK_TAAKSTELLING_GEDRAGEN);
	assert_int_equal(y, 1997);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_meer_gehaald),
		cmocka_unit_test(test_taakstelling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
