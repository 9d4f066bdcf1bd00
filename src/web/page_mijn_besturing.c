/* Mijn samen, what governance asks of an organisation (page_mijn_besturing.h):
 * the consents its manager gives before someone else's drawing rights are
 * used (seed 002: "met instemming van betrokken bestuurders"), and its next
 * steps in the decision trail — the OR, the college, the raad. */
#include <stdio.h>
#include <string.h>
#include "core/nl.h"
#include "store/besturing.h"
#include "store/store.h"
#include "store/urenbank.h"
#include "web/page_mijn.h"
#include "web/page_mijn_besturing.h"

#define LIST_MAX 5

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }
static long long num(json_t *o, const char *k) { return json_integer_value(json_object_get(o, k)); }

/* "/proeftuinen/<code>/instemmingen#kop-wacht": where the manager answers. */
static void consent_href(struct buf *h, const char *pt)
{
	buf_adds(h, "/proeftuinen/");
	html_url_segment(h, pt);
	buf_adds(h, "/instemmingen#kop-wacht");
}

static const char *pt_name(json_t *pts, const char *code)
{
	size_t i;
	json_t *pt;
	json_array_foreach(pts, i, pt)
		if (str(pt, "code") && !strcmp(str(pt, "code"), code))
			return str(pt, "naam");
	return code;
}

void page_mijn_consents(struct request *rq, struct buf *b, json_t *pts, const char *org)
{
	json_t *list = NULL;
	struct problem p;
	problem_init(&p);
	if (urenbank_consents_pending(rq->store, org, &list, &p) < 0)
		list = json_array();
	long long n = (long long)json_array_size(list);
	if (!n && !json_array_size(pts)) {
		json_decref(list);
		return;
	}
	page_mijn_tile_begin(b, n, n == 1 ? "verzoek wacht op uw instemming" : "verzoeken wachten op uw instemming", n > 0);
	page_mijn_tile_note(b, "Samenvoegen van opdrachten en inzet op een opdracht van uw organisatie gaan pas door met uw "
			       "akkoord; weigeren kan met een reden.");
	page_mijn_links_begin(b);
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if (i >= LIST_MAX)
			break;
		char text[900];
		if (!strcmp(str(x, "soort"), "samenvoeging"))
			snprintf(text, sizeof(text), "Samenvoegen: %s met %s (%s)", str(x, "opdrachtTitel"), str(x, "metTitel"),
				 pt_name(pts, str(x, "proeftuin")));
		else
			snprintf(text, sizeof(text), "Inzet van %s op %s (%s)", str(x, "medewerkerNaam"), str(x, "opdrachtTitel"),
				 pt_name(pts, str(x, "proeftuin")));
		struct buf h;
		buf_init(&h, 256);
		consent_href(&h, str(x, "proeftuin"));
		page_mijn_link(b, buf_str(&h), text);
		buf_release(&h);
	}
	/* Where the answers stand, also when nothing waits now. */
	if (!n) {
		json_t *pt;
		json_array_foreach(pts, i, pt) {
			char text[300];
			snprintf(text, sizeof(text), "Instemmingen in %s", str(pt, "naam"));
			struct buf h;
			buf_init(&h, 256);
			consent_href(&h, str(pt, "code"));
			page_mijn_link(b, buf_str(&h), text);
			buf_release(&h);
		}
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(list);
}

static int raad_step(const char *stap) { return !strcmp(stap, "raad") || !strcmp(stap, "raad-consulteren"); }

void page_mijn_trail(struct request *rq, struct buf *b, const char *org, const char *verband, int raad)
{
	json_t *list = NULL, *pick = json_array();
	struct problem p;
	problem_init(&p);
	if (!org || !org[0] || besturing_trail_pending(rq->store, org, &list, &p) < 0)
		list = json_array();
	size_t i;
	json_t *x;
	json_array_foreach(list, i, x) {
		if ((verband && strcmp(str(x, "verband"), verband)) || (raad && !raad_step(str(x, "stap"))))
			continue;
		json_array_append(pick, x);
	}
	long long n = (long long)json_array_size(pick);
	if (raad)
		page_mijn_tile_begin(b, n, n == 1 ? "traject voor de raad" : "trajecten voor de raad", 0);
	else
		page_mijn_tile_begin(b, n,
				     n == 1 ? "besluitvormingsstap wacht op uw organisatie"
					    : "besluitvormingsstappen wachten op uw organisatie",
				     n > 0);
	page_mijn_tile_note(b,
			    raad ? "Trajecten buiten de kaders waarover het college de raad consulteert, en waarover de raad "
				   "wordt geïnformeerd of zelf besluit. Het college legt de stap vast."
				 : "Na het go van de stuurgroep: advies van de ondernemingsraad, het collegebesluit en de raad, "
				   "per traject.");
	page_mijn_links_begin(b);
	json_array_foreach(pick, i, x) {
		if (i >= LIST_MAX)
			break;
		char href[256], text[900], vnaam[200], term[NL_TEXT_LEN + 16] = "";
		struct buf h;
		buf_init(&h, 256);
		if (json_is_integer(json_object_get(x, "traject"))) {
			snprintf(href, sizeof(href), "/trajecten/%lld/besluitvorming", num(x, "traject"));
		} else {
			buf_adds(&h, "/verbanden/");
			html_url_segment(&h, str(x, "verband"));
			buf_adds(&h, "/besluitvorming");
			snprintf(href, sizeof(href), "%s", buf_str(&h));
		}
		buf_release(&h);
		if (store_name(rq->store, str(x, "verband"), vnaam, sizeof(vnaam)) < 0)
			snprintf(vnaam, sizeof(vnaam), "%s", str(x, "verband"));
		char d[NL_TEXT_LEN];
		if (str(x, "deadline") && nl_date(str(x, "deadline"), d, sizeof(d)) == 0)
			snprintf(term, sizeof(term), ", termijn %s", d);
		if (str(x, "taakveldNaam"))
			snprintf(text, sizeof(text), "%s (%s): %s%s", str(x, "taakveldNaam"), vnaam, str(x, "omschrijving"),
				 term);
		else
			snprintf(text, sizeof(text), "Verband %s: %s%s", vnaam, str(x, "omschrijving"), term);
		page_mijn_link(b, href, text);
	}
	if (!raad) {
		struct buf h;
		buf_init(&h, 128);
		buf_adds(&h, "/organisaties/");
		html_url_segment(&h, org);
		buf_adds(&h, "#kop-wacht");
		page_mijn_link(b, buf_str(&h), "Alles wat op uw organisatie wacht");
		buf_release(&h);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
	json_decref(list);
	json_decref(pick);
}
