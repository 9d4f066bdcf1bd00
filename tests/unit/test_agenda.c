/* The iCalendar writer (src/report/agenda.c) read back by libical's own
 * parser: every event with its UID, all-day date, summary and description
 * (commas, semicolons, backslashes, line breaks, euro signs and accents
 * survive), SEQUENCE and category; lines end in CRLF and are folded at 75
 * octets without cutting a UTF-8 character. And the report's Markdown
 * escaping and the timeline's SVG (euros and dates: test_nl.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <libical/ical.h>
#include "core/date.h"
#include "report/agenda.h"
#include "report/besturing_tijdlijn.h"
#include "report/rapportage.h"

static int32_t day(const char *s)
{
	int32_t d = 0;
	assert_int_equal(date_parse(s, &d), 0);
	return d;
}

static const char *const long_reason =
	"Contacten met Zwolle, Kampen en Provincie; vakanties. Het businessplan wordt maandag 24 september 2012 "
	"gepresenteerd: kosten € 200.000, één werkgroep, back\\slash.\nTweede regel.";

static void write_feed(struct buf *out)
{
	struct agenda_event ev[] = {
		{ "mijlpaal-3-gm0148@samen", day("2012-09-24"), "Werkgroep Inkoop doet verslag: businessplan (Inkoop)",
		  long_reason, "Mijlpaal", 1 },
		{ "wettelijk-brandweer-20140101-gm0148@samen", day("2014-01-01"), "Wettelijke deadline: Brandweer", NULL,
		  "Wettelijke deadline", 0 },
	};
	struct agenda_calendar cal = { "Samenwerking Dalfsen", (time_t)1348704000 /* 2012-09-27 00:00 UTC */, ev, 2 };
	assert_int_equal(agenda_write(&cal, out), 0);
}

static void test_parses_back(void **state)
{
	struct buf out;
	buf_init(&out, 0);
	write_feed(&out);
	icalcomponent *cal = icalparser_parse_string(buf_str(&out));
	assert_non_null(cal);
	assert_int_equal(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	assert_int_equal(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 2);
	icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_uid(e), "mijlpaal-3-gm0148@samen");
	assert_string_equal(icalcomponent_get_summary(e), "Werkgroep Inkoop doet verslag: businessplan (Inkoop)");
	assert_string_equal(icalcomponent_get_description(e), long_reason);
	struct icaltimetype start = icalcomponent_get_dtstart(e), end = icalcomponent_get_dtend(e);
	assert_true(start.is_date);
	assert_int_equal(start.year, 2012);
	assert_int_equal(start.month, 9);
	assert_int_equal(start.day, 24);
	assert_int_equal(end.day, 25);
	assert_int_equal(icalcomponent_get_sequence(e), 1);
	struct icaltimetype stamp = icalcomponent_get_dtstamp(e);
	assert_int_equal(stamp.year, 2012);
	assert_int_equal(stamp.day, 27);
	assert_true(icaltime_is_utc(stamp));
	icalproperty *cat = icalcomponent_get_first_property(e, ICAL_CATEGORIES_PROPERTY);
	assert_non_null(cat);
	assert_string_equal(icalproperty_get_categories(cat), "Mijlpaal");
	e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	assert_string_equal(icalcomponent_get_summary(e), "Wettelijke deadline: Brandweer");
	assert_int_equal(icalcomponent_get_dtstart(e).year, 2014);
	assert_null(icalcomponent_get_first_property(e, ICAL_DESCRIPTION_PROPERTY));
	icalcomponent_free(cal);
	buf_release(&out);
}

