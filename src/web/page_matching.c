/* The matching proposal page and its accept form (page_matching.h). */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/urenbank.h"
#include "store/matching.h"
#include "store/kwaliteitskaart.h"
#include "store/register.h"
#include "web/html.h"
#include "web/page_listing.h"
#include "web/page_matching.h"
#include "web/pages.h"

/* The proeftuin of the path, its verband, and whether the actor may match
 * there; on refusal or an unknown proeftuin rs holds the error page. */
struct scope {
	const char *code;
	char verband[48];
	json_t *pt;
};

static int may(struct request *rq, const struct scope *sc, enum action action, const char *org)
{
	const struct policy_target t = { org, sc->verband, sc->code };
	return policy_allows_in(&rq->actor, action, &t);
}

static int refuse(struct request *rq, struct response *rs, const char *code)
{
	char msg[300];
	snprintf(msg, sizeof(msg), "Alleen de procesmanager van proeftuin %s (of de beheerder) maakt en accepteert de matching.",
		 code);
	page_error(rq, rs, 403, msg);
	authz_audit(rq, ACT_MATCHING, 403, code);
	return -1;
}

static int scope_load(struct request *rq, struct response *rs, struct scope *sc)
{
	struct problem p;
	problem_init(&p);
	memset(sc, 0, sizeof(*sc));
	sc->code = req_param(rq, "p");
	/* Anonymous, or a role that may never match: refused before anything
	 * is looked up, so that the answer tells nothing about what exists. */
	const struct actor *a = &rq->actor;
	if (a->role == ROLE_NONE)
		return authz_require_page(rq, rs, ACT_MATCHING, NULL);
	if (!policy_allows(a, ACT_MATCHING, NULL, a->verband[0] ? a->verband : NULL))
		return refuse(rq, rs, sc->code);
	if (urenbank_proeftuin_verband(rq->store, sc->code, sc->verband, sizeof(sc->verband), &p) < 0 ||
	    urenbank_proeftuin_get(rq->store, sc->code, &sc->pt, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500, p.detail);
		return -1;
	}
	if (may(rq, sc, ACT_MATCHING, NULL))
		return 0;
	json_decref(sc->pt);
	sc->pt = NULL;
	return refuse(rq, rs, sc->code);
}

/* A fingerprint of the toewijzingen of a proposal: what the form showed. */
static void fingerprint(json_t *proposal, char out[65])
{
	unsigned char h[32];
	crypto_generichash_state st;
	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(proposal, "toewijzingen"), i, t) {
		char row[160];
		int n = snprintf(row, sizeof(row), "%lld:%lld:%s:%lld;",
				 (long long)json_integer_value(json_object_get(t, "opdracht")),
				 (long long)json_integer_value(json_object_get(t, "medewerker")),
				 json_string_value(json_object_get(t, "competentie")),
				 (long long)json_integer_value(json_object_get(t, "minuten")));
		crypto_generichash_update(&st, (const unsigned char *)row, n > 0 && (size_t)n < sizeof(row) ? (size_t)n : 0);
	}
	crypto_generichash_final(&st, h, sizeof(h));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

static long long jint(json_t *o, const char *k) { return (long long)json_integer_value(json_object_get(o, k)); }
static const char *jstr(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

/* "12:30 uur". */
static void hours(struct buf *b, long long minutes)
{
	char t[NL_TEXT_LEN];
	nl_hours(minutes, 0, t, sizeof(t));
	html_txt(b, t);
}

/* The name of a member as the proposal lists it, else its code. */
static const char *org_name(json_t *proposal, const char *code)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(proposal, "trekkingsrechten"), i, t) {
		if (!strcmp(jstr(t, "organisatie"), code) && jstr(t, "naam")[0])
			return jstr(t, "naam");
	}
	return code;
}

static void td(struct buf *b, const char *text)
{
	html_raw(b, "<td class=\"utrecht-table__cell\">");
	html_txt(b, text);
	html_raw(b, "</td>");
}

