#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "http/auth.h"
#include "http/authz.h"
#include "http/cors.h"
#include "http/paging.h"
#include "http/respond.h"
#include "http/router.h"
#include "store/gebruikers.h"

int router_match(const char *pattern, const char *path, struct request *rq)
{
	const char *pp = pattern, *sp = path;
	int n = 0;
	while (*pp && *sp) {
		if (*pp != '/' || *sp != '/')
			return 0;
		pp++, sp++;
		const char *pe = strchr(pp, '/'), *se = strchr(sp, '/');
		size_t pl = pe ? (size_t)(pe - pp) : strlen(pp);
		size_t sl = se ? (size_t)(se - sp) : strlen(sp);
		if (pl > 2 && pp[0] == '{' && pp[pl - 1] == '}') {
			if (sl == 0 || n >= HTTP_MAX_PARAMS)
				return 0;
			rq->param_names[n] = NULL; /* filled below, once the whole path matched */
			n++;
		} else if (pl != sl || strncmp(pp, sp, pl)) {
			return 0;
		}
		pp += pl, sp += sl;
	}
	if (*pp || *sp)
		return 0;
	/* Second pass: capture. */
	pp = pattern, sp = path, n = 0;
	while (*pp) {
		pp++, sp++;
		const char *pe = strchr(pp, '/'), *se = strchr(sp, '/');
		size_t pl = pe ? (size_t)(pe - pp) : strlen(pp);
		size_t sl = se ? (size_t)(se - sp) : strlen(sp);
		if (pl > 2 && pp[0] == '{') {
			static __thread char names[HTTP_MAX_PARAMS][48];
			snprintf(names[n], sizeof(names[n]), "%.*s", (int)(pl - 2), pp + 1);
			rq->param_names[n] = names[n];
			rq->param_values[n] = strndup(sp, sl);
			n++;
		}
		pp += pl, sp += sl;
	}
	rq->nparams = n;
	return 1;
}

static void not_found(struct request *rq, struct response *rs)
{
	const struct site *site = http_site();
	if (req_is_api(rq) || !site || !site->not_found) {
		respond_errorf(rs, 404, "Er is geen %s op dit adres.", rq->path);
		return;
	}
	site->not_found(rq, rs);
}

/* Who is asking: an API token, or (auth.c) a session cookie. A token that
 * is presented but not valid is refused outright. */
static int identify(struct request *rq, struct response *rs)
{
	const char *h = req_header(rq, "Authorization");
	if (h && !strncasecmp(h, "Bearer ", 7)) {
		if (rq->token_known)
			return 0;
		if (gebruikers_identify_token(rq->store, h + 7, &rq->actor) < 0) {
			respond_errorf(rs, 401, "Het token is onbekend of ingetrokken.");
			authz_audit(rq, ACT_READ, 401, "token");
			return -1;
		}
		return 0;
	}
	return auth_identify_session(rq);
}

static void dispatch(struct request *rq, struct response *rs)
{
	char allow[128] = "";
	if (identify(rq, rs) < 0 || auth_guard(rq, rs) < 0)
		return;
	const struct site *site = http_site();
	for (const struct route *const *t = site ? site->tables : NULL; t && *t; t++) {
		for (const struct route *r = *t; r->method; r++) {
			struct request probe = *rq;
			probe.nparams = 0;
			if (!router_match(r->pattern, rq->path, &probe))
				continue;
			if (strcmp(r->method, rq->method) &&
			    !(strcmp(r->method, "GET") == 0 && strcmp(rq->method, "HEAD") == 0)) {
				for (int i = 0; i < probe.nparams; i++)
					free(probe.param_values[i]);
				size_t l = strlen(allow);
				if (!strstr(allow, r->method))
					snprintf(allow + l, sizeof(allow) - l, "%s%s", l ? ", " : "", r->method);
				continue;
			}
			rq->nparams = probe.nparams;
			memcpy(rq->param_names, probe.param_names, sizeof(rq->param_names));
			memcpy(rq->param_values, probe.param_values, sizeof(rq->param_values));
			if (!(r->flags & ROUTE_PAGED) && paging_is_collection(r) && req_is_api(rq)) {
				/* A list its handler reads whole: paged here. */
				struct store_page pg;
				struct problem p;
				problem_init(&p);
				if (paging_read(rq, &pg, &p) < 0) {
					respond_problem(rs, &p);
					return;
				}
				r->fn(rq, rs);
				paging_slice(rq, rs, &pg);
				return;
			}
			r->fn(rq, rs);
			return;
		}
	}
	if (allow[0] && !strcmp(rq->method, "OPTIONS") && req_is_api(rq)) {
		cors_preflight(rq, rs, allow);
		return;
	}
	if (allow[0]) {
		respond_errorf(rs, 405, "Methode %s is hier niet toegestaan; wel: %s.", rq->method, allow);
		resp_header(rs, "Allow", allow);
		return;
	}
	not_found(rq, rs);
}

long long router_who(struct request *rq)
{
	auth_begin(rq);
	const char *h = req_header(rq, "Authorization");
	if (h && !strncasecmp(h, "Bearer ", 7)) {
		rq->token_known = gebruikers_identify_token(rq->store, h + 7, &rq->actor) == 0;
		return rq->token_known ? rq->actor.user_id : 0;
	}
	auth_identify_session(rq);
	return rq->actor.role != ROLE_NONE ? rq->actor.user_id : 0;
}

/* auth.h: every request passes the guards, and is audited once when it
 * changed (or tried to change) something. */
void router_dispatch(struct request *rq, struct response *rs)
{
	auth_begin(rq);
	dispatch(rq, rs);
	auth_finish(rq, rs);
	if (req_is_api(rq)) {
		cors_apply(rq, rs);
		/* RFC 9110: a 401 says how to authenticate. */
		if (rs->status == 401)
			resp_header(rs, "WWW-Authenticate",
				    req_header(rq, "Authorization") ? "Bearer realm=\"samen\", error=\"invalid_token\""
								    : "Bearer realm=\"samen\"");
	}
}
