/* urenbank_rapport.h — the proeftuin's reports to the colleges (issue 11,
 * point 4; docs/urenbank.md "Rapportage aan de colleges"): the tussentijdse
 * rapportage and the eindevaluatie met adviesrapportage, after seed 002 ("Via
 * tussentijdse rapportage blijft het college geïnformeerd … De proeftuin wordt
 * afgesloten met een adviesrapportage").
 *
 * Two steps, as the stand van zaken (rapportage.h):
 *   urenbank_rapport_build()   gathers the model: the recorded report
 *                              (store/urenbank_rapporten.h: kind, period,
 *                              advice), the evaluation figures over its
 *                              period (store/urenbank_evaluatie.h), the work
 *                              stock at its end and at the end of every
 *                              quarter before, and the leerervaringen and
 *                              bijsturing of the period. Nothing is copied
 *                              when the report is adopted: the figures are
 *                              the bookings' as they are now.
 *   urenbank_rapport_html(), _markdown(), _pdf()
 *                              write it in Dutch for a council member, with
 *                              the one writer of rapportage_schrijver.h: the
 *                              figures with the chart of who brought and who
 *                              took, the work stock, the lessons, the
 *                              efficiency potential as a range, and the
 *                              advice: the process manager's choice with its
 *                              argument, whether a DVO is needed (computed
 *                              from the balances, core/urenbank_advies.h) and
 *                              whether the figures carry a taakstelling. Each
 *                              figure names the list it comes from.
 *
 * The model is a jansson object the caller owns (json_decref). */
#ifndef SAMEN_REPORT_URENBANK_RAPPORT_H
#define SAMEN_REPORT_URENBANK_RAPPORT_H
#include <jansson.h>
#include <stddef.h>
#include "core/buf.h"
#include "core/problem.h"

struct store;

/* The model of report id of proeftuin pt: 0, or -404 (unknown proeftuin
 * or report) / -500 with p filled. */
int urenbank_rapport_build(struct store *s, const char *pt, long long id, json_t **doc, struct problem *p);

struct urenbank_rapport_html_options {
	int standalone;      /* 1: a whole document with <head>; 0: an <article> for a page */
	const char *md_href; /* links shown above the report (not printed); NULL: none */
	const char *pdf_href;
	int titled; /* 1: the page around it already has the title as its <h1>: no second one */
};
/* Appends the report as HTML, Markdown or PDF (A4, with page numbers).
 * 0, or -1 when out failed or the document could not be made. */
int urenbank_rapport_html(json_t *doc, const struct urenbank_rapport_html_options *opt, struct buf *out);
int urenbank_rapport_markdown(json_t *doc, struct buf *out);
int urenbank_rapport_pdf(json_t *doc, struct buf *out);
/* The title a reader sees: "Tussentijdse rapportage Proeftuin beleid …"
 * or "Eindevaluatie en adviesrapportage …", into out. */
void urenbank_rapport_title(json_t *doc, char *out, size_t len);
/* A file name without extension: "tussentijdse-rapportage-dt2012-2012-06-30". */
void urenbank_rapport_filename(json_t *doc, char *out, size_t len);

#endif
