/* The proeftuin's reports to the colleges (urenbank_rapport.h): the model,
 * the frame, the summary and the advice; the chapters of figures are in
 * urenbank_rapport_cijfers.c. */
#include <stdio.h>
#include <string.h>
#include "core/date.h"
#include "core/escape.h"
#include "core/nl.h"
#include "core/urenbank_advies.h"
#include "report/urenbank_rapport_intern.h"
#include "store/urenbank.h"
#include "store/urenbank_evaluatie.h"
#include "store/urenbank_leren.h"
#include "store/urenbank_rapporten.h"

/* ---- the model --------------------------------------------------------------------- */

/* The last day of every quarter in [van, tot), then tot: where the work
 * stock is shown over time. */
static json_t *verloop(struct store *s, const char *pt, const char *van, const char *tot, struct problem *p)
{
	static const char *const ends[] = { "-03-31", "-06-30", "-09-30", "-12-31" };
	json_t *a = json_array();
	int y0 = 0, y1 = 0;
	if (sscanf(van, "%4d", &y0) != 1 || sscanf(tot, "%4d", &y1) != 1)
		return a;
	for (int y = y0; y <= y1 && y - y0 < 20; y++)
		for (int q = 0; q < 4; q++) {
			char d[DATE_TEXT_LEN + 8];
			snprintf(d, sizeof(d), "%04d%s", y, ends[q]);
			if (strcmp(d, van) < 0 || strcmp(d, tot) >= 0)
				continue;
			json_t *wv = NULL;
			if (urenbank_rapporten_werkvoorraad(s, pt, d, &wv, p) == 0)
				json_array_append_new(a, wv);
		}
	return a;
}

int urenbank_rapport_build(struct store *s, const char *pt, long long id, json_t **doc, struct problem *p)
{
	json_t *r = NULL, *ptj = NULL, *ev = NULL, *wv = NULL, *lessen = NULL;
	if (urenbank_rapporten_get(s, pt, id, &r, p) < 0)
		return -p->status;
	const char *van = ubr_str(r, "van"), *tot = ubr_str(r, "tot");
	if (urenbank_proeftuin_get(s, pt, &ptj, p) < 0 || urenbank_evaluatie(s, pt, van, tot, &ev, p) < 0 ||
	    urenbank_rapporten_werkvoorraad(s, pt, tot, &wv, p) < 0 || urenbank_les_list(s, pt, NULL, &lessen, p) < 0) {
		json_decref(r);
		json_decref(ptj);
		json_decref(ev);
		json_decref(wv);
		return -(p->status ? p->status : 500);
	}
	json_t *in = json_array();
	size_t i;
	json_t *l;
	json_array_foreach(lessen, i, l) {
		const char *d = ubr_str(l, "datum");
		if (d && strcmp(d, van) >= 0 && strcmp(d, tot) <= 0)
			json_array_append(in, l);
	}
	json_decref(lessen);
	json_t *vl = verloop(s, pt, van, tot, p);
	json_array_append(vl, wv);
	*doc = json_pack("{s:o,s:o,s:o,s:o,s:o,s:o}", "rapport", r, "proeftuin", ptj, "evaluatie", ev, "werkvoorraad", wv,
			 "verloop", vl, "lessen", in);
	return *doc ? 0 : problem_set(p, 500, "Het rapport kon niet worden samengesteld.");
}

/* ---- helpers of both files ----------------------------------------------------------- */

void urenbank_rapport_hours(long long minutes, char *out) { nl_hours(minutes, 0, out, NL_TEXT_LEN); }

void urenbank_rapport_date(struct rapportage_w *w, const char *iso)
{
	char t[64];
	nl_date(iso, t, sizeof(t));
	rapportage_w_txt(w, t);
}

static void href_of(struct buf *h, const struct urenbank_rapport_ctx *c, const char *rest)
{
	buf_adds(h, "/proeftuinen/");
	/* Codes are letters, digits and dashes; anything else is encoded. */
	for (const char *k = c->code; k && *k; k++) {
		unsigned char ch = (unsigned char)*k;
		if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_')
			buf_addc(h, (char)ch);
		else
			buf_printf(h, "%%%02X", ch);
	}
	buf_adds(h, rest);
}

