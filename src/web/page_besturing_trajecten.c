/* /trajecten/{id}: one traject as the stuurgroep and its eigenaar see it —
 * the business case with its figures and verdict, the milestones with
 * their history of delays (and a timeline), the decisions and the roles —
 * with the forms for who may: report a milestone done or postpone it
 * (mijlpaal-bijwerken); enter or replace the business case, add a
 * milestone, record a decision (besturen). See page_besturing.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "report/besturing_tijdlijn.h"
#include "store/register.h"
#include "store/besturing.h"
#include "web/page_besturing.h"
#include "web/page_form.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* What a failed form left behind, to show it again. */
struct form_state {
	const struct problem *p;
	const struct form *f;
	const char *which; /* "gereed", "uitstel", "besluit" */
	long long mid;
	const char *page; /* "besluit", "mijlpaal": the page of that creation form; NULL: the traject */
};

static int only(const struct form_state *st, const char *page) { return st && st->page && !strcmp(st->page, page); }

/* On the traject page a creation form is a link to its own page. */
static void new_link(struct buf *b, long long tid, const char *rest, const char *label)
{
	char href[96];
	snprintf(href, sizeof(href), "/trajecten/%lld/%s/nieuw", tid, rest);
	html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-button-link utrecht-button-link--html-a "
		    "utrecht-button-link--secondary-action\" href=\"");
	html_attr(b, href);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</a></p>");
}

static const char *fv(const struct form_state *st, const char *which, long long mid, const char *name, const char *dflt)
{
	if (st && st->f && !strcmp(st->which, which) && st->mid == mid) {
		const char *v = form_get(st->f, name);
		return v ? v : "";
	}
	return dflt;
}

/* The reason the failed form st gives for field name, or NULL. */
static const char *ferr(const struct form_state *st, const char *which, const char *name)
{
	if (!st || !st->p || strcmp(st->which, which))
		return NULL;
	for (int i = 0; i < st->p->nparams; i++)
		if (!strcmp(st->p->params[i].name, name))
			return st->p->params[i].reason;
	return NULL;
}

static void euro(struct buf *b, long long cents)
{
	char e[NL_TEXT_LEN];
	nl_euro(cents, e, sizeof(e));
	html_txt(b, e);
}

