/* Announcing and changing an opdracht (page_urenbank.h), in people's
 * words: the principals and their shares and the competences asked for as
 * rows of fields (with "meer regels"), organisations and competences by
 * name, the estimate in hours. A refused form comes back with what was
 * typed and the error summary (page_form.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/duration.h"
#include "core/kwaliteitskaart.h"
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/urenbank.h"
#include "web/page_form.h"
#include "web/page_urenbank.h"

#define ROW_FIELD 96

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

static const struct page_form_field fields[] = {
	{ "soort", "soort", "Soort" },
	{ "titel", "titel", "Titel" },
	{ "omschrijving", "omschrijving", "Omschrijving" },
	{ "contactpersoon", "contactpersoon", "Contactpersoon" },
	{ "geraamdeMinuten", "geraamd", "Geraamde uren" },
	{ "verdeelsleutel", "verdeelsleutel", "Verdeelsleutel" },
	{ "opdrachtgevers[].aandeel", "og-{n}-aandeel", "Opdrachtgever {n}, aandeel" },
	{ "opdrachtgevers[]", "og-{n}-organisatie", "Opdrachtgever {n}" },
	{ "opdrachtgevers", "og-1-organisatie", "Opdrachtgevers" },
	{ "competenties[].niveau", "cp-{n}-niveau", "Competentie {n}, niveau" },
	{ "competenties[]", "cp-{n}-competentie", "Competentie {n}" },
	{ "competenties", "cp-1-competentie", "Competenties" },
	{ NULL, NULL, NULL },
};

static const char *const soorten[] = { "lokaal",
				       "Lokaal: van één gemeente",
				       "meervoudig-lokaal",
				       "Meervoudig lokaal: van twee of meer gemeenten",
				       "regionaal",
				       "Regionaal: van alle leden van de proeftuin",
				       NULL };
static const char *const sleutels[] = { "gelijk", "Gelijk verdeeld over alle leden", "inwoners", "Naar inwonertal", NULL };
static const char *const niveaus[] = { "1", "basis", "2", "ervaren", "3", "expert", NULL };

/* Minutes as the estimate field writes them: "120:30"; "" for none. */
static void hours_field(char *out, size_t len, json_t *v)
{
	if (!json_is_integer(v)) {
		out[0] = 0;
		return;
	}
	char t[NL_TEXT_LEN];
	nl_hours(json_integer_value(v), NL_HOURS_BARE, t, sizeof(t));
	/* The thousands dot would read as a decimal point in the field. */
	size_t k = 0;
	for (const char *p = t; *p && k + 1 < len; p++)
		if (*p != '.')
			out[k++] = *p;
	out[k] = 0;
}

/* The members of the proeftuin as {"code","naam"} for a select. */
static json_t *member_options(struct request *rq, const struct page_urenbank_page *pg)
{
	json_t *out = json_array(), *names = page_urenbank_org_names(rq);
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(pg->pt, "leden"), i, l)
		json_array_append_new(out, json_pack("{s:O,s:s}", "code", l, "naam", page_name(names, json_string_value(l))));
	json_decref(names);
	return out;
}

/* ---- the form ---------------------------------------------------------------------------------------- */

static void og_rows(struct buf *b, const struct page_form *pf, json_t *members, int rows, const char *own)
{
	html_raw(b, "<fieldset class=\"samen-groep\" aria-describedby=\"og-uitleg\"><legend>Opdrachtgevers</legend>"
		    "<p class=\"utrecht-form-field-description\" id=\"og-uitleg\">Bij een lokale opdracht één gemeente, bij een "
		    "meervoudig lokale twee of meer, elk met een aandeel: een gewicht (een gemeente met aandeel 2 betaalt "
		    "twee keer zoveel als een met 1). Bij een regionale opdracht laat u deze regels leeg en kiest u hieronder "
		    "een verdeelsleutel, of u noemt alle leden met hun aandeel.</p>");
	for (int n = 1; n <= rows; n++) {
		char id[ROW_FIELD], name[ROW_FIELD], aid[ROW_FIELD], aname[ROW_FIELD];
		page_form_row_id(id, sizeof(id), "og", n, "organisatie");
		page_form_row_name(name, sizeof(name), "og", n, "organisatie");
		page_form_row_id(aid, sizeof(aid), "og", n, "aandeel");
		page_form_row_name(aname, sizeof(aname), "og", n, "aandeel");
		page_form_row_begin(b, "og", n, "Opdrachtgever");
		page_select_json(b,
				 &(struct page_input){ .id = id,
						       .name = name,
						       .label = "Gemeente",
						       .field_class = "samen-veld--breed",
						       .value = page_form_value(pf, NULL, name, n == 1 ? own : NULL),
						       .error = page_form_error(pf, id) },
				 members, "code", "naam", "—");
		page_input_field(b, &(struct page_input){ .id = aid,
							  .name = aname,
							  .label = "Aandeel",
							  .type = "number",
							  .field_class = "samen-veld--smal",
							  .value = page_form_value(pf, NULL, aname, "1"),
							  .error = page_form_error(pf, aid) });
		page_form_row_end(b);
	}
	page_form_more_button(b, "og", "Meer opdrachtgevers");
	html_raw(b, "</fieldset>");
}

