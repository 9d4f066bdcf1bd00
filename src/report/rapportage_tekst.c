/* The pieces of text the report's chapters are made of: decisions,
 * milestones and their delays, a business case, a traject, a survey and a
 * scoring (rapportage_intern.h). */
#include <stdio.h>
#include <string.h>
#include "core/nl.h"
#include "report/rapportage_intern.h"

void rapportage_date_txt(struct rapportage_w *w, const char *iso)
{
	char d[40];
	nl_date(iso, d, sizeof(d));
	rapportage_w_txt(w, d);
}

/* "A", "A en B", "A, B en C" of the strings in arr (or of key k of its objects). */
void rapportage_join_and(struct rapportage_w *w, json_t *arr, const char *k)
{
	size_t n = json_array_size(arr), i;
	json_t *x;
	json_array_foreach(arr, i, x) {
		if (i)
			rapportage_w_txt(w, i + 1 == n ? " en " : ", ");
		rapportage_w_txt(w, k ? str(x, k) : json_string_value(x));
	}
}

static const char *outcome_label(const char *u)
{
	static const struct {
		const char *code, *label;
	} l[] = { { "go", "akkoord" },
		  { "no-go", "niet akkoord" },
		  { "uitstel", "uitgesteld" },
		  { "advies", "advies uitgebracht" },
		  { "kennisname", "ter kennisname" },
		  { NULL, NULL } };
	for (int i = 0; l[i].code; i++)
		if (u && !strcmp(u, l[i].code))
			return l[i].label;
	return u ? u : "";
}

static const char *phase_label(const char *f) { return f && !strcmp(f, "beeindigd") ? "beëindigd" : f ? f : ""; }

/* The decisions grouped: the same subject, outcome, date and explanation
 * taken by several bodies (stuurgroep and burgemeesters, three colleges)
 * is one line. Returns a new array of {"datum","uitkomst","onderwerp",
 * "toelichting","organen":[{"orgaan","namen":[…]}]}. */
static json_t *group_decisions(json_t *decisions)
{
	json_t *groups = json_array();
	size_t i, k;
	json_t *d, *g;
	json_array_foreach(decisions, i, d) {
		json_t *found = NULL;
		json_array_foreach(groups, k, g)
			if (json_equal(json_object_get(g, "datum"), json_object_get(d, "datum")) &&
			    json_equal(json_object_get(g, "uitkomst"), json_object_get(d, "uitkomst")) &&
			    json_equal(json_object_get(g, "onderwerp"), json_object_get(d, "onderwerp")) &&
			    json_equal(json_object_get(g, "toelichting"), json_object_get(d, "toelichting")))
				found = g;
		if (!found) {
			found = json_pack("{s:O,s:O,s:O,s:O,s:[]}", "datum", json_object_get(d, "datum"), "uitkomst",
					  json_object_get(d, "uitkomst"), "onderwerp", json_object_get(d, "onderwerp"),
					  "toelichting", json_object_get(d, "toelichting"), "organen");
			json_array_append_new(groups, found);
		}
		json_t *organen = json_object_get(found, "organen"), *entry = NULL, *o;
		json_array_foreach(organen, k, o)
			if (!strcmp(str(o, "orgaan"), str(d, "orgaan")))
				entry = o;
		if (!entry) {
			entry = json_pack("{s:s,s:[]}", "orgaan", str(d, "orgaan"), "namen");
			json_array_append_new(organen, entry);
		}
		if (str(d, "organisatieNaam"))
			json_array_append_new(json_object_get(entry, "namen"), json_string(str(d, "organisatieNaam")));
	}
	return groups;
}

