/* mcf_intern.h — what the two halves of the min-cost flow solver share:
 * mcf_graph.c (building the graph, the public odds and ends, where cost
 * scaling starts) and mcf.c (the solver and its working state). Not for
 * use outside src/core/mcf*.c. */
#ifndef SAMEN_CORE_MCF_INTERN_H
#define SAMEN_CORE_MCF_INTERN_H
#include "core/mcf.h"

#define MCF_SCALE_BITS 2  /* bits of the costs added per stage of cost scaling */
#define MCF_SCALE_START 2 /* different costs at the first stage (mcf_first_shift) */

/* The first stage of cost scaling: a multiple of MCF_SCALE_BITS. */
int mcf_first_shift(const struct mcf *g);
/* Frees the solver state kept for mcf_resolve() (NULL: nothing). */
void mcf_work_free(void *work);

#endif
