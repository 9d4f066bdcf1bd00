/* application/x-www-form-urlencoded bodies (http/form.h). */
#include "http/form.h"
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form f = { 0 };
	if (form_parse(&f, (const char *)data, size) == 0) {
		form_get(&f, "csrf");
		form_get(&f, "naam");
		form_get(&f, "");
	}
	form_release(&f);
	return 0;
}
