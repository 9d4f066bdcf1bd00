/* page_audit.h — the audit log in the words people use
 * (page_audit_woorden.c), for the audit page (page_audit.c) and for
 * whatever else shows audit records (Mijn gegevens: who processed my data).
 *
 * A record as the store keeps it (store/gebruikers.h) holds codes and
 * addresses: "manager-dordrecht (manager, GM0505)", "uren-goedkeuren",
 * "POST /proeftuinen/dt2012/uren/5/goedkeuren: dt2012", "gelukt (303)", a
 * time in UTC. These write it as "manager-dordrecht (manager, Dordrecht)",
 * "uren goedkeuren", "Uren goedkeuren — Proeftuin beleid Drechtsteden
 * 2012", "gelukt", and the time in the Netherlands. Everything escaped. */
#ifndef SAMEN_WEB_PAGE_AUDIT_H
#define SAMEN_WEB_PAGE_AUDIT_H
#include "web/pages.h"

/* <time datetime="…">8 maart 2012, 14:05</time> (Europe/Amsterdam). */
void page_audit_when(struct buf *b, const char *tijdstempel);
/* The actor with the organisation's name instead of its code. */
void page_audit_who(struct request *rq, struct buf *b, const char *actor);
/* The action: "uren-goedkeuren" → "uren goedkeuren". */
void page_audit_action(struct buf *b, const char *actie);
/* What was done on what: the page's or API operation's description and
 * the object by its name ("via de API" for the API). */
void page_audit_what(struct request *rq, struct buf *b, const char *object);
/* "gelukt (303)" → "gelukt"; "geweigerd (403)" → "geweigerd". */
void page_audit_result(struct buf *b, const char *resultaat);

/* The same words as plain text, for the audit log's CSV. */
void page_audit_who_text(struct request *rq, struct buf *b, const char *actor);
void page_audit_action_text(struct buf *b, const char *actie);
void page_audit_what_text(struct request *rq, struct buf *b, const char *object);
void page_audit_result_text(struct buf *b, const char *resultaat);

#endif
