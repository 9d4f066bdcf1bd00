/* The chapters of the report but the planning: the introduction, the
 * partners, the developments per verband, the urenbank and the
 * vulnerability (rapportage_intern.h). */
#include <stdio.h>
#include <string.h>
#include "core/nl.h"
#include "report/rapportage_intern.h"

void rapportage_intro(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	json_t *doc = c->doc;
	char h[80];
	snprintf(h, sizeof(h), "%d. Inleiding", nr);
	rapportage_w_h(w, 2, "svz-inleiding", h);
	size_t nv = 0, nt = 0, i, j;
	json_t *v, *t;
	json_array_foreach(json_object_get(doc, "verbanden"), i, v) {
		nv++;
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
			nt++;
	}
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Deze notitie geeft de stand van zaken van de bestuurlijke samenwerking van ");
	rapportage_w_txt(w, c->org_name);
	rapportage_w_txt(w, " over de periode van ");
	rapportage_date_txt(w, c->van);
	rapportage_w_txt(w, " tot en met ");
	rapportage_date_txt(w, c->tot);
	rapportage_w_fmt(w, ". %s neemt in die periode deel aan %zu %s met samen %zu %s. ", c->org_name, nv,
			 rapportage_plural((long long)nv, "samenwerkingsverband", "samenwerkingsverbanden"), nt,
			 rapportage_plural((long long)nt, "traject", "trajecten"));
	rapportage_w_txt(w, "Per verband en traject staat hieronder wat er veranderde: de besluiten, de gehaalde mijlpalen, wat "
			    "vertraging opliep of werd uitgesteld (met de reden en de nieuwe datum) en wat er komt.");
	rapportage_w_p_end(w);
}

/* "a; b; c" of the strings in arr, after label; nothing when it is empty. */
static int interest_items(struct rapportage_w *w, const char *label, json_t *arr, int any)
{
	if (!json_array_size(arr))
		return any;
	rapportage_w_txt(w, any ? "; " : " ");
	rapportage_w_txt(w, label);
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		rapportage_w_txt(w, i ? ", " : " ");
		rapportage_w_txt(w, json_string_value(x));
	}
	return 1;
}

/* What the members of each verband want and where they stand (seed 003 §4
 * "Belangen"), as at the end of the period; nothing when none recorded any. */
