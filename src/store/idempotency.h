/* idempotency.h — the stored responses behind Idempotency-Key, for every
 * POST that honours the header (http/idempotency.h serves the exchange).
 * A response is stored per user and key with a fingerprint of the request,
 * inside the same transaction as the operation it answers. */
#ifndef SAMEN_STORE_IDEMPOTENCY_H
#define SAMEN_STORE_IDEMPOTENCY_H
#include "store/store.h"

struct idempotency_stored_response {
	int status;
	char content_type[80];
	char *body; /* malloc'd; the caller frees it */
};
/* Looks up the response stored for (user, key). 1 = found (out filled),
 * 0 = none, -422 = the key was used for a different request (another
 * fingerprint). */
int idempotency_find(struct store *s, long long user, const char *key, const char *fingerprint,
		     struct idempotency_stored_response *out, struct problem *p);
/* Stores the response; call inside the same transaction as the operation. */
int idempotency_store(struct store *s, long long user, const char *key, const char *fingerprint, int status,
		      const char *content_type, const char *body, struct problem *p);

#endif
