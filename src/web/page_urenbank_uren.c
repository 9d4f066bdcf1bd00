/* Booking hours and approving them (page_urenbank.h): the booking form
 * for staff, and the approval queue of the principal's manager with
 * approve and reject (with a reason) per entry. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/duration.h"
#include "core/nl.h"
#include "http/authz.h"
#include "http/form.h"
#include "store/urenbank.h"
#include "store/urenbank_overzicht.h"
#include "store/medewerkers.h"
#include "web/page_form.h"
#include "web/page_urenbank.h"

#define QUEUE_MAX 200
#define RECENT 15

/* An id from a form or path, 0 when there is none. */
static long long parse_id(const char *s)
{
	long long v;
	return http_parse_id(s, &v) < 0 ? 0 : v;
}

static void redirect(struct response *rs, const struct page_urenbank_page *pg, const char *rest, long long id)
{
	struct buf loc;
	buf_init(&loc, 512);
	buf_adds(&loc, "/proeftuinen/");
	html_url_segment(&loc, pg->code);
	buf_printf(&loc, "%s%lld", rest, id);
	resp_header(rs, "Location", buf_str(&loc));
	resp_text(rs, 303, "text/plain; charset=utf-8", "Verwerkt.\n");
	buf_release(&loc);
}

/* ---- form fields ---------------------------------------------------------- */

static void field_begin(struct buf *b, const char *id, const char *label, const char *hint, const char *error)
{
	html_raw(b, error ? "<div class=\"utrecht-form-field utrecht-form-field--invalid samen-ub-field\">"
			  : "<div class=\"utrecht-form-field samen-ub-field\">");
	html_raw(b, "<div class=\"utrecht-form-field__label\"><label class=\"utrecht-form-label\" for=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, label);
	html_raw(b, "</label></div>");
	if (hint) {
		html_raw(b, "<div class=\"utrecht-form-field-description samen-ub-hint\" id=\"");
		html_attr(b, id);
		html_raw(b, "-uitleg\">");
		html_txt(b, hint);
		html_raw(b, "</div>");
	}
	if (error) {
		html_raw(b, "<div class=\"utrecht-form-field-error-message samen-ub-error\" id=\"");
		html_attr(b, id);
		html_raw(b, "-fout\">");
		html_txt(b, error);
		html_raw(b, "</div>");
	}
	html_raw(b, "<div class=\"utrecht-form-field__input\">");
}

/* The attributes that tie an input to its hint and error. */
static void described(struct buf *b, const char *id, const char *hint, const char *error)
{
	if (error)
		html_raw(b, " aria-invalid=\"true\"");
	if (!hint && !error)
		return;
	html_raw(b, " aria-describedby=\"");
	if (hint) {
		html_attr(b, id);
		html_raw(b, "-uitleg");
	}
	if (error) {
		html_raw(b, hint ? " " : "");
		html_attr(b, id);
		html_raw(b, "-fout");
	}
	html_raw(b, "\"");
}

static void input(struct buf *b, const char *id, const char *label, const char *type, const char *value, const char *hint,
		  const char *error, const char *extra)
{
	field_begin(b, id, label, hint, error);
	html_raw(b, "<input class=\"utrecht-textbox utrecht-textbox--html-input");
	html_raw(b, error ? " utrecht-textbox--invalid\"" : "\"");
	described(b, id, hint, error);
	html_raw(b, " type=\"");
	html_attr(b, type);
	html_raw(b, "\" id=\"");
	html_attr(b, id);
	html_raw(b, "\" name=\"");
	html_attr(b, id);
	html_raw(b, "\" value=\"");
	html_attr(b, value ? value : "");
	html_raw(b, "\"");
	if (extra)
		html_raw(b, extra);
	html_raw(b, "></div></div>");
}

/* ---- the booking form ----------------------------------------------------- */

struct book_view {
	const struct page_form *pf; /* a refused booking, shown again */
	int status;
	const char *error; /* for the whole form */
	const char *opdracht, *medewerker, *datum, *tijd, *omschrijving;
	const char *e_opdracht, *e_medewerker, *e_datum, *e_tijd, *e_omschrijving;
};

static const char *const soorten[] = { "lokaal", "meervoudig-lokaal", "regionaal" };
static const char *const soort_labels[] = { "Lokaal", "Meervoudig lokaal", "Regionaal" };

static void opdracht_select(struct buf *b, json_t *opdrachten, const struct book_view *v)
{
	const char *hint = "Op een opdracht van een andere gemeente boekt u alleen binnen de inzet die daarvoor is afgesproken.";
	field_begin(b, "opdracht", "Opdracht", hint, v->e_opdracht);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select");
	html_raw(b, v->e_opdracht ? " utrecht-select--invalid\"" : "\"");
	described(b, "opdracht", hint, v->e_opdracht);
	html_raw(b, " id=\"opdracht\" name=\"opdracht\"><option value=\"\">Kies een opdracht</option>");
	for (int s = 0; s < 3; s++) {
		size_t i;
		json_t *o;
		int any = 0;
		json_array_foreach(opdrachten, i, o) {
			if (strcmp(json_string_value(json_object_get(o, "soort")), soorten[s]))
				continue;
			if (!any) {
				html_raw(b, "<optgroup label=\"");
				html_attr(b, soort_labels[s]);
				html_raw(b, "\">");
				any = 1;
			}
			char id[32];
			snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(o, "id")));
			html_raw(b, "<option value=\"");
			html_attr(b, id);
			html_raw(b, v->opdracht && !strcmp(v->opdracht, id) ? "\" selected>" : "\">");
			html_txt(b, json_string_value(json_object_get(o, "titel")));
			json_t *gevers = json_object_get(o, "opdrachtgevers");
			if (s < 2) {
				html_raw(b, " — ");
				size_t k;
				json_t *g;
				json_array_foreach(gevers, k, g) {
					if (k)
						html_raw(b, ", ");
					html_txt(b, json_string_value(json_object_get(g, "naam")));
				}
			}
			html_raw(b, "</option>");
		}
		if (any)
			html_raw(b, "</optgroup>");
	}
	html_raw(b, "</select></div></div>");
}

