/* A long list read a page at a time (store/listing.h) and the one CSV
 * writer (report/csv_export.h): the SQL text a page's choices become, and
 * the bytes Dutch Excel opens. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "report/csv_export.h"
#include "store/listing.h"

static const struct listing_column cols[] = { { "naam", "lower(m.naam)" }, { "uren", "u.minuten" }, { NULL, NULL } };

static void test_order_whitelists_the_column_and_ends_in_the_key(void **state)
{
	char out[256];
	struct listing l = { NULL, "uren", 1, 50, 100 };
	assert_string_equal(listing_order(&l, cols, 0, "u.id", out, sizeof(out)),
			    " ORDER BY u.minuten DESC, u.id LIMIT 50 OFFSET 100");
	/* An unknown key is the default column in its default direction: nothing of the request reaches the SQL. */
	l = (struct listing){ NULL, "naam; DROP TABLE uren", 1, 10, 0 };
	assert_string_equal(listing_order(&l, cols, 0, "u.id", out, sizeof(out)),
			    " ORDER BY lower(m.naam) ASC, u.id LIMIT 10 OFFSET 0");
	/* limit 0: everything (a CSV download). */
	l = (struct listing){ NULL, NULL, 0, 0, 40 };
	assert_string_equal(listing_order(&l, cols, 1, "u.id", out, sizeof(out)), " ORDER BY lower(m.naam) DESC, u.id");
	assert_string_equal(listing_order(NULL, cols, 0, "u.id", out, sizeof(out)), " ORDER BY lower(m.naam) ASC, u.id");
}

static void test_pattern_finds_a_part_in_any_case_and_escapes_like(void **state)
{
	char out[64];
	struct listing l = { "Dalf", NULL, 0, 0, 0 };
	assert_string_equal(listing_pattern(&l, out, sizeof(out)), "%dalf%");
	l.search = "50%_a\\b";
	assert_string_equal(listing_pattern(&l, out, sizeof(out)), "%50\\%\\_a\\\\b%");
	l.search = "";
	assert_null(listing_pattern(&l, out, sizeof(out)));
	assert_null(listing_pattern(NULL, out, sizeof(out)));
	/* Cut short, never in the middle of a UTF-8 character. */
	char small[10];
	l.search = "ééééé";
	const char *p = listing_pattern(&l, small, sizeof(small));
	assert_string_equal(p, "%éé%");
}

static void test_csv_as_dutch_excel_opens_it(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	struct csv_export w;
	const char *const head[] = { "Gemeente", "#Saldo", "Bedrag", NULL };
	csv_export_begin(&w, &b, head);
	csv_export_text(&w, "Hendrik-Ido-Ambacht; \"HIA\"");
	csv_export_minutes(&w, -75);
	csv_export_cents(&w, 123456);
	csv_export_row_end(&w);
	csv_export_text(&w, "=SOM(A1)");
	csv_export_minutes(&w, 750);
	csv_export_cents(&w, -5);
	csv_export_row_end(&w);
	csv_export_text(&w, NULL);
	csv_export_hundredths(&w, 345);
	csv_export_int(&w, 1140000);
	csv_export_row_end(&w);
	assert_string_equal(buf_str(&b), "\xef\xbb\xbfGemeente;Saldo;Bedrag\r\n"
					 "\"Hendrik-Ido-Ambacht; \"\"HIA\"\"\";-1:15;1234,56\r\n"
					 "'=SOM(A1);12:30;-0,05\r\n"
					 ";3,45;1140000\r\n");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_order_whitelists_the_column_and_ends_in_the_key),
		cmocka_unit_test(test_pattern_finds_a_part_in_any_case_and_escapes_like),
		cmocka_unit_test(test_csv_as_dutch_excel_opens_it),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
