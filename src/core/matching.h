/* matching.h — who works on what: the open opdrachten of a proeftuin and the
 * people of its members, matched as a minimum-cost maximum flow (mcf.h).
 * Pure: plain structs in, plain structs out; the store fills the input
 * (src/store/matching.c) and docs/matching.md explains the model to users.
 *
 * Input. Organisations (members) with their saldo and beschikbaar minutes;
 * people with their organisation, the minutes they have for network work in
 * the period, and their competences with a level 1 (basis), 2 (ervaren) or
 * 3 (expert); opdrachten with their principals and weights (the shares of
 * the hours exchange); needs: minutes of one competence at a least level
 * for one opdracht. Everything is an index into the caller's arrays.
 *
 * The model.
 *   source → person p            capacity: p's minutes
 *   person p → need n            when p holds n's competence at a level
 *                                L ≥ n's level l; cost per minute
 *                                G·(L − l) + rank(org of p)
 *   need n → sink                capacity: n's minutes
 * and the drawing rights: the minutes of n done by staff of other
 * organisations ("foreign" minutes) are at most F(n), a capacity on the
 * foreign part of the need. Staff of the principal of a lokaal opdracht
 * (one principal) are not foreign: their work moves nothing. On an opdracht
 * of several principals every minute counts as foreign, also a principal's
 * own staff (who do commit the other principals' shares; counting their own
 * share too is on the safe side).
 *
 * Objective, lexicographic: (1) as many needed minutes covered as possible;
 * (2) then as few minutes of over-qualification (Σ minutes·(L − l)) as
 * possible; (3) then as many minutes as possible from organisations with a
 * low saldo ("wat je haalt moet gebracht zijn"): rank(org) is the dense rank
 * of its saldo among the members, 0 for the lowest, K − 1 for the highest.
 * (1) is what a minimum-cost *maximum* flow is. (2) before (3) holds with
 *     G = (K − 1)·U + 1,   U = min(Σ people's minutes, Σ needs' minutes):
 * the rank part of any flow is at most (K − 1)·U < G, so one minute less of
 * over-qualification (which saves G) outweighs any change of the rank part.
 *
 * The drawing rights F(n). A principal R may commit at most its
 * beschikbaarMinuten (negative counts as 0). Staffing x minutes of another
 * organisation's staff on an opdracht commits R's share: x on a lokaal one,
 * at most ⌈x·w_R/W⌉ on one of several principals (largest remainder,
 * ledger.h). That constraint — one sum per principal over all its
 * opdrachten — crosses the per-need sums; three crossing families of sums
 * are not a network (the matrix is not totally unimodular), so no flow
 * model holds it exactly. We therefore divide each principal's rights over
 * its needs (a restriction: every proposal is acceptable): in input order
 * each need gets F(n) = the most foreign minutes that fit in what every
 * one of its principals has left, up to its minutes. After solving, rights
 * allotted to needs that did not use them go, again in input order, to
 * needs whose foreign part was full, and the flow is solved again (at most
 * MATCHING_ROUNDS times; the covered minutes never go down, since the
 * previous flow stays feasible — mcf_resolve() goes on from it). The
 * optimum reported is that of the last network solved, with its F(n) in
 * the result. Which F(n) a next round gets depends on which of the equally
 * cheap flows the round before found (its foreign minutes per need), so a
 * change of solver may change the later rounds' networks, each still
 * solved exactly.
 * Finally each assignment's real commitment is computed as the exchange
 * will (ledger_commitments per assignment, the provider's own share left
 * out); when rounding per assignment puts a principal over its rights (at
 * most a minute per assignment on opdrachten of several principals), the
 * last such assignments are shortened until it fits (trimmed minutes).
 *
 * The flow network itself is smaller than the bipartite graph above but
 * equivalent: per competence and level a pool node, pools chained from
 * level 3 down to 1 at cost G a step, so an expert reaches a basis need by
 * two steps; a person's minutes come from the source at cost rank(org)
 * (every minute of a person pays it once, whichever pool it goes to) and
 * enter the pool of their level at cost 0; a need takes from the pool of
 * its level, its foreign part through one arc of capacity F(n); a lokaal
 * principal's own staff reach its needs through a pool of their own. Pools
 * below the lowest level their family's needs ask are left out (no need
 * could be reached from them). Arcs: about two per competence a person
 * holds plus a few per need, instead of one per qualified (person, need)
 * pair. The flow is split back into (person, need) minutes pool by pool.
 *
 * Offers. A member may offer capacity (store/urenbank_aanbod.h); the
 * store gives each offered slice of a person as a person of its own with
 * offered = 1 (the same medewerker may appear twice: offered and not).
 * When any person is offered, the rank part of a minute of a person who is
 * not offered is rank(org) + K, of an offered one rank(org): ranks run over
 * 2K classes and G = (2K − 1)·U + 1, so (1) and (2) are as before and an
 * offered minute goes before every minute that is not offered, the saldo
 * deciding among each kind. Without offers nothing changes.
 *
 * Bounds (else matching_solve fails with a message): minutes per person
 * and per need ≤ MATCHING_MAX_MINUTES, weights 1 … LEDGER_MAX_SPLIT, at most
 * LEDGER_MAX_PARTIES principals per opdracht, U·(2G + K) < 2^62. */
