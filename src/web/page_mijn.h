/* page_mijn.h — Mijn samen: what samen holds for the person signed in.
 *   GET /mijn            the start page after signing in: per role what
 *                        waits (with counts and direct links) and every job
 *                        of the role one click away (page_mijn.c)
 *   GET /mijn/uren       the hours the person booked, per proeftuin and
 *                        status (page_mijn_gegevens.c)
 *   GET /mijn/gegevens   inzage: everything samen holds about the person
 *                        (AVG art. 15), readable (page_mijn_gegevens.c)
 * All of them need a signed-in account; the last two a medewerker the
 * account is linked to (otherwise they say whom to ask). */
#ifndef SAMEN_WEB_PAGE_MIJN_H
#define SAMEN_WEB_PAGE_MIJN_H
#include <jansson.h>
#include "web/pages.h"

extern const struct route page_mijn_routes[];

int page_mijn_uren(struct request *rq, struct response *rs);
int page_mijn_gegevens(struct request *rq, struct response *rs);

/* The proeftuinen (from urenbank_proeftuin_list) the actor's organisation
 * is a member of, or all for an actor without one (a new array). */
json_t *page_mijn_proeftuinen(struct request *rq);
/* "Mijn samen" breadcrumb and <h1>. */
void page_mijn_title(struct buf *b, const char *title);
/* A tile of "Wat op u wacht": <li> with the count (in attention when it
 * needs the person), what it counts, a note, links; then its end. */
void page_mijn_tile_begin(struct buf *b, long long count, const char *what, int attention);
void page_mijn_tile_note(struct buf *b, const char *text);
void page_mijn_links_begin(struct buf *b);
void page_mijn_link(struct buf *b, const char *href, const char *text);
void page_mijn_links_end(struct buf *b);
void page_mijn_tile_end(struct buf *b);

#endif
