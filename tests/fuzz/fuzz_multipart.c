/* multipart/form-data bodies (http/multipart.h): the first line is the
 * Content-Type header value, the rest the body. */
#include "http/multipart.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_text(data, size);
	if (!s)
		return 0;
	char *nl = memchr(s, '\n', size);
	const char *ct = "multipart/form-data; boundary=grens", *body = s;
	size_t len = size;
	if (nl) {
		*nl = '\0';
		ct = s;
		body = nl + 1;
		len = size - (size_t)(nl + 1 - s);
	}
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	int n = multipart_parse_body(ct, body, len, parts);
	if (n > MULTIPART_MAX_PARTS)
		abort();
	for (int i = 0; i < n; i++) {
		if (parts[i].data < body || parts[i].data + parts[i].len > body + len)
			abort(); /* a part points outside the body */
		multipart_get(parts, n, parts[i].name);
	}
	free(s);
	return 0;
}
