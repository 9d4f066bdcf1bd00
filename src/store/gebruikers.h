/* gebruikers.h — users, API tokens, sessions, failed sign-ins and the audit
 * log in the store.
 *
 * Secrets (tokens, session ids) are random, shown once, and stored only as
 * a BLAKE2b hash; passwords as Argon2id (libsodium crypto_pwhash_str with
 * the INTERACTIVE limits). The audit log is append-only (the schema refuses
 * updates and deletes) and never holds a password or token.
 *
 * Functions that change something validate first, write in one
 * transaction, and return 0 or -status with p set (400 bad field, 404
 * unknown account, 409 duplicate name, 422 unknown organisation or verband
 * or a rule). JSON results are owned by the caller (json_decref).
 * Authorisation is not done here: callers ask the policy first. */
#ifndef SAMEN_STORE_GEBRUIKERS_H
#define SAMEN_STORE_GEBRUIKERS_H
#include <stdio.h>
#include <jansson.h>
#include "core/policy.h"
#include "store/page.h"
#include "store/listing.h"
#include "store/store.h"

#define GEBRUIKERS_SECRET_LEN 44   /* 32 random bytes, URL-safe base64, and NUL */
#define GEBRUIKERS_PASSWORD_MIN 10 /* characters (UTF-8 code points) */
#define GEBRUIKERS_PASSWORD_MAX 1024
#define GEBRUIKERS_NAME_MAX 100   /* bytes */
#define GEBRUIKERS_MAX_FAILURES 5 /* failed sign-ins before a name is locked from that address */
#define GEBRUIKERS_LOCK_SECONDS (15 * 60)

int gebruikers_init(void); /* libsodium; once per process */
/* A fresh random secret (URL-safe base64). */
void gebruikers_new_secret(char out[GEBRUIKERS_SECRET_LEN]);

/* When there are no users yet: creates beheerder "beheerder" whose API token
 * is token. Returns 1 when created, 0 when users existed, <0 on error. */
int gebruikers_bootstrap_admin(struct store *s, const char *token, struct problem *p);

/* Fills a from a valid, unrevoked token of an active user: 0, or -1. */
int gebruikers_identify_token(struct store *s, const char *token, struct actor *a);

/* ---- accounts ---- */

/* Checks a login name: 1..GEBRUIKERS_NAME_MAX bytes of UTF-8, no control
 * characters, no '/', no surrounding spaces. 0, or -400 with p set. */
int gebruikers_check_name(const char *naam, struct problem *p);
/* Checks a new password: at least GEBRUIKERS_PASSWORD_MIN characters. */
int gebruikers_check_password(const char *wachtwoord, struct problem *p);

struct gebruiker_spec {
	const char *naam;
	const char *organisatie; /* code; NULL only for a beheerder */
	const char *rol;
	const char *verband;    /* code; required for stuurgroep, optional for procesmanager */
	const char *wachtwoord; /* NULL: no password login (token only) */
};
/* Creates the account; *out is it as JSON:
 * {"naam","rol","organisatie","verband","actief","heeftWachtwoord","aangemaakt"}. */
int gebruikers_user_create(struct store *s, const struct gebruiker_spec *in, json_t **out, struct problem *p);

/* What the policy needs to know about an existing account. */
struct gebruiker_info {
	long long id;
	enum role role;
	char org[40];
	char verband[48];
	int active;
};
int gebruikers_user_info(struct store *s, const char *naam, struct gebruiker_info *out, struct problem *p);
int gebruikers_user_get(struct store *s, const char *naam, json_t **out, struct problem *p);
/* All accounts, or those of organisation org, by name. */
json_t *gebruikers_user_list(struct store *s, const char *org);
json_t *gebruikers_user_page(struct store *s, const char *org, struct store_page *pg); /* one page (store/page.h) */
/* New role (and verband; organisatie NULL keeps the current one). */
int gebruikers_user_set_role(struct store *s, const char *naam, const char *rol, const char *verband, const char *organisatie,
			     json_t **out, struct problem *p);
/* New password; ends the account's sessions and lifts a lockout. */
int gebruikers_user_set_password(struct store *s, const char *naam, const char *wachtwoord, struct problem *p);
/* Disables the account: no sign-in, its sessions end, its tokens stop working. */
int gebruikers_user_disable(struct store *s, const char *naam, struct problem *p);

/* ---- API tokens ---- */

/* Issues a token for naam; token receives the secret (shown once), *out
 * {"id","gebruiker","token","omschrijving","aangemaakt"}. */
int gebruikers_token_create(struct store *s, const char *naam, const char *omschrijving, char token[GEBRUIKERS_SECRET_LEN],
			    json_t **out, struct problem *p);
/* [{"id","omschrijving","aangemaakt","ingetrokken"}] of naam. */
int gebruikers_token_list(struct store *s, const char *naam, json_t **out, struct problem *p);
int gebruikers_token_page(struct store *s, const char *naam, struct store_page *pg, json_t **out, struct problem *p);
/* Revokes token id (already revoked: fine). 0, or -404. owner receives the
 * account name when not NULL. */