static void medewerkers_select(struct buf *b, json_t *staff, json_t *names, const struct book_view *v)
{
	field_begin(b, "medewerker", "Medewerker", NULL, v->e_medewerker);
	html_raw(b, "<select class=\"utrecht-select utrecht-select--html-select");
	html_raw(b, v->e_medewerker ? " utrecht-select--invalid\"" : "\"");
	described(b, "medewerker", NULL, v->e_medewerker);
	html_raw(b, " id=\"medewerker\" name=\"medewerker\">");
	if (json_array_size(staff) != 1)
		html_raw(b, "<option value=\"\">Kies een medewerker</option>");
	size_t i;
	json_t *m;
	json_array_foreach(staff, i, m) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(m, "id")));
		html_raw(b, "<option value=\"");
		html_attr(b, id);
		html_raw(b, v->medewerker && !strcmp(v->medewerker, id) ? "\" selected>" : "\">");
		html_txt(b, json_string_value(json_object_get(m, "naam")));
		const char *functie = json_string_value(json_object_get(m, "functie"));
		if (functie) {
			html_raw(b, ", ");
			html_txt(b, functie);
		}
		html_raw(b, " (");
		html_txt(b, page_name(names, json_string_value(json_object_get(m, "organisatie"))));
		html_raw(b, ")</option>");
	}
	html_raw(b, "</select></div></div>");
}

/* Staff who can book here: of the actor's organisation, or (beheerder
 * without one) of every member; a medewerker only themselves (the record
 * the account is linked to, as the policy decides). At most
 * PAGE_URENBANK_CHOICES, narrowed by the search zoek; *total counts the
 * matches up to one more. The one chosen before (keep) stays a choice. */
static json_t *bookable_staff(struct request *rq, const struct page_urenbank_page *pg, const char *zoek, const char *keep,
			      long long *total)
{
	json_t *all = NULL, *out = json_array();
	struct problem p;
	problem_init(&p);
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	struct urenbank_choice c = { .org = own,
				     .only = rq->actor.role == ROLE_MEDEWERKER ? rq->actor.medewerker : 0,
				     .zoek = zoek,
				     .limit = PAGE_URENBANK_CHOICES };
	*total = 0;
	if (urenbank_staff_choices(rq->store, pg->code, &c, &all, total, &p) < 0)
		return out;
	long long kept = keep ? parse_id(keep) : 0;
	size_t i;
	json_t *m;
	json_array_foreach(all, i, m)
		if (json_integer_value(json_object_get(m, "id")) == kept)
			kept = 0;
	if (kept) {
		json_t *one = NULL;
		long long n;
		c.only = c.only && c.only != kept ? -1 : kept;
		c.zoek = NULL;
		if (urenbank_staff_choices(rq->store, pg->code, &c, &one, &n, &p) == 0)
			json_array_extend(all, one);
		json_decref(one);
	}
	json_array_foreach(all, i, m) {
		const char *org = json_string_value(json_object_get(m, "organisatie"));
		if (policy_allows_record(&rq->actor, ACT_HOURS_BOOK, org, json_integer_value(json_object_get(m, "id"))))
			json_array_append(out, m);
	}
	json_decref(all);
	return out;
}

static void status_cell(struct buf *b, json_t *e)
{
	const char *status = json_string_value(json_object_get(e, "status"));
	html_raw(b, "<td class=\"utrecht-table__cell\"><span class=\"samen-badge samen-ub-badge--");
	html_attr(b, status);
	html_raw(b, "\">");
	html_txt(b, status);
	html_raw(b, "</span>");
	const char *reden = json_string_value(json_object_get(e, "reden"));
	if (reden) {
		html_raw(b, "<span class=\"samen-cell-note\">reden: ");
		html_txt(b, reden);
		html_raw(b, "</span>");
	}
	html_raw(b, "</td>");
}

