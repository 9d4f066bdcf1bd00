/* Mijn samen (page_mijn.h): the start page after signing in. Per role what
 * waits for the person, each as a tile with a count and the links that do
 * it, and below every job of the role one click away — so that every job
 * is at most two clicks from here.
 *   manager        hours to approve, own opdrachten and their staffing,
 *                  saldo and drawing rights, what is asked of the
 *                  organisation (verkenningen, milestones it answers for,
 *                  consents in the urenbank, next steps in decision trails)
 *   medewerker     own inzet, own hours and their status, own
 *                  kwaliteitskaart and absences
 *   stuurgroep     verkenningen and scoringen to fill in for the own
 *                  organisation, decisions to take, milestones late or due,
 *                  the organisation's decision steps in the verband
 *   procesmanager  what blocks the settlement (hours at which manager),
 *                  work nobody is on, late milestones in the network
 *   raadslid       the latest stand van zaken, the agenda, the raad's steps
 *   beheerder      users, tokens, the audit log */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/date.h"
#include "core/nl.h"
#include "http/authz.h"
#include "store/besturing.h"
#include "store/gebruikers_pagina.h"
#include "store/gebruikers.h"
#include "store/kwaliteitskaart.h"
#include "store/register.h"
#include "store/urenbank.h"
#include "store/urenbank_overzicht.h"
#include "web/page_besturing.h"
#include "web/page_mijn.h"
#include "web/page_mijn_dienstverlening.h"
#include "web/page_mijn_besturing.h"
#include "web/page_mijn_aanbod.h"

#define DUE_DAYS 30
#define LIST_MAX 5

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

json_t *page_mijn_proeftuinen(struct request *rq)
{
	json_t *all = urenbank_proeftuin_list(rq->store), *out = json_array();
	size_t i, k;
	json_t *pt, *l;
	json_array_foreach(all, i, pt) {
		int member = !rq->actor.org[0];
		json_array_foreach(json_object_get(pt, "leden"), k, l)
			member |= !strcmp(json_string_value(l), rq->actor.org);
		if (member)
			json_array_append(out, pt);
	}
	json_decref(all);
	return out;
}

void page_mijn_title(struct buf *b, const char *title)
{
	html_raw(b, "<p class=\"samen-breadcrumb\"><a class=\"utrecht-link\" href=\"/mijn\">Mijn samen</a> › ");
	html_txt(b, title);
	html_raw(b, "</p><h1 class=\"utrecht-heading-1\">");
	html_txt(b, title);
	html_raw(b, "</h1>");
}

/* ---- tiles ------------------------------------------------------------------------------- */

void page_mijn_tile_begin(struct buf *b, long long count, const char *what, int attention)
{
	html_raw(b, attention ? "<li class=\"samen-taak samen-taak--aandacht\">"
		    : count   ? "<li class=\"samen-taak\">"
			      : "<li class=\"samen-taak samen-taak--rustig\">");
	html_raw(b, "<span class=\"samen-taak__aantal\">");
	html_int_grouped(b, count);
	html_raw(b, "</span><span class=\"samen-taak__wat\">");
	html_txt(b, what);
	html_raw(b, "</span>");
}

void page_mijn_tile_note(struct buf *b, const char *text)
{
	html_raw(b, "<p class=\"samen-taak__uitleg\">");
	html_txt(b, text);
	html_raw(b, "</p>");
}

void page_mijn_links_begin(struct buf *b) { html_raw(b, "<ul class=\"samen-taak__links\">"); }
void page_mijn_links_end(struct buf *b) { html_raw(b, "</ul>"); }

void page_mijn_link(struct buf *b, const char *href, const char *text)
{
	html_raw(b, "<li>");
	html_link(b, href, text);
	html_raw(b, "</li>");
}

void page_mijn_tile_end(struct buf *b) { html_raw(b, "</li>"); }

static void section_begin(struct buf *b, const char *id, const char *title)
{
	html_raw(b, "<section aria-labelledby=\"");
	html_attr(b, id);
	html_raw(b, "\"><h2 class=\"utrecht-heading-2\" id=\"");
	html_attr(b, id);
	html_raw(b, "\">");
	html_txt(b, title);
	html_raw(b, "</h2><ul class=\"samen-taken\">");
}

static void section_end(struct buf *b) { html_raw(b, "</ul></section>"); }

/* "/proeftuinen/<code><rest>" */
static void pt_href(char *out, size_t len, const char *code, const char *rest)
{
	struct buf h;
	buf_init(&h, 512);
	buf_adds(&h, "/proeftuinen/");
	html_url_segment(&h, code);
	buf_adds(&h, rest);
	snprintf(out, len, "%s", buf_str(&h));
	buf_release(&h);
}

static void hours_text(char *out, size_t len, long long minutes)
{
	char h[NL_TEXT_LEN];
	nl_hours(minutes, 0, h, sizeof(h));
	snprintf(out, len, "%s", h);
}

static int open_pt(json_t *pt) { return !str(pt, "status") || strcmp(str(pt, "status"), "afgerekend"); }

/* ---- the hours exchange, for a manager and a procesmanager ---------------------------------------------- */

