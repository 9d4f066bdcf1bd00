/* authz.h — applying the policy (core/policy.h) to a request: answer 401
 * when nobody is signed in, 403 when the actor may not, and record the
 * attempt in the audit log. Every mutating handler calls one of these
 * before it writes, and authz_audit() with the outcome after. They return
 * 0 when allowed; otherwise rs holds the problem (problem+json for the
 * API, an error page for pages) and they return -1.
 *
 * Audit records name the actor as "naam (rol, organisatie)", the object
 * as "METHOD /path: object", the result as "gelukt (201)", "geweigerd
 * (403)" or "mislukt (422)", and the client address as origin. They never
 * hold a body, so never a password or token. */
#ifndef SAMEN_HTTP_AUTHZ_H
#define SAMEN_HTTP_AUTHZ_H
#include "http/request.h"

int authz_require(struct request *rq, struct response *rs, enum action action, const char *org);
int authz_require_verband(struct request *rq, struct response *rs, enum action action, const char *verband);
/* The same for a page: the refusal is an HTML page with a way to sign in. */
int authz_require_page(struct request *rq, struct response *rs, enum action action, const char *org);

/* Records the outcome (status) of an action on object in the audit log. */
void authz_audit(struct request *rq, enum action action, int status, const char *object);
/* The same with an action name outside the policy ("wijziging"). */
void authz_audit_named(struct request *rq, const char *actie, int status, const char *object);

/* Per request (the router calls authz_begin first): whether anything was
 * recorded yet, so that auth_finish() records each request once. */
void authz_begin(void);
int authz_audited(void);

#endif
