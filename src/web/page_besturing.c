/* Choosing and running cooperation, as pages: the helpers the besturing
 * pages share, the overview /besturing with the forms to start a survey
 * round or a scoring, and the route table. See page_besturing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/register.h"
#include "store/besturing.h"
#include "web/page_besturing.h"
#include "web/page_form.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- shared helpers ------------------------------------------------------------------- */

int page_besturing_has_string(json_t *arr, const char *v)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
		if (json_is_string(x) && !strcmp(json_string_value(x), v))
			return 1;
	return 0;
}

void page_besturing_hundredths(struct buf *b, json_t *v)
{
	if (!json_is_integer(v)) {
		html_raw(b, "—");
		return;
	}
	long long h = json_integer_value(v);
	unsigned long long a = h < 0 ? 0ULL - (unsigned long long)h : (unsigned long long)h;
	buf_printf(b, "%s%llu,%02llu", h < 0 ? "−" : "", a / 100, a % 100);
}

void page_besturing_stylesheet(struct buf *b, const char *name)
{
	html_raw(b, "<link rel=\"stylesheet\" href=\"/static/");
	html_attr(b, name);
	html_raw(b, "\">");
}

void page_besturing_input(struct buf *b, const char *id, const char *name, const char *label, const char *type, const char *value,
			  const char *error, int required)
{
	page_input_field(b, &(struct page_input){ .id = id,
						  .name = name,
						  .label = label,
						  .type = type,
						  .value = value,
						  .error = error,
						  .field_class = "bst-veld",
						  .required = required });
}

