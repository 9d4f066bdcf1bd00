/* The "werkt voor" section of the person page (gedeeld.h): for whom a
 * shared medewerker works besides the werkgever, and for who may change it
 * (the werkgever's manager, the beheerder: ACT_STAFF_WRITE on the werkgever,
 * the check of PUT /api/v1/medewerkers/{id}/werkt-voor) the forms that add
 * a period and end or remove one.
 *
 * Every form reads the current list, changes it and writes the whole list
 * with gedeeld_werkt_voor_zetten, the store function of the PUT, all in one
 * transaction: the same rules (known organisation and taakveld, tot after
 * van, no overlapping periods) and the same audit. A refusal goes back to
 * the page with what was typed and the reason beside the field
 * (page_form.h); a success to the page with a message (?gelukt=). */
#include <stdio.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/gedeeld.h"
#include "store/medewerkers.h"
#include "store/register.h"
#include "web/page_form.h"
#include "web/page_kwaliteitskaart.h"
#include "web/pages.h"

#define OPEN_END "9999-12-31"

static const char *str(json_t *o, const char *name) { return json_string_value(json_object_get(o, name)); }

static int may_change(struct request *rq, const char *werkgever)
{
	return rq->actor.role != ROLE_NONE && policy_allows(&rq->actor, ACT_STAFF_WRITE, werkgever, NULL);
}

/* "Staphorst, Inkoop en aanbesteding, vanaf 1 januari 2010": which period. */
static void row_words(char *out, size_t len, json_t *w)
{
	char van[NL_TEXT_LEN];
	if (nl_date(str(w, "van"), van, sizeof(van)) < 0)
		snprintf(van, sizeof(van), "%s", str(w, "van"));
	snprintf(out, len, "%s, %s, vanaf %s", str(w, "naam"), str(w, "taakveldNaam"), van);
}

static void hidden(struct buf *b, const char *name, const char *value)
{
	html_raw(b, "<input type=\"hidden\" name=\"");
	html_attr(b, name);
	html_raw(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\">");
}

static void action(char *out, size_t len, long long id, const char *rest)
{
	snprintf(out, len, "/medewerkers/%lld/werkt-voor%s", id, rest);
}

/* Per period: end it per a date, or remove it. */
static void row_forms(struct request *rq, struct buf *b, long long id, json_t *list, const struct page_form *pf)
{
	html_raw(b, "<h3 class=\"utrecht-heading-3\">Periode beëindigen of verwijderen</h3>"
		    "<p class=\"utrecht-paragraph\">Beëindigen bewaart de periode met haar einddatum; verwijderen haalt een "
		    "regel weg die er niet had moeten staan.</p><ul class=\"samen-wv-lijst\">");
	size_t i;
	json_t *w;
	json_array_foreach(list, i, w) {
		char words[400], which[48], id_tot[32], href[96];
		row_words(words, sizeof(words), w);
		snprintf(which, sizeof(which), "werkt-voor-einde-%zu", i);
		snprintf(id_tot, sizeof(id_tot), "wv-tot-%zu", i);
		html_raw(b, "<li class=\"samen-wv-rij\" data-werkt-voor-rij=\"");
		html_attr(b, str(w, "organisatie"));
		html_raw(b, "\"><p class=\"utrecht-paragraph samen-wv-rij__wat\">");
		html_txt(b, words);
		html_raw(b, str(w, "tot") ? " (beëindigd)" : " (lopend)");
		html_raw(b, "</p>");
		action(href, sizeof(href), id, "/beeindigen");
		page_form_begin(rq, b, href, which, "samen-filter samen-wv-form");
		hidden(b, "organisatie", str(w, "organisatie"));
		hidden(b, "taakveld", str(w, "taakveld"));
		hidden(b, "van", str(w, "van"));
		page_input_field(
			b, &(struct page_input){ .id = id_tot,
						 .name = "tot",
						 .label = str(w, "tot") ? "Einddatum" : "Beëindigen per",
						 .type = "date",
						 .field_class = "samen-filter__field",
						 .value = page_form_value(pf, which, "tot", str(w, "tot") ? str(w, "tot") : ""),
						 .error = page_form_error(pf, id_tot),
						 .hint = "De eerste dag waarop het werk voor deze organisatie stopt.",
						 .required = 1 });
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Beëindigen"
			    "<span class=\"samen-visually-hidden\"> (");
		html_txt(b, words);
		html_raw(b, ")</span></button></form>");
		action(href, sizeof(href), id, "/verwijderen");
		page_form_begin(rq, b, href, NULL, "samen-inline-form samen-wv-form");
		hidden(b, "organisatie", str(w, "organisatie"));
		hidden(b, "taakveld", str(w, "taakveld"));
		hidden(b, "van", str(w, "van"));
		html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Verwijderen"
			    "<span class=\"samen-visually-hidden\"> (");
		html_txt(b, words);
		html_raw(b, ")</span></button></form></li>");
	}
	html_raw(b, "</ul>");
}

