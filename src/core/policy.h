/* policy.h — who may do what: the one place where role × action ×
 * organisation is decided, for the API and the pages alike.
 *
 * An actor is the authenticated user (or API token) behind a request. */
#ifndef SAMEN_POLICY_H
#define SAMEN_POLICY_H

enum role {
	ROLE_NONE = 0, /* anonymous */
	ROLE_RAADSLID,
	ROLE_MEDEWERKER,
	ROLE_MANAGER,
	ROLE_STUURGROEP,
	ROLE_PROCESMANAGER,
	ROLE_BEHEERDER,
};

struct actor {
	enum role role;
	long long user_id;
	char name[128];
	char org[40];     /* organisation code of the user */
	char verband[48]; /* the verband or proeftuin a stuurgroep/procesmanager serves; "" for all */
	char csrf[72];    /* the session's CSRF token; "" for token-authenticated requests */
	int via_token;    /* authenticated by an API token */
};

/* What an actor wants to do. The target organisation (or verband) is
 * passed beside the action to policy_allows(). */
enum action {
	ACT_READ,              /* read the register and public overviews */
	ACT_REGISTER_WRITE,    /* create organisations, task fields, partnerships */
	ACT_VERBAND_WRITE,     /* members and trajecten of one verband */
	ACT_ADMIN,             /* users, tokens, audit log */
	ACT_STAFF_READ,        /* names and functions of staff */
	ACT_STAFF_READ_PRIVATE,/* personal data of staff (pensioenjaar, availability) of org */
	ACT_STAFF_WRITE,       /* add and change staff of org */
	ACT_STAFF_PRIVACY,     /* export or pseudonymise a person's data (AVG) of org */
	ACT_REPORT_READ,       /* the reports of org */
	ACT__COUNT
};
extern const char *const policy_action_names[]; /* Dutch names for the audit log */

/* Decides whether actor may do action on target organisation org (may be
 * NULL) in verband (may be NULL). */
int policy_allows(const struct actor *a, enum action action, const char *org, const char *verband);

extern const char *const policy_role_names[]; /* indexed by enum role; [0] = "anoniem" */
enum role policy_role_parse(const char *name); /* ROLE_NONE when unknown */

#endif