void urenbank_rapport_link(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, const char *rest, const char *text)
{
	struct buf h;
	buf_init(&h, 0);
	href_of(&h, c, rest);
	rapportage_w_link(w, buf_str(&h), text ? text : "");
	buf_release(&h);
}

void urenbank_rapport_source(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, const char *rest, const char *text)
{
	rapportage_w_p(w, "svz-meta");
	rapportage_w_txt(w, "Bron: ");
	urenbank_rapport_link(w, c, rest, text);
	if (w->pdf) {
		struct buf h;
		buf_init(&h, 0);
		href_of(&h, c, rest);
		rapportage_w_fmt(w, " (%s)", buf_str(&h));
		buf_release(&h);
	}
	rapportage_w_txt(w, ".");
	rapportage_w_p_end(w);
}

void urenbank_rapport_title(json_t *doc, char *out, size_t len)
{
	json_t *r = json_object_get(doc, "rapport");
	int eind = ubr_str(r, "soort") && !strcmp(ubr_str(r, "soort"), "eind");
	snprintf(out, len, "%s %s", eind ? "Eindevaluatie en adviesrapportage" : "Tussentijdse rapportage",
		 ubr_str(json_object_get(doc, "proeftuin"), "naam") ? ubr_str(json_object_get(doc, "proeftuin"), "naam") : "");
}

void urenbank_rapport_filename(json_t *doc, char *out, size_t len)
{
	json_t *r = json_object_get(doc, "rapport");
	int eind = ubr_str(r, "soort") && !strcmp(ubr_str(r, "soort"), "eind");
	char code[64];
	size_t k = 0;
	for (const char *x = ubr_str(r, "proeftuin"); x && *x && k + 1 < sizeof(code); x++)
		code[k++] = (*x >= 'a' && *x <= 'z') || (*x >= '0' && *x <= '9') || *x == '-' ? *x : '-';
	code[k] = '\0';
	snprintf(out, len, "%s-%s-%.10s", eind ? "eindevaluatie" : "tussentijdse-rapportage", code,
		 ubr_str(r, "tot") ? ubr_str(r, "tot") : "");
}

/* ---- the advice -------------------------------------------------------------------- */

static const char *advice_words(const char *advies)
{
	if (advies && !strcmp(advies, "doorgaan"))
		return "doorgaan: de proeftuin een structurele status geven";
	if (advies && !strcmp(advies, "bijstellen"))
		return "doorgaan met aanpassingen: de werkwijze bijstellen";
	return "stoppen: deze vorm van samenwerken niet voortzetten";
}

/* Who took more than they brought over the period, in the order of the members. */
static size_t takers(const struct urenbank_rapport_ctx *c, json_t *out)
{
	size_t i, n = 0;
	json_t *l;
	json_array_foreach(json_object_get(c->ev, "leden"), i, l) {
		long long meer = urenbank_advies_meer_gehaald(ubr_num(l, "gebrachtMinuten"), ubr_num(l, "gehaaldMinuten"));
		if (meer > 0) {
			json_array_append_new(out, json_pack("{s:s,s:s,s:I}", "organisatie", ubr_str(l, "organisatie"), "naam",
							     ubr_str(l, "naam"), "meer", (json_int_t)meer));
			n++;
		}
	}
	return n;
}

static void period_txt(struct rapportage_w *w, const struct urenbank_rapport_ctx *c)
{
	urenbank_rapport_date(w, c->van);
	rapportage_w_txt(w, " tot en met ");
	urenbank_rapport_date(w, c->tot);
}