static void cp_rows(struct buf *b, const struct page_form *pf, json_t *comps, int rows, json_t *current)
{
	html_raw(b, "<fieldset class=\"samen-groep\" aria-describedby=\"cp-uitleg\"><legend>Gevraagde competenties</legend>"
		    "<p class=\"utrecht-form-field-description\" id=\"cp-uitleg\">Wat de medewerker moet kunnen, en op welk "
		    "niveau ten minste. De matching zoekt er mensen bij. Niet verplicht.</p>");
	for (int n = 1; n <= rows; n++) {
		char id[ROW_FIELD], name[ROW_FIELD], nid[ROW_FIELD], nname[ROW_FIELD], lvl[8];
		page_form_row_id(id, sizeof(id), "cp", n, "competentie");
		page_form_row_name(name, sizeof(name), "cp", n, "competentie");
		page_form_row_id(nid, sizeof(nid), "cp", n, "niveau");
		page_form_row_name(nname, sizeof(nname), "cp", n, "niveau");
		json_t *cur = json_array_get(current, (size_t)n - 1);
		snprintf(lvl, sizeof(lvl), "%lld", cur ? num(cur, "niveau") : 2LL);
		page_form_row_begin(b, "cp", n, "Competentie");
		page_select_json(
			b,
			&(struct page_input){ .id = id,
					      .name = name,
					      .label = "Competentie",
					      .field_class = "samen-veld--breed",
					      .value = page_form_value(pf, NULL, name, cur ? str(cur, "competentie") : NULL),
					      .error = page_form_error(pf, id) },
			comps, "code", "naam", "—");
		page_select_field(b,
				  &(struct page_input){ .id = nid,
							.name = nname,
							.label = "Niveau",
							.field_class = "samen-veld--smal",
							.value = page_form_value(pf, NULL, nname, lvl),
							.error = page_form_error(pf, nid) },
				  niveaus, NULL);
		page_form_row_end(b);
	}
	page_form_more_button(b, "cp", "Meer competenties");
	html_raw(b, "</fieldset>");
}

