/* grow.h — room for one more element in a dynamic array.
 *
 *	struct row *nr = grow(rows, &cap, n, sizeof(*rows));
 *	if (!nr) { ...rows is untouched, free it... }
 *	rows = nr;
 *	rows[n++] = ...;
 *
 * While n < *cap it returns arr itself; otherwise it doubles the capacity
 * (16 at first) with realloc and returns the new array, or NULL when memory
 * is out (then arr and *cap are as they were). */
#ifndef SAMEN_CORE_GROW_H
#define SAMEN_CORE_GROW_H
#include <stddef.h>

void *grow(void *arr, size_t *cap, size_t n, size_t size);

#endif
