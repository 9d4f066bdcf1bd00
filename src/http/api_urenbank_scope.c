/* The proeftuin of a request's path and the decisions on it (api_urenbank_scope.h). */
#include "http/api_urenbank_scope.h"
#include "http/api.h"
#include "http/authz.h"
#include "store/urenbank.h"

int urenbank_scope_load(struct request *rq, struct response *rs, struct urenbank_scope *sc)
{
	struct problem p;
	problem_init(&p);
	sc->code = req_param(rq, "p");
	if (urenbank_proeftuin_verband(rq->store, sc->code, sc->verband, sizeof(sc->verband), &p) < 0) {
		api_problem(rs, &p);
		return -1;
	}
	return 0;
}

int urenbank_scope_allows(struct request *rq, enum action action, const char *org, const struct urenbank_scope *sc)
{
	const struct policy_target t = { org, sc->verband, sc->code };
	return rq->actor.role != ROLE_NONE && policy_allows_in(&rq->actor, action, &t);
}

void urenbank_scope_refuse(struct request *rq, struct response *rs, enum action action, const char *object,
			   const char *why)
{
	if (rq->actor.role == ROLE_NONE)
		api_error(rs, 401, "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
	else
		api_error(rs, 403, "%s", why);
	authz_audit(rq, action, rs->status, object);
}
