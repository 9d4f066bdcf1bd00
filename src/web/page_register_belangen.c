/* The interests of the members of a verband on the pages (seed 003 §4
 * "Belangen": "Voor een effectieve samenwerking is het productief de
 * belangen, de posities van elkaar te kennen"). See page_register_belangen.h.
 * Who may record is the API's (policy.c: belangen-vastleggen); the form
 * posts back and redirects (303), a refusal comes back on the verband page
 * with what was typed (page_form.h). */
#include <stdio.h>
#include <string.h>
#include "http/authz.h"
#include "http/form.h"
#include "store/besturing.h"
#include "store/register_belangen.h"
#include "web/page_form.h"
#include "web/page_register_belangen.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

static const struct page_form_field fields[] = { { "organisatie", "belang-organisatie", "Lid" },
						 { "datum", "belang-datum", "Geldt vanaf" },
						 { "visieKernwaarden[]", "belang-kernwaarden", "Visie en kernwaarden" },
						 { "visieKernwaarden", "belang-kernwaarden", "Visie en kernwaarden" },
						 { "organisatiebelang[]", "belang-organisatiebelang", "Organisatiebelang" },
						 { "organisatiebelang", "belang-organisatiebelang", "Organisatiebelang" },
						 { "eindperspectief", "belang-eindperspectief", "De stip op de horizon" },
						 { "tempo", "belang-tempo", "Tempo" },
						 { "inhoud", "belang-inhoud", "Inhoud" },
						 { "schaal", "belang-schaal", "Schaal" },
						 { "toelichting", "belang-toelichting", "Toelichting" },
						 { NULL, NULL, NULL } };

/* The positions: the API's name and how a person says it. */
static const char *const positions[][2] = {
	{ "eindperspectief", "De stip op de horizon" }, { "tempo", "Tempo" }, { "inhoud", "Inhoud" }, { "schaal", "Schaal" }
};

static void items(struct buf *b, json_t *a)
{
	if (!json_array_size(a)) {
		html_raw(b, "<span class=\"samen-muted\">niet vastgelegd</span>");
		return;
	}
	html_raw(b, "<ul class=\"utrecht-unordered-list samen-belang-punten\">");
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) {
		html_list_item(b);
		html_txt(b, json_string_value(x));
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
}

/* The position on end goal, tempo, inhoud and schaal, as far as recorded. */
static void position(struct buf *b, json_t *x)
{
	int any = 0;
	for (size_t k = 0; k < sizeof(positions) / sizeof(positions[0]); k++) {
		const char *v = str(x, positions[k][0]);
		if (!v)
			continue;
		html_raw(b, any++ ? "<br>" : "");
		html_raw(b, "<strong>");
		html_txt(b, positions[k][1]);
		html_raw(b, ":</strong> ");
		html_txt(b, v);
	}
	if (!any)
		html_raw(b, "<span class=\"samen-muted\">niet vastgelegd</span>");
}

static void recorded(struct buf *b, json_t *x)
{
	html_raw(b, "vanaf ");
	html_date(b, str(x, "datum"));
	/* The demo's versions came in by import: no person to name. */
	if (str(x, "door") && strcmp(str(x, "door"), "import"))
		html_txt_around(b, ", vastgelegd door ", str(x, "door"), "");
}

static json_t *find_org(json_t *list, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
		if (code && !strcmp(str(x, "organisatie"), code))
			return x;
	return NULL;
}

/* The roles of the verband itself that run today; the communicatieadviseur
 * is the first contact for communication about the cooperation. */
