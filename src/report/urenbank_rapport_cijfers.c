/* The chapters of figures of the proeftuin's reports (urenbank_rapport.h):
 * each one says in words what the numbers are and where they come from. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/nl.h"
#include "report/urenbank_rapport_intern.h"
#include "report/urenbank_saldi.h"

static void heading(struct rapportage_w *w, int nr, const char *id, const char *title)
{
	char h[160];
	snprintf(h, sizeof(h), "%d. %s", nr, title);
	rapportage_w_h(w, 2, id, h);
}

static void hours_td(struct rapportage_w *w, long long minutes)
{
	char t[NL_TEXT_LEN];
	urenbank_rapport_hours(minutes, t);
	rapportage_w_td(w, 2, t);
}

static void promille_td(struct rapportage_w *w, json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_integer(v)) {
		rapportage_w_td(w, 2, "—");
		return;
	}
	long long pm = json_integer_value(v);
	char t[40];
	snprintf(t, sizeof(t), "%lld,%lld%%", pm / 10, pm % 10);
	rapportage_w_td(w, 2, t);
}

static const char *how(const struct urenbank_rapport_ctx *c, const char *key)
{
	return ubr_str(json_object_get(c->ev, "berekening"), key);
}

/* "Hoe berekend: …" under a table. */
static void how_p(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, const char *key)
{
	const char *t = how(c, key);
	if (!t)
		return;
	rapportage_w_p(w, "svz-meta");
	rapportage_w_txt(w, "Hoe berekend: ");
	rapportage_w_txt(w, t);
	rapportage_w_p_end(w);
}

/* "?status=goedgekeurd&van=…&tot=…" for the hour lists of the period. */
static void period_query(char *out, size_t len, const struct urenbank_rapport_ctx *c, const char *status, const char *org)
{
	snprintf(out, len, "/uren?status=%s%s%s&van=%s&tot=%s", status, org ? "&organisatie=" : "", org ? org : "", c->van,
		 c->tot);
}