static void td_hours(struct buf *b, long long minutes)
{
	html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
	hours(b, minutes);
	html_raw(b, "</td>");
}

static void th_row(struct buf *b, const char *text)
{
	html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell\">");
	html_txt(b, text);
	html_raw(b, "</th>");
}

static void fact(struct buf *b, const char *key, long long minutes)
{
	html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">");
	html_txt(b, key);
	html_raw(b, "</dt><dd class=\"utrecht-data-list__item-value\">");
	hours(b, minutes);
	html_raw(b, "</dd></div>");
}

static void level_text(struct buf *b, long long have, long long need)
{
	static const char *const names[] = { "", "basis", "ervaren", "expert" };
	html_txt(b, have >= 1 && have <= 3 ? names[have] : "?");
	if (have != need) {
		html_raw(b, " <span class=\"samen-muted\">(gevraagd: ");
		html_txt(b, need >= 1 && need <= 3 ? names[need] : "?");
		html_raw(b, ")</span>");
	}
}

static void message(struct buf *b, const char *text, int error)
{
	html_raw(b, error ? "<div class=\"utrecht-alert utrecht-alert--error samen-alert\" role=\"alert\">"
			  : "<div class=\"utrecht-alert samen-alert\" role=\"status\">");
	html_raw(b, "<div class=\"utrecht-alert__content\"><p class=\"utrecht-alert__message utrecht-paragraph\">");
	html_txt(b, text);
	html_raw(b, "</p></div></div>");
}

/* The proeftuin's inzet: what accepting created, among the rest; a page
 * of INZET_PAGE at a time (?inzetPagina), for a national proeftuin has
 * tens of thousands. */
#define INZET_PAGE 50

/* The address of page `to` of the inzet table. */
static void inzet_href(struct buf *b, long long to, const void *ctx)
{
	const struct scope *sc = ctx;
	html_raw(b, "/proeftuinen/");
	html_url_segment(b, sc->code);
	html_raw(b, "/matching?inzetPagina=");
	html_int(b, to);
	html_raw(b, "#inzet");
}

static void inzet_table(struct request *rq, struct buf *b, const struct scope *sc)
{
	struct problem p;
	problem_init(&p);
	json_t *list = NULL;
	long long page = 1, total = 0;
	const char *q = req_query(rq, "inzetPagina");
	if (q && (http_parse_id(q, &page) < 0 || page > 1000000))
		page = 1;
	if (urenbank_open_inzet(rq->store, sc->code, NULL, 1, (page - 1) * INZET_PAGE, INZET_PAGE, &list, &total, &p) < 0)
		return;
	html_raw(b, "<h2 class=\"utrecht-heading-2\" id=\"inzet\">Inzet in deze proeftuin</h2>");
	if (!total) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er is nog geen inzet op de open opdrachten.</p>");
		json_decref(list);
		return;
	}
	json_t *clist = register_org_list(rq->store), *names = page_names(clist);
	json_decref(clist);
	html_raw(b, "<p class=\"utrecht-paragraph\">Inzet ");
	html_int_grouped(b, json_array_size(list) ? (page - 1) * INZET_PAGE + 1 : 0);
	html_raw(b, " tot en met ");
	html_int_grouped(b, (page - 1) * INZET_PAGE + (long long)json_array_size(list));
	html_raw(b, " van ");
	html_int_grouped(b, total);
	html_raw(b, ".</p>");
	static const char *const head[] = { "Opdracht", "Medewerker", "Organisatie", "#Ingezet", "Status", NULL };
	page_table_begin(b, "Inzet op open opdrachten", NULL);
	page_table_head(b, head);
	size_t i;
	json_t *z;
	json_array_foreach(list, i, z) {
		html_raw(b, "<tr class=\"utrecht-table__row\">");
		th_row(b, jstr(json_object_get(z, "opdracht"), "titel"));
		td(b, jstr(z, "medewerkerNaam"));
		td(b, page_name(names, jstr(z, "organisatie")));
		td_hours(b, jint(z, "minuten"));
		td(b, jstr(z, "status"));
		html_raw(b, "</tr>");
	}
	page_table_end(b);
	page_listing_pager_ends(b, "Bladeren door de inzet", page, (total + INZET_PAGE - 1) / INZET_PAGE, inzet_href, sc);
	json_decref(names);
	json_decref(list);
}

