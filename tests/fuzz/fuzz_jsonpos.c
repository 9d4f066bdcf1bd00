/* JSON with positions (core/jsonpos.h): the first line is a path, the rest the text. */
#include "core/jsonpos.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	char *nl = memchr(s, '\n', size);
	const char *path = "", *text = s;
	size_t len = size;
	if (nl) {
		*nl = '\0';
		path = s;
		text = nl + 1;
		len = size - (size_t)(nl + 1 - s);
	}
	int line = jsonpos_line(text, len, path);
	if (line < 0)
		abort();
	free(s);
	return 0;
}