/* "de stuurgroep en de burgemeesters", "de colleges van Dalfsen, Staphorst en Zwartewaterland". */
static void bodies(struct rapportage_w *w, json_t *organen)
{
	size_t n = json_array_size(organen), i;
	json_t *o;
	json_array_foreach(organen, i, o) {
		if (i)
			rapportage_w_txt(w, i + 1 == n ? " en " : ", ");
		const char *orgaan = str(o, "orgaan");
		json_t *namen = json_object_get(o, "namen");
		int many = json_array_size(namen) > 1;
		if (!strcmp(orgaan, "stuurgroep"))
			rapportage_w_txt(w, "stuurgroep");
		else if (!strcmp(orgaan, "burgemeesters"))
			rapportage_w_txt(w, "burgemeesters");
		else if (!strcmp(orgaan, "college"))
			rapportage_w_txt(w, many ? "colleges" : "college");
		else if (!strcmp(orgaan, "or"))
			rapportage_w_txt(w, many ? "ondernemingsraden" : "ondernemingsraad");
		else if (!strcmp(orgaan, "raad"))
			rapportage_w_txt(w, many ? "gemeenteraden" : "gemeenteraad");
		else
			rapportage_w_txt(w, orgaan);
		if (json_array_size(namen)) {
			rapportage_w_txt(w, " van ");
			rapportage_join_and(w, namen, NULL);
		}
	}
}