void urenbank_rapport_exchange(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-uitwisseling", "Uren gebracht en gehaald");
	json_t *tot = json_object_get(c->ev, "totaal");
	char gebr[NL_TEXT_LEN], gew[NL_TEXT_LEN];
	urenbank_rapport_hours(ubr_num(tot, "gebrachtMinuten"), gebr);
	urenbank_rapport_hours(ubr_num(tot, "gewerktMinuten"), gew);
	rapportage_w_p(w, NULL);
	rapportage_w_fmt(w,
			 "De gemeenten werken uren voor uren voor elkaar: wat een gemeente haalt, moet een andere brengen. In "
			 "deze periode werkten medewerkers %s in de urenbank, waarvan %s voor een andere gemeente.",
			 gew, gebr);
	rapportage_w_p_end(w);
	static const char *const head[] = {
		"Gemeente", "#Gebracht", "#Gehaald", "#Verschil", "#Gewerkt", "#Over de grens", NULL
	};
	rapportage_w_table(w, "Uren per gemeente in de periode", head);
	json_t *saldi = json_array();
	size_t i;
	json_t *l;
	long long limit = ubr_num(c->pt, "kredietlimietMinuten");
	json_array_foreach(json_object_get(c->ev, "leden"), i, l) {
		long long g = ubr_num(l, "gebrachtMinuten"), h = ubr_num(l, "gehaaldMinuten");
		rapportage_w_tr(w, 0);
		rapportage_w_cell(w, 1);
		char q[200];
		period_query(q, sizeof(q), c, "goedgekeurd", ubr_str(l, "organisatie"));
		urenbank_rapport_link(w, c, q, ubr_str(l, "naam"));
		rapportage_w_cell_end(w, 1);
		hours_td(w, g);
		hours_td(w, h);
		char d[NL_TEXT_LEN];
		nl_hours(g - h, NL_HOURS_PLUS, d, sizeof(d));
		rapportage_w_td(w, 2, d);
		hours_td(w, ubr_num(l, "gewerktMinuten"));
		promille_td(w, l, "grensoverschrijdendPromille");
		rapportage_w_tr_end(w);
		json_array_append_new(saldi, json_pack("{s:s,s:s,s:I,s:I}", "organisatie", ubr_str(l, "organisatie"), "naam",
						       ubr_str(l, "naam"), "saldoMinuten", (json_int_t)(g - h),
						       "kredietlimietMinuten", (json_int_t)limit));
	}
	rapportage_w_tr(w, 0);
	rapportage_w_td(w, 1, "Proeftuin");
	hours_td(w, ubr_num(tot, "gebrachtMinuten"));
	hours_td(w, ubr_num(tot, "gehaaldMinuten"));
	char d[NL_TEXT_LEN];
	nl_hours(ubr_num(tot, "gebrachtMinuten") - ubr_num(tot, "gehaaldMinuten"), NL_HOURS_PLUS, d, sizeof(d));
	rapportage_w_td(w, 2, d);
	hours_td(w, ubr_num(tot, "gewerktMinuten"));
	promille_td(w, tot, "grensoverschrijdendPromille");
	rapportage_w_tr_end(w);
	rapportage_w_table_end(w);
	/* The same differences as a chart: who brought more, who took more. */
	struct buf svg;
	buf_init(&svg, 0);
	const struct urenbank_saldi_options so = { "Verschil tussen gebrachte en gehaalde uren per gemeente in de periode", NULL,
						   "ubr-saldi" };
	if (urenbank_saldi_write(&svg, saldi, &so) == 0) {
		rapportage_w_raw_html(w, "<figure class=\"svz-figuur\">");
		rapportage_w_chart(w, buf_str(&svg));
		rapportage_w_raw_html(w, "<figcaption>");
		if (!w->md) {
			if (w->pdf)
				rapportage_w_p(w, "svz-meta");
			rapportage_w_txt(w,
					 "Rechts van de nullijn bracht een gemeente meer dan zij haalde, links haalde zij meer. "
					 "De stippellijn is de kredietlimiet van de proeftuin.");
			if (w->pdf)
				rapportage_w_p_end(w);
		}
		rapportage_w_raw_html(w, "</figcaption></figure>");
	}
	buf_release(&svg);
	json_decref(saldi);
	how_p(w, c, "gebracht");
	how_p(w, c, "gehaald");
	how_p(w, c, "grensoverschrijdend");
	urenbank_rapport_source(w, c, "/journaal", "het journaal van de proeftuin (elke boeking, per gemeente)");
}

