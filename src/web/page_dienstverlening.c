/* The dienstverlening proeftuin's pages (page_dienstverlening.h): the frame
 * shared by its four tabs, the expertise pools and the training programme.
 * Who may write is asked of policy.c, as in the API. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/dienstverlening.h"
#include "web/page_dienstverlening.h"
#include "web/page_form.h"
#include "web/pages.h"

int page_dv_load(struct request *rq, struct response *rs, struct page_dv *dv)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return -1;
	dv->code = req_param(rq, "code");
	struct problem p;
	problem_init(&p);
	int m = dienstverlening_member(rq->store, dv->code, rq->actor.org, &p);
	if (m < 0) {
		page_error(rq, rs, 404, p.detail);
		return -1;
	}
	dv->member = m;
	if (store_name(rq->store, dv->code, dv->naam, sizeof(dv->naam)) < 0)
		snprintf(dv->naam, sizeof(dv->naam), "%s", dv->code);
	return 0;
}

void page_dv_href(struct buf *b, const struct page_dv *dv, const char *rest)
{
	struct buf h;
	buf_init(&h, 128);
	page_dv_location(&h, dv, rest);
	html_attr(b, buf_str(&h));
	buf_release(&h);
}

void page_dv_location(struct buf *b, const struct page_dv *dv, const char *rest)
{
	buf_adds(b, "/verbanden/");
	html_url_segment(b, dv->code);
	buf_adds(b, "/dienstverlening");
	buf_adds(b, rest);
}

int page_dv_may(struct request *rq, const struct page_dv *dv, enum action action, const char *org)
{
	const struct policy_target t = { org, dv->code, NULL };
	return rq->actor.role != ROLE_NONE && policy_allows_in(&rq->actor, action, &t);
}

static void tab(struct buf *b, const struct page_dv *dv, const char *rest, const char *label, int current)
{
	html_raw(b, "<li><a class=\"utrecht-link samen-ub-tabs__link\" href=\"");
	page_dv_href(b, dv, rest);
	html_raw(b, current ? "\" aria-current=\"page\">" : "\">");
	html_txt(b, label);
	html_raw(b, "</a></li>");
}

void page_dv_begin(struct request *rq, struct response *rs, const struct page_dv *dv, const char *title, const char *current)
{
	char t[300];
	snprintf(t, sizeof(t), "%s — proeftuin dienstverlening %s", title, dv->naam);
	page_begin(rq, rs, t);
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph samen-breadcrumb\">");
	page_verband_link(b, dv->code, dv->naam);
	html_raw(b, " › Proeftuin dienstverlening</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, title);
	html_raw(b,
		 "</h1><nav class=\"samen-ub-tabs\" aria-label=\"Proeftuin dienstverlening\"><ul class=\"samen-ub-tabs__list\">");
	tab(b, dv, "", "Expertisepools", !strcmp(current, "pools"));
	tab(b, dv, "/opleidingen", "Opleidingsprogramma", !strcmp(current, "opleidingen"));
	tab(b, dv, "/antwoorden", "Redactie Antwoord", !strcmp(current, "antwoorden"));
	tab(b, dv, "/zaaktypen", "Zaaktypen", !strcmp(current, "zaaktypen"));
	html_raw(b, "</ul></nav>");
}

void page_dv_refuse(struct request *rq, struct response *rs, const struct page_dv *dv, enum action action, const char *why)
{
	if (authz_require_page(rq, rs, action, rq->actor.org[0] ? rq->actor.org : NULL) == 0 || rs->status < 400) {
		page_error(rq, rs, 403, why);
		authz_audit(rq, action, 403, dv->code);
	}
}

const struct page_form_field page_dv_answer_fields[] = {
	{ "onderwerp", "onderwerp", "Onderwerp" },
	{ "vraag", "vraag", "Vraag" },
	{ "antwoord", "antwoord", "Antwoord" },
	{ "redacteur", "redacteur", "Redacteur" },
	{ "herzienOp", "herzienOp", "Herzien uiterlijk op" },
	{ "tekst", "tekst", "Lokale variant" },
	{ NULL, NULL, NULL },
};

void page_dv_answer(struct request *rq, struct response *rs, const struct page_dv *dv, int r, const struct problem *p,
		    const struct form *f, enum action action, const char *back, const char *rest)
{
	authz_audit(rq, action, r < 0 ? p->status : 200, dv->code);
	struct buf loc;
	buf_init(&loc, 256);
	page_dv_location(&loc, dv, r < 0 ? back : rest);
	if (r < 0) {
		page_form_refuse(rq, rs, buf_str(&loc), f, p, action == ACT_ANSWER_WRITE ? page_dv_answer_fields : NULL);
	} else {
		resp_header(rs, "Location", buf_str(&loc));
		resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
	}
	buf_release(&loc);
}

/* Reads the urlencoded body into f; on failure answers 400 and returns -1. */
static int read_form(struct request *rq, struct response *rs, struct form *f)
{
	if (form_is_urlencoded(rq) && form_parse(f, rq->body, rq->body_len) == 0)
		return 0;
	page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
	return -1;
}