static void add_form(struct request *rq, struct buf *b, long long id, const struct page_form *pf)
{
	char href[96];
	json_t *orgs = register_org_list(rq->store), *tvs = register_taakveld_list(rq->store);
	html_raw(b, "<h3 class=\"utrecht-heading-3\">Periode toevoegen</h3>");
	action(href, sizeof(href), id, "");
	page_form_begin(rq, b, href, "werkt-voor", "samen-filter samen-wv-form");
	page_select_json(b,
			 &(struct page_input){ .id = "wv-organisatie",
					       .name = "organisatie",
					       .label = "Organisatie",
					       .field_class = "samen-filter__field",
					       .value = page_form_value(pf, "werkt-voor", "organisatie", ""),
					       .error = page_form_error(pf, "wv-organisatie"),
					       .required = 1 },
			 orgs, "code", "naam", "Kies een organisatie");
	page_select_json(b,
			 &(struct page_input){ .id = "wv-taakveld",
					       .name = "taakveld",
					       .label = "Taakveld",
					       .field_class = "samen-filter__field",
					       .value = page_form_value(pf, "werkt-voor", "taakveld", ""),
					       .error = page_form_error(pf, "wv-taakveld"),
					       .required = 1 },
			 tvs, "code", "naam", "Kies een taakveld");
	page_input_field(b, &(struct page_input){ .id = "wv-van",
						  .name = "van",
						  .label = "Van",
						  .type = "date",
						  .field_class = "samen-filter__field",
						  .value = page_form_value(pf, "werkt-voor", "van", ""),
						  .error = page_form_error(pf, "wv-van"),
						  .required = 1 });
	page_input_field(b, &(struct page_input){ .id = "wv-tot",
						  .name = "tot",
						  .label = "Tot (optioneel)",
						  .type = "date",
						  .field_class = "samen-filter__field",
						  .value = page_form_value(pf, "werkt-voor", "tot", ""),
						  .error = page_form_error(pf, "wv-tot"),
						  .hint = "Leeg: lopend." });
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Periode opnemen</button>"
		    "</form>");
	json_decref(orgs);
	json_decref(tvs);
}

