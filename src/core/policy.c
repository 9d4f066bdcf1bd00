/* The policy: role × action × organisation (or verband).
 *
 *   action              beheerder procesmanager      stuurgroep   manager    medewerker raadslid anoniem
 *   lezen               ja        ja                 ja           ja         ja         ja       ja
 *   register-wijzigen   ja        -                  -            -          -          -        -
 *   verband-wijzigen    ja        eigen verband, of  eigen        -          -          -        -
 *                                 alle zonder verband verband
 *   beheer              ja        -                  -            -          -          -        -
 *   medewerkers-lezen   ja        ja                 ja           ja         ja         ja       -
 *   persoonsgegevens-   ja        ja                 -            eigen org  -          -        -
 *     lezen             (elke aangemelde rol: ook het eigen record)
 *   medewerkers-wijz.,  ja        -                  -            eigen org  -          -        -
 *     AVG-export
 *   rapport-lezen       ja        ja                 eigen org    eigen org  eigen org  eigen org -
 *   aanmelden/afmelden  ja        ja                 ja           ja         ja         ja       ja
 *   gebruikers-lezen    ja        -                  -            eigen org  -          -        -
 *   gebruikers-wijzigen ja        -                  -            eigen org  -          -        -
 *     (alleen medewerker- en raadslidaccounts; de andere rollen vragen 'beheer')
 *   tokens-beheren      ja        -                  -            -          -          -        -
 *   auditlog-lezen      ja        -                  -            -          -          -        -
 *   besturen            ja        eigen verband, of  eigen        -          -          -        -
 *                                 alle zonder verband verband
 *   verkenning-         ja        -                  eigen org in eigen org  -          -        -
 *     beantwoorden                                   eigen verband
 *   scoren              ja        -                  eigen org in -          -          -        -
 *                                                    eigen verband
 *   mijlpaal-bijwerken  ja        als besturen       als besturen eigen org  -          -        -
 *                                                                 (verantwoordelijk)
 *   urenbank-beheren    ja        eigen proeftuin of -            -          -          -        -
 *                                 verband, of alle
 *   opdracht-wijzigen,  ja        als urenbank-      -            eigen org  -          -        -
 *     inzetten                    beheren                         (opdrachtgever; medewerker)
 *   uren-boeken         ja        -                  -            eigen org  eigen      -        -
 *                                                                            record
 *   uren-goedkeuren,    ja        -                  -            eigen org  -          -        -
 *     storten                                                     (opdrachtgever; storter)
 *   kwaliteitskaart-    ja        -                  -            eigen org  eigen      -        -
 *     bijwerken                                                              record
 *   competenties-       ja        eigen verband, of  -            -          -          -        -
 *     beheren                     alle zonder verband
 *   vervanging-regelen  ja        ja                 -            eigen org  -          -        -
 *                                                                 (van de vervanger)
 *   matchen             ja        als urenbank-      -            -          -          -        -
 *                                 beheren
 *   besluit-vastleggen  ja        -                  eigen org in eigen org  -          -        -
 *     (OR, college, raad                             eigen verband
 *     van een organisatie; haar kaders en rapportageplanning. De stap van de
 *     stuurgroep zelf is 'besturen'.)
 *   instemmen           ja        -                  -            eigen org  -          -        -
 *     (als opdrachtgever: met een samenvoeging of een inzet die eigen
 *     trekkingsrechten gebruikt)
 *   uren-inzien         ja        als urenbank-      -            eigen org  eigen      -        -
 *     (per persoon en             beheren                         en goed-   record
 *     dag; anders totalen)                                        keurders
 *   leerervaring-       ja        als urenbank-      -            eigen org  -          -        -
 *     vastleggen                  beheren                         (lid van de proeftuin)
 *   dienstverlening-    ja        eigen verband, of  -            eigen org  -          -        -
 *     programmeren                alle zonder verband             (lid van het verband)
 *     (expertisepools en het opleidingsprogramma)
 *   antwoord-redigeren  ja        -                  -            eigen org  eigen org  -        -
 *     (antwoorden van de eigen redactie, en de eigen lokale variant)
 *   zaaktypen-inlezen   ja        -                  -            eigen org  -          -        -
 *   belangen-vastleggen ja        -                  eigen org in eigen org  -          -        -
 *     (visie en kernwaarden,                         eigen verband
 *     organisatiebelang en positie van een lid van een verband: het lid
 *     spreekt voor zichzelf, net als bij besluit-vastleggen)
 *
 * Four eyes (policy_allows_entry): uren-goedkeuren of one entry is for the
 * manager of a principal other than the organisation of the medewerker
 * who worked, because approving credits that organisation; only when
 * that organisation is the sole principal, so that nothing moves, does its
 * own manager approve. uren-inzien of one entry is for the person, the
 * managers of their organisation and of those who must approve it, the
 * proeftuin's process manager and the beheerder.
 *
 * "Eigen proeftuin of verband": the verband an actor is scoped to is the
 * proeftuin itself, or the verband that proeftuin belongs to (struct
 * policy_target in policy.h); decided here, in_scope() below.
 *
 * The own record ("eigen record") is the medewerker the account is linked
 * to (actor.medewerker): policy_allows_record decides on one medewerker's
 * record, policy_allows on an action without one (whether a role may at
 * all).
 *
 * Anything not listed is refused: a new action is closed until it is
 * added here. */