static void roles(struct request *rq, struct buf *b, const char *code, const char *today)
{
	json_t *rl = NULL;
	struct problem p;
	problem_init(&p);
	if (besturing_role_list(rq->store, code, 0, &rl, &p) < 0)
		return;
	int n = 0;
	size_t i;
	json_t *r;
	json_array_foreach(rl, i, r) {
		if (json_is_integer(json_object_get(r, "traject")) || (str(r, "tot") && strcmp(str(r, "tot"), today) <= 0) ||
		    (str(r, "van") && strcmp(str(r, "van"), today) > 0))
			continue;
		if (!n++)
			html_raw(b, "<section aria-labelledby=\"kop-rollen\"><h2 class=\"utrecht-heading-2\" "
				    "id=\"kop-rollen\">Rollen "
				    "in het verband</h2><ul class=\"utrecht-unordered-list\">");
		html_list_item(b);
		html_raw(b, "<strong>");
		html_txt(b, str(r, "rol"));
		html_raw(b, "</strong>");
		if (!strcmp(str(r, "rol"), "communicatieadviseur"))
			html_raw(b, " (eerste aanspreekpunt voor de communicatie)");
		html_raw(b, ": ");
		html_txt(b, str(r, "naam"));
		html_txt_around(b, " (", str(r, "organisatieNaam"), ")");
		html_txt_around(b, " — ", str(r, "toelichting"), "");
		html_raw(b, "</li>");
	}
	if (n)
		html_raw(b, "</ul></section>");
	json_decref(rl);
}

/* The members of v on today (codes with names), and which the actor may record for. */
static json_t *current_members(struct request *rq, json_t *v, const char *today, json_t **mine)
{
	json_t *out = json_array();
	*mine = json_array();
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(v, "leden"), i, l) {
		const char *org = str(l, "organisatie"), *van = str(l, "van"), *tot = str(l, "tot");
		if ((van && strcmp(van, today) > 0) || (tot && strcmp(tot, today) <= 0) || find_org(out, org))
			continue;
		char naam[200];
		page_org_name(rq, org, naam, sizeof(naam));
		json_t *m = json_pack("{s:s,s:s}", "organisatie", org, "naam", naam);
		json_array_append_new(out, m);
		if (rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, ACT_INTERESTS_WRITE, org, str(v, "code")))
			json_array_append(*mine, m);
	}
	return out;
}

/* The lines of a list, for a textarea: one item a line. */
static void lines(struct buf *out, json_t *a)
{
	size_t i;
	json_t *x;
	json_array_foreach(a, i, x) {
		if (i)
			buf_addc(out, '\n');
		buf_adds(out, json_string_value(x));
	}
}

static void form(struct request *rq, struct buf *b, const char *code, json_t *mine, json_t *now, const char *today)
{
	struct page_form pf;
	page_form_load(rq, &pf);
	/* Filled in with what holds now for the member the actor speaks for. */
	const char *own = json_array_size(mine) == 1 ? str(json_array_get(mine, 0), "organisatie") : NULL;
	json_t *cur = find_org(now, own);
	struct buf kern, belang;
	buf_init(&kern, 0);
	buf_init(&belang, 0);
	if (cur) {
		lines(&kern, json_object_get(cur, "visieKernwaarden"));
		lines(&belang, json_object_get(cur, "organisatiebelang"));
	}
	html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-belangen-vastleggen\">Belangen vastleggen</h3>"
		    "<p class=\"utrecht-paragraph\">Een lid legt zijn eigen belangen vast: zijn manager of zijn lid van de "
		    "stuurgroep. Wat u vastlegt, geldt vanaf de datum die u kiest; de vorige versie blijft bewaard.</p>");
	char action[160];
	snprintf(action, sizeof(action), "/verbanden/%s/belangen", code);
	page_form_begin(rq, b, action, "belangen", "samen-form");
	page_select_json(b,
			 &(struct page_input){ .id = "belang-organisatie",
					       .name = "organisatie",
					       .label = "Lid",
					       .value = page_form_value(&pf, "belangen", "organisatie", own),
					       .error = page_form_error(&pf, "belang-organisatie"),
					       .required = 1 },
			 mine, "organisatie", "naam", own ? NULL : "Kies het lid");
	page_input_field(b, &(struct page_input){ .id = "belang-datum",
						  .name = "datum",
						  .label = "Geldt vanaf",
						  .type = "date",
						  .value = page_form_value(&pf, "belangen", "datum", today),
						  .error = page_form_error(&pf, "belang-datum"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "belang-kernwaarden",
						  .name = "visieKernwaarden",
						  .label = "Visie en kernwaarden",
						  .type = "textarea",
						  .hint = "Eén punt per regel, bijvoorbeeld: Vertrouwen.",
						  .value = page_form_value(&pf, "belangen", "visieKernwaarden", buf_str(&kern)),
						  .error = page_form_error(&pf, "belang-kernwaarden") });
	page_input_field(
		b, &(struct page_input){ .id = "belang-organisatiebelang",
					 .name = "organisatiebelang",
					 .label = "Organisatiebelang",
					 .type = "textarea",
					 .hint = "Eén punt per regel: wat de eigen organisatie met de samenwerking wil bereiken.",
					 .value = page_form_value(&pf, "belangen", "organisatiebelang", buf_str(&belang)),
					 .error = page_form_error(&pf, "belang-organisatiebelang") });
	static const char *const hints[] = {
		"Hoe ver de samenwerking moet gaan: het eindperspectief.",
		"Hoe snel: stap voor stap, of sneller.",
		"Op welke taakvelden, en hoe intensief.",
		"Met wie: alleen de leden van dit verband, of een grotere kring.",
	};
	for (size_t k = 0; k < sizeof(positions) / sizeof(positions[0]); k++) {
		char id[48];
		snprintf(id, sizeof(id), "belang-%s", positions[k][0]);
		page_input_field(b, &(struct page_input){ .id = id,
							  .name = positions[k][0],
							  .label = positions[k][1],
							  .type = "textarea",
							  .hint = hints[k],
							  .value = page_form_value(&pf, "belangen", positions[k][0],
										   cur ? str(cur, positions[k][0]) : NULL),
							  .error = page_form_error(&pf, id) });
	}
	page_input_field(b, &(struct page_input){ .id = "belang-toelichting",
						  .name = "toelichting",
						  .label = "Toelichting (niet verplicht)",
						  .type = "textarea",
						  .hint = "Bijvoorbeeld waar deze belangen zijn vastgesteld.",
						  .value = page_form_value(&pf, "belangen", "toelichting", ""),
						  .error = page_form_error(&pf, "belang-toelichting") });
	html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">Belangen vastleggen</button></div></form>");
	buf_release(&kern);
	buf_release(&belang);
	page_form_release(&pf);
}

