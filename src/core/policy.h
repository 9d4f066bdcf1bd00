/* policy.h — who may do what: the one place where role × action ×
 * organisation is decided, for the API and the pages alike.
 *
 * An actor is the authenticated user (or API token) behind a request. */
#ifndef SAMEN_CORE_POLICY_H
#define SAMEN_CORE_POLICY_H

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
	char org[40];         /* organisation code of the user */
	char verband[48];     /* the verband or proeftuin a stuurgroep/procesmanager serves; "" for all */
	char csrf[72];        /* the session's CSRF token; "" for token-authenticated requests */
	int via_token;        /* authenticated by an API token */
	long long medewerker; /* the medewerker the account is linked to; 0 when none */
};

/* What an actor wants to do. Where (organisation, verband, proeftuin) is
 * passed beside the action: struct policy_target below. */
enum action {
	ACT_READ,               /* read the register and public overviews */
	ACT_REGISTER_WRITE,     /* create organisations, task fields, partnerships */
	ACT_VERBAND_WRITE,      /* members and trajecten of one verband */
	ACT_ADMIN,              /* users, tokens, audit log */
	ACT_STAFF_READ,         /* names and functions of staff */
	ACT_STAFF_READ_PRIVATE, /* personal data of staff (pensioenjaar, availability) of org */
	ACT_STAFF_WRITE,        /* add and change staff of org */
	ACT_STAFF_PRIVACY,      /* export or pseudonymise a person's data (AVG) of org */
	ACT_REPORT_READ,        /* the reports of org */
	ACT_LOGIN,              /* sign in (anyone may try; recorded in the audit log) */
	ACT_LOGOUT,             /* sign out */
	ACT_USER_READ,          /* the accounts of org */
	ACT_USER_WRITE,         /* create or change a medewerker/raadslid account of org */
	ACT_TOKEN_WRITE,        /* issue or revoke API tokens */
	ACT_AUDIT_READ,         /* read the audit log */
	ACT_SURVEY_ANSWER,      /* answer a survey round (verkenning) for org in verband */
	ACT_SCORE,              /* score candidate task fields for org in verband */
	ACT_STEER,              /* surveys, scorings, business cases, milestones, decisions, roles of verband */
	ACT_MILESTONE_UPDATE,   /* report a milestone of verband done or postponed (org: its responsible) */
	ACT_EXCHANGE_MANAGE,    /* hours exchange: proeftuinen, merging opdrachten, settlement (in a proeftuin) */
	ACT_ASSIGNMENT_WRITE,   /* submit or close an opdracht of principal org */
	ACT_STAFFING,           /* commit staff of org to an opdracht (inzet) */
	ACT_HOURS_BOOK,         /* book hours of staff of org (a medewerker: only their own, policy_allows_record) */
	ACT_HOURS_APPROVE,      /* approve, reject or correct hours on an opdracht of principal org */
	ACT_DEPOSIT,            /* deposit money for org into the hours exchange */
	ACT_SKILLS_WRITE,       /* skills and absences of staff of org (a medewerker: only their own, policy_allows_record) */
	ACT_CODELIST_WRITE,     /* the competence code list (verband: the list's network, NULL for the shared list) */
	ACT_SUBSTITUTE,         /* arrange substitution by staff of org (the substitute's organisation) */
	ACT_MATCHING,           /* compute and accept a matching proposal of a proeftuin (in that proeftuin) */
	ACT_DECISION_RECORD,    /* record a step of org's own bodies (OR, college, raad) in verband's trail, its kaders */
	ACT_CONSENT,            /* consent, for principal org, to a merge or an inzet that uses its drawing rights */
	ACT_HOURS_READ,         /* a person's booked hours per day, with descriptions and approvers (policy_allows_entry) */
	ACT_LESSON_WRITE,       /* record the proeftuin-MT's leerervaringen and bijsturing (org: a member of the proeftuin) */
	ACT_SERVICE_PROGRAMME,  /* expertise pools and the training programme of verband (org: a member of it) */
	ACT_ANSWER_WRITE,       /* answers of the KCC answer base owned by org, or org's own local variation */
	ACT_ZAAKTYPEN_IMPORT,   /* import org's list of zaaktypen into verband */
	ACT_INTERESTS_WRITE,    /* record member org's interests and position in verband (its visie, belang, tempo…) */
	ACT__COUNT
};
extern const char *const policy_action_names[]; /* Dutch names for the audit log */

