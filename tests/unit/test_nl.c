/* The Dutch formatter: numbers, euros, dates and hours as every page,
 * report and picture writes them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/nl.h"

#define MINUS "\xe2\x88\x92"

static int32_t day(const char *iso)
{
	int32_t d = DATE_NONE;
	assert_int_equal(date_parse(iso, &d), 0);
	return d;
}

static void test_thousands(void **state)
{
	char t[NL_TEXT_LEN];
	nl_int(0, t, sizeof(t));
	assert_string_equal(t, "0");
	nl_int(999, t, sizeof(t));
	assert_string_equal(t, "999");
	nl_int(1000, t, sizeof(t));
	assert_string_equal(t, "1.000");
	nl_int(1140000, t, sizeof(t));
	assert_string_equal(t, "1.140.000");
	nl_int(-1234, t, sizeof(t));
	assert_string_equal(t, "-1.234"); /* the pages' hyphen, as before */
	nl_int(INT64_MIN, t, sizeof(t));  /* no overflow */
	assert_string_equal(t, "-9.223.372.036.854.775.808");
	nl_int(1234567, t, 4); /* cut short, still a string */
	assert_string_equal(t, "1.2");
}

static void test_cents_to_whole_euros(void **state)
{
	char t[NL_TEXT_LEN];
	nl_euro(20000000, t, sizeof(t));
	assert_string_equal(t, "€ 200.000");
	nl_euro(-61535135, t, sizeof(t));
	assert_string_equal(t, MINUS "€ 615.351");
	nl_euro(0, t, sizeof(t));
	assert_string_equal(t, "€ 0");
	nl_euro(49, t, sizeof(t));
	assert_string_equal(t, "€ 0");
	nl_euro(-49, t, sizeof(t)); /* rounds to zero: no sign */
	assert_string_equal(t, "€ 0");
	nl_euro(50, t, sizeof(t)); /* half away from zero */
	assert_string_equal(t, "€ 1");
	nl_euro(-50, t, sizeof(t));
	assert_string_equal(t, MINUS "€ 1");
	nl_euro(150, t, sizeof(t));
	assert_string_equal(t, "€ 2");
	nl_euro(99999, t, sizeof(t));
	assert_string_equal(t, "€ 1.000");
	nl_euro(123456789012345, t, sizeof(t));
	assert_string_equal(t, "€ 1.234.567.890.123");
	nl_euro(INT64_MIN, t, sizeof(t));
	assert_string_equal(t, MINUS "€ 92.233.720.368.547.758");
}

static void test_dates(void **state)
{
	char t[NL_TEXT_LEN];
	assert_int_equal(nl_date("2012-03-08", t, sizeof(t)), 0);
	assert_string_equal(t, "8 maart 2012");
	assert_int_equal(nl_date("2012-09-24", t, sizeof(t)), 0);
	assert_string_equal(t, "24 september 2012");
	assert_int_equal(nl_date("2012-12-31", t, sizeof(t)), 0);
	assert_string_equal(t, "31 december 2012");
	nl_day(day("2014-01-01"), t, sizeof(t));
	assert_string_equal(t, "1 januari 2014");
	nl_day(DATE_NONE, t, sizeof(t));
	assert_string_equal(t, "");
	/* Not a date: copied as it is, and said so. */
	assert_int_equal(nl_date("gisteren", t, sizeof(t)), -1);
	assert_string_equal(t, "gisteren");
	assert_int_equal(nl_date(NULL, t, sizeof(t)), -1);
	assert_string_equal(t, "");
	assert_int_equal(nl_date("2012-13-01", t, sizeof(t)), -1);
	assert_string_equal(t, "2012-13-01");
}

static void test_leap_days(void **state)
{
	char t[NL_TEXT_LEN];
	assert_int_equal(nl_date("2012-02-29", t, sizeof(t)), 0);
	assert_string_equal(t, "29 februari 2012");
	assert_int_equal(nl_date("2000-02-29", t, sizeof(t)), 0); /* divisible by 400 */
	assert_string_equal(t, "29 februari 2000");
	assert_int_equal(nl_date("2013-02-29", t, sizeof(t)), -1);
	assert_string_equal(t, "2013-02-29");
	assert_int_equal(nl_date("2100-02-29", t, sizeof(t)), -1); /* divisible by 100, not 400 */
	nl_day(day("2012-02-28") + 1, t, sizeof(t));
	assert_string_equal(t, "29 februari 2012");
	nl_day(day("2012-02-28") + 2, t, sizeof(t));
	assert_string_equal(t, "1 maart 2012");
	nl_day_short(day("2016-02-29"), 0, t, sizeof(t));
	assert_string_equal(t, "29 feb");
}

static void test_short_dates(void **state)
{
	char t[NL_TEXT_LEN];
	nl_day_short(day("2012-06-01"), 0, t, sizeof(t));
	assert_string_equal(t, "1 jun");
	nl_day_short(day("2014-01-01"), 1, t, sizeof(t));
	assert_string_equal(t, "1 jan 2014");
	nl_day_short(day("2012-03-31"), 1, t, sizeof(t));
	assert_string_equal(t, "31 mrt 2012");
	nl_day_short(DATE_NONE, 1, t, sizeof(t));
	assert_string_equal(t, "");
	assert_string_equal(nl_month_short(1), "jan");
	assert_string_equal(nl_month_short(10), "okt");
	assert_string_equal(nl_month_short(12), "dec");
	assert_string_equal(nl_month_short(0), "");
	assert_string_equal(nl_month_short(13), "");
}

