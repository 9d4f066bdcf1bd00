/* page_dienstverlening.h — the pages of the dienstverlening proeftuin of a
 * verband (docs/dienstverlening.md): pools, training programme, answer
 * base and zaaktypen, under /verbanden/{code}/dienstverlening. */
#ifndef SAMEN_WEB_PAGE_DIENSTVERLENING_H
#define SAMEN_WEB_PAGE_DIENSTVERLENING_H
#include "http/request.h"
#include "web/page_form.h"

extern const struct route page_dienstverlening_routes[];

/* Shared by page_dienstverlening*.c: the verband of the path. */
struct page_dv {
	const char *code;
	char naam[200];
	int member; /* the actor's organisation is a member */
};
/* Loads the verband (404 page) after asking for a sign-in (the pages name
 * people); 0 or -1 with the answer written. */
int page_dv_load(struct request *rq, struct response *rs, struct page_dv *dv);
/* The frame: page_begin, the path, the h1 and the tabs (current: "pools",
 * "opleidingen", "antwoorden", "zaaktypen"). */
void page_dv_begin(struct request *rq, struct response *rs, const struct page_dv *dv, const char *title, const char *current);
/* /verbanden/{code}/dienstverlening + rest, escaped for an attribute. */
void page_dv_href(struct buf *b, const struct page_dv *dv, const char *rest);
/* The location for a redirect to rest (not escaped for HTML). */
void page_dv_location(struct buf *b, const struct page_dv *dv, const char *rest);
/* Whether the actor may do action for org in this verband (policy.c). */
int page_dv_may(struct request *rq, const struct page_dv *dv, enum action action, const char *org);
/* After a POST: 303 to rest on success, else the form kept and refused
 * (page_form_refuse) back to back; audited either way. */
void page_dv_answer(struct request *rq, struct response *rs, const struct page_dv *dv, int r, const struct problem *p,
		    const struct form *f, enum action action, const char *back, const char *rest);
/* The fields of the answer form, for the error summary (page_form.h). */
extern const struct page_form_field page_dv_answer_fields[];
/* The refusal page (403, audited) for a form the actor may not send. */
void page_dv_refuse(struct request *rq, struct response *rs, const struct page_dv *dv, enum action action, const char *why);

int page_dienstverlening_antwoorden(struct request *rq, struct response *rs);
int page_dienstverlening_antwoord(struct request *rq, struct response *rs);
int page_dienstverlening_antwoord_nieuw(struct request *rq, struct response *rs);
int page_dienstverlening_antwoord_wijzig(struct request *rq, struct response *rs);
int page_dienstverlening_antwoord_variant(struct request *rq, struct response *rs);
int page_dienstverlening_zaaktypen(struct request *rq, struct response *rs);
int page_dienstverlening_zaaktypen_lees(struct request *rq, struct response *rs);

#endif
