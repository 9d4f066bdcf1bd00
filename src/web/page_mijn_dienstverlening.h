/* page_mijn_dienstverlening.h — the tile of "Mijn samen" for the
 * dienstverlening proeftuin (page_mijn_dienstverlening.c): per verband the
 * organisation takes part in, what is overdue and the links to its four
 * lines of work. Drawn with the tile helpers of page_mijn.h. */
#ifndef SAMEN_WEB_PAGE_MIJN_DIENSTVERLENING_H
#define SAMEN_WEB_PAGE_MIJN_DIENSTVERLENING_H
#include "web/pages.h"

/* org: the manager's organisation (NULL for the network); verband: the
 * process manager's scope (NULL: every verband). */
void page_mijn_dienstverlening(struct request *rq, struct buf *b, const char *org, const char *verband);

#endif
