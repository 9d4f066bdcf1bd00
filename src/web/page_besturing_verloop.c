/* The course of a traject over time, on its page (/trajecten/{id}): the
 * dated changes of fase, vorm, intensiteit, eigenaar and its end, who took
 * part when, its evaluation moments; and for whoever manages the verband
 * (verband-wijzigen) the forms to record a change, end it, or let a member
 * join or leave (POST /trajecten/{id}/wijziging, /trajecten/{id}/deelname).
 * A refused form is shown again with the reason above it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/register.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/besturing.h"
#include "store/register.h"
#include "web/page_besturing.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* Value/label pairs of an enumeration, its values shown in Dutch. */
static const char **pairs(const char *const *values, const char **out, size_t max)
{
	size_t n = 0;
	out[n++] = "", out[n++] = "(ongewijzigd)";
	for (int i = 0; values[i] && n + 2 < max; i++)
		out[n++] = values[i], out[n++] = values[i];
	out[n] = NULL;
	return out;
}

static const char *fv(const struct form *f, const char *name)
{
	const char *v = f ? form_get(f, name) : NULL;
	return v ? v : "";
}

static void forms(struct request *rq, struct buf *b, json_t *t, json_t *v, json_t *names, const struct form *f,
		  const struct problem *p)
{
	char action[80], today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	const char *o_fase[40], *o_vorm[40], *o_int[40];
	snprintf(action, sizeof(action), "/trajecten/%lld/wijziging", num(t, "id"));
	html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-wijzigen\">Wijziging vastleggen</h3><p class=\"utrecht-paragraph\">"
		    "Een wijziging gaat in op de ingangsdatum; wat ervoor gold, blijft in het verloop staan.</p>");
	page_besturing_form_begin(rq, b, action, "bst-formulier");
	page_besturing_input(b, "wijz-ingang", "ingangsdatum", "Ingangsdatum", "date", f ? fv(f, "ingangsdatum") : today,
			     page_besturing_field_error(p, "ingangsdatum"), 0);
	page_besturing_select(b, "wijz-fase", "fase", "Fase", pairs(register_fasen, o_fase, 40), fv(f, "fase"),
			      page_besturing_field_error(p, "fase"));
	page_besturing_select(b, "wijz-vorm", "vorm", "Vorm", pairs(register_vormen, o_vorm, 40), fv(f, "vorm"), NULL);
	page_besturing_select(b, "wijz-intensiteit", "intensiteit", "Intensiteit", pairs(register_intensiteiten, o_int, 40),
			      fv(f, "intensiteit"), NULL);
	page_besturing_input(b, "wijz-eigenaar", "eigenaar", "Nieuwe eigenaar (leeg: ongewijzigd)", "text", fv(f, "eigenaar"),
			     NULL, 0);
	page_besturing_input(b, "wijz-eind", "eind", "Beëindigen per (leeg: loopt door)", "date", fv(f, "eind"),
			     page_besturing_field_error(p, "eind"), 0);
	page_besturing_input(b, "wijz-reden", "reden", "Reden", "text", fv(f, "reden"), NULL, 0);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Wijziging vastleggen"
		    "</button></form>");
	if (json_is_true(json_object_get(v, "geenCherryPicking")))
		return; /* there membership is participation */
	json_t *members = json_array();
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(v, "leden"), i, l)
		if (!json_is_string(json_object_get(l, "tot")) && strcmp(str(l, "rol"), "toehoorder"))
			json_array_append_new(members, json_string(str(l, "organisatie")));
	static const char *const acties[] = { "deelnemen", "gaat deelnemen", "stoppen", "stopt met deelnemen", NULL };
	snprintf(action, sizeof(action), "/trajecten/%lld/deelname", num(t, "id"));
	html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-deelname\">Deelname wijzigen</h3>");
	page_besturing_form_begin(rq, b, action, "bst-formulier");
	page_besturing_select_orgs(b, "deel-organisatie", "organisatie", "Lid van het verband", members, names,
				   fv(f, "organisatie"), 0);
	page_besturing_select(b, "deel-actie", "actie", "Wat", acties, f ? fv(f, "actie") : "deelnemen", NULL);
	page_besturing_input(b, "deel-datum", "datum", "Per", "date", f ? fv(f, "datum") : today,
			     page_besturing_field_error(p, "datum") ? page_besturing_field_error(p, "datum")
								    : page_besturing_field_error(p, "van"),
			     1);
	page_besturing_input(b, "deel-reden", "reden", "Reden", "text", fv(f, "reden"), NULL, 0);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Deelname vastleggen"
		    "</button></form>");
	json_decref(members);
}

