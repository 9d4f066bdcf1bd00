/* multipart.h — multipart/form-data bodies (RFC 7578), as a browser sends
 * a form with a file: the kwaliteitskaart upload (src/web/page_kwaliteitskaart.c),
 * whose CSRF field auth_guard() reads through multipart_field().
 *
 * Parts point into the request body (borrowed, not NUL-terminated); the
 * body outlives them. At most MULTIPART_MAX_PARTS parts are read; a body
 * that is not well-formed is refused whole. */
#ifndef SAMEN_HTTP_MULTIPART_H
#define SAMEN_HTTP_MULTIPART_H
#include <stddef.h>
#include "http/request.h"

#define MULTIPART_MAX_PARTS 16

struct multipart_part {
	char name[64];
	char filename[256];
	char content_type[96];
	const char *data;
	size_t len;
};

/* Whether the request says its body is multipart/form-data. */
int multipart_is(struct request *rq);
/* Reads the parts of rq's body into parts (room for MULTIPART_MAX_PARTS);
 * returns how many, or -1 when the body is not multipart/form-data or not
 * well-formed. */
int multipart_parse(struct request *rq, struct multipart_part *parts);
/* The same for a body of len bytes with that Content-Type header value
 * (may be NULL). */
int multipart_parse_body(const char *content_type, const char *body, size_t len, struct multipart_part *parts);
/* The part called name, or NULL. */
const struct multipart_part *multipart_get(const struct multipart_part *parts, int n, const char *name);
/* Copies the text field name of rq's multipart body into out; 0, or -1
 * when there is none (or it does not fit). */
int multipart_field(struct request *rq, const char *name, char *out, size_t outlen);

#endif
