/* The stand-van-zaken report as a whole, the two halves of rapportage.h:
 * rapportage_build() gathers the model from the store, and
 * rapportage_html()/rapportage_markdown() write it, chapter by chapter,
 * through the one writer (rapportage_schrijver.c). The chapters are in
 * rapportage_hoofdstukken.c and rapportage_planning.c, the pieces of text
 * they are made of in rapportage_tekst.c. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/escape.h"
#include "core/kwaliteitskaart.h"
#include "core/nl.h"
#include "report/rapportage_intern.h"
#include "store/besturing.h"
#include "store/kwaliteitskaart.h"
#include "store/urenbank_overzicht.h"
#include "store/register.h"
#include "store/register_belangen.h"
#include "store/urenbank.h"

/* ---- the model ----------------------------------------------------------------- */

/* The other members of verband code during [van, tot]. */
static json_t *partners_of(struct store *s, const char *code, const char *org, const char *van, const char *tot)
{
	json_t *v = NULL, *a = json_array();
	struct problem q;
	problem_init(&q);
	if (register_verband_get(s, code, &v, &q) < 0)
		return a;
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(v, "leden"), i, l) {
		const char *lv = str(l, "van"), *lt = str(l, "tot"), *lo = str(l, "organisatie");
		if (!lo || !strcmp(lo, org) || (lv && strcmp(lv, tot) > 0) || (lt && strcmp(lt, van) <= 0))
			continue;
		int dup = 0;
		size_t k;
		json_t *x;
		json_array_foreach(a, k, x)
			dup |= !strcmp(str(x, "organisatie"), lo);
		if (!dup)
			json_array_append_new(a, json_pack("{s:s,s:s,s:s}", "organisatie", lo, "naam",
							   str(l, "naam") ? str(l, "naam") : lo, "rol",
							   str(l, "rol") ? str(l, "rol") : "lid"));
	}
	json_decref(v);
	return a;
}

/* The whole business case: every partner's figures and the explanation. */
static void enrich_businesscase(struct store *s, json_t *t)
{
	json_t *bc = json_object_get(t, "businesscase"), *full = NULL;
	struct problem q;
	problem_init(&q);
	if (!json_is_object(bc) || besturing_bc_get(s, num(t, "id"), &full, &q) < 0)
		return;
	json_object_set(bc, "perOrganisatie", json_object_get(full, "perOrganisatie"));
	json_object_set(bc, "toelichting", json_object_get(full, "toelichting"));
	json_decref(full);
}

/* Legal deadlines from van on, one per task field and date. */
static json_t *legal_deadlines(json_t *verbanden, const char *van)
{
	json_t *a = json_array();
	size_t i, j, k;
	json_t *v, *t, *x;
	json_array_foreach(verbanden, i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			const char *wd = str(t, "wettelijkeDeadline");
			if (!wd || strcmp(wd, van) < 0)
				continue;
			json_t *found = NULL;
			json_array_foreach(a, k, x)
				if (!strcmp(str(x, "datum"), wd) && !strcmp(str(x, "taakveld"), str(t, "taakveld")))
					found = x;
			if (!found) {
				found = json_pack("{s:s,s:s,s:s,s:[]}", "taakveld", str(t, "taakveld"), "taakveldNaam",
						  str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"), "datum",
						  wd, "verbanden");
				json_array_append_new(a, found);
			}
			json_array_append_new(json_object_get(found, "verbanden"), json_string(str(v, "naam")));
		}
	/* By date, then task field: a handful, so insertion sort. */
	size_t n = json_array_size(a);
	for (i = 1; i < n; i++)
		for (k = i; k > 0; k--) {
			json_t *p = json_array_get(a, k - 1), *c = json_array_get(a, k);
			int cmp = strcmp(str(p, "datum"), str(c, "datum"));
			if (cmp < 0 || (cmp == 0 && strcmp(str(p, "taakveld"), str(c, "taakveld")) <= 0))
				break;
			json_incref(p);
			json_array_set(a, k - 1, c);
			json_array_set_new(a, k, p);
		}
	return a;
}

