/* urenbank_saldi.h — the balance chart of a proeftuin's hours exchange: one
 * horizontal bar per member for its saldo (gebracht − gehaald + gestort),
 * to the right of a zero line when it brought more than it took, to the
 * left when it took more, and the credit limit drawn as a dashed line at
 * −kredietlimiet: how far a saldo may go below zero before the member's
 * drawing rights run out (less what is still committed).
 *
 * Input is the array urenbank_saldi() gives (store/urenbank.h): per member
 * {"organisatie","naam","saldoMinuten","kredietlimietMinuten",…}. The
 * output is an inline <svg role="img"> with <title> and <desc> (the desc
 * lists every saldo, so a screen reader hears the numbers); the page shows
 * the same numbers as a table beside it. Deterministic (integer geometry,
 * same input, same bytes), every text escaped here, no style attributes
 * (the pages' CSP is style-src 'self'): colours are presentation
 * attributes, classes "samen-saldi…" let a stylesheet adjust them. The
 * caller keeps ownership of the JSON. */
#ifndef SAMEN_REPORT_URENBANK_SALDI_H
#define SAMEN_REPORT_URENBANK_SALDI_H
#include <jansson.h>
#include "core/buf.h"

struct urenbank_saldi_options {
	const char *title; /* becomes <title>: the chart's accessible name */
	const char *desc;  /* becomes <desc>; NULL: every saldo and the limit, in words */
	const char *id;    /* prefix of the ids of title and desc; NULL: "samen-saldi" */
};

/* Appends the <svg> element to out. Returns 0, or -1 when out failed (cap
 * or memory). Rows without an integer saldoMinuten are drawn as zero. */
int urenbank_saldi_write(struct buf *out, json_t *saldi, const struct urenbank_saldi_options *opt);

#endif
