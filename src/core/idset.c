#include <stdlib.h>
#include "core/idset.h"

void idset_add(struct idset *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return;
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 16;
		long long *nv = realloc(s->v, cap * sizeof(*nv));
		if (!nv)
			return;
		s->v = nv, s->cap = cap;
	}
	s->v[s->n++] = id;
}
int idset_has(const struct idset *s, long long id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == id)
			return 1;
	return 0;
}
void idset_release(struct idset *s) { free(s->v); }
