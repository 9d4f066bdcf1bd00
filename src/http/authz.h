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

/* The same for the record of one medewerker (policy_allows_record): a
 * medewerker only on the record its account is linked to. */
int authz_require_record(struct request *rq, struct response *rs, enum action action, const char *org, long long medewerker,
			 int page);

/* The refusal in the user's words: "Als medewerker van Dordrecht kunt u
 * dit niet doen voor Alblasserdam. …", object (a code of an organisation,
 * verband or proeftuin, shown by its name; may be NULL) being what the
 * actor wanted to act for. */
void authz_refusal(struct request *rq, const char *object, char *out, size_t len);
/* Why policy_allows_record refused: not the own record, or no link. */
void authz_record_refusal(struct request *rq, enum action action, char *out, size_t len);

/* Records the outcome (status) of an action on object in the audit log. */
void authz_audit(struct request *rq, enum action action, int status, const char *object);
/* The same with an action name outside the policy ("wijziging"). */
void authz_audit_named(struct request *rq, const char *actie, int status, const char *object);

/* Per request (the router calls authz_begin first): whether anything was
 * recorded yet, so that auth_finish() records each request once. */
void authz_begin(void);
int authz_audited(void);

#endif
