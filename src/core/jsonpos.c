#include <string.h>
#include "core/jsonpos.h"

struct scan {
	const char *s;
	size_t len, i;
	int line;
};

static void ws(struct scan *sc)
{
	while (sc->i < sc->len) {
		char c = sc->s[sc->i];
		if (c == '\n')
			sc->line++;
		else if (c != ' ' && c != '\t' && c != '\r')
			return;
		sc->i++;
	}
}

/* Skips a string at sc->i (which is '"'); copies up to outlen-1 raw bytes
 * of its contents into out when out is given. */
static int skip_string(struct scan *sc, char *out, size_t outlen)
{
	size_t o = 0;
	sc->i++;
	while (sc->i < sc->len) {
		char c = sc->s[sc->i++];
		if (c == '"') {
			if (out)
				out[o] = '\0';
			return 0;
		}
		if (c == '\\' && sc->i < sc->len)
			c = sc->s[sc->i++];
		if (c == '\n')
			sc->line++;
		if (out && o + 1 < outlen)
			out[o++] = c;
	}
	return -1;
}

/* Deeper than jansson's own limit (2048), so any text it accepted is
 * scanned whole; deeper still gives up instead of exhausting the stack. */
#define MAX_DEPTH 4096

static int skip_value(struct scan *sc, int depth)
{
	if (depth > MAX_DEPTH)
		return -1;
	ws(sc);
	if (sc->i >= sc->len)
		return -1;
	char c = sc->s[sc->i];
	if (c == '"')
		return skip_string(sc, NULL, 0);
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		sc->i++;
		for (;;) {
			ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == close) {
				sc->i++;
				return 0;
			}
			if (c == '{') {
				if (sc->i >= sc->len || sc->s[sc->i] != '"' || skip_string(sc, NULL, 0) < 0)
					return -1;
				ws(sc);
				if (sc->i >= sc->len || sc->s[sc->i] != ':')
					return -1;
				sc->i++;
			}
			if (skip_value(sc, depth + 1) < 0)
				return -1;
			ws(sc);
			if (sc->i < sc->len && sc->s[sc->i] == ',')
				sc->i++;
			else if (sc->i < sc->len && sc->s[sc->i] == close)
				continue;
			else
				return -1;
		}
	}
	/* A number, true, false or null: up to a delimiter. memchr, not strchr,
	 * so that a NUL byte is no delimiter; a scalar of no characters is no
	 * value, and stopping there keeps a caller's loop from going round
	 * without progress (found by fuzzing: an index of 10^8 on "[\0]"). */
	size_t start = sc->i;
	while (sc->i < sc->len && !memchr(",]} \t\r\n", sc->s[sc->i], 7))
		sc->i++;
	return sc->i > start ? 0 : -1;
}

int jsonpos_line(const char *text, size_t len, const char *path)
{
	struct scan sc = { text, text ? len : 0, 0, 1 };
	const char *p = path ? path : "";
	ws(&sc);
	if (sc.i >= sc.len)
		return 0; /* no value at all */
	int best = sc.line;
	while (*p) {
		if (*p == '.')
			p++;
		ws(&sc);
		if (sc.i >= sc.len)
			return best;
		if (*p == '[') {
			long want = 0;
			for (p++; *p >= '0' && *p <= '9'; p++)
				if (want < 100000000L)
					want = want * 10 + (*p - '0');
			if (*p == ']')
				p++;
			if (sc.s[sc.i] != '[')
				return best;
			sc.i++;
			for (long k = 0;; k++) {
				ws(&sc);
				if (sc.i >= sc.len || sc.s[sc.i] == ']')
					return best;
				if (k == want)
					break;
				if (skip_value(&sc, 0) < 0)
					return best;
				ws(&sc);
				if (sc.i < sc.len && sc.s[sc.i] == ',')
					sc.i++;
			}
		} else {
			char key[128];
			size_t kl = 0;
			while (*p && *p != '.' && *p != '[' && kl + 1 < sizeof(key))
				key[kl++] = *p++;
			key[kl] = '\0';
			if (sc.s[sc.i] != '{')
				return best;
			sc.i++;
			for (;;) {
				ws(&sc);
				if (sc.i >= sc.len || sc.s[sc.i] != '"')
					return best;
				char k[128];
				if (skip_string(&sc, k, sizeof(k)) < 0)
					return best;
				ws(&sc);
				if (sc.i >= sc.len || sc.s[sc.i] != ':')
					return best;
				sc.i++;
				if (!strcmp(k, key))
					break;
				if (skip_value(&sc, 0) < 0)
					return best;
				ws(&sc);
				if (sc.i < sc.len && sc.s[sc.i] == ',')
					sc.i++;
			}
		}
		ws(&sc);
		best = sc.line;
	}
	return best;
}
