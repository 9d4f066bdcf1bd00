/* register_netwerkkaart.h — the network picture: organisations on a circle and a
 * line for every pair that works together, as an inline <svg> element for
 * a page or a report.
 *
 * Input is JSON as the store gives it: orgs [{"code","naam"}]
 * (register_org_list) and links [{"a","b","taakvelden":[codes]}]
 * (register_links). A line grows wider with the number of shared
 * taakvelden. Organisations that work together sit close on the circle, so
 * that each partnership shows as a cluster and lines cross less.
 *
 * The output is deterministic (same input, same bytes), every text is
 * XML-escaped here, and it carries no style attributes (the pages' CSP is
 * style-src 'self'): colours are presentation attributes, and classes
 * "samen-netwerk…" let a stylesheet adjust them. The caller keeps ownership
 * of the JSON; nothing is retained. */
#ifndef SAMEN_REPORT_REGISTER_NETWERKKAART_H
#define SAMEN_REPORT_REGISTER_NETWERKKAART_H
#include <jansson.h>
#include "core/buf.h"

struct register_netwerkkaart_options {
	const char *title;   /* becomes <title>; the picture's accessible name */
	const char *desc;    /* becomes <desc> */
	json_t *order_links; /* links that decide the order on the circle; NULL: links */
	int only_linked;     /* 1: leave out organisations without a line */
};

/* Appends the <svg> element to out. Returns 0, or -1 when out failed (cap
 * or memory). Links naming an organisation not in orgs are skipped. */
int register_netwerkkaart_write(struct buf *out, json_t *orgs, json_t *links, const struct register_netwerkkaart_options *opt);

#endif
