/* The audit log in words (page_audit.h). */
#include <stdio.h>
#include <string.h>
#include "core/nl.h"
#include "web/page_audit.h"

/* Text for a page (escaped) or for a CSV cell (as it is). */
static void put_raw_or(struct buf *b, int html, const char *markup, const char *text)
{
	if (html)
		html_raw(b, markup);
	else
		buf_adds(b, text);
}

static void put(struct buf *b, int html, const char *s)
{
	if (html)
		html_txt(b, s ? s : "");
	else
		buf_adds(b, s ? s : "");
}

void page_audit_when(struct buf *b, const char *tijdstempel)
{
	char t[NL_TEXT_LEN];
	html_raw(b, "<time datetime=\"");
	html_attr(b, tijdstempel ? tijdstempel : "");
	html_raw(b, "\">");
	if (nl_datetime(tijdstempel, t, sizeof(t)) == 0)
		html_txt(b, t);
	else
		html_txt(b, tijdstempel ? tijdstempel : "");
	html_raw(b, "</time>");
}

static void who_to(struct request *rq, struct buf *b, const char *actor, int html)
{
	/* "naam (rol, CODE)": the code as the organisation's name. */
	const char *open = actor ? strrchr(actor, '(') : NULL, *comma = open ? strchr(open, ',') : NULL;
	size_t len = actor ? strlen(actor) : 0;
	char code[64], name[200];
	if (!comma || actor[len - 1] != ')' ||
	    snprintf(code, sizeof(code), "%.*s", (int)(actor + len - 1 - (comma + 2)), comma + 2) <= 0 || comma[1] != ' ' ||
	    store_name(rq->store, code, name, sizeof(name)) < 0) {
		put(b, html, actor);
		return;
	}
	struct buf t;
	buf_init(&t, 512);
	buf_printf(&t, "%.*s, %s)", (int)(comma - actor), actor, name);
	put(b, html, buf_str(&t));
	buf_release(&t);
}

void page_audit_who(struct request *rq, struct buf *b, const char *actor) { who_to(rq, b, actor, 1); }
void page_audit_who_text(struct request *rq, struct buf *b, const char *actor) { who_to(rq, b, actor, 0); }

static void action_to(struct buf *b, const char *actie, int html)
{
	char word[2] = { 0, 0 };
	for (const char *p = actie ? actie : ""; *p; p++) {
		word[0] = *p == '-' ? ' ' : *p;
		put(b, html, word);
	}
}

void page_audit_action(struct buf *b, const char *actie) { action_to(b, actie, 1); }
void page_audit_action_text(struct buf *b, const char *actie) { action_to(b, actie, 0); }

/* What the pages do, for the records they leave (the API's own operations
 * are described by their route summaries, see below). */
static const struct {
	const char *method, *pattern, *what;
} page_actions[] = {
	{ "POST", "/inloggen", "Aanmelden op de website" },
	{ "POST", "/uitloggen", "Afmelden" },
	{ "POST", "/besturing/verkenningen", "Verkenningsronde starten" },
	{ "POST", "/besturing/scoringen", "Scoring starten" },
	{ "POST", "/verkenningen/{code}/antwoorden", "Verkenning beantwoorden" },
	{ "POST", "/scoringen/{code}/scores", "Scores geven" },
	{ "POST", "/trajecten/{id}/mijlpalen/{mid}/gereed", "Mijlpaal gereed melden" },
	{ "POST", "/trajecten/{id}/mijlpalen/{mid}/uitstel", "Mijlpaal uitstellen" },
	{ "POST", "/trajecten/{id}/besluiten", "Besluit vastleggen" },
	{ "POST", "/trajecten/{id}/mijlpalen", "Mijlpaal toevoegen" },
	{ "POST", "/trajecten/{id}/businesscase", "Businesscase vastleggen" },
	{ "POST", "/kwaliteitskaart/import", "Kwaliteitskaart inlezen" },
	{ "POST", "/medewerkers/{id}/competenties", "Competentie vastleggen" },
	{ "POST", "/medewerkers/{id}/afwezigheden", "Afwezigheid vastleggen" },
	{ "POST", "/medewerkers/{id}/afwezigheden/{aid}/verwijderen", "Afwezigheid verwijderen" },
	{ "POST", "/medewerkers/{id}/werkt-voor", "Werkt voor: periode toevoegen" },
	{ "POST", "/medewerkers/{id}/werkt-voor/beeindigen", "Werkt voor: periode beëindigen" },
	{ "POST", "/medewerkers/{id}/werkt-voor/verwijderen", "Werkt voor: periode verwijderen" },
	{ "POST", "/proeftuinen/{p}/matching/accepteren", "Matchingsvoorstel accepteren" },
	{ "POST", "/proeftuinen/{p}/afrekening", "Afrekenen" },
	{ "POST", "/proeftuinen/{p}/uren", "Uren boeken" },
	{ "POST", "/proeftuinen/{p}/uren/{id}/goedkeuren", "Uren goedkeuren" },
	{ "POST", "/proeftuinen/{p}/uren/{id}/afkeuren", "Uren afkeuren" },
	{ "GET", "/beheer/audit", "Auditlog bekijken" },
	{ "GET", "/mijn/gegevens", "Eigen gegevens inzien (inzage)" },
	{ NULL, NULL, NULL },
};