/* The whole page for proposal (NULL: could not be made, see error). */
/* The opdrachten the proposal left out, with why. Up to SKIPPED_ALL of them
 * one by one; more (a national proeftuin has thousands, most without a
 * raming: 500 KB as a list) per reason, with the count and the first
 * SKIPPED_NAMES titles. */
#define SKIPPED_ALL 50
#define SKIPPED_NAMES 10
static void skipped_list(struct buf *b, json_t *skipped)
{
	size_t n = json_array_size(skipped), i, k;
	json_t *t;
	if (!n)
		return;
	html_raw(b, "<h2 class=\"utrecht-heading-2\">Niet meegenomen</h2>");
	if (n > SKIPPED_ALL) {
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_int(b, (long long)n);
		html_raw(b, " opdrachten zijn niet meegenomen, per reden:</p>");
	}
	html_raw(b, "<ul class=\"utrecht-unordered-list\">");
	if (n <= SKIPPED_ALL) {
		json_array_foreach(skipped, i, t) {
			html_list_item(b);
			html_txt(b, jstr(t, "opdrachtTitel"));
			html_raw(b, ": ");
			html_txt(b, jstr(t, "reden"));
			html_raw(b, "</li>");
		}
		html_raw(b, "</ul>");
		return;
	}
	char *done = calloc(n, 1); /* counted under an earlier reason */
	for (i = 0; done && i < n; i++) {
		if (done[i])
			continue;
		const char *why = jstr(json_array_get(skipped, i), "reden");
		size_t count = 0;
		for (k = i; k < n; k++)
			if (!done[k] && !strcmp(jstr(json_array_get(skipped, k), "reden"), why)) {
				done[k] = 1;
				count++;
			}
		html_list_item(b);
		html_txt(b, why);
		html_raw(b, " (");
		html_int(b, (long long)count);
		html_raw(b, count == 1 ? " opdracht): " : " opdrachten): ");
		size_t shown = 0;
		for (k = i; k < n && shown < SKIPPED_NAMES; k++) {
			json_t *x = json_array_get(skipped, k);
			if (strcmp(jstr(x, "reden"), why))
				continue;
			if (shown++)
				html_raw(b, ", ");
			html_txt(b, jstr(x, "opdrachtTitel"));
		}
		if (count > shown) {
			html_raw(b, " en ");
			html_int(b, (long long)(count - shown));
			html_raw(b, " andere");
		}
		html_raw(b, ".</li>");
	}
	free(done);
	html_raw(b, "</ul>");
}

