/* urenbank_evaluatie_intern.h — what urenbank_evaluatie.c and
 * urenbank_evaluatie_expertise.c share: the evaluation as it is loaded (the
 * members, the opdrachten with their competences) and the sums of a period.
 * Nothing else includes it. */
#ifndef SAMEN_STORE_URENBANK_EVALUATIE_INTERN_H
#define SAMEN_STORE_URENBANK_EVALUATIE_INTERN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "core/urenbank_evaluatie.h"
#include "store/urenbank_intern.h"
#include "store/urenbank_maandcijfers.h"

struct lid {
	long long id;
	char code[40];
	char naam[160];
	struct urenbank_evaluatie_lid f;
};

struct opdracht {
	long long id, geraamd, samengevoegd_in, opdrachtgevers, besteed, in_periode;
	int has_geraamd;
	char titel[200], soort[24], status[16];
	int32_t ingediend, bemand, eerste, afgerond; /* days; -1 unknown */
	long long totaal;                            /* approved minutes, all time (goedgekeurd_minuten) */
	int has_inzet, has_uren;                     /* any inzet, any entry not rejected */
	char aangemaakt[40];
	long long geraamd_orig, besteed_orig, n_orig;
	int orig_onbekend; /* an original without an estimate */
	json_t *originelen;
	size_t oc_first, oc_n; /* its competences: eval.oc[oc_first …] */
};

/* A competence an opdracht asks for: its code, and its id and name in
 * competenties (id -1: not there; the name is the code). */
struct comp_name {
	long long id;
	char code[64], naam[200];
};

struct eval {
	struct store *s;
	struct pt pt;
	const char *van, *tot;
	struct urenbank_periode per; /* van … tot as whole months and days */
	struct lid *leden;
	size_t nleden;
	int32_t *lid_index; /* organisation id → index in leden, or -1 */
	long long maxorg;
	struct opdracht *op; /* by id */
	size_t nop;
	struct comp_name *comp; /* every competence, and every code an opdracht asks for, by code */
	size_t ncomp;
	size_t *oc; /* the competences of the opdrachten, as indexes into comp */
	size_t noc;
};

/* Every status an entry can have: the days of a period are read per
 * status (index uren_proeftuin_status_datum). */
#define STATUSSEN "('ingediend', 'goedgekeurd', 'afgekeurd', 'gecorrigeerd')"

/* A sum for the period from the monthly sums of table (its columns cols,
 * the month in maand) and the same from the rows for the days of a cut
 * month (RAW with ?A and ?B the first and last day). */
#define PERIOD_SUM(cols, table, raw)                                                              \
	" SELECT " cols " FROM " table " WHERE proeftuin_id = ?1 AND maand >= ?2 AND maand <= ?3" \
	" UNION ALL " raw("?4", "?5") " UNION ALL " raw("?6", "?7")

/* A query over a PERIOD_SUM, bound to the proeftuin (?1) and the period. */
static inline struct db_stmt *period_query(struct eval *e, const char *sql)
{
	return db_query(e->s->db, sql, "l" URENBANK_PERIODE_BINDS, e->pt.id, URENBANK_PERIODE_ARGS(&e->per));
}

static inline struct lid *lid_by_id(struct eval *e, long long id)
{
	if (id < 0 || id > e->maxorg || e->lid_index[id] < 0)
		return NULL;
	return &e->leden[e->lid_index[id]];
}

static inline struct opdracht *op_by_id(struct eval *e, long long id)
{
	size_t lo = 0, hi = e->nop;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->op[mid].id == id)
			return &e->op[mid];
		if (e->op[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The expertise table (urenbank_evaluatie_expertise.c): its rows in the
 * evaluation's snapshot, then, after it, those of principals that are not
 * members completed from their kwaliteitskaart. */
json_t *urenbank_evaluatie_expertise(struct eval *e);
json_t *urenbank_evaluatie_expertise_rest(struct eval *e, json_t *rows);

#endif