void page_besturing_select(struct buf *b, const char *id, const char *name, const char *label, const char *const *options,
			   const char *value, const char *error)
{
	const struct page_input in = { .id = id, .name = name, .label = label, .error = error, .field_class = "bst-veld" };
	page_select_open(b, &in, 0);
	for (int i = 0; options[i]; i += 2) {
		html_raw(b, "<option value=\"");
		html_attr(b, options[i]);
		html_raw(b, value && !strcmp(value, options[i]) ? "\" selected>" : "\">");
		html_txt(b, options[i + 1]);
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

void page_besturing_select_orgs(struct buf *b, const char *id, const char *name, const char *label, json_t *codes, json_t *names,
				const char *value, int optional)
{
	const struct page_input in = { .id = id, .name = name, .label = label, .field_class = "bst-veld" };
	page_select_open(b, &in, 0);
	if (optional)
		html_raw(b, "<option value=\"\">— geen —</option>");
	size_t i;
	json_t *c;
	json_array_foreach(codes, i, c) {
		const char *code = json_string_value(c);
		html_raw(b, "<option value=\"");
		html_attr(b, code);
		html_raw(b, value && code && !strcmp(value, code) ? "\" selected>" : "\">");
		html_txt(b, page_name(names, code));
		html_raw(b, "</option>");
	}
	html_raw(b, "</select>");
	page_field_end(b);
}

void page_besturing_notice(struct buf *b, const char *message)
{
	html_raw(b, "<div class=\"samen-note bst-gelukt\" role=\"status\"><p class=\"utrecht-paragraph\">");
	html_txt(b, message);
	html_raw(b, "</p></div>");
}

void page_besturing_problem(struct buf *b, const struct problem *p)
{
	/* Without a title it was a refused form that page_begin has summed up (page_form_problem). */
	if (!p->title[0])
		return;
	html_raw(b, "<div class=\"utrecht-alert utrecht-alert--error samen-alert\" role=\"alert\"><div "
		    "class=\"utrecht-alert__content\">"
		    "<p class=\"utrecht-alert__message utrecht-paragraph\">");
	html_txt(b, p->detail[0] ? p->detail : problem_title(p->status));
	html_raw(b, "</p>");
	if (p->nparams) {
		html_raw(b, "<ul class=\"bst-fouten\">");
		for (int i = 0; i < p->nparams; i++) {
			html_raw(b, "<li>");
			html_txt(b, p->params[i].name);
			html_raw(b, ": ");
			html_txt(b, p->params[i].reason);
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</div></div>");
}

void page_besturing_form_begin(struct request *rq, struct buf *b, const char *action, const char *cls)
{
	html_raw(b, "<form method=\"post\" class=\"");
	html_attr(b, cls ? cls : "bst-formulier");
	html_raw(b, "\" action=\"");
	html_attr(b, action);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
}

void page_besturing_dd_begin(struct buf *b, const char *key)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
}

void page_besturing_dd_end(struct buf *b) { html_raw(b, "</dd></div>"); }

void page_besturing_status_badge(struct buf *b, const char *status)
{
	static const struct {
		const char *code, *label, *cls;
	} s[] = { { "open", "open", "open" },
		  { "te-laat", "te laat", "laat" },
		  { "gereed", "gereed", "gereed" },
		  { "gereed-te-laat", "gereed, te laat", "gereed-laat" },
		  { NULL, NULL, NULL } };
	for (int i = 0; s[i].code; i++)
		if (status && !strcmp(status, s[i].code)) {
			html_raw(b, "<span class=\"bst-status bst-status--");
			html_raw(b, s[i].cls);
			html_raw(b, "\">");
			html_raw(b, s[i].label);
			html_raw(b, "</span>");
			return;
		}
	html_txt(b, status);
}

int page_besturing_form_status(int r) { return r == -400 ? 400 : r == -404 ? 404 : r == -409 ? 409 : 422; }

void page_besturing_title(struct buf *b, const char *crumb, const char *title)
{
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › ");
	if (crumb)
		html_raw(b, "<a class=\"utrecht-link\" href=\"/besturing\">Besturing</a> › ");
	html_txt(b, crumb ? crumb : "Besturing");
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, title);
	html_raw(b, "</h1>");
}

json_t *page_besturing_verband_names(struct store *s)
{
	json_t *l = register_verband_list(s), *n = page_names(l);
	json_decref(l);
	return n;
}

json_t *page_besturing_org_names(struct store *s)
{
	json_t *l = register_org_list(s), *n = page_names(l);
	json_decref(l);
	return n;
}

void page_besturing_trajectlink(struct buf *b, long long id, const char *text)
{
	buf_printf(b, "<a class=\"utrecht-link\" href=\"/trajecten/%lld\">", id);
	html_txt(b, text);
	html_raw(b, "</a>");
}

/* The reason the problem gives for field name, or NULL. */
const char *page_besturing_field_error(const struct problem *p, const char *name)
{
	if (!p)
		return NULL;
	for (int i = 0; i < p->nparams; i++)
		if (!strcmp(p->params[i].name, name))
			return p->params[i].reason;
	return NULL;
}

/* ---- /besturing ------------------------------------------------------------------------ */

/* Whether the form kind ("verkenning", "scoring") is the one that failed. */
static const char *ov(const char *which, const char *kind, const struct form *f, const char *name, const char *dflt)
{
	if (f && which && !strcmp(which, kind)) {
		const char *v = form_get(f, name);
		return v ? v : "";
	}
	return dflt;
}

static int form_has(const struct form *f, const char *name, const char *value)
{
	for (int i = 0; f && i < f->n; i++)
		if (!strcmp(f->f[i].name, name) && !strcmp(f->f[i].value, value))
			return 1;
	return 0;
}

/* The form to start a survey round (kind "verkenning") or a scoring. */
static void create_form(struct request *rq, struct buf *b, const char *kind, json_t *verbanden, json_t *taakvelden,
			const struct problem *err, const struct form *f, const char *which)
{
	int mine = which && !strcmp(which, kind) && err && err->status;
	int scoring = !strcmp(kind, "scoring");
	const char *pre = scoring ? "sc" : "vk";
	char id[64];
	html_raw(b, scoring ? "<section aria-labelledby=\"kop-nieuwe-scoring\"><h2 class=\"utrecht-heading-2\" "
			      "id=\"kop-nieuwe-scoring\">"
			      "Nieuwe scoring</h2>"
			    : "<section aria-labelledby=\"kop-nieuwe-verkenning\"><h2 class=\"utrecht-heading-2\" "
			      "id=\"kop-nieuwe-verkenning\">Nieuwe verkenningsronde</h2>");
	if (mine)
		page_besturing_problem(b, err);
	page_besturing_form_begin(rq, b, scoring ? "/besturing/scoringen" : "/besturing/verkenningen",
				  scoring ? "bst-formulier bst-formulier--breed" : "bst-formulier");
	html_raw(b, scoring ? "<input type=\"hidden\" name=\"formulier\" value=\"scoring\">"
			    : "<input type=\"hidden\" name=\"formulier\" value=\"verkenning\">");
	if (scoring) /* Enter in a field starts the scoring, not "meer criteria" (page_form_default_button). */
		page_form_default_button(b, "Scoring starten");
	const struct problem *e = mine ? err : NULL;
	snprintf(id, sizeof(id), "%s-naam", pre);
	page_besturing_input(b, id, "naam", "Naam", "text", ov(which, kind, f, "naam", ""), page_besturing_field_error(e, "naam"),
			     1);
	snprintf(id, sizeof(id), "%s-code", pre);
	page_input_field(b, &(struct page_input){
				    .id = id,
				    .name = "code",
				    .label = "Korte naam in adressen (niet verplicht)",
				    .hint = "Leeg: samen maakt hem van de naam (\"Scoring DSZ 2012\" wordt scoring-dsz-2012).",
				    .type = "text",
				    .field_class = "bst-veld",
				    .value = ov(which, kind, f, "code", ""),
				    .error = page_besturing_field_error(e, "code") });
	size_t n = json_array_size(verbanden), i;
	const char **opts = calloc(2 * n + 1, sizeof(*opts));
	json_t *x;
	if (opts) {
		json_array_foreach(verbanden, i, x) {
			opts[2 * i] = str(x, "code");
			opts[2 * i + 1] = str(x, "naam") ? str(x, "naam") : str(x, "code");
		}
		snprintf(id, sizeof(id), "%s-verband", pre);
		page_besturing_select(b, id, "verband", "Verband", opts, ov(which, kind, f, "verband", NULL),
				      page_besturing_field_error(e, "verband"));
		free(opts);
	}
	if (scoring)
		page_besturing_criteria_rows(b, which && !strcmp(which, kind) ? f : NULL, e);
	const char *terr = page_besturing_field_error(e, "taakvelden");
	snprintf(id, sizeof(id), "%s-taakvelden", pre);
	html_raw(b, terr ? "<fieldset class=\"bst-criteria bst-taakvelden utrecht-form-field--invalid\" aria-describedby=\""
			 : "<fieldset class=\"bst-criteria bst-taakvelden\"");
	if (terr) {
		html_attr(b, id);
		html_raw(b, "-fout\"");
	}
	html_raw(b, "><legend>Taakvelden</legend>");
	if (terr) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message bst-fout\" id=\"");
		html_attr(b, id);
		html_raw(b, "-fout\">");
		html_txt(b, terr);
		html_raw(b, "</div>");
	}
	json_array_foreach(taakvelden, i, x) {
		snprintf(id, sizeof(id), "%s-tv-%zu", pre, i);
		int checked = which && !strcmp(which, kind) && form_has(f, "taakveld", str(x, "code"));
		html_raw(b, "<div class=\"utrecht-form-field utrecht-form-field--checkbox bst-veld\"><div "
			    "class=\"utrecht-form-field__input\">"
			    "<input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" name=\"taakveld\" "
			    "id=\"");
		html_attr(b, id);
		html_raw(b, "\" value=\"");
		html_attr(b, str(x, "code"));
		html_raw(
			b,
			checked ? "\" checked></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
				  "for=\""
				: "\"></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"");
		html_attr(b, id);
		html_raw(b, "\">");
		html_txt(b, str(x, "naam") ? str(x, "naam") : str(x, "code"));
		html_raw(b, "</label></div></div>");
	}
	html_raw(b, "</fieldset><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">");
	html_raw(b, scoring ? "Scoring starten" : "Verkenningsronde starten");
	html_raw(b, "</button></form></section>");
}

/* The verbanden the actor may start a survey round or scoring in (a new array). */
static json_t *steerable_verbanden(struct request *rq)
{
	json_t *vl = register_verband_list(rq->store), *mayv = json_array(), *x;
	size_t i;
	json_array_foreach(vl, i, x)
		if (policy_allows(&rq->actor, ACT_STEER, NULL, str(x, "code")))
			json_array_append(mayv, x);
	json_decref(vl);
	return mayv;
}

static int render_overview(struct request *rq, struct response *rs, int status, const struct problem *err, const struct form *f,
			   const char *which)
{
	struct store *s = rq->store;
	struct problem p;
	problem_init(&p);
	json_t *surveys = NULL, *scorings = NULL, *ms = NULL;
	struct besturing_ms_filter all = { 0 };
	if (besturing_survey_list(s, NULL, &surveys, &p) < 0 || besturing_scoring_list(s, NULL, &scorings, &p) < 0 ||
	    besturing_milestone_list(s, &all, &ms, &p) < 0) {
		json_decref(surveys), json_decref(scorings);
		page_error(rq, rs, 500, p.detail);
		return 0;
	}
	json_t *vn = page_besturing_verband_names(s);
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	page_begin(rq, rs, "Besturing");
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_title(b, NULL, "Besturing van de samenwerking");
	html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">Kiezen waarop de partners samenwerken "
		    "(verkenningsrondes en scoringen) en de trajecten sturen: businesscases, mijlpalen met hun vertraging, "
		    "besluiten en rollen.</p><ul class=\"bst-snel\">"
		    "<li><a class=\"utrecht-link\" href=\"/mijlpalen\">Wat is te laat?</a></li>"
		    "<li><a class=\"utrecht-link\" href=\"/meldingen\">Meldingen: samenwerking buiten een verband</a></li>"
		    "<li><a class=\"utrecht-link\" href=\"/rapporten\">Stand van zaken voor de raad</a></li></ul>");

	html_raw(b, "<section aria-labelledby=\"kop-verkenningen\"><h2 class=\"utrecht-heading-2\" id=\"kop-verkenningen\">"
		    "Verkenningsrondes</h2>");
	size_t i;
	json_t *x;
	if (!json_array_size(surveys)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen verkenningsrondes.</p>");
	} else {
		static const char *const head[] = {
			"Verkenning", "Verband", "Datum", "#Antwoorden", "#Gekozen taakvelden", NULL
		};
		page_table_begin(b, "Verkenningsrondes: welke taakvelden knellen en waar helpt samenwerken", NULL);
		page_table_head(b, head);
		json_array_foreach(surveys, i, x) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
				    "<a class=\"utrecht-link\" href=\"/verkenningen/");
			html_url_segment(b, str(x, "code"));
			html_raw(b, "\">");
			html_txt(b, str(x, "naam"));
			html_raw(b, "</a></th><td class=\"utrecht-table__cell\">");
			page_verband_link(b, str(x, "verband"), page_name(vn, str(x, "verband")));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(x, "datum"));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, json_integer_value(json_object_get(x, "antwoorden")));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, (long long)json_array_size(json_object_get(x, "gekozen")));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	html_raw(b, "</section><section aria-labelledby=\"kop-scoringen\"><h2 class=\"utrecht-heading-2\" id=\"kop-scoringen\">"
		    "Scoringen van taakvelden</h2>");
	if (!json_array_size(scorings)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen scoringen.</p>");
	} else {
		static const char *const head[] = { "Scoring", "Verband", "Datum", "#Taakvelden", "#Criteria", NULL };
		page_table_begin(b, "Scoringen: kandidaat-taakvelden op gewogen criteria, per partner", NULL);
		page_table_head(b, head);
		json_array_foreach(scorings, i, x) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">"
				    "<a class=\"utrecht-link\" href=\"/scoringen/");
			html_url_segment(b, str(x, "code"));
			html_raw(b, "\">");
			html_txt(b, str(x, "naam"));
			html_raw(b, "</a></th><td class=\"utrecht-table__cell\">");
			page_verband_link(b, str(x, "verband"), page_name(vn, str(x, "verband")));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(x, "datum"));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, (long long)json_array_size(json_object_get(x, "taakvelden")));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, (long long)json_array_size(json_object_get(x, "criteria")));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	/* Trajecten with milestones, in the order of their first deadline. */
	html_raw(b, "</section><section aria-labelledby=\"kop-trajecten\"><h2 class=\"utrecht-heading-2\" id=\"kop-trajecten\">"
		    "Trajecten met mijlpalen</h2>");
	json_t *seen = json_object();
	json_t *rows = json_array();
	json_array_foreach(ms, i, x) {
		char key[32];
		snprintf(key, sizeof(key), "%lld", (long long)json_integer_value(json_object_get(x, "traject")));
		json_t *r = json_object_get(seen, key);
		if (!r) {
			r = json_pack("{s:O,s:O,s:O,s:i,s:i,s:i}", "traject", json_object_get(x, "traject"), "verband",
				      json_object_get(x, "verband"), "naam", json_object_get(x, "taakveldNaam"), "totaal", 0,
				      "laat", 0, "gereed", 0);
			json_object_set_new(seen, key, r);
			json_array_append(rows, r);
		}
		const char *st = str(x, "status");
		json_object_set_new(r, "totaal", json_integer(json_integer_value(json_object_get(r, "totaal")) + 1));
		if (!strcmp(st, "te-laat"))
			json_object_set_new(r, "laat", json_integer(json_integer_value(json_object_get(r, "laat")) + 1));
		if (!strncmp(st, "gereed", 6))
			json_object_set_new(r, "gereed", json_integer(json_integer_value(json_object_get(r, "gereed")) + 1));
	}
	if (!json_array_size(rows)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Er zijn nog geen mijlpalen vastgelegd.</p>");
	} else {
		static const char *const head[] = { "Traject", "Verband", "#Mijlpalen", "#Gereed", "#Te laat vandaag", NULL };
		page_table_begin(b, "Trajecten met mijlpalen (stand van vandaag)", NULL);
		page_table_head(b, head);
		json_array_foreach(rows, i, x) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			page_besturing_trajectlink(b, json_integer_value(json_object_get(x, "traject")), str(x, "naam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			page_verband_link(b, str(x, "verband"), page_name(vn, str(x, "verband")));
			const char *const cols[] = { "totaal", "gereed", "laat", NULL };
			for (int k = 0; cols[k]; k++) {
				html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
				html_int(b, json_integer_value(json_object_get(x, cols[k])));
			}
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	html_raw(b, "</section>");
	json_decref(seen), json_decref(rows);
	if (rq->actor.role != ROLE_NONE && rq->actor.csrf[0]) {
		json_t *mayv = steerable_verbanden(rq);
		if (json_array_size(mayv))
			html_raw(b, "<section aria-labelledby=\"kop-starten\"><h2 class=\"utrecht-heading-2\" id=\"kop-starten\">"
				    "Starten</h2><p class=\"utrecht-paragraph\">"
				    "<a class=\"utrecht-button-link utrecht-button-link--html-a "
				    "utrecht-button-link--primary-action\" "
				    "href=\"/besturing/verkenningen/nieuw\">Nieuwe verkenningsronde</a> "
				    "<a class=\"utrecht-button-link utrecht-button-link--html-a "
				    "utrecht-button-link--secondary-action\" "
				    "href=\"/besturing/scoringen/nieuw\">Nieuwe scoring</a></p></section>");
		json_decref(mayv);
	}
	page_end(rq, rs);
	json_decref(surveys), json_decref(scorings), json_decref(ms), json_decref(vn);
	return 0;
}

/* The creation form of a survey round or a scoring on its own page (GET
 * …/nieuw), and again with what was typed after a refusal. */
static int render_new(struct request *rq, struct response *rs, int status, const struct problem *err, const struct form *f,
		      const char *which)
{
	int scoring = !strcmp(which, "scoring");
	if (rq->actor.role == ROLE_NONE) {
		page_error(rq, rs, 401, "Meld u aan om een verkenningsronde of scoring te starten.");
		return 0;
	}
	json_t *mayv = steerable_verbanden(rq);
	if (!json_array_size(mayv)) {
		json_decref(mayv);
		page_error(
			rq, rs, 403,
			"Alleen de stuurgroep of procesmanager van een verband start daarvoor een verkenningsronde of scoring.");
		return 0;
	}
	const char *title = scoring ? "Nieuwe scoring" : "Nieuwe verkenningsronde";
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › "
		    "<a class=\"utrecht-link\" href=\"/besturing\">Besturing</a> › ");
	html_txt(b, title);
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, title);
	html_raw(b, "</h1>");
	html_raw(b, scoring ? "<p class=\"utrecht-paragraph\">Partners scoren kandidaat-taakvelden op gewogen criteria; de "
			      "uitslag deelt de taakvelden in klassen.</p>"
			    : "<p class=\"utrecht-paragraph\">Een verkenningsronde vraagt elke partner welke taakvelden "
			      "knellen en waar samenwerken helpt.</p>");
	json_t *tl = register_taakveld_list(rq->store);
	create_form(rq, b, which, mayv, tl, err, f, f ? which : NULL);
	json_decref(tl), json_decref(mayv);
	page_end(rq, rs);
	return 0;
}

