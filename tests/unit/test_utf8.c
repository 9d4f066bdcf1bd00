/* The one UTF-8 validator (src/core/utf8.h): Unicode's table 3-7, byte by
 * byte at its edges — overlong forms, surrogates, above U+10FFFF, and the
 * lead bytes that never start a character (80–C1, F5–FF). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/utf8.h"

static int ok(const char *s) { return utf8_valid(s, strlen(s)); }

static void test_well_formed(void **state)
{
	assert_true(ok(""));
	assert_true(ok("Dalfsen"));
	assert_true(ok("\xc2\xa0"));                              /* U+00A0 */
	assert_true(ok("Zwartewaterland \xe2\x80\x93 gemeente")); /* en dash */
	assert_true(ok("\xed\x9f\xbf"));                          /* U+D7FF, just below the surrogates */
	assert_true(ok("\xee\x80\x80"));                          /* U+E000, just above them */
	assert_true(ok("\xf0\x90\x80\x80"));                      /* U+10000 */
	assert_true(ok("\xf4\x8f\xbf\xbf"));                      /* U+10FFFF, the last code point */
	assert_int_equal(utf8_length("één-pitter"), 10);
}

static void test_lead_bytes_that_never_start_a_character(void **state)
{
	for (int b = 0x80; b <= 0xc1; b++) {
		char s[3] = { (char)b, (char)0x80, 0 };
		assert_false(ok(s));
	}
	for (int b = 0xf5; b <= 0xff; b++) { /* F5–FF: what accounts once let through */
		char s[5] = { (char)b, (char)0x80, (char)0x80, (char)0x80, 0 };
		assert_false(ok(s));
		assert_int_equal(utf8_length(s), -1);
		assert_int_equal(utf8_seq((const unsigned char *)s, 4), 0);
	}
}

static void test_overlong_surrogates_and_beyond(void **state)
{
	assert_false(ok("\xc0\xaf"));         /* '/' overlong */
	assert_false(ok("\xe0\x80\xaf"));     /* overlong in three */
	assert_false(ok("\xe0\x9f\xbf"));     /* U+07FF in three */
	assert_false(ok("\xf0\x8f\xbf\xbf")); /* U+FFFF in four */
	assert_false(ok("\xed\xa0\x80"));     /* U+D800 */
	assert_false(ok("\xed\xbf\xbf"));     /* U+DFFF */
	assert_false(ok("\xf4\x90\x80\x80")); /* U+110000 */
	assert_false(ok("\xe2\x80"));         /* cut short */
	assert_false(ok("\xe2\x28\xa1"));     /* a bad continuation */
	/* At most left bytes are read. */
	assert_int_equal(utf8_seq((const unsigned char *)"\xe2\x80\x93", 2), 0);
	assert_int_equal(utf8_seq((const unsigned char *)"\xe2\x80\x93", 3), 3);
}

static void test_clean(void **state)
{
	char out[16];
	utf8_clean("a\xf5"
		   "b\xc3\xa9",
		   "?", out, sizeof(out));
	assert_string_equal(out, "a?b\xc3\xa9");
	utf8_clean("x\xff", "\xef\xbf\xbd", out, sizeof(out));
	assert_string_equal(out, "x\xef\xbf\xbd");
	/* Never half a character at the cut. */
	utf8_clean("ab\xe2\x80\x93", "?", out, 4);
	assert_string_equal(out, "ab");
	utf8_clean(NULL, "?", out, sizeof(out));
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_well_formed),
		cmocka_unit_test(test_lead_bytes_that_never_start_a_character),
		cmocka_unit_test(test_overlong_surrogates_and_beyond),
		cmocka_unit_test(test_clean),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
