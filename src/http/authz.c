#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/gebruikers.h"
#include "http/respond.h"

static __thread int t_audited;

void authz_begin(void) { t_audited = 0; }
int authz_audited(void) { return t_audited; }

static int refuse(struct request *rq, struct response *rs, enum action action, const char *object, int page)
{
	int status = rq->actor.role == ROLE_NONE ? 401 : 403;
	char msg[400];
	if (status == 401)
		snprintf(msg, sizeof(msg), "%s",
			 page ? "Meld u aan om deze pagina te zien."
			      : "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
	else
		snprintf(msg, sizeof(msg), "Uw rol (%s%s%s) mag dit niet%s%s.", policy_role_names[rq->actor.role],
			 rq->actor.org[0] ? " bij " : "", rq->actor.org, object ? " voor " : "", object ? object : "");
	if (page)
		respond_error(rq, rs, status, msg);
	else
		respond_errorf(rs, status, "%s", msg);
	authz_audit(rq, action, status, object);
	return -1;
}

int authz_require(struct request *rq, struct response *rs, enum action action, const char *org)
{
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, action, org, NULL))
		return 0;
	return refuse(rq, rs, action, org, 0);
}

int authz_require_verband(struct request *rq, struct response *rs, enum action action, const char *verband)
{
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, action, NULL, verband))
		return 0;
	return refuse(rq, rs, action, verband, 0);
}

int authz_require_page(struct request *rq, struct response *rs, enum action action, const char *org)
{
	if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, action, org, NULL))
		return 0;
	return refuse(rq, rs, action, org, 1);
}

void authz_audit_named(struct request *rq, const char *actie, int status, const char *object)
{
	char actor[200];
	if (rq->actor.role == ROLE_NONE)
		snprintf(actor, sizeof(actor), "anoniem");
	else
		snprintf(actor, sizeof(actor), "%s (%s%s%s)", rq->actor.name, policy_role_names[rq->actor.role],
			 rq->actor.org[0] ? ", " : "", rq->actor.org);
	const char *result = status < 400 ? "gelukt" : status == 401 || status == 403 || status == 429 ? "geweigerd" : "mislukt";
	char res[64];
	snprintf(res, sizeof(res), "%s (%d)", result, status);
	char obj[400];
	snprintf(obj, sizeof(obj), "%s %s%s%s", rq->method, rq->path, object ? ": " : "", object ? object : "");
	gebruikers_audit_by(rq->store, actor, rq->actor.role == ROLE_NONE ? NULL : rq->actor.name, actie, obj, res,
			    rq->client_ip ? rq->client_ip : "");
	t_audited = 1;
}

void authz_audit(struct request *rq, enum action action, int status, const char *object)
{
	authz_audit_named(rq, policy_action_names[action], status, object);
}
