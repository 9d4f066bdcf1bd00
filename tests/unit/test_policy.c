/* Who may do what: every action × role, on the own and another
 * organisation, in the own and another verband. The expected answers are
 * the table at the top of src/core/policy.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include "core/policy.h"

#define OWN_ORG "GM0505"
#define OTHER_ORG "GM0590"
#define OWN_VERBAND "drechtsteden"
#define OTHER_VERBAND "staan"

/* How an action is granted to a role. */
enum grant {
	NO,  /* never */
	YES, /* always, whatever the organisation or verband */
	OWN_ORG_ONLY,
	OWN_VERBAND_ONLY,       /* the actor's verband; nothing when it has none */
	VERBAND_OR_ALL,         /* the actor's verband; every verband when it has none */
	OWN_ORG_IN_OWN_VERBAND, /* the own organisation, within the actor's verband */
	URENBANK_SCOPE,         /* the actor's proeftuin or verband; anything, even none, when it has none */
};

#define NROLES (ROLE_BEHEERDER + 1)

/* Columns: anoniem, raadslid, medewerker, manager, stuurgroep, procesmanager, beheerder. */
static const struct {
	enum action action;
	enum grant by_role[NROLES];
} table[] = {
	{ ACT_READ, { YES, YES, YES, YES, YES, YES, YES } },
	{ ACT_LOGIN, { YES, YES, YES, YES, YES, YES, YES } },
	{ ACT_LOGOUT, { YES, YES, YES, YES, YES, YES, YES } },
	{ ACT_REGISTER_WRITE, { NO, NO, NO, NO, NO, NO, YES } },
	{ ACT_VERBAND_WRITE, { NO, NO, NO, NO, OWN_VERBAND_ONLY, VERBAND_OR_ALL, YES } },
	{ ACT_ADMIN, { NO, NO, NO, NO, NO, NO, YES } },
	{ ACT_STAFF_READ, { NO, YES, YES, YES, YES, YES, YES } },
	{ ACT_STAFF_READ_PRIVATE, { NO, NO, NO, OWN_ORG_ONLY, NO, YES, YES } },
	{ ACT_STAFF_WRITE, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_STAFF_PRIVACY, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_REPORT_READ, { NO, OWN_ORG_ONLY, OWN_ORG_ONLY, OWN_ORG_ONLY, OWN_ORG_ONLY, YES, YES } },
	{ ACT_USER_READ, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_USER_WRITE, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_TOKEN_WRITE, { NO, NO, NO, NO, NO, NO, YES } },
	{ ACT_AUDIT_READ, { NO, NO, NO, NO, NO, NO, YES } },
	{ ACT_SURVEY_ANSWER, { NO, NO, NO, OWN_ORG_ONLY, OWN_ORG_IN_OWN_VERBAND, NO, YES } },
	{ ACT_SCORE, { NO, NO, NO, NO, OWN_ORG_IN_OWN_VERBAND, NO, YES } },
	{ ACT_STEER, { NO, NO, NO, NO, OWN_VERBAND_ONLY, VERBAND_OR_ALL, YES } },
	{ ACT_MILESTONE_UPDATE, { NO, NO, NO, OWN_ORG_ONLY, OWN_VERBAND_ONLY, VERBAND_OR_ALL, YES } },
	{ ACT_EXCHANGE_MANAGE, { NO, NO, NO, NO, NO, URENBANK_SCOPE, YES } },
	{ ACT_ASSIGNMENT_WRITE, { NO, NO, NO, OWN_ORG_ONLY, NO, URENBANK_SCOPE, YES } },
	{ ACT_STAFFING, { NO, NO, NO, OWN_ORG_ONLY, NO, URENBANK_SCOPE, YES } },
	{ ACT_HOURS_BOOK, { NO, NO, OWN_ORG_ONLY, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_HOURS_APPROVE, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_DEPOSIT, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_SKILLS_WRITE, { NO, NO, OWN_ORG_ONLY, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_CODELIST_WRITE, { NO, NO, NO, NO, NO, URENBANK_SCOPE, YES } },
	{ ACT_SUBSTITUTE, { NO, NO, NO, OWN_ORG_ONLY, NO, YES, YES } },
	{ ACT_MATCHING, { NO, NO, NO, NO, NO, URENBANK_SCOPE, YES } },
	{ ACT_DECISION_RECORD, { NO, NO, NO, OWN_ORG_ONLY, OWN_ORG_IN_OWN_VERBAND, NO, YES } },
	{ ACT_CONSENT, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_HOURS_READ, { NO, NO, NO, OWN_ORG_ONLY, NO, URENBANK_SCOPE, YES } },
	{ ACT_LESSON_WRITE, { NO, NO, NO, OWN_ORG_ONLY, NO, URENBANK_SCOPE, YES } },
	{ ACT_SERVICE_PROGRAMME, { NO, NO, NO, OWN_ORG_ONLY, NO, VERBAND_OR_ALL, YES } },
	{ ACT_ANSWER_WRITE, { NO, NO, OWN_ORG_ONLY, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_ZAAKTYPEN_IMPORT, { NO, NO, NO, OWN_ORG_ONLY, NO, NO, YES } },
	{ ACT_INTERESTS_WRITE, { NO, NO, NO, OWN_ORG_ONLY, OWN_ORG_IN_OWN_VERBAND, NO, YES } },
};

static struct actor make_actor(enum role role, const char *org, const char *verband)
{
	struct actor a;
	memset(&a, 0, sizeof(a));
	a.role = role;
	a.user_id = role == ROLE_NONE ? 0 : 42;
	snprintf(a.name, sizeof(a.name), "%s", policy_role_names[role]);
	snprintf(a.org, sizeof(a.org), "%s", org);
	snprintf(a.verband, sizeof(a.verband), "%s", verband);
	return a;
}

static void check(const struct actor *a, enum action action, const char *org, const char *verband, int want)
{
	int got = policy_allows(a, action, org, verband) ? 1 : 0;
	if (got != want)
		fail_msg("%s (org '%s', verband '%s') %s %s on org %s, verband %s: expected %s", policy_role_names[a->role],
			 a->org, a->verband, got ? "may" : "may not", policy_action_names[action], org ? org : "(geen)",
			 verband ? verband : "(geen)", want ? "allowed" : "refused");
}

/* The expected answer for a grant, given where the target is. */
static int expect(enum grant g, const struct actor *a, const char *org, const char *verband)
{
	switch (g) {
	case NO: return 0;
	case YES: return 1;
	case OWN_ORG_ONLY: return org && a->org[0] && !strcmp(org, a->org);
	case OWN_VERBAND_ONLY: return verband && verband[0] && a->verband[0] && !strcmp(verband, a->verband);
	case VERBAND_OR_ALL: return verband && verband[0] && (!a->verband[0] || !strcmp(verband, a->verband));
	case OWN_ORG_IN_OWN_VERBAND: return expect(OWN_ORG_ONLY, a, org, verband) && expect(OWN_VERBAND_ONLY, a, org, verband);
	case URENBANK_SCOPE: return !a->verband[0] || (verband && !strcmp(verband, a->verband));
	}
	return -1;
}

static void test_table(void **state)
{
	static const char *const orgs[] = { OWN_ORG, OTHER_ORG, NULL, "", "GM05050", "gm0505" };
	static const char *const verbanden[] = { OWN_VERBAND, OTHER_VERBAND, NULL, "" };
	static const char *const actor_verbanden[] = { OWN_VERBAND, "" };
	int checked = 0;
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++)
		for (int r = ROLE_NONE; r <= ROLE_BEHEERDER; r++)
			for (size_t av = 0; av < 2; av++) {
				struct actor a = make_actor((enum role)r, OWN_ORG, actor_verbanden[av]);
				for (size_t o = 0; o < sizeof(orgs) / sizeof(orgs[0]); o++)
					for (size_t v = 0; v < sizeof(verbanden) / sizeof(verbanden[0]); v++) {
						int want = expect(table[t].by_role[r], &a, orgs[o], verbanden[v]);
						check(&a, table[t].action, orgs[o], verbanden[v], want);
						checked++;
					}
			}
	assert_int_equal(checked, (int)(sizeof(table) / sizeof(table[0])) * NROLES * 2 * 6 * 4);
}

static void test_table_is_complete(void **state)
{
	/* Every action has a row above: a new action must be decided here too. */
	int seen[ACT__COUNT] = { 0 };
	for (size_t t = 0; t < sizeof(table) / sizeof(table[0]); t++)
		seen[table[t].action]++;
	for (int i = 0; i < ACT__COUNT; i++)
		if (seen[i] != 1)
			fail_msg("action %d (%s) has %d rows in the test table", i, policy_action_names[i], seen[i]);
}

static void test_actor_without_org(void **state)
{
	/* A manager or medewerker without an organisation owns none, not
	 * every one, and not the one without a code. */
	for (int r = ROLE_RAADSLID; r <= ROLE_STUURGROEP; r++) {
		struct actor a = make_actor((enum role)r, "", "");
		check(&a, ACT_STAFF_WRITE, "", NULL, 0);
		check(&a, ACT_STAFF_WRITE, OWN_ORG, NULL, 0);
		check(&a, ACT_STAFF_READ_PRIVATE, "", NULL, 0);
		check(&a, ACT_REPORT_READ, "", NULL, 0);
		check(&a, ACT_REPORT_READ, NULL, NULL, 0);
		check(&a, ACT_USER_WRITE, "", NULL, 0);
	}
}

static void test_anonymous_with_org(void **state)
{
	/* An anonymous request never gets more than reading, even if the
	 * struct carries an organisation or verband. */
	struct actor a = make_actor(ROLE_NONE, OWN_ORG, OWN_VERBAND);
	for (int act = 0; act < ACT__COUNT; act++) {
		int want = act == ACT_READ || act == ACT_LOGIN || act == ACT_LOGOUT;
		check(&a, (enum action)act, OWN_ORG, OWN_VERBAND, want);
		check(&a, (enum action)act, NULL, NULL, want);
	}
}

static void test_names(void **state)
{
	/* One Dutch name per action, for the audit log. */
	int n = 0;
	while (policy_action_names[n])
		n++;
	assert_int_equal(n, ACT__COUNT);
	assert_string_equal(policy_action_names[ACT_READ], "lezen");
	assert_string_equal(policy_action_names[ACT_ADMIN], "beheer");
	n = 0;
	while (policy_role_names[n])
		n++;
	assert_int_equal(n, NROLES);
	assert_string_equal(policy_role_names[ROLE_NONE], "anoniem");
}

static void test_role_parse(void **state)
{
	for (int r = ROLE_RAADSLID; r <= ROLE_BEHEERDER; r++)
		assert_int_equal(policy_role_parse(policy_role_names[r]), r);
	assert_int_equal(policy_role_parse("beheerder"), ROLE_BEHEERDER);
	assert_int_equal(policy_role_parse("manager"), ROLE_MANAGER);
	assert_int_equal(policy_role_parse("Beheerder"), ROLE_NONE);
	assert_int_equal(policy_role_parse("beheerder "), ROLE_NONE);
	assert_int_equal(policy_role_parse("anoniem"), ROLE_NONE);
	assert_int_equal(policy_role_parse(""), ROLE_NONE);
	assert_int_equal(policy_role_parse(NULL), ROLE_NONE);
}

static void test_account_action(void **state)
{
	/* A manager hands out medewerker and raadslid accounts; the other
	 * roles need a beheerder. */
	assert_int_equal(policy_account_action(ROLE_MEDEWERKER), ACT_USER_WRITE);
	assert_int_equal(policy_account_action(ROLE_RAADSLID), ACT_USER_WRITE);
	assert_int_equal(policy_account_action(ROLE_MANAGER), ACT_ADMIN);
	assert_int_equal(policy_account_action(ROLE_STUURGROEP), ACT_ADMIN);
	assert_int_equal(policy_account_action(ROLE_PROCESMANAGER), ACT_ADMIN);
	assert_int_equal(policy_account_action(ROLE_BEHEERDER), ACT_ADMIN);
	struct actor m = make_actor(ROLE_MANAGER, OWN_ORG, "");
	check(&m, policy_account_action(ROLE_MEDEWERKER), OWN_ORG, NULL, 1);
	check(&m, policy_account_action(ROLE_MEDEWERKER), OTHER_ORG, NULL, 0);
	check(&m, policy_account_action(ROLE_BEHEERDER), OWN_ORG, NULL, 0);
	check(&m, policy_account_action(ROLE_MANAGER), OWN_ORG, NULL, 0);

	assert_int_equal(policy_role_verband(ROLE_STUURGROEP), 2);
	assert_int_equal(policy_role_verband(ROLE_PROCESMANAGER), 1);
	assert_int_equal(policy_role_verband(ROLE_MANAGER), 0);
	assert_int_equal(policy_role_verband(ROLE_BEHEERDER), 0);
	assert_int_equal(policy_role_verband(ROLE_NONE), 0);
}

#define PROEFTUIN "zorg-pilot"
#define OTHER_PROEFTUIN "jeugd-pilot"

static void check_in(const struct actor *a, enum action action, const char *org, const char *verband, const char *proeftuin,
		     int want)
{
	const struct policy_target t = { org, verband, proeftuin };
	int got = policy_allows_in(a, action, &t) ? 1 : 0;
	if (got != want)
		fail_msg("%s (org '%s', verband '%s') %s %s on org %s in proeftuin %s of verband %s: expected %s",
			 policy_role_names[a->role], a->org, a->verband, got ? "may" : "may not", policy_action_names[action],
			 org ? org : "(geen)", proeftuin ? proeftuin : "(geen)", verband ? verband : "(geen)",
			 want ? "allowed" : "refused");
}

static void test_proeftuin_or_verband(void **state)
{
	/* A process manager scoped to a verband manages the proeftuinen of that
	 * verband; one scoped to a proeftuin manages that proeftuin only; one
	 * without a scope manages all. */
	struct actor pv = make_actor(ROLE_PROCESMANAGER, "", OWN_VERBAND);
	struct actor pp = make_actor(ROLE_PROCESMANAGER, "", PROEFTUIN);
	struct actor pa = make_actor(ROLE_PROCESMANAGER, "", "");
	struct actor po = make_actor(ROLE_PROCESMANAGER, "", OTHER_VERBAND);
	static const enum action managed[] = { ACT_EXCHANGE_MANAGE, ACT_MATCHING, ACT_ASSIGNMENT_WRITE, ACT_STAFFING };
	for (size_t i = 0; i < sizeof(managed) / sizeof(managed[0]); i++) {
		enum action act = managed[i];
		check_in(&pv, act, NULL, OWN_VERBAND, PROEFTUIN, 1);
		check_in(&pv, act, OTHER_ORG, OWN_VERBAND, OTHER_PROEFTUIN, 1);
		check_in(&pv, act, NULL, OTHER_VERBAND, PROEFTUIN, 0);
		check_in(&pv, act, NULL, "", PROEFTUIN, 0); /* a proeftuin outside any verband */
		check_in(&pp, act, NULL, OWN_VERBAND, PROEFTUIN, 1);
		check_in(&pp, act, NULL, "", PROEFTUIN, 1);
		check_in(&pp, act, NULL, OWN_VERBAND, OTHER_PROEFTUIN, 0);
		check_in(&pa, act, NULL, OWN_VERBAND, PROEFTUIN, 1);
		check_in(&pa, act, NULL, "", PROEFTUIN, 1);
		check_in(&po, act, NULL, OWN_VERBAND, PROEFTUIN, 0);
	}
	/* The scope does not reach what is no process manager's. */
	check_in(&pv, ACT_HOURS_APPROVE, OWN_ORG, OWN_VERBAND, PROEFTUIN, 0);
	check_in(&pv, ACT_DEPOSIT, OWN_ORG, OWN_VERBAND, PROEFTUIN, 0);
	/* A stuurgroep of the verband does not manage its proeftuinen. */
	struct actor sg = make_actor(ROLE_STUURGROEP, OWN_ORG, OWN_VERBAND);
	check_in(&sg, ACT_EXCHANGE_MANAGE, NULL, OWN_VERBAND, PROEFTUIN, 0);
	check_in(&sg, ACT_MATCHING, NULL, OWN_VERBAND, PROEFTUIN, 0);
	/* A manager acts for the own organisation, in any proeftuin. */
	struct actor m = make_actor(ROLE_MANAGER, OWN_ORG, "");
	check_in(&m, ACT_ASSIGNMENT_WRITE, OWN_ORG, OTHER_VERBAND, PROEFTUIN, 1);
	check_in(&m, ACT_HOURS_APPROVE, OWN_ORG, "", PROEFTUIN, 1);
	check_in(&m, ACT_ASSIGNMENT_WRITE, OTHER_ORG, OWN_VERBAND, PROEFTUIN, 0);
	check_in(&m, ACT_EXCHANGE_MANAGE, NULL, OWN_VERBAND, PROEFTUIN, 0);
	struct actor anon = make_actor(ROLE_NONE, OWN_ORG, OWN_VERBAND);
	check_in(&anon, ACT_EXCHANGE_MANAGE, OWN_ORG, OWN_VERBAND, PROEFTUIN, 0);
	check_in(&anon, ACT_HOURS_BOOK, OWN_ORG, OWN_VERBAND, PROEFTUIN, 0);
}

static void test_proeftuin_is_either_of_two(void **state)
{
	/* For every action, role and target: asking in a proeftuin is asking
	 * for the proeftuin or for its verband, as the hours exchange asked
	 * (twice) before the policy decided it. */
	static const char *const orgs[] = { OWN_ORG, OTHER_ORG, NULL, "" };
	static const char *const verbanden[] = { OWN_VERBAND, OTHER_VERBAND, NULL, "" };
	static const char *const proeftuinen[] = { PROEFTUIN, OTHER_PROEFTUIN, NULL, "" };
	static const char *const scopes[] = { OWN_VERBAND, PROEFTUIN, "" };
	for (int act = 0; act < ACT__COUNT; act++)
		for (int r = ROLE_NONE; r <= ROLE_BEHEERDER; r++)
			for (size_t s = 0; s < 3; s++) {
				struct actor a = make_actor((enum role)r, OWN_ORG, scopes[s]);
				for (size_t o = 0; o < 4; o++)
					for (size_t v = 0; v < 4; v++)
						for (size_t q = 0; q < 4; q++) {
							const char *org = orgs[o], *vb = verbanden[v], *pt = proeftuinen[q];
							int want = policy_allows(&a, (enum action)act, org, pt) ||
								   (vb && vb[0] && policy_allows(&a, (enum action)act, org, vb));
							check_in(&a, (enum action)act, org, vb, pt, want);
						}
			}
}

/* The record of one medewerker (policy_allows_record): the own record is
 * the one the account is linked to (actor.medewerker). */
#define OWN_RECORD 7
#define OTHER_RECORD 8

static void check_record(const struct actor *a, enum action action, const char *org, long long id, int want)
{
	int got = policy_allows_record(a, action, org, id) ? 1 : 0;
	if (got != want)
		fail_msg("%s (org '%s', medewerker %lld) %s %s on medewerker %lld of %s: expected %s", policy_role_names[a->role],
			 a->org, a->medewerker, got ? "may" : "may not", policy_action_names[action], id, org ? org : "(geen)",
			 want ? "allowed" : "refused");
}

static void test_record_skills_write(void **state)
{
	/* A medewerker changes only the record its account is linked to, and
	 * only in its own organisation. */
	struct actor m = make_actor(ROLE_MEDEWERKER, OWN_ORG, "");
	m.medewerker = OWN_RECORD;
	check_record(&m, ACT_SKILLS_WRITE, OWN_ORG, OWN_RECORD, 1);
	check_record(&m, ACT_SKILLS_WRITE, OWN_ORG, OTHER_RECORD, 0);
	check_record(&m, ACT_SKILLS_WRITE, OTHER_ORG, OWN_RECORD, 0);
	check_record(&m, ACT_SKILLS_WRITE, NULL, OWN_RECORD, 0);
	check_record(&m, ACT_SKILLS_WRITE, OWN_ORG, 0, 0);
	/* Without a link no existing record is its own; record 0 (no
	 * medewerker) passes here and is refused by the store as unknown. */
	struct actor u = make_actor(ROLE_MEDEWERKER, OWN_ORG, "");
	check_record(&u, ACT_SKILLS_WRITE, OWN_ORG, OWN_RECORD, 0);
	check_record(&u, ACT_SKILLS_WRITE, OWN_ORG, 0, 1);
	/* The manager of the organisation changes every record there, linked or not. */
	struct actor g = make_actor(ROLE_MANAGER, OWN_ORG, "");
	g.medewerker = OWN_RECORD;
	check_record(&g, ACT_SKILLS_WRITE, OWN_ORG, OWN_RECORD, 1);
	check_record(&g, ACT_SKILLS_WRITE, OWN_ORG, OTHER_RECORD, 1);
	check_record(&g, ACT_SKILLS_WRITE, OTHER_ORG, OTHER_RECORD, 0);
	/* Other roles do not change skills, not even on their own record. */
	static const enum role others[] = { ROLE_RAADSLID, ROLE_STUURGROEP, ROLE_PROCESMANAGER };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		struct actor o = make_actor(others[i], OWN_ORG, "");
		o.medewerker = OWN_RECORD;
		check_record(&o, ACT_SKILLS_WRITE, OWN_ORG, OWN_RECORD, 0);
	}
	struct actor b = make_actor(ROLE_BEHEERDER, "", "");
	check_record(&b, ACT_SKILLS_WRITE, OTHER_ORG, OTHER_RECORD, 1);
	/* An anonymous request gets nothing, whatever the struct carries. */
	struct actor n = make_actor(ROLE_NONE, OWN_ORG, "");
	n.medewerker = OWN_RECORD;
	check_record(&n, ACT_SKILLS_WRITE, OWN_ORG, OWN_RECORD, 0);
	check_record(&n, ACT_SKILLS_WRITE, OWN_ORG, 0, 0);
}

static void test_record_private(void **state)
{
	/* Everyone signed in sees their own personal data; beyond that as
	 * persoonsgegevens-lezen. */
	for (int r = ROLE_RAADSLID; r <= ROLE_STUURGROEP; r++) {
		struct actor a = make_actor((enum role)r, OWN_ORG, "");
		a.medewerker = OWN_RECORD;
		int mgr = r == ROLE_MANAGER;
		check_record(&a, ACT_STAFF_READ_PRIVATE, OWN_ORG, OWN_RECORD, 1);
		check_record(&a, ACT_STAFF_READ_PRIVATE, OTHER_ORG, OWN_RECORD, 1);
		check_record(&a, ACT_STAFF_READ_PRIVATE, OWN_ORG, OTHER_RECORD, mgr);
		check_record(&a, ACT_STAFF_READ_PRIVATE, OWN_ORG, 0, mgr);
		struct actor u = make_actor((enum role)r, OWN_ORG, "");
		check_record(&u, ACT_STAFF_READ_PRIVATE, OWN_ORG, 0, mgr);
		check_record(&u, ACT_STAFF_READ_PRIVATE, OTHER_ORG, 0, 0);
	}
	struct actor n = make_actor(ROLE_NONE, OWN_ORG, "");
	n.medewerker = OWN_RECORD;
	check_record(&n, ACT_STAFF_READ_PRIVATE, OWN_ORG, OWN_RECORD, 0);
}

static void test_record_hours_book(void **state)
{
	/* A medewerker books only as the person the account is linked to. */
	struct actor m = make_actor(ROLE_MEDEWERKER, OWN_ORG, "");
	m.medewerker = OWN_RECORD;
	check_record(&m, ACT_HOURS_BOOK, OWN_ORG, OWN_RECORD, 1);
	check_record(&m, ACT_HOURS_BOOK, OWN_ORG, OTHER_RECORD, 0);
	check_record(&m, ACT_HOURS_BOOK, OTHER_ORG, OWN_RECORD, 0);
	/* Without a link: no one. */
	struct actor u = make_actor(ROLE_MEDEWERKER, OWN_ORG, "");
	check_record(&u, ACT_HOURS_BOOK, OWN_ORG, OWN_RECORD, 0);
	check_record(&u, ACT_HOURS_BOOK, OWN_ORG, OTHER_RECORD, 0);
	/* A manager books for every person of the own organisation. */
	struct actor g = make_actor(ROLE_MANAGER, OWN_ORG, "");
	check_record(&g, ACT_HOURS_BOOK, OWN_ORG, OWN_RECORD, 1);
	check_record(&g, ACT_HOURS_BOOK, OWN_ORG, OTHER_RECORD, 1);
	check_record(&g, ACT_HOURS_BOOK, OTHER_ORG, OTHER_RECORD, 0);
	/* The others do not book, not even their own hours. */
	static const enum role others[] = { ROLE_RAADSLID, ROLE_STUURGROEP, ROLE_PROCESMANAGER };
	for (size_t i = 0; i < sizeof(others) / sizeof(others[0]); i++) {
		struct actor o = make_actor(others[i], OWN_ORG, "");
		o.medewerker = OWN_RECORD;
		check_record(&o, ACT_HOURS_BOOK, OWN_ORG, OWN_RECORD, 0);
	}
	struct actor b = make_actor(ROLE_BEHEERDER, "", "");
	check_record(&b, ACT_HOURS_BOOK, OTHER_ORG, OTHER_RECORD, 1);
}

static void test_record_other_actions(void **state)
{
	/* Every other action ignores the record: as policy_allows without a verband. */
	static const char *const orgs[] = { OWN_ORG, OTHER_ORG, NULL };
	static const long long ids[] = { 0, OWN_RECORD, OTHER_RECORD };
	for (int act = 0; act < ACT__COUNT; act++) {
		if (act == ACT_SKILLS_WRITE || act == ACT_STAFF_READ_PRIVATE || act == ACT_HOURS_BOOK)
			continue;
		for (int r = ROLE_NONE; r <= ROLE_BEHEERDER; r++)
			for (size_t o = 0; o < 3; o++)
				for (size_t i = 0; i < 3; i++) {
					struct actor a = make_actor((enum role)r, OWN_ORG, "");
					a.medewerker = OWN_RECORD;
					check_record(&a, (enum action)act, orgs[o], ids[i],
						     policy_allows(&a, (enum action)act, orgs[o], NULL) ? 1 : 0);
				}
	}
}

/* Four eyes: who approves an entry of staff of Dordrecht (GM0505). */
static void test_entry_approver(void **state)
{
	static const char *const shared[] = { "GM0505", "GM0642", "GM0531" }; /* Dordrecht is one of three */
	static const char *const own[] = { "GM0505" };                        /* Dordrecht's own */
	static const char *const others[] = { "GM0642" };                     /* Zwijndrecht's */
	struct policy_entry e = { "GM0505", 7, shared, 3, "drechtsteden", "dt2012" };
	assert_false(policy_entry_approver(&e, "GM0505")); /* it would credit itself */
	assert_true(policy_entry_approver(&e, "GM0642"));
	assert_true(policy_entry_approver(&e, "GM0531"));
	assert_false(policy_entry_approver(&e, "GM0590")); /* no principal */
	assert_false(policy_entry_approver(&e, NULL));
	e.principals = own, e.nprincipals = 1;
	assert_true(policy_entry_approver(&e, "GM0505")); /* nothing moves */
	e.principals = others, e.nprincipals = 1;
	assert_false(policy_entry_approver(&e, "GM0505"));
	assert_true(policy_entry_approver(&e, "GM0642"));
}

static void test_entry_approve_and_read(void **state)
{
	static const char *const shared[] = { "GM0505", "GM0642", "GM0531" };
	const struct policy_entry e = { "GM0505", 7, shared, 3, "drechtsteden", "dt2012" };
	struct actor dd = make_actor(ROLE_MANAGER, "GM0505", ""), zw = make_actor(ROLE_MANAGER, "GM0642", "");
	struct actor pd = make_actor(ROLE_MANAGER, "GM0590", ""), beh = make_actor(ROLE_BEHEERDER, "", "");
	struct actor pm = make_actor(ROLE_PROCESMANAGER, "GM0505", "drechtsteden");
	struct actor pm_other = make_actor(ROLE_PROCESMANAGER, "GM0148", "dsz");
	struct actor self = make_actor(ROLE_MEDEWERKER, "GM0505", ""), colleague = make_actor(ROLE_MEDEWERKER, "GM0505", "");
	struct actor rl = make_actor(ROLE_RAADSLID, "GM0505", ""), sg = make_actor(ROLE_STUURGROEP, "GM0642", "drechtsteden");
	struct actor anon = make_actor(ROLE_NONE, "", "");
	self.medewerker = 7;
	colleague.medewerker = 8;
	assert_false(policy_allows_entry(&dd, ACT_HOURS_APPROVE, &e));
	assert_true(policy_allows_entry(&zw, ACT_HOURS_APPROVE, &e));
	assert_false(policy_allows_entry(&pd, ACT_HOURS_APPROVE, &e));
	assert_true(policy_allows_entry(&beh, ACT_HOURS_APPROVE, &e));
	assert_false(policy_allows_entry(&pm, ACT_HOURS_APPROVE, &e));
	assert_false(policy_allows_entry(&self, ACT_HOURS_APPROVE, &e));
	/* Reading the person's hours. */
	const struct actor *may[] = { &dd, &zw, &beh, &pm, &self };
	const struct actor *may_not[] = { &pd, &pm_other, &colleague, &rl, &sg, &anon };
	for (size_t i = 0; i < sizeof(may) / sizeof(may[0]); i++)
		assert_true(policy_allows_entry(may[i], ACT_HOURS_READ, &e));
	for (size_t i = 0; i < sizeof(may_not) / sizeof(may_not[0]); i++)
		assert_false(policy_allows_entry(may_not[i], ACT_HOURS_READ, &e));
	/* All of one person's hours (no entry): not the approvers, who see only theirs. */
	const struct policy_entry person = { "GM0505", 7, NULL, 0, "drechtsteden", "dt2012" };
	assert_true(policy_allows_entry(&dd, ACT_HOURS_READ, &person));
	assert_false(policy_allows_entry(&zw, ACT_HOURS_READ, &person));
	assert_true(policy_allows_entry(&self, ACT_HOURS_READ, &person));
	assert_true(policy_allows_entry(&pm, ACT_HOURS_READ, &person));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_table_is_complete),
		cmocka_unit_test(test_actor_without_org),
		cmocka_unit_test(test_anonymous_with_org),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_role_parse),
		cmocka_unit_test(test_account_action),
		cmocka_unit_test(test_proeftuin_or_verband),
		cmocka_unit_test(test_proeftuin_is_either_of_two),
		cmocka_unit_test(test_record_skills_write),
		cmocka_unit_test(test_record_private),
		cmocka_unit_test(test_record_hours_book),
		cmocka_unit_test(test_record_other_actions),
		cmocka_unit_test(test_entry_approver),
		cmocka_unit_test(test_entry_approve_and_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
