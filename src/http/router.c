#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/api.h"
#include "http/auth.h"
#include "http/authz.h"
#include "http/router.h"
#include "store/gebruikers.h"
#include "web/page_besturing.h"
#include "web/page_kwaliteitskaart.h"
#include "web/page_matching.h"
#include "web/page_urenbank.h"
#include "web/web.h"

static const struct route *const tables[] = { api_system_routes, api_register_routes, api_staff_routes, api_accounts_routes, api_steering_routes, api_report_routes, api_exchange_routes, api_skills_routes, api_matching_routes, page_matching_routes, page_kwaliteitskaart_routes, page_gebruikers_routes, page_audit_routes, page_besturing_routes, page_proeftuin_routes, web_routes, NULL };
const struct route *const *router_tables = tables;

/* Length of the valid UTF-8 sequence at s (as jansson accepts it: no
 * overlong forms, no surrogates, at most U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned char c = s[0];
	if (c < 0x80)
		return 1;
	size_t n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
	for (size_t i = 1; i < n; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] > 0x9f) || (c == 0xf0 && s[1] < 0x90) ||
	    (c == 0xf4 && s[1] > 0x8f))
		return 0;
	return n;
}

/* A JSON string of s. Problem texts quote user input (paths, query values)
 * and are cut to fixed buffers, possibly inside a character; jansson
 * refuses such text, which would silently drop the detail. Invalid bytes
 * become U+FFFD. */
static json_t *problem_text(const char *s)
{
	json_t *j = json_string(s);
	if (j)
		return j;
	size_t len = strlen(s);
	char *clean = malloc(len * 3 + 1);
	if (!clean)
		return json_string("");
	size_t o = 0;
	for (const unsigned char *u = (const unsigned char *)s; *u;) {
		size_t n = utf8_seq(u);
		if (n) {
			memcpy(clean + o, u, n);
			o += n, u += n;
		} else {
			memcpy(clean + o, "\xef\xbf\xbd", 3);
			o += 3, u++;
		}
	}
	clean[o] = '\0';
	j = json_string(clean);
	free(clean);
	return j ? j : json_string("");
}

void router_problem(struct response *rs, const struct problem *p)
{
	json_t *j = json_object();
	int status = p->status ? p->status : 500;
	json_object_set_new(j, "type", json_string("about:blank"));
	json_object_set_new(j, "title", problem_text(p->title[0] ? p->title : problem_title(status)));
	json_object_set_new(j, "status", json_integer(status));
	json_object_set_new(j, "detail", problem_text(p->detail));
	if (p->nparams) {
		json_t *a = json_array();
		for (int i = 0; i < p->nparams; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "name", problem_text(p->params[i].name));
			json_object_set_new(e, "reason", problem_text(p->params[i].reason));
			json_array_append_new(a, e);
		}
		json_object_set_new(j, "invalid-params", a);
	}
	char *s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	buf_release(&rs->body);
	buf_adds(&rs->body, s ? s : "{}");
	free(s);
	rs->status = status;
	snprintf(rs->content_type, sizeof(rs->content_type), "application/problem+json");
}

/* Matches path against pattern; on success fills rq's params. */
static int match(const char *pattern, const char *path, struct request *rq)
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
	if (!strncmp(rq->path, "/api/", 5)) {
		api_error(rs, 404, "Er is geen %s op dit adres.", rq->path);
		return;
	}
	web_not_found(rq, rs);
}

/* Who is asking: an API token, or (auth.c) a session cookie. A token that
 * is presented but not valid is refused outright. */
static int identify(struct request *rq, struct response *rs)
{
	const char *h = req_header(rq, "Authorization");
	if (h && !strncasecmp(h, "Bearer ", 7)) {
		if (gebruikers_identify_token(rq->store, h + 7, &rq->actor) < 0) {
			api_error(rs, 401, "Het token is onbekend of ingetrokken.");
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
	for (const struct route *const *t = tables; *t; t++) {
		for (const struct route *r = *t; r->method; r++) {
			struct request probe = *rq;
			probe.nparams = 0;
			if (!match(r->pattern, rq->path, &probe))
				continue;
			if (strcmp(r->method, rq->method) && !(strcmp(r->method, "GET") == 0 && strcmp(rq->method, "HEAD") == 0)) {
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
			r->fn(rq, rs);
			return;
		}
	}
	if (allow[0]) {
		api_error(rs, 405, "Methode %s is hier niet toegestaan; wel: %s.", rq->method, allow);
		resp_header(rs, "Allow", allow);
		return;
	}
	not_found(rq, rs);
}

/* auth.h: every request passes the guards, and is audited once when it
 * changed (or tried to change) something. */
void router_dispatch(struct request *rq, struct response *rs)
{
	auth_begin(rq);
	dispatch(rq, rs);
	auth_finish(rq, rs);
}

int router_bootstrap(struct store *s, struct problem *p)
{
	if (gebruikers_init() < 0)
		return problem_set(p, 500, "libsodium kan niet starten.");
	const char *token = getenv("SAMEN_ADMIN_TOKEN");
	if (token && token[0]) {
		int r = gebruikers_bootstrap_admin(s, token, p);
		if (r < 0)
			return r;
		if (r == 1)
			fprintf(stderr, "samen: beheerder aangemaakt met het token uit SAMEN_ADMIN_TOKEN\n");
	}
	return 0;
}
