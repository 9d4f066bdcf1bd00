/* /verkenningen/{code}: a survey round, its result and choice, and the
 * form a partner answers it with for its own organisation. See
 * page_besturing.h. */
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

/* ---- /verkenningen/{code} -------------------------------------------------------------------- */

static const char *const grades[] = { "",  "— niet beantwoord —", "1", "1 (helemaal niet)", "2", "2", "3", "3", "4", "4",
				      "5", "5 (zeer sterk)",      NULL };

/* The form a partner fills in for its own organisation: per taakveld the
 * knelpunt, the meerwaarde and whether a quick result is expected. */
static void answer_form(struct request *rq, struct buf *b, json_t *k, json_t *tvnames, const struct problem *err,
			const struct form *f)
{
	json_t *mine = json_object(), *all = NULL;
	struct problem q;
	problem_init(&q);
	size_t i;
	json_t *x;
	if (!f && besturing_survey_answers(rq->store, str(k, "code"), &all, &q) == 0)
		json_array_foreach(all, i, x)
			if (str(x, "organisatie") && !strcmp(str(x, "organisatie"), rq->actor.org))
				json_object_set(mine, str(x, "taakveld"), x);
	json_decref(all);
	struct buf action;
	buf_init(&action, 256);
	buf_adds(&action, "/verkenningen/");
	html_url_segment(&action, str(k, "code"));
	buf_adds(&action, "/antwoorden");
	html_raw(b, "<section aria-labelledby=\"kop-antwoorden\"><h2 class=\"utrecht-heading-2\" id=\"kop-antwoorden\">"
		    "Antwoorden voor ");
	html_txt(b, rq->actor.org);
	html_raw(b, "</h2><p class=\"utrecht-paragraph\">Geef per taakveld aan hoe sterk het knelt en hoeveel samenwerken "
		    "toevoegt, van 1 (helemaal niet) tot 5 (zeer sterk). Een taakveld zonder scores blijft buiten beschouwing; "
		    "een nieuw antwoord vervangt het vorige.</p>");
	if (err && err->status)
		page_besturing_problem(b, err);
	page_besturing_form_begin(rq, b, buf_str(&action), "bst-formulier");
	buf_release(&action);
	json_array_foreach(json_object_get(k, "taakvelden"), i, x) {
		const char *tv = json_string_value(x);
		json_t *a = json_object_get(mine, tv);
		char id[96], name[96], val[8];
		html_raw(b, "<fieldset class=\"bst-criteria\"><legend>");
		html_txt(b, page_name(tvnames, tv));
		html_raw(b, "</legend>");
		for (int c = 0; c < 2; c++) {
			const char *what = c ? "meerwaarde" : "knelpunt";
			snprintf(id, sizeof(id), "%s-%zu", what, i);
			snprintf(name, sizeof(name), "%s.%s", what, tv);
			const char *v = NULL;
			if (f)
				v = form_get(f, name);
			else if (a) {
				snprintf(val, sizeof(val), "%lld", (long long)json_integer_value(json_object_get(a, what)));
				v = val;
			}
			page_besturing_select(b, id, name, c ? "Meerwaarde van samenwerken" : "Knelpunt", grades, v,
					      page_besturing_field_error(err, name));
		}
		snprintf(id, sizeof(id), "snel-%zu", i);
		snprintf(name, sizeof(name), "snel.%s", tv);
		int checked = f ? form_get(f, name) != NULL : a && json_is_true(json_object_get(a, "snelResultaat"));
		html_raw(b,
			 "<div class=\"utrecht-form-field utrecht-form-field--checkbox bst-veld\"><div "
			 "class=\"utrecht-form-field__input\">"
			 "<input class=\"utrecht-checkbox utrecht-checkbox--html-input\" type=\"checkbox\" value=\"ja\" id=\"");
		html_attr(b, id);
		html_raw(b, "\" name=\"");
		html_attr(b, name);
		html_raw(
			b,
			checked ? "\" checked></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" "
				  "for=\""
				: "\"></div><div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"");
		html_attr(b, id);
		html_raw(b, "\">Snel resultaat verwacht</label></div></div></fieldset>");
	}
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Antwoorden opslaan"
		    "</button></form></section>");
	json_decref(mine);
}