#include <string.h>
#include "core/policy.h"

const char *const policy_role_names[] = { "anoniem",    "raadslid",      "medewerker", "manager",
					  "stuurgroep", "procesmanager", "beheerder",  NULL };

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
					    "aanmelden",
					    "afmelden",
					    "gebruikers-lezen",
					    "gebruikers-wijzigen",
					    "tokens-beheren",
					    "auditlog-lezen",
					    "verkenning-beantwoorden",
					    "scoren",
					    "besturen",
					    "mijlpaal-bijwerken",
					    "urenbank-beheren",
					    "opdracht-wijzigen",
					    "inzetten",
					    "uren-boeken",
					    "uren-goedkeuren",
					    "storten",
					    "kwaliteitskaart-bijwerken",
					    "competenties-beheren",
					    "vervanging-regelen",
					    "matchen",
					    "besluit-vastleggen",
					    "instemmen",
					    "uren-inzien",
					    "leerervaring-vastleggen",
					    "dienstverlening-programmeren",
					    "antwoord-redigeren",
					    "zaaktypen-inlezen",
					    "belangen-vastleggen",
					    NULL };

static int same_org(const struct actor *a, const char *org) { return org && a->org[0] && !strcmp(a->org, org); }

enum action policy_account_action(enum role target)
{
	return target == ROLE_MEDEWERKER || target == ROLE_RAADSLID ? ACT_USER_WRITE : ACT_ADMIN;
}

int policy_role_verband(enum role role) { return role == ROLE_STUURGROEP ? 2 : role == ROLE_PROCESMANAGER ? 1 : 0; }

/* Whether the target names a verband or proeftuin at all. */
static int has_scope(const struct policy_target *t) { return (t->verband && t->verband[0]) || (t->proeftuin && t->proeftuin[0]); }

/* Whether the actor's own verband scope covers the target: it is the
 * proeftuin itself or the verband the proeftuin (or the action) is in.
 * An actor without a scope is in none. */
static int in_scope(const struct actor *a, const struct policy_target *t)
{
	return a->verband[0] &&
	       ((t->verband && !strcmp(a->verband, t->verband)) || (t->proeftuin && !strcmp(a->verband, t->proeftuin)));
}

int policy_allows(const struct actor *a, enum action action, const char *org, const char *verband)
{
	const struct policy_target t = { org, verband, NULL };
	return policy_allows_in(a, action, &t);
}

