/* agenda.h — the agenda of an organisation as iCalendar (RFC 5545), for
 * Outlook and other calendars: every milestone of the trajecten it takes
 * part in and every legal deadline (wettelijke deadline) of those
 * trajecten, the meetings of its verbanden (each date of a recurring series
 * up to a year ahead, with agenda and minutes), the reports planned for its
 * raad and the evaluation moments, as all-day events.
 *
 * The calendar is written by libical, which escapes text (, ; \ and line
 * breaks), folds lines at 75 octets and ends lines with CRLF.
 *
 * It carries no METHOD (a feed, not an iTIP message) and always the
 * VTIMEZONE of Europe/Amsterdam, so that it is valid also without events.
 *
 * Stability: an event's UID depends only on what it is about (the
 * milestone id, or the task field and date of a legal deadline), the
 * organisation whose feed it is and the public host name of the server
 * (globally unique, RFC 5545 3.8.4.7), so a calendar that subscribes again
 * updates its events instead of adding them twice. SEQUENCE counts the
 * postponements of a milestone, so a moved deadline replaces the old one.
 *
 * agenda_write() is pure: plain structs in, text out. agenda_build() gathers
 * the events from the store. Both append to out; the caller owns out. */
#ifndef SAMEN_REPORT_AGENDA_H
#define SAMEN_REPORT_AGENDA_H
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "core/buf.h"
#include "core/problem.h"

struct store;

struct agenda_event {
	const char *uid;         /* globally unique and stable, e.g. "mijlpaal-12-gm0148@samen.example.nl" */
	int32_t date;            /* the day (core/date.h day number) */
	const char *summary;     /* one line: what happens */
	const char *description; /* may be NULL; may contain line breaks */
	const char *category;    /* may be NULL: "Mijlpaal", "Wettelijke deadline" */
	int sequence;            /* 0 for a new event; +1 per change of its date */
};

struct agenda_calendar {
	const char *name; /* X-WR-CALNAME: what a calendar program shows */
	time_t stamp;     /* DTSTAMP of every event: when the feed was made */
	const struct agenda_event *events;
	size_t nevents;
};

/* Appends the VCALENDAR to out. Returns 0, or -1 when libical refused
 * something (a date out of range) or out failed. */
int agenda_write(const struct agenda_calendar *cal, struct buf *out);

/* A host name for UIDs: name up to a ':' (a port), in lower case, in out.
 * -1 when it is empty or holds anything but letters, digits, '-' and '.'. */
int agenda_host(const char *name, char *out, size_t len);

/* The feed of organisation org: 0, or -404 (unknown organisation) / -500
 * with p filled. host is the public host name (agenda_host) the UIDs end
 * in; stamp is the DTSTAMP (the caller passes time(NULL)). */
int agenda_build(struct store *s, const char *org, const char *host, time_t stamp, struct buf *out, struct problem *p);

#endif
