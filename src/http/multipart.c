#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "http/multipart.h"

static int is_multipart(const char *ct)
{
	return ct && !strncasecmp(ct, "multipart/form-data", 19) && (ct[19] == '\0' || ct[19] == ';');
}

int multipart_is(struct request *rq) { return is_multipart(req_header(rq, "Content-Type")); }

/* The boundary parameter of the Content-Type (quoted or not), 1–70 chars. */
static int boundary(const char *ct, char *out, size_t outlen)
{
	const char *b = ct ? strcasestr(ct, "boundary=") : NULL;
	if (!b)
		return -1;
	b += 9;
	size_t n;
	if (*b == '"') {
		b++;
		const char *e = strchr(b, '"');
		if (!e)
			return -1;
		n = (size_t)(e - b);
	} else {
		n = strcspn(b, "; \t");
	}
	if (n < 1 || n > 70 || n + 1 > outlen)
		return -1;
	memcpy(out, b, n);
	out[n] = '\0';
	return 0;
}

static const char *find(const char *hay, size_t hlen, const char *needle, size_t nlen)
{
	if (nlen > hlen)
		return NULL;
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (hay[i] == needle[0] && !memcmp(hay + i, needle, nlen))
			return hay + i;
	return NULL;
}

/* A parameter (name="…") of a Content-Disposition header line. */
static void disposition_param(const char *line, size_t len, const char *param, char *out, size_t outlen)
{
	char key[32];
	int kl = snprintf(key, sizeof(key), "%s=\"", param);
	out[0] = '\0';
	for (size_t i = 0; i + (size_t)kl <= len; i++) {
		/* A whole word: not "filename=" when asking for "name=". */
		if (memcmp(line + i, key, (size_t)kl) || (i && line[i - 1] != ' ' && line[i - 1] != ';'))
			continue;
		const char *v = line + i + kl, *end = memchr(v, '"', len - i - (size_t)kl);
		if (!end)
			return;
		size_t n = (size_t)(end - v);
		if (n >= outlen)
			n = outlen - 1;
		memcpy(out, v, n);
		out[n] = '\0';
		return;
	}
}

int multipart_parse(struct request *rq, struct multipart_part *parts)
{
	return multipart_parse_body(req_header(rq, "Content-Type"), rq->body, rq->body_len, parts);
}

int multipart_parse_body(const char *content_type, const char *body, size_t body_len, struct multipart_part *parts)
{
	char b[80], delim[84];
	if (!is_multipart(content_type) || boundary(content_type, b, sizeof(b)) < 0)
		return -1;
	int dl = snprintf(delim, sizeof(delim), "--%s", b);
	const char *p = body, *end = body + body_len;
	const char *at = find(p, (size_t)(end - p), delim, (size_t)dl);
	if (!at)
		return -1;
	int n = 0;
	p = at + dl;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return n; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n' || n >= MULTIPART_MAX_PARTS)
			return -1;
		p += 2;
		struct multipart_part *part = &parts[n];
		memset(part, 0, sizeof(*part));
		/* Headers up to an empty line. */
		for (;;) {
			const char *eol = find(p, (size_t)(end - p), "\r\n", 2);
			if (!eol)
				return -1;
			size_t len = (size_t)(eol - p);
			if (!len) {
				p = eol + 2;
				break;
			}
			if (len > 20 && !strncasecmp(p, "Content-Disposition:", 20)) {
				disposition_param(p, len, "name", part->name, sizeof(part->name));
				disposition_param(p, len, "filename", part->filename, sizeof(part->filename));
			} else if (len > 13 && !strncasecmp(p, "Content-Type:", 13)) {
				const char *v = p + 13;
				while (v < eol && *v == ' ')
					v++;
				snprintf(part->content_type, sizeof(part->content_type), "%.*s", (int)(eol - v), v);
			}
			p = eol + 2;
		}
		/* The data runs to CRLF and the next delimiter. */
		char next[88];
		int nl = snprintf(next, sizeof(next), "\r\n%s", delim);
		const char *stop = find(p, (size_t)(end - p), next, (size_t)nl);
		if (!stop || !part->name[0])
			return -1;
		part->data = p;
		part->len = (size_t)(stop - p);
		n++;
		p = stop + nl;
	}
}

const struct multipart_part *multipart_get(const struct multipart_part *parts, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(parts[i].name, name))
			return &parts[i];
	return NULL;
}

int multipart_field(struct request *rq, const char *name, char *out, size_t outlen)
{
	struct multipart_part parts[MULTIPART_MAX_PARTS];
	int n = multipart_parse(rq, parts);
	const struct multipart_part *f = n > 0 ? multipart_get(parts, n, name) : NULL;
	if (!f || f->len + 1 > outlen || memchr(f->data, '\0', f->len))
		return -1;
	memcpy(out, f->data, f->len);
	out[f->len] = '\0';
	return 0;
}
