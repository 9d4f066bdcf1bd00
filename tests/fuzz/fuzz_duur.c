/* Durations as people type them (core/duration.h): "7,5", "7:30", "450 min". */
#include "core/duration.h"
#include "core/nl.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	int64_t m = 0;
	char err[200];
	if (duration_parse(s, &m, err, sizeof(err)) == 0) {
		char h[NL_TEXT_LEN];
		nl_hours(m, 0, h, sizeof(h));
	}
	duration_parse_minutes(s, &m, err, sizeof(err));
	duration_parse_hours(s, &m, err, sizeof(err));
	free(s);
	return 0;
}
