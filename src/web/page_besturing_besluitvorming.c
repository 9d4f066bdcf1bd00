/* /trajecten/{id}/besluitvorming and /verbanden/{code}/besluitvorming:
 * where each organisation stands in the decision trail (stuurgroep, the OR
 * asked and advising, college, raad), what its next step is and whether a
 * traject falls outside its raad's kaders; and the form to record a step.
 * A step of an organisation's own body is recorded by someone of that
 * organisation, the stuurgroep's by whoever steers the verband (policy:
 * besluit-vastleggen, besturen); the store checks the order. */
#include <stdio.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/besturing.h"
#include "store/register.h"
#include "web/page_besturing.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const char *const organen[] = { "stuurgroep", "stuurgroep", "burgemeesters", "burgemeesters", "or", "ondernemingsraad",
				       "college",    "college",    "raad",          "gemeenteraad",  NULL };
static const char *const uitkomsten[] = { "go",
					  "akkoord (go)",
					  "no-go",
					  "niet akkoord (no-go)",
					  "uitstel",
					  "uitgesteld",
					  "kennisname",
					  "kennisgenomen, geïnformeerd",
					  "advies-gevraagd",
					  "advies gevraagd (OR, met termijn)",
					  "advies",
					  "advies gegeven (OR)",
					  "kaders",
					  "kaders gesteld (raad)",
					  "geconsulteerd",
					  "geconsulteerd (raad)",
					  NULL };
static const char *const adviezen[] = { "",         "—",        "positief",        "positief",
					"negatief", "negatief", "met-voorwaarden", "met voorwaarden",
					NULL };

static const char *label(const char *const *pairs, const char *v)
{
	for (int i = 0; pairs[i]; i += 2)
		if (v && !strcmp(pairs[i], v))
			return pairs[i + 1];
	return v ? v : "";
}

static const char *next_label(const char *n)
{
	return !n                               ? "—"
	       : !strcmp(n, "or-vragen")        ? "advies vragen aan de ondernemingsraad"
	       : !strcmp(n, "or-advies")        ? "wacht op het advies van de ondernemingsraad"
	       : !strcmp(n, "raad-consulteren") ? "de raad consulteren (buiten de kaders)"
	       : !strcmp(n, "college")          ? "besluit van het college"
						: "de raad informeren of laten besluiten";
}

static void step(struct buf *b, json_t *s)
{
	if (!json_is_object(s)) {
		html_raw(b, "—");
		return;
	}
	html_txt(b, label(uitkomsten, str(s, "uitkomst")));
	html_raw(b, " (");
	html_date(b, str(s, "datum"));
	html_raw(b, ")");
}