static void select_begin(struct buf *b, const struct page_input *in) { page_select_open(b, in, 0); }

static void option(struct buf *b, const char *value, const char *label, const char *chosen)
{
	html_raw(b, "<option value=\"");
	html_attr(b, value);
	html_raw(b, chosen && !strcmp(chosen, value) ? "\" selected>" : "\">");
	html_txt(b, label);
	html_raw(b, "</option>");
}

static void button(struct buf *b, const char *label)
{
	html_raw(b, "<div class=\"utrecht-button-group\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">");
	html_txt(b, label);
	html_raw(b, "</button></div></form>");
}

static const char *programme_org(struct request *rq, const struct page_dv *dv) { return dv->member ? rq->actor.org : NULL; }

/* ---- expertise pools -------------------------------------------------------------------------- */

static const char *status_text(const char *s)
{
	return !strcmp(s, "gedekt") ? "gedekt" : !strcmp(s, "een-pitter") ? "één-pitter" : "ontbreekt";
}

static int page_pools(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	struct problem p;
	problem_init(&p);
	json_t *pools = NULL;
	if (dienstverlening_pools(rq->store, dv.code, &pools, &p) < 0)
		return page_error(rq, rs, p.status, p.detail), 0;
	page_dv_begin(rq, rs, &dv, "Expertisepools", "pools");
	struct buf *b = &rs->body;
	html_raw(b, "<p class=\"utrecht-paragraph\">Expertise die de gemeenten bundelen, uit de kwaliteitskaart: wie de "
		    "competentie heeft (ervaren of expert), hoeveel uur per week de houders per gemeente kunnen geven, en waar "
		    "een gemeente op één persoon leunt of niemand heeft.</p>");
	if (!json_array_size(pools))
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er zijn nog geen expertisepools.</p>");
	size_t i, j;
	json_t *pool, *o;
	json_array_foreach(pools, i, pool) {
		html_raw(b, "<h2 class=\"utrecht-heading-2\">");
		html_txt(b, json_string_value(json_object_get(pool, "naam")));
		html_raw(b, "</h2>");
		html_txt_around(b, "<p class=\"utrecht-paragraph\">", json_string_value(json_object_get(pool, "omschrijving")),
				"</p>");
		html_raw(b, "<p class=\"utrecht-paragraph\">Samen ");
		html_int(b, json_integer_value(json_object_get(pool, "urenPerWeek")));
		html_raw(b, " uur per week beschikbaar; één-pitters: ");
		html_int(b, (long long)json_array_size(json_object_get(pool, "eenPitters")));
		html_raw(b, ", zonder houder: ");
		html_int(b, (long long)json_array_size(json_object_get(pool, "ontbreekt")));
		html_raw(b, ".</p>");
		static const char *const head[] = { "Gemeente", "Stand", "#Houders", "#Uur per week", "Wie (niveau)", NULL };
		page_table_begin(b, json_string_value(json_object_get(pool, "naam")), NULL);
		page_table_head(b, head);
		json_array_foreach(json_object_get(pool, "organisaties"), j, o) {
			const char *code = json_string_value(json_object_get(o, "organisatie"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, json_string_value(json_object_get(o, "naam")));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, status_text(json_string_value(json_object_get(o, "status"))));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, json_integer_value(json_object_get(o, "houders")));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column\">");
			html_int(b, json_integer_value(json_object_get(o, "urenPerWeek")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			size_t k;
			json_t *m;
			int n = 0;
			json_array_foreach(json_object_get(pool, "mensen"), k, m) {
				if (strcmp(json_string_value(json_object_get(m, "organisatie")), code))
					continue;
				html_raw(b, n++ ? ", " : "");
				html_txt(b, json_string_value(json_object_get(m, "naam")));
				html_txt_around(b, " (", json_string_value(json_object_get(m, "niveauNaam")), ")");
			}
			html_raw(b, n ? "</td></tr>" : "—</td></tr>");
		}
		page_table_end(b);
	}
	if (page_dv_may(rq, &dv, ACT_SERVICE_PROGRAMME, programme_org(rq, &dv))) {
		struct page_form pf;
		page_form_load(rq, &pf);
		html_raw(b, "<h2 class=\"utrecht-heading-2\">Expertisepool toevoegen</h2>");
		struct buf act;
		buf_init(&act, 128);
		page_dv_location(&act, &dv, "/pools");
		page_form_begin(rq, b, buf_str(&act), NULL, "samen-form");
		buf_release(&act);
		struct page_input c = { .id = "competentie",
					.label = "Competentie (code in de kwaliteitskaart)",
					.type = "text",
					.value = page_form_value(&pf, NULL, "competentie", ""),
					.error = page_form_error(&pf, "competentie"),
					.required = 1 };
		page_input_field(b, &c);
		struct page_input n = { .id = "naam",
					.label = "Naam van de pool",
					.type = "text",
					.value = page_form_value(&pf, NULL, "naam", ""),
					.error = page_form_error(&pf, "naam"),
					.required = 1 };
		page_input_field(b, &n);
		struct page_input o2 = { .id = "omschrijving",
					 .label = "Omschrijving (niet verplicht)",
					 .type = "textarea",
					 .value = page_form_value(&pf, NULL, "omschrijving", ""),
					 .error = page_form_error(&pf, "omschrijving") };
		page_input_field(b, &o2);
		button(b, "Pool toevoegen");
		page_form_release(&pf);
	}
	page_end(rq, rs);
	json_decref(pools);
	return 0;
}

static int post_pool(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	if (!page_dv_may(rq, &dv, ACT_SERVICE_PROGRAMME, programme_org(rq, &dv))) {
		page_dv_refuse(rq, rs, &dv, ACT_SERVICE_PROGRAMME,
			       "Expertisepools maakt de procesmanager van het verband of een manager van een van de leden.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = json_object(), *out = NULL;
	const char *k[] = { "competentie", "naam", "omschrijving" };
	for (int i = 0; i < 3; i++)
		if (form_get(&f, k[i]) && (form_get(&f, k[i])[0] || i < 2))
			json_object_set_new(in, k[i], json_string(form_get(&f, k[i])));
	struct problem p;
	problem_init(&p);
	int r = dienstverlening_pool_create(rq->store, &rq->actor, dv.code, in, &out, &p);
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_SERVICE_PROGRAMME, "", "");
	json_decref(in);
	json_decref(out);
	form_release(&f);
	return 0;
}

/* ---- the training programme ------------------------------------------------------------------ */

static void person_txt(struct request *rq, struct buf *b, json_t *x)
{
	if (!x) {
		html_raw(b, "—");
		return;
	}
	char name[200];
	html_txt(b, json_string_value(json_object_get(x, "naam")));
	html_txt_around(b, " (", page_org_name(rq, json_string_value(json_object_get(x, "organisatie")), name, sizeof(name)),
			")");
}

static int page_training(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	char datum[DATE_TEXT_LEN];
	page_query_date(rq, datum);
	struct problem p;
	problem_init(&p);
	json_t *prog = NULL, *pools = NULL;
	if (dienstverlening_training(rq->store, dv.code, datum, &prog, &p) < 0 ||
	    dienstverlening_pools(rq->store, dv.code, &pools, &p) < 0) {
		json_decref(prog);
		return page_error(rq, rs, p.status, p.detail), 0;
	}
	page_dv_begin(rq, rs, &dv, "Opleidingsprogramma", "opleidingen");
	struct buf *b = &rs->body;
	struct buf base;
	buf_init(&base, 128);
	page_dv_location(&base, &dv, "/opleidingen");
	page_date_links(b, buf_str(&base), datum, NULL);
	html_raw(b, "<p class=\"utrecht-paragraph\">Het regionale opleidingsprogramma volgt uit de gaten in de kwaliteitskaart. "
		    "Peildatum ");
	html_date(b, datum);
	html_raw(b, ": ");
	html_int(b, json_integer_value(json_object_get(prog, "achterstallig")));
	html_raw(b, " opleiding(en) achterstallig (gepland en niet afgerond).</p><h2 class=\"utrecht-heading-2\">Gepland en "
		    "afgerond</h2>");
	int may = page_dv_may(rq, &dv, ACT_SERVICE_PROGRAMME, programme_org(rq, &dv));
	static const char *const head[] = { "Gepland", "Competentie", "Deelnemer", "Docent", "Stand", NULL };
	page_table_begin(b, "Opleidingen", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(prog, "opleidingen"), i, t) {
		const char *st = json_string_value(json_object_get(t, "status"));
		html_raw(b,
			 "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
		html_date(b, json_string_value(json_object_get(t, "gepland")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, json_string_value(json_object_get(t, "competentieNaam")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		person_txt(rq, b, json_object_get(t, "deelnemer"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		person_txt(rq, b, json_object_get(t, "docent"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		if (!strcmp(st, "afgerond")) {
			html_raw(b, "afgerond op ");
			html_date(b, json_string_value(json_object_get(t, "afgerond")));
		} else {
			html_txt(b, st);
			if (may) {
				char rest[64];
				snprintf(rest, sizeof(rest), "/opleidingen/%lld/afronden",
					 (long long)json_integer_value(json_object_get(t, "id")));
				struct buf act;
				buf_init(&act, 128);
				page_dv_location(&act, &dv, rest);
				page_form_begin(rq, b, buf_str(&act), NULL, "samen-inline-form");
				buf_release(&act);
				html_raw(b, "<input type=\"hidden\" name=\"afgerond\" value=\"");
				html_attr(b, datum);
				html_raw(b, "\"><button class=\"utrecht-button utrecht-button--secondary-action\" "
					    "type=\"submit\">Afgerond "
					    "op peildatum</button></form>");
			}
		}
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	html_raw(b, "<h2 class=\"utrecht-heading-2\">Wat de gaten vragen</h2>");
	static const char *const head2[] = { "Competentie", "Gemeente", "Wie", "Waarom", "Wie kan het leren", "Gepland", NULL };
	page_table_begin(b, "Opleidingsbehoefte", NULL);
	page_table_head(b, head2);
	json_array_foreach(json_object_get(prog, "behoefte"), i, t) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, json_string_value(json_object_get(t, "competentieNaam")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		char oname[200];
		html_txt(b, page_org_name(rq, json_string_value(json_object_get(t, "organisatie")), oname, sizeof(oname)));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *m = json_object_get(t, "medewerker");
		html_txt(b, m ? json_string_value(json_object_get(m, "naam")) : "niemand");
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, json_string_value(json_object_get(t, "reden")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		size_t k;
		json_t *d;
		json_array_foreach(json_object_get(t, "docenten"), k, d) {
			html_raw(b, k ? ", " : "");
			person_txt(rq, b, d);
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_raw(b, json_is_true(json_object_get(t, "gepland")) ? "ja" : "nee");
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	if (may) {
		struct page_form pf;
		page_form_load(rq, &pf);
		html_raw(b, "<h2 class=\"utrecht-heading-2\">Opleiding plannen</h2>");
		struct buf act;
		buf_init(&act, 128);
		page_dv_location(&act, &dv, "/opleidingen");
		page_form_begin(rq, b, buf_str(&act), NULL, "samen-form");
		buf_release(&act);
		struct page_input c = { .id = "competentie",
					.label = "Competentie",
					.error = page_form_error(&pf, "competentie") };
		select_begin(b, &c);
		const char *chosen = page_form_value(&pf, NULL, "competentie", "");
		json_t *pool;
		json_array_foreach(pools, i, pool)
			option(b, json_string_value(json_object_get(pool, "competentie")),
			       json_string_value(json_object_get(pool, "competentieNaam")), chosen);
		html_raw(b, "</select>");
		page_field_end(b);
		struct page_input d = { .id = "deelnemer", .label = "Deelnemer", .error = page_form_error(&pf, "deelnemer") };
		struct page_input k = { .id = "docent",
					.label = "Docent (een expert; niet verplicht)",
					.error = page_form_error(&pf, "docent") };
		for (int w = 0; w < 2; w++) {
			select_begin(b, w ? &k : &d);
			chosen = page_form_value(&pf, NULL, w ? "docent" : "deelnemer", "");
			if (w)
				option(b, "", "Nog niet bekend", chosen);
			json_array_foreach(pools, i, pool) {
				html_raw(b, "<optgroup label=\"");
				html_attr(b, json_string_value(json_object_get(pool, "competentieNaam")));
				html_raw(b, "\">");
				size_t q;
				json_t *m;
				json_array_foreach(json_object_get(pool, "mensen"), q, m) {
					if (w && json_integer_value(json_object_get(m, "niveau")) < 3)
						continue;
					char id[32], label[500], oname[200];
					snprintf(id, sizeof(id), "%lld",
						 (long long)json_integer_value(json_object_get(m, "medewerker")));
					snprintf(label, sizeof(label), "%s (%s, %s)",
						 json_string_value(json_object_get(m, "naam")),
						 page_org_name(rq, json_string_value(json_object_get(m, "organisatie")), oname,
							       sizeof(oname)),
						 json_string_value(json_object_get(m, "niveauNaam")));
					option(b, id, label, chosen);
				}
				html_raw(b, "</optgroup>");
			}
			html_raw(b, "</select>");
			page_field_end(b);
		}
		struct page_input g = { .id = "gepland",
					.label = "Gepland op",
					.type = "date",
					.value = page_form_value(&pf, NULL, "gepland", ""),
					.error = page_form_error(&pf, "gepland"),
					.required = 1 };
		page_input_field(b, &g);
		button(b, "Opleiding plannen");
		page_form_release(&pf);
	}
	buf_release(&base);
	page_end(rq, rs);
	json_decref(prog);
	json_decref(pools);
	return 0;
}

static int post_training(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	if (!page_dv_may(rq, &dv, ACT_SERVICE_PROGRAMME, programme_org(rq, &dv))) {
		page_dv_refuse(rq, rs, &dv, ACT_SERVICE_PROGRAMME,
			       "Opleidingen plant de procesmanager van het verband of een manager van een van de leden.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	json_t *in = json_object(), *out = NULL;
	const char *v = form_get(&f, "competentie");
	json_object_set_new(in, "competentie", json_string(v ? v : ""));
	const char *nums[] = { "deelnemer", "docent" };
	for (int i = 0; i < 2; i++) {
		v = form_get(&f, nums[i]);
		char *end;
		long long n = v && v[0] ? strtoll(v, &end, 10) : 0;
		if (v && v[0])
			json_object_set_new(in, nums[i], n > 0 && !*end ? json_integer(n) : json_string(v));
	}
	v = form_get(&f, "gepland");
	json_object_set_new(in, "gepland", json_string(v ? v : ""));
	struct problem p;
	problem_init(&p);
	int r = dienstverlening_training_create(rq->store, &rq->actor, dv.code, in, &out, &p);
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_SERVICE_PROGRAMME, "/opleidingen", "/opleidingen");
	json_decref(in);
	json_decref(out);
	form_release(&f);
	return 0;
}

static int post_training_done(struct request *rq, struct response *rs)
{
	struct page_dv dv;
	struct form f = { 0 };
	if (page_dv_load(rq, rs, &dv) < 0)
		return 0;
	if (!page_dv_may(rq, &dv, ACT_SERVICE_PROGRAMME, programme_org(rq, &dv))) {
		page_dv_refuse(rq, rs, &dv, ACT_SERVICE_PROGRAMME,
			       "Een opleiding rondt de procesmanager van het verband of een manager van een van de leden af.");
		return 0;
	}
	if (read_form(rq, rs, &f) < 0)
		return 0;
	char *end;
	const char *ids = req_param(rq, "id");
	long long id = ids ? strtoll(ids, &end, 10) : 0;
	const char *d = form_get(&f, "afgerond");
	json_t *in = json_pack("{s:s}", "afgerond", d ? d : "");
	struct problem p;
	problem_init(&p);
	int r = id > 0 && !*end ? dienstverlening_training_done(rq->store, dv.code, id, in, NULL, &p)
				: problem_set(&p, 404, "Deze opleiding bestaat niet.");
	page_dv_answer(rq, rs, &dv, r, &p, &f, ACT_SERVICE_PROGRAMME, "/opleidingen", "/opleidingen");
	json_decref(in);
	form_release(&f);
	return 0;
}

#define DV "/verbanden/{code}/dienstverlening"
const struct route page_dienstverlening_routes[] = {
	{ "GET", DV, page_pools, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/pools", post_pool, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", DV "/opleidingen", page_training, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/opleidingen", post_training, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/opleidingen/{id}/afronden", post_training_done, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", DV "/antwoorden", page_dienstverlening_antwoorden, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/antwoorden", page_dienstverlening_antwoord_nieuw, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", DV "/antwoorden/{id}", page_dienstverlening_antwoord, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/antwoorden/{id}", page_dienstverlening_antwoord_wijzig, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/antwoorden/{id}/variant", page_dienstverlening_antwoord_variant, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", DV "/zaaktypen", page_dienstverlening_zaaktypen, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", DV "/zaaktypen", page_dienstverlening_zaaktypen_lees, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