/* The field error of a refused form, only on the form that was sent
 * (marker: a field only that form has). */
static const char *error_of(const struct form *f, const char *marker, const struct problem *p, const char *name)
{
	return f && form_get(f, marker) ? page_besturing_field_error(p, name) : NULL;
}

/* For whoever steers the verband: plan an evaluation moment of this
 * traject, and record the outcome of one that was held, with what follows. */
static void evaluation_forms(struct request *rq, struct buf *b, long long tid, json_t *ev, const struct form *f,
			     const struct problem *p)
{
	char action[80], today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	const struct form *mine = f && form_get(f, "moment") ? f : NULL;
	snprintf(action, sizeof(action), "/trajecten/%lld/evaluatie", tid);
	html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-evaluatie-plannen\">Evaluatiemoment plannen</h3>"
		    "<p class=\"utrecht-paragraph\">Bijvoorbeeld: na drie jaar evalueren en besluiten over opschalen.</p>");
	page_besturing_form_begin(rq, b, action, "bst-formulier");
	page_besturing_input(b, "eval-titel", "titel", "Wat wordt geëvalueerd", "text", mine ? fv(f, "titel") : "",
			     error_of(f, "moment", p, "titel"), 1);
	page_besturing_input(b, "eval-moment", "moment", "Wanneer", "date", mine ? fv(f, "moment") : today,
			     error_of(f, "moment", p, "datum"), 1);
	static const char *const prec[] = { "dag",      "op de dag",           "maand", "alleen de maand",
					    "kwartaal", "alleen het kwartaal", "jaar",  "alleen het jaar",
					    NULL };
	page_besturing_select(b, "eval-precisie", "precisie", "Hoe precies", prec, mine ? fv(f, "precisie") : "dag", NULL);
	page_besturing_input(b, "eval-omschrijving", "omschrijving", "Toelichting", "textarea", mine ? fv(f, "omschrijving") : "",
			     NULL, 0);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Evaluatiemoment "
		    "vastleggen</button></form>");
	size_t i, open = 0;
	json_t *e;
	json_array_foreach(ev, i, e)
		open += !str(e, "uitkomst");
	if (!open)
		return;
	const char **opts = calloc(2 * open + 1, sizeof(*opts));
	char(*labels)[400] = calloc(open, sizeof(*labels));
	char(*ids)[24] = calloc(open, sizeof(*ids));
	if (opts && labels && ids) {
		size_t n = 0;
		json_array_foreach(ev, i, e) {
			if (str(e, "uitkomst"))
				continue;
			snprintf(ids[n], sizeof(ids[n]), "%lld", num(e, "id"));
			snprintf(labels[n], sizeof(labels[n]), "%s (%s)", str(e, "titel"), str(e, "wanneer"));
			opts[2 * n] = ids[n], opts[2 * n + 1] = labels[n];
			n++;
		}
		const struct form *held = f && form_get(f, "uitkomst") ? f : NULL;
		snprintf(action, sizeof(action), "/trajecten/%lld/evaluatie-uitkomst", tid);
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-evaluatie-uitkomst\">Uitkomst van een evaluatie</h3>");
		page_besturing_form_begin(rq, b, action, "bst-formulier");
		page_besturing_select(b, "eval-id", "evaluatie", "Evaluatiemoment", opts, held ? fv(f, "evaluatie") : "",
				      error_of(f, "uitkomst", p, "evaluatie"));
		page_besturing_input(b, "eval-gehouden", "gehouden", "Gehouden op", "date", held ? fv(f, "gehouden") : today,
				     error_of(f, "uitkomst", p, "gehouden"), 1);
		page_besturing_input(b, "eval-uitkomst", "uitkomst", "Uitkomst", "textarea", held ? fv(f, "uitkomst") : "",
				     error_of(f, "uitkomst", p, "uitkomst"), 1);
		static const char *const vervolg[] = { "",           "(nog geen vervolg)", "voortzetten", "voortzetten",
						       "opschalen",  "opschalen",          "bijstellen",  "bijstellen",
						       "beeindigen", "beëindigen",         NULL };
		page_besturing_select(b, "eval-vervolg", "vervolg", "Vervolg", vervolg, held ? fv(f, "vervolg") : "", NULL);
		page_besturing_input(b, "eval-vervolgtoelichting", "vervolgToelichting", "Toelichting op het vervolg", "text",
				     held ? fv(f, "vervolgToelichting") : "", NULL, 0);
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Uitkomst "
			    "vastleggen</button></form>");
	}
	free(opts), free(labels), free(ids);
}