/* Whether path fits pattern, whose {segments} take any one segment. */
static int fits(const char *pattern, const char *path)
{
	while (*pattern && *path) {
		if (*pattern == '{') {
			const char *pe = strchr(pattern, '}'), *se = strchr(path, '/');
			if (!pe || se == path)
				return 0;
			pattern = pe + 1;
			path = se ? se : path + strlen(path);
			continue;
		}
		if (*pattern++ != *path++)
			return 0;
	}
	return !*pattern && !*path;
}

/* The description of method path: a route's summary (the API's, and pages
 * that have one), else the table above; NULL when unknown. */
static const char *describe(const char *method, const char *path)
{
	const struct site *site = http_site();
	for (const struct route *const *t = site ? site->tables : NULL; t && *t; t++)
		for (const struct route *r = *t; r->method; r++)
			if (r->summary && !strcmp(r->method, method) && fits(r->pattern, path))
				return r->summary;
	for (int i = 0; page_actions[i].method; i++)
		if (!strcmp(page_actions[i].method, method) && fits(page_actions[i].pattern, path))
			return page_actions[i].what;
	return NULL;
}

static void what_to(struct request *rq, struct buf *b, const char *object, int html)
{
	/* "METHOD /path" or "METHOD /path: object" */
	const char *sp = object ? strchr(object, ' ') : NULL;
	if (!sp || sp[1] != '/') {
		put(b, html, object ? object : "");
		return;
	}
	char method[16], path[600];
	snprintf(method, sizeof(method), "%.*s", (int)(sp - object), object);
	const char *end = strstr(sp + 1, ": ");
	snprintf(path, sizeof(path), "%.*s", (int)(end ? (size_t)(end - (sp + 1)) : strlen(sp + 1)), sp + 1);
	const char *what = describe(method, path);
	int api = !strncmp(path, "/api/", 5);
	if (what) {
		put(b, html, what);
	} else {
		put(b, html,
		    !strcmp(method, "GET")      ? "Bekijken van "
		    : !strcmp(method, "DELETE") ? "Verwijderen via "
		    : !strcmp(method, "POST")   ? "Versturen naar "
						: "Wijzigen via ");
		if (html)
			html_raw(b, "<span class=\"samen-code\">");
		put(b, html, path);
		if (html)
			html_raw(b, "</span>");
	}
	if (api && what)
		put_raw_or(b, html, " <span class=\"samen-muted\">(via de API)</span>", " (via de API)");
	if (end && end[2]) {
		/* The object by its name when it is a code samen knows. */
		char name[200], first[64];
		const char *obj = end + 2;
		snprintf(first, sizeof(first), "%.*s", (int)strcspn(obj, " "), obj);
		put(b, html, " — ");
		if (store_name(rq->store, obj, name, sizeof(name)) == 0) {
			put(b, html, name);
		} else if (store_name(rq->store, first, name, sizeof(name)) == 0) {
			put(b, html, name);
			put(b, html, obj + strlen(first));
		} else {
			put(b, html, obj);
		}
	}
}

void page_audit_what(struct request *rq, struct buf *b, const char *object) { what_to(rq, b, object, 1); }
void page_audit_what_text(struct request *rq, struct buf *b, const char *object) { what_to(rq, b, object, 0); }

static void result_to(struct buf *b, const char *resultaat, int html)
{
	const char *r = resultaat ? resultaat : "";
	char word[64];
	snprintf(word, sizeof(word), "%.*s", (int)strcspn(r, " ("), r);
	put(b, html, word);
}

void page_audit_result(struct buf *b, const char *resultaat) { result_to(b, resultaat, 1); }
void page_audit_result_text(struct buf *b, const char *resultaat) { result_to(b, resultaat, 0); }
