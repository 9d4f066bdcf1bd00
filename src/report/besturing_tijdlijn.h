/* besturing_tijdlijn.h — the planning as a timeline: one row per traject, its
 * milestones as markers along a date axis, late ones marked, a
 * postponement drawn as a dashed arrow from the old deadline to the new
 * one, the reporting period shaded and its last day (the peildatum) as a
 * line. Legal deadlines beyond the axis are named at its right edge.
 *
 * The marker kinds differ in shape, not only in colour (WCAG 1.4.1): a
 * filled circle is done, a ring is open, a triangle is late, a diamond a
 * legal deadline; a legend under the chart says so.
 *
 * Output: an inline <svg> with role="img", a <title> and <desc>
 * (aria-labelledby), presentation attributes and classes only (no style
 * attribute: the pages' CSP is style-src 'self'), every text XML-escaped.
 * Deterministic: the same input gives the same bytes. Input is borrowed. */
#ifndef SAMEN_REPORT_BESTURING_TIJDLIJN_H
#define SAMEN_REPORT_BESTURING_TIJDLIJN_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"

enum plan_kind {
	PLAN_OPEN = 0,  /* not done, deadline not passed */
	PLAN_DONE,      /* done on or before its deadline (date: the day it was done) */
	PLAN_DONE_LATE, /* done after its deadline (date: the day it was done) */
	PLAN_LATE,      /* not done and the deadline has passed */
	PLAN_LEGAL,     /* a legal deadline */
};

struct plan_marker {
	const char *label;  /* what it is; the marker's tooltip (<title>) */
	int32_t date;       /* where it stands (core/date.h day number) */
	int32_t moved_from; /* the original deadline when postponed, else DATE_NONE */
	enum plan_kind kind;
};

struct plan_row {
	const char *label;    /* the traject: its task field */
	const char *sublabel; /* smaller, under it: the verband; may be NULL */
	const struct plan_marker *markers;
	size_t n;
};

struct plan_chart {
	const char *id;                 /* prefix for element ids, unique within the page */
	const char *title, *desc;       /* accessible name and description */
	int32_t period_from, period_to; /* the reporting period; period_to is the peildatum */
	const struct plan_row *rows;
	size_t nrows;
	int hide_period; /* 1: no shaded period, no peildatum (a traject's own timeline) */
};

/* Appends the <svg>. The axis runs whole months from the earliest to the
 * latest date of the period and of every marker (legal deadlines excepted,
 * which are named at the edge when beyond it). 0, or -1 when out failed. */
int besturing_tijdlijn_write(struct buf *out, const struct plan_chart *c);

#endif
