/* idset.h — a small set of ids (long long) in insertion order. Start with
 * struct idset s = { 0 }; idset_release() frees it. Adding is linear in
 * the set's size: meant for the handful of organisations or verbanden
 * one question touches. On allocation failure an id is not added. */
#ifndef SAMEN_CORE_IDSET_H
#define SAMEN_CORE_IDSET_H
#include <stddef.h>

struct idset {
	long long *v;
	size_t n, cap;
};

void idset_add(struct idset *s, long long id);
int idset_has(const struct idset *s, long long id);
void idset_release(struct idset *s);

#endif
