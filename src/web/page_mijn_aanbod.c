/* Mijn samen, offers of capacity (page_mijn_aanbod.h): "niet alleen vragen,
 * ook aanbieden" — the open offers of the other members, linked to each
 * proeftuin's Aanbod page, where the manager also offers its own. */
#include <stdio.h>
#include <string.h>
#include "store/urenbank_aanbod.h"
#include "web/page_mijn.h"
#include "web/page_mijn_aanbod.h"

static const char *str(json_t *o, const char *k) { return json_string_value(json_object_get(o, k)); }

void page_mijn_aanbod(struct request *rq, struct buf *b, json_t *pts, const char *org)
{
	if (!json_array_size(pts))
		return;
	long long n = 0;
	size_t i, k;
	json_t *pt, *o;
	json_array_foreach(pts, i, pt) {
		json_t *list = NULL;
		struct problem p;
		problem_init(&p);
		if (urenbank_aanbod_list(rq->store, str(pt, "code"), "open", NULL, &list, &p) < 0)
			continue;
		json_array_foreach(list, k, o)
			n += !org || strcmp(str(o, "organisatie"), org);
		json_decref(list);
	}
	page_mijn_tile_begin(b, n, n == 1 ? "aanbod van een andere gemeente" : "aanbiedingen van andere gemeenten", 0);
	page_mijn_tile_note(b, "Capaciteit en expertise die andere leden kunnen missen; bied ook zelf aan wat uw organisatie "
			       "kan missen.");
	page_mijn_links_begin(b);
	json_array_foreach(pts, i, pt) {
		char href[200], text[300];
		snprintf(href, sizeof(href), "/proeftuinen/%s/aanbod", str(pt, "code"));
		snprintf(text, sizeof(text), "Aanbod in %s", str(pt, "naam"));
		page_mijn_link(b, href, text);
	}
	page_mijn_links_end(b);
	page_mijn_tile_end(b);
}
