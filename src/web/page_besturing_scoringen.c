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
#include "web/page_listing.h"

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
	static const char *const head[] = { "Taakveld",      "Gemiddelde", "Laagste partner",
					    "Laagste score", "Spreiding",  "Klasse",
					    "Ontbrekend",    "Eigenaar",   NULL };
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
		csv_export_row_end(&w);
	}
	char name[120];
	snprintf(name, sizeof(name), "scoring-%.80s.csv", code);
	page_listing_send_csv(rs, name, &csv);
	buf_release(&csv);
}

/* The form a stuurgroep member fills in for its own organisation. */
static void score_form(struct request *rq, struct buf *b, json_t *sc, json_t *tvnames, const struct problem *err,
		       const struct form *f)
{
	struct buf action;
	buf_init(&action, 256);
	buf_adds(&action, "/scoringen/");
	html_url_segment(&action, str(sc, "code"));
	buf_adds(&action, "/scores");
	html_raw(b, "<section aria-labelledby=\"kop-scoren\"><h2 class=\"utrecht-heading-2\" id=\"kop-scoren\">Scoren voor ");
	html_txt(b, rq->actor.org);
	html_raw(b, "</h2><p class=\"utrecht-paragraph\">Geef per criterium een score van 1 (helemaal niet) tot 5 (zeer sterk). "
		    "Een nieuwe score vervangt de vorige.</p>");
	if (err && err->status)
		page_besturing_problem(b, err);
	page_besturing_form_begin(rq, b, buf_str(&action), "bst-formulier");
	buf_release(&action);
	size_t n = json_array_size(json_object_get(sc, "taakvelden")), i;
	const char **opts = calloc(2 * n + 1, sizeof(*opts));
	json_t *x;
	if (opts) {
		json_array_foreach(json_object_get(sc, "taakvelden"), i, x) {
			opts[2 * i] = json_string_value(x);
			opts[2 * i + 1] = page_name(tvnames, json_string_value(x));
		}
		page_besturing_select(b, "score-taakveld", "taakveld", "Taakveld", opts, f ? form_get(f, "taakveld") : NULL,
				      NULL);
		free(opts);
	}
	static const char *const scores[] = { "",  "— kies —", "1", "1 (helemaal niet)", "2", "2", "3", "3",
					      "4", "4",        "5", "5 (zeer sterk)",    NULL };
	html_raw(b, "<fieldset class=\"bst-criteria\"><legend>Scores per criterium</legend>");
	json_array_foreach(json_object_get(sc, "criteria"), i, x) {
		char id[80], name[80];
		snprintf(id, sizeof(id), "score-%zu", i);
		snprintf(name, sizeof(name), "score.%s", str(x, "code"));
		struct buf label;
		buf_init(&label, 512);
		buf_printf(&label, "%s (gewicht %lld)", str(x, "naam"),
			   (long long)json_integer_value(json_object_get(x, "gewicht")));
		page_besturing_select(b, id, name, buf_str(&label), scores, f ? form_get(f, name) : NULL, NULL);
		buf_release(&label);
	}
	html_raw(b, "</fieldset><button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Scores opslaan"
		    "</button></form></section>");
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
		    "taakveld uit de hoogste klasse. Spreiding is het verschil tussen de hoogste en de laagste partner.</p>");
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
	if (rq->actor.role != ROLE_NONE && rq->actor.org[0] &&
	    page_besturing_has_string(json_object_get(sc, "partners"), rq->actor.org) &&
	    policy_allows(&rq->actor, ACT_SCORE, rq->actor.org, str(sc, "verband")))
		score_form(rq, b, sc, tvn, err, f);
	page_end(rq, rs);
	json_decref(sc), json_decref(u), json_decref(vn), json_decref(on), json_decref(tvn);
	return 0;
}

int page_scoring(struct request *rq, struct response *rs) { return render_scoring(rq, rs, 200, NULL, NULL); }

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
	json_t *scores = json_object();
	for (int i = 0; i < f.n; i++)
		if (!strncmp(f.f[i].name, "score.", 6) && f.f[i].value[0]) {
			char *end;
			long v = strtol(f.f[i].value, &end, 10);
			if (*end || end == f.f[i].value)
				problem_param(&p, f.f[i].name + 6, "moet een getal van 1 tot en met 5 zijn");
			else
				json_object_set_new(scores, f.f[i].name + 6, json_integer(v));
		}
	if (!p.status && !json_object_size(scores))
		problem_param(&p, "scores", "geef ten minste één score");
	const char *tv = form_get(&f, "taakveld");
	char object[200];
	snprintf(object, sizeof(object), "%s %s %s", verband, rq->actor.org, tv ? tv : "");
	int r = -p.status;
	if (!p.status) {
		json_t *in = json_pack("{s:s,s:s,s:O}", "organisatie", rq->actor.org, "taakveld", tv ? tv : "", "scores", scores);
		json_t *out = NULL;
		r = besturing_scoring_score(rq->store, req_param(rq, "code"), in, &out, &p);
		json_decref(in), json_decref(out);
	}
	json_decref(scores);
	if (r < 0) {
		if (!p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "De scores zijn niet opgeslagen.");
		render_scoring(rq, rs, page_besturing_form_status(r), &p, &f);
		authz_audit(rq, ACT_SCORE, rs->status, object);
		form_release(&f);
		return 0;
	}
	form_release(&f);
	struct buf loc;
	buf_init(&loc, 256);
	buf_adds(&loc, "/scoringen/");
	html_url_segment(&loc, req_param(rq, "code"));
	buf_adds(&loc, "?opgeslagen=1");
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Opgeslagen.\n");
	buf_release(&loc);
	authz_audit(rq, ACT_SCORE, 303, object);
	return 0;
}
