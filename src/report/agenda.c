/* The agenda as iCalendar through libical. See agenda.h. */
#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libical/ical.h>
#include "core/date.h"
#include "core/nl.h"
#include "report/agenda.h"
#include "store/register.h"
#include "store/besturing.h"

static pthread_once_t agenda_once = PTHREAD_ONCE_INIT;

/* libical's process-wide settings, and its UTC zone, which it builds on
 * first use: once, before any thread writes a calendar. */
static void agenda_init(void)
{
	icalerror_set_errors_are_fatal(0);
	(void)icaltimezone_get_utc_timezone();
}

/* Europe/Amsterdam with the EU rule (the last Sundays of March and October). */
#define AGENDA_VTIMEZONE                                                                                         \
	"BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\n"                                                           \
	"BEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\n" \
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\n"                                             \
	"BEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\n"  \
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"

static struct icaltimetype agenda_date(int32_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	struct icaltimetype t = icaltime_null_date();
	t.year = y, t.month = m, t.day = d;
	t.is_date = 1;
	return t;
}

static int add(icalcomponent *c, icalproperty *prop)
{
	if (!prop)
		return -1;
	icalcomponent_add_property(c, prop);
	return 0;
}

int agenda_write(const struct agenda_calendar *cal, struct buf *out)
{
	pthread_once(&agenda_once, agenda_init);
	icalcomponent *vc = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!vc)
		return -1;
	int bad = 0;
	bad |= add(vc, icalproperty_new_version("2.0"));
	bad |= add(vc, icalproperty_new_prodid("-//samen//Agenda samenwerking//NL"));
	bad |= add(vc, icalproperty_new_calscale("GREGORIAN"));
	/* No METHOD: a feed to subscribe to is no iTIP message (RFC 5546), which
	 * would need an ORGANIZER. */
	if (cal->name) {
		icalproperty *x = icalproperty_new_x(cal->name);
		if (x)
			icalproperty_set_x_name(x, "X-WR-CALNAME");
		bad |= add(vc, x);
	}
	/* Dutch time, as every date in samen: it also keeps a calendar without
	 * events valid, since RFC 5545 asks for at least one component. */
	icalcomponent *tz = icalcomponent_new_from_string(AGENDA_VTIMEZONE);
	if (tz)
		icalcomponent_add_component(vc, tz);
	else
		bad = 1;
	struct icaltimetype stamp = icaltime_from_timet_with_zone(cal->stamp, 0, icaltimezone_get_utc_timezone());
	for (size_t i = 0; i < cal->nevents && !bad; i++) {
		const struct agenda_event *e = &cal->events[i];
		if (e->date == DATE_NONE || !e->uid || !e->summary) {
			bad = 1;
			break;
		}
		icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		if (!ev) {
			bad = 1;
			break;
		}
		bad |= add(ev, icalproperty_new_uid(e->uid));
		bad |= add(ev, icalproperty_new_dtstamp(stamp));
		bad |= add(ev, icalproperty_new_dtstart(agenda_date(e->date)));
		bad |= add(ev, icalproperty_new_dtend(agenda_date(e->date + 1)));
		bad |= add(ev, icalproperty_new_summary(e->summary));
		/* An empty DESCRIPTION is invalid (RFC 5545): none then. */
		if (e->description && e->description[0])
			bad |= add(ev, icalproperty_new_description(e->description));
		if (e->category)
			bad |= add(ev, icalproperty_new_categories(e->category));
		bad |= add(ev, icalproperty_new_sequence(e->sequence));
		bad |= add(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
		icalcomponent_add_component(vc, ev);
	}
	char *text = bad ? NULL : icalcomponent_as_ical_string_r(vc);
	icalcomponent_free(vc);
	if (!text)
		return -1;
	int r = buf_adds(out, text);
	free(text);
	return r < 0 ? -1 : 0;
}

/* ---- the feed of an organisation ------------------------------------------- */

