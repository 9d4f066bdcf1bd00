#include <stdio.h>
#include <string.h>
#include "http/api.h"
#include "http/authz.h"
#include "store/gebruikers.h"
#include "store/store.h"
#include "http/respond.h"

static __thread int t_audited;

void authz_begin(void) { t_audited = 0; }
int authz_audited(void) { return t_audited; }

/* The roles as a person would say them after "als". */
static const char *const role_nouns[] = { "bezoeker",      "raadslid", "medewerker", "manager", "lid van de stuurgroep",
					  "procesmanager", "beheerder" };

void authz_refusal(struct request *rq, const char *object, char *out, size_t len)
{
	const struct actor *a = &rq->actor;
	char where[200] = "", what[200] = "";
	/* A stuurgroep or procesmanager speaks for its verband, the others for their organisation. */
	const char *scope = policy_role_verband(a->role) && a->verband[0] ? a->verband : a->org;
	if (scope[0] && store_name(rq->store, scope, where, sizeof(where)) < 0)
		snprintf(where, sizeof(where), "%s", scope);
	if (object && object[0] && store_name(rq->store, object, what, sizeof(what)) < 0)
		snprintf(what, sizeof(what), "%s", object);
	snprintf(out, len,
		 "Als %s%s%s kunt u dit niet doen%s%s. Vraag het aan wie daarover gaat, of aan de beheerder als uw rol niet "
		 "klopt.",
		 role_nouns[a->role], where[0] ? " van " : "", where, what[0] ? " voor " : "", what);
}

static int refuse(struct request *rq, struct response *rs, enum action action, const char *object, int page)
{
	int status = rq->actor.role == ROLE_NONE ? 401 : 403;
	char msg[600];
	if (status == 401)
		snprintf(msg, sizeof(msg), "%s",
			 page ? "Meld u aan om deze pagina te zien."
			      : "Meld u aan (sessie of Authorization: Bearer-token) om dit te doen.");
	else
		authz_refusal(rq, object, msg, sizeof(msg));
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

void authz_record_refusal(struct request *rq, enum action action, char *out, size_t len)
{
	const char *what = action == ACT_HOURS_BOOK ? "boekt u alleen uw eigen uren" : "werkt u alleen uw eigen gegevens bij";
	if (rq->actor.role == ROLE_MEDEWERKER && !rq->actor.medewerker)
		snprintf(out, len,
			 "Uw account is nog niet gekoppeld aan uw gegevens als medewerker. Vraag uw manager om die "
			 "koppeling; daarna %s.",
			 what);
	else if (rq->actor.role == ROLE_MEDEWERKER)
		snprintf(out, len, "Als medewerker %s, niet die van een collega.", what);
	else
		authz_refusal(rq, NULL, out, len);
}

int authz_require_record(struct request *rq, struct response *rs, enum action action, const char *org, long long medewerker,
			 int page)
{
	if (rq->actor.role != ROLE_NONE && policy_allows_record(&rq->actor, action, org, medewerker))
		return 0;
	if (rq->actor.role == ROLE_NONE || !policy_allows(&rq->actor, action, org, NULL))
		return refuse(rq, rs, action, org, page);
	char msg[400];
	authz_record_refusal(rq, action, msg, sizeof(msg));
	if (page)
		respond_error(rq, rs, 403, msg);
	else
		respond_errorf(rs, 403, "%s", msg);
	authz_audit(rq, action, 403, org);
	return -1;
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