static void test_lines(void **state)
{
	struct buf out;
	buf_init(&out, 0);
	write_feed(&out);
	const char *s = buf_str(&out);
	assert_true(!strncmp(s, "BEGIN:VCALENDAR\r\n", 17));
	assert_non_null(strstr(s, "X-WR-CALNAME:Samenwerking Dalfsen\r\n"));
	assert_non_null(strstr(s, "DTSTART;VALUE=DATE:20120924\r\n"));
	int folded = 0;
	for (const char *line = s; *line;) {
		const char *crlf = strstr(line, "\r\n");
		assert_non_null(crlf); /* every line ends with CRLF */
		size_t len = (size_t)(crlf - line);
		assert_true(len <= 75);
		for (size_t i = 0; i < len; i++)
			assert_true(line[i] != '\n' && line[i] != '\r');
		/* A continuation line never starts inside a UTF-8 character. */
		if (line[0] == ' ') {
			folded++;
			assert_true(((unsigned char)line[1] & 0xC0) != 0x80);
		}
		line = crlf + 2;
	}
	assert_true(folded >= 2);
	buf_release(&out);
}

static void test_refuses_incomplete_events(void **state)
{
	struct agenda_event ev = { NULL, day("2012-01-01"), "x", NULL, NULL, 0 };
	struct agenda_calendar cal = { "x", 0, &ev, 1 };
	struct buf out;
	buf_init(&out, 0);
	assert_int_equal(agenda_write(&cal, &out), -1);
	ev.uid = "u@samen";
	ev.date = DATE_NONE;
	assert_int_equal(agenda_write(&cal, &out), -1);
	assert_int_equal(out.len, 0);
	buf_release(&out);
}

static void test_markdown_text(void **state)
{
	struct buf b;
	buf_init(&b, 0);
	rapportage_md_txt(&b, "2012. *P&O* | [x](y) <b> &amp; # 1 - 2\nregel");
	assert_string_equal(buf_str(&b), "2012\\. \\*P&O\\* \\| \\[x\\](y) \\<b\\> \\&amp; # 1 - 2 regel");
	buf_release(&b);
	buf_init(&b, 0);
	rapportage_md_txt(&b, "# kop");
	rapportage_md_txt(&b, "- lijst");
	assert_string_equal(buf_str(&b), "\\# kop\\- lijst");
	buf_release(&b);
}

static void test_timeline_svg(void **state)
{
	struct plan_marker m[] = {
		{ "Businessplan <inkoop> & \"P&O\"", day("2012-09-24"), day("2012-05-01"), PLAN_LATE },
		{ "Plan", day("2012-06-01"), DATE_NONE, PLAN_DONE },
		{ "Brandweer", day("2014-01-01"), DATE_NONE, PLAN_LEGAL },
	};
	struct plan_row rows[] = { { "Inkoop en aanbesteding", "DSZ", m, 2 }, { "Brandweer", NULL, m + 2, 1 } };
	struct plan_chart c = { "t1", "Planning", "Twee trajecten", day("2012-03-01"), day("2012-09-30"), rows, 2, 0 };
	struct buf a, b;
	buf_init(&a, 0);
	buf_init(&b, 0);
	assert_int_equal(besturing_tijdlijn_write(&a, &c), 0);
	assert_int_equal(besturing_tijdlijn_write(&b, &c), 0);
	assert_string_equal(buf_str(&a), buf_str(&b)); /* deterministic */
	const char *s = buf_str(&a);
	assert_non_null(strstr(s, "role=\"img\" aria-labelledby=\"t1-titel t1-desc\""));
	assert_non_null(strstr(s, "<title id=\"t1-titel\">Planning</title><desc id=\"t1-desc\">Twee trajecten</desc>"));
	assert_non_null(strstr(s, "Businessplan &lt;inkoop&gt; &amp; &quot;P&amp;O&quot;"));
	assert_null(strstr(s, "style="));
	assert_non_null(strstr(s, "samen-plan__mijlpaal--te-laat"));
	assert_non_null(strstr(s, "1 jan 2014 ›")); /* beyond the axis: named at the edge */
	buf_release(&a);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parses_back),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_refuses_incomplete_events),
		cmocka_unit_test(test_markdown_text),
		cmocka_unit_test(test_timeline_svg),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
