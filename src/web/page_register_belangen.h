/* page_register_belangen.h — the interests of the members of a verband on
 * the pages (page_register_belangen.c, store register_belangen.h): on the
 * verband page the roles of the verband (the communicatieadviseur as first
 * contact among them), each member's visie en kernwaarden,
 * organisatiebelang and position, earlier versions, and the form for whoever
 * may record them; on a scoring page the same interests beside the scores. */
#ifndef SAMEN_WEB_PAGE_REGISTER_BELANGEN_H
#define SAMEN_WEB_PAGE_REGISTER_BELANGEN_H
#include <jansson.h>
#include "web/pages.h"

/* The sections of /verbanden/{code} for verband v (as the register gives it). */
void page_register_belangen_verband(struct request *rq, struct buf *b, json_t *v);
/* "Belangen van de partners" for the organisations partners (codes) of
 * verband: one disclosure per partner, for beside the scores of a scoring. */
void page_register_belangen_naast(struct request *rq, struct buf *b, const char *verband, json_t *partners);
/* POST /verbanden/{code}/belangen: a member's new version. */
int page_register_belangen_post(struct request *rq, struct response *rs);

#endif