static void interests(struct rapportage_w *w, json_t *verbanden)
{
	size_t i, j;
	json_t *v, *b;
	int heading = 0;
	static const char *const positions[][2] = { { "eindperspectief", "stip op de horizon:" },
						    { "tempo", "tempo:" },
						    { "inhoud", "inhoud:" },
						    { "schaal", "schaal:" } };
	json_array_foreach(verbanden, i, v) {
		json_t *list = json_object_get(v, "belangen");
		if (!json_array_size(list))
			continue;
		if (!heading++) {
			rapportage_w_h(w, 3, "svz-belangen", "Belangen van de partners");
			rapportage_w_p(w, NULL);
			rapportage_w_txt(
				w, "Belangen zijn de motor van samenwerking. Per verband wat elk lid heeft vastgelegd over "
				   "zijn visie en kernwaarden, zijn organisatiebelang en zijn positie over de stip op de "
				   "horizon, het tempo, de inhoud en de schaal, zoals dat aan het eind van de periode gold.");
			rapportage_w_p_end(w);
		}
		rapportage_w_p(w, NULL);
		rapportage_w_strong(w);
		rapportage_w_txt(w, str(v, "naam"));
		rapportage_w_strong_end(w);
		rapportage_w_p_end(w);
		rapportage_w_ul(w, NULL);
		json_array_foreach(list, j, b) {
			rapportage_w_li(w);
			rapportage_w_strong(w);
			rapportage_w_txt(w, str(b, "organisatieNaam"));
			rapportage_w_strong_end(w);
			rapportage_w_txt(w, " (vanaf ");
			rapportage_date_txt(w, str(b, "datum"));
			rapportage_w_txt(w, "):");
			int any = interest_items(w, "visie en kernwaarden:", json_object_get(b, "visieKernwaarden"), 0);
			any = interest_items(w, "organisatiebelang:", json_object_get(b, "organisatiebelang"), any);
			for (size_t k = 0; k < sizeof(positions) / sizeof(positions[0]); k++)
				if (str(b, positions[k][0])) {
					rapportage_w_txt(w, any++ ? "; " : " ");
					rapportage_w_txt(w, positions[k][1]);
					rapportage_w_txt(w, " ");
					rapportage_w_txt(w, str(b, positions[k][0]));
				}
			rapportage_w_txt(w, ".");
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
}

void rapportage_partners_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Samenwerkingspartners", nr);
	rapportage_w_h(w, 2, "svz-partners", h);
	json_t *verbanden = json_object_get(c->doc, "verbanden");
	if (!json_array_size(verbanden)) {
		rapportage_w_p(w, NULL);
		rapportage_w_fmt(w, "%s was in deze periode geen lid van een samenwerkingsverband.", c->org_name);
		rapportage_w_p_end(w);
		return;
	}
	char cap[300];
	snprintf(cap, sizeof(cap), "Samenwerkingsverbanden van %s", c->org_name);
	const char *const head[] = { "Verband", "Rol", "Partners", "Taakvelden", NULL };
	rapportage_w_table(w, cap, head);
	size_t i, j;
	json_t *v, *t;
	json_array_foreach(verbanden, i, v) {
		rapportage_w_tr(w, 0);
		rapportage_w_td(w, 1, str(v, "naam"));
		rapportage_w_td(w, 0, str(v, "rol"));
		rapportage_w_cell(w, 0);
		json_t *partners = json_object_get(v, "partners");
		if (json_array_size(partners))
			rapportage_join_and(w, partners, "naam");
		else
			rapportage_w_txt(w, "—");
		rapportage_w_cell_end(w, 0);
		rapportage_w_cell(w, 0);
		json_t *tr = json_object_get(v, "trajecten");
		json_array_foreach(tr, j, t) {
			rapportage_w_txt(w, j ? ", " : "");
			rapportage_w_txt(w, str(t, "taakveldNaam"));
		}
		if (!json_array_size(tr))
			rapportage_w_txt(w, "—");
		rapportage_w_cell_end(w, 0);
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
	interests(w, verbanden);

	json_t *received = json_object_get(c->doc, "meldingen"), *sent = json_object_get(c->doc, "gemeld");
	if (json_array_size(received) || json_array_size(sent)) {
		rapportage_w_h(w, 3, NULL, "Samenwerking buiten het verband (schaken op meerdere borden)");
		rapportage_w_p(w, NULL);
		rapportage_w_txt(
			w, "Partners melden elkaar wanneer zij op een taakveld van het verband ook met anderen samenwerken.");
		rapportage_w_p_end(w);
		rapportage_w_ul(w, NULL);
		json_t *m;
		json_array_foreach(sent, i, m) {
			rapportage_w_li(w);
			rapportage_w_strong(w);
			rapportage_w_txt(w, "Gemeld aan de partners, ");
			rapportage_date_txt(w, str(m, "datum"));
			rapportage_w_txt(w, ":");
			rapportage_w_strong_end(w);
			rapportage_w_txt(w, " ");
			rapportage_w_txt(w, str(m, "tekst"));
			rapportage_w_li_end(w);
		}
		json_array_foreach(received, i, m) {
			rapportage_w_li(w);
			rapportage_w_strong(w);
			rapportage_w_txt(w, "Ontvangen, ");
			rapportage_date_txt(w, str(m, "datum"));
			rapportage_w_txt(w, ":");
			rapportage_w_strong_end(w);
			rapportage_w_txt(w, " ");
			rapportage_w_txt(w, str(m, "tekst"));
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
}

void rapportage_developments_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	char h[300];
	snprintf(h, sizeof(h), "%d. Ontwikkelingen per samenwerkingsverband", nr);
	rapportage_w_h(w, 2, "svz-ontwikkelingen", h);
	json_t *verbanden = json_object_get(c->doc, "verbanden");
	size_t i, j, sub = 0;
	json_t *v, *t;
	json_array_foreach(verbanden, i, v) {
		if (!rapportage_verband_active(v))
			continue;
		char id[80];
		snprintf(id, sizeof(id), "svz-verband-%s", str(v, "code"));
		snprintf(h, sizeof(h), "%d.%zu %s", nr, ++sub, str(v, "naam"));
		rapportage_w_raw_html(w, "<section class=\"svz-verband\">");
		rapportage_w_h(w, 3, id, h);
		if (json_array_size(json_object_get(v, "rollen"))) {
			rapportage_w_p(w, "svz-meta");
			rapportage_roles_line(w, json_object_get(v, "rollen"));
			rapportage_w_p_end(w);
		}
		rapportage_decisions_block(w, json_object_get(v, "besluiten"), 4);
		json_t *x;
		json_array_foreach(json_object_get(v, "verkenningen"), j, x)
			rapportage_survey_block(w, x);
		json_array_foreach(json_object_get(v, "scoringen"), j, x)
			rapportage_scoring_block(w, x);
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
			if (rapportage_traject_active(t))
				rapportage_traject_section(w, c, t);
		int quiet = 0;
		json_array_foreach(json_object_get(v, "trajecten"), j, t)
			quiet += !rapportage_traject_active(t);
		if (quiet) {
			rapportage_w_p(w, "svz-overig");
			rapportage_w_txt(w, "Zonder besluiten of mijlpalen in deze periode: ");
			int k = 0;
			json_array_foreach(json_object_get(v, "trajecten"), j, t) {
				if (rapportage_traject_active(t))
					continue;
				rapportage_w_txt(w, k++ ? "; " : "");
				rapportage_traject_brief(w, t);
			}
			rapportage_w_txt(w, ".");
			rapportage_w_p_end(w);
		}
		rapportage_w_raw_html(w, "</section>");
	}
	int quiet = 0;
	json_array_foreach(verbanden, i, v)
		quiet += !rapportage_verband_active(v);
	if (!quiet)
		return;
	snprintf(h, sizeof(h), "%d.%zu Overige verbanden", nr, ++sub);
	rapportage_w_h(w, 3, "svz-verband-overig", h);
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w,
			 "In deze verbanden zijn in de periode geen besluiten genomen en geen mijlpalen gehaald of verschoven.");
	rapportage_w_p_end(w);
	rapportage_w_ul(w, NULL);
	json_array_foreach(verbanden, i, v) {
		if (rapportage_verband_active(v))
			continue;
		rapportage_w_li(w);
		rapportage_w_strong(w);
		rapportage_w_txt(w, str(v, "naam"));
		rapportage_w_strong_end(w);
		if (!strcmp(str(v, "rol"), "toehoorder")) {
			rapportage_w_txt(w, " — ");
			rapportage_w_txt(w, c->org_name);
			rapportage_w_txt(w, " volgt dit verband als toehoorder.");
		}
		json_t *tr = json_object_get(v, "trajecten");
		if (json_array_size(tr)) {
			rapportage_w_txt(w, " — ");
			json_array_foreach(tr, j, t) {
				rapportage_w_txt(w, j ? "; " : "");
				rapportage_traject_brief(w, t);
			}
			rapportage_w_txt(w, ".");
		}
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
}

void rapportage_hours_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Urenbank", nr);
	rapportage_w_h(w, 2, "svz-urenbank", h);
	rapportage_w_p(w, NULL);
	rapportage_w_fmt(
		w,
		"%s wisselt uren uit in een proeftuin: wat de ene gemeente brengt, kan de andere halen (uren voor uren). "
		"De saldi zijn de stand op ",
		c->org_name);
	json_t *first = json_array_get(json_object_get(c->doc, "urenbank"), 0);
	rapportage_date_txt(w, first && str(first, "stand") ? str(first, "stand") : c->tot);
	rapportage_w_txt(w, ", het einde van de periode.");
	rapportage_w_p_end(w);
	size_t i, k;
	json_t *pt, *r;
	json_array_foreach(json_object_get(c->doc, "urenbank"), i, pt) {
		json_t *own = NULL;
		json_array_foreach(json_object_get(pt, "saldi"), k, r)
			if (!strcmp(str(r, "organisatie"), c->org))
				own = r;
		rapportage_w_h(w, 3, NULL, str(pt, "naam"));
		rapportage_w_p(w, NULL);
		rapportage_w_txt(w, "Periode ");
		rapportage_date_txt(w, str(pt, "van"));
		rapportage_w_txt(w, " tot en met ");
		rapportage_date_txt(w, str(pt, "tot"));
		rapportage_w_txt(w, ".");
		/* Commitments and what is still available exist only for now. */
		int avail = own && json_object_get(own, "beschikbaarMinuten");
		if (own) {
			char sal[NL_TEXT_LEN], gebr[NL_TEXT_LEN], geh[NL_TEXT_LEN], best[NL_TEXT_LEN];
			nl_hours(num(own, "saldoMinuten"), 0, sal, sizeof(sal));
			nl_hours(num(own, "gebrachtMinuten"), 0, gebr, sizeof(gebr));
			nl_hours(num(own, "gehaaldMinuten"), 0, geh, sizeof(geh));
			nl_hours(num(own, "beschikbaarMinuten"), 0, best, sizeof(best));
			rapportage_w_fmt(w, " Saldo van %s: ", c->org_name);
			rapportage_w_strong(w);
			rapportage_w_txt(w, sal);
			rapportage_w_strong_end(w);
			if (avail)
				rapportage_w_fmt(w, " (gebracht %s, gehaald %s); nog te besteden binnen de kredietlimiet: %s.",
						 gebr, geh, best);
			else
				rapportage_w_fmt(w, " (gebracht %s, gehaald %s).", gebr, geh);
		}
		rapportage_w_p_end(w);
		char cap[300];
		snprintf(cap, sizeof(cap), "Saldi in %s", str(pt, "naam"));
		const char *const head[] = { "Organisatie", "#Gebracht", "#Gehaald", "#Gestort", "#Saldo", "#Beschikbaar", NULL };
		const char *const head_then[] = { "Organisatie", "#Gebracht", "#Gehaald", "#Gestort", "#Saldo", NULL };
		rapportage_w_table(w, cap, avail ? head : head_then);
		json_array_foreach(json_object_get(pt, "saldi"), k, r) {
			char t1[NL_TEXT_LEN];
			rapportage_w_tr(w, r == own);
			rapportage_w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "organisatie"));
			const char *const cols[] = { "gebrachtMinuten", "gehaaldMinuten",     "gestortMinuten",
						     "saldoMinuten",    "beschikbaarMinuten", NULL };
			for (int x = 0; cols[x] && (avail || x < 4); x++) {
				nl_hours(num(r, cols[x]), 0, t1, sizeof(t1));
				rapportage_w_td(w, 2, t1);
			}
			rapportage_w_tr_end(w);
		}
		rapportage_w_table_end(w);
	}
}