/* The growing list of events; their texts live in one json array. */
struct agenda {
	struct agenda_event *ev;
	size_t n, cap;
	json_t *texts; /* keeps the strings the events point at */
};

static const char *keep(struct agenda *a, const char *text)
{
	json_t *s = json_string(text ? text : "");
	if (!s)
		return "";
	json_array_append_new(a->texts, s);
	return json_string_value(s);
}

static int push(struct agenda *a, const struct agenda_event *e)
{
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 32;
		struct agenda_event *ev = realloc(a->ev, cap * sizeof(*ev));
		if (!ev)
			return -1;
		a->ev = ev, a->cap = cap;
	}
	a->ev[a->n++] = *e;
	return 0;
}

/* The code in lower case, for UIDs ("GM0148" → "gm0148"). */
static void lower(const char *in, char *out, size_t len)
{
	size_t i = 0;
	for (; in && in[i] && i + 1 < len; i++)
		out[i] = (char)tolower((unsigned char)in[i]);
	out[i] = '\0';
}

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static void milestone_event(struct agenda *a, json_t *m, json_t *vnames, const char *org_lc, const char *host)
{
	int32_t day;
	if (date_parse(str(m, "deadline"), &day) < 0)
		return;
	char uid[400], d1[40], d2[40];
	snprintf(uid, sizeof(uid), "mijlpaal-%lld-%s@%s", (long long)json_integer_value(json_object_get(m, "id")), org_lc, host);
	const char *vnaam = json_string_value(json_object_get(vnames, str(m, "verband") ? str(m, "verband") : ""));
	struct buf sum, desc;
	buf_init(&sum, 4096);
	buf_init(&desc, 64 * 1024);
	buf_printf(&sum, "%s (%s)", str(m, "titel"), str(m, "taakveldNaam") ? str(m, "taakveldNaam") : str(m, "taakveld"));
	buf_printf(&desc, "Mijlpaal van het traject %s in %s.", str(m, "taakveldNaam") ? str(m, "taakveldNaam") : "",
		   vnaam ? vnaam : str(m, "verband"));
	if (str(m, "verantwoordelijke"))
		buf_printf(&desc, "\nVerantwoordelijk: %s.", str(m, "verantwoordelijke"));
	if (str(m, "omschrijving"))
		buf_printf(&desc, "\n%s", str(m, "omschrijving"));
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(m, "uitstel"), i, u) {
		nl_date(str(u, "oudeDeadline"), d1, sizeof(d1));
		nl_date(str(u, "nieuweDeadline"), d2, sizeof(d2));
		buf_printf(&desc, "\nUitgesteld van %s naar %s. Reden: %s", d1, d2, str(u, "reden") ? str(u, "reden") : "");
	}
	json_t *gereed = json_object_get(m, "gereed");
	if (json_is_object(gereed)) {
		nl_date(str(gereed, "datum"), d1, sizeof(d1));
		buf_printf(&desc, "\nGereed op %s.", d1);
	}
	struct agenda_event e = { keep(a, uid),
				  day,
				  keep(a, buf_str(&sum)),
				  keep(a, buf_str(&desc)),
				  "Mijlpaal",
				  (int)json_array_size(json_object_get(m, "uitstel")) };
	push(a, &e);
	buf_release(&sum);
	buf_release(&desc);
}

/* One event per legal deadline: the same task field and date in several
 * verbanden (the brandweer in DSZ and in the veiligheidsregio) is one
 * obligation. */
