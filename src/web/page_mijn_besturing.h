/* page_mijn_besturing.h — the tiles of "Mijn samen" for what governance
 * asks of an organisation (page_mijn_besturing.c): the consents its manager
 * gives in the urenbank (urenbank_consents_pending) and its next steps in
 * decision trails (besturing_trail_pending). Drawn with the tile helpers of
 * page_mijn.h, from its table of kinds. */
#ifndef SAMEN_WEB_PAGE_MIJN_BESTURING_H
#define SAMEN_WEB_PAGE_MIJN_BESTURING_H
#include <jansson.h>
#include "web/pages.h"

/* Merge proposals and inzet requests waiting for org's answer, each linked
 * to the proeftuin's Instemmingen page (pts: the proeftuinen of org, for
 * their names and a link each when nothing waits). */
void page_mijn_consents(struct request *rq, struct buf *b, json_t *pts, const char *org);
/* org's next decision steps, linked to the trail: in verband only (NULL:
 * every verband); raad: only the steps of the raad (to consult or inform),
 * read-only, for a raadslid. */
void page_mijn_trail(struct request *rq, struct buf *b, const char *org, const char *verband, int raad);

#endif
