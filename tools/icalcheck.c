/* icalcheck — reads an iCalendar text on stdin and says what libical finds
 * wrong with it in its strictest mode: unknown tokens are errors, every
 * X-LIC-ERROR the parser inserts counts, and the RFC 5545/5546 restrictions
 * (icalrestriction_check: which properties a component must or may have,
 * for its METHOD or without one) must hold. A VCALENDAR needs at least one
 * component (RFC 5545 3.6). Exit 0 when clean, 1 with the problems on
 * stderr. The agenda tests run it on what GET /api/v1/agenda serves. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libical/ical.h>

static int report(icalcomponent *c, int depth)
{
	int n = 0;
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
		fprintf(stderr, "icalcheck: %s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(c)),
			icalproperty_get_xlicerror(p));
		n++;
	}
	for (icalcomponent *s = icalcomponent_get_first_component(c, ICAL_ANY_COMPONENT); s;
	     s = icalcomponent_get_next_component(c, ICAL_ANY_COMPONENT))
		n += report(s, depth + 1);
	return n;
}

int main(void)
{
	size_t cap = 1 << 16, len = 0, r;
	char *text = malloc(cap + 1);
	while (text && (r = fread(text + len, 1, cap - len, stdin)) > 0) {
		len += r;
		if (len == cap) {
			char *more = realloc(text, 2 * cap + 1);
			if (!more)
				break;
			text = more, cap *= 2;
		}
	}
	if (!text)
		return 2;
	text[len] = '\0';
	icalerror_set_errors_are_fatal(0);
	ical_set_unknown_token_handling_setting(ICAL_TREAT_AS_ERROR);
	icalcomponent *cal = icalparser_parse_string(text);
	if (!cal || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		fprintf(stderr, "icalcheck: geen VCALENDAR\n");
		return 1;
	}
	int bad = 0;
	if (icalcomponent_count_components(cal, ICAL_ANY_COMPONENT) == 0) {
		fprintf(stderr, "icalcheck: een VCALENDAR zonder component (RFC 5545 3.6)\n");
		bad++;
	}
	if (!icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY) ||
	    !icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY)) {
		fprintf(stderr, "icalcheck: VERSION of PRODID ontbreekt\n");
		bad++;
	}
	if (!icalrestriction_check(cal))
		fprintf(stderr, "icalcheck: de beperkingen van RFC 5545/5546 gelden niet\n");
	bad += report(cal, 0);
	icalcomponent_free(cal);
	free(text);
	return bad ? 1 : 0;
}
