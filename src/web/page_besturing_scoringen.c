/* /scoringen/{code}: a scoring, its tiers and owners, and the form a
 * partner scores it with for its own organisation. See page_besturing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/register.h"
#include "store/besturing.h"
#include "report/csv_export.h"
#include "web/page_besturing.h"
#include "web/page_form.h"
#include "web/page_listing.h"
#include "web/page_register_belangen.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

/* ---- /scoringen/{code} ------------------------------------------------------------------------ */

static const char *const tier_label[][2] = { { "zeer-kansrijk", "zeer kansrijk" },
					     { "kansrijk", "kansrijk" },
					     { "kansrijk-op-termijn", "kansrijk op termijn" },
					     { "niet-kansrijk", "niet kansrijk" },
					     { NULL, NULL } };

static void tier(struct buf *b, const char *k)
{
	for (int i = 0; tier_label[i][0]; i++)
		if (k && !strcmp(k, tier_label[i][0])) {
			html_raw(b, "<span class=\"bst-klasse bst-klasse--");
			html_raw(b, tier_label[i][0]);
			html_raw(b, "\">");
			html_raw(b, tier_label[i][1]);
			html_raw(b, "</span>");
			return;
		}
	html_raw(b, "—");
}

static void scoring_csv(struct response *rs, const char *code, json_t *u, json_t *on)
{
	static const char *const head[] = { "Taakveld", "Gemiddelde", "Laagste partner", "Laagste score", "Spreiding",
					    "Klasse",   "Ontbrekend", "Eigenaar",        "Uitslag",       NULL };
	struct buf csv, t;
	buf_init(&csv, 0);
	struct csv_export w;
	csv_export_begin(&w, &csv, head);
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(u, "taakvelden"), i, x) {
		csv_export_text(&w, str(x, "naam"));
		json_t *v = json_object_get(x, "gemiddelde"), *low = json_object_get(x, "laagste"),
		       *sp = json_object_get(x, "spreiding");
		if (json_is_integer(v))
			csv_export_hundredths(&w, json_integer_value(v));
		else
			csv_export_text(&w, NULL);
		csv_export_text(&w, json_is_object(low) ? page_name(on, str(low, "organisatie")) : NULL);
		if (json_is_object(low) && json_is_integer(json_object_get(low, "score")))
			csv_export_hundredths(&w, json_integer_value(json_object_get(low, "score")));
		else
			csv_export_text(&w, NULL);
		if (json_is_integer(sp))
			csv_export_hundredths(&w, json_integer_value(sp));
		else
			csv_export_text(&w, NULL);
		const char *klasse = str(x, "klasse");
		for (int k = 0; tier_label[k][0]; k++)
			if (klasse && !strcmp(klasse, tier_label[k][0]))
				klasse = tier_label[k][1];
		csv_export_text(&w, klasse);
		buf_init(&t, 0);
		size_t k;
		json_t *m;
		json_array_foreach(json_object_get(x, "ontbrekend"), k, m)
			buf_printf(&t, "%s%s: %s", k ? "; " : "", page_name(on, str(m, "organisatie")), str(m, "criterium"));
		csv_export_text(&w, buf_str(&t));
		buf_release(&t);
		csv_export_text(&w, str(x, "eigenaar"));
		/* As on the page: a class is final only once every partner scored. */
		csv_export_text(&w, !str(x, "klasse")                              ? NULL
				    : json_is_true(json_object_get(x, "volledig")) ? "definitief"
										   : "voorlopig");
		csv_export_row_end(&w);
	}
	char name[120];
	snprintf(name, sizeof(name), "scoring-%.80s.csv", code);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

/* The form a stuurgroep member fills in for its own organisation: every
 * task field with a select per criterion, holding what the organisation
 * scored so far (or what it typed, when the form was refused). */