void rapportage_vulnerability_chapter(struct rapportage_w *w, const struct rapportage_ctx *c, int nr)
{
	char h[80];
	snprintf(h, sizeof(h), "%d. Kwetsbaarheid", nr);
	rapportage_w_h(w, 2, "svz-kwetsbaarheid", h);
	json_t *k = json_object_get(c->doc, "kwetsbaarheid"), *rows = json_object_get(k, "competenties");
	json_t *proj = json_object_get(k, "projectie");
	if (json_is_true(json_object_get(k, "geenKaart"))) {
		rapportage_w_p(w, NULL);
		rapportage_w_fmt(w,
				 "%s houdt geen kwaliteitskaart bij: er zijn geen medewerkers met hun competenties vastgelegd. "
				 "Daarom staan hier geen ontbrekende competenties of één-pitters; die zijn pas te zien als %s de "
				 "kwaliteitskaart bijhoudt.",
				 c->org_name, c->org_name);
		rapportage_w_p_end(w);
		return;
	}
	long long gaps, single;
	rapportage_count_status(rows, "status", &gaps, &single);
	rapportage_w_p(w, NULL);
	rapportage_w_fmt(w, "Volgens de kwaliteitskaart heeft %s op ", c->org_name);
	rapportage_date_txt(w, str(k, "datum"));
	rapportage_w_fmt(w,
			 " %lld %s waarin niemand ervaren of expert is en %lld %s met één houder (één-pitter), van %zu "
			 "competenties. ",
			 gaps, rapportage_plural(gaps, "competentie", "competenties"), single,
			 rapportage_plural(single, "competentie", "competenties"), json_array_size(rows));
	rapportage_w_fmt(w, "In %lld, met de bekende pensioneringen, zijn dat er %lld zonder houder en %lld met één houder.",
			 num(proj, "jaar"), num(proj, "ontbreekt"), num(proj, "eenPitter"));
	rapportage_w_p_end(w);
	if (!gaps && !single)
		return;
	char cap[300];
	snprintf(cap, sizeof(cap), "Kwetsbare competenties van %s", c->org_name);
	const char *const head[] = { "Competentie", "#Houders", "Stand", "Vervanging door partners", NULL };
	rapportage_w_table(w, cap, head);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		const char *status = str(r, "status") ? str(r, "status") : "";
		if (strcmp(status, "ontbreekt") && strcmp(status, "een-pitter"))
			continue;
		char n[32];
		snprintf(n, sizeof(n), "%lld", num(r, "houders"));
		rapportage_w_tr(w, 0);
		rapportage_w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "competentie"));
		rapportage_w_td(w, 2, n);
		rapportage_w_td(w, 0, !strcmp(status, "ontbreekt") ? "ontbreekt" : "één-pitter");
		rapportage_w_cell(w, 0);
		if (num(r, "vervangers")) {
			rapportage_w_fmt(w, "%lld %s uit ", num(r, "vervangers"),
					 rapportage_plural(num(r, "vervangers"), "vervanger", "vervangers"));
			rapportage_join_and(w, json_object_get(r, "vervangersUit"), NULL);
		} else {
			rapportage_w_txt(w, "niet geregeld");
		}
		rapportage_w_cell_end(w, 0);
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
}
