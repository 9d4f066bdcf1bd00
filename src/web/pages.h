/* pages.h — the page handlers (one file per page: page_register.c,
 * page_register_organisatie.c, page_register_verband.c, page_register_netwerk.c, static.c) and the
 * pieces they share (page_common.c). The route table is in web.c.
 *
 * Every helper writes through html.h, so text is escaped on the way in.
 * JSON arguments are borrowed, never stolen. */
#ifndef SAMEN_WEB_PAGES_H
#define SAMEN_WEB_PAGES_H
#include <jansson.h>
#include "core/date.h"
#include "web/html.h"

int page_home(struct request *rq, struct response *rs);
int page_organisatie(struct request *rq, struct response *rs);
int page_verband(struct request *rq, struct response *rs);
int page_netwerk(struct request *rq, struct response *rs);
/* The route tables of page_gebruikers.c (sign in and out) and page_audit.c. */
extern const struct route page_gebruikers_routes[];
extern const struct route page_audit_routes[];
/* Managing accounts (page_gebruikers_beheer.c): /beheer/gebruikers. */
extern const struct route page_gebruikers_beheer_routes[];

/* /static/{name}: the embedded style sheets. */
int static_serve(struct request *rq, struct response *rs);

/* The date the user asked for in ?datum=, or today when it is absent or
 * empty. Returns 0, or -1 when it is not a valid date (out then holds
 * today). */
int page_query_date(struct request *rq, char out[DATE_TEXT_LEN]);

/* An enumeration value in readable Dutch ("gezamenlijke-uitvoering" →
 * "gezamenlijke uitvoering", "beeindigd" → "beëindigd"), escaped. */
void page_label(struct buf *b, const char *value);
/* The values of a JSON string array as readable Dutch, joined by ", ". */
void page_label_list(struct buf *b, json_t *values);

/* {code: naam} for a list [{"code","naam"}]; caller frees with json_decref. */
json_t *page_names(json_t *list);
/* The naam of code in names, or code itself when unknown. */
const char *page_name(json_t *names, const char *code);

/* Links to an organisation and a verband page. */
void page_org_link(struct buf *b, const char *code, const char *naam);
void page_verband_link(struct buf *b, const char *code, const char *naam);
/* Organisations (codes) as links with their names, sorted by name and
 * joined by ", "; "—" when the list is empty. */
void page_org_links(struct buf *b, json_t *names, json_t *codes);

/* The start of a table: a container that scrolls sideways on narrow
 * screens (it takes focus, so it scrolls by keyboard too; the table's
 * caption names it), <table> with an optional modifier class ("samen-table--wide")
 * and its <caption>. Close it with page_table_end(). */
void page_table_begin(struct buf *b, const char *caption, const char *modifier);
void page_table_end(struct buf *b);
/* <th scope="col"> cells for a NULL-terminated list of headers; a header
 * starting with '#' is a numeric column (the '#' is not shown). */
void page_table_head(struct buf *b, const char *const headers[]);

/* A labelled input in the NL Design System form-field markup, with its
 * error message (aria-invalid, aria-describedby) when error is set: every
 * form field of the pages. type is an <input> type, or "textarea" (three
 * rows). */
struct page_input {
	const char *id, *label, *type, *value, *error;
	const char *name;         /* the form name, or NULL for the id */
	const char *field_class;  /* an extra class on the field, or NULL */
	const char *autocomplete; /* or NULL */
	const char *hint;         /* a description under the label, or NULL */
	int required;
};
void page_input_field(struct buf *b, const struct page_input *in);
/* Its parts, for a control it does not draw (a <select>): the field up to
 * the control (label, error message), the control's aria-invalid and
 * aria-describedby when in->error is set, and the end of the field. */
void page_field_begin(struct buf *b, const struct page_input *in);
void page_field_invalid(struct buf *b, const struct page_input *in);
void page_field_end(struct buf *b);
/* The field up to and with the opening <select> tag (its class, id, name
 * or the id, aria attributes); multiple lets one choose several. The
 * caller writes the options, then "</select>" and page_field_end(). */
void page_select_open(struct buf *b, const struct page_input *in, int multiple);

/* The quick links to the dates of the seed documents and today, as
 * links to base?datum=…[&extra]; current is marked aria-current. extra is
 * a ready query string fragment ("taakveld=ict") or NULL, and is escaped
 * here. */
void page_date_links(struct buf *b, const char *base, const char *current, const char *extra);
/* An organisation's name for its code (into out, of len bytes); the code
 * itself when samen does not know it, "" for NULL. Returns out. */
const char *page_org_name(struct request *rq, const char *code, char *out, size_t len);
/* A box with an error message, placed above what it is about. */
void page_alert(struct buf *b, const char *message);

#endif
