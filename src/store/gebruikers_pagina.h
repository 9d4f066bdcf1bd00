/* gebruikers_pagina.h — what the pages keep per person besides the
 * session (store/gebruikers.h): the state of a refused form, so that the
 * page can show it again at its own address (post/redirect/get), and the
 * names the header shows.
 *
 * A form state belongs to one owner (the account, or before signing in
 * the login form's cookie) and one page, and expires after
 * GEBRUIKERS_FORM_SECONDS. The caller leaves passwords and CSRF tokens
 * out of it. Functions return 0, or -1 (nothing kept or found). */
#ifndef SAMEN_STORE_GEBRUIKERS_PAGINA_H
#define SAMEN_STORE_GEBRUIKERS_PAGINA_H
#include <stddef.h>
#include <jansson.h>
#include "core/policy.h"
#include "store/store.h"

#define GEBRUIKERS_FORM_SECONDS (30 * 60)
#define GEBRUIKERS_FORM_KEY_LEN 44 /* as GEBRUIKERS_SECRET_LEN */
#define GEBRUIKERS_OWNER_LEN 72

/* The owner of a signed-in actor's forms ("g:12"), or of an anonymous
 * visitor identified by secret (the login cookie: "i:" and its hash). */
void gebruikers_form_owner(const struct actor *a, const char *secret, char out[GEBRUIKERS_OWNER_LEN]);
/* Keeps data (borrowed; serialised) for owner on page path; key receives
 * the random key that gebruikers_form_get needs. Expired states go. */
int gebruikers_form_keep(struct store *s, const char *owner, const char *path, json_t *data, char key[GEBRUIKERS_FORM_KEY_LEN]);
/* The state kept under key, when it is owner's, for path and not expired:
 * *out a new reference. */
int gebruikers_form_get(struct store *s, const char *owner, const char *path, const char *key, json_t **out);

/* The names the header shows: the person (the linked medewerker's name,
 * else the account name) and the organisation ("" when none). */
void gebruikers_actor_names(struct store *s, const struct actor *a, char *person, size_t plen, char *org, size_t olen);

/* The medewerker each account (of organisation org, or of all when NULL) is
 * linked to: {naam: {"id","naam"}} (a new object). */
json_t *gebruikers_account_links(struct store *s, const char *org);

/* For the beheerder's start page: all accounts, the active ones, the API
 * tokens that still work, and refused attempts (audit) in the last 7 days. */
void gebruikers_counts(struct store *s, long long *users, long long *active, long long *tokens, long long *refused);

#endif