int policy_allows_in(const struct actor *a, enum action action, const struct policy_target *t)
{
	const char *org = t->org;
	if (action == ACT_LOGIN || action == ACT_LOGOUT || action == ACT_READ)
		return 1;
	if (a->role == ROLE_NONE)
		return 0;
	if (a->role == ROLE_BEHEERDER)
		return 1;
	switch (action) {
	case ACT_VERBAND_WRITE:
		/* The steering group of that verband; the process manager of that
		 * verband, or of the whole network when not bound to one. */
		if (!has_scope(t))
			return 0;
		if (a->role == ROLE_STUURGROEP)
			return in_scope(a, t);
		if (a->role == ROLE_PROCESMANAGER)
			return !a->verband[0] || in_scope(a, t);
		return 0;
	case ACT_STAFF_READ: return 1;
	case ACT_STAFF_READ_PRIVATE:
		/* AVG: only the own organisation's managers and the process manager. */
		return a->role == ROLE_PROCESMANAGER || (a->role == ROLE_MANAGER && same_org(a, org));
	case ACT_STAFF_WRITE:
	case ACT_STAFF_PRIVACY: return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_REPORT_READ: return a->role == ROLE_PROCESMANAGER || same_org(a, org);
	case ACT_USER_READ:
	case ACT_USER_WRITE: return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_STEER:
		/* Choosing and running a verband: as verband-wijzigen. */
		return policy_allows_in(a, ACT_VERBAND_WRITE, t);
	case ACT_SURVEY_ANSWER:
		/* A partner answers for itself: its manager, or its member of that verband's stuurgroep. */
		return same_org(a, org) && (a->role == ROLE_MANAGER || (a->role == ROLE_STUURGROEP && in_scope(a, t)));
	case ACT_SCORE:
		/* Each partner scores for itself, through its member of the stuurgroep. */
		return a->role == ROLE_STUURGROEP && same_org(a, org) && in_scope(a, t);
	case ACT_MILESTONE_UPDATE:
		/* Besides the stuurgroep and procesmanager: the manager of the responsible organisation. */
		return policy_allows_in(a, ACT_STEER, t) || (a->role == ROLE_MANAGER && same_org(a, org));
	case ACT_EXCHANGE_MANAGE:
		/* The process manager of that proeftuin (or its verband), or of all. */
		return a->role == ROLE_PROCESMANAGER && (!a->verband[0] || in_scope(a, t));
	case ACT_ASSIGNMENT_WRITE:
	case ACT_STAFFING:
		/* The manager of the principal (of the staff member), or the process manager. */
		return (a->role == ROLE_MANAGER && same_org(a, org)) || policy_allows_in(a, ACT_EXCHANGE_MANAGE, t);
	case ACT_HOURS_BOOK:
		/* Staff of org (a medewerker account of that organisation, for
		 * its own record: policy_allows_record) and its managers. */
		return (a->role == ROLE_MEDEWERKER || a->role == ROLE_MANAGER) && same_org(a, org);
	case ACT_HOURS_APPROVE:
	case ACT_DEPOSIT: return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_SKILLS_WRITE:
		/* Managers of org; a medewerker of org only for their own record,
		 * which policy_allows_record decides. */
		return (a->role == ROLE_MANAGER || a->role == ROLE_MEDEWERKER) && same_org(a, org);
	case ACT_CODELIST_WRITE:
		/* The process manager of that verband's list, or of all lists. */
		return a->role == ROLE_PROCESMANAGER && (!a->verband[0] || in_scope(a, t));
	case ACT_SUBSTITUTE:
		/* The manager who lends the substitute, or the process manager. */
		return a->role == ROLE_PROCESMANAGER || (a->role == ROLE_MANAGER && same_org(a, org));
	case ACT_MATCHING:
		/* Programming the proeftuin's work: its process manager (accepting
		 * also needs inzetten for each staff member's organisation). */
		return policy_allows_in(a, ACT_EXCHANGE_MANAGE, t);
	case ACT_DECISION_RECORD:
		/* Someone of that organisation: its manager, or its member of the
		 * verband's stuurgroep (the gemeentesecretaris). */
		return same_org(a, org) && (a->role == ROLE_MANAGER || (a->role == ROLE_STUURGROEP && in_scope(a, t)));
	case ACT_CONSENT:
		/* The principal's own manager: its drawing rights. */
		return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_HOURS_READ:
		/* Without the entry: the managers of org and the process manager
		 * (policy_allows_entry decides on one entry). */
		return (a->role == ROLE_MANAGER && same_org(a, org)) || policy_allows_in(a, ACT_EXCHANGE_MANAGE, t);
	case ACT_LESSON_WRITE:
		/* The proeftuin-MT: the managers of its members (the caller passes
		 * a member as org) and its process manager. */
		return (a->role == ROLE_MANAGER && same_org(a, org)) || policy_allows_in(a, ACT_EXCHANGE_MANAGE, t);
	case ACT_SERVICE_PROGRAMME:
		/* The dienstverlening proeftuin's MT: the managers of the verband's
		 * members (the caller passes a member as org) and its process manager. */
		return (a->role == ROLE_MANAGER && same_org(a, org)) ||
		       (a->role == ROLE_PROCESMANAGER && has_scope(t) && (!a->verband[0] || in_scope(a, t)));
	case ACT_ANSWER_WRITE:
		/* The owning organisation's redactie: its managers and staff. */
		return (a->role == ROLE_MANAGER || a->role == ROLE_MEDEWERKER) && same_org(a, org);
	case ACT_ZAAKTYPEN_IMPORT: return a->role == ROLE_MANAGER && same_org(a, org);
	case ACT_INTERESTS_WRITE:
		/* A member speaks for itself: its manager, or its member of that
		 * verband's stuurgroep (the gemeentesecretaris). */
		return same_org(a, org) && (a->role == ROLE_MANAGER || (a->role == ROLE_STUURGROEP && in_scope(a, t)));
	case ACT_REGISTER_WRITE:
	case ACT_ADMIN:
	case ACT_TOKEN_WRITE:
	case ACT_AUDIT_READ:
	default: return 0;
	}
}