static void score_form(struct request *rq, struct buf *b, json_t *sc, json_t *tvnames, json_t *mine, const char *orgname,
		       const struct form *f)
{
	struct buf action;
	buf_init(&action, 256);
	buf_adds(&action, "/scoringen/");
	html_url_segment(&action, str(sc, "code"));
	buf_adds(&action, "/scores");
	html_raw(b, "<section aria-labelledby=\"kop-scoren\"><h2 class=\"utrecht-heading-2\" id=\"kop-scoren\">Scoren voor ");
	html_txt(b, orgname);
	html_raw(b,
		 "</h2><p class=\"utrecht-paragraph\">Geef per taakveld en criterium een score van 1 (helemaal niet) tot 5 (zeer "
		 "sterk). Hieronder staat wat u al scoorde; wat u wijzigt, vervangt de vorige score. Een leeg vak laat u "
		 "open.</p>");
	page_besturing_form_begin(rq, b, buf_str(&action), "bst-formulier bst-scoren");
	buf_release(&action);
	static const char *const scores[] = { "", "—", "1", "1", "2", "2", "3", "3", "4", "4", "5", "5", NULL };
	json_t *criteria = json_object_get(sc, "criteria");
	html_raw(b,
		 "<div class=\"utrecht-table-container samen-table-container\" tabindex=\"0\"><table class=\"utrecht-table "
		 "utrecht-table--html-table samen-table bst-scoretabel\"><caption class=\"utrecht-table__caption\">Uw scores per "
		 "taakveld (1 tot en met 5)</caption><thead class=\"utrecht-table__header\"><tr class=\"utrecht-table__row\">"
		 "<th scope=\"col\" class=\"utrecht-table__header-cell\">Taakveld</th>");
	size_t i, k;
	json_t *x, *tv;
	json_array_foreach(criteria, i, x) {
		html_raw(b, "<th scope=\"col\" class=\"utrecht-table__header-cell\">");
		html_txt(b, str(x, "naam"));
		html_raw(b, " <span class=\"samen-muted\">(gewicht ");
		html_int(b, json_integer_value(json_object_get(x, "gewicht")));
		html_raw(b, ")</span></th>");
	}
	html_raw(b, "</tr></thead><tbody class=\"utrecht-table__body\">");
	json_array_foreach(json_object_get(sc, "taakvelden"), k, tv) {
		const char *tcode = json_string_value(tv);
		json_t *own = NULL, *m;
		size_t j;
		json_array_foreach(mine, j, m)
			if (!strcmp(str(m, "taakveld"), tcode))
				own = json_object_get(m, "scores");
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, page_name(tvnames, tcode));
		html_raw(b, "</th>");
		json_array_foreach(criteria, i, x) {
			char id[96], name[160], cur[8] = "";
			snprintf(id, sizeof(id), "score-%zu-%zu", k, i);
			snprintf(name, sizeof(name), "score.%s.%s", tcode, str(x, "code"));
			json_t *v = json_object_get(own, str(x, "code"));
			if (json_is_integer(v))
				snprintf(cur, sizeof(cur), "%lld", (long long)json_integer_value(v));
			const char *value = f ? form_get(f, name) : cur;
			/* Hidden beside the column header; shown on a phone, where the
			 * table stacks to a block per task field (werk.css). */
			html_raw(b, "<td class=\"utrecht-table__cell\"><label class=\"samen-ub-vh bst-score__label\" for=\"");
			html_attr(b, id);
			html_raw(b, "\"><span class=\"bst-score__taakveld\">");
			html_txt(b, page_name(tvnames, tcode));
			html_raw(b, ": </span>");
			html_txt(b, str(x, "naam"));
			html_raw(b, "</label><select class=\"utrecht-select utrecht-select--html-select\" id=\"");
			html_attr(b, id);
			html_raw(b, "\" name=\"");
			html_attr(b, name);
			html_raw(b, "\">");
			for (int o = 0; scores[o]; o += 2) {
				html_raw(b, "<option value=\"");
				html_attr(b, scores[o]);
				html_raw(b, value && !strcmp(value, scores[o]) ? "\" selected>" : "\">");
				html_txt(b, scores[o + 1]);
				html_raw(b, "</option>");
			}
			html_raw(b, "</select></td>");
		}
		html_raw(b, "</tr>");
	}
	html_raw(b, "</tbody></table></div><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">"
		    "Scores opslaan</button></form></section>");
}

