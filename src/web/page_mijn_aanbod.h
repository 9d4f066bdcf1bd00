/* page_mijn_aanbod.h — the tile of "Mijn samen" for offers of capacity
 * (page_mijn_aanbod.c): what the other members of the manager's proeftuinen
 * offer now, and the way to offer what the own organisation can spare
 * (store/urenbank_aanbod.h). Drawn with the tile helpers of page_mijn.h. */
#ifndef SAMEN_WEB_PAGE_MIJN_AANBOD_H
#define SAMEN_WEB_PAGE_MIJN_AANBOD_H
#include <jansson.h>
#include "web/pages.h"

/* pts: the proeftuinen of org ([{"code","naam"}]); nothing when none. */
void page_mijn_aanbod(struct request *rq, struct buf *b, json_t *pts, const char *org);

#endif
