/* The zaaktypen of the dienstverlening proeftuin (core/dienstverlening.h):
 * the doorlooptijd as ISO 8601 or days, and the comparison of lists. Each
 * input line is "org|identificatie|omschrijving|doorlooptijd". */
#include "core/dienstverlening.h"
#include "fuzz.h"

#define MAX_ROWS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	struct dienstverlening_zaaktype z[MAX_ROWS];
	size_t n = 0;
	char *line = s;
	while (line && n < MAX_ROWS) {
		char *next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		char *f[4] = { line, NULL, NULL, NULL };
		for (int i = 1; i < 4 && f[i - 1]; i++) {
			char *bar = strchr(f[i - 1], '|');
			if (bar)
				*bar++ = '\0';
			f[i] = bar;
		}
		int m = 0, d = 0;
		if (f[3] && dienstverlening_duration_parse(f[3], &m, &d) == 0) {
			char t[64];
			dienstverlening_duration_text(m, d, t, sizeof(t));
			z[n++] = (struct dienstverlening_zaaktype){ f[0], f[1], f[2], m, d };
		}
		line = next;
	}
	struct dienstverlening_groep *g = NULL;
	size_t ng = 0;
	if (dienstverlening_compare(z, n, &g, &ng) == 0) {
		size_t total = 0;
		for (size_t k = 0; k < ng; k++)
			total += g[k].n;
		if (total != n)
			abort(); /* every zaaktype lands in exactly one group */
		dienstverlening_groups_free(g, ng);
	}
	free(s);
	return 0;
}
