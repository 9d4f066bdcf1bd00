/* The vocabulary of the register: enumerations, codes, TOOI, free text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/date.h"
#include "core/register.h"

static void test_enum_index(void **state)
{
	assert_int_equal(enum_index(register_org_soorten, "gemeente"), 0);
	assert_int_equal(enum_index(register_org_soorten, "overig"), 5);
	assert_int_equal(enum_index(register_org_soorten, "Gemeente"), -1);
	assert_int_equal(enum_index(register_org_soorten, ""), -1);
	assert_int_equal(enum_index(register_org_soorten, NULL), -1);
	assert_int_equal(enum_index(register_doelen, "kennisdeling"), 4);
	assert_int_equal(enum_index(register_lid_rollen, "toehoorder"), 2);
	assert_int_equal(enum_index(register_fasen, "beeindigd"), 6);
	assert_int_equal(enum_index(register_vormen, "ambtelijke-fusie"), 7);
	assert_int_equal(enum_index(register_intensiteiten, "gezamenlijke-uitvoering"), 3);
	assert_int_equal(enum_index(register_taakveld_soorten, "beleid"), 2);
}

static void test_enum_list(void **state)
{
	char out[256];
	enum_list(register_lid_rollen, out, sizeof(out));
	assert_string_equal(out, "lid, gastheer of toehoorder");
	enum_list(register_taakveld_soorten, out, sizeof(out));
	assert_string_equal(out, "bedrijfsvoering, uitvoering of beleid");
	enum_list(register_doelen, out, sizeof(out));
	assert_string_equal(out, "klant, kosten, kwetsbaarheid, kwaliteit, kennisdeling of toekomstkansen-medewerkers");

	static const char *const one[] = { "alleen", NULL };
	enum_list(one, out, sizeof(out));
	assert_string_equal(out, "alleen");
	static const char *const two[] = { "ja", "nee", NULL };
	enum_list(two, out, sizeof(out));
	assert_string_equal(out, "ja of nee");
	static const char *const none[] = { NULL };
	snprintf(out, sizeof(out), "x");
	enum_list(none, out, sizeof(out));
	assert_string_equal(out, "");

	/* Too small a buffer: truncated, always terminated, nothing written
	 * beyond it. */
	char small[12];
	memset(small, 'Z', sizeof(small));
	enum_list(register_lid_rollen, small, 8);
	assert_string_equal(small, "lid, ga");
	assert_int_equal(small[8], 'Z');
	enum_list(register_lid_rollen, small, 1);
	assert_string_equal(small, "");
	small[0] = 'Q';
	enum_list(register_lid_rollen, small, 0); /* writes nothing at all */
	assert_int_equal(small[0], 'Q');
}

