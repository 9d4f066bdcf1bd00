/* Finding the line of a JSON path in the text, for import errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/jsonpos.h"

/* The text is copied into a buffer of exactly its length (no NUL after
 * it), so that reading past len is caught by the address sanitizer. */
static int line_of(const char *text, const char *path)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	assert_non_null(copy);
	memcpy(copy, text, len);
	int r = jsonpos_line(copy, len, path);
	free(copy);
	return r;
}

/* A register document in the shape of demo/register.json, one line per
 * deelnemer where it matters. */
static const char doc[] = "{\n"                                                                         /* 1 */
			  "  \"formaat\": \"samen-register\",\n"                                        /* 2 */
			  "  \"versie\": 1,\n"                                                          /* 3 */
			  "  \"organisaties\": [\n"                                                     /* 4 */
			  "    {\"code\": \"GM0148\", \"naam\": \"Dalfsen\"},\n"                        /* 5 */
			  "    {\"code\": \"GM0180\",\n"                                                /* 6 */
			  "     \"naam\": \"Staphorst\"}\n"                                             /* 7 */
			  "  ],\n"                                                                      /* 8 */
			  "  \"verbanden\": [\n"                                                        /* 9 */
			  "    {\n"                                                                     /* 10 */
			  "      \"code\": \"dsz\",\n"                                                  /* 11 */
			  "      \"trajecten\": [\n"                                                    /* 12 */
			  "        {\"taakveld\": \"ict\", \"deelnemers\": [\"GM0148\", \"GM0180\"]}\n" /* 13 */
			  "      ]\n"                                                                   /* 14 */
			  "    },\n"                                                                    /* 15 */
			  "    {\n"                                                                     /* 16 */
			  "      \"code\": \"staan\",\n"                                                /* 17 */
			  "      \"omschrijving\": \"[niet] {dit} \\\"trajecten\\\": [\\n\",\n"         /* 18 */
			  "      \"trajecten\": [\n"                                                    /* 19 */
			  "        {\"taakveld\": \"ict\"},\n"                                          /* 20 */
			  "        {\n"                                                                 /* 21 */
			  "          \"taakveld\": \"belastingen\",\n"                                  /* 22 */
			  "          \"deelnemers\": [\n"                                               /* 23 */
			  "            \"GM1680\",\n"                                                   /* 24 */
			  "            \"GM0106\",\n"                                                   /* 25 */
			  "            \"GM9999\"\n"                                                    /* 26 */
			  "          ]\n"                                                               /* 27 */
			  "        }\n"                                                                 /* 28 */
			  "      ]\n"                                                                   /* 29 */
			  "    }\n"                                                                     /* 30 */
			  "  ]\n"                                                                       /* 31 */
			  "}\n";                                                                        /* 32 */

static void test_root_and_keys(void **state)
{
	assert_int_equal(line_of(doc, ""), 1);
	assert_int_equal(line_of(doc, "formaat"), 2);
	assert_int_equal(line_of(doc, "versie"), 3);
	assert_int_equal(line_of(doc, "organisaties"), 4);
	assert_int_equal(line_of(doc, "verbanden"), 9);
	assert_int_equal(line_of("\n\n  {\"a\": 1}", ""), 3);
}

static void test_indices(void **state)
{
	assert_int_equal(line_of(doc, "organisaties[0]"), 5);
	assert_int_equal(line_of(doc, "organisaties[1]"), 6);
	assert_int_equal(line_of(doc, "organisaties[1].naam"), 7);
	assert_int_equal(line_of(doc, "organisaties[0].naam"), 5);
	assert_int_equal(line_of(doc, "verbanden[0]"), 10);
	assert_int_equal(line_of(doc, "verbanden[0].code"), 11);
	assert_int_equal(line_of(doc, "verbanden[0].trajecten[0].deelnemers[1]"), 13);
	assert_int_equal(line_of(doc, "verbanden[1]"), 16);
	assert_int_equal(line_of(doc, "verbanden[1].code"), 17);
	/* The string on line 18 holds brackets, braces, escaped quotes and an
	 * escaped newline that look like structure; none of it counts. */
	assert_int_equal(line_of(doc, "verbanden[1].trajecten"), 19);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[0]"), 20);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1]"), 21);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].taakveld"), 22);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemers"), 23);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemers[0]"), 24);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemers[2]"), 26);
}

static void test_missing_gives_ancestor(void **state)
{
	/* A key of a sibling does not count for this object. */
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[0].deelnemers"), 20);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[0].deelnemers[3]"), 20);
	/* An index past the end: the array. */
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemers[3]"), 23);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[7]"), 19);
	assert_int_equal(line_of(doc, "verbanden[2].code"), 9);
	assert_int_equal(line_of(doc, "organisaties[1].inwoners"), 6);
	assert_int_equal(line_of(doc, "taakvelden[0]"), 1);
	assert_int_equal(line_of(doc, "onbekend"), 1);
	/* An index into an object or a key into an array: the ancestor. */
	assert_int_equal(line_of(doc, "verbanden[1][0]"), 16);
	assert_int_equal(line_of(doc, "organisaties.code"), 4);
	assert_int_equal(line_of(doc, "versie.x"), 3);
	/* A key that is only a prefix of one in the text does not match. */
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemer"), 21);
	assert_int_equal(line_of(doc, "verbanden[1].trajecten[1].deelnemersX"), 21);
	/* A key that only appears inside a string value does not match. */
	assert_int_equal(line_of("{\n\"a\": \"\\\"b\\\": 1\",\n\"c\": 2}", "b"), 1);
	/* An absurd index does not overflow. */
	assert_int_equal(line_of(doc, "organisaties[99999999999999999999999999]"), 4);
}

