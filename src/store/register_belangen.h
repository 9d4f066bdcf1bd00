/* register_belangen.h — what the members of a verband should know of each
 * other (seed 003 §4 "Belangen", issue 17): per member its visie en
 * kernwaarden, its organisatiebelang, and its position on the verband's end
 * goal ('de stip op de horizon'), tempo, inhoud and schaal.
 *
 * A member records its interests as a dated version; versions are only
 * added (the schema refuses UPDATE and DELETE). The interests on a date are
 * each member's latest version on or before it (of two on one date, the
 * later recorded). Results are in the shape of the API (docs/api.md
 * "Belangen") and owned by the caller; on failure p says why and the
 * function returns -p->status (400 a field, 404 the verband, 422 a rule:
 * the organisation is no member of the verband on that date). */
#ifndef SAMEN_STORE_REGISTER_BELANGEN_H
#define SAMEN_STORE_REGISTER_BELANGEN_H
#include <jansson.h>
#include "store/store.h"

/* in: {"organisatie","datum","visieKernwaarden"?:[tekst],"organisatiebelang"?:[tekst],
 *      "eindperspectief"?,"tempo"?,"inhoud"?,"schaal"?,"toelichting"?}, at least one
 * of the first six filled in. by is who records it (NULL: "systeem"). *out
 * the new version (may be NULL). */
int register_belangen_create(struct store *s, const char *by, const char *verband, json_t *in, json_t **out, struct problem *p);
/* [Belang]: each member of verband on date (NULL: today) with the version in
 * force then, by the member's name; members without one are left out. */
int register_belangen_list(struct store *s, const char *verband, const char *date, json_t **out, struct problem *p);
/* [Belang]: every version of verband, of organisation org (NULL: all), by
 * the member's name, then date and the order they were recorded. */
int register_belangen_history(struct store *s, const char *verband, const char *org, json_t **out, struct problem *p);

#endif