static void history(struct request *rq, struct buf *b, const char *code, json_t *now)
{
	json_t *all = NULL;
	struct problem p;
	problem_init(&p);
	if (register_belangen_history(rq->store, code, NULL, &all, &p) < 0)
		return;
	size_t n = json_array_size(all) - json_array_size(now), i;
	json_t *x;
	if (json_array_size(all) > json_array_size(now)) {
		html_raw(b, "<details class=\"samen-belang\"><summary>Eerdere en latere versies (");
		html_int(b, (long long)n);
		html_raw(b, ")</summary><ul class=\"utrecht-unordered-list\">");
		json_array_foreach(all, i, x) {
			json_t *c = find_org(now, str(x, "organisatie"));
			if (c && json_integer_value(json_object_get(c, "id")) == json_integer_value(json_object_get(x, "id")))
				continue;
			html_list_item(b);
			html_raw(b, "<strong>");
			html_txt(b, str(x, "organisatieNaam"));
			html_raw(b, "</strong>, ");
			recorded(b, x);
			html_raw(b, ": ");
			size_t k;
			json_t *y;
			int any = 0;
			json_array_foreach(json_object_get(x, "visieKernwaarden"), k, y) {
				html_raw(b, any++ ? "; " : "");
				html_txt(b, json_string_value(y));
			}
			json_array_foreach(json_object_get(x, "organisatiebelang"), k, y) {
				html_raw(b, any++ ? "; " : "");
				html_txt(b, json_string_value(y));
			}
			for (size_t q = 0; q < sizeof(positions) / sizeof(positions[0]); q++)
				if (str(x, positions[q][0])) {
					html_raw(b, any++ ? "; " : "");
					html_txt(b, positions[q][1]);
					html_raw(b, ": ");
					html_txt(b, str(x, positions[q][0]));
				}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul></details>");
	}
	json_decref(all);
}

/* The toelichting every current version has, when they all have the same one. */
static const char *shared_note(json_t *now)
{
	const char *first = json_array_size(now) > 1 ? str(json_array_get(now, 0), "toelichting") : NULL;
	size_t i;
	json_t *x;
	json_array_foreach(now, i, x)
		if (!first || !str(x, "toelichting") || strcmp(first, str(x, "toelichting")))
			return NULL;
	return first;
}

void page_register_belangen_verband(struct request *rq, struct buf *b, json_t *v)
{
	const char *code = str(v, "code");
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	roles(rq, b, code, today);
	json_t *now = NULL;
	struct problem p;
	problem_init(&p);
	if (register_belangen_list(rq->store, code, NULL, &now, &p) < 0)
		return;
	json_t *mine, *members = current_members(rq, v, today, &mine);
	html_raw(b, "<section aria-labelledby=\"kop-belangen\"><h2 class=\"utrecht-heading-2\" id=\"kop-belangen\">Belangen van "
		    "de leden</h2><p class=\"utrecht-paragraph\">Belangen zijn de motor van samenwerking: wie de belangen en "
		    "posities van de anderen kent, kan er rekening mee houden. Per lid de visie en kernwaarden, het "
		    "organisatiebelang en hoe het staat tegenover de stip op de horizon, het tempo, de inhoud en de schaal, "
		    "zoals het lid ze zelf heeft vastgelegd.</p>");
	if (req_query(rq, "gelukt") && !strcmp(req_query(rq, "gelukt"), "belangen"))
		html_raw(b, "<div class=\"samen-note\" role=\"status\"><p class=\"utrecht-paragraph\">De belangen zijn "
			    "vastgelegd.</p></div>");
	if (!json_array_size(members)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Dit verband heeft vandaag geen leden.</p>");
	} else {
		static const char *const head[] = { "Lid",     "Visie en kernwaarden", "Organisatiebelang",
						    "Positie", "Vastgelegd",           NULL };
		const char *shared = shared_note(now);
		page_table_begin(b, "Belangen en posities van de leden, zoals ze vandaag gelden", "samen-table--wide");
		page_table_head(b, head);
		size_t i;
		json_t *m;
		json_array_foreach(members, i, m) {
			json_t *x = find_org(now, str(m, "organisatie"));
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, str(m, "naam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			if (!x) {
				html_raw(b, "<span class=\"samen-muted\">nog niet vastgelegd</span></td><td "
					    "class=\"utrecht-table__cell\">"
					    "</td><td class=\"utrecht-table__cell\"></td><td "
					    "class=\"utrecht-table__cell\"></td></tr>");
				continue;
			}
			items(b, json_object_get(x, "visieKernwaarden"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			items(b, json_object_get(x, "organisatiebelang"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			position(b, x);
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			recorded(b, x);
			if (!shared)
				html_txt_around(b, "<br><span class=\"samen-muted\">", str(x, "toelichting"), "</span>");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
		/* One source for all (the demo's werkconferentie): said once. */
		html_txt_around(b, "<p class=\"utrecht-paragraph samen-muted\">", shared, "</p>");
	}
	history(rq, b, code, now);
	if (json_array_size(mine) && rq->actor.csrf[0])
		form(rq, b, code, mine, now, today);
	html_raw(b, "</section>");
	json_decref(members), json_decref(mine), json_decref(now);
}

void page_register_belangen_naast(struct request *rq, struct buf *b, const char *verband, json_t *partners)
{
	json_t *now = NULL;
	struct problem p;
	problem_init(&p);
	if (register_belangen_list(rq->store, verband, NULL, &now, &p) < 0)
		return;
	html_raw(b, "<section aria-labelledby=\"kop-belangen\"><h2 class=\"utrecht-heading-2\" id=\"kop-belangen\">Belangen van "
		    "de partners</h2><p class=\"utrecht-paragraph\">Om naast de scores te leggen: wat elke partner wil en waar "
		    "hij staat, zoals hij het in het verband heeft vastgelegd (");
	html_raw(b, "<a class=\"utrecht-link\" href=\"/verbanden/");
	html_url_segment(b, verband);
	html_raw(b, "#kop-belangen\">alle belangen bij het verband</a>).</p>");
	size_t i;
	json_t *o;
	json_array_foreach(partners, i, o) {
		const char *code = json_string_value(o);
		json_t *x = find_org(now, code);
		char naam[200];
		page_org_name(rq, code, naam, sizeof(naam));
		html_raw(b, "<details class=\"samen-belang\"><summary>");
		html_txt(b, naam);
		if (x) {
			html_raw(b, " <span class=\"samen-muted\">(");
			recorded(b, x);
			html_raw(b, ")</span>");
		} else {
			html_raw(b, " <span class=\"samen-muted\">(nog niet vastgelegd)</span>");
		}
		html_raw(b, "</summary>");
		if (x) {
			html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
			static const char *const keys[] = { "visieKernwaarden", "Visie en kernwaarden", "organisatiebelang",
							    "Organisatiebelang" };
			for (int k = 0; k < 4; k += 2) {
				html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
				html_txt(b, keys[k + 1]);
				html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value "
					    "utrecht-data-list__item-value--html-dd\">");
				items(b, json_object_get(x, keys[k]));
				html_raw(b, "</dd></div>");
			}
			html_raw(b,
				 "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Positie</dt>"
				 "<dd class=\"utrecht-data-list__item-value utrecht-data-list__item-value--html-dd\">");
			position(b, x);
			html_raw(b, "</dd></div></dl>");
			html_txt_around(b, "<p class=\"utrecht-paragraph samen-muted\">", str(x, "toelichting"), "</p>");
		} else {
			html_raw(b, "<p class=\"utrecht-paragraph\">Dit lid heeft zijn belangen in dit verband nog niet "
				    "vastgelegd.</p>");
		}
		html_raw(b, "</details>");
	}
	html_raw(b, "</section>");
	json_decref(now);
}

/* ---- the form ---------------------------------------------------------------------------------------- */

/* A textarea of lines as a list of its non-empty lines. */
static json_t *line_list(const char *v)
{
	json_t *a = json_array();
	while (v && *v) {
		size_t n = strcspn(v, "\r\n");
		if (n)
			json_array_append_new(a, json_stringn(v, n));
		v += n;
		while (*v == '\r' || *v == '\n')
			v++;
	}
	return a;
}

int page_register_belangen_post(struct request *rq, struct response *rs)
{
	const char *code = req_param(rq, "code");
	if (!store_verband_id(rq->store, code)) {
		page_error(rq, rs, 404, "Er is geen verband met deze code.");
		return 0;
	}
	if (rq->actor.role == ROLE_NONE) {
		authz_require_page(rq, rs, ACT_INTERESTS_WRITE, NULL);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		return 0;
	}
	char back[160];
	snprintf(back, sizeof(back), "/verbanden/%s", code);
	const char *org = form_get(&f, "organisatie");
	struct problem p;
	problem_init(&p);
	if (!org || !org[0]) {
		problem_param(&p, "organisatie", "kies het lid wiens belangen het zijn");
		page_form_refuse(rq, rs, back, &f, &p, fields);
	} else if (!policy_allows(&rq->actor, ACT_INTERESTS_WRITE, org, code)) {
		problem_set(&p, 403, "Dat mag niet.");
		authz_refusal(rq, org, p.detail, sizeof(p.detail));
		page_form_refuse(rq, rs, back, &f, &p, fields);
		authz_audit(rq, ACT_INTERESTS_WRITE, 403, code);
	} else {
		json_t *in = json_object(), *out = NULL;
		json_object_set_new(in, "organisatie", json_string(org));
		const char *texts[] = { "datum", "eindperspectief", "tempo", "inhoud", "schaal", "toelichting" };
		for (size_t k = 0; k < sizeof(texts) / sizeof(texts[0]); k++) {
			const char *v = form_get(&f, texts[k]);
			if (v && v[0])
				json_object_set_new(in, texts[k], json_string(v));
		}
		json_object_set_new(in, "visieKernwaarden", line_list(form_get(&f, "visieKernwaarden")));
		json_object_set_new(in, "organisatiebelang", line_list(form_get(&f, "organisatiebelang")));
		int r = register_belangen_create(rq->store, rq->actor.name, code, in, &out, &p);
		authz_audit(rq, ACT_INTERESTS_WRITE, r < 0 ? p.status : 201, code);
		if (r < 0) {
			page_form_refuse(rq, rs, back, &f, &p, fields);
		} else {
			char href[220];
			snprintf(href, sizeof(href), "%s?gelukt=belangen#kop-belangen", back);
			resp_header(rs, "Location", href);
			resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
		}
		json_decref(in), json_decref(out);
	}
	form_release(&f);
	return 0;
}
