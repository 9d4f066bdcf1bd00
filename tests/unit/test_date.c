/* Calendar dates: parsing "YYYY-MM-DD", day numbers and back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/date.h"

static int parses(const char *s)
{
	int32_t d = -12345;
	int r = date_parse(s, &d);
	if (r != 0)
		assert_int_equal(d, -12345); /* a refused date leaves the output alone */
	return r == 0;
}

static void test_epoch(void **state)
{
	int32_t d;
	assert_int_equal(date_parse("1970-01-01", &d), 0);
	assert_int_equal(d, 0);
	assert_int_equal(date_parse("1970-01-02", &d), 0);
	assert_int_equal(d, 1);
	assert_int_equal(date_parse("1969-12-31", &d), 0);
	assert_int_equal(d, -1);
	assert_int_equal(date_parse("2000-03-01", &d), 0);
	assert_int_equal(d, 11017);
	assert_int_equal(date_parse("2013-01-01", &d), 0); /* RUD deadline */
	assert_int_equal(d, 15706);
}

static void test_leap_years(void **state)
{
	assert_true(parses("2012-02-29"));
	assert_false(parses("2013-02-29"));
	assert_false(parses("1900-02-29")); /* divisible by 100, not by 400 */
	assert_true(parses("2000-02-29"));  /* divisible by 400 */
	assert_false(parses("2100-02-29"));
	assert_true(parses("2400-02-29"));
	assert_true(parses("2013-02-28"));
	assert_false(parses("2012-02-30"));
}

static void test_month_lengths(void **state)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	char s[32];
	for (int m = 1; m <= 12; m++) {
		snprintf(s, sizeof(s), "2013-%02d-%02d", m, len[m - 1]);
		assert_true(parses(s));
		snprintf(s, sizeof(s), "2013-%02d-%02d", m, len[m - 1] + 1);
		assert_false(parses(s));
		snprintf(s, sizeof(s), "2013-%02d-00", m);
		assert_false(parses(s));
		/* The month's first day and the next month's, from any day in it. */
		int32_t mid = date_from_ymd(2013, m, 15);
		assert_int_equal(date_month_first(mid), date_from_ymd(2013, m, 1));
		assert_int_equal(date_month_next(mid) - 1, date_from_ymd(2013, m, len[m - 1]));
	}
	assert_int_equal(date_month_next(date_from_ymd(2012, 12, 31)), date_from_ymd(2013, 1, 1));
	assert_int_equal(date_month_next(date_from_ymd(2012, 2, 1)), date_from_ymd(2012, 3, 1));
}

static void test_malformed(void **state)
{
	assert_false(parses("2012-3-8"));
	assert_false(parses("2012-03-8"));
	assert_false(parses("12-03-08"));
	assert_false(parses("2012-03-08 "));
	assert_false(parses("2012-03-08x"));
	assert_false(parses("2012-03-08T00:00:00Z"));
	assert_false(parses(" 2012-03-08"));
	assert_false(parses("2012/03/08"));
	assert_false(parses("2012-13-01"));
	assert_false(parses("2012-00-10"));
	assert_false(parses("08-03-2012"));
	assert_false(parses("2012-0a-08"));
	assert_false(parses("+012-03-08"));
	assert_false(parses("2012-03--8"));
	assert_false(parses(""));
	assert_false(parses(NULL));
	/* The supported range is 1900–2999. */
	assert_false(parses("1899-12-31"));
	assert_true(parses("1900-01-01"));
	assert_true(parses("2999-12-31"));
	assert_false(parses("3000-01-01"));
}

static void test_round_trip(void **state)
{
	/* Every day from 1900-01-01 to 2999-12-31: the day numbers are
	 * consecutive, format gives text that parses back to the same day,
	 * and ymd agrees with both. */
	int32_t first = date_from_ymd(1900, 1, 1), last = date_from_ymd(2999, 12, 31);
	assert_int_equal(first, -25567);
	int py = 1899, pm = 12, pd = 31;
	for (int32_t d = first; d <= last; d++) {
		char s[DATE_TEXT_LEN];
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(date_from_ymd(y, m, dd), d);
		/* the day after (py, pm, pd) */
		if (dd == 1) {
			assert_true(m == pm % 12 + 1);
			assert_int_equal(y, pm == 12 ? py + 1 : py);
		} else {
			assert_int_equal(dd, pd + 1);
			assert_int_equal(m, pm);
			assert_int_equal(y, py);
		}
		py = y, pm = m, pd = dd;
		date_format(d, s);
		assert_int_equal(strlen(s), 10);
		int32_t back;
		assert_int_equal(date_parse(s, &back), 0);
		assert_int_equal(back, d);
	}
}