static void render(struct request *rq, struct response *rs, const struct scope *sc, json_t *proposal, const char *note,
		   const char *error, int status)
{
	char title[200];
	snprintf(title, sizeof(title), "Matching — %s", jstr(sc->pt, "naam"));
	page_begin(rq, rs, title);
	struct buf *b = &rs->body;
	/* Competences by name, not by code. */
	json_t *clist = NULL, *comps;
	struct problem cp;
	problem_init(&cp);
	if (kwaliteitskaart_competence_list(rq->store, NULL, &clist, &cp) < 0)
		clist = json_array();
	comps = page_names(clist);
	json_decref(clist);
	struct buf href;
	buf_init(&href, 512);
	buf_adds(&href, "/proeftuinen/");
	html_url_segment(&href, sc->code);
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › <a "
		    "class=\"utrecht-link\" href=\"");
	html_attr(b, buf_str(&href));
	html_raw(b, "\">");
	html_txt(b, jstr(sc->pt, "naam"));
	html_raw(b, "</a> › Matching</p><h1 class=\"utrecht-heading-1\">Matching: wie werkt aan wat</h1>");
	html_raw(b, "<p class=\"utrecht-paragraph\">Een voorstel voor de open opdrachten van proeftuin ");
	html_txt(b, jstr(sc->pt, "naam"));
	html_raw(b, ". Eerst worden zoveel mogelijk gevraagde uren gedekt; daarna gaat een medewerker op precies het "
		    "gevraagde niveau voor een overgekwalificeerde; daarna gaat inzet van de organisatie met het laagste "
		    "saldo voor, want wat je haalt moet gebracht zijn. Geen opdrachtgever komt boven zijn trekkingsrechten.</p>");
	if (note)
		message(b, note, 0);
	if (error)
		message(b, error, 1);
	if (proposal) {
		json_t *doel = json_object_get(proposal, "doel"), *toew = json_object_get(proposal, "toewijzingen");
		html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
		html_raw(b, "<div class=\"utrecht-data-list__item\"><dt class=\"utrecht-data-list__item-key\">Periode</dt>"
			    "<dd class=\"utrecht-data-list__item-value\">");
		html_date(b, jstr(proposal, "vanaf"));
		html_raw(b, " tot en met ");
		html_date(b, jstr(proposal, "tot"));
		html_raw(b, "</dd></div>");
		fact(b, "Gevraagd", jint(doel, "gevraagdMinuten"));
		fact(b, "Gedekt in dit voorstel", jint(doel, "gedektMinuten"));
		fact(b, "Niet te dekken", jint(doel, "ongedektMinuten"));
		fact(b, "Boven het gevraagde niveau", jint(doel, "overkwalificatieMinuten"));
		html_raw(b, "</dl>");

		html_raw(b, "<h2 class=\"utrecht-heading-2\">Voorstel</h2>");
		if (!json_array_size(toew)) {
			html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er valt niets toe te wijzen: geen open opdracht "
				    "vraagt nog uren die een beschikbare medewerker kan leveren.</p>");
		} else {
			char fp[65];
			fingerprint(proposal, fp);
			html_raw(b, "<form method=\"post\" action=\"");
			html_attr(b, buf_str(&href));
			html_raw(b, "/matching/accepteren\">");
			html_csrf_field(rq, b);
			html_raw(b, "<input type=\"hidden\" name=\"voorstel\" value=\"");
			html_attr(b, fp);
			html_raw(b, "\"><input type=\"hidden\" name=\"vanaf\" value=\"");
			html_attr(b, jstr(proposal, "vanaf"));
			html_raw(b, "\">");
			static const char *const head[] = { "Opdracht", "Medewerker", "Organisatie",    "Competentie",
							    "Niveau",   "#Uren",      "Niet overnemen", NULL };
			page_table_begin(b, "Voorgestelde toewijzingen", NULL);
			page_table_head(b, head);
			size_t i;
			json_t *t;
			json_array_foreach(toew, i, t) {
				html_raw(b, "<tr class=\"utrecht-table__row\">");
				th_row(b, jstr(t, "opdrachtTitel"));
				td(b, jstr(t, "medewerkerNaam"));
				td(b, org_name(proposal, jstr(t, "organisatie")));
				td(b, page_name(comps, jstr(t, "competentie")));
				html_raw(b, "<td class=\"utrecht-table__cell\">");
				level_text(b, jint(t, "niveau"), jint(t, "vereistNiveau"));
				html_raw(b, "</td>");
				td_hours(b, jint(t, "minuten"));
				html_raw(b, "<td class=\"utrecht-table__cell\"><input class=\"utrecht-checkbox "
					    "utrecht-checkbox--html-input\" "
					    "type=\"checkbox\" name=\"weglaten\" value=\"");
				html_int(b, (long long)i);
				html_raw(b, "\" aria-label=\"");
				char label[400];
				snprintf(label, sizeof(label), "Niet overnemen: %s op %s", jstr(t, "medewerkerNaam"),
					 jstr(t, "opdrachtTitel"));
				html_attr(b, label);
				html_raw(b, "\"></td></tr>");
			}
			page_table_end(b);
			html_raw(b, "<p class=\"utrecht-paragraph\">Accepteren legt elke toewijzing vast als inzet, met de "
				    "trekkingsrechten die daarbij horen — alles of niets.</p>"
				    "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">"
				    "Voorstel accepteren</button></form>");
		}
		json_t *ongedekt = json_object_get(proposal, "ongedekt");
		if (json_array_size(ongedekt)) {
			static const char *const head[] = { "Opdracht", "Competentie", "Niveau", "#Uren", NULL };
			page_table_begin(b, "Niet te dekken", NULL);
			page_table_head(b, head);
			size_t i;
			json_t *t;
			json_array_foreach(ongedekt, i, t) {
				html_raw(b, "<tr class=\"utrecht-table__row\">");
				th_row(b, jstr(t, "opdrachtTitel"));
				td(b, page_name(comps, jstr(t, "competentie")));
				html_raw(b, "<td class=\"utrecht-table__cell\">");
				level_text(b, jint(t, "niveau"), jint(t, "niveau"));
				html_raw(b, "</td>");
				td_hours(b, jint(t, "minuten"));
				html_raw(b, "</tr>");
			}
			page_table_end(b);
		}
		static const char *const head[] = { "Organisatie", "#Saldo", "#Beschikbaar", "#Legt vast", NULL };
		page_table_begin(b, "Trekkingsrechten: wat accepteren vastlegt", NULL);
		page_table_head(b, head);
		size_t i;
		json_t *t;
		json_array_foreach(json_object_get(proposal, "trekkingsrechten"), i, t) {
			html_raw(b, "<tr class=\"utrecht-table__row\">");
			th_row(b, jstr(t, "naam")[0] ? jstr(t, "naam") : jstr(t, "organisatie"));
			td_hours(b, jint(t, "saldoMinuten"));
			td_hours(b, jint(t, "beschikbaarMinuten"));
			td_hours(b, jint(t, "vastTeLeggenMinuten"));
			html_raw(b, "</tr>");
		}
		page_table_end(b);
		skipped_list(b, json_object_get(proposal, "overgeslagen"));
	}
	inzet_table(rq, b, sc);
	json_decref(comps);
	buf_release(&href);
	page_end(rq, rs);
	rs->status = status;
}