/* The proeftuinen org is a member of during the period, with the balances. */
static json_t *hour_balances(struct store *s, const char *org, const char *van, const char *tot)
{
	json_t *list = urenbank_proeftuin_list(s), *a = json_array();
	size_t i;
	json_t *pt;
	json_array_foreach(list, i, pt) {
		const char *pv = str(pt, "van"), *pe = str(pt, "tot");
		if ((pv && strcmp(pv, tot) > 0) || (pe && strcmp(pe, van) < 0))
			continue;
		int member = 0;
		size_t k;
		json_t *l;
		json_array_foreach(json_object_get(pt, "leden"), k, l) {
			const char *code = json_is_string(l) ? json_string_value(l) : str(l, "organisatie");
			member |= code && !strcmp(code, org);
		}
		json_t *saldi = NULL;
		struct problem q;
		problem_init(&q);
		/* The balances at the end of the period; only a period that runs
		 * to today shows what is committed and still available. */
		char today[DATE_TEXT_LEN];
		date_format(date_today(), today);
		int now = strcmp(tot, today) >= 0;
		if (!member || (now ? urenbank_saldi(s, str(pt, "code"), &saldi, &q)
				    : urenbank_saldi_on(s, str(pt, "code"), tot, &saldi, &q)) < 0)
			continue;
		json_t *o = json_pack("{s:O,s:O,s:O,s:O,s:O,s:O,s:o}", "code", json_object_get(pt, "code"), "naam",
				      json_object_get(pt, "naam"), "van", json_object_get(pt, "van"), "tot",
				      json_object_get(pt, "tot"), "tariefCenten", json_object_get(pt, "tariefCenten"),
				      "kredietlimietMinuten", json_object_get(pt, "kredietlimietMinuten"), "saldi", saldi);
		if (o)
			json_object_set_new(o, "stand", json_string(now ? today : tot));
		if (o)
			json_array_append_new(a, o);
	}
	json_decref(list);
	return a;
}

/* Counts the competences of a vulnerability list by status. */
void rapportage_count_status(json_t *rows, const char *key, long long *gaps, long long *single)
{
	size_t i;
	json_t *r;
	*gaps = *single = 0;
	json_array_foreach(rows, i, r) {
		const char *st = str(r, key) ? str(r, key) : "";
		*gaps += !strcmp(st, "ontbreekt");
		*single += !strcmp(st, "een-pitter");
	}
}

/* The vulnerability of org on tot from the kwaliteitskaart
 * (store/kwaliteitskaart.h), and the same five years on with the known
 * retirements: {"datum","competenties":[…],"projectie":{"jaar",
 * "ontbreekt","eenPitter"}}. Null when the organisation has no
 * kwaliteitskaart (no competence applies to it): the chapter is left out.
 * Substitutes are named by organisation only: the report is for the
 * council, not a staff list. */
static json_t *vulnerability(struct store *s, const char *org, const char *tot)
{
	int32_t day;
	json_t *now = NULL, *later = NULL;
	struct problem q;
	problem_init(&q);
	/* No map, no gaps: only that it is missing. */
	if (!kwaliteitskaart_has_map(s, org))
		return json_pack("{s:s,s:b}", "datum", tot, "geenKaart", 1);
	if (date_parse(tot, &day) < 0 || kwaliteitskaart_vulnerability(s, org, kwaliteitskaart_moment_date(day), 0, &now, &q) < 0)
		return json_null();
	if (!json_array_size(now)) {
		json_decref(now);
		return json_null();
	}
	json_t *rows = json_array(), *names = json_object(), *list = register_org_list(s);
	size_t i, k;
	json_t *r, *v;
	json_array_foreach(list, i, r)
		if (str(r, "code"))
			json_object_set(names, str(r, "code"), json_object_get(r, "naam"));
	json_decref(list);
	json_array_foreach(now, i, r) {
		json_t *orgs = json_array();
		json_array_foreach(json_object_get(r, "vervangers"), k, v) {
			json_t *code = json_object_get(v, "organisatie");
			json_t *o = json_is_string(code) && json_object_get(names, json_string_value(code))
					    ? json_object_get(names, json_string_value(code))
					    : code;
			int dup = 0;
			size_t j;
			json_t *x;
			json_array_foreach(orgs, j, x)
				dup |= json_equal(x, o);
			if (json_is_string(o) && !dup)
				json_array_append(orgs, o);
		}
		json_array_append_new(
			rows, json_pack("{s:O,s:O,s:O,s:O,s:O,s:I,s:o}", "competentie", json_object_get(r, "competentie"), "naam",
					json_object_get(r, "naam"), "houders", json_object_get(r, "houders"), "status",
					json_object_get(r, "status"), "statusMetVervangers",
					json_object_get(r, "statusMetVervangers"), "vervangers",
					(json_int_t)json_array_size(json_object_get(r, "vervangers")), "vervangersUit", orgs));
	}
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	long long gaps = 0, single = 0;
	problem_init(&q);
	if (kwaliteitskaart_vulnerability(s, org, kwaliteitskaart_moment_year(y + KWALITEITSKAART_PROJECTION_YEARS), 0, &later,
					  &q) == 0)
		rapportage_count_status(later, "status", &gaps, &single);
	json_decref(later);
	json_decref(now);
	json_decref(names);
	return json_pack("{s:s,s:o,s:{s:i,s:I,s:I}}", "datum", tot, "competenties", rows, "projectie", "jaar",
			 y + KWALITEITSKAART_PROJECTION_YEARS, "ontbreekt", (json_int_t)gaps, "eenPitter", (json_int_t)single);
}