size_t rapportage_decisions_block(struct rapportage_w *w, json_t *decisions, int level)
{
	json_t *groups = group_decisions(decisions);
	size_t n = json_array_size(groups), i;
	json_t *g;
	if (n) {
		rapportage_w_h(w, level, NULL, "Besluiten");
		rapportage_w_ul(w, "svz-lijst svz-besluiten");
		json_array_foreach(groups, i, g) {
			rapportage_w_li(w);
			rapportage_w_strong(w);
			rapportage_date_txt(w, str(g, "datum"));
			rapportage_w_txt(w, ", ");
			bodies(w, json_object_get(g, "organen"));
			rapportage_w_txt(w, ": ");
			rapportage_w_txt(w, outcome_label(str(g, "uitkomst")));
			rapportage_w_strong_end(w);
			if (str(g, "onderwerp")) {
				rapportage_w_txt(w, " — ");
				rapportage_w_txt(w, str(g, "onderwerp"));
				rapportage_w_txt(w, ".");
			}
			if (str(g, "toelichting")) {
				rapportage_w_txt(w, " ");
				rapportage_w_txt(w, str(g, "toelichting"));
			}
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
	json_decref(groups);
	return n;
}

size_t rapportage_count_groups(json_t *decisions)
{
	json_t *g = group_decisions(decisions);
	size_t n = json_array_size(g);
	json_decref(g);
	return n;
}

static void ms_title(struct rapportage_w *w, json_t *m)
{
	rapportage_w_strong(w);
	rapportage_w_txt(w, str(m, "titel"));
	rapportage_w_strong_end(w);
	if (str(m, "verantwoordelijke")) {
		rapportage_w_txt(w, " (");
		rapportage_w_txt(w, str(m, "verantwoordelijke"));
		rapportage_w_txt(w, ")");
	}
}

static void ms_postponements(struct rapportage_w *w, json_t *m, const char *van, const char *tot, int only_in_period)
{
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(m, "uitstel"), i, u) {
		const char *dat = str(u, "datum");
		int in = dat && strcmp(dat, van) >= 0 && strcmp(dat, tot) <= 0;
		if (only_in_period && !in)
			continue;
		rapportage_w_txt(w, in ? " Uitgesteld van " : " Eerder uitgesteld van ");
		rapportage_date_txt(w, str(u, "oudeDeadline"));
		rapportage_w_txt(w, " naar ");
		rapportage_w_strong(w);
		rapportage_date_txt(w, str(u, "nieuweDeadline"));
		rapportage_w_strong_end(w);
		if (dat) {
			rapportage_w_txt(w, " (vastgelegd ");
			rapportage_date_txt(w, dat);
			rapportage_w_txt(w, ")");
		}
		rapportage_w_txt(w, ". Reden: ");
		rapportage_w_txt(w, str(u, "reden"));
	}
}

static int has_postponement_in(json_t *m, const char *van, const char *tot)
{
	size_t i;
	json_t *u;
	json_array_foreach(json_object_get(m, "uitstel"), i, u) {
		const char *d = str(u, "datum");
		if (d && strcmp(d, van) >= 0 && strcmp(d, tot) <= 0)
			return 1;
	}
	return 0;
}

static void late_state(struct rapportage_w *w, json_t *m, const char *tot)
{
	rapportage_w_txt(w, " Op ");
	rapportage_date_txt(w, tot);
	rapportage_w_fmt(w, " nog niet gereed: %lld %s na de deadline van ", num(m, "dagenTeLaat"),
			 rapportage_plural(num(m, "dagenTeLaat"), "dag", "dagen"));
	rapportage_date_txt(w, str(m, "deadline"));
	rapportage_w_txt(w, ".");
}

static void done_state(struct rapportage_w *w, json_t *m)
{
	json_t *g = json_object_get(m, "gereed");
	rapportage_w_txt(w, " Gereed op ");
	rapportage_date_txt(w, str(g, "datum"));
	if (strcmp(str(g, "datum") ? str(g, "datum") : "", str(m, "deadline") ? str(m, "deadline") : "") > 0) {
		rapportage_w_txt(w, ", na de deadline van ");
		rapportage_date_txt(w, str(m, "deadline"));
	}
	rapportage_w_txt(w, ".");
	if (str(g, "toelichting")) {
		rapportage_w_txt(w, " ");
		rapportage_w_txt(w, str(g, "toelichting"));
	}
}

int rapportage_in_array_by_id(json_t *arr, json_t *m)
{
	size_t i;
	json_t *x;
	json_array_foreach(arr, i, x)
		if (num(x, "id") == num(m, "id"))
			return 1;
	return 0;
}

static void milestones_block(struct rapportage_w *w, const struct rapportage_ctx *c, json_t *ms)
{
	json_t *gehaald = json_object_get(ms, "gehaald"), *laat_gereed = json_object_get(ms, "gereedTeLaat"),
	       *te_laat = json_object_get(ms, "teLaat"), *uitgesteld = json_object_get(ms, "uitgesteld"),
	       *komend = json_object_get(ms, "komend");
	size_t i;
	json_t *m;
	if (json_array_size(gehaald)) {
		rapportage_w_h(w, 5, NULL, "Mijlpalen gehaald");
		rapportage_w_ul(w, NULL);
		json_array_foreach(gehaald, i, m) {
			rapportage_w_li(w);
			ms_title(w, m);
			rapportage_w_txt(w, ".");
			done_state(w, m);
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
	/* Delays: postponed in the period, late, or done late; each milestone once. */
	json_t *delays = json_array();
	json_array_foreach(uitgesteld, i, m)
		json_array_append(delays, m);
	json_array_foreach(te_laat, i, m)
		if (!rapportage_in_array_by_id(delays, m))
			json_array_append(delays, m);
	json_array_foreach(laat_gereed, i, m)
		if (!rapportage_in_array_by_id(delays, m))
			json_array_append(delays, m);
	if (json_array_size(delays)) {
		rapportage_w_h(w, 5, NULL, "Vertraagd of uitgesteld");
		rapportage_w_ul(w, "svz-lijst svz-vertraging");
		json_array_foreach(delays, i, m) {
			const char *status = str(m, "status");
			rapportage_w_li(w);
			ms_title(w, m);
			rapportage_w_txt(w, ".");
			if (str(m, "omschrijving")) {
				rapportage_w_txt(w, " ");
				rapportage_w_txt(w, str(m, "omschrijving"));
			}
			ms_postponements(w, m, c->van, c->tot, 0);
			if (!strcmp(status, "te-laat"))
				late_state(w, m, c->tot);
			else if (!strcmp(status, "gereed") || !strcmp(status, "gereed-te-laat"))
				done_state(w, m);
			else if (has_postponement_in(m, c->van, c->tot)) {
				rapportage_w_txt(w, " Nieuwe deadline: ");
				rapportage_date_txt(w, str(m, "deadline"));
				rapportage_w_txt(w, ".");
			}
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
	json_decref(delays);
	int any = 0;
	json_array_foreach(komend, i, m)
		any |= !rapportage_in_array_by_id(uitgesteld, m);
	if (any) {
		rapportage_w_h(w, 5, NULL, "Wat komt");
		rapportage_w_ul(w, NULL);
		json_array_foreach(komend, i, m) {
			if (rapportage_in_array_by_id(uitgesteld, m))
				continue;
			rapportage_w_li(w);
			ms_title(w, m);
			rapportage_w_txt(w, ": uiterlijk ");
			rapportage_date_txt(w, str(m, "deadline"));
			rapportage_w_txt(w, ".");
			if (str(m, "omschrijving")) {
				rapportage_w_txt(w, " ");
				rapportage_w_txt(w, str(m, "omschrijving"));
			}
			rapportage_w_li_end(w);
		}
		rapportage_w_ul_end(w);
	}
}

static void euro_cell(struct rapportage_w *w, long long cents)
{
	char e[48];
	nl_euro(cents, e, sizeof(e));
	rapportage_w_td(w, 2, e);
}

static void businesscase_block(struct rapportage_w *w, const struct rapportage_ctx *c, json_t *t, json_t *bc)
{
	long long years = num(bc, "periodeJaren");
	int pays = !strcmp(str(bc, "oordeel") ? str(bc, "oordeel") : "", "verdient-zich-terug");
	rapportage_w_h(w, 5, NULL, "Businesscase");
	rapportage_w_p(w, NULL);
	rapportage_w_txt(w, "Oordeel: ");
	rapportage_w_strong(w);
	rapportage_w_fmt(w, pays ? "verdient zich terug binnen %lld jaar" : "verdient zich niet terug binnen %lld jaar", years);
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, ".");
	json_t *own = json_object_get(bc, "organisatie");
	if (json_is_object(own) && years > 0) {
		long long net = num(own, "nettoCenten");
		char total[48], per_year[48];
		nl_euro(net < 0 ? -net : net, total, sizeof(total));
		nl_euro((net < 0 ? -net : net) / years, per_year, sizeof(per_year));
		rapportage_w_fmt(w, " Voor %s betekent dit %s %s over %lld jaar, gemiddeld %s per jaar", c->org_name, total,
				 net < 0 ? "extra kosten" : "voordeel", years, per_year);
		json_t *ty = json_object_get(own, "terugverdienjaar");
		if (json_is_integer(ty))
			rapportage_w_fmt(w, "; terugverdiend in jaar %lld", (long long)json_integer_value(ty));
		rapportage_w_txt(w, ".");
	}
	if (str(bc, "toelichting")) {
		rapportage_w_txt(w, " ");
		rapportage_w_txt(w, str(bc, "toelichting"));
	}
	rapportage_w_p_end(w);
	json_t *rows = json_object_get(bc, "perOrganisatie");
	if (!json_array_size(rows))
		return;
	char cap[400], netto_head[64];
	snprintf(cap, sizeof(cap), "Businesscase %s per organisatie over %lld jaar%s", str(t, "taakveldNaam"), years,
		 num(bc, "discontoPromille") ? " (netto contante waarde met disconto)" : "");
	snprintf(netto_head, sizeof(netto_head), "#Netto over %lld jaar", years);
	const char *const head[] = { "Organisatie", "#Investering",        "#Kosten",       "#Besparing",
				     netto_head,    "#Gemiddeld per jaar", "Terugverdiend", NULL };
	rapportage_w_table(w, cap, head);
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r) {
		int mine = str(r, "organisatie") && !strcmp(str(r, "organisatie"), c->org);
		rapportage_w_tr(w, mine);
		rapportage_w_td(w, 1, str(r, "naam") ? str(r, "naam") : str(r, "organisatie"));
		euro_cell(w, num(r, "investeringCenten"));
		euro_cell(w, num(r, "kostenCenten"));
		euro_cell(w, num(r, "besparingCenten"));
		euro_cell(w, num(r, "nettoCenten"));
		euro_cell(w, years ? num(r, "nettoCenten") / years : 0);
		json_t *ty = json_object_get(r, "terugverdienjaar");
		char tv[48];
		if (json_is_integer(ty))
			snprintf(tv, sizeof(tv), "in jaar %lld", (long long)json_integer_value(ty));
		else
			snprintf(tv, sizeof(tv), "niet binnen %lld jaar", years);
		rapportage_w_td(w, 0, tv);
		rapportage_w_tr_end(w);
	}
	rapportage_w_table_end(w);
}

int rapportage_traject_active(json_t *t)
{
	json_t *ms = json_object_get(t, "mijlpalen");
	const char *const buckets[] = { "gehaald", "gereedTeLaat", "teLaat", "uitgesteld", "komend", NULL };
	for (int i = 0; buckets[i]; i++)
		if (json_array_size(json_object_get(ms, buckets[i])))
			return 1;
	return json_array_size(json_object_get(t, "besluiten")) || json_is_object(json_object_get(t, "businesscase"));
}

int rapportage_verband_active(json_t *v)
{
	size_t i;
	json_t *t;
	json_array_foreach(json_object_get(v, "trajecten"), i, t)
		if (rapportage_traject_active(t))
			return 1;
	return json_array_size(json_object_get(v, "besluiten")) || json_array_size(json_object_get(v, "verkenningen")) ||
	       json_array_size(json_object_get(v, "scoringen"));
}

void rapportage_roles_line(struct rapportage_w *w, json_t *roles)
{
	size_t i;
	json_t *r;
	json_array_foreach(roles, i, r) {
		rapportage_w_txt(w, i ? "; " : "");
		rapportage_w_txt(w, str(r, "rol"));
		rapportage_w_txt(w, ": ");
		rapportage_w_txt(w, str(r, "naam"));
		if (str(r, "organisatieNaam") && !strstr(str(r, "naam"), str(r, "organisatieNaam"))) {
			rapportage_w_txt(w, " (");
			rapportage_w_txt(w, str(r, "organisatieNaam"));
			rapportage_w_txt(w, ")");
		}
	}
}

/* "1 september 2012: fase van businesscase naar uitvoering (no-go op de ICT-pool)." */
static void changes_block(struct rapportage_w *w, json_t *changes)
{
	if (!json_array_size(changes))
		return;
	rapportage_w_h(w, 5, NULL, "Gewijzigd");
	rapportage_w_ul(w, NULL);
	size_t i;
	json_t *m;
	json_array_foreach(changes, i, m) {
		const char *veld = str(m, "veld"), *old = str(m, "vorige"), *nw = str(m, "waarde");
		int label = !strcmp(veld, "fase") || !strcmp(veld, "vorm") || !strcmp(veld, "intensiteit");
		rapportage_w_li(w);
		rapportage_date_txt(w, str(m, "ingangsdatum"));
		rapportage_w_txt(w, ": ");
		if (!strcmp(veld, "eind")) {
			rapportage_w_txt(w, "het traject eindigt");
		} else {
			rapportage_w_txt(w, veld);
			if (old) {
				rapportage_w_txt(w, " van ");
				rapportage_w_txt(w, label ? phase_label(old) : old);
			}
			rapportage_w_txt(w, " naar ");
			rapportage_w_txt(w, nw ? (label ? phase_label(nw) : nw) : "(geen)");
		}
		if (str(m, "reden")) {
			rapportage_w_txt(w, " (");
			rapportage_w_txt(w, str(m, "reden"));
			rapportage_w_txt(w, ")");
		}
		rapportage_w_txt(w, ".");
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
}

void rapportage_traject_section(struct rapportage_w *w, const struct rapportage_ctx *c, json_t *t)
{
	char id[64];
	snprintf(id, sizeof(id), "svz-traject-%lld", num(t, "id"));
	rapportage_w_raw_html(w, "<section class=\"svz-traject\">");
	rapportage_w_h(w, 4, id, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
	rapportage_w_p(w, "svz-meta");
	rapportage_w_txt(w, "Fase: ");
	rapportage_w_txt(w, phase_label(str(t, "fase")));
	if (str(t, "eigenaar")) {
		rapportage_w_txt(w, " · eigenaar: ");
		rapportage_w_txt(w, str(t, "eigenaar"));
	}
	if (str(t, "wettelijkeDeadline")) {
		rapportage_w_txt(w, " · wettelijke deadline: ");
		rapportage_date_txt(w, str(t, "wettelijkeDeadline"));
	}
	if (json_array_size(json_object_get(t, "rollen"))) {
		rapportage_w_txt(w, " · ");
		rapportage_roles_line(w, json_object_get(t, "rollen"));
	}
	rapportage_w_p_end(w);
	changes_block(w, json_object_get(t, "wijzigingen"));
	rapportage_decisions_block(w, json_object_get(t, "besluiten"), 5);
	milestones_block(w, c, json_object_get(t, "mijlpalen"));
	json_t *bc = json_object_get(t, "businesscase");
	if (json_is_object(bc))
		businesscase_block(w, c, t, bc);
	rapportage_w_raw_html(w, "</section>");
}

/* "Brandweer (implementatie, wettelijke deadline 1 januari 2014)". */
void rapportage_traject_brief(struct rapportage_w *w, json_t *t)
{
	rapportage_w_txt(w, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
	rapportage_w_txt(w, " (");
	if (json_is_true(json_object_get(t, "gepland"))) {
		rapportage_w_txt(w, "gepland vanaf ");
		rapportage_date_txt(w, str(t, "start"));
		rapportage_w_txt(w, ", ");
	}
	rapportage_w_txt(w, phase_label(str(t, "fase")));
	if (str(t, "wettelijkeDeadline")) {
		rapportage_w_txt(w, ", wettelijke deadline ");
		rapportage_date_txt(w, str(t, "wettelijkeDeadline"));
	}
	rapportage_w_txt(w, ")");
}

void rapportage_survey_block(struct rapportage_w *w, json_t *k)
{
	rapportage_w_h(w, 5, NULL, "Verkenning");
	rapportage_w_p(w, NULL);
	rapportage_w_strong(w);
	rapportage_w_txt(w, str(k, "naam"));
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, " (");
	rapportage_date_txt(w, str(k, "datum"));
	rapportage_w_txt(w, ").");
	json_t *keuze = json_object_get(k, "keuze");
	size_t i, n = 0;
	json_t *r;
	json_array_foreach(json_object_get(k, "uitslag"), i, r)
		n += json_is_true(json_object_get(r, "gekozen"));
	if (n) {
		rapportage_w_fmt(w, " Gekozen (%zu): ", n);
		size_t k2 = 0;
		json_array_foreach(json_object_get(k, "uitslag"), i, r) {
			if (!json_is_true(json_object_get(r, "gekozen")))
				continue;
			rapportage_w_txt(w, k2 ? (k2 + 1 == n ? " en " : ", ") : "");
			rapportage_w_txt(w, str(r, "naam"));
			k2++;
		}
		rapportage_w_txt(w, ".");
	}
	if (json_is_object(keuze) && str(keuze, "toelichting")) {
		rapportage_w_txt(w, " ");
		rapportage_w_txt(w, str(keuze, "toelichting"));
	}
	rapportage_w_p_end(w);
}

void rapportage_scoring_block(struct rapportage_w *w, json_t *sc)
{
	static const char *const tiers[] = { "zeer-kansrijk", "kansrijk", "kansrijk-op-termijn", "niet-kansrijk", NULL };
	static const char *const tier_names[] = { "zeer kansrijk", "kansrijk", "kansrijk op termijn", "niet kansrijk" };
	rapportage_w_h(w, 5, NULL, "Scoring van taakvelden");
	rapportage_w_p(w, NULL);
	rapportage_w_strong(w);
	rapportage_w_txt(w, str(sc, "naam"));
	rapportage_w_strong_end(w);
	rapportage_w_txt(w, " (");
	rapportage_date_txt(w, str(sc, "datum"));
	rapportage_w_txt(w, ").");
	rapportage_w_p_end(w);
	rapportage_w_ul(w, NULL);
	for (int k = 0; tiers[k]; k++) {
		size_t i, n = 0, j = 0;
		json_t *r;
		json_array_foreach(json_object_get(sc, "uitslag"), i, r)
			n += !strcmp(str(r, "klasse"), tiers[k]);
		if (!n)
			continue;
		rapportage_w_li(w);
		rapportage_w_strong(w);
		rapportage_w_txt(w, tier_names[k]);
		rapportage_w_strong_end(w);
		rapportage_w_txt(w, ": ");
		json_array_foreach(json_object_get(sc, "uitslag"), i, r) {
			if (strcmp(str(r, "klasse"), tiers[k]))
				continue;
			rapportage_w_txt(w, j++ ? ", " : "");
			rapportage_w_txt(w, str(r, "naam"));
			/* Until every partner scored, the tier may still change. */
			if (json_is_false(json_object_get(r, "volledig")))
				rapportage_w_txt(w, " (voorlopig: nog niet alle partners hebben gescoord)");
			if (str(r, "eigenaar")) {
				rapportage_w_txt(w, " (eigenaar ");
				rapportage_w_txt(w, str(r, "eigenaar"));
				rapportage_w_txt(w, ")");
			}
		}
		rapportage_w_li_end(w);
	}
	rapportage_w_ul_end(w);
}
