#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/accounts.h"

static int refuse(struct request *rq, struct response *rs, enum action action, const char *object)
{
	if (rq->actor.role == ROLE_NONE)
		api_error(rs, 401, "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
	else
		api_error(rs, 403, "Uw rol (%s%s%s) mag dit niet%s%s.", policy_role_names[rq->actor.role],
			  rq->actor.org[0] ? " bij " : "", rq->actor.org, object ? " voor " : "", object ? object : "");
	authz_audit(rq, action, rs->status, object);
	return -1;
}

int authz_require(struct request *rq, struct response *rs, enum action action, const char *org)
{
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, action, org, NULL))
		return 0;
	return refuse(rq, rs, action, org);
}

int authz_require_verband(struct request *rq, struct response *rs, enum action action, const char *verband)
{
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, action, NULL, verband))
		return 0;
	return refuse(rq, rs, action, verband);
}

void authz_audit(struct request *rq, enum action action, int status, const char *object)
{
	char actor[200], what[160];
	if (rq->actor.role == ROLE_NONE)
		snprintf(actor, sizeof(actor), "anoniem");
	else
		snprintf(actor, sizeof(actor), "%s (%s%s%s)", rq->actor.name, policy_role_names[rq->actor.role],
			 rq->actor.org[0] ? ", " : "", rq->actor.org);
	snprintf(what, sizeof(what), "%s %s", rq->method, rq->path);
	const char *result = status < 300 ? "gelukt" : status == 401 || status == 403 ? "geweigerd" : "mislukt";
	char res[64];
	snprintf(res, sizeof(res), "%s (%d)", result, status);
	char obj[300];
	snprintf(obj, sizeof(obj), "%s%s%s", what, object ? ": " : "", object ? object : "");
	accounts_audit(rq->store, actor, policy_action_names[action], obj, res, rq->client_ip ? rq->client_ip : "");
}