static void recent_table(struct buf *b, json_t *recent, json_t *titles, const char *caption)
{
	if (!json_array_size(recent))
		return;
	static const char *const head[] = { "Datum", "Medewerker", "Opdracht", "#Tijd", "Status", NULL };
	page_table_begin(b, caption, NULL);
	page_table_head(b, head);
	size_t i;
	json_t *e;
	json_array_foreach(recent, i, e) {
		char id[32];
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(e, "opdracht")));
		html_raw(b,
			 "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
		html_date(b, json_string_value(json_object_get(e, "datum")));
		html_raw(b, "</th><td class=\"utrecht-table__cell\">");
		html_txt(b, json_string_value(json_object_get(e, "medewerkerNaam")));
		html_raw(b, "</td><td class=\"utrecht-table__cell\">");
		html_txt(b, json_string_value(json_object_get(titles, id)));
		html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
		page_urenbank_hours(b, json_integer_value(json_object_get(e, "minuten")));
		html_raw(b, "</td>");
		status_cell(b, e);
		html_raw(b, "</tr>");
	}
	page_table_end(b);
}

/* The inzet of the actor's organisation's staff on open opdrachten (where
 * they may book), one row per opdracht and medewerker. */
static void inzet_table(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, const char *org, json_t *names)
{
	json_t *rows = NULL;
	struct problem p;
	problem_init(&p);
	if (!org || urenbank_inzet_of(rq->store, pg->code, org, &rows, &p) < 0)
		return;
	size_t i;
	json_t *o;
	if (json_array_size(rows)) {
		struct buf cap;
		buf_init(&cap, 256);
		buf_printf(&cap, "Inzet van medewerkers van %s op opdrachten van andere gemeenten", page_name(names, org));
		static const char *const head[] = { "Opdracht", "Medewerker", "#Ingezet", NULL };
		page_table_begin(b, buf_str(&cap), NULL);
		buf_release(&cap);
		page_table_head(b, head);
		json_array_foreach(rows, i, o) {
			html_raw(b, "<tr class=\"utrecht-table__row\"><th scope=\"row\" class=\"utrecht-table__header-cell\">");
			html_txt(b, json_string_value(json_object_get(o, "titel")));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(o, "naam")));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_hours(b, json_integer_value(json_object_get(o, "minuten")));
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	json_decref(rows);
}

/* Whether the actor may book here at all; otherwise rs holds the refusal. */
static int may_book(struct request *rq, struct response *rs, const struct page_urenbank_page *pg)
{
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	if (!page_urenbank_may(rq, pg, ACT_HOURS_BOOK, own)) {
		authz_require_page(rq, rs, ACT_HOURS_BOOK, own);
		return 0;
	}
	if (!pg->member && rq->actor.role != ROLE_BEHEERDER) {
		page_error(rq, rs, 403, "Uw organisatie is geen lid van deze proeftuin; u kunt hier geen uren boeken.");
		authz_audit(rq, ACT_HOURS_BOOK, 403, pg->code);
		return 0;
	}
	return 1;
}

/* The opdracht chosen before (a refused booking shown again) stays a
 * choice when the first PAGE_URENBANK_CHOICES do not hold it. */
static void keep_chosen(struct request *rq, const struct page_urenbank_page *pg, json_t *opdrachten, const char *chosen)
{
	long long id = chosen ? parse_id(chosen) : 0;
	size_t i;
	json_t *o;
	json_array_foreach(opdrachten, i, o)
		if (json_integer_value(json_object_get(o, "id")) == id)
			return;
	struct problem p;
	problem_init(&p);
	if (id && urenbank_opdracht_get(rq->store, pg->code, id, &o, &p) == 0) {
		if (!strcmp(json_string_value(json_object_get(o, "status")), "open"))
			json_array_append(opdrachten, o);
		json_decref(o);
	}
}

/* Keeps the entries whose person's hours the actor may read (a medewerker:
 * their own; a manager: their organisation's staff). */
static void readable_only(struct request *rq, const struct page_urenbank_page *pg, json_t *entries)
{
	for (size_t i = json_array_size(entries); i-- > 0;) {
		json_t *e = json_array_get(entries, i);
		const struct policy_entry person = { json_string_value(json_object_get(e, "organisatie")),
						     json_integer_value(json_object_get(e, "medewerker")),
						     NULL,
						     0,
						     pg->verband,
						     pg->code };
		if (!policy_allows_entry(&rq->actor, ACT_HOURS_READ, &person))
			json_array_remove(entries, i);
	}
}

