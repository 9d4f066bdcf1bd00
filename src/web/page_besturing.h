/* page_besturing.h — the pages for choosing and running cooperation and
 * for the council's report:
 *   page_besturing.c          the helpers below, /besturing (overview,
 *                             with the forms to start a verkenningsronde or
 *                             a scoring), the route table
 *   page_besturing_verkenningen.c  /verkenningen/{code} with the form to
 *                             answer for one's own organisation
 *   page_besturing_scoringen.c  /scoringen/{code} with the form to score
 *                             for it
 *   page_besturing_mijlpalen.c  /mijlpalen (what is late on a date) and
 *                             /meldingen
 *   page_besturing_trajecten.c  /trajecten/{id}: business case, milestones
 *                             with their delays, decisions, roles, and the
 *                             forms to enter or replace the business case,
 *                             add a milestone, report one done, postpone it
 *                             or record a decision
 *   page_besturing_besluitvorming.c  /trajecten/{id}/besluitvorming and
 *                             /verbanden/{code}/besluitvorming: where each
 *                             organisation stands, the form to record a step
 *   page_besturing_verloop.c  the course of a traject over time and the forms
 *                             to change it (on /trajecten/{id})
 *   page_rapportage.c            /rapporten and /rapporten/stand-van-zaken
 * The helpers below are shared by those files only. Every text goes
 * through html.h; the forms work without JavaScript and post back to the
 * page (CSRF as every form, auth.h), then redirect (303) on success. */
#ifndef SAMEN_WEB_PAGE_BESTURING_H
#define SAMEN_WEB_PAGE_BESTURING_H
#include <jansson.h>
#include "http/form.h"
#include "web/pages.h"

extern const struct route page_besturing_routes[];

int page_survey(struct request *rq, struct response *rs);
int page_survey_post(struct request *rq, struct response *rs);
int page_scoring(struct request *rq, struct response *rs);
int page_scoring_post(struct request *rq, struct response *rs);
int page_late(struct request *rq, struct response *rs);
int page_notices(struct request *rq, struct response *rs);
int page_traject(struct request *rq, struct response *rs);
int page_traject_done(struct request *rq, struct response *rs);
int page_traject_postpone(struct request *rq, struct response *rs);
int page_traject_decision(struct request *rq, struct response *rs);
int page_traject_decision_new(struct request *rq, struct response *rs);  /* GET …/besluiten/nieuw */
int page_traject_milestone_new(struct request *rq, struct response *rs); /* GET …/mijlpalen/nieuw */
int page_traject_milestone(struct request *rq, struct response *rs);
int page_traject_bc(struct request *rq, struct response *rs);
int page_rapporten(struct request *rq, struct response *rs);
/* page_besturing_besluitvorming.c: the decision trail of a traject or a verband. */
int page_besturing_besluitvorming(struct request *rq, struct response *rs);
int page_besturing_besluitvorming_post(struct request *rq, struct response *rs);
int page_besturing_besluitvorming_verband(struct request *rq, struct response *rs);
int page_besturing_besluitvorming_verband_post(struct request *rq, struct response *rs);
/* page_besturing_verloop.c: a traject over time on its page, and the forms
 * to change it (f and p: a refused form to show again, or NULL). */
void page_besturing_verloop(struct request *rq, struct buf *b, json_t *t, const char *date, const struct form *f,
			    const struct problem *p);
void page_besturing_roles(struct request *rq, struct buf *b, json_t *t, json_t *rl);
int page_besturing_rolwissel(struct request *rq, struct response *rs);
int page_besturing_evaluatie(struct request *rq, struct response *rs);
int page_besturing_evaluatie_uitkomst(struct request *rq, struct response *rs);
int page_besturing_wijziging(struct request *rq, struct response *rs);
int page_besturing_deelname(struct request *rq, struct response *rs);
int page_rapport_stand(struct request *rq, struct response *rs);

/* Hundredths of a score point as Dutch text ("4,61"); "—" for null. */
void page_besturing_hundredths(struct buf *b, json_t *v);
/* The page's own style sheet (besturing.css or rapport.css), linked from
 * inside the page: the frame's <head> is shared by every page. */
void page_besturing_stylesheet(struct buf *b, const char *name);
/* A field of a form: label, error (may be NULL) and the control, as
 * page_input_field (pages.h) draws every field, with the class bst-veld.
 * type "date", "text", "number", or "textarea". */
void page_besturing_input(struct buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
			  const char *error, int required);
/* A <select> in the same field markup (page_field_begin): options as
 * NULL-terminated value/label pairs. */
void page_besturing_select(struct buf *b, const char *id, const char *name, const char *label, const char *const *options,
			   const char *value, const char *error);
/* A <select> of organisations (codes) with their names. */
void page_besturing_select_orgs(struct buf *b, const char *id, const char *name, const char *label, json_t *codes, json_t *names,
				const char *value, int optional);
/* "Opgeslagen." and friends after a redirect. */
void page_besturing_notice(struct buf *b, const char *message);
/* The error of a refused form, with its field errors. */
void page_besturing_problem(struct buf *b, const struct problem *p);
/* Opens a POST form to action with the CSRF field. */
void page_besturing_form_begin(struct request *rq, struct buf *b, const char *action, const char *cls);
/* A row of the definition list the pages share. */
void page_besturing_dd_begin(struct buf *b, const char *key);
void page_besturing_dd_end(struct buf *b);
/* Milestone status as a badge ("te laat", "gereed", …). */
void page_besturing_status_badge(struct buf *b, const char *status);
/* The answer to a refused or failed form post: status and the page again. */
int page_besturing_form_status(int r);
/* The breadcrumb (crumb NULL: the overview itself) and the <h1>. */
void page_besturing_title(struct buf *b, const char *crumb, const char *title);
/* Code → name objects of every verband and every organisation (page_names). */
json_t *page_besturing_verband_names(struct store *s);
json_t *page_besturing_org_names(struct store *s);
/* A link to /trajecten/{id} with text. */
void page_besturing_trajectlink(struct buf *b, long long id, const char *text);
/* The reason p gives for field name, or NULL (also when p is NULL). */
const char *page_besturing_field_error(const struct problem *p, const char *name);
/* Whether the JSON array arr holds the string v. */
int page_besturing_has_string(json_t *arr, const char *v);

/* page_besturing_rijen.c: lists as rows of fields (page_form.h). f is the
 * form that was refused or asked for more rows, shown
 * again with what was typed, or NULL; err its problem, whose params name
 * the rows as "list[row − 1]…" (page_form_remap). A code from a name:
 * lower-case words joined by '-' ("Draagvlak achterban" →
 * "draagvlak-achterban"), at most len − 1 bytes. */
void page_besturing_slug(const char *naam, char *out, size_t len);
/* The criteria of a new scoring: a name and a weight per row (list "cr"),
 * STAAN's five to start with. */
void page_besturing_criteria_rows(struct buf *b, const struct form *f, const struct problem *err);
/* The filled-in rows as [{"code","naam","gewicht"}] into out; rows[k] gets
 * the row of the k-th (at most max_rows). Field errors into p. */
int page_besturing_criteria_read(const struct form *f, json_t *out, struct problem *p, int *rows, int max_rows);
/* The posten of a business case (list "po"): the current ones (posten),
 * and three empty rows more; orgs are the codes a post may be of. */
void page_besturing_posten_rows(struct buf *b, const struct form *f, const struct problem *err, json_t *posten, json_t *orgs,
				json_t *names);
int page_besturing_posten_read(const struct form *f, json_t *out, struct problem *p, int *rows, int max_rows);

#endif
