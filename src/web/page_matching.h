/* page_matching.h — the matching proposal of a proeftuin as a page:
 *   GET  /proeftuinen/{p}/matching             the proposal (who works on what, what stays
 *                                              uncovered, the drawing rights it uses) with an
 *                                              accept form, and the proeftuin's inzet
 *   POST /proeftuinen/{p}/matching/accepteren  accepts it, but for the rows marked
 *                                              "niet overnemen": the inzet is created, all or
 *                                              nothing, and 303 back to the page
 * For the proeftuin's process manager (policy: matchen; accepting also
 * inzetten). The form carries a fingerprint of the proposal it showed;
 * when the proposal has changed since (new opdrachten, other inzet), the
 * page says so and shows the new one instead of accepting. Works without
 * JavaScript. */
#ifndef SAMEN_WEB_PAGE_MATCHING_H
#define SAMEN_WEB_PAGE_MATCHING_H
#include "http/request.h"

extern const struct route page_matching_routes[];

#endif
