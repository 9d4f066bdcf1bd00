/* The kwaliteitskaart rules (src/core/kwaliteitskaart.h) with exact cases: levels,
 * retirement by year, absence on a date, substitution arrangements, and
 * reading a sheet as Dutch Excel saves it, error by error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/csv.h"
#include "core/date.h"
#include "core/kwaliteitskaart.h"

static int32_t day(const char *iso)
{
	int32_t d;
	assert_int_equal(date_parse(iso, &d), 0);
	return d;
}

static void test_levels_and_status(void **state)
{
	assert_string_equal(kwaliteitskaart_level_name(1), "basis");
	assert_string_equal(kwaliteitskaart_level_name(2), "ervaren");
	assert_string_equal(kwaliteitskaart_level_name(3), "expert");
	assert_null(kwaliteitskaart_level_name(0));
	assert_null(kwaliteitskaart_level_name(4));
	assert_int_equal(kwaliteitskaart_level_parse("1"), 1);
	assert_int_equal(kwaliteitskaart_level_parse(" 3 "), 3);
	assert_int_equal(kwaliteitskaart_level_parse("Expert"), 3);
	assert_int_equal(kwaliteitskaart_level_parse("ervaren"), 2);
	assert_int_equal(kwaliteitskaart_level_parse("0"), 0);
	assert_int_equal(kwaliteitskaart_level_parse("4"), 0);
	assert_int_equal(kwaliteitskaart_level_parse("2,0"), 0);
	assert_int_equal(kwaliteitskaart_level_parse("12"), 0);
	assert_int_equal(kwaliteitskaart_level_parse(""), 0);
	assert_int_equal(kwaliteitskaart_status_of(0), KWALITEITSKAART_ONTBREEKT);
	assert_int_equal(kwaliteitskaart_status_of(1), KWALITEITSKAART_EEN_PITTER);
	assert_int_equal(kwaliteitskaart_status_of(2), KWALITEITSKAART_GEDEKT);
	assert_int_equal(kwaliteitskaart_status_of(7), KWALITEITSKAART_GEDEKT);
	assert_string_equal(kwaliteitskaart_status_name(KWALITEITSKAART_ONTBREEKT), "ontbreekt");
	assert_string_equal(kwaliteitskaart_status_name(KWALITEITSKAART_EEN_PITTER), "een-pitter");
	assert_string_equal(kwaliteitskaart_status_name(KWALITEITSKAART_GEDEKT), "gedekt");
}

static void test_level_one_does_not_count(void **state)
{
	struct kwaliteitskaart_person p[] = { { 1, 1, 0, NULL, 0 }, { 2, 1, 0, NULL, 0 }, { 3, 1, 0, NULL, 0 } };
	struct kwaliteitskaart_moment m = kwaliteitskaart_moment_year(2012);
	assert_int_equal(kwaliteitskaart_count_holders(p, 3, m), 0); /* three at basis level: the competence is missing */
	p[1].niveau = 2;
	assert_int_equal(kwaliteitskaart_count_holders(p, 3, m), 1);
	p[2].niveau = 3;
	assert_int_equal(kwaliteitskaart_count_holders(p, 3, m), 2);
	p[0].niveau = 0;
	assert_int_equal(kwaliteitskaart_count_holders(p, 3, m), 2);
}

static void test_retirement_year(void **state)
{
	/* pensioenjaar 2016: there throughout 2016, gone from 1 January 2017. */
	struct kwaliteitskaart_person p = { 1, 3, 2016, NULL, 0 };
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_year(2012)));
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_year(2016)));
	assert_false(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_year(2017)));
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2016-12-31"))));
	assert_false(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2017-01-01"))));
	assert_false(kwaliteitskaart_retired(2016, 2016));
	assert_true(kwaliteitskaart_retired(2016, 2017));
	/* No pensioenjaar: no known departure. */
	assert_false(kwaliteitskaart_retired(0, 2099));
	p.pensioenjaar = 0;
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_year(2060)));
}