void page_medewerker_werkt_voor(struct request *rq, struct buf *b, long long id, const char *werkgever, json_t *orgs,
				const struct page_form *pf)
{
	json_t *list = gedeeld_werkt_voor(rq->store, id, NULL);
	int may = may_change(rq, werkgever);
	if (!json_array_size(list) && !may) {
		json_decref(list);
		return;
	}
	html_raw(b, "<section aria-labelledby=\"kop-werkt-voor\"><h2 class=\"utrecht-heading-2\" id=\"kop-werkt-voor\">"
		    "Gedeelde medewerker: werkt voor</h2>");
	const char *ok = req_query(rq, "gelukt");
	static const char *const done[][2] = { { "werkt-voor-toegevoegd", "De periode is toegevoegd." },
					       { "werkt-voor-beeindigd", "De periode is beëindigd." },
					       { "werkt-voor-verwijderd", "De periode is verwijderd." } };
	for (size_t k = 0; ok && k < sizeof(done) / sizeof(done[0]); k++)
		if (!strcmp(ok, done[k][0])) {
			html_raw(b, "<div class=\"samen-kk-done\" role=\"status\"><p class=\"utrecht-paragraph\">");
			html_txt(b, done[k][1]);
			html_raw(b, "</p></div>");
		}
	html_raw(b, "<p class=\"utrecht-paragraph\">In dienst van ");
	html_txt(b, page_name(orgs, werkgever));
	if (!json_array_size(list)) {
		html_raw(b, "; werkt (nog) niet voor andere organisaties.</p>");
	} else {
		html_raw(b, "; werkt op deze taakvelden voor deze organisaties.</p>");
		static const char *const head[] = { "Organisatie", "Taakveld", "Van", "Tot", NULL };
		page_table_begin(b, "Voor wie deze medewerker werkt", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *w;
		json_array_foreach(list, i, w) {
			html_raw(b, "<tr class=\"utrecht-table__row\" data-werkt-voor=\"");
			html_attr(b, str(w, "organisatie"));
			html_raw(b, "\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			page_org_link(b, str(w, "organisatie"), str(w, "naam"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, str(w, "taakveldNaam"));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			html_date(b, str(w, "van"));
			html_raw(b, "</td><td class=\"utrecht-table__cell samen-nowrap\">");
			if (str(w, "tot"))
				html_date(b, str(w, "tot"));
			else
				html_raw(b, "lopend");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	if (may) {
		if (json_array_size(list))
			row_forms(rq, b, id, list, pf);
		add_form(rq, b, id, pf);
	}
	html_raw(b, "</section>");
	json_decref(list);
}

/* ---- the changes ---------------------------------------------------------------------------------------- */

enum wv_op { WV_ADD, WV_END, WV_REMOVE };

struct wv_change {
	enum wv_op op;
	long long id;
	const char *org, *taakveld, *van, *tot; /* from the form */
	json_t *current;                        /* the list as it was, for the words of a refusal */
};

static int same_row(json_t *w, const struct wv_change *c)
{
	return !strcmp(str(w, "organisatie"), c->org) && !strcmp(str(w, "taakveld"), c->taakveld) &&
	       !strcmp(str(w, "van"), c->van);
}

/* Reads the list, changes it and writes it all through the store function
 * of the PUT; one transaction (the store's savepoint inside this one). */
static int do_change(struct store *s, void *arg, struct problem *p)
{
	struct wv_change *c = arg;
	c->current = gedeeld_werkt_voor(s, c->id, NULL);
	json_t *list = json_array();
	int found = 0;
	size_t i;
	json_t *w;
	json_array_foreach(c->current, i, w) {
		int it = c->op != WV_ADD && same_row(w, c);
		found |= it;
		if (it && c->op == WV_REMOVE)
			continue;
		json_t *x = json_pack("{s:s,s:s,s:s}", "organisatie", str(w, "organisatie"), "taakveld", str(w, "taakveld"),
				      "van", str(w, "van"));
		const char *tot = it ? c->tot : str(w, "tot");
		if (tot)
			json_object_set_new(x, "tot", json_string(tot));
		json_array_append_new(list, x);
	}
	if (c->op == WV_ADD) {
		json_t *x = json_pack("{s:s,s:s,s:s}", "organisatie", c->org, "taakveld", c->taakveld, "van", c->van);
		if (c->tot && c->tot[0])
			json_object_set_new(x, "tot", json_string(c->tot));
		json_array_append_new(list, x);
	} else if (!found) {
		json_decref(list);
		return problem_set(p, 404,
				   "Deze periode staat niet (meer) in de lijst; misschien heeft iemand anders haar net "
				   "gewijzigd. Bekijk de lijst hieronder opnieuw.");
	}
	json_t *in = json_pack("{s:o}", "werktVoor", list);
	int r = gedeeld_werkt_voor_zetten(s, c->id, in, NULL, p);
	json_decref(in);
	return r;
}

/* The period of the current list that the new one overlaps, or NULL. */
static json_t *overlapping(const struct wv_change *c)
{
	const char *end = c->tot && c->tot[0] ? c->tot : OPEN_END;
	size_t i;
	json_t *w;
	json_array_foreach(c->current, i, w) {
		const char *wend = str(w, "tot") ? str(w, "tot") : OPEN_END;
		if (!strcmp(str(w, "organisatie"), c->org) && !strcmp(str(w, "taakveld"), c->taakveld) &&
		    strcmp(str(w, "van"), end) < 0 && strcmp(c->van, wend) < 0)
			return w;
	}
	return NULL;
}

/* The store's params ("werktVoor[3].van", "werktVoor") by the names of the
 * form's fields; a refusal of the period as a whole (an overlap, the same
 * van twice) belongs with van when adding and with the end date when
 * ending. */
static void to_fields(struct problem *p, const struct wv_change *c)
{
	static const char *const names[] = { "organisatie", "taakveld", "van", "tot", NULL };
	for (int i = 0; i < p->nparams; i++) {
		const char *dot = strrchr(p->params[i].name, '.'), *to = c->op == WV_ADD ? "van" : "tot";
		for (int k = 0; dot && names[k]; k++)
			if (!strcmp(dot + 1, names[k]))
				to = names[k];
		int whole = !dot && p->status == 422;
		json_t *w = whole && c->op == WV_ADD ? overlapping(c) : NULL;
		if (w) {
			char van[NL_TEXT_LEN], tot[NL_TEXT_LEN + 8] = "lopend";
			if (nl_date(str(w, "van"), van, sizeof(van)) < 0)
				snprintf(van, sizeof(van), "%s", str(w, "van"));
			if (str(w, "tot") && nl_date(str(w, "tot"), tot, sizeof(tot)) < 0)
				snprintf(tot, sizeof(tot), "%s", str(w, "tot"));
			snprintf(p->params[i].reason, sizeof(p->params[i].reason),
				 "overlapt met de periode voor %s op %s vanaf %s (%s%s). Laat de nieuwe periode na het einde "
				 "daarvan beginnen, of beëindig die periode eerst",
				 str(w, "naam"), str(w, "taakveldNaam"), van, str(w, "tot") ? "tot " : "", tot);
		}
		snprintf(p->params[i].name, sizeof(p->params[i].name), "%s", to);
	}
}

struct wv_request {
	long long id;
	char org[40], obj[64];
	struct form f;
};

/* The medewerker exists, the actor may change where they work (as the
 * PUT: ACT_STAFF_WRITE on the werkgever), and the form parses. */
static int begin(struct request *rq, struct response *rs, struct wv_request *w)
{
	struct problem p;
	problem_init(&p);
	if (rq->actor.role == ROLE_NONE)
		return authz_require_page(rq, rs, ACT_STAFF_WRITE, NULL);
	if (http_parse_id(req_param(rq, "id"), &w->id) < 0 || medewerkers_org(rq->store, w->id, w->org, sizeof(w->org), &p) < 0) {
		page_error(rq, rs, 404, "Deze medewerker bestaat niet.");
		return -1;
	}
	snprintf(w->obj, sizeof(w->obj), "medewerker %lld", w->id);
	if (authz_require_page(rq, rs, ACT_STAFF_WRITE, w->org) < 0)
		return -1;
	if (!form_is_urlencoded(rq) || form_parse(&w->f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan; probeer het opnieuw.");
		authz_audit(rq, ACT_STAFF_WRITE, 400, w->obj);
		return -1;
	}
	return 0;
}

static const char *field(const struct form *f, const char *name)
{
	const char *v = form_get(f, name);
	return v ? v : "";
}

static int change(struct request *rq, struct response *rs, enum wv_op op)
{
	struct wv_request w = { 0 };
	if (begin(rq, rs, &w) < 0)
		return 0;
	struct wv_change c = { .op = op,
			       .id = w.id,
			       .org = field(&w.f, "organisatie"),
			       .taakveld = field(&w.f, "taakveld"),
			       .van = field(&w.f, "van"),
			       .tot = op == WV_REMOVE ? NULL : field(&w.f, "tot") };
	struct problem p;
	problem_init(&p);
	/* What the selects offer; the store checks again. */
	if (op == WV_ADD) {
		json_t *x = NULL;
		if (!c.org[0] || !store_org_id(rq->store, c.org))
			problem_param(&p, "organisatie", "kies een organisatie uit de lijst");
		if (!c.taakveld[0] || register_taakveld_get(rq->store, c.taakveld, &x, &(struct problem){ 0 }) < 0)
			problem_param(&p, "taakveld", "kies een taakveld uit de lijst");
		json_decref(x);
		if (!c.van[0])
			problem_param(&p, "van", "vul de eerste dag in waarop het werk begint");
	} else if (op == WV_END && !c.tot[0]) {
		problem_param(&p, "tot", "vul de eerste dag in waarop het werk voor deze organisatie stopt");
	}
	int r = p.status ? -p.status : store_transaction(rq->store, &p, do_change, &c);
	char back[64];
	snprintf(back, sizeof(back), "/medewerkers/%lld", w.id);
	if (r < 0 && p.status == 404) {
		snprintf(p.title, sizeof(p.title), "%s", "");
		page_form_refuse(rq, rs, back, &w.f, &p, NULL);
	} else if (r < 0) {
		to_fields(&p, &c);
		static const char *const detail[] = { "De periode is niet toegevoegd: verbeter wat hieronder staat.",
						      "De periode is niet beëindigd: verbeter wat hieronder staat.", "" };
		snprintf(p.detail, sizeof(p.detail), "%s", detail[op]);
		struct page_form_field fields[5] = { { "organisatie", "wv-organisatie", "Organisatie" },
						     { "taakveld", "wv-taakveld", "Taakveld" },
						     { "van", "wv-van", "Van" },
						     { "tot", "wv-tot", "Tot" },
						     { NULL, NULL, NULL } };
		char id_tot[32] = "wv-tot";
		if (op == WV_END) {
			/* The row's own end date field: its index in the list as the page drew it. */
			size_t i;
			json_t *x;
			json_array_foreach(c.current, i, x)
				if (same_row(x, &c))
					snprintf(id_tot, sizeof(id_tot), "wv-tot-%zu", i);
			fields[0] = (struct page_form_field){ "tot", id_tot, "Beëindigen per" };
			fields[1] = (struct page_form_field){ NULL, NULL, NULL };
		}
		page_form_refuse(rq, rs, back, &w.f, &p, fields);
	} else {
		static const char *const done[] = { "toegevoegd", "beeindigd", "verwijderd" };
		char loc[128];
		snprintf(loc, sizeof(loc), "/medewerkers/%lld?gelukt=werkt-voor-%s#kop-werkt-voor", w.id, done[op]);
		rs->status = 303;
		resp_header(rs, "Location", loc);
	}
	json_decref(c.current);
	form_release(&w.f);
	authz_audit(rq, ACT_STAFF_WRITE, r < 0 ? p.status : rs->status, w.obj);
	return 0;
}

int page_medewerker_werkt_voor_toevoegen(struct request *rq, struct response *rs) { return change(rq, rs, WV_ADD); }
int page_medewerker_werkt_voor_beeindigen(struct request *rq, struct response *rs) { return change(rq, rs, WV_END); }
int page_medewerker_werkt_voor_verwijderen(struct request *rq, struct response *rs) { return change(rq, rs, WV_REMOVE); }
