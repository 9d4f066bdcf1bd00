/* html.h — writing HTML safely (after cgit's html.c). No text reaches a
 * page except through html_txt() or html_attr(); numbers through
 * html_int(). Literal markup is written with html_raw(), and only for
 * string constants in the code.
 *
 * page_begin()/page_end() write the frame every page shares: the NL Design
 * System (Utrecht) CSS, a header with navigation that shows only what the
 * actor may use, a skip link, and the main landmark. */
#ifndef SAMEN_WEB_HTML_H
#define SAMEN_WEB_HTML_H
#include <jansson.h>
#include "core/buf.h"
#include "http/request.h"

void html_raw(struct buf *b, const char *literal);
void html_txt(struct buf *b, const char *text); /* escape_html() (core/escape.h): & < > " ' */
/* before, text and after, only when text is set (not NULL): " (", "ICT", ")". */
void html_txt_around(struct buf *b, const char *before, const char *text, const char *after);
void html_attr(struct buf *b, const char *text); /* same, for inside "…" */
void html_int(struct buf *b, long long v);
/* nl_int() of core/nl.h: a dot between thousands, 1.140.000. */
void html_int_grouped(struct buf *b, long long v);
/* nl_date() of core/nl.h: "YYYY-MM-DD" as "8 maart 2012"; text that is
 * not a valid date is written escaped as it is. */
void html_date(struct buf *b, const char *iso);
/* A URL path segment: percent-encodes everything but unreserved chars. */
void html_url_segment(struct buf *b, const char *text);
/* <a href="href">text</a>, both escaped. */
void html_link(struct buf *b, const char *href, const char *text);
/* An NL Design System list: html_list_begin writes an optional h3 heading
 * (NULL: none) and opens the ul; html_list_item opens one li (the caller
 * closes it); html_list_end closes the ul. */
void html_list_begin(struct buf *b, const char *heading);
void html_list_item(struct buf *b);
void html_list_end(struct buf *b);

/* Begins a page: status 200, text/html, <head>, header, nav, <main>, and
 * in it first the error summary of a refused form of this page, when the
 * address names one (?formulier=, web/page_form.h). */
void page_begin(struct request *rq, struct response *rs, const char *title);
/* Closes <main>, writes the footer, closes the document. */
void page_end(struct request *rq, struct response *rs);
/* A whole error page (404, 403, …) with a Dutch explanation. */
void page_error(struct request *rq, struct response *rs, int status, const char *message);
/* The href of the sign-in page that returns to this page afterwards
 * (/inloggen?terug=…), escaped for an attribute. */
void html_login_href(struct request *rq, struct buf *b);
/* The error summary in the NL Design System pattern: a heading, detail,
 * and each error of errors ([{"veld","label","reden"}]) as a link to its
 * field; id "fouten" with tabindex -1, so that #fouten gives it the focus. */
void html_error_summary(struct buf *b, const char *detail, json_t *errors);
/* The hidden CSRF input for a form of the signed-in actor. */
void html_csrf_field(struct request *rq, struct buf *b);

#endif
