/* The dienstverlening proeftuin's tile on "Mijn samen" (page_mijn_dienstverlening.h). */
#include <stdio.h>
#include <string.h>
#include "store/dienstverlening.h"
#include "web/html.h"
#include "web/page_mijn.h"
#include "web/page_mijn_dienstverlening.h"

void page_mijn_dienstverlening(struct request *rq, struct buf *b, const char *org, const char *verband)
{
	struct problem p;
	problem_init(&p);
	json_t *vs = NULL;
	if (dienstverlening_verbanden(rq->store, org, &vs, &p) < 0)
		return;
	size_t i;
	json_t *v;
	json_array_foreach(vs, i, v) {
		const char *code = json_string_value(json_object_get(v, "verband"));
		if (verband && verband[0] && strcmp(verband, code))
			continue;
		long long answers = json_integer_value(json_object_get(v, "antwoordenAchterstallig"));
		long long trainings = json_integer_value(json_object_get(v, "opleidingenAchterstallig"));
		page_mijn_tile_begin(b, answers + trainings,
				     answers + trainings == 1 ? "achterstallig in de proeftuin dienstverlening"
							      : "achterstallig in de proeftuin dienstverlening",
				     answers + trainings > 0);
		char note[400];
		snprintf(note, sizeof(note), "%s: %lld %s te herzien%s, %lld %s niet op tijd afgerond.",
			 json_string_value(json_object_get(v, "naam")), answers, answers == 1 ? "antwoord" : "antwoorden",
			 org ? " van uw redactie" : "", trainings, trainings == 1 ? "opleiding" : "opleidingen");
		page_mijn_tile_note(b, note);
		page_mijn_links_begin(b);
		static const char *const links[][2] = { { "", "Expertisepools" },
							{ "/opleidingen", "Opleidingsprogramma" },
							{ "/antwoorden?achterstallig=1", "Redactie Antwoord: te herzien" },
							{ "/zaaktypen", "Zaaktypen harmoniseren" } };
		for (int k = 0; k < 4; k++) {
			char href[200];
			snprintf(href, sizeof(href), "/verbanden/%s/dienstverlening%s", code, links[k][0]);
			page_mijn_link(b, href, links[k][1]);
		}
		page_mijn_links_end(b);
		page_mijn_tile_end(b);
	}
	json_decref(vs);
}