void urenbank_rapport_work(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-werk", "Waaraan is gewerkt");
	static const char *const head[] = { "Soort opdracht", "#Goedgekeurde uren", NULL };
	static const char *const names[][2] = { { "lokaal", "lokaal (voor één gemeente)" },
						{ "meervoudig-lokaal", "meervoudig lokaal (voor enkele gemeenten samen)" },
						{ "regionaal", "regionaal (voor alle gemeenten, rMJP)" } };
	rapportage_w_table(w, "Uren per soort opdracht", head);
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(c->ev, "perSoort"), i, r) {
		const char *soort = ubr_str(r, "soort"), *label = soort;
		for (int k = 0; k < 3; k++)
			if (soort && !strcmp(soort, names[k][0]))
				label = names[k][1];
		rapportage_w_tr(w, 0);
		rapportage_w_td(w, 1, label);
		hours_td(w, ubr_num(r, "minuten"));
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	how_p(w, c, "perSoort");
	json_t *pc = json_object_get(c->ev, "perCompetentie");
	if (json_array_size(pc)) {
		static const char *const h2[] = { "Competentie", "#Opdrachten", "#Goedgekeurde uren", NULL };
		rapportage_w_table(w, "Uren per gevraagde competentie", h2);
		json_array_foreach(pc, i, r) {
			rapportage_w_tr(w, 0);
			rapportage_w_td(w, 1, ubr_str(r, "naam") ? ubr_str(r, "naam") : ubr_str(r, "competentie"));
			char n[32];
			snprintf(n, sizeof(n), "%lld", ubr_num(r, "opdrachten"));
			rapportage_w_td(w, 2, n);
			hours_td(w, ubr_num(r, "minuten"));
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
		how_p(w, c, "perCompetentie");
	}
	char q[200];
	period_query(q, sizeof(q), c, "goedgekeurd", NULL);
	urenbank_rapport_source(w, c, q, "de goedgekeurde urenregels van de periode");
}

/* A printed report to the colleges lists at most UBR_MAX_OPDRACHTEN
 * opdrachten (a national proeftuin has thousands; the page stays under
 * 500 KB): those with the largest difference between estimate and spending
 * first, then those without an estimate by spending. all itself (a new
 * reference) when it has no more; else a new array of the chosen. */
#define UBR_MAX_OPDRACHTEN 50
struct ranked {
	json_t *o;
	int estimated;
	long long key;
	size_t at;
};
static int by_weight(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->estimated != y->estimated)
		return y->estimated - x->estimated;
	if (x->key != y->key)
		return x->key < y->key ? 1 : -1;
	return x->at < y->at ? -1 : x->at > y->at;
}
static json_t *estimates_shown(json_t *all)
{
	size_t n = json_array_size(all), i;
	if (n <= UBR_MAX_OPDRACHTEN)
		return json_incref(all);
	struct ranked *r = calloc(n, sizeof(*r));
	if (!r)
		return json_incref(all);
	json_t *o;
	json_array_foreach(all, i, o) {
		json_t *d = json_object_get(o, "verschilMinuten");
		long long v = d ? json_integer_value(d) : ubr_num(o, "besteedMinuten");
		r[i] = (struct ranked){ o, d != NULL, v < 0 ? -v : v, i };
	}
	qsort(r, n, sizeof(*r), by_weight);
	json_t *a = json_array();
	for (i = 0; i < UBR_MAX_OPDRACHTEN; i++)
		json_array_append(a, r[i].o);
	free(r);
	return a;
}