static void test_hours(void **state)
{
	char t[NL_TEXT_LEN];
	nl_hours(750, 0, t, sizeof(t));
	assert_string_equal(t, "12:30 uur");
	nl_hours(600, 0, t, sizeof(t));
	assert_string_equal(t, "10:00 uur"); /* whole hours keep their minutes */
	nl_hours(5, 0, t, sizeof(t));
	assert_string_equal(t, "0:05 uur");
	nl_hours(1234 * 60 + 5, 0, t, sizeof(t));
	assert_string_equal(t, "1.234:05 uur");
	nl_hours(INT64_MIN, 0, t, sizeof(t)); /* no overflow */
	assert_string_equal(t, MINUS "153.722.867.280.912.930:08 uur");
}

/* What duration_format wrote, now without the unit. */
static void test_hours_bare(void **state)
{
	char s[NL_TEXT_LEN];
	nl_hours(750, NL_HOURS_BARE, s, sizeof(s));
	assert_string_equal(s, "12:30");
	nl_hours(0, NL_HOURS_BARE, s, sizeof(s));
	assert_string_equal(s, "0:00");
	nl_hours(5, NL_HOURS_BARE, s, sizeof(s));
	assert_string_equal(s, "0:05");
	nl_hours(-135, NL_HOURS_BARE, s, sizeof(s));
	assert_string_equal(s, "\xe2\x88\x92"
			       "2:15");
	nl_hours(1234 * 60 + 5, NL_HOURS_BARE, s, sizeof(s));
	assert_string_equal(s, "1.234:05");
	nl_hours(INT64_MIN, NL_HOURS_BARE, s, sizeof(s)); /* no overflow */
	assert_true(s[0] != '\0');
}

static void test_zero_hours(void **state)
{
	char t[NL_TEXT_LEN];
	nl_hours(0, 0, t, sizeof(t));
	assert_string_equal(t, "0:00 uur");
	nl_hours(0, NL_HOURS_PLUS, t, sizeof(t)); /* zero has no sign */
	assert_string_equal(t, "0:00 uur");
	nl_hours(0, NL_HOURS_BARE, t, sizeof(t));
	assert_string_equal(t, "0:00");
}

static void test_negative_hours(void **state)
{
	char t[NL_TEXT_LEN];
	nl_hours(-135, 0, t, sizeof(t));
	assert_string_equal(t, MINUS "2:15 uur");
	nl_hours(-1, 0, t, sizeof(t));
	assert_string_equal(t, MINUS "0:01 uur");
	nl_hours(-3665, NL_HOURS_PLUS, t, sizeof(t));
	assert_string_equal(t, MINUS "61:05 uur");
	nl_hours(-12000, NL_HOURS_BARE, t, sizeof(t));
	assert_string_equal(t, MINUS "200:00");
	nl_hours(750, NL_HOURS_PLUS, t, sizeof(t));
	assert_string_equal(t, "+12:30 uur");
	nl_hours(750, NL_HOURS_PLUS | NL_HOURS_BARE, t, sizeof(t));
	assert_string_equal(t, "+12:30");
}

static void test_dutch_time(void **state)
{
	char t[NL_TEXT_LEN];
	/* Winter: UTC+1; summer: UTC+2; the switch at 01:00 UTC on the last Sunday. */
	assert_int_equal(nl_datetime("2012-03-08T13:05:00Z", t, sizeof(t)), 0);
	assert_string_equal(t, "8 maart 2012, 14:05");
	nl_datetime("2012-07-01T22:30:59Z", t, sizeof(t));
	assert_string_equal(t, "2 juli 2012, 00:30");
	nl_datetime("2012-03-25T00:59:00Z", t, sizeof(t));
	assert_string_equal(t, "25 maart 2012, 01:59");
	nl_datetime("2012-03-25T01:00:00Z", t, sizeof(t));
	assert_string_equal(t, "25 maart 2012, 03:00");
	nl_datetime("2012-10-28T00:59:00Z", t, sizeof(t));
	assert_string_equal(t, "28 oktober 2012, 02:59");
	nl_datetime("2012-10-28T01:00:00Z", t, sizeof(t));
	assert_string_equal(t, "28 oktober 2012, 02:00");
	nl_datetime("2024-12-31T23:30:00Z", t, sizeof(t));
	assert_string_equal(t, "1 januari 2025, 00:30");
	nl_datetime("2025-03-30T01:00:00Z", t, sizeof(t));
	assert_string_equal(t, "30 maart 2025, 03:00");
	assert_int_equal(nl_datetime("2012-03-08 13:05", t, sizeof(t)), -1);
	assert_string_equal(t, "2012-03-08 13:05");
	assert_int_equal(nl_datetime("2012-03-08T25:05:00Z", t, sizeof(t)), -1);
	assert_int_equal(nl_datetime("2012-03-08T13:05:00Zx", t, sizeof(t)), -1);
	assert_int_equal(nl_datetime(NULL, t, sizeof(t)), -1);
	assert_string_equal(t, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_thousands),      cmocka_unit_test(test_cents_to_whole_euros),
		cmocka_unit_test(test_dates),          cmocka_unit_test(test_leap_days),
		cmocka_unit_test(test_short_dates),    cmocka_unit_test(test_hours),
		cmocka_unit_test(test_hours_bare),     cmocka_unit_test(test_zero_hours),
		cmocka_unit_test(test_negative_hours), cmocka_unit_test(test_dutch_time),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
