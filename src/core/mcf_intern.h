/* mcf_intern.h — what the two halves of the min-cost flow solver share:
 * mcf_graph.c (building the graph, the public odds and ends, where cost
 * scaling starts, the head lists' order) and mcf.c (the solver and its
 * working state). Not for use outside src/core/mcf*.c. */
#ifndef SAMEN_CORE_MCF_INTERN_H
#define SAMEN_CORE_MCF_INTERN_H
#include "core/mcf.h"

#define MCF_SCALE_BITS 2  /* bits of the costs added per stage of cost scaling */
#define MCF_SCALE_START 2 /* different costs at the first stage (mcf_first_shift) */

/* The first stage of cost scaling: a multiple of MCF_SCALE_BITS. */
int mcf_first_shift(const struct mcf *g);
/* An entry of a head list: a fresh leaf's arc (mcf.c, "Fresh leaves"). */
struct entry_sort {
	int64_t key;
	int32_t head, leaf, arc, sarc;
};
/* Sorts es[0 … n) by (head, key, arc), es being in order of arc; tmp holds
 * n. 0 or MCF_ERR_NOMEM. */
int mcf_sort_entries(struct entry_sort *es, struct entry_sort *tmp, size_t n, int32_t nnodes);
/* Frees the solver state kept for mcf_resolve() (NULL: nothing). */
void mcf_work_free(void *work);

#endif
