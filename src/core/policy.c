#include <string.h>
#include "core/policy.h"

const char *const policy_role_names[] = { "anoniem", "raadslid", "medewerker", "manager",
					  "stuurgroep", "procesmanager", "beheerder", NULL };

enum role policy_role_parse(const char *name)
{
	if (!name)
		return ROLE_NONE;
	for (int i = 1; policy_role_names[i]; i++)
		if (!strcmp(policy_role_names[i], name))
			return (enum role)i;
	return ROLE_NONE;
}

const char *const policy_action_names[] = { "lezen",
					    "register-wijzigen",
					    "verband-wijzigen",
					    "beheer",
					    "medewerkers-lezen",
					    "persoonsgegevens-lezen",
					    "medewerkers-wijzigen",
					    "persoonsgegevens-export-of-pseudonimisering",
					    "rapport-lezen",
					    NULL };

static int same_org(const struct actor *a, const char *org) { return org && a->org[0] && !strcmp(a->org, org); }

int policy_allows(const struct actor *a, enum action action, const char *org, const char *verband)
{
	if (a->role == ROLE_BEHEERDER)
		return 1;
	switch (action) {
	case ACT_READ:
		return 1;
	case ACT_REGISTER_WRITE:
	case ACT_ADMIN:
		return 0;
	case ACT_VERBAND_WRITE:
		/* The steering group and process manager of that verband. */
		return (a->role == ROLE_STUURGROEP || a->role == ROLE_PROCESMANAGER) && verband &&
		       (!a->verband[0] || !strcmp(a->verband, verband));
	case ACT_STAFF_READ:
		return a->role != ROLE_NONE;
	case ACT_STAFF_READ_PRIVATE:
		/* AVG: only the own organisation's managers and the process manager. */
		return a->role == ROLE_PROCESMANAGER || (a->role == ROLE_MANAGER && same_org(a, org));
	case ACT_STAFF_WRITE:
	case ACT_STAFF_PRIVACY:
		return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_REPORT_READ:
		return a->role == ROLE_PROCESMANAGER || (a->role != ROLE_NONE && same_org(a, org));
	default:
		return 0;
	}
}
