/* The one HTML/XML escaper. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/escape.h"

static const char *esc(struct buf *b, const char *text)
{
	buf_release(b);
	buf_init(b, 0);
	escape_html(b, text);
	return buf_str(b);
}

static void test_every_special_character(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(esc(&b, "a & b < c > d \" e ' f"), "a &amp; b &lt; c &gt; d &quot; e &#39; f");
	assert_string_equal(esc(&b, "&amp;"), "&amp;amp;"); /* text, not markup: escaped again */
	assert_string_equal(esc(&b, "'\"<>&"), "&#39;&quot;&lt;&gt;&amp;");
	buf_release(&b);
}

static void test_plain_text_and_utf8_as_they_are(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	assert_string_equal(esc(&b, "Súdwest-Fryslân — € 12,50"), "Súdwest-Fryslân — € 12,50");
	assert_string_equal(esc(&b, ""), "");
	assert_string_equal(esc(&b, NULL), "");
	buf_release(&b);
}

static void test_appends_and_fails_as_buf_does(void **state)
{
	struct buf b;
	buf_init(&b, 8);
	buf_adds(&b, "x");
	escape_html(&b, "<");
	assert_string_equal(buf_str(&b), "x&lt;");
	escape_html(&b, "&&"); /* "x&lt;&amp;&amp;" is more than 8 bytes */
	assert_true(buf_failed(&b));
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_special_character),
		cmocka_unit_test(test_plain_text_and_utf8_as_they_are),
		cmocka_unit_test(test_appends_and_fails_as_buf_does),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