static void dvo_section(struct rapportage_w *w, const struct urenbank_rapport_ctx *c)
{
	rapportage_w_h(w, 3, "ubr-dvo", "Is een dienstverleningsovereenkomst nodig?");
	json_t *t = json_array();
	size_t n = takers(c, t);
	rapportage_w_p(w, NULL);
	if (!n) {
		rapportage_w_txt(w, "Nee. Van ");
		period_txt(w, c);
		rapportage_w_txt(w, " haalde geen gemeente meer uren dan zij bracht, buiten de marge van het gewone geven en "
				    "nemen. Zolang dat zo blijft, is een dienstverleningsovereenkomst niet nodig.");
	} else {
		rapportage_w_txt(w, "Ja, als de proeftuin doorgaat: van ");
		period_txt(w, c);
		if (n == 1)
			rapportage_w_txt(w, " haalde één gemeente meer uren dan zij bracht");
		else
			rapportage_w_fmt(w, " haalden %zu gemeenten meer uren dan zij brachten", n);
		rapportage_w_txt(w, ". Voor wie meer vraagt dan levert, is een eenvoudige dienstverleningsovereenkomst nodig:");
	}
	rapportage_w_p_end(w);
	if (n) {
		rapportage_w_ul(w, NULL);
		size_t i;
		json_t *x;
		json_array_foreach(t, i, x) {
			json_t *l = NULL, *m;
			size_t k;
			json_array_foreach(json_object_get(c->ev, "leden"), k, m)
				if (!strcmp(ubr_str(m, "organisatie"), ubr_str(x, "organisatie")))
					l = m;
			char meer[NL_TEXT_LEN], geh[NL_TEXT_LEN], gebr[NL_TEXT_LEN];
			urenbank_rapport_hours(ubr_num(x, "meer"), meer);
			urenbank_rapport_hours(ubr_num(l, "gehaaldMinuten"), geh);
			urenbank_rapport_hours(ubr_num(l, "gebrachtMinuten"), gebr);
			rapportage_w_li(w);
			rapportage_w_strong(w);
			rapportage_w_txt(w, ubr_str(x, "naam"));
			rapportage_w_strong_end(w);
			rapportage_w_fmt(w, " haalde %s meer dan zij bracht (gehaald %s, gebracht %s).", meer, geh, gebr);
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
	char marge[NL_TEXT_LEN];
	urenbank_rapport_hours(URENBANK_ADVIES_MARGE_MINUTEN, marge);
	rapportage_w_p(w, "svz-meta");
	rapportage_w_fmt(
		w,
		"Hoe berekend: per gemeente de gehaalde min de gebrachte uren in de periode (hoofdstuk Uren gebracht en "
		"gehaald). Een gemeente haalt meer dan zij brengt als dat verschil groter is dan %s of, als dat meer is, "
		"dan een tiende van wat zij haalde. Geld dat als urentegoed is gestort, telt hier niet mee: het gaat om "
		"wie capaciteit vraagt en wie haar levert.",
		marge);
	rapportage_w_p_end(w);
	json_decref(t);
}

static void taakstelling_section(struct rapportage_w *w, const struct urenbank_rapport_ctx *c)
{
	rapportage_w_h(w, 3, "ubr-taakstelling", "Financiële taakstelling");
	json_t *pot = json_object_get(c->ev, "potentieel");
	long long met = 0;
	size_t i;
	json_t *sv;
	json_array_foreach(json_object_get(c->ev, "samenvoegingen"), i, sv)
		if (json_object_get(sv, "winstMinuten"))
			met++;
	int32_t a, b;
	long long dagen = date_parse(c->van, &a) == 0 && date_parse(c->tot, &b) == 0 ? (long long)(b - a) + 1 : 0;
	long long per_jaar = 0;
	enum urenbank_advies_taakstelling t =
		urenbank_advies_taakstelling(ubr_num(pot, "ondergrensMinuten"), dagen, met, &per_jaar);
	rapportage_w_p(w, NULL);
	if (t == URENBANK_TAAKSTELLING_GEDRAGEN) {
		char u[NL_TEXT_LEN], euro[NL_TEXT_LEN];
		urenbank_rapport_hours(per_jaar, u);
		nl_euro(per_jaar * ubr_num(c->pt, "tariefCenten") / 60, euro, sizeof(euro));
		rapportage_w_txt(w, c->eind ? "De cijfers dragen een taakstelling van hoogstens "
					    : "Tot nu toe dragen de cijfers hoogstens ");
		rapportage_w_strong(w);
		rapportage_w_fmt(w, "%s per jaar", u);
		rapportage_w_strong_end(w);
		rapportage_w_fmt(
			w,
			" (%s tegen het tarief van de proeftuin): de gemeten winst van samenvoegen, de ondergrens van het "
			"efficiencypotentieel. Wat daarboven ligt, is niet gemeten maar aangenomen en hoort niet in een "
			"taakstelling.",
			euro);
		if (!c->eind)
			rapportage_w_txt(w, " Het advies over een taakstelling volgt in de eindevaluatie.");
	} else {
		rapportage_w_txt(w, "De cijfers dragen geen taakstelling. ");
		rapportage_w_txt(
			w,
			t == URENBANK_TAAKSTELLING_GEEN_METING
				? "Er is geen samengevoegde opdracht met ramingen, dus geen gemeten winst: alleen een "
				  "aangenomen bovengrens, en die mag niet worden ingeboekt."
			: t == URENBANK_TAAKSTELLING_GEEN_WINST
				? "Samenvoegen leverde in deze periode geen gemeten winst op."
				: "De periode is korter dan een half jaar; de gemeten winst zegt nog te weinig over een jaar.");
		rapportage_w_txt(w, " Zo blijft de les van het SCD overeind: geen ruw geschatte efficiencywinst inboeken.");
	}
	rapportage_w_p_end(w);
}

static void advice_chapter(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	char h[160];
	snprintf(h, sizeof(h), "%d. %s", nr, c->eind ? "Advies over het vervolg" : "Advies en bijsturing");
	rapportage_w_h(w, 2, "ubr-advies", h);
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Het proeftuin-MT adviseert de colleges: ");
	rapportage_w_strong(w);
	rapportage_w_txt(w, advice_words(ubr_str(c->rapport, "advies")));
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, ". Vastgesteld op ");
	urenbank_rapport_date(w, ubr_str(c->rapport, "datum"));
	rapportage_w_txt(w, " door ");
	rapportage_w_txt(w, ubr_str(c->rapport, "door"));
	rapportage_w_txt(w, ".");
	rapportage_w_p_end(w);
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, ubr_str(c->rapport, "toelichting"));
	rapportage_w_p_end(w);
	dvo_section(w, c);
	taakstelling_section(w, c);
}

