/* escape.h — text made safe for HTML and XML (SVG), written into a buf.
 *
 * One mapping for every page, report and picture: & < > " ' become
 * &amp; &lt; &gt; &quot; &#39;, so that the same text is safe between tags
 * and inside an attribute quoted with " or '. Every other byte, UTF-8
 * included, is copied as it is; NULL writes nothing. An append that fails
 * leaves the buffer's failed flag set (buf.h), as every buf append does.
 *
 * The web writes through html_txt()/html_attr() (web/html.h), which are
 * this; the reports call it directly. */
#ifndef SAMEN_CORE_ESCAPE_H
#define SAMEN_CORE_ESCAPE_H
#include "core/buf.h"

void escape_html(struct buf *b, const char *text);

#endif