static void render_book(struct request *rq, struct response *rs, struct page_urenbank_page *pg, const struct book_view *v)
{
	struct problem p;
	problem_init(&p);
	json_t *opdrachten = NULL, *recent = NULL;
	const char *own = rq->actor.org[0] ? rq->actor.org : NULL;
	/* At national scale thousands of opdrachten and staff: a select shows
	 * the first PAGE_URENBANK_CHOICES, a search narrows them. */
	const char *zoek_o = page_urenbank_search_value(rq, "opdracht-zoek"),
		   *zoek_m = page_urenbank_search_value(rq, "medewerker-zoek");
	long long n_opdrachten = 0, n_staff = 0;
	const struct urenbank_choice c = { .zoek = zoek_o, .limit = PAGE_URENBANK_CHOICES };
	if (urenbank_opdracht_choices(rq->store, pg->code, &c, &opdrachten, &n_opdrachten, &p) < 0 ||
	    urenbank_uren_recent(rq->store, pg->code, own, RECENT, &recent, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(opdrachten);
		return;
	}
	keep_chosen(rq, pg, opdrachten, v->opdracht);
	json_t *names = page_urenbank_org_names(rq), *titles = page_urenbank_opdracht_titles(rq, pg),
	       *staff = bookable_staff(rq, pg, zoek_m, v->medewerker, &n_staff);
	readable_only(rq, pg, recent);
	page_urenbank_begin(rq, rs, pg, "Uren boeken", "boeken");
	struct buf *b = &rs->body;
	long long done = parse_id(req_query(rq, "ingediend"));
	json_t *entry = NULL;
	if (done && !v->error && !(v->pf && v->pf->loaded) &&
	    urenbank_uren_get(rq->store, &rq->actor, pg->code, done, &entry, &p) == 0) {
		char id[32], when[64], h[NL_TEXT_LEN];
		snprintf(id, sizeof(id), "%lld", (long long)json_integer_value(json_object_get(entry, "opdracht")));
		nl_hours(json_integer_value(json_object_get(entry, "minuten")), 0, h, sizeof(h));
		struct buf msg, d;
		buf_init(&msg, 1024);
		buf_init(&d, 64);
		html_date(&d, json_string_value(json_object_get(entry, "datum")));
		snprintf(when, sizeof(when), "%s", buf_str(&d));
		const char *who = json_string_value(json_object_get(entry, "medewerkerNaam"));
		buf_printf(&msg,
			   "Ingediend: %s%s%s op %s voor '%s'. De manager van een opdrachtgever keurt de uren goed; "
			   "pas dan tellen ze mee.",
			   h, who ? " van " : "", who ? who : "", when, json_string_value(json_object_get(titles, id)));
		page_urenbank_note(b, buf_str(&msg));
		buf_release(&msg);
		buf_release(&d);
	}
	json_decref(entry);
	if (v->error)
		page_alert(b, v->error);
	if (pg->closed) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Deze proeftuin is afgerekend en gesloten; er kunnen "
			    "geen uren meer worden geboekt.</p>");
	} else if ((!json_array_size(staff) && !zoek_m) || (!json_array_size(opdrachten) && !zoek_o)) {
		char why[400];
		if (rq->actor.role == ROLE_MEDEWERKER && !json_array_size(staff))
			authz_record_refusal(rq, ACT_HOURS_BOOK, why, sizeof(why));
		else
			snprintf(why, sizeof(why), "%s",
				 !json_array_size(staff) ? "Er zijn geen medewerkers van uw organisatie geregistreerd; vraag uw "
							   "manager om ze toe te voegen."
							 : "Er zijn geen open opdrachten om op te boeken.");
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">");
		html_txt(b, why);
		html_raw(b, "</p>");
	} else {
		html_raw(b, "<p class=\"utrecht-paragraph\">Boek gewerkte uren op een opdracht. Ze worden ingediend en tellen "
			    "mee zodra de manager van de opdrachtgever ze heeft goedgekeurd.</p>");
		char self[200];
		snprintf(self, sizeof(self), "/proeftuinen/%s/uren/nieuw", pg->code);
		const struct page_urenbank_search search[] = {
			{ "opdracht-zoek", "Zoek een opdracht (titel, omschrijving of contactpersoon)", zoek_o,
			  (long long)json_array_size(opdrachten), n_opdrachten },
			{ "medewerker-zoek", "Zoek een medewerker (naam of functie)", zoek_m, PAGE_URENBANK_CHOICES, n_staff },
			{ NULL, NULL, NULL, 0, 0 }
		};
		page_urenbank_choice_search(b, self, search);
		html_raw(b, "<form class=\"samen-ub-form\" method=\"post\" action=\"");
		page_urenbank_href(b, pg, "/uren");
		html_raw(b, "\" novalidate>");
		html_csrf_field(rq, b);
		opdracht_select(b, opdrachten, v);
		medewerkers_select(b, staff, names, v);
		char range[80];
		snprintf(range, sizeof(range), " min=\"%s\" max=\"%s\"", json_string_value(json_object_get(pg->pt, "van")),
			 json_string_value(json_object_get(pg->pt, "tot")));
		input(b, "datum", "Datum", "date", v->datum, NULL, v->e_datum, range);
		input(b, "tijd", "Tijd", "text", v->tijd,
		      "Als uren:minuten (7:30), in uren met een komma (7,5) of in minuten (450).", v->e_tijd,
		      " inputmode=\"decimal\" autocomplete=\"off\" size=\"8\"");
		field_begin(b, "omschrijving", "Omschrijving (niet verplicht)", NULL, v->e_omschrijving);
		html_raw(b, "<textarea class=\"utrecht-textarea utrecht-textarea--html-textarea");
		html_raw(b, v->e_omschrijving ? " utrecht-textarea--invalid\"" : "\"");
		described(b, "omschrijving", NULL, v->e_omschrijving);
		html_raw(b, " id=\"omschrijving\" name=\"omschrijving\" rows=\"3\" maxlength=\"1000\">");
		html_txt(b, v->omschrijving);
		html_raw(b, "</textarea></div></div><div class=\"utrecht-button-group\"><button class=\"utrecht-button "
			    "utrecht-button--primary-action\" type=\"submit\">Indienen</button></div></form>");
	}
	inzet_table(rq, b, pg, own, names);
	struct buf cap;
	buf_init(&cap, 256);
	if (own)
		buf_printf(&cap, "Laatst ingediende uren van medewerkers van %s", page_name(names, own));
	else
		buf_adds(&cap, "Laatst ingediende uren");
	recent_table(b, recent, titles, buf_str(&cap));
	buf_release(&cap);
	page_end(rq, rs);
	if (v->status)
		rs->status = v->status;
	json_decref(opdrachten);
	json_decref(recent);
	json_decref(names);
	json_decref(titles);
	json_decref(staff);
}

