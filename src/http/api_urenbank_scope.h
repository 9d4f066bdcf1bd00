/* api_urenbank_scope.h — the proeftuin of a request's path ({p}) and its
 * verband, and the decisions on it, shared by the urenbank's API modules
 * (api_urenbank.c, api_urenbank_aanbod.c, api_urenbank_instemming.c). */
#ifndef SAMEN_HTTP_API_URENBANK_SCOPE_H
#define SAMEN_HTTP_API_URENBANK_SCOPE_H
#include "core/policy.h"
#include "http/request.h"

struct urenbank_scope {
	const char *code; /* the proeftuin, from the path */
	char verband[48]; /* its verband */
};

/* 0, or -1 with the problem (404 for an unknown proeftuin) answered. */
int urenbank_scope_load(struct request *rq, struct response *rs, struct urenbank_scope *sc);
/* Whether a signed-in actor may do action for org (or NULL) in sc. */
int urenbank_scope_allows(struct request *rq, enum action action, const char *org, const struct urenbank_scope *sc);
/* 401 for who is not signed in, else 403 with why; audited on object. */
void urenbank_scope_refuse(struct request *rq, struct response *rs, enum action action, const char *object,
			   const char *why);

#endif
