/* The dienstverlening proeftuin's data-free rules: a zaaktype's doorlooptijd
 * as the ZGW Catalogi API and a CSV write it, and the comparison of the
 * members' zaaktypen (shared, differing in name or term, in one member
 * only), on hand-made lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "core/dienstverlening.h"

static void duration(const char *s, int m, int d)
{
	int mm = -1, dd = -1;
	assert_int_equal(dienstverlening_duration_parse(s, &mm, &dd), 0);
	assert_int_equal(mm, m);
	assert_int_equal(dd, d);
}

static void test_duration(void **state)
{
	(void)state;
	duration("P56D", 0, 56);
	duration("P8W", 0, 56);
	duration("56", 0, 56);
	duration(" 26 ", 0, 26);
	duration("P3M", 3, 0);
	duration("P1Y2M10D", 14, 10);
	duration("P1W3D", 0, 10);
	int m, d;
	const char *bad[] = { "", "P", "PT8H", "P8", "P1.5D", "P3D2W", "8 weken", "-5", "P9999999D", NULL };
	for (int i = 0; bad[i]; i++)
		assert_int_equal(dienstverlening_duration_parse(bad[i], &m, &d), -1);
	char t[64];
	dienstverlening_duration_text(0, 56, t, sizeof(t));
	assert_string_equal(t, "8 weken");
	dienstverlening_duration_text(0, 26, t, sizeof(t));
	assert_string_equal(t, "26 dagen");
	dienstverlening_duration_text(1, 5, t, sizeof(t));
	assert_string_equal(t, "1 maand en 5 dagen");
	dienstverlening_duration_text(0, 7, t, sizeof(t));
	assert_string_equal(t, "1 week");
	dienstverlening_duration_text(0, 0, t, sizeof(t));
	assert_string_equal(t, "geen");
}

/* Dordrecht (A), Zwijndrecht (B) and Sliedrecht (C). */
static const struct dienstverlening_zaaktype Z[] = {
	/* 0 */ { "A", "ZT-001", "Aanvraag paspoort", 0, 21 },
	/* 1 */ { "B", "zt-001 ", "aanvraag  paspoort", 0, 21 }, /* same, other case and spaces */
	/* 2 */ { "C", "ZT-001", "Aanvraag paspoort", 0, 21 },
	/* 3 */ { "A", "ZT-010", "Omgevingsvergunning regulier", 0, 56 },
	/* 4 */ { "B", "ZT-010", "Omgevingsvergunning regulier", 2, 0 }, /* another term */
	/* 5 */ { "A", "ZT-020", "Melding openbare ruimte", 0, 14 },
	/* 6 */ { "C", "ZT-020", "Melding buitenruimte", 0, 14 },  /* another name */
	/* 7 */ { "B", "B-77", "Melding openbare ruimte", 0, 14 }, /* same name, own identificatie */
	/* 8 */ { "C", "ZT-900", "Ligplaatsvergunning", 0, 56 },   /* C only */
	/* 9 */ { "A", "X-1", "Ontheffing geluid", 0, 28 },        /* A only, */
	/* 10 */ { "A", "X-2", "Ontheffing Geluid", 0, 28 },       /* twice in A: stays A's own */
};

static void test_compare(void **state)
{
	(void)state;
	struct dienstverlening_groep *g = NULL;
	size_t n = 0;
	assert_int_equal(dienstverlening_compare(Z, sizeof(Z) / sizeof(Z[0]), &g, &n), 0);
	assert_int_equal(n, 6);
	/* paspoort: in all three, alike */
	assert_int_equal(g[0].n, 3);
	assert_int_equal(g[0].norgs, 3);
	assert_int_equal(g[0].status, DIENSTVERLENING_GEDEELD);
	assert_int_equal(g[0].verschil, 0);
	/* omgevingsvergunning: term differs */
	assert_int_equal(g[1].leden[0], 3);
	assert_int_equal(g[1].leden[1], 4);
	assert_int_equal(g[1].status, DIENSTVERLENING_VERSCHILT);
	assert_int_equal(g[1].verschil, DIENSTVERLENING_TERMIJN);
	/* melding: A and C by identificatie with another name; B joins on the name */
	assert_int_equal(g[2].n, 3);
	assert_int_equal(g[2].leden[0], 5);
	assert_int_equal(g[2].leden[1], 6);
	assert_int_equal(g[2].leden[2], 7);
	assert_int_equal(g[2].status, DIENSTVERLENING_VERSCHILT);
	assert_int_equal(g[2].verschil, DIENSTVERLENING_NAAM | DIENSTVERLENING_IDENTIFICATIE);
	/* in one member only */
	assert_int_equal(g[3].leden[0], 8);
	assert_int_equal(g[3].status, DIENSTVERLENING_UNIEK);
	assert_int_equal(g[4].leden[0], 9);
	assert_int_equal(g[4].n, 1);
	assert_int_equal(g[4].status, DIENSTVERLENING_UNIEK);
	assert_int_equal(g[5].leden[0], 10);
	assert_int_equal(g[5].status, DIENSTVERLENING_UNIEK);
	assert_string_equal(dienstverlening_status_name(g[2].status), "verschilt");
	dienstverlening_groups_free(g, n);

	assert_int_equal(dienstverlening_compare(Z, 0, &g, &n), 0);
	assert_int_equal(n, 0);
	dienstverlening_groups_free(g, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration),
		cmocka_unit_test(test_compare),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
