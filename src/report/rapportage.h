/* rapportage.h — the stand-van-zaken report: how an organisation's cooperation
 * stands over a period, for its council ("Stand van zaken bestuurlijke
 * samenwerking", after Dalfsen's notes of March and September 2012).
 *
 * Two steps:
 *   rapportage_build()     gathers the document model from the store: the
 *                     progress data of besturing_report_data() (decisions,
 *                     milestones met, late and postponed, what comes next,
 *                     business cases) enriched with the business case of
 *                     every partner, the partners per verband, the legal
 *                     deadlines, the hour balances of the proeftuinen the
 *                     organisation is in, and its vulnerability where the
 *                     kwaliteitskaart gives one. docs/rapportage.md lists
 *                     the fields.
 *   rapportage_html(), rapportage_markdown(), rapportage_pdf()
 *                     render that model in Dutch. Every text from the
 *                     model goes through an escaper (HTML or Markdown);
 *                     literal markup comes only from this module.
 *
 * The HTML has no style attributes, <style> or <script> (the pages' CSP):
 * its look, including the A4 print layout, is /static/rapport.css.
 * The model is a jansson object the caller owns (json_decref). */
#ifndef SAMEN_REPORT_RAPPORTAGE_H
#define SAMEN_REPORT_RAPPORTAGE_H
#include <jansson.h>
#include <stddef.h>
#include "core/buf.h"
#include "core/problem.h"
#include "report/rapportage_schrijver.h" /* rapportage_md_txt(), the Markdown escaping */

struct store;

/* The model of org over [van, tot] (dates "YYYY-MM-DD", both included).
 * 0, or -400 (bad or missing argument, invalid params named organisatie,
 * van, tot) / -404 (unknown organisation) with p filled. */
int rapportage_build(struct store *s, const char *org, const char *van, const char *tot, json_t **doc, struct problem *p);

struct rapportage_html_options {
	int standalone;      /* 1: a whole document with <head>; 0: an <article> for a page */
	const char *md_href; /* links shown above the report (not printed); NULL: none */
	const char *agenda_href;
	const char *pdf_href;
};
/* Appends the report as HTML. 0, or -1 when out failed. */
int rapportage_html(json_t *doc, const struct rapportage_html_options *opt, struct buf *out);
/* Appends the report as Markdown (CommonMark with pipe tables). */
int rapportage_markdown(json_t *doc, struct buf *out);
/* Appends the report as a PDF: A4, the same chapters, tables and planning
 * chart as the HTML, page numbers in the footer ("pagina 2 van 7"), laid
 * out with cairo and pango (report/rapportage_pdf.c). 0, or -1 when the
 * document could not be made. */
int rapportage_pdf(json_t *doc, struct buf *out);

/* Dates, euros and hours in the text are written by core/nl.h, HTML is
 * escaped by core/escape.h; the parts of the report share
 * report/rapportage_intern.h; the writer is report/rapportage_schrijver.h. */

#endif