static void bc_form(struct request *rq, struct buf *b, json_t *t, json_t *bc, json_t *names, const struct form_state *st)
{
	if (rq->actor.role == ROLE_NONE || !rq->actor.csrf[0] || !policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband")))
		return;
	char action[80], years[24], permille[24];
	snprintf(action, sizeof(action), "/trajecten/%lld/businesscase", num(t, "id"));
	snprintf(years, sizeof(years), "%lld", bc ? num(bc, "periodeJaren") : 5LL);
	snprintf(permille, sizeof(permille), "%lld", bc ? num(bc, "discontoPromille") : 0LL);
	html_raw(b, bc ? "<h3 class=\"utrecht-heading-3\" id=\"kop-businesscase-invoeren\">Businesscase vervangen</h3>"
		       : "<h3 class=\"utrecht-heading-3\" id=\"kop-businesscase-invoeren\">Businesscase vastleggen</h3>");
	html_raw(b, "<p class=\"utrecht-paragraph\">Het opslaan vervangt de hele businesscase.</p>");
	page_besturing_form_begin(rq, b, action, "bst-formulier bst-formulier--breed");
	html_raw(b, "<input type=\"hidden\" name=\"formulier\" value=\"businesscase\">");
	page_form_default_button(b, "Businesscase opslaan");
	page_besturing_input(b, "bc-periode", "periodeJaren", "Periode in jaren", "number",
			     fv(st, "businesscase", 0, "periodeJaren", years), ferr(st, "businesscase", "periodeJaren"), 1);
	page_besturing_input(b, "bc-disconto", "discontoPromille", "Disconto in promille per jaar", "number",
			     fv(st, "businesscase", 0, "discontoPromille", permille),
			     ferr(st, "businesscase", "discontoPromille"), 0);
	int mine = st && st->f && !strcmp(st->which, "businesscase");
	page_besturing_posten_rows(b, mine ? st->f : NULL, mine ? st->p : NULL, bc ? json_object_get(bc, "posten") : NULL,
				   json_object_get(t, "deelnemers"), names);
	page_besturing_input(b, "bc-toelichting", "toelichting", "Toelichting (niet verplicht)", "textarea",
			     fv(st, "businesscase", 0, "toelichting", bc && str(bc, "toelichting") ? str(bc, "toelichting") : ""),
			     ferr(st, "businesscase", "toelichting"), 0);
	html_raw(b,
		 "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Businesscase opslaan</button>"
		 "</form>");
}

static void businesscase(struct request *rq, struct buf *b, json_t *t, json_t *bc, json_t *names, const struct form_state *st)
{
	html_raw(b, "<section aria-labelledby=\"kop-businesscase\"><h2 class=\"utrecht-heading-2\" id=\"kop-businesscase\">"
		    "Businesscase</h2>");
	if (!bc) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Voor dit traject is (nog) geen businesscase vastgelegd.</p>");
		bc_form(rq, b, t, NULL, names, st);
		html_raw(b, "</section>");
		return;
	}
	long long years = num(bc, "periodeJaren");
	int pays = str(bc, "oordeel") && !strcmp(str(bc, "oordeel"), "verdient-zich-terug");
	html_raw(b, "<p class=\"utrecht-paragraph\">Oordeel: <strong class=\"bst-oordeel bst-oordeel--");
	html_raw(b, pays ? "ja\">verdient zich terug" : "nee\">verdient zich niet terug");
	buf_printf(b, " binnen %lld jaar</strong>", years);
	if (num(bc, "discontoPromille"))
		buf_printf(b, " (disconto %lld‰ per jaar)", num(bc, "discontoPromille"));
	html_raw(b, ".");
	if (str(bc, "toelichtingOordeel")) {
		html_raw(b, " ");
		html_txt(b, str(bc, "toelichtingOordeel"));
	}
	html_raw(b, "</p>");
	if (str(bc, "toelichting")) {
		html_raw(b, "<p class=\"utrecht-paragraph\">");
		html_txt(b, str(bc, "toelichting"));
		html_raw(b, "</p>");
	}
	char netto[64];
	snprintf(netto, sizeof(netto), "#Netto over %lld jaar", years);
	const char *const head[] = { "Organisatie", "#Investering",           "#Kosten",          "#Besparing",
				     netto,         "#Netto contante waarde", "Terugverdienjaar", NULL };
	page_table_begin(b, "Businesscase per organisatie", "samen-table--wide");
	page_table_head(b, head);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(bc, "perOrganisatie"), i, r) {
		html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
		html_txt(b, str(r, "naam") ? str(r, "naam") : page_name(names, str(r, "organisatie")));
		const char *const cols[] = { "investeringCenten", "kostenCenten", "besparingCenten",
					     "nettoCenten",       "ncwCenten",    NULL };
		for (int k = 0; cols[k]; k++) {
			html_raw(b, k ? "</td>" : "</th>");
			html_raw(b, "<td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			euro(b, num(r, cols[k]));
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *ty = json_object_get(r, "terugverdienjaar");
		if (json_is_integer(ty))
			buf_printf(b, "jaar %lld", (long long)json_integer_value(ty));
		else
			buf_printf(b, "niet binnen %lld jaar", years);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	bc_form(rq, b, t, bc, names, st);
	html_raw(b, "</section>");
}

static void timeline(struct buf *b, json_t *t, json_t *ms)
{
	size_t n = json_array_size(ms), i;
	if (!n)
		return;
	struct plan_marker *mk = calloc(n, sizeof(*mk));
	struct plan_row *rows = calloc(n, sizeof(*rows));
	if (!mk || !rows) {
		free(mk), free(rows);
		return;
	}
	int32_t lo = DATE_NONE, hi = 0;
	json_t *m;
	json_array_foreach(ms, i, m) {
		const char *st = str(m, "status");
		int done = !strncmp(st, "gereed", 6);
		int32_t day, orig;
		const char *when = done ? str(json_object_get(m, "gereed"), "datum") : str(m, "deadline");
		if (!when || date_parse(when, &day) < 0)
			day = DATE_NONE;
		mk[i].label = str(m, "titel");
		mk[i].date = day;
		mk[i].kind = !strcmp(st, "gereed")           ? PLAN_DONE
			     : !strcmp(st, "gereed-te-laat") ? PLAN_DONE_LATE
			     : !strcmp(st, "te-laat")        ? PLAN_LATE
							     : PLAN_OPEN;
		mk[i].moved_from = json_array_size(json_object_get(m, "uitstel")) &&
						   date_parse(str(m, "oorspronkelijkeDeadline"), &orig) == 0
					   ? orig
					   : DATE_NONE;
		rows[i].label = str(m, "titel");
		rows[i].sublabel = str(m, "verantwoordelijke");
		rows[i].markers = &mk[i];
		rows[i].n = 1;
		if (day != DATE_NONE) {
			lo = day < lo ? day : lo;
			hi = day > hi ? day : hi;
		}
	}
	if (lo == DATE_NONE)
		lo = hi = date_today();
	char title[400];
	snprintf(title, sizeof(title), "Tijdlijn van de mijlpalen van %s", str(t, "taakveldNaam") ? str(t, "taakveldNaam") : "");
	struct plan_chart c = {
		"traject-tijdlijn",
		title,
		"Elke mijlpaal op een eigen regel, op de datum van de deadline of het gereedkomen; een stippellijn "
		"loopt van de oorspronkelijke naar de huidige deadline. De tabel eronder geeft dezelfde gegevens.",
		lo,
		hi,
		rows,
		n,
		1
	};
	html_raw(b, "<figure class=\"bst-figuur\">");
	besturing_tijdlijn_write(b, &c);
	html_raw(b, "</figure>");
	free(mk), free(rows);
}

static void milestone_forms(struct request *rq, struct buf *b, long long tid, json_t *m, const struct form_state *st)
{
	long long mid = num(m, "id");
	char today[DATE_TEXT_LEN], action[128], id[64];
	date_format(date_today(), today);
	int open = st && st->f && st->mid == mid;
	html_raw(b, open ? "<details class=\"bst-bijwerken\" open><summary>Bijwerken</summary>"
			 : "<details class=\"bst-bijwerken\"><summary>Bijwerken</summary>");
	snprintf(action, sizeof(action), "/trajecten/%lld/mijlpalen/%lld/gereed", tid, mid);
	page_besturing_form_begin(rq, b, action, "bst-formulier bst-formulier--klein");
	buf_printf(b,
		   "<input type=\"hidden\" name=\"formulier\" value=\"gereed\"><input type=\"hidden\" name=\"mijlpaal\" "
		   "value=\"%lld\">",
		   mid);
	html_raw(b, "<p class=\"bst-formulier__kop\">Gereed melden</p>");
	snprintf(id, sizeof(id), "gereed-datum-%lld", mid);
	page_besturing_input(b, id, "datum", "Gereed op", "date", fv(st, "gereed", mid, "datum", today),
			     st && st->mid == mid ? ferr(st, "gereed", "datum") : NULL, 1);
	snprintf(id, sizeof(id), "gereed-toelichting-%lld", mid);
	page_besturing_input(b, id, "toelichting", "Toelichting (niet verplicht)", "textarea",
			     fv(st, "gereed", mid, "toelichting", ""), NULL, 0);
	html_raw(b,
		 "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Gereed melden</button></form>");
	snprintf(action, sizeof(action), "/trajecten/%lld/mijlpalen/%lld/uitstel", tid, mid);
	page_besturing_form_begin(rq, b, action, "bst-formulier bst-formulier--klein");
	buf_printf(b,
		   "<input type=\"hidden\" name=\"formulier\" value=\"uitstel\"><input type=\"hidden\" name=\"mijlpaal\" "
		   "value=\"%lld\">",
		   mid);
	html_raw(b, "<p class=\"bst-formulier__kop\">Uitstellen</p>");
	snprintf(id, sizeof(id), "uitstel-deadline-%lld", mid);
	page_besturing_input(b, id, "nieuweDeadline", "Nieuwe deadline", "date", fv(st, "uitstel", mid, "nieuweDeadline", ""),
			     st && st->mid == mid ? ferr(st, "uitstel", "nieuweDeadline") : NULL, 1);
	snprintf(id, sizeof(id), "uitstel-reden-%lld", mid);
	page_besturing_input(b, id, "reden", "Reden", "textarea", fv(st, "uitstel", mid, "reden", ""),
			     st && st->mid == mid ? ferr(st, "uitstel", "reden") : NULL, 1);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">Uitstellen</button>"
		    "</form></details>");
}

static void milestone_new(struct request *rq, struct buf *b, json_t *t, json_t *names, const struct form_state *st)
{
	if (rq->actor.role == ROLE_NONE || !rq->actor.csrf[0] || !policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband")))
		return;
	if (!only(st, "mijlpaal")) {
		new_link(b, num(t, "id"), "mijlpalen", "Mijlpaal toevoegen");
		return;
	}
	char action[80];
	snprintf(action, sizeof(action), "/trajecten/%lld/mijlpalen", num(t, "id"));
	page_besturing_form_begin(rq, b, action, "bst-formulier");
	html_raw(b, "<input type=\"hidden\" name=\"formulier\" value=\"mijlpaal\">");
	page_besturing_input(b, "mijlpaal-titel", "titel", "Titel", "text", fv(st, "mijlpaal", 0, "titel", ""),
			     ferr(st, "mijlpaal", "titel"), 1);
	page_besturing_input(b, "mijlpaal-deadline", "deadline", "Deadline", "date", fv(st, "mijlpaal", 0, "deadline", ""),
			     ferr(st, "mijlpaal", "deadline"), 1);
	page_besturing_input(b, "mijlpaal-verantwoordelijke", "verantwoordelijke", "Verantwoordelijke (niet verplicht)", "text",
			     fv(st, "mijlpaal", 0, "verantwoordelijke", ""), ferr(st, "mijlpaal", "verantwoordelijke"), 0);
	page_besturing_select_orgs(b, "mijlpaal-organisatie", "organisatie", "Verantwoordelijke organisatie (niet verplicht)",
				   json_object_get(t, "deelnemers"), names, fv(st, "mijlpaal", 0, "organisatie", ""), 1);
	page_besturing_input(b, "mijlpaal-omschrijving", "omschrijving", "Omschrijving (niet verplicht)", "textarea",
			     fv(st, "mijlpaal", 0, "omschrijving", ""), ferr(st, "mijlpaal", "omschrijving"), 0);
	html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Mijlpaal toevoegen</button>"
		    "</form>");
}

static void milestones(struct request *rq, struct buf *b, json_t *t, json_t *ms, json_t *names, const struct form_state *st)
{
	long long tid = num(t, "id");
	html_raw(
		b,
		"<section aria-labelledby=\"kop-mijlpalen\"><h2 class=\"utrecht-heading-2\" id=\"kop-mijlpalen\">Mijlpalen</h2>");
	if (!json_array_size(ms)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Dit traject heeft nog geen mijlpalen.</p>");
		milestone_new(rq, b, t, names, st);
		html_raw(b, "</section>");
		return;
	}
	timeline(b, t, ms);
	static const char *const head[] = { "Mijlpaal",         "Deadline", "Stand vandaag", "Uitstel (oude deadline, reden)",
					    "Verantwoordelijk", NULL };
	page_table_begin(b, "Mijlpalen met hun geschiedenis van uitstel", "samen-table--wide");
	page_table_head(b, head);
	size_t i, k;
	json_t *m, *u;
	json_array_foreach(ms, i, m) {
		const char *status = str(m, "status");
		buf_printf(b,
			   "<tr class=\"utrecht-table__row\" id=\"mijlpaal-%lld\"><th scope=\"row\" "
			   "class=\"utrecht-table__header-cell\">",
			   num(m, "id"));
		html_txt(b, str(m, "titel"));
		if (str(m, "omschrijving")) {
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, str(m, "omschrijving"));
			html_raw(b, "</span>");
		}
		html_raw(b, "</th><td class=\"utrecht-table__cell samen-nowrap\">");
		html_date(b, str(m, "deadline"));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		page_besturing_status_badge(b, status);
		json_t *g = json_object_get(m, "gereed");
		if (json_is_object(g)) {
			html_raw(b, "<span class=\"samen-cell-note\">op ");
			html_date(b, str(g, "datum"));
			if (str(g, "toelichting")) {
				html_raw(b, ": ");
				html_txt(b, str(g, "toelichting"));
			}
			html_raw(b, "</span>");
		} else if (!strcmp(status, "te-laat")) {
			buf_printf(b, "<span class=\"samen-cell-note\">%lld dagen</span>", num(m, "dagenTeLaat"));
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		json_t *uitstel = json_object_get(m, "uitstel");
		if (!json_array_size(uitstel))
			html_raw(b, "—");
		else {
			html_raw(b, "<ol class=\"bst-uitstel\">");
			json_array_foreach(uitstel, k, u) {
				html_raw(b, "<li>");
				html_date(b, str(u, "oudeDeadline"));
				html_raw(b, " → ");
				html_date(b, str(u, "nieuweDeadline"));
				html_raw(b, " <span class=\"samen-muted\">(");
				html_date(b, str(u, "datum"));
				html_raw(b, ")</span>: ");
				html_txt(b, str(u, "reden"));
				html_raw(b, "</li>");
			}
			html_raw(b, "</ol>");
		}
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, str(m, "verantwoordelijke") ? str(m, "verantwoordelijke") : "—");
		if (str(m, "organisatieNaam")) {
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, str(m, "organisatieNaam"));
			html_raw(b, "</span>");
		}
		if (strncmp(status, "gereed", 6) &&
		    policy_allows(&rq->actor, ACT_MILESTONE_UPDATE, str(m, "organisatie"), str(t, "verband")) &&
		    rq->actor.role != ROLE_NONE && rq->actor.csrf[0])
			milestone_forms(rq, b, tid, m, st);
		html_raw(b, "</td></tr>");
	}
	page_table_end(b);
	milestone_new(rq, b, t, names, st);
	html_raw(b, "</section>");
}