static void test_org_codes(void **state)
{
	assert_true(register_org_code_valid("GM0148", "gemeente"));
	assert_true(register_org_code_valid("GM1896", "gemeente"));
	assert_false(register_org_code_valid("GM148", "gemeente"));
	assert_false(register_org_code_valid("gm0148", "gemeente"));
	assert_false(register_org_code_valid("GM01489", "gemeente"));
	assert_false(register_org_code_valid("GM014a", "gemeente"));
	assert_false(register_org_code_valid("GM", "gemeente"));
	assert_false(register_org_code_valid("", "gemeente"));
	assert_false(register_org_code_valid("PV23", "gemeente"));
	assert_false(register_org_code_valid(" GM0148", "gemeente"));

	assert_true(register_org_code_valid("PV23", "provincie"));
	assert_false(register_org_code_valid("PV023", "provincie"));
	assert_false(register_org_code_valid("PV2", "provincie"));
	assert_false(register_org_code_valid("pv23", "provincie"));
	assert_false(register_org_code_valid("GM0148", "provincie"));

	assert_true(register_org_code_valid("WS0155", "waterschap"));
	assert_false(register_org_code_valid("WS155", "waterschap"));
	assert_false(register_org_code_valid("WS01550", "waterschap"));
	assert_false(register_org_code_valid("GM0155", "waterschap"));

	/* Other soorten: 2–32 of A-Z 0-9 '-'. */
	assert_true(register_org_code_valid("SSC-ZWOLLE", "ssc"));
	assert_true(register_org_code_valid("RUD-IJSSELLAND", "gr"));
	assert_true(register_org_code_valid("VNG", "overig"));
	assert_true(register_org_code_valid("AB", "overig"));
	assert_false(register_org_code_valid("A", "overig"));
	assert_true(register_org_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ012345", "gr"));   /* 32 */
	assert_false(register_org_code_valid("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "gr")); /* 33 */
	assert_false(register_org_code_valid("ssc-zwolle", "ssc"));
	assert_false(register_org_code_valid("SSC ZWOLLE", "ssc"));
	assert_false(register_org_code_valid("SSC_ZWOLLE", "ssc"));
	assert_false(register_org_code_valid("SSC\xc3\x89", "ssc"));
	assert_false(register_org_code_valid(NULL, "ssc"));
	assert_false(register_org_code_valid("GM0148", NULL));
}

static void test_tooi(void **state)
{
	char out[160];
	assert_int_equal(register_tooi("GM0148", "gemeente", out, sizeof(out)), 0);
	assert_string_equal(out, "https://identifier.overheid.nl/tooi/id/gemeente/gm0148");
	assert_int_equal(register_tooi("PV23", "provincie", out, sizeof(out)), 0);
	assert_string_equal(out, "https://identifier.overheid.nl/tooi/id/provincie/pv23");
	assert_int_equal(register_tooi("WS0155", "waterschap", out, sizeof(out)), 0);
	assert_string_equal(out, "https://identifier.overheid.nl/tooi/id/waterschap/ws0155");
	snprintf(out, sizeof(out), "onaangeroerd");
	assert_int_equal(register_tooi("SSC-ZWOLLE", "ssc", out, sizeof(out)), -1);
	assert_int_equal(register_tooi("RUD", "gr", out, sizeof(out)), -1);
	assert_int_equal(register_tooi("VNG", "overig", out, sizeof(out)), -1);
	assert_string_equal(out, "onaangeroerd");
	/* A buffer too small for the whole URI gives no half URI. */
	char small[20];
	assert_int_equal(register_tooi("GM0148", "gemeente", small, sizeof(small)), -1);
	assert_string_equal(small, "");
}

static void test_slug(void **state)
{
	assert_true(register_slug_valid("ict"));
	assert_true(register_slug_valid("a"));
	assert_true(register_slug_valid("ssc-zwolle"));
	assert_true(register_slug_valid("dt2012"));
	assert_true(register_slug_valid("abcdefghijklmnopqrstuvwxyz0123456789abcd"));   /* 40 */
	assert_false(register_slug_valid("abcdefghijklmnopqrstuvwxyz0123456789abcde")); /* 41 */
	assert_false(register_slug_valid(""));
	assert_false(register_slug_valid(NULL));
	assert_false(register_slug_valid("ICT"));
	assert_false(register_slug_valid("ict pool"));
	assert_false(register_slug_valid("ict_pool"));
	assert_false(register_slug_valid("ict/pool"));
	assert_false(register_slug_valid("ict.pool"));
	assert_false(register_slug_valid("privacy\xc3\xa9"));
}

static void test_text_valid(void **state)
{
	assert_true(register_text_valid("Dalfsen", 200));
	assert_true(register_text_valid("DSZ (Dalfsen \xe2\x80\x93 Staphorst \xe2\x80\x93 Zwartewaterland)", 200)); /* en dash */
	assert_true(register_text_valid("\xc3\xa9\xc3\xa9n-pitter", 200));                                          /* één */
	assert_true(register_text_valid("kosten \xe2\x82\xac 200.000", 200)); /* euro sign */
	assert_true(register_text_valid("\xf0\x9f\x98\x80", 200));            /* U+1F600, 4 bytes */
	assert_true(register_text_valid("\xf4\x8f\xbf\xbf", 200));            /* U+10FFFF, the last */
	assert_true(register_text_valid("\xed\x9f\xbf", 200));                /* U+D7FF, before surrogates */
	assert_true(register_text_valid("\xee\x80\x80", 200));                /* U+E000, after them */
	assert_true(register_text_valid("regel 1\nregel 2\tmet tab", 200));
	assert_true(register_text_valid("regel 1\r\nregel 2", 200)); /* a browser's textarea sends CRLF */

	/* Length in bytes: 1..maxlen. */
	assert_false(register_text_valid("", 200));
	assert_false(register_text_valid(NULL, 200));
	assert_true(register_text_valid("abcde", 5));
	assert_false(register_text_valid("abcdef", 5));
	assert_false(register_text_valid("\xc3\xa9\xc3\xa9\xc3\xa9", 5)); /* 3 characters, 6 bytes */

	/* Control characters. */
	assert_false(register_text_valid("a\x01"
					 "b",
					 200));
	assert_false(register_text_valid("a\x1b[31mrood", 200));
	assert_false(register_text_valid("a\x7f", 200));
	assert_false(register_text_valid("a\x0b"
					 "b",
					 200));
	assert_false(register_text_valid("a\xc2\x85"
					 "b",
					 200));              /* U+0085, a C1 control */
	assert_false(register_text_valid("a\xc2\x9f", 200)); /* U+009F */
	assert_true(register_text_valid("a\xc2\xa0"
					"b",
					200)); /* U+00A0, no-break space */

	/* Malformed UTF-8. */
	assert_false(register_text_valid("\x80", 200)); /* lone continuation byte */
	assert_false(register_text_valid("\xbf"
					 "abc",
					 200));
	assert_false(register_text_valid("\xc3", 200)); /* truncated at the end */
	assert_false(register_text_valid("\xc3"
					 "a",
					 200)); /* not followed by a continuation */
	assert_false(register_text_valid("\xe2\x82", 200));
	assert_false(register_text_valid("\xf0\x9f\x98", 200));
	assert_false(register_text_valid("\xfe", 200));
	assert_false(register_text_valid("\xff\xfe", 200));
	assert_false(register_text_valid("caf\xe9", 200)); /* Latin-1 é */

	/* Overlong encodings: every one a character with a shorter form. */
	assert_false(register_text_valid("\xc0\xaf", 200)); /* '/' in 2 bytes */
	assert_false(register_text_valid("\xc1\xbf", 200));
	assert_false(register_text_valid("\xc0\x80", 200));         /* NUL in 2 bytes */
	assert_false(register_text_valid("\xe0\x80\xaf", 200));     /* '/' in 3 bytes */
	assert_false(register_text_valid("\xe0\x9f\xbf", 200));     /* U+07FF in 3 bytes */
	assert_true(register_text_valid("\xe0\xa0\x80", 200));      /* U+0800, the first 3-byte one */
	assert_false(register_text_valid("\xf0\x80\x80\xaf", 200)); /* '/' in 4 bytes */
	assert_false(register_text_valid("\xf0\x8f\xbf\xbf", 200)); /* U+FFFF in 4 bytes */
	assert_true(register_text_valid("\xf0\x90\x80\x80", 200));  /* U+10000, the first 4-byte one */

	/* Surrogates and beyond U+10FFFF. */
	assert_false(register_text_valid("\xed\xa0\x80", 200));     /* U+D800 */
	assert_false(register_text_valid("\xed\xbf\xbf", 200));     /* U+DFFF */
	assert_false(register_text_valid("\xf4\x90\x80\x80", 200)); /* U+110000 */
	assert_false(register_text_valid("\xf5\x80\x80\x80", 200));
	assert_false(register_text_valid("\xf8\x88\x80\x80\x80", 200)); /* 5-byte form */
}

static void test_period(void **state)
{
	struct register_period p = { date_from_ymd(2010, 1, 1), date_from_ymd(2013, 1, 1) };
	assert_false(register_period_contains(p, date_from_ymd(2009, 12, 31)));
	assert_true(register_period_contains(p, date_from_ymd(2010, 1, 1)));
	assert_true(register_period_contains(p, date_from_ymd(2012, 12, 31)));
	assert_false(register_period_contains(p, date_from_ymd(2013, 1, 1))); /* tot is not included */
	struct register_period open = { date_from_ymd(2010, 1, 1), DATE_NONE };
	assert_true(register_period_contains(open, date_from_ymd(2999, 12, 31)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_enum_index), cmocka_unit_test(test_enum_list), cmocka_unit_test(test_org_codes),
		cmocka_unit_test(test_tooi),       cmocka_unit_test(test_slug),      cmocka_unit_test(test_text_valid),
		cmocka_unit_test(test_period),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