void urenbank_rapport_estimates(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-raming", "Raming en besteding");
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Per opdracht wat de opdrachtgevers vooraf ramen en wat er in de periode aan goedgekeurde uren "
			    "aan is besteed. Een opdracht die nog loopt kan haar raming later alsnog halen.");
	rapportage_w_p_end(w);
	static const char *const head[] = { "Opdracht", "Soort", "#Geraamd", "#Besteed", "#Verschil", NULL };
	json_t *all = json_object_get(c->ev, "opdrachten"), *shown = estimates_shown(all);
	if (shown != all) {
		rapportage_w_p(w, NULL);
		rapportage_w_fmt(w,
				 "De proeftuin heeft %zu opdrachten; de tabel toont de %d met het grootste verschil tussen raming "
				 "en besteding, daarna die zonder raming met de meeste besteding. Alle opdrachten staan in de lijst "
				 "hieronder.",
				 json_array_size(all), UBR_MAX_OPDRACHTEN);
		rapportage_w_p_end(w);
	}
	rapportage_w_table(w, "Raming tegen besteding per opdracht", head);
	size_t i;
	json_t *o;
	json_array_foreach(shown, i, o) {
		rapportage_w_tr(w, 0);
		rapportage_w_cell(w, 1);
		char rest[64];
		snprintf(rest, sizeof(rest), "/opdrachten/%lld", ubr_num(o, "id"));
		urenbank_rapport_link(w, c, rest, ubr_str(o, "titel"));
		rapportage_w_cell_end(w, 1);
		rapportage_w_td(w, 0, ubr_str(o, "soort"));
		if (json_object_get(o, "geraamdMinuten"))
			hours_td(w, ubr_num(o, "geraamdMinuten"));
		else
			rapportage_w_td(w, 2, "niet geraamd");
		hours_td(w, ubr_num(o, "besteedMinuten"));
		if (json_object_get(o, "verschilMinuten")) {
			char d[NL_TEXT_LEN];
			nl_hours(ubr_num(o, "verschilMinuten"), NL_HOURS_PLUS, d, sizeof(d));
			rapportage_w_td(w, 2, d);
		} else {
			rapportage_w_td(w, 2, "—");
		}
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	if (shown != all)
		urenbank_rapport_source(w, c, "/opdrachten", "alle opdrachten van de proeftuin");
	json_decref(shown);
	how_p(w, c, "opdrachten");
	json_t *sv = json_object_get(c->ev, "samenvoegingen");
	rapportage_w_h(w, 3, NULL, "Samengevoegde opdrachten");
	if (!json_array_size(sv)) {
		rapportage_w_p(w, NULL);
		rapportage_w_txt(w, "In deze periode zijn geen opdrachten samengevoegd.");
		rapportage_w_p_end(w);
		return;
	}
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w,
			 "Waar twee gemeenten hetzelfde vroegen, voegde het proeftuin-MT de opdrachten samen. De winst is "
			 "wat de oorspronkelijke opdrachten samen ramen, min wat zij en de samengevoegde opdracht besteedden.");
	rapportage_w_p_end(w);
	static const char *const h2[] = { "Samengevoegde opdracht", "#Geraamd (oorspronkelijk)", "#Besteed", "#Winst", NULL };
	rapportage_w_table(w, "De winst van samenvoegen", h2);
	json_array_foreach(sv, i, o) {
		rapportage_w_tr(w, 0);
		rapportage_w_cell(w, 1);
		char rest[64];
		snprintf(rest, sizeof(rest), "/opdrachten/%lld", ubr_num(o, "opdracht"));
		urenbank_rapport_link(w, c, rest, ubr_str(o, "titel"));
		rapportage_w_cell_end(w, 1);
		if (json_object_get(o, "geraamdMinuten"))
			hours_td(w, ubr_num(o, "geraamdMinuten"));
		else
			rapportage_w_td(w, 2, "niet geraamd");
		hours_td(w, ubr_num(o, "besteedMinuten"));
		if (json_object_get(o, "winstMinuten")) {
			char d[NL_TEXT_LEN];
			nl_hours(ubr_num(o, "winstMinuten"), NL_HOURS_PLUS, d, sizeof(d));
			rapportage_w_td(w, 2, d);
		} else {
			rapportage_w_td(w, 2, "niet te bepalen");
		}
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	how_p(w, c, "samenvoegingen");
}

void urenbank_rapport_lead_times(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-doorlooptijden", "Doorlooptijden");
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Hoe snel het proeftuinproces loopt: hoeveel dagen een opdracht wacht op een medewerker, op het "
			    "eerste werk en tot zij klaar is, en hoe lang geboekte uren op goedkeuring wachten.");
	rapportage_w_p_end(w);
	static const char *const head[] = { "Stap", "#Aantal", "#Mediaan", "#Langste", NULL };
	rapportage_w_table(w, "Doorlooptijden in dagen", head);
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(c->ev, "doorlooptijden"), i, d) {
		rapportage_w_tr(w, 0);
		rapportage_w_td(w, 1, ubr_str(d, "omschrijving"));
		char n[40], m[40], x[40];
		snprintf(n, sizeof(n), "%lld", ubr_num(d, "aantal"));
		rapportage_w_td(w, 2, n);
		if (json_object_get(d, "mediaanDagen")) {
			snprintf(m, sizeof(m), "%lld %s", ubr_num(d, "mediaanDagen"),
				 ubr_num(d, "mediaanDagen") == 1 ? "dag" : "dagen");
			snprintf(x, sizeof(x), "%lld %s", ubr_num(d, "maximumDagen"),
				 ubr_num(d, "maximumDagen") == 1 ? "dag" : "dagen");
		} else {
			snprintf(m, sizeof(m), "—");
			snprintf(x, sizeof(x), "—");
		}
		rapportage_w_td(w, 2, m);
		rapportage_w_td(w, 2, x);
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	how_p(w, c, "doorlooptijden");
	urenbank_rapport_source(w, c, "/opdrachten", "de opdrachten met hun inzet en uren");
}

