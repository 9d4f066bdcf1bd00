/* authz.h — applying the policy (core/policy.h) to a request: answer 401
 * when nobody is signed in, 403 when the actor may not, and record the
 * attempt in the audit log. Every mutating handler calls one of these
 * before it writes. They return 0 when allowed; otherwise rs holds the
 * problem and they return -1. */
#ifndef SAMEN_AUTHZ_H
#define SAMEN_AUTHZ_H
#include "http/http.h"

int authz_require(struct request *rq, struct response *rs, enum action action, const char *org);
int authz_require_verband(struct request *rq, struct response *rs, enum action action, const char *verband);
/* Records the outcome (status) of an action on object in the audit log. */
void authz_audit(struct request *rq, enum action action, int status, const char *object);

#endif