/* The form; o is the opdracht being changed, or NULL for a new one. */
static void render_form(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, json_t *o,
			const struct page_form *pf)
{
	json_t *comps = page_urenbank_competences(rq, pg), *members = member_options(rq, pg);
	page_urenbank_begin(rq, rs, pg, o ? "Opdracht wijzigen" : "Nieuwe opdracht", o ? "opdracht" : "opdrachten");
	struct buf *b = &rs->body;
	char action[256], geraamd[NL_TEXT_LEN];
	if (o) {
		page_urenbank_opdracht_href(action, sizeof(action), pg, num(o, "id"), "/bewerken");
		html_raw(
			b,
			"<p class=\"utrecht-paragraph\">Wie de opdracht betaalt en welke soort het is, blijft zoals het is: daar "
			"kan al iemand op zijn ingezet.</p>");
	} else {
		struct buf h;
		buf_init(&h, 256);
		buf_adds(&h, "/proeftuinen/");
		html_url_segment(&h, pg->code);
		buf_adds(&h, "/opdrachten");
		snprintf(action, sizeof(action), "%s", buf_str(&h));
		buf_release(&h);
		html_raw(b, "<p class=\"utrecht-paragraph\">Meld een beleidsopdracht aan bij het proeftuin-MT. Daarna zet u er "
			    "medewerkers op in, van uw eigen gemeente of (via hun manager) van een andere.</p>");
	}
	hours_field(geraamd, sizeof(geraamd), o ? json_object_get(o, "geraamdeMinuten") : NULL);
	page_form_begin(rq, b, action, NULL, "samen-formulier");
	page_form_default_button(b, o ? "Wijzigingen opslaan" : "Opdracht aanmelden");
	if (!o)
		page_select_field(b,
				  &(struct page_input){ .id = "soort",
							.label = "Soort opdracht",
							.value = page_form_value(pf, NULL, "soort", "lokaal"),
							.error = page_form_error(pf, "soort"),
							.required = 1 },
				  soorten, NULL);
	page_input_field(b, &(struct page_input){ .id = "titel",
						  .label = "Titel",
						  .type = "text",
						  .value = page_form_value(pf, NULL, "titel", o ? str(o, "titel") : ""),
						  .error = page_form_error(pf, "titel"),
						  .required = 1 });
	page_input_field(
		b, &(struct page_input){ .id = "omschrijving",
					 .label = "Omschrijving (niet verplicht)",
					 .type = "textarea",
					 .value = page_form_value(pf, NULL, "omschrijving",
								  o && str(o, "omschrijving") ? str(o, "omschrijving") : ""),
					 .error = page_form_error(pf, "omschrijving") });
	page_input_field(
		b, &(struct page_input){ .id = "contactpersoon",
					 .label = "Contactpersoon (niet verplicht)",
					 .type = "text",
					 .hint = "Het aanspreekpunt bij de opdrachtgever, bijvoorbeeld het lokale MT-lid.",
					 .value = page_form_value(pf, NULL, "contactpersoon",
								  o && str(o, "contactpersoon") ? str(o, "contactpersoon") : ""),
					 .error = page_form_error(pf, "contactpersoon") });
	page_input_field(b, &(struct page_input){ .id = "geraamd",
						  .label = "Geraamde uren (niet verplicht)",
						  .type = "text",
						  .hint = "Hoeveel uur het werk naar verwachting kost: 120, 7,5 of 7:30.",
						  .value = page_form_value(pf, NULL, "geraamd", geraamd),
						  .error = page_form_error(pf, "geraamd") });
	if (!o) {
		const char *own = pg->member && rq->actor.org[0] ? rq->actor.org : NULL;
		og_rows(b, pf, members, page_form_rows(pf, NULL, "og", 3), own);
		page_select_field(b,
				  &(struct page_input){ .id = "verdeelsleutel",
							.label = "Verdeelsleutel (alleen bij een regionale opdracht)",
							.hint = "Leeg: naar de aandelen van de opdrachtgevers hierboven.",
							.value = page_form_value(pf, NULL, "verdeelsleutel", ""),
							.error = page_form_error(pf, "verdeelsleutel") },
				  sleutels, "— naar de aandelen hierboven —");
	}
	json_t *cur = o ? json_object_get(o, "competenties") : NULL;
	cp_rows(b, pf, comps, page_form_rows(pf, NULL, "cp", (int)json_array_size(cur) + (o ? 1 : 2)), cur);
	html_raw(b, "<div class=\"samen-knoppen\"><button class=\"utrecht-button utrecht-button--primary-action\" "
		    "type=\"submit\">");
	html_raw(b, o ? "Wijzigingen opslaan" : "Opdracht aanmelden");
	html_raw(b, "</button></div></form>");
	page_end(rq, rs);
	json_decref(comps);
	json_decref(members);
}

/* Whether the actor may announce an opdracht here at all. */
static int may_announce(struct request *rq, const struct page_urenbank_page *pg)
{
	if (page_urenbank_may(rq, pg, ACT_EXCHANGE_MANAGE, NULL))
		return 1;
	return pg->member && page_urenbank_may(rq, pg, ACT_ASSIGNMENT_WRITE, rq->actor.org[0] ? rq->actor.org : NULL);
}