static void test_absence_on_a_date(void **state)
{
	struct kwaliteitskaart_absence away[] = { { day("2012-07-16"), day("2012-08-03") },
						  { day("2012-10-01"), day("2012-10-01") } };
	struct kwaliteitskaart_person p = { 1, 2, 2030, away, 2 };
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2012-07-15"))));
	assert_false(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2012-07-16")))); /* first day included */
	assert_false(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2012-08-03")))); /* last day included */
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2012-08-04"))));
	assert_false(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_date(day("2012-10-01"))));
	/* A year projection knows no absences. */
	assert_true(kwaliteitskaart_is_holder(&p, kwaliteitskaart_moment_year(2012)));
	assert_int_equal(kwaliteitskaart_moment_date(day("2012-07-16")).year, 2012);
}

static void test_een_pitter_by_absence_and_retirement(void **state)
{
	/* Two GIS experts in Staphorst: one on holiday, one retiring in 2015. */
	struct kwaliteitskaart_absence holiday[] = { { day("2012-08-06"), day("2012-08-24") } };
	struct kwaliteitskaart_person gis[] = { { 10, 3, 2015, NULL, 0 }, { 11, 2, 2031, holiday, 1 } };
	assert_int_equal(
		kwaliteitskaart_status_of(kwaliteitskaart_count_holders(gis, 2, kwaliteitskaart_moment_date(day("2012-06-01")))),
		KWALITEITSKAART_GEDEKT);
	assert_int_equal(
		kwaliteitskaart_status_of(kwaliteitskaart_count_holders(gis, 2, kwaliteitskaart_moment_date(day("2012-08-10")))),
		KWALITEITSKAART_EEN_PITTER);
	assert_int_equal(kwaliteitskaart_status_of(kwaliteitskaart_count_holders(gis, 2, kwaliteitskaart_moment_year(2015))),
			 KWALITEITSKAART_GEDEKT);
	assert_int_equal(kwaliteitskaart_status_of(kwaliteitskaart_count_holders(gis, 2, kwaliteitskaart_moment_year(2017))),
			 KWALITEITSKAART_EEN_PITTER);
	gis[1].pensioenjaar = 2016;
	assert_int_equal(kwaliteitskaart_status_of(kwaliteitskaart_count_holders(gis, 2, kwaliteitskaart_moment_year(2017))),
			 KWALITEITSKAART_ONTBREEKT);
}

static void test_substitutes(void **state)
{
	struct kwaliteitskaart_absence ill[] = { { day("2012-03-01"), day("2012-03-31") } };
	struct kwaliteitskaart_person holder = { 1, 3, 2014, NULL, 0 };
	struct kwaliteitskaart_person sub_a = { 2, 2, 2030, ill, 1 };  /* ill in March */
	struct kwaliteitskaart_person sub_b = { 3, 1, 2030, NULL, 0 }; /* only basis level */
	struct kwaliteitskaart_person sub_c = { 4, 3, 2013, NULL, 0 }; /* retires in 2013 */
	struct kwaliteitskaart_substitution s[] = {
		{ &holder, &sub_a }, { &holder, &sub_b }, { &holder, &sub_c }, { &holder, &sub_a }
	};
	size_t out[4];
	/* June 2012: a (once, though named twice) and c; b is not a holder. */
	size_t n = kwaliteitskaart_substitutes(s, 4, kwaliteitskaart_moment_date(day("2012-06-01")), out);
	assert_int_equal(n, 2);
	assert_int_equal(out[0], 0);
	assert_int_equal(out[1], 2);
	/* March 2012: a is ill. */
	n = kwaliteitskaart_substitutes(s, 4, kwaliteitskaart_moment_date(day("2012-03-15")), out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 2);
	/* 2014: c has retired. */
	n = kwaliteitskaart_substitutes(s, 4, kwaliteitskaart_moment_year(2014), out);
	assert_int_equal(n, 1);
	assert_int_equal(out[0], 0);
	/* 2015: the holder has retired; the arrangement lapses. */
	assert_int_equal(kwaliteitskaart_substitutes(s, 4, kwaliteitskaart_moment_year(2015), out), 0);
	/* The holder's own absence is when a substitute is needed: still counts. */
	struct kwaliteitskaart_absence away[] = { { day("2012-06-01"), day("2012-06-30") } };
	holder.absences = away;
	holder.nabsences = 1;
	assert_true(kwaliteitskaart_substitution_counts(&s[0], kwaliteitskaart_moment_date(day("2012-06-10"))));
}

/* ---- sheets ----------------------------------------------------------- */

static int known(const char *code, void *ctx)
{
	static const char *const codes[] = { "gba", "applicatiebeheer", "naturalisatie", "kcc", "gis", NULL };
	for (int i = 0; codes[i]; i++)
		if (!strcmp(codes[i], code))
			return 1;
	return 0;
}

static int parse(const char *text, struct kwaliteitskaart_sheet *sh)
{
	return kwaliteitskaart_sheet_parse(text, strlen(text), known, NULL, sh);
}

/* The text of error i. */
static const char *err(struct kwaliteitskaart_sheet *sh, size_t i)
{
	static char out[400];
	assert_true(i < sh->nerrors);
	kwaliteitskaart_sheet_error_text(&sh->errors[i], out, sizeof(out));
	return out;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("'%s' does not contain '%s'", hay, needle);
}

static void test_sheet_dutch_excel(void **state)
{
	/* Semicolons, CRLF, a quoted functie with a semicolon, a level as a word, an empty cell. */
	const char *text = "Naam;Functie;Uur per week;Beschikbaar;Pensioenjaar;GBA;Naturalisatie\r\n"
			   "Ans Verhoef;\"adviseur; burgerzaken\";36;8;2015;3;ervaren\r\n"
			   ";;;;;;\r\n"
			   "Kees Mol;medewerker KCC;32;0;;1;\r\n";
	struct kwaliteitskaart_sheet sh;
	assert_int_equal(parse(text, &sh), 0);
	assert_int_equal(sh.sep, ';');
	assert_int_equal(sh.ncodes, 2);
	assert_string_equal(sh.codes[0], "gba");
	assert_string_equal(sh.codes[1], "naturalisatie");
	assert_true(sh.has[KWALITEITSKAART_COL_UUR] && sh.has[KWALITEITSKAART_COL_BESCHIKBAAR] &&
		    sh.has[KWALITEITSKAART_COL_PENSIOENJAAR]);
	assert_false(sh.has[KWALITEITSKAART_COL_EMAIL]);
	assert_int_equal(sh.nrows, 2); /* the empty row is skipped */
	assert_string_equal(sh.rows[0].naam, "Ans Verhoef");
	assert_string_equal(sh.rows[0].text[KWALITEITSKAART_COL_FUNCTIE], "adviseur; burgerzaken");
	assert_int_equal(sh.rows[0].num[KWALITEITSKAART_COL_UUR], 36);
	assert_int_equal(sh.rows[0].num[KWALITEITSKAART_COL_PENSIOENJAAR], 2015);
	assert_int_equal(sh.rows[0].niveaus[0], 3);
	assert_int_equal(sh.rows[0].niveaus[1], 2);
	assert_int_equal(sh.rows[1].line, 4);
	assert_int_equal(sh.rows[1].num[KWALITEITSKAART_COL_PENSIOENJAAR], -1);
	assert_int_equal(sh.rows[1].niveaus[0], 1);
	assert_int_equal(sh.rows[1].niveaus[1], 0);
	kwaliteitskaart_sheet_release(&sh);
}

static void test_sheet_bom_comma_and_cp1252(void **state)
{
	struct kwaliteitskaart_sheet sh;
	/* CSV UTF-8 from Excel: a byte-order mark; commas. */
	assert_int_equal(parse("\xef\xbb\xbfnaam,uurPerWeek,gba\nJos\xc3\xa9 Ba\xc3\xa9z,36,2\n", &sh), 0);
	assert_int_equal(sh.encoding, CSV_UTF8_BOM);
	assert_int_equal(sh.sep, ',');
	assert_string_equal(sh.rows[0].naam, "Jos\xc3\xa9 Ba\xc3\xa9z");
	kwaliteitskaart_sheet_release(&sh);
	/* Windows-1252 (Excel's plain CSV): é is 0xE9, the euro sign 0x80. */
	assert_int_equal(parse("naam;functie;gba\nRen\xe9 Dekker;co\xf6rdinator \x80;2\n", &sh), 0);
	assert_int_equal(sh.encoding, CSV_CP1252);
	assert_string_equal(sh.rows[0].naam, "Ren\xc3\xa9 Dekker");
	assert_string_equal(sh.rows[0].text[KWALITEITSKAART_COL_FUNCTIE], "co\xc3\xb6rdinator \xe2\x82\xac");
	kwaliteitskaart_sheet_release(&sh);
}

static void test_sheet_errors(void **state)
{
	struct kwaliteitskaart_sheet sh;
	/* A bad level names line and column, and every bad cell is reported. */
	const char *text = "naam;uurPerWeek;pensioenjaar;gba;kcc\n"
			   "Ans Verhoef;36;2015;3;2\n"
			   "Kees Mol;32;2040;4;1\n"
			   "Bram Kok;99;1800;x;\n";
	assert_int_equal(parse(text, &sh), -1);
	assert_int_equal(sh.nerrors, 4);
	assert_contains(err(&sh, 0), "regel 3, kolom 'gba': niveau moet 1, 2 of 3 zijn");
	assert_contains(err(&sh, 1), "regel 4, kolom 'uurPerWeek'");
	assert_contains(err(&sh, 2), "regel 4, kolom 'pensioenjaar'");
	assert_contains(err(&sh, 3), "regel 4, kolom 'gba'");
	kwaliteitskaart_sheet_release(&sh);

	/* An unknown competence column. */
	assert_int_equal(parse("naam;gba;woz-taxatie\nAns;2;3\n", &sh), -1);
	assert_int_equal(sh.nerrors, 1);
	assert_contains(err(&sh, 0), "regel 1, kolom 'woz-taxatie': 'woz-taxatie' is geen bekende competentie");
	kwaliteitskaart_sheet_release(&sh);

	/* A person twice. */
	assert_int_equal(parse("naam;gba\nAns Verhoef;2\nKees Mol;1\n Ans Verhoef ;3\n", &sh), -1);
	assert_int_equal(sh.nerrors, 1);
	assert_contains(err(&sh, 0), "regel 4, kolom 'naam': 'Ans Verhoef' staat ook op regel 2");
	kwaliteitskaart_sheet_release(&sh);

	/* A row separated by commas under a semicolon header. */
	assert_int_equal(parse("naam;functie;uurPerWeek;gba\nAns Verhoef;adviseur;36;2\nKees Mol,adviseur,32,1\n", &sh), -1);
	assert_int_equal(sh.nerrors, 1);
	assert_contains(err(&sh, 0), "regel 3:");
	assert_contains(err(&sh, 0), "komma (,)");
	kwaliteitskaart_sheet_release(&sh);

	/* A comma inside one functie is no separator. */
	assert_int_equal(parse("naam;functie;uurPerWeek;beschikbaar;gba\nAns Verhoef;adviseur, burgerzaken\n", &sh), 0);
	kwaliteitskaart_sheet_release(&sh);

	/* No separator at all. */
	assert_int_equal(parse("naam|gba\nAns|2\n", &sh), -1);
	assert_contains(err(&sh, 0), "kan het scheidingsteken niet bepalen");
	kwaliteitskaart_sheet_release(&sh);

	/* Empty, blank, only a header, no naam column, a duplicate column. */
	assert_int_equal(parse("", &sh), -1);
	assert_contains(err(&sh, 0), "het bestand is leeg");
	kwaliteitskaart_sheet_release(&sh);
	assert_int_equal(parse("\xef\xbb\xbf\r\n \r\n", &sh), -1);
	assert_contains(err(&sh, 0), "het bestand is leeg");
	kwaliteitskaart_sheet_release(&sh);
	assert_int_equal(parse("naam;gba\r\n", &sh), -1);
	assert_contains(err(&sh, 0), "alleen een kopregel");
	kwaliteitskaart_sheet_release(&sh);
	assert_int_equal(parse("functie;gba\nadviseur;2\n", &sh), -1);
	assert_contains(err(&sh, 0), "geen kolom 'naam'");
	kwaliteitskaart_sheet_release(&sh);
	assert_int_equal(parse("naam;gba;GBA\nAns;2;3\n", &sh), -1);
	assert_contains(err(&sh, 0), "twee keer");
	kwaliteitskaart_sheet_release(&sh);

	/* More cells than columns; beschikbaar above uurPerWeek. */
	assert_int_equal(parse("naam;uurPerWeek;beschikbaar\nAns;36;8;extra\nKees;20;24\n", &sh), -1);
	assert_int_equal(sh.nerrors, 2);
	assert_contains(err(&sh, 0), "regel 2: 4 cellen, maar de kopregel heeft 3 kolommen");
	assert_contains(err(&sh, 1), "regel 3, kolom 'beschikbaarUurPerWeek'");
	kwaliteitskaart_sheet_release(&sh);

	/* An unclosed quote names the line where it opened. */
	assert_int_equal(parse("naam;functie\nAns;\"adviseur\nKees;x\n", &sh), -1);
	assert_contains(err(&sh, 0), "regel 2: een aanhalingsteken");
	kwaliteitskaart_sheet_release(&sh);

	/* UTF-16 is refused with advice. */
	assert_int_equal(kwaliteitskaart_sheet_parse("n\0a\0", 4, known, NULL, &sh), -1);
	assert_contains(err(&sh, 0), "UTF-16");
	kwaliteitskaart_sheet_release(&sh);
}

static void test_sheet_lines_with_quoted_breaks(void **state)
{
	/* A functie over two lines: the next person is on line 4. */
	struct kwaliteitskaart_sheet sh;
	assert_int_equal(parse("naam;functie;gba\nAns;\"adviseur\nburgerzaken\";2\nKees;x;5\n", &sh), -1);
	assert_int_equal(sh.rows[0].line, 2);
	assert_string_equal(sh.rows[0].text[KWALITEITSKAART_COL_FUNCTIE], "adviseur\nburgerzaken");
	assert_contains(err(&sh, 0), "regel 4, kolom 'gba'");
	kwaliteitskaart_sheet_release(&sh);
}

static void test_csv_write_and_protect(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	csv_write_field(&b, "plain", ';');
	buf_addc(&b, ';');
	csv_write_field(&b, "a;b", ';');
	buf_addc(&b, ';');
	csv_write_field(&b, "zeg \"ja\"", ';');
	buf_addc(&b, ';');
	csv_write_field(&b, "=SOM(A1)", ';');
	buf_addc(&b, ';');
	csv_write_field(&b, "a,b", ';');
	assert_string_equal(buf_str(&b), "plain;\"a;b\";\"zeg \"\"ja\"\"\";'=SOM(A1);a,b");
	/* Read back: the same text. */
	struct csv_reader r;
	struct csv_record rec;
	char e[200];
	csv_reader_init(&r, b.data, b.len, ';');
	csv_record_init(&rec);
	assert_int_equal(csv_read(&r, &rec, e, sizeof(e)), 1);
	assert_int_equal(rec.n, 5);
	assert_string_equal(rec.fields[1], "a;b");
	assert_string_equal(rec.fields[2], "zeg \"ja\"");
	assert_string_equal(csv_unprotect(rec.fields[3]), "=SOM(A1)");
	assert_string_equal(csv_unprotect("'gewoon"), "'gewoon");
	assert_int_equal(csv_read(&r, &rec, e, sizeof(e)), 0);
	csv_record_release(&rec);
	buf_release(&b);
	assert_int_equal(csv_detect_separator("a;b,c;d\n", 8), ';');
	assert_int_equal(csv_detect_separator("\"a;b\",c\n", 8), ',');
	assert_int_equal(csv_detect_separator("a\tb\n", 4), '\t');
	assert_int_equal(csv_detect_separator("ab\n", 3), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_levels_and_status),
		cmocka_unit_test(test_level_one_does_not_count),
		cmocka_unit_test(test_retirement_year),
		cmocka_unit_test(test_absence_on_a_date),
		cmocka_unit_test(test_een_pitter_by_absence_and_retirement),
		cmocka_unit_test(test_substitutes),
		cmocka_unit_test(test_sheet_dutch_excel),
		cmocka_unit_test(test_sheet_bom_comma_and_cp1252),
		cmocka_unit_test(test_sheet_errors),
		cmocka_unit_test(test_sheet_lines_with_quoted_breaks),
		cmocka_unit_test(test_csv_write_and_protect),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
