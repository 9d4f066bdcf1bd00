/* Durations: "7:30", "7,5" and "450" into minutes, and minutes as hours. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/duration.h"

static int64_t hours(const char *s)
{
	int64_t m = -777;
	char err[160] = "";
	if (duration_parse_hours(s, &m, err, sizeof(err)) < 0) {
		assert_int_equal(m, -777); /* a refusal leaves the output alone */
		assert_true(err[0]);
		return -1;
	}
	return m;
}

static int64_t minutes(const char *s)
{
	int64_t m = -777;
	char err[160] = "";
	if (duration_parse_minutes(s, &m, err, sizeof(err)) < 0) {
		assert_int_equal(m, -777);
		assert_true(err[0]);
		return -1;
	}
	return m;
}

static int64_t form(const char *s)
{
	int64_t m = -777;
	char err[200] = "";
	if (duration_parse(s, &m, err, sizeof(err)) < 0) {
		assert_true(err[0]);
		return -1;
	}
	return m;
}

static void test_decimal_hours(void **state)
{
	assert_int_equal(hours("7,5"), 450);
	assert_int_equal(hours("7.5"), 450);
	assert_int_equal(hours("7"), 420);
	assert_int_equal(hours(" 0,25 "), 15);
	assert_int_equal(hours(",5"), 30);
	assert_int_equal(hours("1,05"), 63);
	assert_int_equal(hours("0,0166667"), -1); /* too many decimals to be exact */
	assert_int_equal(hours("7,33"), -1);      /* 439,8 minutes: refused, not rounded */
	assert_int_equal(hours("7,1"), 426);
	assert_int_equal(hours("24"), 1440);
	assert_int_equal(hours(""), -1);
	assert_int_equal(hours(","), -1);
	assert_int_equal(hours("-1"), -1);
	assert_int_equal(hours("7,5 uur"), -1);
	assert_int_equal(hours("1e3"), -1);
	assert_int_equal(hours("99999999999999999999"), -1);
}

static void test_clock(void **state)
{
	assert_int_equal(hours("7:30"), 450);
	assert_int_equal(hours("0:05"), 5);
	assert_int_equal(hours("12:00"), 720);
	assert_int_equal(hours("7:60"), -1);
	assert_int_equal(hours("7:5"), -1);
	assert_int_equal(hours(":30"), -1);
	assert_int_equal(hours("7:30:00"), -1);
}

static void test_whole_minutes(void **state)
{
	assert_int_equal(minutes("450"), 450);
	assert_int_equal(minutes(" 1 "), 1);
	assert_int_equal(minutes("0"), 0);
	assert_int_equal(minutes("7,5"), -1);
	assert_int_equal(minutes("-5"), -1);
	assert_int_equal(minutes("12a"), -1);
	assert_int_equal(minutes("2000000000"), -1);
}

static void test_form_field(void **state)
{
	/* A whole number is minutes; a comma or colon makes it hours. */
	assert_int_equal(form("450"), 450);
	assert_int_equal(form("7:30"), 450);
	assert_int_equal(form("7,5"), 450);
	assert_int_equal(form("zeven"), -1);
	assert_int_equal(form(""), -1);
	char err[200];
	int64_t m;
	assert_int_equal(duration_parse("7,33", &m, err, sizeof(err)), -1);
	assert_non_null(strstr(err, "heel aantal minuten"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_decimal_hours),
		cmocka_unit_test(test_clock),
		cmocka_unit_test(test_whole_minutes),
		cmocka_unit_test(test_form_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