int rapportage_build(struct store *s, const char *org, const char *van, const char *tot, json_t **doc, struct problem *p)
{
	json_t *d = NULL;
	int r = besturing_report_data(s, org, van, tot, &d, p);
	if (r < 0)
		return r;
	json_t *o = NULL;
	struct problem q;
	problem_init(&q);
	if (register_org_get(s, org, &o, &q) == 0) {
		json_t *me = json_object_get(d, "organisatie");
		json_object_set(me, "soort", json_object_get(o, "soort"));
		json_object_set(me, "inwoners", json_object_get(o, "inwoners"));
		json_decref(o);
	}
	size_t i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(d, "verbanden"), i, v) {
		json_object_set_new(v, "partners", partners_of(s, str(v, "code"), org, van, tot));
		/* What each member wants and where it stands, as at the end of the period (issue 17). */
		json_t *belangen = NULL;
		if (register_belangen_list(s, str(v, "code"), tot, &belangen, &q) < 0)
			belangen = json_array(), problem_init(&q);
		json_object_set_new(v, "belangen", belangen);
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
			enrich_businesscase(s, t);
	}
	json_object_set_new(d, "wettelijkeDeadlines", legal_deadlines(json_object_get(d, "verbanden"), van));
	json_object_set_new(d, "urenbank", hour_balances(s, org, van, tot));
	json_object_set_new(d, "kwetsbaarheid", vulnerability(s, org, tot));
	/* The next stand van zaken planned for the raad, after this one. */
	json_t *plans = NULL;
	problem_init(&q);
	if (besturing_report_plan_list(s, org, tot, &plans, &q) == 0 && json_array_size(plans))
		json_object_set(d, "volgendeRapportage", json_array_get(plans, 0));
	json_decref(plans);
	*doc = d;
	return 0;
}

/* ---- the whole report -------------------------------------------------------------------- */

struct chapter {
	const char *id, *title;
};

static const char *org_display(json_t *org, char *buf, size_t len)
{
	const char *soort = str(org, "soort"), *naam = str(org, "naam");
	if (soort && !strcmp(soort, "gemeente"))
		snprintf(buf, len, "Gemeente %s", naam ? naam : "");
	else
		snprintf(buf, len, "%s", naam ? naam : "");
	return buf;
}

static void summary(struct rapportage_w *w, const struct rapportage_ctx *c)
{
	json_t *doc = c->doc;
	size_t besluiten = 0, gehaald = 0, uitgesteld = 0, te_laat = 0, komend = 0, i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v) {
		besluiten += rapportage_count_groups(json_object_get(v, "besluiten"));
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			json_t *ms = json_object_get(t, "mijlpalen");
			besluiten += rapportage_count_groups(json_object_get(t, "besluiten"));
			gehaald += json_array_size(json_object_get(ms, "gehaald")) +
				   json_array_size(json_object_get(ms, "gereedTeLaat"));
			uitgesteld += json_array_size(json_object_get(ms, "uitgesteld"));
			te_laat += json_array_size(json_object_get(ms, "teLaat"));
			komend += json_array_size(json_object_get(ms, "komend"));
		}
	}
	rapportage_w_raw_html(w, "<section class=\"svz-kort\" aria-labelledby=\"svz-kort-kop\">");
	rapportage_w_h(w, 2, "svz-kort-kop", "In het kort");
	rapportage_w_ul(w, NULL);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%zu %s genomen", besluiten, rapportage_plural((long long)besluiten, "besluit", "besluiten"));
	rapportage_w_li_end(w);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%zu %s gehaald", gehaald, rapportage_plural((long long)gehaald, "mijlpaal", "mijlpalen"));
	rapportage_w_li_end(w);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%zu %s uitgesteld, met reden en nieuwe datum", uitgesteld,
			 rapportage_plural((long long)uitgesteld, "mijlpaal", "mijlpalen"));
	rapportage_w_li_end(w);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%zu %s te laat op ", te_laat, rapportage_plural((long long)te_laat, "mijlpaal", "mijlpalen"));
	rapportage_date_txt(w, c->tot);
	rapportage_w_li_end(w);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%zu %s gepland na deze periode", komend,
			 rapportage_plural((long long)komend, "mijlpaal", "mijlpalen"));
	rapportage_w_li_end(w);
	json_array_foreach(json_object_get(doc, "verbanden"), i, v)
		json_array_foreach(json_object_get(v, "trajecten"), j, t) {
			json_t *bc = json_object_get(t, "businesscase");
			if (!json_is_object(bc))
				continue;
			rapportage_w_li(w);
			rapportage_w_txt(w, "Businesscase ");
			rapportage_w_txt(w, str(t, "taakveldNaam"));
			rapportage_w_txt(w, ": ");
			rapportage_w_fmt(w,
					 !strcmp(str(bc, "oordeel") ? str(bc, "oordeel") : "", "verdient-zich-terug")
						 ? "verdient zich terug binnen %lld jaar"
						 : "verdient zich niet terug binnen %lld jaar",
					 num(bc, "periodeJaren"));
			rapportage_w_li_end(w);
		}
	size_t meld = json_array_size(json_object_get(doc, "meldingen")) + json_array_size(json_object_get(doc, "gemeld"));
	if (meld) {
		rapportage_w_li(w);
		rapportage_w_fmt(w, "%zu %s van samenwerking buiten een verband", meld,
				 rapportage_plural((long long)meld, "melding", "meldingen"));
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
	rapportage_w_raw_html(w, "</section>");
}