/* ---- the whole ------------------------------------------------------------------------- */

static void summary(struct rapportage_w *w, const struct urenbank_rapport_ctx *c)
{
	rapportage_w_raw_html(w, "<section class=\"svz-kort\" aria-labelledby=\"ubr-kort-kop\">");
	rapportage_w_h(w, 2, "ubr-kort-kop", "In het kort");
	rapportage_w_ul(w, NULL);
	json_t *tot = json_object_get(c->ev, "totaal");
	char gebr[NL_TEXT_LEN], lo[NL_TEXT_LEN], hi[NL_TEXT_LEN];
	urenbank_rapport_hours(ubr_num(tot, "gebrachtMinuten"), gebr);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%s werk gingen over een gemeentegrens", gebr);
	json_t *pm = json_object_get(tot, "grensoverschrijdendPromille");
	if (json_is_integer(pm))
		rapportage_w_fmt(w, ": %lld,%lld%% van alle uren in de urenbank", json_integer_value(pm) / 10,
				 json_integer_value(pm) % 10);
	rapportage_w_txt(w, ".");
	rapportage_w_li_end(w);
	json_t *pot = json_object_get(c->ev, "potentieel");
	urenbank_rapport_hours(ubr_num(pot, "ondergrensMinuten"), lo);
	urenbank_rapport_hours(ubr_num(pot, "bovengrensMinuten"), hi);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "Het efficiencypotentieel ligt tussen %s en %s (een bandbreedte met aannames, geen schatting).", lo,
			 hi);
	rapportage_w_li_end(w);
	json_t *wv = json_object_get(c->doc, "werkvoorraad");
	rapportage_w_li(w);
	rapportage_w_fmt(w, "Op de laatste dag %s %lld %s in behandeling, waarvan %zu zonder medewerker.",
			 ubr_num(wv, "open") == 1 ? "was" : "waren", ubr_num(wv, "open"),
			 ubr_num(wv, "open") == 1 ? "opdracht" : "opdrachten",
			 json_array_size(json_object_get(wv, "wachtOpInzet")));
	rapportage_w_li_end(w);
	json_t *t = json_array();
	size_t n = takers(c, t);
	rapportage_w_li(w);
	if (n) {
		rapportage_w_txt(w, "Meer gehaald dan gebracht: ");
		size_t i;
		json_t *x;
		json_array_foreach(t, i, x) {
			if (i)
				rapportage_w_txt(w, i + 1 == n ? " en " : ", ");
			rapportage_w_txt(w, ubr_str(x, "naam"));
		}
		rapportage_w_txt(w, "; bij voortzetting is een dienstverleningsovereenkomst nodig.");
	} else {
		rapportage_w_txt(w, "Geen gemeente haalde meer dan zij bracht; een dienstverleningsovereenkomst is niet nodig.");
	}
	rapportage_w_li_end(w);
	json_decref(t);
	rapportage_w_li(w);
	rapportage_w_txt(w, "Advies: ");
	rapportage_w_txt(w, advice_words(ubr_str(c->rapport, "advies")));
	rapportage_w_txt(w, ".");
	rapportage_w_li_end(w);
	rapportage_w_ul_end(w);
	rapportage_w_raw_html(w, "</section>");
}

