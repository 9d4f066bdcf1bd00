/* Escaping for HTML and XML (escape.h). */
#include <string.h>
#include "core/escape.h"

void escape_html(struct buf *b, const char *text)
{
	const char *p = text ? text : "";
	for (;;) {
		size_t n = strcspn(p, "&<>\"'");
		if (n)
			buf_add(b, p, n); /* the plain run in one piece */
		p += n;
		switch (*p) {
		case '\0': return;
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_adds(b, "&#39;"); break; /* the only one left: ' */
		}
		p++;
	}
}
