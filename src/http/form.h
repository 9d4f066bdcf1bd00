/* form.h — application/x-www-form-urlencoded bodies, as HTML forms send
 * them.
 *
 * form_parse() decodes at most FORM_MAX_FIELDS fields from a body of at
 * most FORM_MAX_BODY bytes ('+' is a space, %XX a byte). It refuses a
 * body that is too large, has too many fields, a broken %-escape, a NUL
 * byte or text that is not UTF-8; nothing is kept then. The form owns
 * copies of every name and value; form_release() frees them. */
#ifndef SAMEN_HTTP_FORM_H
#define SAMEN_HTTP_FORM_H
#include <stddef.h>
#include "http/request.h"

#define FORM_MAX_FIELDS 512
#define FORM_MAX_BODY (64u * 1024u)

struct form_field {
	char *name;
	char *value;
};

struct form {
	int n;
	struct form_field f[FORM_MAX_FIELDS];
};

/* 0, or -1 (f is then empty). */
int form_parse(struct form *f, const char *body, size_t len);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
void form_release(struct form *f);
/* Whether the request says its body is application/x-www-form-urlencoded. */
int form_is_urlencoded(struct request *rq);

#endif