static void render(struct rapportage_w *w, json_t *doc, const struct rapportage_html_options *opt)
{
	json_t *org = json_object_get(doc, "organisatie");
	char display[300];
	org_display(org, display, sizeof(display));
	struct rapportage_ctx c = { doc, str(doc, "van"), str(doc, "tot"), str(org, "code"), str(org, "naam") };
	int has_hours = json_array_size(json_object_get(doc, "urenbank")) > 0;
	int has_vuln = json_is_object(json_object_get(doc, "kwetsbaarheid"));
	struct chapter ch[6];
	int nch = 0;
	ch[nch++] = (struct chapter){ "svz-inleiding", "Inleiding" };
	ch[nch++] = (struct chapter){ "svz-partners", "Samenwerkingspartners" };
	ch[nch++] = (struct chapter){ "svz-ontwikkelingen", "Ontwikkelingen per samenwerkingsverband" };
	ch[nch++] = (struct chapter){ "svz-planning-kop", "Planning" };
	if (has_hours)
		ch[nch++] = (struct chapter){ "svz-urenbank", "Urenbank" };
	if (has_vuln)
		ch[nch++] = (struct chapter){ "svz-kwetsbaarheid", "Kwetsbaarheid" };

	rapportage_w_raw_html(w, "<article class=\"svz\" aria-labelledby=\"svz-titel\"><header class=\"svz-kop\">");
	rapportage_w_h(w, 1, "svz-titel", "Stand van zaken bestuurlijke samenwerking");
	rapportage_w_p(w, "svz-kop__organisatie");
	rapportage_w_txt(w, display);
	rapportage_w_p_end(w);
	rapportage_w_p(w, "svz-kop__periode");
	rapportage_w_txt(w, "Periode: ");
	rapportage_date_txt(w, c.van);
	rapportage_w_txt(w, " tot en met ");
	rapportage_date_txt(w, c.tot);
	rapportage_w_p_end(w);
	rapportage_w_raw_html(w, "</header>");
	if (!w->md && !w->pdf && opt && (opt->md_href || opt->agenda_href || opt->pdf_href)) {
		buf_adds(w->b, "<nav class=\"svz-acties\" aria-label=\"Dit rapport in andere vormen\"><ul>");
		if (opt->pdf_href) {
			buf_adds(w->b, "<li><a download href=\"");
			escape_html(w->b, opt->pdf_href);
			buf_adds(w->b, "\">Downloaden als PDF (A4)</a></li>");
		}
		if (opt->md_href) {
			buf_adds(w->b, "<li><a download href=\"");
			escape_html(w->b, opt->md_href);
			buf_adds(w->b, "\">Downloaden als Markdown</a></li>");
		}
		if (opt->agenda_href) {
			buf_adds(w->b, "<li><a href=\"");
			escape_html(w->b, opt->agenda_href);
			buf_adds(w->b, "\">Mijlpalen en deadlines in uw agenda (iCalendar)</a></li>");
		}
		buf_adds(w->b, "</ul></nav>");
	}
	summary(w, &c);
	if (w->pdf) {
		rapportage_w_h(w, 2, NULL, "Inhoud");
		rapportage_w_ul(w, NULL);
		for (int i = 0; i < nch; i++) {
			rapportage_w_li(w);
			rapportage_w_fmt(w, "%d. %s", i + 1, ch[i].title);
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	} else if (w->md) {
		rapportage_w_h(w, 2, NULL, "Inhoud");
		for (int i = 0; i < nch; i++) {
			buf_printf(w->b, "%d. ", i + 1);
			rapportage_md_txt(w->b, ch[i].title);
			buf_addc(w->b, '\n');
		}
		buf_addc(w->b, '\n');
	} else {
		buf_adds(
			w->b,
			"<nav class=\"svz-inhoud\" aria-labelledby=\"svz-inhoud-kop\"><h2 class=\"svz-h2\" id=\"svz-inhoud-kop\">"
			"Inhoud</h2><ol>");
		for (int i = 0; i < nch; i++) {
			buf_adds(w->b, "<li><a href=\"#");
			escape_html(w->b, ch[i].id);
			buf_adds(w->b, "\">");
			escape_html(w->b, ch[i].title);
			buf_adds(w->b, "</a>");
			if (!strcmp(ch[i].id, "svz-ontwikkelingen")) {
				size_t k, sub = 0;
				json_t *v;
				int any = 0;
				json_array_foreach(json_object_get(doc, "verbanden"), k, v) {
					if (!rapportage_verband_active(v))
						continue;
					buf_adds(w->b, any++ ? "" : "<ol>");
					buf_adds(w->b, "<li><a href=\"#svz-verband-");
					escape_html(w->b, str(v, "code"));
					buf_adds(w->b, "\">");
					escape_html(w->b, str(v, "naam"));
					buf_adds(w->b, "</a></li>");
					sub++;
				}
				if (any)
					buf_adds(w->b, "</ol>");
			}
			buf_adds(w->b, "</li>");
		}
		buf_adds(w->b, "</ol></nav>");
	}
	for (int i = 0; i < nch; i++) {
		rapportage_w_raw_html(w, "<section class=\"svz-hoofdstuk\">");
		if (!strcmp(ch[i].id, "svz-inleiding"))
			rapportage_intro(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-partners"))
			rapportage_partners_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-ontwikkelingen"))
			rapportage_developments_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-planning-kop"))
			rapportage_planning_chapter(w, &c, i + 1);
		else if (!strcmp(ch[i].id, "svz-urenbank"))
			rapportage_hours_chapter(w, &c, i + 1);
		else
			rapportage_vulnerability_chapter(w, &c, i + 1);
		rapportage_w_raw_html(w, "</section>");
	}
	rapportage_w_p(w, "svz-voet");
	rapportage_w_txt(w,
			 "Opgesteld met samen uit het register van samenwerking, de besluiten en de mijlpalen van de verbanden.");
	rapportage_w_p_end(w);
	rapportage_w_raw_html(w, "</article>");
}

int rapportage_html(json_t *doc, const struct rapportage_html_options *opt, struct buf *out)
{
	struct rapportage_w w = { out, 0, 0, NULL };
	if (opt && opt->standalone) {
		json_t *org = json_object_get(doc, "organisatie");
		buf_adds(out, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Stand van zaken "
			      "bestuurlijke samenwerking — ");
		escape_html(out, str(org, "naam"));
		buf_adds(
			out,
			"</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/rapport.css\"></head>"
			"<body class=\"svz-document\"><main>");
	}
	render(&w, doc, opt);
	if (opt && opt->standalone)
		buf_adds(out, "</main></body></html>\n");
	return buf_failed(out) ? -1 : 0;
}

static void render_doc(struct rapportage_w *w, void *doc) { render(w, doc, NULL); }

int rapportage_pdf(json_t *doc, struct buf *out)
{
	json_t *org = json_object_get(doc, "organisatie");
	char title[400], footer_text[500], van[40] = "", tot[40] = "";
	snprintf(title, sizeof(title), "Stand van zaken bestuurlijke samenwerking — %s",
		 str(org, "naam") ? str(org, "naam") : "");
	if (nl_date(str(doc, "van"), van, sizeof(van)) < 0 || nl_date(str(doc, "tot"), tot, sizeof(tot)) < 0)
		van[0] = tot[0] = 0;
	snprintf(footer_text, sizeof(footer_text), "Stand van zaken %s, %s tot en met %s",
		 str(org, "naam") ? str(org, "naam") : "", van, tot);
	return rapportage_pdf_document(title, footer_text, render_doc, doc, out);
}

int rapportage_markdown(json_t *doc, struct buf *out)
{
	struct rapportage_w w = { out, 1, 0, NULL };
	render(&w, doc, NULL);
	return buf_failed(out) ? -1 : 0;
}