int policy_allows_record(const struct actor *a, enum action action, const char *org, long long medewerker)
{
	/* The record the account is linked to. A medewerker account without a
	 * link (0) passes only for record 0, which does not exist and which
	 * the store refuses as it refuses any unknown medewerker. */
	int own = a->role != ROLE_NONE && a->medewerker == medewerker;
	switch (action) {
	case ACT_SKILLS_WRITE:
	case ACT_HOURS_BOOK:
		/* A medewerker only on their own record; a manager on every record of the organisation. */
		return policy_allows(a, action, org, NULL) && (a->role != ROLE_MEDEWERKER || own);
	case ACT_STAFF_READ_PRIVATE:
		/* Everyone may see their own personal data (AVG inzage). */
		return policy_allows(a, action, org, NULL) || (medewerker > 0 && own);
	default: return policy_allows(a, action, org, NULL);
	}
}

int policy_entry_approver(const struct policy_entry *e, const char *org)
{
	if (!org || !org[0])
		return 0;
	int principal = 0, others = 0;
	for (int i = 0; i < e->nprincipals; i++) {
		if (!strcmp(e->principals[i], org))
			principal = 1;
		if (!e->staff_org || strcmp(e->principals[i], e->staff_org))
			others = 1;
	}
	if (!principal)
		return 0;
	return (e->staff_org && strcmp(org, e->staff_org)) || !others;
}

int policy_allows_entry(const struct actor *a, enum action action, const struct policy_entry *e)
{
	const struct policy_target t = { e->staff_org, e->verband, e->proeftuin };
	if (a->role == ROLE_NONE)
		return 0;
	if (a->role == ROLE_BEHEERDER)
		return 1;
	switch (action) {
	case ACT_HOURS_APPROVE: return a->role == ROLE_MANAGER && policy_entry_approver(e, a->org);
	case ACT_HOURS_READ:
		if (a->medewerker > 0 && a->medewerker == e->medewerker)
			return 1;
		if (policy_allows_in(a, ACT_HOURS_READ, &t))
			return 1;
		return a->role == ROLE_MANAGER && policy_entry_approver(e, a->org);
	default: return policy_allows_in(a, action, &t);
	}
}