static const struct page_form_field book_fields[] = { { "opdracht", "opdracht", "Opdracht" },
						      { "medewerker", "medewerker", "Medewerker" },
						      { "datum", "datum", "Datum" },
						      { "minuten", "tijd", "Tijd" },
						      { "tijd", "tijd", "Tijd" },
						      { "omschrijving", "omschrijving", "Omschrijving" },
						      { NULL, NULL, NULL } };

int page_uren_form(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (may_book(rq, rs, &pg)) {
		/* A refused booking comes back here with what was typed. */
		struct page_form pf;
		page_form_load(rq, &pf);
		struct book_view v = { .pf = &pf };
		v.opdracht = page_form_value(&pf, NULL, "opdracht", NULL);
		v.medewerker = page_form_value(&pf, NULL, "medewerker", NULL);
		v.datum = page_form_value(&pf, NULL, "datum", NULL);
		v.tijd = page_form_value(&pf, NULL, "tijd", NULL);
		v.omschrijving = page_form_value(&pf, NULL, "omschrijving", NULL);
		v.e_opdracht = page_form_error(&pf, "opdracht");
		v.e_medewerker = page_form_error(&pf, "medewerker");
		v.e_datum = page_form_error(&pf, "datum");
		v.e_tijd = page_form_error(&pf, "tijd");
		v.e_omschrijving = page_form_error(&pf, "omschrijving");
		render_book(rq, rs, &pg, &v);
		page_form_release(&pf);
	}
	page_urenbank_page_release(&pg);
	return 0;
}

/* Back to the booking form with the refusal and what was typed. */
static void refuse_booking(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const struct form *f,
			   const struct problem *p)
{
	struct buf back;
	buf_init(&back, 256);
	buf_adds(&back, "/proeftuinen/");
	html_url_segment(&back, pg->code);
	buf_adds(&back, "/uren/nieuw");
	page_form_refuse(rq, rs, buf_str(&back), f, p, book_fields);
	buf_release(&back);
}

