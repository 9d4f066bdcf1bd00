/* urenbank_rapport_intern.h — what urenbank_rapport.c (the model, the frame,
 * the summary and the advice) and urenbank_rapport_cijfers.c (the chapters
 * of figures) share, and nothing else includes. */
#ifndef SAMEN_REPORT_URENBANK_RAPPORT_INTERN_H
#define SAMEN_REPORT_URENBANK_RAPPORT_INTERN_H
#include <jansson.h>
#include "report/rapportage_schrijver.h"
#include "report/urenbank_rapport.h"

/* What one render knows besides the writer; borrowed from the model. */
struct urenbank_rapport_ctx {
	json_t *doc, *ev, *rapport, *pt;
	const char *code, *van, *tot;
	int eind; /* the eindevaluatie, not the tussentijdse rapportage */
};

static inline const char *ubr_str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static inline long long ubr_num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* "12:30 uur" of minutes, into a buffer of NL_TEXT_LEN. */
void urenbank_rapport_hours(long long minutes, char *out);
/* "8 maart 2012" as text of the writer. */
void urenbank_rapport_date(struct rapportage_w *w, const char *iso);
/* A paragraph "Bron: <link>" to a list of the proeftuin, rest after
 * "/proeftuinen/<code>" (already a valid path and query). */
void urenbank_rapport_source(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, const char *rest, const char *text);
/* A link in running text to a page of the proeftuin. */
void urenbank_rapport_link(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, const char *rest, const char *text);

/* The chapters of figures (urenbank_rapport_cijfers.c); nr is the chapter's number. */
void urenbank_rapport_exchange(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_work(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_estimates(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_lead_times(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_quality(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_stock(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_lessons(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
void urenbank_rapport_potential(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);

#endif