#ifndef SAMEN_CORE_MATCHING_H
#define SAMEN_CORE_MATCHING_H
#include <stddef.h>
#include <stdint.h>

#define MATCHING_LEVELS 3
#define MATCHING_ROUNDS 4
#define MATCHING_MAX_MINUTES ((int64_t)1 << 31)

struct matching_org {
	int64_t saldo;     /* saldoMinuten */
	int64_t available; /* beschikbaarMinuten: drawing rights left */
};

struct matching_skill {
	int32_t competence; /* 0 … ncompetences − 1 */
	int32_t level;      /* 1 … 3 */
};

struct matching_person {
	int32_t org;
	int64_t minutes;    /* for network work in the period, not yet committed */
	size_t first_skill; /* skills[first_skill … first_skill + nskills) */
	size_t nskills;
	int32_t offered; /* 1: capacity its organisation offered (preferred; see "Offers") */
};

struct matching_principal {
	int32_t org;
	int64_t weight;
};

struct matching_opdracht {
	size_t first_principal; /* principals[first … first + n) */
	size_t nprincipals;
};

struct matching_need {
	int32_t opdracht;
	int32_t competence;
	int32_t level;
	int64_t minutes;
};

struct matching_input {
	size_t norgs, npeople, nskills, nopdrachten, nprincipals, nneeds;
	int32_t ncompetences;
	const struct matching_org *orgs;
	const struct matching_person *people;
	const struct matching_skill *skills;
	const struct matching_opdracht *opdrachten;
	const struct matching_principal *principals;
	const struct matching_need *needs;
};

struct matching_assignment {
	int32_t person, need;
	int32_t level; /* the person's level in the need's competence */
	int64_t minutes;
};

struct matching_result {
	struct matching_assignment *assignments; /* by need, then person */
	size_t nassignments;
	int64_t *covered;      /* per need: minutes assigned */
	int64_t *foreign_cap;  /* per need: F(n) of the last network solved */
	int64_t *committed;    /* per organisation: what accepting commits of its rights */
	int32_t *rank;         /* per organisation: dense rank of its saldo */
	int32_t nranks;        /* K */
	int64_t level_weight;  /* G */
	int64_t bound;         /* U */
	int64_t needed;        /* Σ needs' minutes */
	int64_t flow;          /* the maximum flow of the last network solved */
	int64_t cost;          /* its least cost: G·(over-qualification) + rank part */
	int64_t trimmed;       /* minutes taken off afterwards for rounding */
	int64_t assigned;      /* flow − trimmed: Σ assignments' minutes */
	int64_t overqualified; /* Σ minutes·(L − l) of the assignments */
	int64_t rank_minutes;  /* Σ minutes·(rank + offer step) of the assignments */
	int32_t offer_step;    /* K when any person is offered, else 0 */
	int64_t offered;       /* Σ minutes of the assignments from offered people */
	int rounds;            /* networks solved */
	long long phases, augmentations, nodes, arcs;
};

/* Solves; 0 with *out filled (release it with matching_result_release()),
 * or -1 with a Dutch explanation in err (errlen bytes) and *out empty. */
int matching_solve(const struct matching_input *in, struct matching_result *out, char *err, size_t errlen);
void matching_result_release(struct matching_result *r);

/* Whether a minute of person on need counts against the drawing rights
 * (see "The model" above): not for staff of a lokaal opdracht's principal. */
int matching_is_foreign(const struct matching_input *in, int32_t person, int32_t need);

#endif