/* Hours waiting for the actor's approval (org's principal queue), per proeftuin. */
static void tile_approve(struct request *rq, struct buf *b, json_t *pts, const char *org)
{
	long long total = 0, per[64] = { 0 };
	size_t i;
	json_t *pt;
	json_array_foreach(pts, i, pt) {
		struct problem p;
		problem_init(&p);
		if (i < 64 && urenbank_pending_count(rq->store, str(pt, "code"), org, &per[i], &p) == 0)
			total += per[i];
	}
	page_mijn_tile_begin(b, total, total == 1 ? "urenregel wacht op uw goedkeuring" : "urenregels wachten op uw goedkeuring",
			     total > 0);
	page_mijn_tile_note(b, "Pas na uw goedkeuring tellen de uren mee in de saldi.");
	page_mijn_links_begin(b);
	json_array_foreach(pts, i, pt) {
		if (i >= 64 || (!per[i] && json_array_size(pts) > 1))
			continue;
		char href[256], text[300];
		pt_href(href, sizeof(href), str(pt, "code"), "/goedkeuren");
		snprintf(text, sizeof(text), "Goedkeuren in %s (%lld)", str(pt, "naam"), per[i]);
		page_mijn_link(b, href, text);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
}

/* Open opdrachten of org and which have nobody on them yet. */
static void tile_opdrachten(struct request *rq, struct buf *b, json_t *pts, const char *org)
{
	/* Counted in SQL; only the first LIST_MAX are read. */
	json_t *mine = json_array();
	long long unstaffed = 0, n = 0;
	size_t i;
	json_t *pt, *o;
	json_array_foreach(pts, i, pt) {
		json_t *list = NULL;
		struct problem p;
		problem_init(&p);
		long long open = 0, none = 0;
		if (!open_pt(pt) || urenbank_open_count(rq->store, str(pt, "code"), org, &open, &none, &p) < 0)
			continue;
		n += open, unstaffed += none;
		struct store_page pg = { .offset = 0, .limit = LIST_MAX };
		if (json_array_size(mine) < LIST_MAX && open &&
		    urenbank_opdracht_page(rq->store, str(pt, "code"), "open", NULL, org, &pg, &list, &p) == 0)
			json_array_extend(mine, list);
		json_decref(list);
	}
	page_mijn_tile_begin(b, n, org ? "open opdrachten van uw organisatie" : "open opdrachten", unstaffed > 0);
	char note[200];
	if (unstaffed)
		snprintf(note, sizeof(note), "%lld daarvan %s nog niemand ingezet.", unstaffed,
			 unstaffed == 1 ? "heeft" : "hebben");
	else
		snprintf(note, sizeof(note), "%s",
			 n ? "Op elke opdracht is iemand ingezet." : "Meld een opdracht aan bij de proeftuin.");
	page_mijn_tile_note(b, note);
	page_mijn_links_begin(b);
	json_array_foreach(mine, i, o) {
		if (i >= LIST_MAX)
			break;
		char href[256], rest[64], text[400];
		snprintf(rest, sizeof(rest), "/opdrachten/%lld", num(o, "id"));
		pt_href(href, sizeof(href), str(o, "proeftuin"), rest);
		snprintf(text, sizeof(text), "%s%s", str(o, "titel"),
			 json_array_size(json_object_get(o, "inzet")) ? "" : " (nog niemand ingezet)");
		page_mijn_link(b, href, text);
	}
	json_array_foreach(pts, i, pt) {
		if (!open_pt(pt))
			continue;
		char href[256], text[300];
		pt_href(href, sizeof(href), str(pt, "code"), "/opdrachten/nieuw");
		snprintf(text, sizeof(text), "Nieuwe opdracht in %s", str(pt, "naam"));
		page_mijn_link(b, href, text);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(mine);
}

/* The organisation's saldo and drawing rights per proeftuin. */
static void tile_saldo(struct request *rq, struct buf *b, json_t *pts, const char *org)
{
	size_t i, k;
	json_t *pt, *s;
	json_array_foreach(pts, i, pt) {
		json_t *saldi = NULL;
		struct problem p;
		problem_init(&p);
		if (urenbank_saldi(rq->store, str(pt, "code"), &saldi, &p) < 0)
			continue;
		json_array_foreach(saldi, k, s) {
			if (strcmp(str(s, "organisatie"), org))
				continue;
			long long saldo = num(s, "saldoMinuten"), vrij = num(s, "beschikbaarMinuten");
			char what[300], note[300], h1[64], h2[64], href[256];
			hours_text(h1, sizeof(h1), saldo);
			hours_text(h2, sizeof(h2), vrij);
			snprintf(what, sizeof(what), "saldo in %s", str(pt, "naam"));
			html_raw(b, vrij <= 0 ? "<li class=\"samen-taak samen-taak--aandacht\">" : "<li class=\"samen-taak\">");
			html_raw(b, "<span class=\"samen-taak__aantal\">");
			html_txt(b, h1);
			html_raw(b, "</span><span class=\"samen-taak__wat\">");
			html_txt(b, what);
			html_raw(b, "</span>");
			snprintf(note, sizeof(note),
				 "Trekkingsrecht: nog %s werk voor uw organisatie (saldo plus kredietlimiet, "
				 "min wat al is vastgelegd).",
				 h2);
			page_mijn_tile_note(b, note);
			page_mijn_links_begin(b);
			pt_href(href, sizeof(href), str(pt, "code"), "/saldi");
			page_mijn_link(b, href, "Saldi van alle gemeenten");
			page_mijn_links_end(b);
			page_mijn_tile_end(b);
		}
		json_decref(saldi);
	}
}

/* ---- besturing: what is asked of an organisation ------------------------------------------- */

/* A tile of the rounds (verkenningen, scoringen) that wait for org: each
 * item of waiting has its "open" count; linked as prefix code suffix. */
struct rounds_tile {
	const char *one, *many, *note; /* the count's words, and the tile's note */
	const char *prefix, *suffix;   /* the link: prefix + code + suffix */
	const char *unit, *units;      /* what is open: "taakveld"/"taakvelden" */
};

static void rounds_tile(struct buf *b, json_t *waiting, const struct rounds_tile *t)
{
	long long n = (long long)json_array_size(waiting);
	page_mijn_tile_begin(b, n, n == 1 ? t->one : t->many, n > 0);
	page_mijn_tile_note(b, t->note);
	page_mijn_links_begin(b);
	size_t i;
	json_t *x;
	json_array_foreach(waiting, i, x) {
		if (i >= LIST_MAX)
			break;
		struct buf h;
		buf_init(&h, 256);
		buf_adds(&h, t->prefix);
		html_url_segment(&h, str(x, "code"));
		buf_adds(&h, t->suffix);
		char text[400];
		snprintf(text, sizeof(text), "%s (%lld %s open)", str(x, "naam"), num(x, "open"),
			 num(x, "open") == 1 ? t->unit : t->units);
		page_mijn_link(b, buf_str(&h), text);
		buf_release(&h);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
}

/* Verkenningen (of verband, or every verband) whose task fields org has not all answered. */
static void tile_surveys(struct request *rq, struct buf *b, const char *org, const char *verband)
{
	json_t *list = NULL, *waiting = json_array();
	struct problem p;
	problem_init(&p);
	if (besturing_survey_list(rq->store, verband, &list, &p) < 0)
		list = json_array();
	size_t i, k, j;
	json_t *sv, *tv, *a;
	json_array_foreach(list, i, sv) {
		if (json_array_size(json_object_get(sv, "gekozen")) ||
		    !page_besturing_has_string(json_object_get(sv, "partners"), org))
			continue;
		json_t *answers = NULL;
		problem_init(&p);
		if (besturing_survey_answers(rq->store, str(sv, "code"), &answers, &p) < 0)
			continue;
		long long open = 0;
		json_array_foreach(json_object_get(sv, "taakvelden"), k, tv) {
			int done = 0;
			json_array_foreach(answers, j, a)
				done |= !strcmp(str(a, "organisatie"), org) && json_equal(json_object_get(a, "taakveld"), tv);
			open += !done;
		}
		json_decref(answers);
		if (open) {
			json_object_set_new(sv, "open", json_integer(open));
			json_array_append(waiting, sv);
		}
	}
	rounds_tile(b, waiting,
		    &(struct rounds_tile){ "verkenning wacht op uw antwoord", "verkenningen wachten op uw antwoord",
					   "Welke taakvelden knellen bij u, en waar helpt samenwerken?", "/verkenningen/", "",
					   "taakveld", "taakvelden" });
	json_decref(list);
	json_decref(waiting);
}

/* Scoringen of verband where org still misses scores. */
static void tile_scorings(struct request *rq, struct buf *b, const char *org, const char *verband)
{
	json_t *list = NULL, *waiting = json_array();
	struct problem p;
	problem_init(&p);
	if (besturing_scoring_list(rq->store, verband, &list, &p) < 0)
		list = json_array();
	size_t i, k, j;
	json_t *sc, *tv, *m;
	json_array_foreach(list, i, sc) {
		if (!page_besturing_has_string(json_object_get(sc, "partners"), org))
			continue;
		json_t *u = NULL;
		problem_init(&p);
		if (besturing_scoring_result(rq->store, str(sc, "code"), &u, &p) < 0)
			continue;
		long long open = 0;
		json_array_foreach(json_object_get(u, "taakvelden"), k, tv)
			json_array_foreach(json_object_get(tv, "ontbrekend"), j, m)
				open += !strcmp(str(m, "organisatie"), org);
		json_decref(u);
		if (open) {
			json_object_set_new(sc, "open", json_integer(open));
			json_array_append(waiting, sc);
		}
	}
	rounds_tile(b, waiting,
		    &(struct rounds_tile){ "scoring wacht op uw scores", "scoringen wachten op uw scores",
					   "Tot elke partner heeft gescoord, is de uitslag voorlopig.", "/scoringen/",
					   "#kop-scoren", "score", "scores" });
	json_decref(list);
	json_decref(waiting);
}

/* Milestones late, or due within DUE_DAYS, of verband and/or trajecten org takes part in
 * (responsible: only those org answers for). */
static void tile_milestones(struct request *rq, struct buf *b, const char *org, const char *verband, int responsible)
{
	char today[DATE_TEXT_LEN], until[DATE_TEXT_LEN];
	date_format(date_today(), today);
	date_format(date_today() + DUE_DAYS, until);
	struct besturing_ms_filter f = { 0, verband, responsible ? NULL : org, NULL, NULL, NULL, NULL };
	json_t *list = NULL, *pick = json_array();
	struct problem p;
	problem_init(&p);
	if (besturing_milestone_list(rq->store, &f, &list, &p) < 0)
		list = json_array();
	size_t i;
	json_t *m;
	long long late = 0;
	json_array_foreach(list, i, m) {
		const char *st = str(m, "status"), *dl = str(m, "deadline");
		if (responsible && (!str(m, "organisatie") || strcmp(str(m, "organisatie"), org)))
			continue;
		if (!strcmp(st, "te-laat")) {
			late++;
			json_array_append(pick, m);
		} else if (!strcmp(st, "open") && dl && strcmp(dl, until) <= 0) {
			json_array_append(pick, m);
		}
	}
	long long n = (long long)json_array_size(pick);
	char what[120];
	snprintf(what, sizeof(what), "%s te laat of binnen %d dagen", n == 1 ? "mijlpaal" : "mijlpalen", DUE_DAYS);
	page_mijn_tile_begin(b, n, what, late > 0);
	char note[200];
	snprintf(note, sizeof(note), "%lld daarvan %s al te laat.%s", late, late == 1 ? "is" : "zijn",
		 responsible ? " Uw organisatie is ervoor verantwoordelijk; u meldt ze gereed of stelt ze uit." : "");
	page_mijn_tile_note(b, note);
	page_mijn_links_begin(b);
	json_array_foreach(pick, i, m) {
		if (i >= LIST_MAX)
			break;
		char href[160], text[600], d[NL_TEXT_LEN];
		snprintf(href, sizeof(href), "/trajecten/%lld#mijlpaal-%lld", num(m, "traject"), num(m, "id"));
		if (nl_date(str(m, "deadline"), d, sizeof(d)) < 0)
			snprintf(d, sizeof(d), "%s", str(m, "deadline"));
		snprintf(text, sizeof(text), "%s (%s, %s%s)", str(m, "titel"), str(m, "taakveldNaam"),
			 !strcmp(str(m, "status"), "te-laat") ? "was " : "uiterlijk ", d);
		page_mijn_link(b, href, text);
	}
	page_mijn_link(b, "/mijlpalen", "Alles wat te laat is");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(list);
	json_decref(pick);
}

/* Trajecten of verband that wait for a go or no-go of the stuurgroep. */
static void tile_decisions(struct request *rq, struct buf *b, const char *verband)
{
	json_t *list = NULL, *undecided = json_array();
	struct problem p;
	problem_init(&p);
	if (register_traject_list(rq->store, NULL, verband, NULL, &list, &p) < 0)
		list = json_array();
	size_t i, k;
	json_t *t, *d;
	json_array_foreach(list, i, t) {
		const char *fase = str(t, "fase");
		if (!fase || (strcmp(fase, "businesscase") && strcmp(fase, "besluitvorming")) || str(t, "eind"))
			continue;
		struct besturing_decision_filter df = { num(t, "id"), NULL, NULL, "stuurgroep", NULL, NULL };
		json_t *ds = NULL;
		problem_init(&p);
		int decided = 0;
		if (besturing_decision_list(rq->store, &df, &ds, &p) == 0)
			json_array_foreach(ds, k, d)
				decided |= !strcmp(str(d, "uitkomst"), "go") || !strcmp(str(d, "uitkomst"), "no-go");
		json_decref(ds);
		if (!decided)
			json_array_append(undecided, t);
	}
	long long n = (long long)json_array_size(undecided);
	page_mijn_tile_begin(b, n, n == 1 ? "traject wacht op een besluit" : "trajecten wachten op een besluit", n > 0);
	page_mijn_tile_note(b, "Trajecten in de fase businesscase of besluitvorming zonder go of no-go van de stuurgroep.");
	page_mijn_links_begin(b);
	json_array_foreach(undecided, i, t) {
		if (i >= LIST_MAX)
			break;
		char href[96];
		snprintf(href, sizeof(href), "/trajecten/%lld/besluiten/nieuw", num(t, "id"));
		page_mijn_link(b, href, str(t, "taakveldNaam") ? str(t, "taakveldNaam") : str(t, "taakveld"));
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(list);
	json_decref(undecided);
}

/* ---- the roles ----------------------------------------------------------------------------------- */

static void jobs_begin(struct buf *b)
{
	html_raw(b, "<section aria-labelledby=\"kop-werk\"><h2 class=\"utrecht-heading-2\" id=\"kop-werk\">Wat u hier doet</h2>"
		    "<ul class=\"samen-werk\">");
}
static void jobs_end(struct buf *b) { html_raw(b, "</ul></section>"); }

/* One link per proeftuin (or one when there is one). */
static void pt_jobs(struct buf *b, json_t *pts, const char *rest, const char *label, int only_open)
{
	size_t i;
	json_t *pt;
	json_array_foreach(pts, i, pt) {
		if (only_open && !open_pt(pt))
			continue;
		char href[256], text[300];
		pt_href(href, sizeof(href), str(pt, "code"), rest);
		if (json_array_size(pts) > 1)
			snprintf(text, sizeof(text), "%s (%s)", label, str(pt, "naam"));
		else
			snprintf(text, sizeof(text), "%s", label);
		page_mijn_link(b, href, text);
	}
}

static void org_jobs(struct request *rq, struct buf *b)
{
	char href[128];
	snprintf(href, sizeof(href), "/kwaliteitskaart#org-%s", rq->actor.org);
	page_mijn_link(b, href, "Medewerkers en kwaliteitskaart");
	if (policy_allows(&rq->actor, ACT_USER_READ, rq->actor.org, NULL))
		page_mijn_link(b, "/beheer/gebruikers", "Accounts van uw medewerkers");
	if (policy_allows(&rq->actor, ACT_REPORT_READ, rq->actor.org, NULL))
		page_mijn_link(b, "/rapporten", "Stand van zaken voor de raad");
}

static void tile_blocking(struct request *rq, struct buf *b, json_t *pts);

/* ---- what waits: one entry per kind ------------------------------------------------------------------ */

/* What the tiles of "Wat op u wacht" are about: the proeftuinen of the
 * person (NULL for a stuurgroep), the organisation (NULL: the network, for
 * a procesmanager) and the verband (NULL: none or all). */
struct mijn_ctx {
	json_t *pts;
	const char *org, *verband;
};

static void w_blocking(struct request *rq, struct buf *b, const struct mijn_ctx *c) { tile_blocking(rq, b, c->pts); }
static void w_approve(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	if (json_array_size(c->pts))
		tile_approve(rq, b, c->pts, c->org);
}
static void w_opdrachten(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	if (json_array_size(c->pts) || !c->org)
		tile_opdrachten(rq, b, c->pts, c->org);
}
static void w_surveys(struct request *rq, struct buf *b, const struct mijn_ctx *c) { tile_surveys(rq, b, c->org, c->verband); }
static void w_scorings(struct request *rq, struct buf *b, const struct mijn_ctx *c) { tile_scorings(rq, b, c->org, c->verband); }
static void w_decisions(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	if (c->verband)
		tile_decisions(rq, b, c->verband);
}
static void w_milestones(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	/* A manager sees the milestones the organisation answers for; the others those of the verband. */
	int responsible = rq->actor.role == ROLE_MANAGER;
	tile_milestones(rq, b, responsible ? c->org : NULL, c->verband, responsible);
}
static void w_consents(struct request *rq, struct buf *b, const struct mijn_ctx *c) { page_mijn_consents(rq, b, c->pts, c->org); }
static void w_aanbod(struct request *rq, struct buf *b, const struct mijn_ctx *c) { page_mijn_aanbod(rq, b, c->pts, c->org); }
/* A stuurgroep member: the organisation's steps in its own verband; a raadslid: the raad's, read-only. */
static void w_trail(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	page_mijn_trail(rq, b, c->org, c->verband, rq->actor.role == ROLE_RAADSLID);
}

static void w_dienstverlening(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	page_mijn_dienstverlening(rq, b, c->org, c->verband);
}

#define FOR(r) (1u << (r))
/* Every kind of waiting item, for whom, in the order shown. A new kind (a
 * consent asked of the organisation, say) is one tile function and one
 * line here. */
static const struct {
	unsigned roles;
	void (*tile)(struct request *rq, struct buf *b, const struct mijn_ctx *c);
} waits[] = {
	{ FOR(ROLE_PROCESMANAGER), w_blocking },
	{ FOR(ROLE_MANAGER), w_approve },
	{ FOR(ROLE_MANAGER) | FOR(ROLE_PROCESMANAGER), w_opdrachten },
	{ FOR(ROLE_MANAGER) | FOR(ROLE_STUURGROEP), w_surveys },
	{ FOR(ROLE_STUURGROEP), w_scorings },
	{ FOR(ROLE_STUURGROEP) | FOR(ROLE_PROCESMANAGER), w_decisions },
	{ FOR(ROLE_MANAGER), w_consents },
	{ FOR(ROLE_MANAGER) | FOR(ROLE_STUURGROEP) | FOR(ROLE_RAADSLID), w_trail },
	{ FOR(ROLE_MANAGER) | FOR(ROLE_STUURGROEP) | FOR(ROLE_PROCESMANAGER), w_milestones },
	{ FOR(ROLE_MANAGER), w_aanbod },
	{ FOR(ROLE_MANAGER) | FOR(ROLE_PROCESMANAGER), w_dienstverlening },
};

static void wait_tiles(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	for (size_t i = 0; i < sizeof(waits) / sizeof(waits[0]); i++)
		if (waits[i].roles & FOR(rq->actor.role))
			waits[i].tile(rq, b, c);
}

static void waiting(struct request *rq, struct buf *b, const struct mijn_ctx *c)
{
	section_begin(b, "kop-wacht", "Wat op u wacht");
	wait_tiles(rq, b, c);
	section_end(b);
}

static void manager(struct request *rq, struct buf *b)
{
	json_t *pts = page_mijn_proeftuinen(rq);
	const char *org = rq->actor.org;
	waiting(rq, b, &(struct mijn_ctx){ pts, org, NULL });
	if (json_array_size(pts)) {
		section_begin(b, "kop-saldo", "Saldo en trekkingsrechten");
		tile_saldo(rq, b, pts, org);
		section_end(b);
	}
	jobs_begin(b);
	pt_jobs(b, pts, "/opdrachten/nieuw", "Opdracht aanmelden", 1);
	pt_jobs(b, pts, "/opdrachten", "Opdrachten en inzet", 0);
	pt_jobs(b, pts, "/goedkeuren", "Uren goedkeuren", 0);
	pt_jobs(b, pts, "/uren/nieuw", "Uren boeken voor uw medewerkers", 1);
	org_jobs(rq, b);
	page_mijn_link(b, "/besturing", "Verkenningen en trajecten");
	jobs_end(b);
	json_decref(pts);
}

static void medewerker(struct request *rq, struct buf *b)
{
	long long me = rq->actor.medewerker;
	if (!me) {
		char why[400];
		authz_record_refusal(rq, ACT_HOURS_BOOK, why, sizeof(why));
		page_alert(b, why);
		jobs_begin(b);
		page_mijn_link(b, "/kwaliteitskaart", "De kwaliteitskaart van uw organisatie");
		jobs_end(b);
		return;
	}
	json_t *pts = page_mijn_proeftuinen(rq);
	long long inzet_n = 0, count[4] = { 0 }, minutes[4] = { 0 };
	static const char *const statuses[] = { "ingediend", "goedgekeurd", "afgekeurd", "gecorrigeerd" };
	json_t *inzet = json_array();
	size_t i, k, j;
	json_t *pt, *o, *z, *e;
	json_array_foreach(pts, i, pt) {
		json_t *list = NULL, *uren = NULL;
		struct problem p;
		problem_init(&p);
		if (urenbank_opdracht_list(rq->store, str(pt, "code"), "open", NULL, NULL, &list, &p) == 0)
			json_array_foreach(list, k, o) {
				long long mine = 0;
				json_array_foreach(json_object_get(o, "inzet"), j, z)
					if (num(z, "medewerker") == me)
						mine += num(z, "minuten");
				if (mine) {
					json_object_set_new(o, "mijnMinuten", json_integer(mine));
					json_array_append(inzet, o);
					inzet_n++;
				}
			}
		json_decref(list);
		struct urenbank_uren_filter f = { NULL, NULL, NULL, me, 0, 0, 10000 };
		problem_init(&p);
		if (urenbank_uren_list(rq->store, str(pt, "code"), &f, &uren, &p) == 0)
			json_array_foreach(uren, k, e)
				for (int s = 0; s < 4; s++)
					if (!strcmp(str(e, "status"), statuses[s])) {
						count[s]++;
						minutes[s] += num(e, "minuten");
					}
		json_decref(uren);
	}
	section_begin(b, "kop-wacht", "Uw werk");
	page_mijn_tile_begin(b, inzet_n, inzet_n == 1 ? "opdracht waarop u bent ingezet" : "opdrachten waarop u bent ingezet", 0);
	page_mijn_tile_note(b, "Op deze opdrachten boekt u uw uren.");
	page_mijn_links_begin(b);
	json_array_foreach(inzet, i, o) {
		if (i >= LIST_MAX)
			break;
		char h[64], text[500];
		hours_text(h, sizeof(h), num(o, "mijnMinuten"));
		snprintf(text, sizeof(text), "%s (%s ingezet)", str(o, "titel"), h);
		char href[256], rest[64];
		snprintf(rest, sizeof(rest), "/opdrachten/%lld", num(o, "id"));
		pt_href(href, sizeof(href), str(o, "proeftuin"), rest);
		page_mijn_link(b, href, text);
	}
	pt_jobs(b, pts, "/uren/nieuw", "Uren boeken", 1);
	page_mijn_links_end(b);
	page_mijn_tile_end(b);

	char what[120], note[300], h0[64], h2[64];
	hours_text(h0, sizeof(h0), minutes[0]);
	hours_text(h2, sizeof(h2), minutes[2]);
	snprintf(what, sizeof(what), "%s wacht%s op goedkeuring", count[0] == 1 ? "urenregel" : "urenregels",
		 count[0] == 1 ? "" : "en");
	page_mijn_tile_begin(b, count[0], what, count[2] > 0);
	snprintf(note, sizeof(note), "Samen %s. Goedgekeurd: %lld regel%s; afgekeurd: %lld regel%s (%s)%s", h0, count[1],
		 count[1] == 1 ? "" : "s", count[2], count[2] == 1 ? "" : "s", h2,
		 count[2] ? ": bekijk de reden bij Mijn uren." : ".");
	page_mijn_tile_note(b, note);
	page_mijn_links_begin(b);
	page_mijn_link(b, "/mijn/uren", "Mijn uren");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);

	json_t *levels = NULL, *abs = NULL;
	struct problem p;
	problem_init(&p);
	if (kwaliteitskaart_levels(rq->store, me, &levels, &p) < 0)
		levels = json_array();
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	problem_init(&p);
	if (kwaliteitskaart_absence_list(rq->store, NULL, me, today, NULL, &abs, &p) < 0)
		abs = json_array();
	char href[96];
	long long nl = (long long)json_array_size(levels), na = (long long)json_array_size(abs);
	page_mijn_tile_begin(b, nl, nl == 1 ? "competentie op uw kwaliteitskaart" : "competenties op uw kwaliteitskaart", 0);
	page_mijn_tile_note(b, "Houd bij wat u kunt: zo vindt de matching u voor werk dat bij u past.");
	page_mijn_links_begin(b);
	snprintf(href, sizeof(href), "/medewerkers/%lld#kop-competenties", me);
	page_mijn_link(b, href, "Mijn kwaliteitskaart");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	page_mijn_tile_begin(b, na, na == 1 ? "afwezigheid vanaf vandaag" : "afwezigheden vanaf vandaag", 0);
	page_mijn_tile_note(b, "Zo weten collega's wie u vervangt.");
	page_mijn_links_begin(b);
	snprintf(href, sizeof(href), "/medewerkers/%lld#kop-afwezig", me);
	page_mijn_link(b, href, "Afwezigheid doorgeven");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	section_end(b);
	jobs_begin(b);
	pt_jobs(b, pts, "/uren/nieuw", "Uren boeken", 1);
	page_mijn_link(b, "/mijn/uren", "Mijn uren");
	snprintf(href, sizeof(href), "/medewerkers/%lld", me);
	page_mijn_link(b, href, "Mijn kwaliteitskaart en afwezigheid");
	page_mijn_link(b, "/mijn/gegevens", "Mijn gegevens (inzage)");
	jobs_end(b);
	json_decref(levels);
	json_decref(abs);
	json_decref(inzet);
	json_decref(pts);
}

static void stuurgroep(struct request *rq, struct buf *b)
{
	const char *org = rq->actor.org, *verband = rq->actor.verband;
	waiting(rq, b, &(struct mijn_ctx){ NULL, org, verband });
	jobs_begin(b);
	char href[160];
	struct buf h;
	buf_init(&h, 160);
	buf_adds(&h, "/verbanden/");
	html_url_segment(&h, verband);
	page_mijn_link(b, buf_str(&h), "Het verband: leden en trajecten");
	buf_release(&h);
	page_mijn_link(b, "/besturing", "Verkenningen, scoringen en trajecten");
	page_mijn_link(b, "/besturing/scoringen/nieuw", "Een scoring starten");
	page_mijn_link(b, "/besturing/verkenningen/nieuw", "Een verkenningsronde starten");
	page_mijn_link(b, "/mijlpalen", "Wat is te laat?");
	snprintf(href, sizeof(href), "/rapporten/stand-van-zaken?organisatie=%s", org);
	page_mijn_link(b, href, "Stand van zaken voor de raad");
	jobs_end(b);
}

/* What blocks the settlement: submitted hours, per principal whose manager must approve them. */
static void tile_blocking(struct request *rq, struct buf *b, json_t *pts)
{
	long long total = 0;
	json_t *rows = json_array();
	size_t i, k;
	json_t *pt, *l;
	json_array_foreach(pts, i, pt) {
		json_array_foreach(json_object_get(pt, "leden"), k, l) {
			long long n = 0;
			struct problem p;
			problem_init(&p);
			if (urenbank_pending_count(rq->store, str(pt, "code"), json_string_value(l), &n, &p) < 0 || !n)
				continue;
			total += n;
			json_array_append_new(rows, json_pack("{s:O,s:O,s:I}", "pt", pt, "org", l, "n", (json_int_t)n));
		}
	}
	page_mijn_tile_begin(b, total, total == 1 ? "urenregel houdt de afrekening op" : "urenregels houden de afrekening op",
			     total > 0);
	page_mijn_tile_note(b, "Ingediende uren die nog bij de manager van de opdrachtgever liggen:");
	page_mijn_links_begin(b);
	json_t *r;
	json_array_foreach(rows, i, r) {
		char name[200], text[400], href[256];
		if (store_name(rq->store, str(r, "org"), name, sizeof(name)) < 0)
			snprintf(name, sizeof(name), "%s", str(r, "org"));
		snprintf(text, sizeof(text), "%lld bij de manager van %s", num(r, "n"), name);
		pt_href(href, sizeof(href), str(json_object_get(r, "pt"), "code"), "/afrekening");
		page_mijn_link(b, href, text);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(rows);
}

static void procesmanager(struct request *rq, struct buf *b)
{
	json_t *all = urenbank_proeftuin_list(rq->store), *pts = json_array();
	size_t i;
	json_t *pt;
	json_array_foreach(all, i, pt) {
		const struct policy_target t = { NULL, str(pt, "verband"), str(pt, "code") };
		if (policy_allows_in(&rq->actor, ACT_EXCHANGE_MANAGE, &t))
			json_array_append(pts, pt);
	}
	json_decref(all);
	const char *verband = rq->actor.verband[0] ? rq->actor.verband : NULL;
	waiting(rq, b, &(struct mijn_ctx){ pts, NULL, verband });
	jobs_begin(b);
	pt_jobs(b, pts, "/matching", "Matchingsvoorstel", 1);
	pt_jobs(b, pts, "/opdrachten/nieuw", "Opdracht aanmelden", 1);
	pt_jobs(b, pts, "/opdrachten", "Opdrachten, inzet en samenvoegen", 0);
	pt_jobs(b, pts, "/afrekening", "Afrekening", 0);
	pt_jobs(b, pts, "/rapporten", "Tussentijdse rapportage en eindevaluatie", 0);
	page_mijn_link(b, "/besturing", "Verkenningen, scoringen en trajecten");
	page_mijn_link(b, "/kwaliteitskaart", "Kwaliteitskaart van het netwerk");
	page_mijn_link(b, "/mijlpalen", "Wat is te laat?");
	page_mijn_link(b, "/rapporten", "Stand van zaken voor de raad");
	jobs_end(b);
	json_decref(pts);
}

/* The latest year up to today in which a milestone of org's trajecten was due or done (0: none). */
static int latest_year(struct request *rq, const char *org)
{
	char today[DATE_TEXT_LEN];
	date_format(date_today(), today);
	struct besturing_ms_filter f = { 0, NULL, org, NULL, NULL, NULL, today };
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (besturing_milestone_list(rq->store, &f, &list, &p) < 0)
		return 0;
	int last = 0;
	size_t i;
	json_t *m;
	json_array_foreach(list, i, m) {
		const char *d = str(m, "deadline");
		int year = d && strlen(d) >= 4 ? (d[0] - '0') * 1000 + (d[1] - '0') * 100 + (d[2] - '0') * 10 + (d[3] - '0') : 0;
		if (d && strcmp(d, today) <= 0 && year > last)
			last = year;
	}
	json_decref(list);
	return last;
}

static void raadslid(struct request *rq, struct buf *b)
{
	const char *org = rq->actor.org;
	char name[200], href[256];
	if (store_name(rq->store, org, name, sizeof(name)) < 0)
		snprintf(name, sizeof(name), "%s", org);
	int32_t today = date_today();
	int y, m, d;
	date_to_ymd(today, &y, &m, &d);
	char van[DATE_TEXT_LEN], tot[DATE_TEXT_LEN];
	date_format(date_from_ymd(y, 1, 1), van);
	date_format(today, tot);
	section_begin(b, "kop-wacht", "Voor de raad");
	struct besturing_ms_filter f = { 0, NULL, org, NULL, NULL, tot, NULL };
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (besturing_milestone_list(rq->store, &f, &list, &p) < 0)
		list = json_array();
	long long n = 0;
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x)
		n += strncmp(str(x, "status"), "gereed", 6) != 0;
	html_raw(b, "<li class=\"samen-taak\"><span class=\"samen-taak__wat\">De stand van zaken van ");
	html_txt(b, name);
	html_raw(b, "</span>");
	char note[300];
	snprintf(note, sizeof(note), "Wat er dit jaar is besloten, gehaald en uitgesteld in de samenwerking van %s.", name);
	page_mijn_tile_note(b, note);
	page_mijn_links_begin(b);
	snprintf(href, sizeof(href), "/rapporten/stand-van-zaken?organisatie=%s&van=%s&tot=%s", org, van, tot);
	page_mijn_link(b, href, "Stand van zaken van dit jaar");
	/* The latest year something happened, when that is not this year. */
	int last = latest_year(rq, org);
	if (last && last < y) {
		char text[64];
		snprintf(href, sizeof(href), "/rapporten/stand-van-zaken?organisatie=%s&van=%d-01-01&tot=%d-12-31", org, last,
			 last);
		snprintf(text, sizeof(text), "Stand van zaken van %d", last);
		page_mijn_link(b, href, text);
	}
	page_mijn_link(b, "/rapporten", "Een andere periode");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	page_mijn_tile_begin(b, n, n == 1 ? "mijlpaal op de agenda" : "mijlpalen op de agenda", 0);
	page_mijn_tile_note(
		b, "De komende en openstaande mijlpalen en wettelijke deadlines van de trajecten waaraan uw gemeente deelneemt.");
	page_mijn_links_begin(b);
	json_array_foreach(list, i, x) {
		if (i >= LIST_MAX)
			break;
		char text[600], dd[NL_TEXT_LEN], mh[96];
		if (nl_date(str(x, "deadline"), dd, sizeof(dd)) < 0)
			snprintf(dd, sizeof(dd), "%s", str(x, "deadline"));
		snprintf(text, sizeof(text), "%s: %s (%s)", dd, str(x, "titel"), str(x, "taakveldNaam"));
		snprintf(mh, sizeof(mh), "/trajecten/%lld", num(x, "traject"));
		page_mijn_link(b, mh, text);
	}
	snprintf(href, sizeof(href), "/api/v1/agenda.ics?organisatie=%s", org);
	page_mijn_link(b, href, "De agenda in uw agenda-programma (iCalendar)");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	wait_tiles(rq, b, &(struct mijn_ctx){ NULL, org, NULL });
	section_end(b);
	jobs_begin(b);
	snprintf(href, sizeof(href), "/organisaties/%s", org);
	page_mijn_link(b, href, "Met wie werkt uw gemeente samen?");
	page_mijn_link(b, "/netwerk", "De netwerkkaart");
	page_mijn_link(b, "/rapporten", "Rapporten");
	jobs_end(b);
	json_decref(list);
}

static void beheerder(struct request *rq, struct buf *b)
{
	long long users = 0, active = 0, tokens = 0, refused = 0;
	gebruikers_counts(rq->store, &users, &active, &tokens, &refused);
	section_begin(b, "kop-wacht", "Beheer");
	page_mijn_tile_begin(b, active, active == 1 ? "actief account" : "actieve accounts", 0);
	char note[200];
	snprintf(note, sizeof(note), "Van %lld accounts in totaal.", users);
	page_mijn_tile_note(b, note);
	page_mijn_links_begin(b);
	page_mijn_link(b, "/beheer/gebruikers", "Gebruikers beheren");
	page_mijn_link(b, "/beheer/gebruikers/nieuw", "Nieuwe gebruiker");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	page_mijn_tile_begin(b, tokens, tokens == 1 ? "geldig API-token" : "geldige API-tokens", 0);
	page_mijn_tile_note(b, "Tokens geeft u uit en trekt u in bij de gebruiker.");
	page_mijn_links_begin(b);
	page_mijn_link(b, "/beheer/gebruikers#kop-tokens", "Tokens per gebruiker");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	page_mijn_tile_begin(b, refused,
			     refused == 1 ? "geweigerde poging in de laatste 7 dagen"
					  : "geweigerde pogingen in de laatste 7 dagen",
			     refused > 0);
	page_mijn_tile_note(b, "Geweigerde aanmeldingen en acties die iemand niet mocht doen.");
	page_mijn_links_begin(b);
	page_mijn_link(b, "/beheer/audit", "Auditlog");
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	section_end(b);
	jobs_begin(b);
	page_mijn_link(b, "/beheer/gebruikers", "Gebruikers, rollen en wachtwoorden");
	page_mijn_link(b, "/beheer/audit", "Auditlog");
	page_mijn_link(b, "/proeftuinen", "Urenbank");
	page_mijn_link(b, "/besturing", "Besturing");
	page_mijn_link(b, "/kwaliteitskaart", "Kwaliteitskaart");
	page_mijn_link(b, "/rapporten", "Rapporten");
	jobs_end(b);
}

static int get_mijn(struct request *rq, struct response *rs)
{
	if (authz_require_page(rq, rs, ACT_STAFF_READ, NULL) < 0)
		return 0;
	char person[160], org[200], verband[200] = "";
	gebruikers_actor_names(rq->store, &rq->actor, person, sizeof(person), org, sizeof(org));
	if (rq->actor.verband[0] && store_name(rq->store, rq->actor.verband, verband, sizeof(verband)) < 0)
		snprintf(verband, sizeof(verband), "%s", rq->actor.verband);
	page_begin(rq, rs, "Mijn samen");
	struct buf *b = &rs->body;
	html_raw(b, "<h1 class=\"utrecht-heading-1\">Mijn samen</h1><p class=\"utrecht-paragraph utrecht-paragraph--lead\">");
	html_txt(b, person);
	static const char *const as[] = { "",
					  ", raadslid van ",
					  ", medewerker van ",
					  ", manager bij ",
					  ", lid van de stuurgroep van ",
					  ", procesmanager van ",
					  ", beheerder van samen" };
	html_txt(b, as[rq->actor.role]);
	if (rq->actor.role == ROLE_STUURGROEP || (rq->actor.role == ROLE_PROCESMANAGER && verband[0])) {
		html_txt(b, verband);
		html_raw(b, " (");
		html_txt(b, org);
		html_raw(b, ")");
	} else if (rq->actor.role == ROLE_PROCESMANAGER) {
		html_raw(b, "het hele netwerk");
	} else if (rq->actor.role != ROLE_BEHEERDER) {
		html_txt(b, org);
	}
	html_raw(b, ". Hier staat wat op u wacht, en alles wat u in samen doet.</p>");
	switch (rq->actor.role) {
	case ROLE_MANAGER: manager(rq, b); break;
	case ROLE_MEDEWERKER: medewerker(rq, b); break;
	case ROLE_STUURGROEP: stuurgroep(rq, b); break;
	case ROLE_PROCESMANAGER: procesmanager(rq, b); break;
	case ROLE_RAADSLID: raadslid(rq, b); break;
	case ROLE_BEHEERDER: beheerder(rq, b); break;
	default: break;
	}
	page_end(rq, rs);
	return 0;
}

const struct route page_mijn_routes[] = {
	{ "GET", "/mijn", get_mijn, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/mijn/uren", page_mijn_uren, NULL, NULL, NULL, NULL, NULL, 0 },
	{ "GET", "/mijn/gegevens", page_mijn_gegevens, NULL, NULL, NULL, NULL, NULL, 0 },
	{ 0 },
};