/* Where an action is done. Every field may be NULL. In the hours exchange
 * the target is a proeftuin, which may belong to a verband: an actor
 * scoped to a verband (its verband field) covers the proeftuin when that
 * scope is the proeftuin itself or the verband it belongs to. */
struct policy_target {
	const char *org;       /* the organisation acted for or on */
	const char *verband;   /* the verband (of the proeftuin, when there is one) */
	const char *proeftuin; /* the proeftuin's code */
};

/* Decides whether actor may do action on target t. */
int policy_allows_in(const struct actor *a, enum action action, const struct policy_target *t);
/* The same for target organisation org (may be NULL) in verband (may be
 * NULL): policy_allows_in with { org, verband, NULL }. */
int policy_allows(const struct actor *a, enum action action, const char *org, const char *verband);
/* Decides whether actor may do action on the record of medewerker (an id)
 * of organisation org: policy_allows(a, action, org, NULL), and whose
 * record it is. ACT_SKILLS_WRITE and ACT_HOURS_BOOK: a medewerker only on
 * the record its account is linked to (a->medewerker), a manager on every
 * record of its organisation; ACT_STAFF_READ_PRIVATE: also
 * anyone signed in on the record linked to their account. Other actions
 * as policy_allows. */
int policy_allows_record(const struct actor *a, enum action action, const char *org, long long medewerker);

/* One hour entry, for the four-eyes rule and the privacy of booked hours:
 * who worked (the medewerker and their organisation, which brings the
 * hours), for whom (the opdracht's principals) and where. */
struct policy_entry {
	const char *staff_org;         /* the organisation of the medewerker */
	long long medewerker;          /* the medewerker's id */
	const char *const *principals; /* the principals' codes */
	int nprincipals;
	const char *verband;   /* of the proeftuin (may be NULL) */
	const char *proeftuin; /* the proeftuin's code */
};
/* Whether org is one whose manager approves this entry (four eyes): a
 * principal other than the staff member's organisation, since approving
 * credits that organisation; only when the own organisation is the sole
 * principal (nothing moves) does it approve itself. */
int policy_entry_approver(const struct policy_entry *e, const char *org);
/* Decides whether actor may do action on one hour entry:
 *  ACT_HOURS_APPROVE  approve it: the manager of an approver
 *                     (policy_entry_approver), and the beheerder;
 *  ACT_HOURS_READ     see who worked, on which day, what and who reviewed
 *                     it: the person (actor.medewerker), the managers of
 *                     their organisation and of the approvers, the
 *                     proeftuin's process manager and the beheerder.
 *                     Everyone else sees totals per organisation and
 *                     opdracht. With no principals (nprincipals 0) it
 *                     decides on all the person's hours in the proeftuin.
 * Other actions: policy_allows_in with { staff_org, verband, proeftuin }. */
int policy_allows_entry(const struct actor *a, enum action action, const struct policy_entry *e);

extern const char *const policy_role_names[];  /* indexed by enum role; [0] = "anoniem" */
enum role policy_role_parse(const char *name); /* ROLE_NONE when unknown */

/* The action that creating, changing or disabling an account with role
 * target needs: ACT_USER_WRITE for the ordinary roles a manager hands out
 * in the own organisation (medewerker, raadslid), ACT_ADMIN for the rest. */
enum action policy_account_action(enum role target);
/* Whether role is scoped to a verband: 2 = it must have one (stuurgroep),
 * 1 = it may have one (procesmanager; none = the whole network), 0 = not. */
int policy_role_verband(enum role role);

#endif