void page_besturing_verloop(struct request *rq, struct buf *b, json_t *t, const char *date, const struct form *f,
			    const struct problem *p)
{
	long long tid = num(t, "id");
	json_t *h = NULL, *ev = NULL, *v = NULL;
	struct problem q;
	problem_init(&q);
	register_traject_history(rq->store, tid, &h, &q);
	problem_init(&q);
	besturing_evaluation_list(rq->store, NULL, tid, &ev, &q);
	problem_init(&q);
	register_verband_get(rq->store, str(t, "verband"), &v, &q);
	json_t *names = page_besturing_org_names(rq->store);
	char base[64];
	snprintf(base, sizeof(base), "/trajecten/%lld", tid);
	html_raw(b, "<section aria-labelledby=\"kop-verloop\"><h2 class=\"utrecht-heading-2\" id=\"kop-verloop\">Verloop</h2>"
		    "<p class=\"utrecht-paragraph\">Het traject zoals het op een datum was:</p>");
	page_date_links(b, base, date, NULL);
	if (!json_array_size(h)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Sinds de start is er niets gewijzigd.</p>");
	} else {
		static const char *const head[] = { "Per", "Wat", "Van", "Naar", "Reden", NULL };
		page_table_begin(b, "Wijzigingen van dit traject", "samen-table--wide");
		page_table_head(b, head);
		size_t i;
		json_t *m;
		json_array_foreach(h, i, m) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, str(m, "ingangsdatum"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, str(m, "veld"));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_label(b, str(m, "vorige") ? str(m, "vorige") : "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			page_label(b, str(m, "waarde") ? str(m, "waarde") : "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, str(m, "reden") ? str(m, "reden") : "");
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	json_t *deel = json_object_get(t, "deelname");
	size_t i;
	json_t *d;
	int dated = 0;
	json_array_foreach(deel, i, d)
		dated |= str(d, "van") || str(d, "tot");
	if (dated) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">Deelname door de tijd</h3><ul class=\"bst-rollen\">");
		json_array_foreach(deel, i, d) {
			html_raw(b, "<li>");
			page_org_link(b, str(d, "organisatie"), str(d, "naam"));
			html_raw(b, ": ");
			if (str(d, "van"))
				html_date(b, str(d, "van"));
			else
				html_raw(b, "vanaf de start");
			html_raw(b, " – ");
			if (str(d, "tot"))
				html_date(b, str(d, "tot"));
			else
				html_raw(b, "lopend");
			html_txt_around(b, " (", str(d, "reden"), ")");
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	if (json_array_size(ev)) {
		html_raw(b, "<h3 class=\"utrecht-heading-3\">Evaluatiemomenten</h3><ul class=\"bst-rollen\">");
		json_t *e;
		json_array_foreach(ev, i, e) {
			html_raw(b, "<li><strong>");
			html_txt(b, str(e, "wanneer"));
			html_raw(b, "</strong>: ");
			html_txt(b, str(e, "titel"));
			if (str(e, "uitkomst")) {
				html_raw(b, " — gehouden ");
				html_date(b, str(e, "gehouden"));
				html_raw(b, ": ");
				html_txt(b, str(e, "uitkomst"));
				if (str(e, "vervolg")) {
					html_raw(b, " (vervolg: ");
					page_label(b, str(e, "vervolg"));
					html_raw(b, ")");
				}
			} else if (str(e, "omschrijving")) {
				html_raw(b, " — ");
				html_txt(b, str(e, "omschrijving"));
			}
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
	}
	if (rq->actor.role != ROLE_NONE && rq->actor.csrf[0] &&
	    policy_allows(&rq->actor, ACT_VERBAND_WRITE, NULL, str(t, "verband")))
		forms(rq, b, t, v, names, f, p);
	if (rq->actor.role != ROLE_NONE && rq->actor.csrf[0] && policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband")))
		evaluation_forms(rq, b, tid, ev, f, p);
	html_raw(b, "</section>");
	json_decref(h), json_decref(ev), json_decref(v), json_decref(names);
}

/* A refused change: the traject's heading, the reason and the forms again. */
static void refused(struct request *rq, struct response *rs, long long tid, int status, const struct form *f,
		    const struct problem *p)
{
	json_t *t = NULL;
	struct problem q;
	problem_init(&q);
	register_traject_get(rq->store, tid, &t, &q);
	page_begin(rq, rs, "Wijziging niet vastgelegd");
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › ");
	page_besturing_trajectlink(b, tid, t && str(t, "taakveldNaam") ? str(t, "taakveldNaam") : "Traject");
	html_raw(b, " › Wijziging</p><h1 class=\"utrecht-heading-1\">Wijziging niet vastgelegd</h1>");
	page_besturing_problem(b, p);
	if (t)
		page_besturing_verloop(rq, b, t, NULL, f, p);
	page_end(rq, rs);
	json_decref(t);
}

/* kind: 0 a change of the traject, 1 a participant, 2 a role changing
 * hands, 3 a new evaluation moment, 4 the outcome of one. */
static int post(struct request *rq, struct response *rs, int kind)
{
	long long tid;
	char verband[64], object[120];
	struct problem p;
	problem_init(&p);
	if (http_parse_id(req_param(rq, "id"), &tid) < 0 ||
	    besturing_traject_verband(rq->store, tid, verband, sizeof(verband), &p) < 0) {
		page_error(rq, rs, 404, "Er is geen traject met dit nummer.");
		return 0;
	}
	snprintf(object, sizeof(object), "%s traject %lld", verband, tid);
	enum action act = kind >= 3 ? ACT_STEER : ACT_VERBAND_WRITE;
	if (rq->actor.role == ROLE_NONE || !policy_allows(&rq->actor, act, NULL, verband)) {
		if (rq->actor.role == ROLE_NONE)
			authz_require_page(rq, rs, act, NULL);
		else {
			page_error(rq, rs, 403, "Alleen de stuurgroep of procesmanager van dit verband wijzigt een traject.");
			authz_audit(rq, act, 403, object);
		}
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		return 0;
	}
	json_t *in = json_object(), *out = NULL;
	int r;
	int deelname = kind == 1;
	if (kind == 3) {
		static const char *const fields[][2] = { { "titel", "titel" },
							 { "moment", "datum" },
							 { "precisie", "precisie" },
							 { "omschrijving", "omschrijving" } };
		for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
			const char *v = form_get(&f, fields[i][0]);
			if (v && v[0])
				json_object_set_new(in, fields[i][1], json_string(v));
		}
		r = besturing_evaluation_create(rq->store, rq->actor.name, NULL, tid, in, &out, &p);
	} else if (kind == 4) {
		/* The evaluation must be one of this traject. */
		long long eid = 0;
		int ours = 0;
		json_t *ev = NULL;
		struct problem q;
		problem_init(&q);
		if (http_parse_id(form_get(&f, "evaluatie"), &eid) == 0 &&
		    besturing_evaluation_list(rq->store, NULL, tid, &ev, &q) == 0) {
			size_t i;
			json_t *e;
			json_array_foreach(ev, i, e)
				ours |= num(e, "id") == eid;
		}
		json_decref(ev);
		static const char *const fields[] = { "gehouden", "uitkomst", "vervolg", "vervolgToelichting", NULL };
		for (int i = 0; fields[i]; i++) {
			const char *v = form_get(&f, fields[i]);
			if (v && v[0])
				json_object_set_new(in, fields[i], json_string(v));
		}
		r = ours ? besturing_evaluation_held(rq->store, rq->actor.name, eid, in, &out, &p)
			 : problem_param(&p, "evaluatie", "kies een evaluatiemoment van dit traject");
	} else if (kind == 2) {
		/* The role must be one of this traject's verband. */
		long long rid = 0;
		char rv[64] = "";
		struct problem q;
		problem_init(&q);
		static const char *const fields[] = { "ingangsdatum", "naam", "organisatie", "reden", NULL };
		for (int i = 0; fields[i]; i++) {
			const char *v = form_get(&f, fields[i]);
			if (v && v[0])
				json_object_set_new(in, fields[i], json_string(v));
		}
		if (http_parse_id(form_get(&f, "rol"), &rid) < 0 ||
		    besturing_role_verband(rq->store, rid, rv, sizeof(rv), &q) < 0 || strcmp(rv, verband))
			r = problem_param(&p, "rol", "geen rol van dit verband");
		else
			r = besturing_role_change(rq->store, rq->actor.name, rid, in, &out, &p);
	} else if (!deelname) {
		static const char *const fields[] = { "ingangsdatum", "fase", "vorm",  "intensiteit",
						      "eigenaar",     "eind", "reden", NULL };
		for (int i = 0; fields[i]; i++) {
			const char *v = form_get(&f, fields[i]);
			if (v && v[0])
				json_object_set_new(in, fields[i], json_string(v));
		}
		r = register_traject_patch(rq->store, rq->actor.name, tid, in, &out, &p);
	} else {
		const char *org = form_get(&f, "organisatie"), *actie = form_get(&f, "actie"), *datum = form_get(&f, "datum"),
			   *reden = form_get(&f, "reden");
		int stop = actie && !strcmp(actie, "stoppen");
		if (datum && datum[0])
			json_object_set_new(in, stop ? "datum" : "van", json_string(datum));
		if (reden && reden[0])
			json_object_set_new(in, "reden", json_string(reden));
		if (org && org[0] && !stop)
			json_object_set_new(in, "organisatie", json_string(org));
		r = stop ? register_deelnemer_leave(rq->store, rq->actor.name, tid, org ? org : "", in, &out, &p)
			 : register_deelnemer_add(rq->store, rq->actor.name, tid, in, &out, &p);
	}
	json_decref(in), json_decref(out);
	authz_audit(rq, act, r < 0 ? p.status : 200, object);
	if (r < 0) {
		refused(rq, rs, tid, page_besturing_form_status(r), &f, &p);
	} else {
		char loc[96];
		snprintf(loc, sizeof(loc), "/trajecten/%lld?gelukt=%s", tid,
			 kind == 2   ? "rol#kop-rollen"
			 : kind >= 3 ? "evaluatie#kop-verloop"
			 : deelname  ? "deelname"
				     : "wijziging");
		resp_header(rs, "Location", loc);
		resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
	}
	form_release(&f);
	return 0;
}

int page_besturing_wijziging(struct request *rq, struct response *rs) { return post(rq, rs, 0); }
int page_besturing_deelname(struct request *rq, struct response *rs) { return post(rq, rs, 1); }
int page_besturing_rolwissel(struct request *rq, struct response *rs) { return post(rq, rs, 2); }
int page_besturing_evaluatie(struct request *rq, struct response *rs) { return post(rq, rs, 3); }
int page_besturing_evaluatie_uitkomst(struct request *rq, struct response *rs) { return post(rq, rs, 4); }

/* The roles of a traject, each with who holds it now; for whoever steers
 * the verband, the form to hand one over or end it on a date. */
void page_besturing_roles(struct request *rq, struct buf *b, json_t *t, json_t *rl)
{
	html_raw(b, "<section aria-labelledby=\"kop-rollen\"><h2 class=\"utrecht-heading-2\" id=\"kop-rollen\">Rollen</h2>");
	if (!json_array_size(rl)) {
		html_raw(b,
			 "<p class=\"utrecht-paragraph\">Voor dit traject zijn geen rollen vastgelegd; de rollen van het verband "
			 "staan bij het verband.</p></section>");
		return;
	}
	html_raw(b, "<ul class=\"bst-rollen\">");
	size_t i;
	json_t *r;
	json_array_foreach(rl, i, r) {
		html_raw(b, "<li><strong>");
		html_txt(b, str(r, "rol"));
		html_raw(b, "</strong>: ");
		html_txt(b, str(r, "naam"));
		html_txt_around(b, " (", str(r, "organisatieNaam"), ")");
		html_txt_around(b, " — ", str(r, "toelichting"), "");
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>");
	int current = 0;
	json_array_foreach(rl, i, r)
		current |= !str(r, "tot");
	if (current && rq->actor.role != ROLE_NONE && rq->actor.csrf[0] &&
	    policy_allows(&rq->actor, ACT_VERBAND_WRITE, NULL, str(t, "verband"))) {
		char action[96], today[DATE_TEXT_LEN];
		date_format(date_today(), today);
		snprintf(action, sizeof(action), "/trajecten/%lld/rolwissel", num(t, "id"));
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-rolwissel\">Een rol overdragen of beëindigen</h3>"
			    "<form method=\"post\" class=\"samen-form\" action=\"");
		html_attr(b, action);
		html_raw(b, "\">");
		html_csrf_field(rq, b);
		const struct page_input sel = { .id = "rolwissel-rol", .label = "Rol" };
		page_field_begin(b, &sel);
		html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select\" id=\"rolwissel-rol\" name=\"rol\">");
		json_array_foreach(rl, i, r) {
			if (str(r, "tot"))
				continue;
			html_raw(b, "<option value=\"");
			html_int(b, num(r, "id"));
			html_raw(b, "\">");
			html_txt(b, str(r, "rol"));
			html_raw(b, ": ");
			html_txt(b, str(r, "naam"));
			html_raw(b, "</option>");
		}
		html_raw(b, "</select>");
		page_field_end(b);
		static const struct page_input in[] = {
			{ .id = "rolwissel-datum",
			  .name = "ingangsdatum",
			  .label = "Ingangsdatum",
			  .type = "date",
			  .required = 1 },
			{ .id = "rolwissel-naam",
			  .name = "naam",
			  .label = "Nieuwe houder (leeg: de rol eindigt)",
			  .type = "text" },
			{ .id = "rolwissel-organisatie",
			  .name = "organisatie",
			  .label = "Organisatie van de nieuwe houder (code)",
			  .type = "text" },
			{ .id = "rolwissel-reden", .name = "reden", .label = "Reden", .type = "text" },
		};
		for (size_t k = 0; k < sizeof(in) / sizeof(in[0]); k++) {
			struct page_input x = in[k];
			x.value = k == 0 ? today : "";
			page_input_field(b, &x);
		}
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Vastleggen</button>"
			    "</form>");
	}
	html_raw(b, "</section>");
}