static int render_survey(struct request *rq, struct response *rs, int status, const struct problem *err, const struct form *f)
{
	struct problem p;
	problem_init(&p);
	json_t *k = NULL, *u = NULL;
	const char *code = req_param(rq, "code");
	if (besturing_survey_get(rq->store, code, &k, &p) < 0 || besturing_survey_result(rq->store, code, &u, &p) < 0) {
		json_decref(k);
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen verkenningsronde met deze code." : p.detail);
		return 0;
	}
	json_t *vn = page_besturing_verband_names(rq->store), *on = page_besturing_org_names(rq->store);
	page_begin(rq, rs, str(k, "naam"));
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_title(b, "Verkenningsronde", str(k, "naam"));
	if (status == 200 && req_query(rq, "opgeslagen"))
		page_besturing_notice(b, "De antwoorden zijn opgeslagen.");
	else if (status == 200 && req_query(rq, "nieuw"))
		page_besturing_notice(b, "De verkenningsronde is gestart.");
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	page_besturing_dd_begin(b, "Verband");
	page_verband_link(b, str(k, "verband"), page_name(vn, str(k, "verband")));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Datum");
	html_date(b, str(k, "datum"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Partners");
	page_org_links(b, on, json_object_get(k, "partners"));
	page_besturing_dd_end(b);
	json_t *keuze = json_object_get(k, "keuze");
	page_besturing_dd_begin(b, "Keuze");
	if (json_is_object(keuze)) {
		html_raw(b, "vastgelegd op ");
		html_date(b, str(keuze, "datum"));
		if (str(keuze, "toelichting")) {
			html_raw(b, ": ");
			html_txt(b, str(keuze, "toelichting"));
		}
	} else {
		html_raw(b, "nog niet gemaakt");
	}
	page_besturing_dd_end(b);
	html_raw(b, "</dl>");
	if (str(k, "omschrijving")) {
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_txt(b, str(k, "omschrijving"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<section aria-labelledby=\"kop-uitslag\"><h2 class=\"utrecht-heading-2\" id=\"kop-uitslag\">Uitslag</h2>"
		    "<p class=\"utrecht-paragraph\">Prioriteit is knelpunt × meerwaarde, gemiddeld over de partners (0–25); "
		    "een snelle winst verwacht meer dan de helft van de partners.</p>");
	static const char *const head[] = { "#Rang",        "Taakveld",    "#Prioriteit", "#Knelpunt", "#Meerwaarde",
					    "Snelle winst", "#Antwoorden", "Gekozen",     NULL };
	page_table_begin(b, "Taakvelden in rangorde", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(u, "taakvelden"), i, r) {
		int chosen = json_is_true(json_object_get(r, "gekozen"));
		html_raw(b, chosen ? "<tr class=\"utrecht-table__row bst-gekozen\">" : "<tr class=\"utrecht-table__row\">");
		html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int(b, json_integer_value(json_object_get(r, "rang")));
		html_raw(b, "</td><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, str(r, "naam"));
		html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		page_besturing_hundredths(b, json_object_get(r, "prioriteit"));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		page_besturing_hundredths(b, json_object_get(r, "gemiddeldeKnelpunt"));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		page_besturing_hundredths(b, json_object_get(r, "gemiddeldeMeerwaarde"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_raw(b, json_is_true(json_object_get(r, "snelleWinst")) ? "ja" : "nee");
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		html_int(b, json_integer_value(json_object_get(r, "antwoorden")));
		html_raw(b, " van ");
		html_int(b, json_integer_value(json_object_get(r, "partners")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_raw(b, chosen ? "<strong>gekozen</strong>" : "—");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
	if (rq->actor.role != ROLE_NONE && rq->actor.csrf[0] && rq->actor.org[0] &&
	    page_besturing_has_string(json_object_get(k, "partners"), rq->actor.org) &&
	    policy_allows(&rq->actor, ACT_SURVEY_ANSWER, rq->actor.org, str(k, "verband"))) {
		json_t *tl = register_taakveld_list(rq->store), *tvn = page_names(tl);
		json_decref(tl);
		answer_form(rq, b, k, tvn, err, f);
		json_decref(tvn);
	}
	page_end(rq, rs);
	json_decref(k), json_decref(u), json_decref(vn), json_decref(on);
	return 0;
}

int page_survey(struct request *rq, struct response *rs)
{
	/* Refused answers come back here with what was chosen (page_form.h). */
	struct page_form pf;
	struct problem err;
	if (page_form_load(rq, &pf)) {
		page_form_problem(&pf, &err);
		render_survey(rq, rs, 200, &err, &pf.f);
	} else {
		render_survey(rq, rs, 200, NULL, NULL);
	}
	page_form_release(&pf);
	return 0;
}

static int grade(const struct form *f, const char *name, long *v, struct problem *p)
{
	const char *s = form_get(f, name);
	*v = 0;
	if (!s || !s[0])
		return 0;
	char *end;
	*v = strtol(s, &end, 10);
	if (*end || end == s || *v < 1 || *v > 5) {
		problem_param(p, name, "kies een getal van 1 tot en met 5");
		*v = 0;
		return -1;
	}
	return 1;
}

int page_survey_post(struct request *rq, struct response *rs)
{
	char verband[64];
	const char *code = req_param(rq, "code");
	struct problem p;
	problem_init(&p);
	if (besturing_survey_verband(rq->store, code, verband, sizeof(verband), &p) < 0) {
		page_error(rq, rs, 404, "Er is geen verkenningsronde met deze code.");
		authz_audit(rq, ACT_SURVEY_ANSWER, 404, NULL);
		return 0;
	}
	char object[160];
	snprintf(object, sizeof(object), "%s %s", verband, rq->actor.org);
	if (!rq->actor.org[0] || !policy_allows(&rq->actor, ACT_SURVEY_ANSWER, rq->actor.org, verband)) {
		page_error(rq, rs, 403,
			   "Alleen de manager of het lid van de stuurgroep van dit verband beantwoordt de verkenning "
			   "voor de eigen organisatie.");
		authz_audit(rq, ACT_SURVEY_ANSWER, 403, object);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		authz_audit(rq, ACT_SURVEY_ANSWER, 400, object);
		return 0;
	}
	json_t *k = NULL, *answers = json_array();
	int r = besturing_survey_get(rq->store, code, &k, &p);
	size_t i;
	json_t *x;
	if (r == 0)
		json_array_foreach(json_object_get(k, "taakvelden"), i, x) {
			const char *tv = json_string_value(x);
			char kn[96], mw[96], sn[96];
			snprintf(kn, sizeof(kn), "knelpunt.%s", tv);
			snprintf(mw, sizeof(mw), "meerwaarde.%s", tv);
			snprintf(sn, sizeof(sn), "snel.%s", tv);
			long kv, mv;
			int hk = grade(&f, kn, &kv, &p), hm = grade(&f, mw, &mv, &p);
			if (hk == 1 && hm == 0)
				problem_param(&p, mw, "kies ook de meerwaarde, of laat het knelpunt leeg");
			else if (hk == 0 && hm == 1)
				problem_param(&p, kn, "kies ook het knelpunt, of laat de meerwaarde leeg");
			else if (hk == 1 && hm == 1)
				json_array_append_new(answers, json_pack("{s:s,s:s,s:i,s:i,s:b}", "organisatie", rq->actor.org,
									 "taakveld", tv, "knelpunt", (int)kv, "meerwaarde",
									 (int)mv, "snelResultaat", form_get(&f, sn) != NULL));
		}
	json_decref(k);
	if (r == 0 && !p.status && !json_array_size(answers))
		problem_set(&p, 422, "Beantwoord ten minste één taakveld: kies een knelpunt en een meerwaarde.");
	else if (r == 0 && p.status)
		snprintf(p.detail, sizeof(p.detail), "De antwoorden zijn niet opgeslagen: verbeter de velden met een fout.");
	r = p.status ? -p.status : 0;
	json_array_foreach(answers, i, x) {
		if (r < 0)
			break;
		json_t *out = NULL;
		r = besturing_survey_answer(rq->store, code, x, &out, &p);
		json_decref(out);
	}
	json_decref(answers);
	if (r < 0) {
		if (!p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "De antwoorden zijn niet opgeslagen.");
		struct buf back;
		buf_init(&back, 256);
		buf_adds(&back, "/verkenningen/");
		html_url_segment(&back, code);
		page_form_refuse(rq, rs, buf_str(&back), &f, &p, NULL);
		buf_release(&back);
		authz_audit(rq, ACT_SURVEY_ANSWER, page_besturing_form_status(r), object);
		form_release(&f);
		return 0;
	}
	form_release(&f);
	struct buf loc;
	buf_init(&loc, 256);
	buf_adds(&loc, "/verkenningen/");
	html_url_segment(&loc, code);
	buf_adds(&loc, "?opgeslagen=1#kop-antwoorden");
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Opgeslagen.\n");
	buf_release(&loc);
	authz_audit(rq, ACT_SURVEY_ANSWER, 303, object);
	return 0;
}