static int get_matching(struct request *rq, struct response *rs)
{
	struct scope sc;
	if (scope_load(rq, rs, &sc) < 0)
		return 0;
	json_t *in = json_object(), *proposal = NULL;
	const char *vanaf = req_query(rq, "vanaf");
	if (vanaf && vanaf[0])
		json_object_set_new(in, "vanaf", json_string(vanaf));
	struct problem p;
	problem_init(&p);
	int r = matching_propose(rq->store, sc.code, in, &proposal, &p);
	char note[200] = "";
	const char *n = req_query(rq, "geaccepteerd"), *m = req_query(rq, "minuten");
	if (n && m) {
		char *e1, *e2;
		long long nn = strtoll(n, &e1, 10), mm = strtoll(m, &e2, 10);
		if (!*e1 && !*e2 && nn > 0 && mm > 0) {
			char h[NL_TEXT_LEN];
			nl_hours(mm, 0, h, sizeof(h));
			snprintf(note, sizeof(note), "Voorstel geaccepteerd: %lld toewijzingen, %s inzet vastgelegd.", nn, h);
		}
	}
	render(rq, rs, &sc, r < 0 ? NULL : proposal, note[0] ? note : NULL, r < 0 ? p.detail : NULL,
	       r < 0 ? (p.status == 400 || p.status == 422 ? p.status : 500) : 200);
	json_decref(proposal);
	json_decref(in);
	json_decref(sc.pt);
	return 0;
}