static void trail_table(struct buf *b, json_t *t, json_t *names)
{
	int traject = json_is_integer(json_object_get(t, "traject"));
	html_raw(b, "<section aria-labelledby=\"kop-stuurgroep\"><h2 class=\"utrecht-heading-2\" id=\"kop-stuurgroep\">De "
		    "stuurgroep</h2>");
	json_t *sg = json_object_get(t, "stuurgroep");
	if (!json_array_size(sg)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">De stuurgroep heeft hierover nog niet besloten; elke volgende stap "
			    "wacht daarop.</p>");
	} else {
		html_raw(b, "<ul class=\"bst-rollen\">");
		size_t i;
		json_t *s;
		json_array_foreach(sg, i, s) {
			html_raw(b, "<li>");
			html_date(b, str(s, "datum"));
			html_raw(b, ": ");
			html_txt(b, label(organen, str(s, "orgaan")));
			html_raw(b, " — ");
			html_txt(b, label(uitkomsten, str(s, "uitkomst")));
			if (str(s, "onderwerp")) {
				html_raw(b, " (");
				html_txt(b, str(s, "onderwerp"));
				html_raw(b, ")");
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	html_raw(b, "</section><section aria-labelledby=\"kop-stand\"><h2 class=\"utrecht-heading-2\" id=\"kop-stand\">Waar "
		    "elke organisatie staat</h2>");
	static const char *const head_t[] = { "Organisatie", "Ondernemingsraad", "College", "Raad", "Volgende stap", NULL };
	static const char *const head_v[] = { "Organisatie", "College", "Raad", "Volgende stap", NULL };
	struct buf cap;
	buf_init(&cap, 256);
	buf_adds(&cap, "Stand van de besluitvorming op ");
	html_date(&cap, str(t, "datum"));
	page_table_begin(b, buf_str(&cap), "samen-table--wide");
	buf_release(&cap);
	page_table_head(b, traject ? head_t : head_v);
	size_t i, k;
	json_t *o, *r;
	json_array_foreach(json_object_get(t, "organisaties"), i, o) {
		html_raw(b, "<tr class=\"utrecht-table__row\" data-organisatie=\"");
		html_attr(b, str(o, "organisatie"));
		html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		page_org_link(b, str(o, "organisatie"), page_name(names, str(o, "organisatie")));
		if (json_is_true(json_object_get(o, "buitenKaders"))) {
			html_raw(b, "<br><span class=\"bst-badge bst-badge--te-laat\">buiten de kaders</span> ");
			json_array_foreach(json_object_get(o, "kaderRedenen"), k, r) {
				html_raw(b, k ? "; " : "");
				html_txt(b, json_string_value(r));
			}
		}
		html_raw(b, "</th>");
		if (traject) {
			json_t *ors = json_object_get(o, "or");
			html_raw(b, "<td class=\"utrecht-table__cell\">");
			if (!str(ors, "gevraagd")) {
				html_raw(b, "nog niet gevraagd");
			} else {
				html_raw(b, "gevraagd ");
				html_date(b, str(ors, "gevraagd"));
				if (str(ors, "deadline")) {
					html_raw(b, ", uiterlijk ");
					html_date(b, str(ors, "deadline"));
				}
				if (str(ors, "advies")) {
					html_raw(b, "; advies ");
					html_txt(b, label(adviezen, str(ors, "advies")));
					html_raw(b, " (");
					html_date(b, str(ors, "adviesDatum"));
					html_raw(b, ")");
				}
			}
			html_raw(b, "</td>");
		}
		html_raw(b, "<td class=\"utrecht-table__cell\">");
		step(b, json_object_get(o, "college"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (!json_array_size(json_object_get(o, "raad")))
			html_raw(b, "—");
		json_array_foreach(json_object_get(o, "raad"), k, r) {
			html_raw(b, k ? "; " : "");
			step(b, r);
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, next_label(str(o, "volgendeStap")));
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "</section>");
}

/* The organisations whose step the actor may record here. */
static json_t *own_orgs(struct request *rq, json_t *t)
{
	json_t *a = json_array();
	size_t i;
	json_t *o;
	json_array_foreach(json_object_get(t, "organisaties"), i, o)
		if (policy_allows(&rq->actor, ACT_DECISION_RECORD, str(o, "organisatie"), str(t, "verband")))
			json_array_append_new(a, json_string(str(o, "organisatie")));
	return a;
}

struct failed {
	const struct problem *p;
	const struct form *f;
};

static const char *fv(const struct failed *fl, const char *name, const char *dflt)
{
	const char *v = fl && fl->f ? form_get(fl->f, name) : NULL;
	return v ? v : dflt;
}

static void record_form(struct request *rq, struct buf *b, json_t *t, json_t *names, const char *action, const struct failed *fl)
{
	if (rq->actor.role == ROLE_NONE || !rq->actor.csrf[0])
		return;
	int steer = policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband"));
	json_t *mine = own_orgs(rq, t);
	if (!steer && !json_array_size(mine)) {
		json_decref(mine);
		return;
	}
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	html_raw(b, "<section aria-labelledby=\"kop-stap\"><h2 class=\"utrecht-heading-2\" id=\"kop-stap\">Een stap "
		    "vastleggen</h2><p class=\"utrecht-paragraph\">");
	html_raw(b, steer ? "U legt de stappen van de stuurgroep vast" : "U legt de stappen van uw eigen organisatie vast");
	html_raw(b, json_array_size(mine) && steer ? " en die van uw eigen organisatie. " : ". ");
	html_raw(b, "Elke stap komt pas na de vorige: de stuurgroep, dan advies gevraagd aan de ondernemingsraad (met een "
		    "termijn) en diens advies, dan het college, dan de raad.</p>");
	page_besturing_form_begin(rq, b, action, "bst-formulier");
	page_besturing_select(b, "stap-orgaan", "orgaan", "Orgaan", organen, fv(fl, "orgaan", steer ? "stuurgroep" : "or"), NULL);
	if (json_array_size(mine))
		page_besturing_select_orgs(b, "stap-organisatie", "organisatie",
					   "Van welke organisatie (bij OR, college of raad)", mine, names,
					   fv(fl, "organisatie", ""), steer);
	page_besturing_input(b, "stap-datum", "datum", "Datum", "date", fv(fl, "datum", today), NULL, 1);
	page_besturing_select(b, "stap-uitkomst", "uitkomst", "Uitkomst", uitkomsten, fv(fl, "uitkomst", "go"), NULL);
	page_besturing_select(b, "stap-advies", "advies", "Advies van de OR (bij advies gegeven)", adviezen, fv(fl, "advies", ""),
			      page_besturing_field_error(fl ? fl->p : NULL, "advies"));
	page_besturing_input(b, "stap-termijn", "adviesDeadline", "Termijn van het advies (bij advies gevraagd)", "date",
			     fv(fl, "adviesDeadline", ""), page_besturing_field_error(fl ? fl->p : NULL, "adviesDeadline"), 0);
	page_besturing_input(b, "stap-onderwerp", "onderwerp", "Onderwerp", "text", fv(fl, "onderwerp", ""),
			     page_besturing_field_error(fl ? fl->p : NULL, "onderwerp"), 1);
	page_besturing_input(b, "stap-toelichting", "toelichting", "Wat is er besloten en waarom", "textarea",
			     fv(fl, "toelichting", ""), page_besturing_field_error(fl ? fl->p : NULL, "toelichting"), 1);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Stap vastleggen</button>"
		    "</form></section>");
	json_decref(mine);
}

static int render(struct request *rq, struct response *rs, const char *verband, long long tid, int status,
		  const struct failed *fl)
{
	struct problem p;
	problem_init(&p);
	char date[DATE_TEXT_LEN];
	int bad_date = page_query_date(rq, date) < 0;
	json_t *t = NULL;
	if (besturing_trail(rq->store, verband, tid, date, &t, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? (tid ? "Er is geen traject met dit nummer." : "Er is geen verband met deze code.")
					   : p.detail);
		return 0;
	}
	json_t *names = page_besturing_org_names(rq->store), *v = NULL;
	problem_init(&p);
	register_verband_get(rq->store, str(t, "verband"), &v, &p);
	const char *vnaam = v && str(v, "naam") ? str(v, "naam") : str(t, "verband");
	char title[400];
	if (tid)
		snprintf(title, sizeof(title), "Besluitvorming: %s in %s", str(t, "taakveldNaam"), vnaam);
	else
		snprintf(title, sizeof(title), "Besluitvorming: %s", vnaam);
	page_begin(rq, rs, title);
	rs->status = bad_date ? 400 : status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › ");
	page_verband_link(b, str(t, "verband"), vnaam);
	char base[96];
	if (tid) {
		html_raw(b, " › ");
		snprintf(base, sizeof(base), "/trajecten/%lld", tid);
		page_besturing_trajectlink(b, tid, str(t, "taakveldNaam"));
		snprintf(base, sizeof(base), "/trajecten/%lld/besluitvorming", tid);
	} else {
		struct buf u;
		buf_init(&u, 128);
		buf_adds(&u, "/verbanden/");
		html_url_segment(&u, str(t, "verband"));
		buf_adds(&u, "/besluitvorming");
		snprintf(base, sizeof(base), "%s", buf_str(&u));
		buf_release(&u);
	}
	html_raw(b, " › Besluitvorming</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, title);
	html_raw(b, "</h1>");
	if (fl && fl->p && fl->p->status)
		page_besturing_problem(b, fl->p);
	else if (status == 200 && req_query(rq, "gelukt"))
		page_besturing_notice(b, "De stap is vastgelegd.");
	if (bad_date)
		page_alert(b, "De peildatum is geen geldige datum; hieronder de stand van vandaag.");
	page_date_links(b, base, date, NULL);
	trail_table(b, t, names);
	record_form(rq, b, t, names, base, fl);
	page_end(rq, rs);
	json_decref(t), json_decref(v), json_decref(names);
	return 0;
}

int page_besturing_besluitvorming(struct request *rq, struct response *rs)
{
	long long tid;
	if (http_parse_id(req_param(rq, "id"), &tid) < 0) {
		page_error(rq, rs, 404, "Er is geen traject met dit nummer.");
		return 0;
	}
	return render(rq, rs, NULL, tid, 200, NULL);
}

int page_besturing_besluitvorming_verband(struct request *rq, struct response *rs)
{
	return render(rq, rs, req_param(rq, "code"), 0, 200, NULL);
}

static int post(struct request *rq, struct response *rs, const char *verband_path, long long tid)
{
	char verband[64] = "";
	struct problem p;
	problem_init(&p);
	if (tid ? besturing_traject_verband(rq->store, tid, verband, sizeof(verband), &p) < 0
		: !store_verband_id(rq->store, verband_path)) {
		page_error(rq, rs, 404, tid ? "Er is geen traject met dit nummer." : "Er is geen verband met deze code.");
		return 0;
	}
	if (!tid)
		snprintf(verband, sizeof(verband), "%s", verband_path);
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		return 0;
	}
	const char *orgaan = form_get(&f, "orgaan"), *org = form_get(&f, "organisatie");
	int org_body = orgaan && (!strcmp(orgaan, "or") || !strcmp(orgaan, "college") || !strcmp(orgaan, "raad"));
	enum action act = org_body ? ACT_DECISION_RECORD : ACT_STEER;
	if (!org_body)
		org = NULL;
	char object[160];
	snprintf(object, sizeof(object), "%s %s%lld%s%s", verband, tid ? "traject " : "", tid, org ? " " : "", org ? org : "");
	if (rq->actor.role == ROLE_NONE || !policy_allows(&rq->actor, act, org && org[0] ? org : NULL, verband)) {
		form_release(&f);
		if (rq->actor.role == ROLE_NONE)
			authz_require_page(rq, rs, act, org);
		else {
			page_error(rq, rs, 403,
				   org_body ? "Een stap van de ondernemingsraad, het college of de raad legt iemand van die "
					      "organisatie vast."
					    : "Alleen de stuurgroep of procesmanager van dit verband legt haar besluiten vast.");
			authz_audit(rq, act, 403, object);
		}
		return 0;
	}
	json_t *in = json_object(), *out = NULL;
	static const char *const fields[] = { "orgaan",         "organisatie", "datum",       "uitkomst", "advies",
					      "adviesDeadline", "onderwerp",   "toelichting", NULL };
	for (int i = 0; fields[i]; i++) {
		const char *v = form_get(&f, fields[i]);
		if (v && v[0] && (strcmp(fields[i], "organisatie") || org_body))
			json_object_set_new(in, fields[i], json_string(v));
	}
	int r = besturing_decision_create(rq->store, tid ? NULL : verband, tid, in, &out, &p);
	json_decref(in), json_decref(out);
	authz_audit(rq, act, r < 0 ? p.status : 201, object);
	if (r < 0) {
		struct failed fl = { &p, &f };
		render(rq, rs, tid ? NULL : verband, tid, page_besturing_form_status(r), &fl);
	} else {
		struct buf loc;
		buf_init(&loc, 256);
		if (tid)
			buf_printf(&loc, "/trajecten/%lld/besluitvorming?gelukt=1", tid);
		else {
			buf_adds(&loc, "/verbanden/");
			html_url_segment(&loc, verband);
			buf_adds(&loc, "/besluitvorming?gelukt=1");
		}
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
		buf_release(&loc);
	}
	form_release(&f);
	return 0;
}

int page_besturing_besluitvorming_post(struct request *rq, struct response *rs)
{
	long long tid;
	if (http_parse_id(req_param(rq, "id"), &tid) < 0) {
		page_error(rq, rs, 404, "Er is geen traject met dit nummer.");
		return 0;
	}
	return post(rq, rs, NULL, tid);
}

int page_besturing_besluitvorming_verband_post(struct request *rq, struct response *rs)
{
	return post(rq, rs, req_param(rq, "code"), 0);
}