void urenbank_rapport_quality(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-kwaliteit", "Kwaliteit van het proces");
	json_t *tot = json_object_get(c->ev, "totaal");
	char af[NL_TEXT_LEN], ge[NL_TEXT_LEN];
	urenbank_rapport_hours(ubr_num(tot, "afgekeurdMinuten"), af);
	urenbank_rapport_hours(ubr_num(tot, "gecorrigeerdMinuten"), ge);
	rapportage_w_p(w, NULL);
	rapportage_w_fmt(w,
			 "Opdrachtgevers keurden %lld %s af (%s) en corrigeerden %lld eerder goedgekeurde %s (%s) met een "
			 "tegenboeking. ",
			 ubr_num(tot, "afgekeurd"), ubr_num(tot, "afgekeurd") == 1 ? "urenregel" : "urenregels", af,
			 ubr_num(tot, "gecorrigeerd"), ubr_num(tot, "gecorrigeerd") == 1 ? "regel" : "regels", ge);
	char q[200];
	period_query(q, sizeof(q), c, "afgekeurd", NULL);
	urenbank_rapport_link(w, c, q, "De afgekeurde regels");
	rapportage_w_txt(w, " en ");
	period_query(q, sizeof(q), c, "gecorrigeerd", NULL);
	urenbank_rapport_link(w, c, q, "de gecorrigeerde regels");
	rapportage_w_txt(w, " staan in de lijst van uren.");
	rapportage_w_p_end(w);
	how_p(w, c, "afgekeurd");
	rapportage_w_h(w, 3, NULL, "Expertise van elders");
	json_t *ex = json_object_get(c->ev, "expertise");
	if (!json_array_size(ex)) {
		rapportage_w_p(w, NULL);
		rapportage_w_txt(w, "Geen gemeente haalde in deze periode uren voor een competentie die zij zelf niet of maar "
				    "bij één medewerker heeft.");
		rapportage_w_p_end(w);
		return;
	}
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Waar een gemeente een competentie zelf niet heeft, of maar bij één medewerker (een één-pitter), "
			    "haalde zij die expertise bij de andere gemeenten:");
	rapportage_w_p_end(w);
	static const char *const head[] = { "Gemeente", "Competentie", "Zelf", "#Gehaald", NULL };
	rapportage_w_table(w, "Expertise van andere gemeenten bij een één-pitter of een gat", head);
	size_t i;
	json_t *r;
	json_array_foreach(ex, i, r) {
		rapportage_w_tr(w, 0);
		rapportage_w_td(w, 1, ubr_str(r, "naam"));
		rapportage_w_td(w, 0, ubr_str(r, "competentieNaam"));
		const char *st = ubr_str(r, "status");
		rapportage_w_td(w, 0, st && !strcmp(st, "een-pitter") ? "één medewerker" : "niemand");
		hours_td(w, ubr_num(r, "minuten"));
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	how_p(w, c, "expertise");
}

static void count_li(struct rapportage_w *w, long long n, const char *one, const char *more, const char *rest)
{
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%lld %s%s", n, n == 1 ? one : more, rest);
	rapportage_w_li_end(w);
}