int page_uren_submit(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (!may_book(rq, rs, &pg)) {
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	struct book_view v = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render_book(rq, rs, &pg, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	v.opdracht = form_get(&f, "opdracht");
	v.medewerker = form_get(&f, "medewerker");
	v.datum = form_get(&f, "datum");
	v.tijd = form_get(&f, "tijd");
	v.omschrijving = form_get(&f, "omschrijving");
	long long opdracht = parse_id(v.opdracht), mw = parse_id(v.medewerker);
	int64_t minuten = 0;
	int32_t day;
	struct problem p;
	problem_init(&p);
	if (!opdracht)
		problem_param(&p, "opdracht", "Kies een opdracht.");
	if (!mw)
		problem_param(&p, "medewerker", "Kies een medewerker.");
	if (!v.datum || !v.datum[0])
		problem_param(&p, "datum", "Vul de datum in waarop is gewerkt.");
	else if (date_parse(v.datum, &day) < 0)
		problem_param(&p, "datum", "Dit is geen bestaande datum; schrijf hem als JJJJ-MM-DD, bijvoorbeeld 2012-03-05.");
	char why[160];
	if (!v.tijd || !v.tijd[strspn(v.tijd, " ")])
		problem_param(&p, "tijd", "Vul de gewerkte tijd in, bijvoorbeeld 7:30.");
	else if (duration_parse(v.tijd, &minuten, why, sizeof(why)) < 0)
		problem_param(&p, "tijd", "Deze tijd %s.", why);
	else if (minuten < 1 || minuten > 1440)
		problem_param(&p, "tijd", "Boek ten minste 1 minuut en hoogstens 24:00 uur per regel.");
	if (p.status) {
		snprintf(p.detail, sizeof(p.detail), "De uren zijn niet ingediend: verbeter wat hieronder staat.");
		refuse_booking(rq, rs, &pg, &f, &p);
		form_release(&f);
		page_urenbank_page_release(&pg);
		return 0;
	}
	/* Whose hours: the medewerker's organisation decides (as the API). */
	char org[40];
	if (medewerkers_org(rq->store, mw, org, sizeof(org), &p) < 0)
		snprintf(org, sizeof(org), "%s", rq->actor.org);
	problem_init(&p);
	if (!page_urenbank_may(rq, &pg, ACT_HOURS_BOOK, org[0] ? org : NULL) ||
	    !policy_allows_record(&rq->actor, ACT_HOURS_BOOK, org[0] ? org : NULL, mw)) {
		char refusal[400];
		if (page_urenbank_may(rq, &pg, ACT_HOURS_BOOK, org[0] ? org : NULL))
			authz_record_refusal(rq, ACT_HOURS_BOOK, refusal, sizeof(refusal));
		else
			snprintf(refusal, sizeof(refusal),
				 "U kunt alleen uren boeken voor medewerkers van uw eigen organisatie.");
		problem_set(&p, 403, "De uren zijn niet ingediend.");
		problem_param(&p, "medewerker", "%s", refusal);
		authz_audit(rq, ACT_HOURS_BOOK, 403, pg.code);
		refuse_booking(rq, rs, &pg, &f, &p);
		form_release(&f);
		page_urenbank_page_release(&pg);
		return 0;
	}
	json_t *in = json_pack("{s:I,s:I,s:s,s:I}", "medewerker", (json_int_t)mw, "opdracht", (json_int_t)opdracht, "datum",
			       v.datum, "minuten", (json_int_t)minuten);
	if (v.omschrijving && v.omschrijving[0])
		json_object_set_new(in, "omschrijving", json_string(v.omschrijving));
	json_t *out = NULL;
	int r = urenbank_uren_submit(rq->store, &rq->actor, pg.code, in, &out, &p);
	json_decref(in);
	authz_audit(rq, ACT_HOURS_BOOK, r < 0 ? p.status : 201, pg.code);
	if (r < 0)
		refuse_booking(rq, rs, &pg, &f, &p);
	else
		redirect(rs, &pg, "/uren/nieuw?ingediend=", (long long)json_integer_value(json_object_get(out, "id")));
	json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}

/* ---- the approval queue --------------------------------------------------- */

struct queue_view {
	const struct page_form *pf; /* a refused review, shown again */
	int status;
	const char *error; /* for the page */
	long long bad;     /* the entry whose reason is wrong */
	const char *reden_err;
	const char *reden;
};

/* The principal whose queue the actor sees: its own organisation, or NULL
 * (every principal) for a beheerder. 0 when it may see one; otherwise rs
 * holds the refusal. */
static int queue_org(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const char **org)
{
	*org = rq->actor.org[0] ? rq->actor.org : NULL;
	if (rq->actor.role == ROLE_BEHEERDER) {
		*org = NULL;
		return 0;
	}
	if (!page_urenbank_may(rq, pg, ACT_HOURS_APPROVE, *org)) {
		authz_require_page(rq, rs, ACT_HOURS_APPROVE, *org);
		return -1;
	}
	if (!pg->member) {
		page_error(rq, rs, 403, "Uw organisatie is geen lid van deze proeftuin en heeft hier geen opdrachten.");
		authz_audit(rq, ACT_HOURS_APPROVE, 403, pg->code);
		return -1;
	}
	return 0;
}

static void review_forms(struct request *rq, struct buf *b, const struct page_urenbank_page *pg, long long id,
			 const struct queue_view *v)
{
	char rest[96], fid[40];
	snprintf(rest, sizeof(rest), "/uren/%lld/goedkeuren", id);
	html_raw(b, "<div class=\"samen-ub-review\"><form class=\"samen-ub-review__approve\" method=\"post\" action=\"");
	page_urenbank_href(b, pg, rest);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	buf_printf(b,
		   "<button class=\"utrecht-button utrecht-button--primary-action\" type=\"submit\">Goedkeuren"
		   "<span class=\"samen-ub-vh\"> urenregel %lld</span></button></form>",
		   id);
	snprintf(rest, sizeof(rest), "/uren/%lld/afkeuren", id);
	html_raw(b, "<form class=\"samen-ub-review__reject\" method=\"post\" action=\"");
	page_urenbank_href(b, pg, rest);
	html_raw(b, "\">");
	html_csrf_field(rq, b);
	buf_printf(b, "<input type=\"hidden\" name=\"formulier\" value=\"afkeuren-%lld\">", id);
	snprintf(fid, sizeof(fid), "reden-%lld", id);
	const char *err = v->bad == id ? v->reden_err : NULL;
	field_begin(b, fid, "Reden van afkeuren", NULL, err);
	html_raw(b, "<input class=\"utrecht-textbox utrecht-textbox--html-input samen-ub-reason");
	html_raw(b, err ? " utrecht-textbox--invalid\"" : "\"");
	described(b, fid, NULL, err);
	html_raw(b, " type=\"text\" name=\"reden\" maxlength=\"1000\" id=\"");
	html_attr(b, fid);
	html_raw(b, "\" value=\"");
	html_attr(b, v->bad == id && v->reden ? v->reden : "");
	buf_printf(b,
		   "\"></div></div><button class=\"utrecht-button utrecht-button--secondary-action\" type=\"submit\">"
		   "Afkeuren<span class=\"samen-ub-vh\"> urenregel %lld</span></button></form></div>",
		   id);
}

static void render_queue(struct request *rq, struct response *rs, struct page_urenbank_page *pg, const char *org,
			 const struct queue_view *v)
{
	struct problem p;
	problem_init(&p);
	struct urenbank_uren_filter flt = { .status = "ingediend", .limit = QUEUE_MAX, .goedkeurder = org, .viewer = &rq->actor };
	json_t *queue = NULL;
	long long pending = 0;
	if (urenbank_uren_list(rq->store, pg->code, &flt, &queue, &p) < 0 ||
	    urenbank_pending_count(rq->store, pg->code, org, &pending, &p) < 0) {
		page_error(rq, rs, 500, p.detail);
		json_decref(queue);
		return;
	}
	json_t *names = page_urenbank_org_names(rq), *titles = page_urenbank_opdracht_titles(rq, pg);
	page_urenbank_begin(rq, rs, pg, "Goedkeuren", "goedkeuren");
	struct buf *b = &rs->body;
	const char *which[] = { "goedgekeurd", "afgekeurd" };
	for (int k = 0; k < 2 && !v->error && !(v->pf && v->pf->loaded); k++) {
		long long id = parse_id(req_query(rq, which[k]));
		json_t *e = NULL;
		if (!id || urenbank_uren_get(rq->store, &rq->actor, pg->code, id, &e, &p) < 0 ||
		    !json_object_get(e, "medewerkerNaam")) {
			json_decref(e);
			continue;
		}
		char h[NL_TEXT_LEN];
		nl_hours(json_integer_value(json_object_get(e, "minuten")), 0, h, sizeof(h));
		struct buf msg;
		buf_init(&msg, 512);
		buf_printf(&msg, "%s van %s is %s.", h, json_string_value(json_object_get(e, "medewerkerNaam")),
			   k ? "afgekeurd; de medewerker ziet de reden bij de ingediende uren"
			     : "goedgekeurd en geboekt: het saldo is bijgewerkt");
		page_urenbank_note(b, buf_str(&msg));
		buf_release(&msg);
		json_decref(e);
	}
	if (v->error)
		page_alert(b, v->error);
	html_raw(b, "<p class=\"utrecht-paragraph\">");
	if (org) {
		html_raw(b, "Uren die medewerkers hebben ingediend op opdrachten van ");
		html_txt(b, page_name(names, org));
		html_raw(b, ". Goedgekeurde uren worden geboekt: de gemeente van de medewerker brengt ze, de opdrachtgevers "
			    "halen hun aandeel. Wie afkeurt, geeft een reden. Uren van eigen medewerkers op een opdracht die "
			    "ook andere gemeenten betalen, keurt een andere opdrachtgever goed (vier ogen).");
	} else {
		html_raw(b, "Alle ingediende uren van deze proeftuin (als beheerder ziet u ze allemaal).");
	}
	html_raw(b, "</p>");
	if (!json_array_size(queue)) {
		html_raw(b, "<p class=\"utrecht-paragraph samen-empty\">Er wachten geen uren op goedkeuring.</p>");
	} else {
		struct buf cap;
		buf_init(&cap, 256);
		buf_printf(&cap, "%lld urenregel%s ter goedkeuring", pending, pending == 1 ? "" : "s");
		if ((long long)json_array_size(queue) < pending)
			buf_printf(&cap, " (de oudste %zu)", json_array_size(queue));
		static const char *const head[] = {
			"Datum", "Medewerker", "Opdracht", "#Tijd", "Omschrijving", "Beoordelen", NULL
		};
		page_table_begin(b, buf_str(&cap), "samen-table--wide samen-ub-queue");
		buf_release(&cap);
		page_table_head(b, head);
		size_t i;
		json_t *e;
		json_array_foreach(queue, i, e) {
			long long id = json_integer_value(json_object_get(e, "id"));
			char oid[32];
			snprintf(oid, sizeof(oid), "%lld", (long long)json_integer_value(json_object_get(e, "opdracht")));
			buf_printf(b, "<tr class=\"utrecht-table__row\" id=\"urenregel-%lld\">", id);
			html_raw(b, "<th scope=\"row\" class=\"utrecht-table__header-cell samen-nowrap\">");
			html_date(b, json_string_value(json_object_get(e, "datum")));
			html_raw(b, "</th><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(e, "medewerkerNaam")));
			html_raw(b, "<span class=\"samen-cell-note\">");
			html_txt(b, page_name(names, json_string_value(json_object_get(e, "organisatie"))));
			html_raw(b, "</span></td><td class=\"utrecht-table__cell\">");
			html_txt(b, json_string_value(json_object_get(titles, oid)));
			html_raw(b, "</td><td class=\"utrecht-table__cell utrecht-table__cell--numeric-column samen-nowrap\">");
			page_urenbank_hours(b, json_integer_value(json_object_get(e, "minuten")));
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			const char *oms = json_string_value(json_object_get(e, "omschrijving"));
			html_txt(b, oms ? oms : "—");
			html_raw(b, "</td><td class=\"utrecht-table__cell\">");
			review_forms(rq, b, pg, id, v);
			html_raw(b, "</td></tr>");
		}
		page_table_end(b);
	}
	page_end(rq, rs);
	if (v->status)
		rs->status = v->status;
	json_decref(queue);
	json_decref(names);
	json_decref(titles);
}

int page_queue(struct request *rq, struct response *rs)
{
	struct page_urenbank_page pg;
	const char *org;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (queue_org(rq, rs, &pg, &org) == 0) {
		/* A refused review comes back here: its form is "afkeuren-<id>". */
		struct page_form pf;
		page_form_load(rq, &pf);
		struct queue_view v = { .pf = &pf };
		const char *which = page_form_value(&pf, NULL, "formulier", NULL);
		if (which && !strncmp(which, "afkeuren-", 9)) {
			char id[40];
			v.bad = parse_id(which + 9);
			snprintf(id, sizeof(id), "reden-%lld", v.bad);
			v.reden = page_form_value(&pf, NULL, "reden", NULL);
			v.reden_err = page_form_error(&pf, id);
		}
		render_queue(rq, rs, &pg, org, &v);
		page_form_release(&pf);
	}
	page_urenbank_page_release(&pg);
	return 0;
}

/* Back to the queue with the refusal; a reason goes next to its entry. */
static void refuse_review(struct request *rq, struct response *rs, const struct page_urenbank_page *pg, const struct form *f,
			  const struct problem *p, long long id)
{
	char rid[40], label[64];
	snprintf(rid, sizeof(rid), "reden-%lld", id);
	snprintf(label, sizeof(label), "Reden van afkeuren (urenregel %lld)", id);
	const struct page_form_field fields[] = { { "reden", rid, label }, { NULL, NULL, NULL } };
	struct buf back;
	buf_init(&back, 256);
	buf_adds(&back, "/proeftuinen/");
	html_url_segment(&back, pg->code);
	buf_adds(&back, "/goedkeuren");
	page_form_refuse(rq, rs, buf_str(&back), f, p, fields);
	buf_release(&back);
}

/* Approves or rejects entry {id}: the manager of one of its principals. */
static int review(struct request *rq, struct response *rs, int approve)
{
	struct page_urenbank_page pg;
	const char *org;
	if (page_urenbank_page_load(rq, rs, &pg) < 0)
		return 0;
	if (queue_org(rq, rs, &pg, &org) < 0) {
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct queue_view v = { 0 };
	struct problem p;
	problem_init(&p);
	long long id = parse_id(req_param(rq, "id"));
	char staff[40];
	json_t *principals = NULL;
	if (!id || urenbank_uren_parties(rq->store, pg.code, id, staff, sizeof(staff), &principals, &p) < 0) {
		page_error(rq, rs, 404, "Deze urenregel bestaat niet in deze proeftuin.");
		page_urenbank_page_release(&pg);
		return 0;
	}
	int ok = 0;
	size_t i;
	json_t *x;
	json_array_foreach(principals, i, x)
		ok |= page_urenbank_may(rq, &pg, ACT_HOURS_APPROVE, json_string_value(x));
	if (!ok) {
		authz_require_page(rq, rs, ACT_HOURS_APPROVE, json_string_value(json_array_get(principals, 0)));
		json_decref(principals);
		page_urenbank_page_release(&pg);
		return 0;
	}
	json_decref(principals);
	char who[400] = "";
	if (approve && urenbank_uren_may(rq->store, &rq->actor, ACT_HOURS_APPROVE, pg.code, id, who, sizeof(who), &p) == 0) {
		/* Four eyes: the approval would credit the own organisation. */
		char msg[700];
		snprintf(msg, sizeof(msg),
			 "U mag deze uren niet goedkeuren: ze zijn gewerkt door een medewerker van uw eigen organisatie, "
			 "en goedkeuren boekt ze als door haar gebracht. Dat doet de manager van een andere opdrachtgever (%s).",
			 who);
		page_error(rq, rs, 403, msg);
		authz_audit(rq, ACT_HOURS_APPROVE, 403, pg.code);
		page_urenbank_page_release(&pg);
		return 0;
	}
	struct form f = { 0 };
	if (!form_is_urlencoded(rq) || form_parse(&f, rq->body, rq->body_len) < 0) {
		v.status = 400;
		v.error = "Het formulier kwam niet goed aan. Probeer het opnieuw.";
		render_queue(rq, rs, &pg, org, &v);
		page_urenbank_page_release(&pg);
		return 0;
	}
	json_t *out = NULL;
	int r;
	if (approve) {
		r = urenbank_uren_approve(rq->store, &rq->actor, pg.code, id, &out, &p);
	} else {
		v.reden = form_get(&f, "reden");
		char trimmed[8] = "";
		if (v.reden)
			snprintf(trimmed, sizeof(trimmed), "%s", v.reden + strspn(v.reden, " \t\r\n"));
		if (!trimmed[0]) {
			problem_set(&p, 400, "Niet afgekeurd: geef bij de urenregel een reden van afkeuren.");
			problem_param(&p, "reden",
				      "Geef een reden: de medewerker moet weten waarom de uren niet worden geboekt.");
			refuse_review(rq, rs, &pg, &f, &p, id);
			form_release(&f);
			page_urenbank_page_release(&pg);
			return 0;
		}
		json_t *in = json_pack("{s:s}", "reden", v.reden);
		r = urenbank_uren_reject(rq->store, &rq->actor, pg.code, id, in, &out, &p);
		json_decref(in);
	}
	authz_audit(rq, ACT_HOURS_APPROVE, r < 0 ? p.status : 200, pg.code);
	if (r < 0) {
		refuse_review(rq, rs, &pg, &f, &p, id);
	} else {
		redirect(rs, &pg, approve ? "/goedkeuren?goedgekeurd=" : "/goedkeuren?afgekeurd=", id);
	}
	json_decref(out);
	form_release(&f);
	page_urenbank_page_release(&pg);
	return 0;
}

int page_approve(struct request *rq, struct response *rs) { return review(rq, rs, 1); }
int page_reject(struct request *rq, struct response *rs) { return review(rq, rs, 0); }
