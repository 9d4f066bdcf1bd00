/* accounts.h — users, API tokens, sessions and the audit log in the store.
 *
 * Secrets (tokens, session ids) are random, shown once, and stored only as
 * a BLAKE2b hash; passwords as Argon2id (libsodium crypto_pwhash_str).
 * The audit log is append-only (the schema refuses updates and deletes) and
 * never holds a password or token. */
#ifndef SAMEN_ACCOUNTS_H
#define SAMEN_ACCOUNTS_H
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

#define ACCOUNTS_SECRET_LEN 44 /* 32 random bytes, URL-safe base64, and NUL */

int accounts_init(void); /* libsodium; once per process */
/* A fresh random secret (URL-safe base64). */
void accounts_new_secret(char out[ACCOUNTS_SECRET_LEN]);

/* When there are no users yet: creates beheerder "beheerder" whose API token
 * is token. Returns 1 when created, 0 when users existed, <0 on error. */
int accounts_bootstrap_admin(struct store *s, const char *token, struct problem *p);

/* Fills a from a valid, unrevoked token of an active user: 0, or -1. */
int accounts_identify_token(struct store *s, const char *token, struct actor *a);

/* Appends one audit record. actor is a name ("anoniem" when unknown). */
void accounts_audit(struct store *s, const char *actor, const char *actie, const char *object,
		    const char *resultaat, const char *oorsprong);

#endif