static int page_overview(struct request *rq, struct response *rs) { return render_overview(rq, rs, 200, NULL, NULL, NULL); }

/* The creation page of kind ("verkenning", "scoring"); a refused or
 * widened form comes back here with what was typed (page_form.h). */
static int page_new(struct request *rq, struct response *rs, const char *kind)
{
	/* A refused or widened creation form comes back here (page_form.h). */
	struct page_form pf;
	struct problem err;
	if (page_form_load(rq, &pf) && page_form_is(&pf, kind)) {
		page_form_problem(&pf, &err);
		render_new(rq, rs, 200, err.status ? &err : NULL, &pf.f, kind);
	} else {
		render_new(rq, rs, 200, NULL, NULL, kind);
	}
	page_form_release(&pf);
	return 0;
}

static int page_survey_new(struct request *rq, struct response *rs) { return page_new(rq, rs, "verkenning"); }
static int page_scoring_new(struct request *rq, struct response *rs) { return page_new(rq, rs, "scoring"); }

static int page_create_post(struct request *rq, struct response *rs, int scoring)
{
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		authz_audit(rq, ACT_STEER, 400, NULL);
		return 0;
	}
	const char *verband = form_get(&f, "verband");
	if (rq->actor.role == ROLE_NONE || (verband && verband[0] && !policy_allows(&rq->actor, ACT_STEER, NULL, verband))) {
		page_error(rq, rs, 403,
			   "Alleen de stuurgroep of procesmanager van een verband start daarvoor een verkenningsronde "
			   "of scoring.");
		authz_audit(rq, ACT_STEER, 403, verband);
		form_release(&f);
		return 0;
	}
	if (page_form_more_asked(&f)) {
		page_form_more(rq, rs, scoring ? "/besturing/scoringen/nieuw" : "/besturing/verkenningen/nieuw", &f,
			       page_form_more_asked(&f));
		form_release(&f);
		return 0;
	}
	struct problem p;
	problem_init(&p);
	json_t *in = json_object(), *tv = json_array();
	static const char *const texts[] = { "naam", "verband", NULL };
	for (int i = 0; texts[i]; i++) {
		const char *v = form_get(&f, texts[i]);
		if (!v || !v[0])
			problem_param(&p, texts[i], i ? "kies het verband" : "geef een naam");
		else
			json_object_set_new(in, texts[i], json_string(v));
	}
	/* The code in the address: as typed, or made from the name. */
	char code[41];
	const char *typed_code = form_get(&f, "code");
	if (typed_code && typed_code[strspn(typed_code, " ")])
		snprintf(code, sizeof(code), "%.40s", typed_code + strspn(typed_code, " "));
	else
		page_besturing_slug(form_get(&f, "naam"), code, sizeof(code));
	json_object_set_new(in, "code", json_string(code));
	int crit_rows[64], ncrit = 0;
	for (int i = 0; i < f.n; i++)
		if (!strcmp(f.f[i].name, "taakveld"))
			json_array_append_new(tv, json_string(f.f[i].value));
	if (!json_array_size(tv))
		problem_param(&p, "taakvelden", "kies ten minste één taakveld");
	json_object_set_new(in, "taakvelden", tv);
	if (scoring) {
		json_t *crit = json_array();
		page_besturing_criteria_read(&f, crit, &p, crit_rows, 64);
		ncrit = (int)json_array_size(crit);
		json_object_set_new(in, "criteria", crit);
	}
	int r = p.status ? -p.status : 0;
	if (p.status)
		snprintf(p.detail, sizeof(p.detail), "Er is niets gestart: verbeter de velden met een fout.");
	json_t *out = NULL;
	if (r == 0)
		r = scoring ? besturing_scoring_create(rq->store, in, &out, &p)
			    : besturing_survey_create(rq->store, in, &out, &p);
	json_decref(in), json_decref(out);
	if (r < 0) {
		if (!p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "Er is niets gestart.");
		/* Back to the form, with what was typed (post/redirect/get). */
		static const struct page_form_field vk_fields[] = { { "code", "vk-code", "Korte naam" },
								    { "naam", "vk-naam", "Naam" },
								    { "verband", "vk-verband", "Verband" },
								    { "taakvelden", "vk-taakvelden", "Taakvelden" },
								    { NULL, NULL, NULL } };
		static const struct page_form_field sc_fields[] = { { "code", "sc-code", "Korte naam" },
								    { "naam", "sc-naam", "Naam" },
								    { "verband", "sc-verband", "Verband" },
								    { "taakvelden", "sc-taakvelden", "Taakvelden" },
								    { "criteria[].gewicht", "cr-{n}-gewicht",
								      "Criterium {n}, gewicht" },
								    { "criteria[]", "cr-{n}-naam", "Criterium {n}" },
								    { "criteria", "cr-1-naam", "Criteria" },
								    { NULL, NULL, NULL } };
		page_form_remap(&p, "criteria", crit_rows, ncrit);
		page_form_refuse(rq, rs, scoring ? "/besturing/scoringen/nieuw" : "/besturing/verkenningen/nieuw", &f, &p,
				 scoring ? sc_fields : vk_fields);
		authz_audit(rq, ACT_STEER, page_besturing_form_status(r), verband);
		form_release(&f);
		return 0;
	}
	struct buf loc;
	buf_init(&loc, 256);
	buf_adds(&loc, scoring ? "/scoringen/" : "/verkenningen/");
	html_url_segment(&loc, code);
	buf_adds(&loc, "?nieuw=1");
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Gestart.\n");
	buf_release(&loc);
	authz_audit(rq, ACT_STEER, 303, verband);
	form_release(&f);
	return 0;
}