void urenbank_rapport_stock(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-werkvoorraad", "Werkvoorraad");
	json_t *wv = json_object_get(c->doc, "werkvoorraad");
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Zo stond de werkvoorraad van de proeftuin aan het eind van de periode, op ");
	urenbank_rapport_date(w, ubr_str(wv, "peildatum"));
	rapportage_w_txt(w, ":");
	rapportage_w_p_end(w);
	rapportage_w_ul(w, NULL);
	count_li(w, ubr_num(wv, "open"), "opdracht", "opdrachten", " in behandeling");
	count_li(w, ubr_num(wv, "afgerond"), "opdracht", "opdrachten", " afgerond");
	count_li(w, ubr_num(wv, "samengevoegd"), "opdracht", "opdrachten", " opgegaan in een samengevoegde opdracht");
	count_li(w, (long long)json_array_size(json_object_get(wv, "wachtOpInzet")), "opdracht", "opdrachten",
		 " zonder medewerker en zonder uren (wacht op bemensing)");
	count_li(w, (long long)json_array_size(json_object_get(wv, "overRaming")), "opdracht", "opdrachten",
		 " over de raming heen");
	json_t *tb = json_object_get(wv, "teBeoordelen");
	char m[NL_TEXT_LEN];
	urenbank_rapport_hours(ubr_num(tb, "minuten"), m);
	rapportage_w_li(w);
	rapportage_w_fmt(w, "%lld %s (%s) wachtend op goedkeuring", ubr_num(tb, "aantal"),
			 ubr_num(tb, "aantal") == 1 ? "urenregel" : "urenregels", m);
	rapportage_w_li_end(w);
	rapportage_w_ul_end(w);
	size_t i;
	json_t *o;
	json_t *wacht = json_object_get(wv, "wachtOpInzet");
	if (json_array_size(wacht)) {
		static const char *const head[] = { "Opdracht", "Ingediend", "#Wacht", NULL };
		rapportage_w_table(w, "Wacht op bemensing", head);
		json_array_foreach(wacht, i, o) {
			rapportage_w_tr(w, 0);
			rapportage_w_cell(w, 1);
			char rest[64];
			snprintf(rest, sizeof(rest), "/opdrachten/%lld", ubr_num(o, "id"));
			urenbank_rapport_link(w, c, rest, ubr_str(o, "titel"));
			rapportage_w_cell_end(w, 1);
			rapportage_w_cell(w, 0);
			urenbank_rapport_date(w, ubr_str(o, "ingediend"));
			rapportage_w_cell_end(w, 0);
			char d[40];
			snprintf(d, sizeof(d), "%lld %s", ubr_num(o, "wachtDagen"),
				 ubr_num(o, "wachtDagen") == 1 ? "dag" : "dagen");
			rapportage_w_td(w, 2, d);
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
	}
	json_t *over = json_object_get(wv, "overRaming");
	if (json_array_size(over)) {
		static const char *const head[] = { "Opdracht", "#Geraamd", "#Besteed", "#Erboven", NULL };
		rapportage_w_table(w, "Over de raming", head);
		json_array_foreach(over, i, o) {
			rapportage_w_tr(w, 0);
			rapportage_w_cell(w, 1);
			char rest[64];
			snprintf(rest, sizeof(rest), "/opdrachten/%lld", ubr_num(o, "id"));
			urenbank_rapport_link(w, c, rest, ubr_str(o, "titel"));
			rapportage_w_cell_end(w, 1);
			hours_td(w, ubr_num(o, "geraamdMinuten"));
			hours_td(w, ubr_num(o, "besteedMinuten"));
			hours_td(w, ubr_num(o, "overMinuten"));
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
	}
	json_t *verloop = json_object_get(c->doc, "verloop");
	if (json_array_size(verloop) > 1) {
		rapportage_w_h(w, 3, NULL, "Verloop door het jaar");
		static const char *const head[] = {
			"Peildatum", "#In behandeling", "#Wacht op bemensing", "#Over de raming", "#Afgerond", "#Te beoordelen",
			NULL
		};
		rapportage_w_table(w, "De werkvoorraad aan het eind van elk kwartaal", head);
		json_array_foreach(verloop, i, o) {
			rapportage_w_tr(w, 0);
			rapportage_w_cell(w, 1);
			urenbank_rapport_date(w, ubr_str(o, "peildatum"));
			rapportage_w_cell_end(w, 1);
			char n[5][32];
			snprintf(n[0], sizeof(n[0]), "%lld", ubr_num(o, "open"));
			snprintf(n[1], sizeof(n[1]), "%zu", json_array_size(json_object_get(o, "wachtOpInzet")));
			snprintf(n[2], sizeof(n[2]), "%zu", json_array_size(json_object_get(o, "overRaming")));
			snprintf(n[3], sizeof(n[3]), "%lld", ubr_num(o, "afgerond"));
			snprintf(n[4], sizeof(n[4]), "%lld", ubr_num(json_object_get(o, "teBeoordelen"), "aantal"));
			for (int k = 0; k < 5; k++)
				rapportage_w_td(w, 2, n[k]);
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
	}
	rapportage_w_p(w, "svz-meta");
	rapportage_w_txt(w, "Hoe berekend: uit de momenten die samen vastlegde (indienen, inzet, boeken, goedkeuren, "
			    "samenvoegen en afronden), zoals ze aan het eind van de peildatum stonden.");
	rapportage_w_p_end(w);
	urenbank_rapport_source(w, c, "/opdrachten?status=open", "de opdrachten die nu open staan");
}

void urenbank_rapport_lessons(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-leren", "Leerervaringen en bijsturing");
	json_t *lessen = json_object_get(c->doc, "lessen");
	if (!json_array_size(lessen)) {
		rapportage_w_p(w, NULL);
		rapportage_w_txt(w, "Het proeftuin-MT heeft in deze periode geen leerervaringen of bijsturing vastgelegd.");
		rapportage_w_p_end(w);
		return;
	}
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Wat het proeftuin-MT in deze periode leerde over het werken als één netwerkorganisatie, en "
			    "waar het bijstuurde:");
	rapportage_w_p_end(w);
	rapportage_w_ul(w, NULL);
	size_t i;
	json_t *l;
	json_array_foreach(lessen, i, l) {
		rapportage_w_li(w);
		rapportage_w_strong(w);
		urenbank_rapport_date(w, ubr_str(l, "datum"));
		rapportage_w_txt(w, ", ");
		rapportage_w_txt(w, !strcmp(ubr_str(l, "soort") ? ubr_str(l, "soort") : "", "bijsturing") ? "bijsturing"
													  : "leerervaring");
		rapportage_w_txt(w, " — ");
		rapportage_w_txt(w, ubr_str(l, "thema"));
		rapportage_w_strong_end(w);
		rapportage_w_txt(w, ": ");
		rapportage_w_txt(w, ubr_str(l, "inhoud"));
		if (ubr_str(l, "vervolg")) {
			rapportage_w_txt(w, " Vervolg: ");
			rapportage_w_txt(w, ubr_str(l, "vervolg"));
		}
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
	urenbank_rapport_source(w, c, "/leerervaringen", "de leerervaringen en bijsturing van het proeftuin-MT");
}

void urenbank_rapport_potential(struct rapportage_w *w, const struct urenbank_rapport_ctx *c, int nr)
{
	heading(w, nr, "ubr-potentieel", "Efficiencypotentieel");
	json_t *pot = json_object_get(c->ev, "potentieel");
	char lo[NL_TEXT_LEN], hi[NL_TEXT_LEN];
	urenbank_rapport_hours(ubr_num(pot, "ondergrensMinuten"), lo);
	urenbank_rapport_hours(ubr_num(pot, "bovengrensMinuten"), hi);
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "De colleges vroegen het efficiencypotentieel realistisch en onderbouwd inzichtelijk te maken, "
			    "zonder ruw geschatte winst in te boeken. Daarom staat het hier als een bandbreedte: tussen ");
	rapportage_w_strong(w);
	rapportage_w_txt(w, lo);
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, " en ");
	rapportage_w_strong(w);
	rapportage_w_txt(w, hi);
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, " in deze periode. De aannames:");
	rapportage_w_p_end(w);
	rapportage_w_ul(w, NULL);
	size_t i;
	json_t *a;
	json_array_foreach(json_object_get(pot, "aannames"), i, a) {
		rapportage_w_li(w);
		rapportage_w_txt(w, json_string_value(a));
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
	how_p(w, c, "potentieel");
}