static void deadline_events(struct agenda *a, json_t *trajecten, json_t *vnames, const char *org_lc, const char *host)
{
	json_t *seen = json_object();
	size_t i;
	json_t *t;
	json_array_foreach(trajecten, i, t) {
		const char *wd = str(t, "wettelijkeDeadline");
		int32_t day;
		if (!wd || date_parse(wd, &day) < 0)
			continue;
		char key[160];
		snprintf(key, sizeof(key), "%s|%s", str(t, "taakveld"), wd);
		if (json_object_get(seen, key))
			continue;
		json_object_set_new(seen, key, json_true());
		struct buf sum, desc;
		buf_init(&sum, 4096);
		buf_init(&desc, 16 * 1024);
		buf_printf(&sum, "Wettelijke deadline: %s", str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
		char d[40];
		nl_date(wd, d, sizeof(d));
		buf_printf(&desc, "De wet vraagt dat %s uiterlijk %s geregeld is. Trajecten:",
			   str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"), d);
		size_t k;
		json_t *o;
		json_array_foreach(trajecten, k, o) {
			if (!json_equal(json_object_get(o, "taakveld"), json_object_get(t, "taakveld")) ||
			    !json_equal(json_object_get(o, "wettelijkeDeadline"), json_object_get(t, "wettelijkeDeadline")))
				continue;
			const char *vn = json_string_value(json_object_get(vnames, str(o, "verband") ? str(o, "verband") : ""));
			buf_printf(&desc, "\n- %s (fase %s)", vn ? vn : str(o, "verband"), str(o, "fase") ? str(o, "fase") : "");
		}
		char uid[400], tv[64], ymd[16];
		lower(str(t, "taakveld"), tv, sizeof(tv));
		snprintf(ymd, sizeof(ymd), "%.4s%.2s%.2s", wd, wd + 5, wd + 8);
		snprintf(uid, sizeof(uid), "wettelijk-%s-%s-%s@%s", tv, ymd, org_lc, host);
		struct agenda_event e = { keep(a, uid),          day, keep(a, buf_str(&sum)), keep(a, buf_str(&desc)),
					  "Wettelijke deadline", 0 };
		push(a, &e);
		buf_release(&sum);
		buf_release(&desc);
	}
	json_decref(seen);
}

/* The meetings of the verbanden org belongs to, each date of each series
 * up to a year from now; the reports planned for its raad; the evaluation
 * moments of its verbanden and trajecten. */
static void governance_events(struct agenda *a, struct store *s, const char *org, json_t *vnames, const char *org_lc,
			      const char *host)
{
	char till[DATE_TEXT_LEN];
	date_format(date_today() + 366, till);
	json_t *list = NULL;
	struct problem q;
	size_t i;
	json_t *x;
	problem_init(&q);
	if (besturing_meeting_list(s, NULL, org, "1900-01-01", till, &list, &q) == 0)
		json_array_foreach(list, i, x) {
			int32_t day;
			if (date_parse(str(x, "datum"), &day) < 0)
				continue;
			char uid[400];
			snprintf(uid, sizeof(uid), "overleg-%lld-%s-%s@%s",
				 (long long)json_integer_value(json_object_get(x, "id")), str(x, "datum"), org_lc, host);
			struct buf desc;
			buf_init(&desc, 64 * 1024);
			const char *vn = str(vnames, str(x, "verband"));
			buf_printf(&desc, "%s", vn ? vn : str(x, "verband"));
			if (str(x, "agenda"))
				buf_printf(&desc, "\nAgenda: %s", str(x, "agenda"));
			if (str(x, "verslag"))
				buf_printf(&desc, "\nVerslag: %s", str(x, "verslag"));
			struct agenda_event e = { keep(a, uid), day, keep(a, str(x, "titel")), keep(a, buf_str(&desc)),
						  "Overleg",    0 };
			buf_release(&desc);
			push(a, &e);
		}
	json_decref(list);
	list = NULL;
	problem_init(&q);
	if (besturing_report_plan_list(s, org, NULL, &list, &q) == 0)
		json_array_foreach(list, i, x) {
			int32_t day;
			if (date_parse(str(x, "datum"), &day) < 0)
				continue;
			char uid[400], sum[400];
			snprintf(uid, sizeof(uid), "rapportage-%lld-%s@%s",
				 (long long)json_integer_value(json_object_get(x, "id")), org_lc, host);
			snprintf(sum, sizeof(sum), "%s aan de raad (%s)", str(x, "titel"), str(x, "wanneer"));
			struct agenda_event e = {
				keep(a, uid), day, keep(a, sum), keep(a, str(x, "toelichting")), "Rapportage", 0
			};
			push(a, &e);
		}
	json_decref(list);
	/* Evaluations: of each verband org was a member of, and its trajecten. */
	json_t *o = NULL;
	problem_init(&q);
	if (register_org_get(s, org, &o, &q) == 0) {
		json_t *seen = json_object();
		json_array_foreach(json_object_get(o, "verbanden"), i, x) {
			const char *v = str(x, "verband");
			if (!v || json_object_get(seen, v))
				continue;
			json_object_set_new(seen, v, json_true());
			list = NULL;
			problem_init(&q);
			if (besturing_evaluation_list(s, v, 0, &list, &q) < 0)
				continue;
			size_t k;
			json_t *e;
			json_array_foreach(list, k, e) {
				int32_t day;
				if (date_parse(str(e, "datum"), &day) < 0)
					continue;
				char uid[400], sum[500];
				snprintf(uid, sizeof(uid), "evaluatie-%lld-%s@%s",
					 (long long)json_integer_value(json_object_get(e, "id")), org_lc, host);
				snprintf(sum, sizeof(sum), "Evaluatie: %s (%s)", str(e, "titel"), str(e, "wanneer"));
				struct agenda_event ev = { keep(a, uid), day, keep(a, sum), keep(a, str(e, "omschrijving")),
							   "Evaluatie",  0 };
				push(a, &ev);
			}
			json_decref(list);
		}
		json_decref(seen);
	}
	json_decref(o);
}

static int event_cmp(const void *x, const void *y)
{
	const struct agenda_event *a = x, *b = y;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	return strcmp(a->uid, b->uid);
}

int agenda_host(const char *name, char *out, size_t len)
{
	size_t i = 0;
	for (const char *c = name; c && *c && *c != ':' && i + 1 < len; c++) {
		char l = (char)tolower((unsigned char)*c);
		if (!((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9') || l == '-' || l == '.'))
			return -1;
		out[i++] = l;
	}
	out[i] = '\0';
	return i && out[0] != '.' && out[0] != '-' ? 0 : -1;
}

int agenda_build(struct store *s, const char *org, const char *host, time_t stamp, struct buf *out, struct problem *p)
{
	json_t *o = NULL, *trajecten = NULL, *mijlpalen = NULL;
	int r = register_org_get(s, org, &o, p);
	if (r < 0)
		return r;
	struct agenda a = { NULL, 0, 0, json_array() };
	json_t *vnames = register_verband_names(s); /* not register_verband_list: every membership of every verband */
	size_t i;
	json_t *x;
	char org_lc[48];
	lower(org, org_lc, sizeof(org_lc));
	struct besturing_ms_filter f = { 0, NULL, org, NULL, NULL, NULL, NULL };
	if ((r = register_traject_list(s, org, NULL, NULL, &trajecten, p)) < 0 ||
	    (r = besturing_milestone_list(s, &f, &mijlpalen, p)) < 0)
		goto out;
	json_array_foreach(mijlpalen, i, x)
		milestone_event(&a, x, vnames, org_lc, host);
	deadline_events(&a, trajecten, vnames, org_lc, host);
	governance_events(&a, s, org, vnames, org_lc, host);
	if (a.n)
		qsort(a.ev, a.n, sizeof(*a.ev), event_cmp);
	char name[300];
	snprintf(name, sizeof(name), "Samenwerking %s: mijlpalen, deadlines en overleggen",
		 str(o, "naam") ? str(o, "naam") : org);
	struct agenda_calendar cal = { name, stamp, a.ev, a.n };
	if (agenda_write(&cal, out) < 0)
		r = problem_set(p, 500, "De agenda van %s kon niet als iCalendar worden geschreven.", org);
out:
	free(a.ev);
	json_decref(a.texts);
	json_decref(vnames);
	json_decref(trajecten);
	json_decref(mijlpalen);
	json_decref(o);
	return r;
}