static int page_survey_create(struct request *rq, struct response *rs) { return page_create_post(rq, rs, 0); }
static int page_scoring_create(struct request *rq, struct response *rs) { return page_create_post(rq, rs, 1); }

const struct route page_besturing_routes[] = {
	{ "GET", "/besturing", page_overview, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/besturing/verkenningen/nieuw", page_survey_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/besturing/scoringen/nieuw", page_scoring_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/besturing/verkenningen", page_survey_create, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/besturing/scoringen", page_scoring_create, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/verkenningen/{code}", page_survey, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verkenningen/{code}/antwoorden", page_survey_post, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/scoringen/{code}", page_scoring, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/scoringen/{code}/scores", page_scoring_post, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/trajecten/{id}", page_traject, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/mijlpalen/{mid}/gereed", page_traject_done, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/mijlpalen/{mid}/uitstel", page_traject_postpone, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/trajecten/{id}/besluiten/nieuw", page_traject_decision_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/trajecten/{id}/mijlpalen/nieuw", page_traject_milestone_new, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/besluiten", page_traject_decision, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/mijlpalen", page_traject_milestone, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/businesscase", page_traject_bc, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/trajecten/{id}/besluitvorming", page_besturing_besluitvorming, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/besluitvorming", page_besturing_besluitvorming_post, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/verbanden/{code}/besluitvorming", page_besturing_besluitvorming_verband, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/verbanden/{code}/besluitvorming", page_besturing_besluitvorming_verband_post, NULL, NULL, NULL, NULL, NULL,
	  0 },
	{ "POST", "/trajecten/{id}/wijziging", page_besturing_wijziging, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/deelname", page_besturing_deelname, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/rolwissel", page_besturing_rolwissel, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/evaluatie", page_besturing_evaluatie, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/trajecten/{id}/evaluatie-uitkomst", page_besturing_evaluatie_uitkomst, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/mijlpalen", page_late, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/meldingen", page_notices, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/rapporten", page_rapporten, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/rapporten/stand-van-zaken", page_rapport_stand, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
