/* urenbank_leren.h — the proeftuin-MT's leerervaringen and bijsturing
 * (issue 11, docs/urenbank.md "Leerervaringen en bijsturing"): dated
 * records of a theme, what was learned or decided, and the follow-up.
 * Who may write is for the caller to ask policy.c (leerervaring-vastleggen).
 *
 * Conventions as urenbank.h: 0, or -status with p filled (400 a field,
 * 404 an unknown proeftuin or record); outputs are new references the
 * caller owns, in the API's shape Leerervaring:
 *   {"id","proeftuin","soort","datum","thema","inhoud","vervolg"?,"aangemaakt","door","gewijzigd"?} */
#ifndef SAMEN_STORE_URENBANK_LEREN_H
#define SAMEN_STORE_URENBANK_LEREN_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

/* in: {"soort","datum","thema","inhoud","vervolg"?}. */
int urenbank_les_create(struct store *s, const struct actor *by, const char *pt, json_t *in, json_t **out, struct problem *p);
/* Replaces the fields of record id with those of in (as create). */
int urenbank_les_update(struct store *s, const struct actor *by, const char *pt, long long id, json_t *in, json_t **out,
			struct problem *p);
int urenbank_les_delete(struct store *s, const char *pt, long long id, struct problem *p);
int urenbank_les_get(struct store *s, const char *pt, long long id, json_t **out, struct problem *p);
/* By date, oldest first; soort NULL: both kinds (400 for another value). */
int urenbank_les_list(struct store *s, const char *pt, const char *soort, json_t **out, struct problem *p);

#endif