static const char *const organen[] = { "stuurgroep", "stuurgroep",       "burgemeesters", "burgemeesters", "college", "college",
				       "or",         "ondernemingsraad", "raad",          "gemeenteraad",  NULL };
static const char *const uitkomsten[] = { "go",         "akkoord (go)",   "no-go",           "niet akkoord (no-go)",
					  "uitstel",    "uitgesteld",     "advies",          "advies",
					  "kennisname", "kennisname",     "advies-gevraagd", "advies gevraagd",
					  "kaders",     "kaders gesteld", "geconsulteerd",   "geconsulteerd",
					  NULL };

static const char *pair_label(const char *const *pairs, const char *v)
{
	for (int i = 0; pairs[i]; i += 2)
		if (v && !strcmp(pairs[i], v))
			return pairs[i + 1];
	return v ? v : "";
}

static void decisions(struct request *rq, struct buf *b, json_t *t, json_t *ds, json_t *names, const struct form_state *st)
{
	html_raw(
		b,
		"<section aria-labelledby=\"kop-besluiten\"><h2 class=\"utrecht-heading-2\" id=\"kop-besluiten\">Besluiten</h2>");
	if (!json_array_size(ds)) {
		html_raw(b, "<p class=\"utrecht-paragraph\">Over dit traject zijn nog geen besluiten vastgelegd.</p>");
	} else {
		static const char *const head[] = { "Datum", "Orgaan", "Uitkomst", "Onderwerp en toelichting", NULL };
		page_table_begin(b, "Besluiten over dit traject", "samen-table--wide");
		page_table_head(b, head);
		size_t i;
		json_t *d;
		json_array_foreach(ds, i, d) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell "
				    "samen-nowrap\">");
			html_date(b, str(d, "datum"));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, pair_label(organen, str(d, "orgaan")));
			if (str(d, "organisatieNaam")) {
				html_raw(b, " ");
				html_txt(b, str(d, "organisatieNaam"));
			}
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			html_txt(b, pair_label(uitkomsten, str(d, "uitkomst")));
			if (str(d, "advies")) {
				html_raw(b, ": ");
				page_label(b, str(d, "advies"));
			}
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			if (str(d, "onderwerp")) {
				html_raw(b, "<strong>");
				html_txt(b, str(d, "onderwerp"));
				html_raw(b, "</strong> ");
			}
			html_txt(b, str(d, "toelichting"));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	int may =
		rq->actor.role != ROLE_NONE && rq->actor.csrf[0] && policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband"));
	if (may && !only(st, "besluit"))
		new_link(b, num(t, "id"), "besluiten", "Besluit vastleggen");
	if (may && only(st, "besluit")) {
		char action[80], today[DATE_TEXT_LEN];
		date_format(date_today(), today);
		snprintf(action, sizeof(action), "/trajecten/%lld/besluiten", num(t, "id"));
		html_raw(b, "<h3 class=\"utrecht-heading-3\" id=\"kop-nieuw-besluit\">Besluit vastleggen</h3>");
		page_besturing_form_begin(rq, b, action, "bst-formulier");
		html_raw(b, "<input type=\"hidden\" name=\"formulier\" value=\"besluit\">");
		page_besturing_select(b, "besluit-orgaan", "orgaan", "Orgaan", organen,
				      fv(st, "besluit", 0, "orgaan", "stuurgroep"), ferr(st, "besluit", "orgaan"));
		page_besturing_select_orgs(b, "besluit-organisatie", "organisatie",
					   "Van welke gemeente (bij college, OR of raad)", json_object_get(t, "deelnemers"),
					   names, fv(st, "besluit", 0, "organisatie", ""), 1);
		page_besturing_input(b, "besluit-datum", "datum", "Datum", "date", fv(st, "besluit", 0, "datum", today),
				     ferr(st, "besluit", "datum"), 1);
		page_besturing_select(b, "besluit-uitkomst", "uitkomst", "Uitkomst", uitkomsten,
				      fv(st, "besluit", 0, "uitkomst", "go"), ferr(st, "besluit", "uitkomst"));
		/* Both are needed: a decision is kept for good and goes into the report. */
		page_besturing_input(b, "besluit-onderwerp", "onderwerp", "Onderwerp: waarover is besloten", "text",
				     fv(st, "besluit", 0, "onderwerp", ""), ferr(st, "besluit", "onderwerp"), 1);
		page_besturing_input(b, "besluit-toelichting", "toelichting", "Toelichting: wat is besloten, en waarom",
				     "textarea", fv(st, "besluit", 0, "toelichting", ""), ferr(st, "besluit", "toelichting"), 1);
		html_raw(b, "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Besluit "
			    "vastleggen</button>"
			    "</form>");
	}
	html_raw(b, "</section>");
}