static int render_scoring(struct request *rq, struct response *rs, int status, const struct problem *err, const struct form *f)
{
	struct problem p;
	problem_init(&p);
	json_t *sc = NULL, *u = NULL;
	const char *code = req_param(rq, "code");
	if (besturing_scoring_get(rq->store, code, &sc, &p) < 0 || besturing_scoring_result(rq->store, code, &u, &p) < 0) {
		json_decref(sc);
		page_error(rq, rs, p.status == 404 ? 404 : 500, p.status == 404 ? "Er is geen scoring met deze code." : p.detail);
		return 0;
	}
	json_t *vn = page_besturing_verband_names(rq->store), *on = page_besturing_org_names(rq->store);
	if (!strcmp(rq->method, "GET") && page_listing_wants_csv(rq)) {
		scoring_csv(rs, code, u, on);
		json_decref(sc), json_decref(u), json_decref(vn), json_decref(on);
		return 0;
	}
	json_t *tl = register_taakveld_list(rq->store), *tvn = page_names(tl);
	json_decref(tl);
	page_begin(rq, rs, str(sc, "naam"));
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	page_besturing_title(b, "Scoring", str(sc, "naam"));
	if (status == 200 && req_query(rq, "opgeslagen"))
		page_besturing_notice(b, "De scores zijn opgeslagen.");
	else if (status == 200 && req_query(rq, "nieuw"))
		page_besturing_notice(b, "De scoring is gestart.");
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	page_besturing_dd_begin(b, "Verband");
	page_verband_link(b, str(sc, "verband"), page_name(vn, str(sc, "verband")));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Datum");
	html_date(b, str(sc, "datum"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Partners");
	page_org_links(b, on, json_object_get(sc, "partners"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Criteria (gewicht)");
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(sc, "criteria"), i, x) {
		html_raw(b, i ? ", " : "");
		html_txt(b, str(x, "naam"));
		html_raw(b, " (");
		html_int(b, json_integer_value(json_object_get(x, "gewicht")));
		html_raw(b, ")");
	}
	page_besturing_dd_end(b);
	html_raw(b, "</dl>");
	html_raw(b, "<section aria-labelledby=\"kop-uitslag\"><h2 class=\"utrecht-heading-2\" id=\"kop-uitslag\">Uitslag per "
		    "taakveld</h2>"
		    "<p class=\"utrecht-paragraph\">Niet alleen het gemiddelde telt: een partner die laag scoort houdt een "
		    "taakveld uit de hoogste klasse. Spreiding is het verschil tussen de hoogste en de laagste partner. Zolang "
		    "niet elke partner op elk criterium heeft gescoord, is de klasse <strong>voorlopig</strong>: wie nog "
		    "ontbreekt, staat erbij.</p>");
	static const char *const head[] = { "Taakveld", "#Gemiddelde", "Laagste partner", "#Spreiding",
					    "Klasse",   "Ontbrekend",  "Eigenaar",        NULL };
	page_table_begin(b, "Uitslag van de scoring, per klasse", "samen-table--wide");
	page_table_head(b, head);
	json_array_foreach(json_object_get(u, "taakvelden"), i, x) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, str(x, "naam"));
		html_raw(b, "</th><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		page_besturing_hundredths(b, json_object_get(x, "gemiddelde"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *low = json_object_get(x, "laagste");
		if (json_is_object(low)) {
			html_txt(b, page_name(on, str(low, "organisatie")));
			html_raw(b, " (");
			page_besturing_hundredths(b, json_object_get(low, "score"));
			html_raw(b, ")");
		} else {
			html_raw(b, "—");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
		page_besturing_hundredths(b, json_object_get(x, "spreiding"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		tier(b, str(x, "klasse"));
		if (str(x, "klasse") && !json_is_true(json_object_get(x, "volledig")))
			html_raw(b, " <span class=\"samen-voorlopig\">voorlopig</span>");
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *missing = json_object_get(x, "ontbrekend");
		if (!json_array_size(missing)) {
			html_raw(b, "geen");
		} else {
			size_t k;
			json_t *m;
			json_array_foreach(missing, k, m) {
				html_raw(b, k ? "; " : "");
				html_txt(b, page_name(on, str(m, "organisatie")));
				html_raw(b, ": ");
				html_txt(b, str(m, "criterium"));
			}
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (str(x, "eigenaar"))
			html_txt(b, str(x, "eigenaar"));
		else
			html_raw(b, "<span class=\"samen-muted\">nog niet benoemd</span>");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	struct buf h;
	buf_init(&h, 0);
	buf_adds(&h, "/scoringen/");
	html_url_segment(&h, code);
	buf_adds(&h, "?formaat=csv");
	page_listing_csv_link(b, buf_str(&h));
	buf_release(&h);
	html_raw(b, "</section>");
	/* What each partner wants, beside its scores (seed 003 §4). */
	page_register_belangen_naast(rq, b, str(sc, "verband"), json_object_get(sc, "partners"));
	if (rq->actor.role != ROLE_NONE && rq->actor.org[0] &&
	    page_besturing_has_string(json_object_get(sc, "partners"), rq->actor.org) &&
	    policy_allows(&rq->actor, ACT_SCORE, rq->actor.org, str(sc, "verband"))) {
		json_t *all = NULL, *mine = json_array(), *x2;
		size_t j;
		problem_init(&p);
		if (besturing_scoring_scores(rq->store, code, &all, &p) == 0)
			json_array_foreach(all, j, x2)
				if (!strcmp(str(x2, "organisatie"), rq->actor.org))
					json_array_append(mine, x2);
		if (err && err->status && err->title[0])
			page_besturing_problem(b, err);
		score_form(rq, b, sc, tvn, mine, page_name(on, rq->actor.org), f);
		json_decref(all), json_decref(mine);
	}
	page_end(rq, rs);
	json_decref(sc), json_decref(u), json_decref(vn), json_decref(on), json_decref(tvn);
	return 0;
}

int page_scoring(struct request *rq, struct response *rs)
{
	/* Refused scores come back here with what was chosen (page_form.h). */
	struct page_form pf;
	struct problem err;
	if (page_form_load(rq, &pf)) {
		page_form_problem(&pf, &err);
		render_scoring(rq, rs, 200, &err, &pf.f);
	} else {
		render_scoring(rq, rs, 200, NULL, NULL);
	}
	page_form_release(&pf);
	return 0;
}

/* Every task field with at least one score in the form, scored in one go. */
struct score_args {
	const char *code, *org;
	const struct form *f;
	int saved;
};

static int save_scores(struct store *s, void *arg, struct problem *p)
{
	struct score_args *a = arg;
	json_t *per = json_object();
	for (int i = 0; i < a->f->n; i++) {
		const char *name = a->f->f[i].name, *value = a->f->f[i].value;
		if (strncmp(name, "score.", 6) || !value[0])
			continue;
		const char *dot = strchr(name + 6, '.');
		if (!dot)
			continue;
		char tv[64];
		snprintf(tv, sizeof(tv), "%.*s", (int)(dot - (name + 6)), name + 6);
		char *end;
		long v = strtol(value, &end, 10);
		if (*end || v < 1 || v > 5) {
			problem_param(p, "scores", "een score is een getal van 1 tot en met 5");
			continue;
		}
		json_t *scores = json_object_get(per, tv);
		if (!scores)
			json_object_set_new(per, tv, scores = json_object());
		json_object_set_new(scores, dot + 1, json_integer(v));
	}
	if (!p->status && !json_object_size(per))
		problem_param(p, "scores", "kies ten minste één score");
	const char *tv;
	json_t *scores;
	json_object_foreach(per, tv, scores) {
		if (p->status)
			break;
		json_t *in = json_pack("{s:s,s:s,s:O}", "organisatie", a->org, "taakveld", tv, "scores", scores), *out = NULL;
		besturing_scoring_score(s, a->code, in, &out, p);
		json_decref(in), json_decref(out);
		a->saved++;
	}
	json_decref(per);
	return p->status ? -p->status : 0;
}

int page_scoring_post(struct request *rq, struct response *rs)
{
	char verband[64];
	struct problem p;
	problem_init(&p);
	if (besturing_scoring_verband(rq->store, req_param(rq, "code"), verband, sizeof(verband), &p) < 0) {
		page_error(rq, rs, 404, "Er is geen scoring met deze code.");
		authz_audit(rq, ACT_SCORE, 404, NULL);
		return 0;
	}
	if (!policy_allows(&rq->actor, ACT_SCORE, rq->actor.org, verband)) {
		page_error(rq, rs, 403, "Alleen het lid van de stuurgroep van dit verband scoort voor de eigen organisatie.");
		authz_audit(rq, ACT_SCORE, 403, verband);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		authz_audit(rq, ACT_SCORE, 400, verband);
		return 0;
	}
	struct score_args a = { req_param(rq, "code"), rq->actor.org, &f, 0 };
	int r = store_transaction(rq->store, &p, save_scores, &a);
	char object[200];
	snprintf(object, sizeof(object), "%s %s", verband, rq->actor.org);
	authz_audit(rq, ACT_SCORE, r < 0 ? page_besturing_form_status(r) : 303, object);
	struct buf loc;
	buf_init(&loc, 256);
	buf_adds(&loc, "/scoringen/");
	html_url_segment(&loc, req_param(rq, "code"));
	if (r < 0) {
		if (!p.detail[0] || p.nparams)
			snprintf(p.detail, sizeof(p.detail), "De scores zijn niet opgeslagen: %s",
				 p.nparams ? p.params[0].reason : "probeer het opnieuw.");
		static const struct page_form_field fields[] = { { "scores", "score-0-0", "Scores" }, { NULL, NULL, NULL } };
		page_form_refuse(rq, rs, buf_str(&loc), &f, &p, fields);
	} else {
		buf_adds(&loc, "?opgeslagen=1#kop-uitslag");
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Opgeslagen.\n");
	}
	buf_release(&loc);
	form_release(&f);
	return 0;
}