struct chapter {
	const char *id, *title;
	void (*write)(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr);
};

static void render(struct rapportage_w *w, json_t *doc, const struct urenbank_rapport_html_options *opt)
{
	struct urenbank_rapport_ctx c = { doc,
					  json_object_get(doc, "evaluatie"),
					  json_object_get(doc, "rapport"),
					  json_object_get(doc, "proeftuin"),
					  NULL,
					  NULL,
					  NULL,
					  0 };
	c.code = ubr_str(c.rapport, "proeftuin");
	c.van = ubr_str(c.rapport, "van");
	c.tot = ubr_str(c.rapport, "tot");
	c.eind = ubr_str(c.rapport, "soort") && !strcmp(ubr_str(c.rapport, "soort"), "eind");
	const struct chapter ch[] = {
		{ "ubr-uitwisseling", "Uren gebracht en gehaald", urenbank_rapport_exchange },
		{ "ubr-werk", "Waaraan is gewerkt", urenbank_rapport_work },
		{ "ubr-raming", "Raming en besteding", urenbank_rapport_estimates },
		{ "ubr-doorlooptijden", "Doorlooptijden", urenbank_rapport_lead_times },
		{ "ubr-kwaliteit", "Kwaliteit van het proces", urenbank_rapport_quality },
		{ "ubr-werkvoorraad", "Werkvoorraad", urenbank_rapport_stock },
		{ "ubr-leren", "Leerervaringen en bijsturing", urenbank_rapport_lessons },
		{ "ubr-potentieel", "Efficiencypotentieel", urenbank_rapport_potential },
		{ "ubr-advies", c.eind ? "Advies over het vervolg" : "Advies en bijsturing", advice_chapter },
	};
	const int nch = (int)(sizeof(ch) / sizeof(ch[0]));
	char title[300];
	urenbank_rapport_title(doc, title, sizeof(title));
	if (opt && opt->titled && !w->md && !w->pdf) {
		buf_adds(w->b, "<article class=\"svz\" aria-label=\"");
		escape_html(w->b, title);
		buf_adds(w->b, "\"><header class=\"svz-kop\">");
	} else {
		rapportage_w_raw_html(w, "<article class=\"svz\" aria-labelledby=\"svz-titel\"><header class=\"svz-kop\">");
		rapportage_w_h(w, 1, "svz-titel", title);
	}
	rapportage_w_p(w, "svz-kop__organisatie");
	rapportage_w_txt(w, "Aan de colleges van ");
	size_t i, n = json_array_size(json_object_get(c.ev, "leden"));
	json_t *l;
	json_array_foreach(json_object_get(c.ev, "leden"), i, l) {
		if (i)
			rapportage_w_txt(w, i + 1 == n ? " en " : ", ");
		rapportage_w_txt(w, ubr_str(l, "naam"));
	}
	rapportage_w_p_end(w);
	rapportage_w_p(w, "svz-kop__periode");
	rapportage_w_txt(w, "Periode: ");
	period_txt(w, &c);
	rapportage_w_txt(w, ". Vastgesteld op ");
	urenbank_rapport_date(w, ubr_str(c.rapport, "datum"));
	rapportage_w_txt(w, ".");
	rapportage_w_p_end(w);
	rapportage_w_raw_html(w, "</header>");
	if (!w->md && !w->pdf && opt && (opt->md_href || opt->pdf_href)) {
		buf_adds(w->b, "<nav class=\"svz-acties\" aria-label=\"Dit rapport in andere vormen\"><ul>");
		if (opt->pdf_href) {
			buf_adds(w->b, "<li><a download href=\"");
			escape_html(w->b, opt->pdf_href);
			buf_adds(w->b, "\">Downloaden als PDF (A4)</a></li>");
		}
		if (opt->md_href) {
			buf_adds(w->b, "<li><a download href=\"");
			escape_html(w->b, opt->md_href);
			buf_adds(w->b, "\">Downloaden als Markdown (om te bewerken)</a></li>");
		}
		buf_adds(w->b, "</ul></nav>");
	}
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, c.eind ? "De proeftuin is een experiment van één jaar: onderzoeken of ambtelijk samenwerken \"als "
				     "ware het één netwerkorganisatie\" de beoogde winst in kwaliteit, efficiency en "
				     "weerbaarheid oplevert. Deze eindevaluatie zet de cijfers van het jaar, de werkvoorraad en "
				     "de leerervaringen op een rij en sluit af met het advies over het vervolg."
				   : "Via deze tussentijdse rapportage blijven de colleges geïnformeerd over de voortgang en de "
				     "resultaten van de proeftuin: de cijfers tot nu toe, de werkvoorraad, wat het proeftuin-MT "
				     "leerde en waar het bijstuurde.");
	rapportage_w_txt(w, " Alle cijfers komen uit de boekingen in samen; bij elk staat de lijst waar het uit komt.");
	rapportage_w_p_end(w);
	summary(w, &c);
	rapportage_w_h(w, 2, NULL, "Inhoud");
	rapportage_w_ul(w, NULL);
	for (int k = 0; k < nch; k++) {
		rapportage_w_li(w);
		char t[200];
		snprintf(t, sizeof(t), "%d. %s", k + 1, ch[k].title);
		if (w->md || w->pdf) {
			rapportage_w_txt(w, t);
		} else {
			buf_adds(w->b, "<a href=\"#");
			escape_html(w->b, ch[k].id);
			buf_adds(w->b, "\">");
			escape_html(w->b, t);
			buf_adds(w->b, "</a>");
		}
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
	for (int k = 0; k < nch; k++) {
		rapportage_w_raw_html(w, "<section class=\"svz-hoofdstuk\">");
		ch[k].write(w, &c, k + 1);
		rapportage_w_raw_html(w, "</section>");
	}
	rapportage_w_p(w, "svz-voet");
	rapportage_w_txt(w, "Opgesteld met samen uit de opdrachten, de inzet, de uren en het journaal van de proeftuin en de "
			    "leerervaringen van het proeftuin-MT.");
	rapportage_w_p_end(w);
	rapportage_w_raw_html(w, "</article>");
}