int gebruikers_token_revoke(struct store *s, long long id, char owner[GEBRUIKERS_NAME_MAX + 1], struct problem *p);

/* ---- sessions ---- */

enum gebruikers_login_result {
	GEBRUIKERS_LOGIN_OK = 0,
	GEBRUIKERS_LOGIN_FAILED = -1, /* unknown name, wrong password, disabled: indistinguishable */
	GEBRUIKERS_LOGIN_LOCKED = -2, /* too many failures from this address; try again after retry_after seconds */
	GEBRUIKERS_LOGIN_ERROR = -3,
	GEBRUIKERS_LOGIN_BUSY = -4, /* every Argon2id slot is taken; try again after retry_after seconds */
};
struct gebruikers_session {
	char secret[GEBRUIKERS_SECRET_LEN]; /* the cookie value */
	char csrf[GEBRUIKERS_SECRET_LEN];
	long long expires; /* unix time */
	struct actor actor;
};
#define GEBRUIKERS_NAME_HASH_LEN 33 /* hex of 16 bytes, and NUL */
/* What a sign-in attempt tells beyond its result. */
struct gebruikers_attempt {
	int known;             /* an account has this name (for the audit log) */
	int failures;          /* on failure: recent failures of the name from every address (for the delay) */
	long long retry_after; /* locked or busy: seconds */
	char name_hash[16];    /* the first 12 hex digits of the keyed hash of the name, for the audit log */
};
/* Verifies naam/wachtwoord from client address adres (always spending the
 * Argon2id time, also for an unknown name) and opens a session of lifetime
 * seconds. After GEBRUIKERS_MAX_FAILURES failures of a name from one
 * address, that name is locked for GEBRUIKERS_LOCK_SECONDS from that
 * address only. Argon2id runs with bounded concurrency: BUSY when no slot
 * is free. Names are counted as a keyed hash, never stored as typed. */
/* fn is called (from the thread that hashed) each time a hashing slot
 * comes free, so that a sign-in that found them all taken (BUSY) can run
 * again at once instead of polling. NULL: nobody is told. */
void gebruikers_on_hash_free(void (*fn)(void));
enum gebruikers_login_result gebruikers_login(struct store *s, const char *naam, const char *wachtwoord, const char *adres,
					      long long lifetime, struct gebruikers_session *out, struct gebruikers_attempt *at);
/* The keyed hash (hex) of a login name as typed: 0, or -1 (then out is "?"). */
int gebruikers_name_hash(struct store *s, const char *naam, char out[GEBRUIKERS_NAME_HASH_LEN]);
/* Fills a (with a->csrf) from an unexpired session of an active user: 0, or -1. */
int gebruikers_identify_session(struct store *s, const char *secret, struct actor *a);
/* Ends the session with this secret. */
void gebruikers_logout(struct store *s, const char *secret);

/* ---- audit ---- */

/* Appends one audit record. actor is what readers see ("anoniem" when
 * unknown); actor_naam the bare account name or NULL. Invalid UTF-8 is
 * replaced, so that every record can be read back as JSON. */
void gebruikers_audit_by(struct store *s, const char *actor, const char *actor_naam, const char *actie, const char *object,
			 const char *resultaat, const char *oorsprong);
void gebruikers_audit(struct store *s, const char *actor, const char *actie, const char *object, const char *resultaat,
		      const char *oorsprong);

struct audit_filter {
	const char *van;   /* YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, inclusive; NULL = no bound */
	const char *tot;   /* idem, inclusive (a date means the whole day) */
	const char *actor; /* account name; NULL = everyone */
	long long voor;    /* only records with id < voor; 0 = no bound */
	long long offset;  /* records to skip */
	int limit;         /* 1..1000 */
	/* The audit page's table (store/listing.h): search in actor, actie,
	 * object and resultaat, sort on tijdstip/actor/actie/resultaat, and
	 * its limit and offset instead of the two above; NULL: newest first. */
	const struct listing *listing;
	long long *total; /* when not NULL: the records of the selection, before paging */
};
/* Checks van/tot: 0, or -400 with p set. */
int gebruikers_audit_filter_check(const struct audit_filter *f, struct problem *p);
/* [{"id","tijdstempel","actor","actie","object","resultaat","oorsprong"}],
 * newest first. */
int gebruikers_audit_list(struct store *s, const struct audit_filter *f, json_t **out, struct problem *p);
/* Calls fn with every record ({"tijdstempel","actor","actie","object",
 * "resultaat","oorsprong"} in that order), oldest first; stops when fn
 * returns non-zero and returns that. */
int gebruikers_audit_each(struct store *s, int (*fn)(json_t *rec, void *ctx), void *ctx);

/* ---- demo ---- */

/* Creates one demo account per role with a random password and prints
 * naam, rol, organisatie, verband and wachtwoord to out. An existing
 * "beheerder" (the SAMEN_ADMIN_TOKEN one) gets a password instead. */
int gebruikers_create_demo_users(struct store *s, FILE *out);

#endif
