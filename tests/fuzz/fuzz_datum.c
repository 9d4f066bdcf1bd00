/* Dates (core/date.h): what parses must format back to the same text. */
#include <stdio.h>
#include "core/date.h"
#include "core/nl.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	int32_t d;
	if (date_parse(s, &d) == 0) {
		char back[DATE_TEXT_LEN];
		date_format(d, back);
		if (strcmp(back, s))
			abort(); /* a date that parses is written the same way */
		char nl[NL_TEXT_LEN];
		nl_date(s, nl, sizeof(nl));
	}
	free(s);
	return 0;
}
