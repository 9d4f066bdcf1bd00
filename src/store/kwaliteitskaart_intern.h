/* kwaliteitskaart_intern.h — what the store's kwaliteitskaart_*.c files
 * share, and nothing else includes: lookups, the 422 for an unknown
 * reference, the day of a moment and setting one level. The public
 * interface is kwaliteitskaart.h. */
#ifndef SAMEN_STORE_KWALITEITSKAART_INTERN_H
#define SAMEN_STORE_KWALITEITSKAART_INTERN_H
#include "core/date.h"
#include "core/kwaliteitskaart.h"
#include "store/store.h"

/* The id of competence code, or 0 when there is none. */
long long kwaliteitskaart_competence_id(struct store *s, const char *code);
/* The organisation id of medewerker id, or 0 when there is none. */
long long kwaliteitskaart_staff_org_id(struct store *s, long long id);
/* A reference in the body that does not exist: 422 with the field named. */
__attribute__((format(printf, 3, 4))) int kwaliteitskaart_unknown_ref(struct problem *p, const char *field, const char *fmt, ...);
/* The day a moment is about for memberships and absences. */
void kwaliteitskaart_moment_day(struct kwaliteitskaart_moment m, char out[DATE_TEXT_LEN]);
/* Sets (niveau 1..3) or removes (0) medewerker id's level in competence
 * cid inside an open transaction; *changed says whether anything changed. */
int kwaliteitskaart_put_level(struct store *s, long long id, long long cid, int niveau, int *changed, struct problem *p);
/* The same; fresh: the medewerker was just created and has no levels yet (nothing to read first). */
int kwaliteitskaart_put_level_new(struct store *s, long long id, long long cid, int niveau, int fresh, int *changed,
				  struct problem *p);

#endif
