/* auth.h — who is asking, and the guards every request passes: sessions
 * (login and logout for the API and the login page), the session cookie,
 * CSRF tokens, and the central refusal of anonymous or forged state
 * changes.
 *
 * The router calls, for every request:
 *   auth_begin()           the client's address behind a trusted proxy
 *   identify (router.c)    Bearer token, else auth_identify_session()
 *   auth_guard()           anonymous POST/PUT/PATCH/DELETE → 401; a cookie
 *                          session's state change without its CSRF token
 *                          (X-CSRF-Token header, or form field csrf) → 403;
 *                          token requests are exempt
 *   the handler            asks the policy (authz.h) and audits
 *   auth_finish()          audits a state change (or 401/403) that no
 *                          handler recorded
 *
 * Sign-in itself (POST /api/v1/sessies, POST /inloggen) is open to
 * anonymous requests; the login form carries a pre-session CSRF token
 * (double-submit cookie samen_inlog), the API login demands a JSON body,
 * which a cross-site form cannot send.
 *
 * Environment: SAMEN_SESSIE_MINUTEN (session lifetime, default 480; a
 * fraction such as 0.05 is allowed), SAMEN_PROXY (address of a trusted
 * reverse proxy: from it X-Real-IP is the client and X-Forwarded-Proto:
 * https counts as TLS). */
#ifndef SAMEN_HTTP_AUTH_H
#define SAMEN_HTTP_AUTH_H
#include "http/request.h"
#include "store/gebruikers.h"

#define AUTH_SESSION_COOKIE "samen_sessie"
#define AUTH_LOGIN_COOKIE "samen_inlog"
#define AUTH_CSRF_HEADER "X-CSRF-Token"
#define AUTH_BUSY_WAIT_MS 10000 /* how long a sign-in waits for a hashing slot before it gets 429 */

void auth_begin(struct request *rq);
/* Fills rq->actor (with actor.csrf) from a valid session cookie; leaves it
 * anonymous otherwise. Returns 0. */
int auth_identify_session(struct request *rq);
/* 0 to go on, or -1 with rs filled (and audited). */
int auth_guard(struct request *rq, struct response *rs);
void auth_finish(struct request *rq, struct response *rs);

/* Whether the method changes state (anything but GET, HEAD, OPTIONS). */
int auth_is_mutating(const struct request *rq);
/* Session lifetime in seconds. */
long long auth_session_lifetime(void);

/* Signs naam in: verifies, audits the attempt (an unknown name as a keyed
 * hash), and on success sets rq->actor. Returns the HTTP status: 201
 * signed in (*out filled); 401 wrong name or password, with rs->delay_ms
 * set so that the answer is held longer after each recent failure; 429
 * (with Retry-After on rs) when the name is locked from this address
 * (*retry_after minutes' worth of seconds) or every hashing slot is busy
 * (*retry_after 1; first it waits up to AUTH_BUSY_WAIT_MS, run again
 * whenever a slot comes free: rs->retry_on_hash); 503 database trouble. */
int auth_login(struct request *rq, struct response *rs, const char *naam, const char *wachtwoord, struct gebruikers_session *out,
	       long long *retry_after);
void auth_set_session_cookie(struct request *rq, struct response *rs, const struct gebruikers_session *sess);
/* Ends the session of the request's cookie (if any), clears the cookie,
 * audits the outcome as status. */
void auth_logout(struct request *rq, struct response *rs, int status);

/* The login form's pre-session CSRF token: the cookie's when it has a
 * sane one, else a fresh one, which is then set as cookie. */
void auth_login_token(struct request *rq, struct response *rs, char out[GEBRUIKERS_SECRET_LEN]);
/* Whether field matches the login cookie (constant time). */
int auth_login_token_ok(struct request *rq, const char *field);

/* Constant-time comparison of two NUL-terminated secrets. */
int auth_secret_equal(const char *a, const char *b);

#endif