/* The toewijzingen of proposal but those the form marks weglaten. */
static json_t *chosen(json_t *proposal, const struct form *f)
{
	json_t *all = json_object_get(proposal, "toewijzingen"), *out = json_array();
	size_t n = json_array_size(all);
	char *drop = calloc(n ? n : 1, 1);
	for (int i = 0; drop && i < f->n; i++) {
		if (strcmp(f->f[i].name, "weglaten"))
			continue;
		char *end;
		long long k = strtoll(f->f[i].value, &end, 10);
		if (!*end && k >= 0 && (size_t)k < n)
			drop[k] = 1;
	}
	for (size_t k = 0; k < n; k++)
		if (drop && !drop[k])
			json_array_append(out, json_array_get(all, k));
	free(drop);
	return out;
}

static int post_accept(struct request *rq, struct response *rs)
{
	struct scope sc;
	if (scope_load(rq, rs, &sc) < 0)
		return 0;
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kwam niet goed aan; open de matching opnieuw.");
		json_decref(sc.pt);
		return 0;
	}
	json_t *in = json_object(), *proposal = NULL, *out = NULL;
	const char *vanaf = form_get(&f, "vanaf"), *fp_form = form_get(&f, "voorstel");
	if (vanaf && vanaf[0])
		json_object_set_new(in, "vanaf", json_string(vanaf));
	struct problem p;
	problem_init(&p);
	if (matching_propose(rq->store, sc.code, in, &proposal, &p) < 0) {
		render(rq, rs, &sc, NULL, NULL, p.detail, p.status == 400 || p.status == 422 ? p.status : 500);
		goto out;
	}
	char fp[65];
	fingerprint(proposal, fp);
	if (!fp_form || strcmp(fp, fp_form)) {
		render(rq, rs, &sc, proposal, NULL,
		       "Het voorstel is veranderd sinds u het opende (andere opdrachten, inzet of beschikbaarheid). Hieronder "
		       "staat het nieuwe voorstel; er is niets vastgelegd.",
		       409);
		authz_audit(rq, ACT_STAFFING, 409, sc.code);
		goto out;
	}
	json_t *pick = chosen(proposal, &f);
	json_t *body = json_pack("{s:o}", "toewijzingen", pick);
	if (!json_array_size(pick)) {
		render(rq, rs, &sc, proposal, NULL, "U heeft alle toewijzingen op niet overnemen gezet; er is niets vastgelegd.",
		       422);
		json_decref(body);
		goto out;
	}
	json_t *orgs = matching_staff_orgs(rq->store, body);
	size_t i;
	json_t *o;
	json_array_foreach(orgs, i, o)
		if (!may(rq, &sc, ACT_STAFFING, json_string_value(o))) {
			char msg[300];
			snprintf(msg, sizeof(msg),
				 "U mag geen medewerkers van %s inzetten in deze proeftuin; er is niets vastgelegd.",
				 json_string_value(o));
			render(rq, rs, &sc, proposal, NULL, msg, 403);
			authz_audit(rq, ACT_STAFFING, 403, sc.code);
			json_decref(orgs);
			json_decref(body);
			goto out;
		}
	json_decref(orgs);
	if (matching_accept(rq->store, &rq->actor, sc.code, body, &out, &p) < 0) {
		render(rq, rs, &sc, proposal, NULL, p.detail, p.status == 404 ? 422 : p.status);
		authz_audit(rq, ACT_STAFFING, p.status, sc.code);
		json_decref(body);
		goto out;
	}
	json_decref(body);
	struct buf loc;
	buf_init(&loc, 512);
	buf_adds(&loc, "/proeftuinen/");
	html_url_segment(&loc, sc.code);
	buf_printf(&loc, "/matching?geaccepteerd=%zu&minuten=%lld#inzet", json_array_size(json_object_get(out, "inzet")),
		   (long long)json_integer_value(json_object_get(out, "minuten")));
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Voorstel geaccepteerd.\n");
	authz_audit(rq, ACT_STAFFING, 303, sc.code);
	buf_release(&loc);
out:
	json_decref(out);
	json_decref(proposal);
	json_decref(in);
	json_decref(sc.pt);
	form_release(&f);
	return 0;
}

const struct route page_matching_routes[] = {
	{ "GET", "/proeftuinen/{p}/matching", get_matching, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "POST", "/proeftuinen/{p}/matching/accepteren", post_accept, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