static int render(struct request *rq, struct response *rs, long long tid, int status, const struct form_state *st)
{
	struct store *s = rq->store;
	struct problem p;
	problem_init(&p);
	json_t *t = NULL, *v = NULL, *bc = NULL, *ms = NULL, *ds = NULL, *rl = NULL;
	/* The traject as on ?datum= (today without one). */
	char date[DATE_TEXT_LEN];
	if (page_query_date(rq, date) < 0)
		date_format(date_today(), date);
	if (register_traject_get_on(s, tid, date, &t, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen traject met dit nummer." : p.detail);
		return 0;
	}
	struct besturing_ms_filter mf = { tid, NULL, NULL, NULL, NULL, NULL, NULL };
	struct besturing_decision_filter df = { tid, NULL, NULL, NULL, NULL, NULL };
	problem_init(&p);
	if (besturing_bc_get(s, tid, &bc, &p) < 0)
		bc = NULL;
	problem_init(&p);
	if (besturing_milestone_list(s, &mf, &ms, &p) < 0 || besturing_decision_list(s, &df, &ds, &p) < 0 ||
	    besturing_role_list(s, NULL, tid, &rl, &p) < 0) {
		json_decref(t), json_decref(bc), json_decref(ms), json_decref(ds);
		page_error(rq, rs, 500, p.detail);
		return 0;
	}
	problem_init(&p);
	register_verband_get(s, str(t, "verband"), &v, &p);
	json_t *ol = register_org_list(s), *names = page_names(ol);
	json_decref(ol);
	char title[400];
	snprintf(title, sizeof(title), "%s in %s", str(t, "taakveldNaam") ? str(t, "taakveldNaam") : "",
		 v && str(v, "naam") ? str(v, "naam") : str(t, "verband"));
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › ");
	page_verband_link(b, str(t, "verband"), v ? str(v, "naam") : str(t, "verband"));
	html_raw(b, " › Traject</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, str(t, "taakveldNaam"));
	html_raw(b, " <span class=\"bst-sub\">in ");
	html_txt(b, v ? str(v, "naam") : str(t, "verband"));
	html_raw(b, "</span></h1>");
	if (st && st->p && st->p->status)
		page_besturing_problem(b, st->p);
	const char *ok = status == 200 ? req_query(rq, "gelukt") : NULL;
	if (ok && !strcmp(ok, "gereed"))
		page_besturing_notice(b, "De mijlpaal is gereed gemeld.");
	else if (ok && !strcmp(ok, "uitstel"))
		page_besturing_notice(b, "Het uitstel is vastgelegd; de oude deadline en de reden blijven bewaard.");
	else if (ok && !strcmp(ok, "besluit"))
		page_besturing_notice(b, "Het besluit is vastgelegd.");
	else if (ok && !strcmp(ok, "businesscase"))
		page_besturing_notice(b, "De businesscase is opgeslagen.");
	else if (ok && !strcmp(ok, "mijlpaal"))
		page_besturing_notice(b, "De mijlpaal is toegevoegd.");
	if (ok && (!strcmp(ok, "wijziging") || !strcmp(ok, "deelname") || !strcmp(ok, "rol")))
		page_besturing_notice(b, "De wijziging is vastgelegd; wat ervoor gold, staat in het verloop.");
	html_raw(b, "<p class=\"utrecht-paragraph\"><a class=\"utrecht-link\" href=\"/trajecten/");
	html_int(b, tid);
	html_raw(b, "/besluitvorming\">Besluitvorming per organisatie</a> (stuurgroep, ondernemingsraad, college, raad)</p>");
	if (str(t, "omschrijving")) {
		html_raw(b, "<p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
		html_txt(b, str(t, "omschrijving"));
		html_raw(b, "</p>");
	}
	html_raw(b, "<dl class=\"utrecht-data-list utrecht-data-list--rows samen-facts\">");
	page_besturing_dd_begin(b, "Fase");
	page_label(b, str(t, "fase"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Vorm en intensiteit");
	page_label(b, str(t, "vorm"));
	html_raw(b, ", ");
	page_label(b, str(t, "intensiteit"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Deelnemers");
	page_org_links(b, names, json_object_get(t, "deelnemers"));
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Eigenaar");
	html_txt(b, str(t, "eigenaar") ? str(t, "eigenaar") : "nog niet benoemd");
	page_besturing_dd_end(b);
	page_besturing_dd_begin(b, "Looptijd");
	html_date(b, str(t, "start"));
	html_raw(b, " – ");
	if (str(t, "eind"))
		html_date(b, str(t, "eind"));
	else
		html_raw(b, "lopend");
	page_besturing_dd_end(b);
	if (str(t, "wettelijkeDeadline")) {
		page_besturing_dd_begin(b, "Wettelijke deadline");
		html_date(b, str(t, "wettelijkeDeadline"));
		page_besturing_dd_end(b);
	}
	html_raw(b, "</dl>");
	businesscase(rq, b, t, bc, names, st);
	milestones(rq, b, t, ms, names, st);
	decisions(rq, b, t, ds, names, st);
	page_besturing_roles(rq, b, t, rl);
	page_besturing_verloop(rq, b, t, date, NULL, NULL);
	page_end(rq, rs);
	json_decref(t), json_decref(v), json_decref(bc), json_decref(ms), json_decref(ds), json_decref(rl), json_decref(names);
	return 0;
}

/* A creation form of the traject on its own page: "besluit" (with the
 * decisions so far above it) or "mijlpaal". */
static int render_new(struct request *rq, struct response *rs, long long tid, int status, const struct form_state *st)
{
	struct store *s = rq->store;
	struct problem p;
	problem_init(&p);
	json_t *t = NULL, *ds = NULL;
	int besluit = only(st, "besluit");
	if (register_traject_get(s, tid, &t, &p) < 0) {
		page_error(rq, rs, p.status == 404 ? 404 : 500,
			   p.status == 404 ? "Er is geen traject met dit nummer." : p.detail);
		return 0;
	}
	if (!policy_allows(&rq->actor, ACT_STEER, NULL, str(t, "verband"))) {
		json_decref(t);
		page_error(rq, rs, rq->actor.role == ROLE_NONE ? 401 : 403,
			   besluit ? "Alleen de stuurgroep of procesmanager van dit verband legt besluiten vast."
				   : "Alleen de stuurgroep of procesmanager van dit verband voegt mijlpalen toe.");
		return 0;
	}
	struct besturing_decision_filter df = { tid, NULL, NULL, NULL, NULL, NULL };
	if (besluit && besturing_decision_list(s, &df, &ds, &p) < 0) {
		json_decref(t);
		page_error(rq, rs, 500, p.detail);
		return 0;
	}
	json_t *ol = register_org_list(s), *names = page_names(ol);
	json_decref(ol);
	const char *what = besluit ? "Besluit vastleggen" : "Mijlpaal toevoegen";
	char title[400];
	snprintf(title, sizeof(title), "%s — %s", what, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : "");
	page_begin(rq, rs, title);
	rs->status = status;
	struct buf *b = &rs->body;
	page_besturing_stylesheet(b, "besturing.css");
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/\">Overzicht</a> › ");
	page_besturing_trajectlink(b, tid, str(t, "taakveldNaam"));
	html_raw(b, " › ");
	html_txt(b, what);
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, what);
	html_raw(b, " <span class=\"bst-sub\">");
	html_txt(b, str(t, "taakveldNaam"));
	html_raw(b, "</span></h1>");
	if (st->p && st->p->status)
		page_besturing_problem(b, st->p);
	if (besluit)
		decisions(rq, b, t, ds, names, st);
	else
		milestone_new(rq, b, t, names, st);
	page_end(rq, rs);
	json_decref(t), json_decref(ds), json_decref(names);
	return 0;
}

static int traject_new(struct request *rq, struct response *rs, const char *page)
{
	long long tid;
	if (http_parse_id(req_param(rq, "id"), &tid) < 0) {
		page_error(rq, rs, 404, "Er is geen traject met dit nummer.");
		return 0;
	}
	/* A refused form comes back here with what was typed (page_form.h). */
	struct page_form pf;
	struct problem err;
	struct form_state st = { NULL, NULL, page, 0, page };
	if (page_form_load(rq, &pf) && page_form_is(&pf, page)) {
		page_form_problem(&pf, &err);
		st.p = &err;
		st.f = &pf.f;
	}
	render_new(rq, rs, tid, 200, &st);
	page_form_release(&pf);
	return 0;
}

int page_traject_decision_new(struct request *rq, struct response *rs) { return traject_new(rq, rs, "besluit"); }
int page_traject_milestone_new(struct request *rq, struct response *rs) { return traject_new(rq, rs, "mijlpaal"); }

int page_traject(struct request *rq, struct response *rs)
{
	long long tid;
	if (http_parse_id(req_param(rq, "id"), &tid) < 0) {
		page_error(rq, rs, 404, "Er is geen traject met dit nummer.");
		return 0;
	}
	/* A refused form of this page comes back with what was typed (page_form.h). */
	struct page_form pf;
	struct problem err;
	if (page_form_load(rq, &pf)) {
		page_form_problem(&pf, &err);
		long long mid = 0;
		http_parse_id(page_form_value(&pf, NULL, "mijlpaal", ""), &mid);
		struct form_state st = { &err, &pf.f, page_form_value(&pf, NULL, "formulier", ""), mid, NULL };
		render(rq, rs, tid, 200, &st);
	} else {
		render(rq, rs, tid, 200, NULL);
	}
	page_form_release(&pf);
	return 0;
}

/* Back to the traject's page with the refused form kind (mid: of that milestone). */
static void refuse(struct request *rq, struct response *rs, long long tid, const char *kind, long long mid, const struct form *f,
		   const struct problem *p)
{
	char back[64], id[7][64];
	/* A decision or milestone is made on its own page; the rest on the traject's. */
	snprintf(back, sizeof(back), "/trajecten/%lld%s", tid,
		 !strcmp(kind, "besluit")    ? "/besluiten/nieuw"
		 : !strcmp(kind, "mijlpaal") ? "/mijlpalen/nieuw"
					     : "");
	struct page_form_field fields[16];
	int n = 0;
	static const char *const decision[][3] = { { "orgaan", "besluit-orgaan", "Orgaan" },
						   { "organisatie", "besluit-organisatie", "Van welke gemeente" },
						   { "datum", "besluit-datum", "Datum" },
						   { "uitkomst", "besluit-uitkomst", "Uitkomst" },
						   { "onderwerp", "besluit-onderwerp", "Onderwerp" },
						   { "toelichting", "besluit-toelichting", "Toelichting" },
						   { NULL, NULL, NULL } };
	static const char *const milestone[][3] = { { "titel", "mijlpaal-titel", "Titel" },
						    { "deadline", "mijlpaal-deadline", "Deadline" },
						    { "verantwoordelijke", "mijlpaal-verantwoordelijke", "Verantwoordelijke" },
						    { "organisatie", "mijlpaal-organisatie", "Verantwoordelijke organisatie" },
						    { "omschrijving", "mijlpaal-omschrijving", "Omschrijving" },
						    { NULL, NULL, NULL } };
	static const char *const bc[][3] = { { "periodeJaren", "bc-periode", "Periode in jaren" },
					     { "discontoPromille", "bc-disconto", "Disconto" },
					     { "toelichting", "bc-toelichting", "Toelichting" },
					     { "posten[].organisatie", "po-{n}-organisatie", "Post {n}, gemeente" },
					     { "posten[].soort", "po-{n}-soort", "Post {n}, soort" },
					     { "posten[].jaar", "po-{n}-jaar", "Post {n}, jaar" },
					     { "posten[].centen", "po-{n}-bedrag", "Post {n}, bedrag" },
					     { "posten[].verdeelsleutel", "po-{n}-verdeelsleutel", "Post {n}, verdeelsleutel" },
					     { "posten[].omschrijving", "po-{n}-omschrijving", "Post {n}, omschrijving" },
					     { "posten[]", "po-{n}-jaar", "Post {n}" },
					     { "posten", "po-1-jaar", "Posten" },
					     { NULL, NULL, NULL } };
	const char *const(*table)[3] = !strcmp(kind, "besluit")        ? decision
				       : !strcmp(kind, "mijlpaal")     ? milestone
				       : !strcmp(kind, "businesscase") ? bc
								       : NULL;
	for (int i = 0; table && table[i][0]; i++)
		fields[n++] = (struct page_form_field){ table[i][0], table[i][1], table[i][2] };
	if (!table) { /* gereed, uitstel: the fields of that milestone */
		int done = !strcmp(kind, "gereed");
		snprintf(id[0], sizeof(id[0]), "%s-datum-%lld", done ? "gereed" : "uitstel", mid);
		snprintf(id[1], sizeof(id[1]), "gereed-toelichting-%lld", mid);
		snprintf(id[2], sizeof(id[2]), "uitstel-deadline-%lld", mid);
		snprintf(id[3], sizeof(id[3]), "uitstel-reden-%lld", mid);
		fields[n++] = (struct page_form_field){ "datum", id[0], done ? "Gereed op" : "Datum" };
		fields[n++] = (struct page_form_field){ "toelichting", id[1], "Toelichting" };
		fields[n++] = (struct page_form_field){ "nieuweDeadline", id[2], "Nieuwe deadline" };
		fields[n++] = (struct page_form_field){ "reden", id[3], "Reden" };
	}
	fields[n] = (struct page_form_field){ NULL, NULL, NULL };
	page_form_refuse(rq, rs, back, f, p, fields);
}

/* ---- the forms ------------------------------------------------------------------------------ */

enum post_kind { POST_DONE, POST_POSTPONE, POST_DECISION, POST_MILESTONE };

static int post(struct request *rq, struct response *rs, enum post_kind kind)
{
	enum action act = kind == POST_DECISION || kind == POST_MILESTONE ? ACT_STEER : ACT_MILESTONE_UPDATE;
	long long tid = 0, mid = 0;
	char verband[64] = "", morg[48] = "", object[160];
	struct problem p;
	problem_init(&p);
	int r = http_parse_id(req_param(rq, "id"), &tid) < 0
			? problem_set(&p, 404, "Er is geen traject met dit nummer.")
			: besturing_traject_verband(rq->store, tid, verband, sizeof(verband), &p);
	if (r == 0 && kind != POST_DECISION && kind != POST_MILESTONE)
		r = http_parse_id(req_param(rq, "mid"), &mid) < 0
			    ? problem_set(&p, 404, "Er is geen mijlpaal met dit nummer.")
			    : besturing_milestone_org(rq->store, tid, mid, morg, sizeof(morg), &p);
	if (r < 0) {
		page_error(rq, rs, 404, p.detail);
		authz_audit(rq, act, 404, NULL);
		return 0;
	}
	if (mid)
		snprintf(object, sizeof(object), "%s traject %lld mijlpaal %lld", verband, tid, mid);
	else
		snprintf(object, sizeof(object), "%s traject %lld", verband, tid);
	if (!policy_allows(&rq->actor, act, morg[0] ? morg : NULL, verband)) {
		page_error(rq, rs, 403,
			   kind == POST_DECISION ? "Alleen de stuurgroep of procesmanager van dit verband legt besluiten vast."
			   : kind == POST_MILESTONE
				   ? "Alleen de stuurgroep of procesmanager van dit verband voegt mijlpalen toe."
				   : "Alleen de stuurgroep, de procesmanager of de manager van de verantwoordelijke "
				     "organisatie werkt deze mijlpaal bij.");
		authz_audit(rq, act, 403, object);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		authz_audit(rq, act, 400, object);
		return 0;
	}
	json_t *in = json_object(), *out = NULL;
	static const char *const fields[][4] = { { "datum", "toelichting", NULL, NULL },
						 { "nieuweDeadline", "reden", NULL, NULL },
						 { "orgaan", "organisatie", "datum", "uitkomst" },
						 { "titel", "deadline", "verantwoordelijke", "organisatie" } };
	for (int i = 0; i < 4 && fields[kind][i]; i++) {
		const char *v = form_get(&f, fields[kind][i]);
		if (v && v[0])
			json_object_set_new(in, fields[kind][i], json_string(v));
	}
	if (kind == POST_MILESTONE) {
		const char *v = form_get(&f, "omschrijving");
		if (v && v[0])
			json_object_set_new(in, "omschrijving", json_string(v));
	}
	if (kind == POST_DECISION) {
		for (int i = 0; i < 2; i++) {
			const char *name = i ? "toelichting" : "onderwerp", *v = form_get(&f, name);
			if (v && v[0])
				json_object_set_new(in, name, json_string(v));
		}
		/* An OR, college or raad step is someone of that organisation's. */
		const char *orgaan = form_get(&f, "orgaan"), *org = form_get(&f, "organisatie");
		if (orgaan && (!strcmp(orgaan, "or") || !strcmp(orgaan, "college") || !strcmp(orgaan, "raad")) && org && org[0] &&
		    !policy_allows(&rq->actor, ACT_DECISION_RECORD, org, verband)) {
			json_decref(in);
			form_release(&f);
			page_error(
				rq, rs, 403,
				"Een stap van de ondernemingsraad, het college of de raad legt iemand van die organisatie vast.");
			authz_audit(rq, ACT_DECISION_RECORD, 403, object);
			return 0;
		}
	}
	r = kind == POST_DONE        ? besturing_milestone_done(rq->store, tid, mid, in, &out, &p)
	    : kind == POST_POSTPONE  ? besturing_milestone_postpone(rq->store, tid, mid, in, &out, &p)
	    : kind == POST_MILESTONE ? besturing_milestone_create(rq->store, tid, in, &out, &p)
				     : besturing_decision_create(rq->store, NULL, tid, in, &out, &p);
	json_decref(in), json_decref(out);
	static const char *const which[] = { "gereed", "uitstel", "besluit", "mijlpaal" };
	if (r < 0) {
		if (!p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "Dat ging niet.");
		refuse(rq, rs, tid, which[kind], mid, &f, &p);
		authz_audit(rq, act, page_besturing_form_status(r), object);
		form_release(&f);
		return 0;
	}
	form_release(&f);
	char loc[160];
	if (mid)
		snprintf(loc, sizeof(loc), "/trajecten/%lld?gelukt=%s#mijlpaal-%lld", tid, which[kind], mid);
	else
		snprintf(loc, sizeof(loc), "/trajecten/%lld?gelukt=%s#kop-%s", tid, which[kind],
			 kind == POST_MILESTONE ? "mijlpalen" : "besluiten");
	resp_header(rs, "Location", loc);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Vastgelegd.\n");
	authz_audit(rq, act, 303, object);
	return 0;
}

int page_traject_done(struct request *rq, struct response *rs) { return post(rq, rs, POST_DONE); }
int page_traject_postpone(struct request *rq, struct response *rs) { return post(rq, rs, POST_POSTPONE); }
int page_traject_decision(struct request *rq, struct response *rs) { return post(rq, rs, POST_DECISION); }
int page_traject_milestone(struct request *rq, struct response *rs) { return post(rq, rs, POST_MILESTONE); }

/* The business case form: the posten field line by line, amounts in euros
 * to cents exactly; the usage shares already stored are kept. */
int page_traject_bc(struct request *rq, struct response *rs)
{
	long long tid = 0;
	char verband[64] = "", object[160];
	struct problem p;
	problem_init(&p);
	int r = http_parse_id(req_param(rq, "id"), &tid) < 0
			? problem_set(&p, 404, "Er is geen traject met dit nummer.")
			: besturing_traject_verband(rq->store, tid, verband, sizeof(verband), &p);
	if (r < 0) {
		page_error(rq, rs, 404, p.detail);
		authz_audit(rq, ACT_STEER, 404, NULL);
		return 0;
	}
	snprintf(object, sizeof(object), "%s traject %lld", verband, tid);
	if (!policy_allows(&rq->actor, ACT_STEER, NULL, verband)) {
		page_error(rq, rs, 403, "Alleen de stuurgroep of procesmanager van dit verband legt de businesscase vast.");
		authz_audit(rq, ACT_STEER, 403, object);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		page_error(rq, rs, 400, "Het formulier kon niet worden gelezen.");
		authz_audit(rq, ACT_STEER, 400, object);
		return 0;
	}
	json_t *in = json_object(), *posten = json_array();
	static const char *const nums[] = { "periodeJaren", "discontoPromille", NULL };
	for (int i = 0; nums[i]; i++) {
		const char *v = form_get(&f, nums[i]);
		if (!v || !v[0]) {
			if (!i)
				problem_param(&p, nums[i], "vul het aantal jaren in");
			continue;
		}
		char *end;
		long long n = strtoll(v, &end, 10);
		if (*end || n < 0 || n > 1000000)
			problem_param(&p, nums[i], "moet een geheel getal zijn");
		else
			json_object_set_new(in, nums[i], json_integer(n));
	}
	const char *tl = form_get(&f, "toelichting");
	if (tl && tl[0])
		json_object_set_new(in, "toelichting", json_string(tl));
	if (page_form_more_asked(&f)) {
		char back[64];
		snprintf(back, sizeof(back), "/trajecten/%lld", tid);
		page_form_more(rq, rs, back, &f, page_form_more_asked(&f));
		json_decref(in), json_decref(posten);
		form_release(&f);
		return 0;
	}
	int rows[256], n;
	page_besturing_posten_read(&f, posten, &p, rows, 256);
	n = (int)json_array_size(posten);
	json_object_set_new(in, "posten", posten);
	json_t *old = NULL, *out = NULL;
	struct problem q;
	problem_init(&q);
	if (besturing_bc_get(rq->store, tid, &old, &q) == 0 && json_array_size(json_object_get(old, "gebruik")))
		json_object_set(in, "gebruik", json_object_get(old, "gebruik"));
	json_decref(old);
	if (p.status) {
		snprintf(p.detail, sizeof(p.detail), "De businesscase is niet opgeslagen: verbeter de velden met een fout.");
		r = -p.status;
	} else {
		r = besturing_bc_put(rq->store, tid, in, &out, &p);
	}
	/* "posten[k]…" of the store (and of the rows) as the row it came from. */
	page_form_remap(&p, "posten", rows, n);
	json_decref(in), json_decref(out);
	if (r < 0) {
		if (!p.detail[0])
			snprintf(p.detail, sizeof(p.detail), "De businesscase is niet opgeslagen.");
		refuse(rq, rs, tid, "businesscase", 0, &f, &p);
		authz_audit(rq, ACT_STEER, page_besturing_form_status(r), object);
		form_release(&f);
		return 0;
	}
	form_release(&f);
	char loc[160];
	snprintf(loc, sizeof(loc), "/trajecten/%lld?gelukt=businesscase#kop-businesscase", tid);
	resp_header(rs, "Location", loc);
	resp_text(rs, 303, "text/plain; charset=utf-8", "Opgeslagen.\n");
	authz_audit(rq, ACT_STEER, 303, object);
	return 0;
}
