#include "core/grow.h"

#include <stdint.h>
#include <stdlib.h>

void *grow(void *arr, size_t *cap, size_t n, size_t size)
{
	if (n < *cap && arr)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 16;
	if (ncap < n + 1)
		ncap = n + 1;
	if (size && ncap > SIZE_MAX / size)
		return NULL;
	void *na = realloc(arr, ncap * size);
	if (na)
		*cap = ncap;
	return na;
}