int page_urenbank_opdracht_new(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (pg.closed) {
		page_error(rq, rs, 422, "Deze proeftuin is afgerekend en gesloten; er komen geen opdrachten meer bij.");
	} else if (!may_announce(rq, &pg)) {
		authz_require_page(rq, rs, ACT_ASSIGNMENT_WRITE, rq->actor.org[0] ? rq->actor.org : pg.code);
	} else {
		struct page_form pf;
		page_form_load(rq, &pf);
		render_form(rq, rs, &pg, NULL, &pf);
		page_form_release(&pf);
	}
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_opdracht_edit(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	json_t *o = NULL;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (page_urenbank_opdracht_load(rq, rs, &pg, &o) == 0) {
		if (!page_urenbank_may_write(rq, &pg, o)) {
			authz_require_page(rq, rs, ACT_ASSIGNMENT_WRITE,
					   str(json_array_get(json_object_get(o, "opdrachtgevers"), 0), "organisatie"));
		} else if (strcmp(str(o, "status"), "open")) {
			page_error(rq, rs, 422, "Deze opdracht is niet meer open en wordt niet meer gewijzigd.");
		} else {
			struct page_form pf;
			page_form_load(rq, &pf);
			render_form(rq, rs, &pg, o, &pf);
			page_form_release(&pf);
		}
	}
	json_decref(o);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- reading the form --------------------------------------------------------------------------------- */

/* The rows of list that hold something in field key, as JSON objects by
 * make; rows[k] gets the row number of the k-th. */
struct rows {
	int n;
	int row[200];
};

static json_t *read_competences(const struct form *f, struct rows *r, struct problem *p)
{
	json_t *out = json_array();
	int max = page_form_rows(NULL, f, "cp", 0);
	for (int n = 1; n <= max && r->n < 200; n++) {
		char name[ROW_FIELD], lname[ROW_FIELD];
		page_form_row_name(name, sizeof(name), "cp", n, "competentie");
		page_form_row_name(lname, sizeof(lname), "cp", n, "niveau");
		const char *c = form_get(f, name), *l = form_get(f, lname);
		if (!c || !c[0])
			continue;
		long niveau = l ? strtol(l, NULL, 10) : 2;
		json_array_append_new(out, json_pack("{s:s,s:i}", "competentie", c, "niveau", (int)niveau));
		r->row[r->n++] = n;
	}
	(void)p;
	return out;
}

static json_t *read_principals(const struct form *f, struct rows *r, struct problem *p)
{
	json_t *out = json_array();
	int max = page_form_rows(NULL, f, "og", 0);
	for (int n = 1; n <= max && r->n < 200; n++) {
		char name[ROW_FIELD], aname[ROW_FIELD];
		page_form_row_name(name, sizeof(name), "og", n, "organisatie");
		page_form_row_name(aname, sizeof(aname), "og", n, "aandeel");
		const char *o = form_get(f, name), *a = form_get(f, aname);
		if (!o || !o[0])
			continue;
		char *end;
		long aandeel = a && a[0] ? strtol(a, &end, 10) : 1;
		if (a && a[0] && (*end || aandeel < 1 || aandeel > 1000000)) {
			char pn[64];
			snprintf(pn, sizeof(pn), "opdrachtgevers[%d].aandeel", r->n); /* its index in the list, as the store's */
			problem_param(p, pn, "een aandeel is een geheel getal van 1 of meer");
			aandeel = 1;
		}
		json_array_append_new(out, json_pack("{s:s,s:i}", "organisatie", o, "aandeel", (int)aandeel));
		r->row[r->n++] = n;
	}
	return out;
}

/* The common fields into in; page-level errors into p. */
static void read_common(const struct form *f, json_t *in, int clear, struct problem *p)
{
	static const char *const texts[] = { "titel", "omschrijving", "contactpersoon", NULL };
	for (int i = 0; texts[i]; i++) {
		const char *v = form_get(f, texts[i]);
		if (v && v[strspn(v, " \t\r\n")])
			json_object_set_new(in, texts[i], json_string(v));
		else if (!i)
			problem_param(p, "titel", "geef de opdracht een titel");
		else if (clear)
			json_object_set_new(in, texts[i], json_null());
	}
	const char *g = form_get(f, "geraamd");
	int64_t minutes;
	char why[160];
	if (g && g[strspn(g, " ")]) {
		if (duration_parse_hours(g, &minutes, why, sizeof(why)) < 0)
			problem_param(p, "geraamdeMinuten", "schrijf een aantal uren, bijvoorbeeld 120, 7,5 of 7:30");
		else
			json_object_set_new(in, "geraamdeMinuten", json_integer(minutes));
	} else if (clear) {
		json_object_set_new(in, "geraamdeMinuten", json_null());
	}
}

static void see_other(struct response *rs, const char *href)
{
	resp_header(rs, "Location", href);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
}

int page_urenbank_opdracht_create(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
		page_urenbank_page_release(&pg);
		return 0;
	}
	char back[256];
	struct buf h;
	buf_init(&h, 256);
	buf_adds(&h, "/proeftuinen/");
	html_url_segment(&h, pg.code);
	buf_adds(&h, "/opdrachten/nieuw");
	snprintf(back, sizeof(back), "%s", buf_str(&h));
	buf_release(&h);
	if (!may_announce(rq, &pg)) {
		authz_require_page(rq, rs, ACT_ASSIGNMENT_WRITE, rq->actor.org[0] ? rq->actor.org : pg.code);
	} else if (page_form_more_asked(&f)) {
		page_form_more(rq, rs, back, &f, page_form_more_asked(&f));
	} else {
		struct problem p;
		problem_init(&p);
		struct rows og = { 0 }, cp = { 0 };
		json_t *in = json_object();
		const char *soort = form_get(&f, "soort"), *key = form_get(&f, "verdeelsleutel");
		json_object_set_new(in, "soort", json_string(soort ? soort : ""));
		read_common(&f, in, 0, &p);
		json_t *gevers = read_principals(&f, &og, &p), *comps = read_competences(&f, &cp, &p);
		if (json_array_size(gevers) || !soort || strcmp(soort, "regionaal") || !key || !key[0])
			json_object_set(in, "opdrachtgevers", gevers);
		if (key && key[0])
			json_object_set_new(in, "verdeelsleutel", json_string(key));
		if (json_array_size(comps))
			json_object_set(in, "competenties", comps);
		/* Who pays: those named, or (regional) every member. */
		const char *refused = NULL;
		size_t i, refused_at = 0;
		json_t *x;
		json_t *payers = json_array_size(gevers) ? gevers : json_object_get(pg.pt, "leden");
		json_array_foreach(payers, i, x) {
			const char *org = json_is_object(x) ? str(x, "organisatie") : json_string_value(x);
			if (!refused && !page_urenbank_may(rq, &pg, ACT_ASSIGNMENT_WRITE, org))
				refused = org, refused_at = i;
		}
		json_t *out = NULL;
		int r;
		if (refused) {
			/* Said with the row it is about, beside what else is wrong. */
			char why[sizeof(p.detail)];
			authz_refusal(rq, refused, why, sizeof(why));
			if (json_array_size(gevers)) {
				char pn[64];
				snprintf(pn, sizeof(pn), "opdrachtgevers[%zu]", refused_at);
				problem_param(&p, pn, "deze gemeente kunt u geen opdrachtgever maken");
			}
			p.status = 403;
			snprintf(p.detail, sizeof(p.detail), "%s", why);
			r = -403;
		} else if (p.status) {
			snprintf(p.detail, sizeof(p.detail), "De opdracht is niet aangemeld: verbeter de velden hieronder.");
			r = -p.status;
		} else {
			r = urenbank_opdracht_create(rq->store, &rq->actor, pg.code, in, &out, &p);
		}
		authz_audit(rq, ACT_ASSIGNMENT_WRITE, r < 0 ? -r : 201, pg.code);
		if (r < 0) {
			page_form_remap(&p, "opdrachtgevers", og.row, og.n);
			page_form_remap(&p, "competenties", cp.row, cp.n);
			page_form_refuse(rq, rs, back, &f, &p, fields);
		} else {
			char href[300];
			page_urenbank_opdracht_href(href, sizeof(href), &pg, num(out, "id"), "?gelukt=aangemeld");
			see_other(rs, href);
		}
		json_decref(out);
		json_decref(in);
		json_decref(gevers);
		json_decref(comps);
	}
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}

int page_urenbank_opdracht_update(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	json_t *o = NULL;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (page_urenbank_opdracht_load(rq, rs, &pg, &o) < 0) {
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	char back[300];
	page_urenbank_opdracht_href(back, sizeof(back), &pg, num(o, "id"), "/bewerken");
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan. Probeer het opnieuw.");
	} else if (!page_urenbank_may_write(rq, &pg, o)) {
		authz_require_page(rq, rs, ACT_ASSIGNMENT_WRITE,
				   str(json_array_get(json_object_get(o, "opdrachtgevers"), 0), "organisatie"));
	} else if (page_form_more_asked(&f)) {
		page_form_more(rq, rs, back, &f, page_form_more_asked(&f));
	} else {
		struct problem p;
		problem_init(&p);
		struct rows cp = { 0 };
		json_t *in = json_object(), *out = NULL;
		read_common(&f, in, 1, &p);
		json_object_set_new(in, "competenties", read_competences(&f, &cp, &p));
		int r = p.status ? -p.status
				 : urenbank_opdracht_update(rq->store, &rq->actor, pg.code, num(o, "id"), in, &out, &p);
		if (r < 0 && !p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "De opdracht is niet gewijzigd: verbeter de velden hieronder.");
		authz_audit(rq, ACT_ASSIGNMENT_WRITE, r < 0 ? -r : 200, pg.code);
		if (r < 0) {
			page_form_remap(&p, "competenties", cp.row, cp.n);
			page_form_refuse(rq, rs, back, &f, &p, fields);
		} else {
			char href[300];
			page_urenbank_opdracht_href(href, sizeof(href), &pg, num(o, "id"), "?gelukt=gewijzigd");
			see_other(rs, href);
		}
		json_decref(in);
		json_decref(out);
	}
	form_release(&f);
	json_decref(o);
	page_urenbank_page_release(&pg);
	return 0;
}