int urenbank_rapport_html(json_t *doc, const struct urenbank_rapport_html_options *opt, struct buf *out)
{
	struct rapportage_w w = { out, 0, 0, NULL };
	if (opt && opt->standalone) {
		char title[300];
		urenbank_rapport_title(doc, title, sizeof(title));
		buf_adds(out, "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">"
			      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>");
		escape_html(out, title);
		buf_adds(out, "</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/rapport.css\">"
			      "</head><body class=\"svz-document\"><main>");
	}
	render(&w, doc, opt);
	if (opt && opt->standalone)
		buf_adds(out, "</main></body></html>\n");
	return buf_failed(out) ? -1 : 0;
}

int urenbank_rapport_markdown(json_t *doc, struct buf *out)
{
	struct rapportage_w w = { out, 1, 0, NULL };
	render(&w, doc, NULL);
	return buf_failed(out) ? -1 : 0;
}

static void render_pdf(struct rapportage_w *w, void *doc) { render(w, doc, NULL); }

int urenbank_rapport_pdf(json_t *doc, struct buf *out)
{
	json_t *r = json_object_get(doc, "rapport");
	char title[300], footer[500], van[40] = "", tot[40] = "";
	urenbank_rapport_title(doc, title, sizeof(title));
	nl_date(ubr_str(r, "van"), van, sizeof(van));
	nl_date(ubr_str(r, "tot"), tot, sizeof(tot));
	snprintf(footer, sizeof(footer), "%s, %s tot en met %s", title, van, tot);
	return rapportage_pdf_document(title, footer, render_pdf, doc, out);
}
