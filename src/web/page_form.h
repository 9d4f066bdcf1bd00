/* page_form.h — forms that keep their context.
 *
 * Post/redirect/get: a page that refuses a form keeps what was typed and
 * why (store/gebruikers_pagina.h, never a password or the CSRF token) and
 * sends the browser back to the form's own page with ?formulier=KEY#fouten
 * (page_form_refuse). page_begin puts an error summary in the NL Design
 * System pattern at the top of that page (html_error_summary: a heading and
 * every problem as a link to its field); the page loads the form
 * (page_form_load) and shows it again with what was typed. The summary has id "fouten" and tabindex -1, so the
 * #fouten of the address gives it the focus, also without JavaScript, and a
 * screen reader reads it first. Reload shows the same; nothing is sent twice.
 *
 * The fields of a page are told apart by a hidden field "formulier" (the
 * form's name, page_form_is) when a page has several forms.
 *
 * Repeatable rows ("meer regels"), for lists in people's words instead of
 * programmer syntax: the fields of row n of list "og" are named "og.n.field"
 * (n from 1). A submit button name="meer" value="og" asks for more rows:
 * the handler keeps the form as it is (page_form_more) and the page draws
 * what was typed and three empty rows more. */
#ifndef SAMEN_WEB_PAGE_FORM_H
#define SAMEN_WEB_PAGE_FORM_H
#include <jansson.h>
#include "http/form.h"
#include "web/pages.h"

/* How a problem's invalid param (as the store names it) is shown: the id
 * of its field on the page and the field's label. A param may hold "[]"
 * for a row index: "opdrachtgevers[]" matches "opdrachtgevers[2]" and its
 * ".sub" params; "{n}" in id and label becomes the row number (index + 1).
 * A NULL param ends the list. */
struct page_form_field {
	const char *param, *id, *label;
};

/* What a refused form left, loaded on the GET of its page. */
struct page_form {
	int loaded;
	struct form f;
	json_t *state; /* {"detail","status","fouten":[{"veld","label","reden","param"}],"velden"} */
};

/* After a refused POST: keeps f (its fields) and p (why, its params mapped
 * through fields, which may be NULL) for the page back (a path on this site,
 * with or without a query), and answers 303 to back?formulier=KEY#fouten.
 * The response's status is 303; the caller audits the refusal itself. */
void page_form_refuse(struct request *rq, struct response *rs, const char *back, const struct form *f, const struct problem *p,
		      const struct page_form_field *fields);
/* After a "meer regels" button: keeps f and answers 303 to
 * back?formulier=KEY#<list>-rijen with three more rows of list. */
void page_form_more(struct request *rq, struct response *rs, const char *back, const struct form *f, const char *list);
/* The list a "meer" button asked more rows for, or NULL. */
const char *page_form_more_asked(const struct form *f);

/* Loads the state ?formulier= names, when it is this person's and this
 * page's. 1 loaded, 0 not. Always release. */
int page_form_load(struct request *rq, struct page_form *pf);
void page_form_release(struct page_form *pf);
/* Whether the loaded form was the one named which (its "formulier" field;
 * a page with one form passes NULL: any loaded form). */
int page_form_is(const struct page_form *pf, const char *which);
/* What was typed in field name of form which (NULL: any), or dflt when no
 * such form was loaded or it did not hold the field. */
const char *page_form_value(const struct page_form *pf, const char *which, const char *name, const char *dflt);
/* The problem with field id, or NULL. */
const char *page_form_error(const struct page_form *pf, const char *id);
/* The number of rows to draw for list: the highest n of "list.n.…" in the
 * form typed (or the loaded one when typed is NULL; "meer" added three
 * empty ones), at least min. */
int page_form_rows(const struct page_form *pf, const struct form *typed, const char *list, int min);

/* (The error summary of a refused form is written by page_begin, first in
 * <main>: html_error_summary.) For pages that look fields' errors up by the
 * store's names: the refusal again as a problem, params by the store's
 * names, with an empty title (it has been summed up). */
void page_form_problem(const struct page_form *pf, struct problem *p);
/* The summary for a problem shown without a redirect (the form answered at
 * once with status 4xx), its params mapped through fields; nothing for a
 * problem without a title (page_form_problem). */
void page_form_summary_problem(struct buf *b, const struct problem *p, const struct page_form_field *fields);

/* Opens a POST form to action with the CSRF field and, when which is not
 * NULL, the hidden field formulier=which. */
void page_form_begin(struct request *rq, struct buf *b, const char *action, const char *which, const char *cls);
/* A row of fields of a repeatable list: <fieldset> with the legend
 * "<noun> <n>" (n from 1); close with page_form_row_end. */
void page_form_row_begin(struct buf *b, const char *list, int n, const char *noun);
void page_form_row_end(struct buf *b);
/* A form with "meer regels" buttons starts with this copy of its main
 * button: Enter in a field submits the form with the first submit button,
 * which would otherwise be a "meer" button. Hidden and out of the tab
 * order; the visible main button comes at the end as usual. */
void page_form_default_button(struct buf *b, const char *label);
/* The "meer regels" button of list, and the anchor it returns to. */
void page_form_more_button(struct buf *b, const char *list, const char *label);
/* The id and name of field of row n of list: "<list>-<n>-<field>" and
 * "<list>.<n>.<field>". */
void page_form_row_id(char *out, size_t len, const char *list, int n, const char *field);
void page_form_row_name(char *out, size_t len, const char *list, int n, const char *field);

/* Puts the row numbers back into the store's "list[k]…" params: the k-th
 * element of the list the store got came from row rows[k] (of n), so that
 * "{n}" of a struct page_form_field names the row the person filled in. */
void page_form_remap(struct problem *p, const char *list, const int *rows, int n);

/* A <select> in the field markup of page_input_field: options as
 * NULL-terminated value/label pairs; a first empty option with label
 * empty_label when it is not NULL. */
void page_select_field(struct buf *b, const struct page_input *in, const char *const *options, const char *empty_label);
/* The same with options from a JSON list of objects: value from key, text
 * from label_key (value when it has none). */
void page_select_json(struct buf *b, const struct page_input *in, json_t *list, const char *key, const char *label_key,
		      const char *empty_label);

/* A path on this site that may follow sign-in: it starts with one '/',
 * holds no backslash, control character or scheme, and is not the sign-in
 * or sign-out page itself. */
int page_safe_return(const char *path);

#endif
