/* fuzz.h — what the fuzz targets share (tests/fuzz/fuzz_*.c, docs/ontwikkelen.md
 * "Fuzzen"): libFuzzer's entry point and a NUL-terminated copy of the input. */
#ifndef SAMEN_TESTS_FUZZ_H
#define SAMEN_TESTS_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A copy of the input with a NUL after it (the parsers take C strings too). */
static inline char *fuzz_text(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (s) {
		memcpy(s, data, size);
		s[size] = '\0';
	}
	return s;
}

#endif
