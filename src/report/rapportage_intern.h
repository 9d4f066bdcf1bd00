/* rapportage_intern.h — what the rapportage_*.c files share, and nothing
 * else includes: the pieces of text, the chapters and the PDF form's
 * calls. The public interface is rapportage.h; these names
 * carry the prefix rapportage_.
 *
 *   rapportage.c              the model, and the report as a whole
 *   rapportage_schrijver.c    the writer: HTML or Markdown from the same calls
 *   rapportage_tekst.c        pieces of text: decisions, milestones, business case, traject
 *   rapportage_hoofdstukken.c the chapters but the planning
 *   rapportage_planning.c     the planning chapter: timeline and table
 *   rapportage_pdf.c          the third form: the same calls laid out on A4 pages with cairo and pango
 *
 * The writer itself is public (rapportage_schrijver.h: other reports use
 * it too). A rapportage_ctx borrows the model and the strings in it for
 * one render. */
#ifndef SAMEN_REPORT_RAPPORTAGE_INTERN_H
#define SAMEN_REPORT_RAPPORTAGE_INTERN_H
#include <jansson.h>
#include <stddef.h>
#include "core/buf.h"
#include "report/rapportage.h"
#include "report/rapportage_schrijver.h"

/* The model's two accessors every part uses: NULL or 0 when absent. */
static inline const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static inline long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }
static inline const char *rapportage_plural(long long n, const char *one, const char *more) { return n == 1 ? one : more; }

/* ---- the PDF form (rapportage_pdf.c): what the writer calls when w->pdf is set ---- */
void rapportage_pdf_txt(struct rapportage_pdf *pdf, const char *text);
void rapportage_pdf_markup(struct rapportage_pdf *pdf, const char *markup); /* <b>, </b> */
void rapportage_pdf_h(struct rapportage_pdf *pdf, int level, const char *text);
void rapportage_pdf_p(struct rapportage_pdf *pdf, const char *cls);
void rapportage_pdf_p_end(struct rapportage_pdf *pdf);
void rapportage_pdf_ul(struct rapportage_pdf *pdf);
void rapportage_pdf_ul_end(struct rapportage_pdf *pdf);
void rapportage_pdf_li(struct rapportage_pdf *pdf);
void rapportage_pdf_li_end(struct rapportage_pdf *pdf);
void rapportage_pdf_table(struct rapportage_pdf *pdf, const char *caption, const char *const head[]);
void rapportage_pdf_tr(struct rapportage_pdf *pdf, int own);
void rapportage_pdf_cell(struct rapportage_pdf *pdf, int kind);
void rapportage_pdf_cell_end(struct rapportage_pdf *pdf);
void rapportage_pdf_table_end(struct rapportage_pdf *pdf);
void rapportage_pdf_chart(struct rapportage_pdf *pdf, const char *svg);

/* ---- pieces of text (rapportage_tekst.c) ---- */
/* What one render knows besides the writer. */
struct rapportage_ctx {
	json_t *doc;
	const char *van, *tot, *org, *org_name;
};
void rapportage_date_txt(struct rapportage_w *w, const char *iso); /* nl_date() */
/* "A", "A en B", "A, B en C" of the strings in arr (or of key k of its objects). */
void rapportage_join_and(struct rapportage_w *w, json_t *arr, const char *k);
/* The decisions grouped by subject, under a heading of level; how many groups. */
size_t rapportage_decisions_block(struct rapportage_w *w, json_t *decisions, int level);
size_t rapportage_count_groups(json_t *decisions);
int rapportage_in_array_by_id(json_t *arr, json_t *m);
int rapportage_traject_active(json_t *t); /* anything happened in the period */
int rapportage_verband_active(json_t *v);
void rapportage_roles_line(struct rapportage_w *w, json_t *roles);
void rapportage_traject_section(struct rapportage_w *w, const struct rapportage_ctx *c, json_t *t);
void rapportage_traject_brief(struct rapportage_w *w, json_t *t);
void rapportage_survey_block(struct rapportage_w *w, json_t *k);
void rapportage_scoring_block(struct rapportage_w *w, json_t *sc);

/* ---- the model (rapportage.c) ---- */
/* Counts the competences of a vulnerability list by status. */
void rapportage_count_status(json_t *rows, const char *key, long long *gaps, long long *single);

/* ---- chapters (rapportage_hoofdstukken.c, rapportage_planning.c); nr is the chapter's number ---- */
void rapportage_intro(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);
void rapportage_partners_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);
void rapportage_developments_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);
void rapportage_planning_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);
void rapportage_hours_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);
void rapportage_vulnerability_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr);

#endif
