/* besturing_intern.h — what the besturing_*.c files share, and nothing else
 * includes: id lookups, field helpers, the traject a request names, SQL
 * fragments and the JSON shapes of milestones, decisions and roles. The
 * public interface is besturing.h; these names carry the prefix besturing_.
 *
 * Conventions as in besturing.h: functions that fail fill p and return
 * -p->status; JSON results are new references the caller owns. */
#ifndef SAMEN_STORE_BESTURING_INTERN_H
#define SAMEN_STORE_BESTURING_INTERN_H
#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/planning.h"
#include "core/scoring.h"
#include "core/idset.h"
#include "store/store.h"

/* The arguments of a change run in a transaction (path keys and body). */
struct create_args {
	json_t *in, **out;
	const char *code;  /* path key */
	const char *extra; /* second path key */
	long long id, id2;
};

struct traject_row {
	long long id, verband;
	char verband_code[48], taakveld[48], taakveld_naam[200], start[DATE_TEXT_LEN], eind[DATE_TEXT_LEN];
};

#define MS_DEADLINE                                                                                                           \
	"coalesce((SELECT u.nieuwe_deadline FROM mijlpaal_uitstel u WHERE u.mijlpaal_id = m.id ORDER BY u.id DESC LIMIT 1), " \
	"m.deadline)"
#define MS_COLS                                                                                                           \
	"m.id, t.id, v.code, tv.code, tv.naam, m.titel, m.deadline, m.verantwoordelijke, o.code, o.naam, m.omschrijving," \
	" m.gereed, m.gereed_toelichting, " MS_DEADLINE ","                                                                \
	" CASE WHEN EXISTS (SELECT 1 FROM mijlpaal_uitstel u WHERE u.mijlpaal_id = m.id) THEN 1 ELSE 0 END"
#define MS_FROM                                                                                             \
	" FROM mijlpalen m JOIN trajecten t ON t.id = m.traject_id JOIN verbanden v ON v.id = t.verband_id" \
	" JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = m.organisatie_id"

struct ms_args {
	long long traject, mid;
	json_t *in, **out;
};

#define DECISION_COLS                                                                                                      \
	"b.id, v.code, t.id, tv.code, tv.naam, b.orgaan, o.code, o.naam, b.datum, b.uitkomst, b.onderwerp, b.toelichting," \
	" b.advies, b.advies_deadline"
#define DECISION_FROM                                                                                            \
	" FROM besluiten b JOIN verbanden v ON v.id = b.verband_id LEFT JOIN trajecten t ON t.id = b.traject_id" \
	" LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = b.organisatie_id"

#define ROLE_COLS "r.id, v.code, t.id, tv.code, r.rol, r.naam, o.code, o.naam, r.van, r.tot, r.toelichting, r.einde_reden"
#define ROLE_FROM                                                                                                     \
	" FROM bestuursrollen r JOIN verbanden v ON v.id = r.verband_id LEFT JOIN trajecten t ON t.id = r.traject_id" \
	" LEFT JOIN taakvelden tv ON tv.id = t.taakveld_id LEFT JOIN organisaties o ON o.id = r.organisatie_id"

/* ---- lookups (ids: store_org_id and friends in store.h) ---- */
/* The organisation's name into buf, or the code when unknown. */
const char *besturing_org_name(struct store *s, const char *code, char *buf, size_t len);

/* ---- values ---- */
void besturing_today(char out[DATE_TEXT_LEN]);
int32_t besturing_day_of(const char *s); /* DATE_NONE for NULL or no date */
int besturing_json_has_string(json_t *arr, const char *v);
/* A score fraction in hundredths, or null when there is nothing to divide. */
json_t *besturing_hundredths_or_null(struct score_frac f);

/* ---- problems and transactions ---- */
/* A 422 naming the field: problem_refuse (core/problem.h). */
/* Transactions: store_transaction (store.h); param prefixes:
 * problem_prefix_params (core/problem.h). */

/* ---- fields (as store/fields.h) ---- */
int besturing_slug_field(json_t *in, const char *name, const char **out, struct problem *p);
/* An optional date into buf; today when absent. */
int besturing_date_or_today(json_t *in, const char *name, char buf[DATE_TEXT_LEN], struct problem *p);
/* A query-string date: NULL is fine, a bad one a 400. */
int besturing_query_date(const char *v, const char *name, struct problem *p);
/* Task field codes: strings, known (422), no repeats, at least min. */
int besturing_check_taakvelden(struct store *s, json_t *arr, const char *name, int min, struct problem *p);

/* ---- verbanden and trajecten ---- */
/* The active (non-toehoorder) members of verband vid on date, by code. */
json_t *besturing_members_on(struct store *s, long long vid, const char *date);
/* Whether oid is a partner (active member) of verband vid on date. */
int besturing_is_partner(struct store *s, long long vid, long long oid, const char *date);
/* Whether oid was ever a member of vid. */
int besturing_is_member_ever(struct store *s, long long vid, long long oid);
int besturing_traject_find(struct store *s, long long tid, struct traject_row *t, struct problem *p);
/* The traject's participants (codes) as the register reports them. */
json_t *besturing_traject_deelnemers(struct store *s, long long tid);

/* ---- shapes shared by the API and the report (besturing_trajecten.c) ---- */
/* A milestone row (MS_COLS) judged on day `on`; status_out and postponed may be NULL. */
json_t *besturing_milestone_json(struct store *s, struct db_stmt *st, int32_t on, enum ms_status *status_out, int *postponed);
json_t *besturing_decision_json(struct db_stmt *st); /* a DECISION_COLS row */
json_t *besturing_role_json(struct db_stmt *st);     /* a ROLE_COLS row */
/* Creates the milestone in a->in on traject a->traject; a->mid gets its id. */
int besturing_ms_create(struct store *s, void *arg, struct problem *p);

#endif
