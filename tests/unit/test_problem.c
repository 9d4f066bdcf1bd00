/* Problem details: status, Dutch titles, accumulated invalid params. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include "core/problem.h"
#include "core/register.h"

static void test_init(void **state)
{
	struct problem p;
	memset(&p, 0x5a, sizeof(p));
	problem_init(&p);
	assert_int_equal(p.status, 0);
	assert_int_equal(p.nparams, 0);
	assert_string_equal(p.title, "");
	assert_string_equal(p.detail, "");
}

static void test_titles(void **state)
{
	assert_string_equal(problem_title(400), "Ongeldig verzoek");
	assert_string_equal(problem_title(401), "Niet aangemeld");
	assert_string_equal(problem_title(403), "Geen toegang");
	assert_string_equal(problem_title(404), "Niet gevonden");
	assert_string_equal(problem_title(409), "Bestaat al");
	assert_string_equal(problem_title(413), "Verzoek te groot");
	assert_string_equal(problem_title(422), "Niet toegestaan door een regel");
	assert_string_equal(problem_title(500), "Interne fout");
	assert_string_equal(problem_title(0), "Interne fout");
}

static void test_set(void **state)
{
	struct problem p;
	problem_init(&p);
	assert_int_equal(problem_set(&p, 422, "Organisatie '%s' bestaat niet.", "GM9999"), -422);
	assert_int_equal(p.status, 422);
	assert_string_equal(p.title, "Niet toegestaan door een regel");
	assert_string_equal(p.detail, "Organisatie 'GM9999' bestaat niet.");
	assert_int_equal(p.nparams, 0);
	/* A later set replaces status and detail. */
	assert_int_equal(problem_set(&p, 409, "Verband '%s' bestaat al.", "dsz"), -409);
	assert_string_equal(p.title, "Bestaat al");
	assert_string_equal(p.detail, "Verband 'dsz' bestaat al.");
}

static void test_params_accumulate(void **state)
{
	struct problem p;
	problem_init(&p);
	/* The first param makes it a 400 with a general detail. */
	assert_int_equal(problem_param(&p, "code", "moet %s zijn", "GM + 4 cijfers"), -400);
	assert_int_equal(p.status, 400);
	assert_string_equal(p.title, "Ongeldig verzoek");
	assert_true(strlen(p.detail) > 0);
	assert_int_equal(problem_param(&p, "soort", "onbekend: '%s'", "stad"), -400);
	assert_int_equal(problem_param(&p, "inwoners", "moet een geheel getal >= %d zijn", 0), -400);
	assert_int_equal(p.nparams, 3);
	assert_string_equal(p.params[0].name, "code");
	assert_string_equal(p.params[0].reason, "moet GM + 4 cijfers zijn");
	assert_string_equal(p.params[1].name, "soort");
	assert_string_equal(p.params[1].reason, "onbekend: 'stad'");
	assert_string_equal(p.params[2].name, "inwoners");
	assert_string_equal(p.params[2].reason, "moet een geheel getal >= 0 zijn");
}

static void test_param_keeps_status(void **state)
{
	/* A param on a problem that already has a status keeps it. */
	struct problem p;
	problem_init(&p);
	problem_set(&p, 422, "Organisatie 'GM9999' bestaat niet.");
	assert_int_equal(problem_param(&p, "deelnemers[2]", "organisatie 'GM9999' bestaat niet"), -422);
	assert_int_equal(p.status, 422);
	assert_string_equal(p.detail, "Organisatie 'GM9999' bestaat niet.");
	assert_int_equal(p.nparams, 1);
}

static void test_params_limit(void **state)
{
	struct problem p;
	problem_init(&p);
	for (int i = 0; i < PROBLEM_MAX_PARAMS + 5; i++)
		assert_int_equal(problem_param(&p, "veld", "reden %d", i), -400);
	assert_int_equal(p.nparams, PROBLEM_MAX_PARAMS);
	/* The first ones are kept, the rest dropped. */
	assert_string_equal(p.params[0].reason, "reden 0");
	assert_string_equal(p.params[PROBLEM_MAX_PARAMS - 1].reason, "reden 15");
}

static void test_truncation(void **state)
{
	struct problem p;
	char longname[400], longreason[1000];
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	memset(longreason, 'r', sizeof(longreason) - 1);
	longreason[sizeof(longreason) - 1] = '\0';
	problem_init(&p);
	problem_param(&p, longname, "%s", longreason);
	assert_int_equal(strlen(p.params[0].name), sizeof(p.params[0].name) - 1);
	assert_int_equal(strlen(p.params[0].reason), sizeof(p.params[0].reason) - 1);
	problem_set(&p, 422, "%s", longreason);
	assert_int_equal(strlen(p.detail), sizeof(p.detail) - 1);
	assert_int_equal(p.detail[0], 'r');
}

static void test_truncation_utf8(void **state)
{
	/* Truncated text stays valid UTF-8: a JSON encoder refuses anything
	 * else, and the problem+json body would lose its detail. */
	struct problem p;
	char text[2000];
	size_t n = 0;
	text[n++] = 'x'; /* shifts the 2-byte characters onto odd offsets */
	while (n + 2 < sizeof(text)) {
		text[n++] = '\xc3';
		text[n++] = '\xa9'; /* é */
	}
	text[n] = '\0';
	problem_init(&p);
	problem_set(&p, 422, "%s", text);
	assert_true(register_text_valid(p.detail, sizeof(p.detail)));
	assert_true(strlen(p.detail) >= sizeof(p.detail) - 2);
	problem_param(&p, text, "%s", text);
	problem_param(&p, text + 1, "%s", text + 1);
	for (int i = 0; i < p.nparams; i++) {
		assert_true(register_text_valid(p.params[i].name, sizeof(p.params[i].name)));
		assert_true(register_text_valid(p.params[i].reason, sizeof(p.params[i].reason)));
		assert_true(strlen(p.params[i].name) >= sizeof(p.params[i].name) - 2);
	}
	/* 3- and 4-byte characters at the edge. */
	n = 0;
	while (n + 4 < sizeof(text)) {
		memcpy(text + n, n % 7 == 0 ? "\xe2\x82\xac" : "\xf0\x9f\x98\x80", n % 7 == 0 ? 3 : 4);
		n += n % 7 == 0 ? 3 : 4;
	}
	text[n] = '\0';
	static const char *const shift[] = { "", "a", "ab", "abc" };
	for (size_t skip = 0; skip < 4; skip++) {
		problem_init(&p);
		problem_set(&p, 400, "%s%s", shift[skip], text);
		assert_true(register_text_valid(p.detail, sizeof(p.detail)));
		problem_param(&p, text, "%.*s%s", (int)skip, "zzz", text);
		assert_true(register_text_valid(p.params[0].reason, sizeof(p.params[0].reason)));
		assert_true(strlen(p.params[0].reason) >= sizeof(p.params[0].reason) - 4);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_init),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_params_accumulate),
		cmocka_unit_test(test_param_keeps_status),
		cmocka_unit_test(test_params_limit),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_truncation_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
