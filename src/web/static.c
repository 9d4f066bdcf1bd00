#include <stdio.h>
#include <string.h>
#include "core/embedded.h"
#include "web/pages.h"

/* Public names of the style sheets that come from npm. */
static const struct {
	const char *name, *file;
} aliases[] = {
	{ "utrecht.css", "node_modules/@utrecht/component-library-css/dist/index.css" },
	{ "tokens.css", "node_modules/@utrecht/design-tokens/dist/index.css" },
	{ NULL, NULL },
};

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ NULL, NULL },
};

static const char *content_type(const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; types[i].ext; i++) {
		size_t e = strlen(types[i].ext);
		if (n > e && !strcmp(name + n - e, types[i].ext))
			return types[i].type;
	}
	return NULL;
}

/* The embedded file behind a public name, or NULL. Only aliases and files
 * of src/web/static/ are reachable: the lookup is exact, so a name such as
 * "../migrations/x" finds nothing. */
static const struct embedded_file *lookup(const char *name)
{
	char own[160];
	for (int i = 0; aliases[i].name; i++)
		if (!strcmp(aliases[i].name, name))
			return embedded_find(aliases[i].file);
	if (snprintf(own, sizeof(own), "static/%s", name) >= (int)sizeof(own))
		return NULL;
	return embedded_find(own);
}

int static_serve(struct request *rq, struct response *rs)
{
	const char *name = req_param(rq, "name");
	const struct embedded_file *f = lookup(name);
	const char *type = content_type(name);
	if (!f || !type) {
		page_error(rq, rs, 404, "Dit bestand bestaat niet.");
		return 0;
	}
	rs->status = 200;
	snprintf(rs->content_type, sizeof(rs->content_type), "%s", type);
	buf_add(&rs->body, f->data, f->len);
	resp_header(rs, "Cache-Control", "public, max-age=3600");
	return 0;
}