static void test_format(void **state)
{
	char s[DATE_TEXT_LEN];
	date_format(0, s);
	assert_string_equal(s, "1970-01-01");
	date_format(date_from_ymd(2012, 3, 8), s);
	assert_string_equal(s, "2012-03-08");
	date_format(date_from_ymd(2014, 1, 1) - 1, s);
	assert_string_equal(s, "2013-12-31");
	date_format(date_from_ymd(2012, 2, 28) + 1, s);
	assert_string_equal(s, "2012-02-29");
	/* An open end has no text. */
	date_format(DATE_NONE, s);
	assert_string_equal(s, "");
}

static void test_today(void **state)
{
	int32_t t = date_today();
	assert_true(t > date_from_ymd(2020, 1, 1));
	assert_true(t < date_from_ymd(2999, 12, 31));
}

static int64_t instant(int y, int mo, int d, int h, int mi)
{
	return (int64_t)date_from_ymd(y, mo, d) * 86400 + h * 3600 + mi * 60;
}

/* "Today" is the Dutch date: at 23:30 UTC in summer it is already tomorrow
 * in Amsterdam (01:30 CEST), in winter at 23:30 UTC too (00:30 CET), but not
 * at 21:30 UTC in summer. */
static void test_today_is_dutch(void **state)
{
	assert_int_equal(date_at(instant(2026, 7, 1, 23, 30)), date_from_ymd(2026, 7, 2));
	assert_int_equal(date_at(instant(2026, 7, 1, 21, 30)), date_from_ymd(2026, 7, 1));
	assert_int_equal(date_at(instant(2026, 1, 15, 23, 30)), date_from_ymd(2026, 1, 16));
	assert_int_equal(date_at(instant(2026, 1, 15, 22, 59)), date_from_ymd(2026, 1, 15));
	assert_int_equal(date_amsterdam_offset(instant(2026, 7, 1, 23, 30)), 7200);
	assert_int_equal(date_amsterdam_offset(instant(2026, 12, 1, 12, 0)), 3600);
	/* The switches: 29 March 2026 and 25 October 2026, at 01:00 UTC. */
	assert_int_equal(date_amsterdam_offset(instant(2026, 3, 29, 0, 59)), 3600);
	assert_int_equal(date_amsterdam_offset(instant(2026, 3, 29, 1, 0)), 7200);
	assert_int_equal(date_amsterdam_offset(instant(2026, 10, 25, 0, 59)), 7200);
	assert_int_equal(date_amsterdam_offset(instant(2026, 10, 25, 1, 0)), 3600);
	assert_int_equal(date_amsterdam_offset(instant(2012, 3, 25, 1, 0)), 7200); /* last Sunday of March 2012 */
	assert_int_equal(date_amsterdam_offset(instant(2012, 3, 24, 12, 0)), 3600);
}

static void test_local_text(void **state)
{
	char out[32];
	assert_int_equal(date_local_text("2026-07-01T23:30:00Z", out, sizeof(out)), 0);
	assert_string_equal(out, "2026-07-02 01:30:00");
	assert_int_equal(date_local_text("2026-01-15T10:00:05Z", out, sizeof(out)), 0);
	assert_string_equal(out, "2026-01-15 11:00:05");
	assert_int_equal(date_local_text("gisteren", out, sizeof(out)), -1);
	assert_string_equal(out, "gisteren");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_epoch),     cmocka_unit_test(test_leap_years),     cmocka_unit_test(test_month_lengths),
		cmocka_unit_test(test_malformed), cmocka_unit_test(test_round_trip),     cmocka_unit_test(test_format),
		cmocka_unit_test(test_today),     cmocka_unit_test(test_today_is_dutch), cmocka_unit_test(test_local_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
