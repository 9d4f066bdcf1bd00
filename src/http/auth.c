#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include "http/api.h"
#include "http/auth.h"
#include "http/authz.h"
#include "http/respond.h"
#include "http/form.h"
#include "http/multipart.h"

int auth_is_mutating(const struct request *rq)
{
	return strcmp(rq->method, "GET") && strcmp(rq->method, "HEAD") && strcmp(rq->method, "OPTIONS");
}

int auth_secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	return la && la == lb && sodium_memcmp(a, b, la) == 0;
}

/* A secret as we issue them: URL-safe base64 of 32 bytes. */
static int secret_shape_ok(const char *s)
{
	if (!s || strlen(s) != GEBRUIKERS_SECRET_LEN - 1)
		return 0;
	for (const char *c = s; *c; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '-' || *c == '_'))
			return 0;
	return 1;
}

/* ---- per request ---- */

static int address_chars_ok(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 45)
		return 0;
	for (const char *c = s; *c; c++)
		if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f') || (*c >= 'A' && *c <= 'F') || *c == '.' || *c == ':'))
			return 0;
	return 1;
}

void auth_begin(struct request *rq)
{
	static __thread char real_ip[64];
	authz_begin();
	const char *proxy = getenv("SAMEN_PROXY");
	if (!proxy || !proxy[0] || !rq->client_ip || strcmp(rq->client_ip, proxy))
		return;
	/* Only the proxy we trust may tell us who the client is. */
	const char *real = req_header(rq, "X-Real-IP");
	if (real && address_chars_ok(real)) {
		snprintf(real_ip, sizeof(real_ip), "%s", real);
		rq->client_ip = real_ip;
	}
	const char *proto = req_header(rq, "X-Forwarded-Proto");
	if (proto && !strcasecmp(proto, "https"))
		rq->tls = 1;
}

int auth_identify_session(struct request *rq)
{
	const char *c = req_cookie(rq, AUTH_SESSION_COOKIE);
	if (secret_shape_ok(c))
		gebruikers_identify_session(rq->store, c, &rq->actor);
	return 0;
}

static int refuse(struct request *rq, struct response *rs, int status, const char *message)
{
	respond_error(rq, rs, status, message);
	authz_audit_named(rq, "wijziging", status, NULL);
	return -1;
}

/* Sign-in has its own protection against forged requests. */
static int is_login(const struct request *rq)
{
	return !strcmp(rq->method, "POST") && (!strcmp(rq->path, "/api/v1/sessies") || !strcmp(rq->path, "/inloggen"));
}

int auth_guard(struct request *rq, struct response *rs)
{
	if (!auth_is_mutating(rq) || is_login(rq))
		return 0;
	if (rq->actor.role == ROLE_NONE) {
		if (!strcmp(rq->path, "/uitloggen"))
			return 0; /* signing out without a session just clears the cookie */
		return refuse(rq, rs, 401,
			      req_is_api(rq) ? "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen."
					     : "Meld u aan om dit te doen.");
	}
	if (rq->actor.via_token)
		return 0;
	const char *given = req_header(rq, AUTH_CSRF_HEADER);
	struct form f = { 0 };
	if (!given && !req_is_api(rq) && form_is_urlencoded(rq) && form_parse(&f, rq->body, rq->body_len) == 0)
		given = form_get(&f, "csrf");
	/* A form with a file upload (the kwaliteitskaart import) sends multipart/form-data. */
	char multipart_csrf[80];
	if (!given && !req_is_api(rq) && multipart_field(rq, "csrf", multipart_csrf, sizeof(multipart_csrf)) == 0)
		given = multipart_csrf;
	int ok = given && rq->actor.csrf[0] && auth_secret_equal(given, rq->actor.csrf);
	form_release(&f);
	if (ok)
		return 0;
	return refuse(rq, rs, 403, "CSRF-token ontbreekt of klopt niet");
}

void auth_finish(struct request *rq, struct response *rs)
{
	if (authz_audited() || rs->retry_ms)
		return; /* recorded, or to be run again (and recorded then) */
	if (auth_is_mutating(rq) || rs->status == 401 || rs->status == 403)
		authz_audit_named(rq, auth_is_mutating(rq) ? "wijziging" : "lezen", rs->status, NULL);
}

/* ---- sessions ---- */

long long auth_session_lifetime(void)
{
	/* Minutes, with up to three decimals, so that a test can use seconds. */
	const char *s = getenv("SAMEN_SESSIE_MINUTEN");
	long long whole = 0, frac = 0, scale = 1000;
	int digits = 0, fdigits = 0;
	if (!s || !*s)
		return 480 * 60;
	const char *c = s;
	for (; *c >= '0' && *c <= '9' && digits < 6; c++, digits++)
		whole = whole * 10 + (*c - '0');
	if (*c == '.' || *c == ',')
		for (c++; *c >= '0' && *c <= '9' && fdigits < 3; c++, fdigits++)
			frac += (*c - '0') * (scale /= 10);
	long long seconds = whole * 60 + (frac * 60 + 500) / 1000;
	if (*c || (!digits && !fdigits) || seconds < 1 || seconds > 7 * 24 * 3600) {
		fprintf(stderr, "samen: SAMEN_SESSIE_MINUTEN='%s' is geen aantal minuten (tot een week); ik gebruik 480\n", s);
		return 480 * 60;
	}
	return seconds;
}