static void test_strings(void **state)
{
	const char *t = "{\"x\": \"a \\\\\", \"y\":\n"             /* a string ending in an escaped backslash */
			"[\"]\", \"[\", \"\\\"]\", \"\\u005d\",\n" /* brackets and quotes in strings */
			"\"raak\"]}";
	assert_int_equal(line_of(t, "y"), 2);
	assert_int_equal(line_of(t, "y[3]"), 2);
	assert_int_equal(line_of(t, "y[4]"), 3);
	/* Keys with escapes and non-ASCII characters. */
	const char *u = "{\"a\\\"b\": 1,\n\"\xc3\xa9\xc3\xa9n\": [1,\n 2]}";
	assert_int_equal(line_of(u, "\xc3\xa9\xc3\xa9n"), 2);
	assert_int_equal(line_of(u, "\xc3\xa9\xc3\xa9n[1]"), 3);
}

static void test_scalars(void **state)
{
	const char *t = "[1, -2.5e3, true,\nfalse, null,\n{}, [], \"\",\n{\"k\": [ ]},\n0]";
	assert_int_equal(line_of(t, "[0]"), 1);
	assert_int_equal(line_of(t, "[2]"), 1);
	assert_int_equal(line_of(t, "[3]"), 2);
	assert_int_equal(line_of(t, "[5]"), 3);
	assert_int_equal(line_of(t, "[7]"), 3);
	assert_int_equal(line_of(t, "[8].k"), 4);
	assert_int_equal(line_of(t, "[8].k[0]"), 4);
	assert_int_equal(line_of(t, "[9]"), 5);
	assert_int_equal(line_of(t, "[10]"), 1);
}

static void test_value_on_next_line(void **state)
{
	/* The line is where the value starts, not where its key is. */
	const char *t = "{\"a\":\n\n   [\n\n  7]}";
	assert_int_equal(line_of(t, "a"), 3);
	assert_int_equal(line_of(t, "a[0]"), 5);
	/* CRLF line ends count once. */
	const char *w = "{\r\n\"a\": 1,\r\n\"b\": 2\r\n}";
	assert_int_equal(line_of(w, "b"), 3);
}

static void test_not_json(void **state)
{
	assert_int_equal(jsonpos_line("", 0, ""), 0);
	assert_int_equal(jsonpos_line("   \n  ", 6, "a"), 0);
	assert_int_equal(jsonpos_line(NULL, 0, "a"), 0);
	/* Cut off in the middle: as far as it can tell. */
	assert_int_equal(line_of("{\n\"a\": [1,\n", "a[1]"), 2);
	assert_int_equal(line_of("{\n\"a\": \"open", "b"), 1);
	assert_int_equal(line_of("{\n\"a\": \"open", "a"), 2);
	/* Only len bytes count, even if more follow. */
	const char *t = "{\"a\": 1,\n\"b\": 2}";
	assert_int_equal(jsonpos_line(t, 8, "b"), 1);
	assert_int_equal(jsonpos_line(t, strlen(t), "b"), 2);
}

static void test_deep_nesting(void **state)
{
	/* A sibling nested far deeper than any register document must be
	 * skipped without exhausting the stack. */
	size_t depth = 200000;
	size_t len = depth * 2 + 32;
	char *t = malloc(len);
	assert_non_null(t);
	size_t n = 0;
	n += (size_t)snprintf(t + n, len - n, "{\"a\": ");
	memset(t + n, '[', depth);
	n += depth;
	memset(t + n, ']', depth);
	n += depth;
	n += (size_t)snprintf(t + n, len - n, ",\n\"b\": 1}");
	int r = jsonpos_line(t, n, "b");
	assert_true(r == 1 || r == 2);
	free(t);
}

/* Found by fuzzing (tests/fuzz/fuzz_jsonpos.c): a NUL byte where a value
 * should be made the scan stand still while the index counted to 10^8. */
static void test_no_progress_is_the_end(void **state)
{
	static const char t[] = { '[', '[', '\0', ']', '[', '1', ']', ']' };
	assert_int_equal(jsonpos_line(t, sizeof(t), "[0][99999999]"), 1);
	assert_int_equal(jsonpos_line(t, sizeof(t), "[1][0]"), 1);
	static const char u[] = "[\n\n[\xff#S";
	assert_int_equal(jsonpos_line(u, sizeof(u) - 1, "[99999999]"), 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_root_and_keys),
		cmocka_unit_test(test_indices),
		cmocka_unit_test(test_missing_gives_ancestor),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_scalars),
		cmocka_unit_test(test_value_on_next_line),
		cmocka_unit_test(test_not_json),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_no_progress_is_the_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