static void cookie(struct request *rq, struct response *rs, const char *name, const char *value, const char *path,
		   long long max_age)
{
	char c[256];
	snprintf(c, sizeof(c), "%s=%s; Path=%s; Max-Age=%lld; HttpOnly; SameSite=Strict%s", name, value, path, max_age,
		 rq->tls ? "; Secure" : "");
	resp_header(rs, "Set-Cookie", c);
}

void auth_set_session_cookie(struct request *rq, struct response *rs, const struct gebruikers_session *sess)
{
	long long left = sess->expires - (long long)time(NULL);
	cookie(rq, rs, AUTH_SESSION_COOKIE, sess->secret, "/", left > 0 ? left : 0);
}

/* How long the answer to a failed sign-in is held: 0.2 s, doubling per
 * recent failure of that name (from any address), at most 3.2 s. It slows
 * guessing down and costs the guesser, not the server: the server holds
 * the answer in a suspended connection (struct response delay_ms). */
static long long failure_delay_ms(int failures)
{
	if (failures < 1)
		failures = 1;
	if (failures > 5)
		failures = 5;
	return 200LL << (failures - 1);
}

int auth_login(struct request *rq, struct response *rs, const char *naam, const char *wachtwoord, struct gebruikers_session *out,
	       long long *retry_after)
{
	struct gebruikers_attempt at;
	enum gebruikers_login_result r =
		gebruikers_login(rq->store, naam, wachtwoord, rq->client_ip, auth_session_lifetime(), out, &at);
	/* An unknown name goes into the audit log as a keyed hash, never as
	 * typed: it may be a password typed into the wrong field. */
	char object[GEBRUIKERS_NAME_MAX + 48];
	if (at.known)
		snprintf(object, sizeof(object), "gebruiker %s", naam);
	else
		snprintf(object, sizeof(object), "gebruiker onbekende naam (%s)", at.name_hash);
	*retry_after = at.retry_after;
	if (r == GEBRUIKERS_LOGIN_BUSY && rq->waited_ms < AUTH_BUSY_WAIT_MS) {
		/* Every hashing slot is taken: the server runs this again when one
		 * comes free (or after half a second at the latest), holding the
		 * connection, not a worker, and without polling meanwhile. */
		rs->retry_ms = 500;
		rs->retry_on_hash = 1;
		return 429;
	}
	switch (r) {
	case GEBRUIKERS_LOGIN_OK: {
		/* A new session replaces the one this browser had. */
		const char *old = req_cookie(rq, AUTH_SESSION_COOKIE);
		if (secret_shape_ok(old))
			gebruikers_logout(rq->store, old);
		rq->actor = out->actor;
		authz_audit(rq, ACT_LOGIN, 201, object);
		return 201;
	}
	case GEBRUIKERS_LOGIN_LOCKED:
	case GEBRUIKERS_LOGIN_BUSY: {
		char after[24];
		snprintf(after, sizeof(after), "%lld", at.retry_after);
		resp_header(rs, "Retry-After", after);
		authz_audit(rq, ACT_LOGIN, 429, object);
		return 429;
	}
	case GEBRUIKERS_LOGIN_FAILED:
		authz_audit(rq, ACT_LOGIN, 401, object);
		rs->delay_ms = failure_delay_ms(at.failures);
		return 401;
	default: authz_audit(rq, ACT_LOGIN, 503, object); return 503;
	}
}

void auth_logout(struct request *rq, struct response *rs, int status)
{
	const char *c = req_cookie(rq, AUTH_SESSION_COOKIE);
	if (secret_shape_ok(c))
		gebruikers_logout(rq->store, c);
	cookie(rq, rs, AUTH_SESSION_COOKIE, "", "/", 0);
	if (rq->actor.role != ROLE_NONE)
		authz_audit(rq, ACT_LOGOUT, status, NULL);
}

/* ---- the login form's token ---- */

void auth_login_token(struct request *rq, struct response *rs, char out[GEBRUIKERS_SECRET_LEN])
{
	const char *c = req_cookie(rq, AUTH_LOGIN_COOKIE);
	if (secret_shape_ok(c)) {
		snprintf(out, GEBRUIKERS_SECRET_LEN, "%s", c);
		return;
	}
	gebruikers_new_secret(out);
	cookie(rq, rs, AUTH_LOGIN_COOKIE, out, "/inloggen", 3600);
}

int auth_login_token_ok(struct request *rq, const char *field)
{
	const char *c = req_cookie(rq, AUTH_LOGIN_COOKIE);
	return field && secret_shape_ok(c) && auth_secret_equal(c, field);
}
