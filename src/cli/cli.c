/* cli.c — what the samen commands share: option parsing, reading files,
 * opening the database, and Dutch reasons for file errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/buf.h"
#include "store/gebruikers.h"

static int parse_int(const char *s, int min, int max, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(s, &end, 10);
	if (errno || *end || end == s || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

/* The options that take a value. */
static const char *const value_opts[] = { "--db", "--bind", "--port", "--threads", "--cert", "--key", NULL };

/* Whether the first len bytes of arg are exactly the option name. */
static int opt_is(const char *arg, size_t len, const char *name) { return strlen(name) == len && !strncmp(arg, name, len); }

static int known_value_opt(const char *arg, size_t len)
{
	for (int i = 0; value_opts[i]; i++)
		if (opt_is(arg, len, value_opts[i]))
			return 1;
	return 0;
}

int cli_parse(int argc, char **argv, struct cli_opts *o, const char *usage)
{
	memset(o, 0, sizeof(*o));
	o->bind = "127.0.0.1";
	o->port = 8080;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--json")) {
			o->json = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return -1;
		}
		if (!strcmp(a, "--")) {
			/* Everything after "--" is a file name, even if it starts with '-'. */
			for (i++; i < argc; i++) {
				if (o->file) {
					fprintf(stderr, "samen: één bestand verwacht, niet ook '%s'\n", argv[i]);
					return 2;
				}
				o->file = argv[i];
			}
			break;
		}
		if (a[0] == '-' && a[1] != '\0') {
			/* --name VALUE or --name=VALUE */
			const char *eq = a[1] == '-' ? strchr(a, '=') : NULL;
			size_t nlen = eq ? (size_t)(eq - a) : strlen(a);
			if (!known_value_opt(a, nlen)) {
				fprintf(stderr, "samen: onbekende optie '%.*s'. Zie 'samen help'.\n", (int)nlen, a);
				return 2;
			}
			const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
			if (!v) {
				fprintf(stderr, "samen: %s verwacht een waarde\n", a);
				return 2;
			}
			if (opt_is(a, nlen, "--db")) {
				if (!*v) {
					fprintf(stderr, "samen: --db verwacht een bestandsnaam\n");
					return 2;
				}
				o->db = v;
			} else if (opt_is(a, nlen, "--bind"))
				o->bind = v;
			else if (opt_is(a, nlen, "--cert"))
				o->cert = v;
			else if (opt_is(a, nlen, "--key"))
				o->key = v;
			else if (opt_is(a, nlen, "--port")) {
				if (parse_int(v, 0, 65535, &o->port) < 0) {
					fprintf(stderr, "samen: --port moet een getal van 0 tot 65535 zijn, niet '%s'\n", v);
					return 2;
				}
			} else if (parse_int(v, 1, 256, &o->threads) < 0) { /* --threads */
				fprintf(stderr, "samen: --threads moet een getal van 1 tot 256 zijn, niet '%s'\n", v);
				return 2;
			}
			continue;
		}
		if (o->file) {
			fprintf(stderr, "samen: één bestand verwacht, niet ook '%s'\n", a);
			return 2;
		}
		o->file = a;
	}
	return 0;
}

/* For the commands that take no file: a stray word is a mistake. */
int cli_no_file(struct cli_opts *o)
{
	if (o->file) {
		fprintf(stderr, "samen: onverwacht argument '%s'. Zie 'samen help'.\n", o->file);
		return 2;
	}
	return 0;
}

/* A Dutch reason for the usual ways reading or writing a file fails. */
const char *cli_file_error(int err)
{
	switch (err) {
	case ENOENT: return "het bestand bestaat niet";
	case EACCES:
	case EPERM: return "geen leesrechten";
	case EISDIR: return "dat is een map, geen bestand";
	case EFBIG: return "het bestand is groter dan 256 MiB";
	case ENOMEM: return "onvoldoende geheugen";
	case ENOTDIR: return "een deel van het pad is geen map";
	case ENAMETOOLONG: return "de bestandsnaam is te lang";
	case ENOSPC: return "de schijf is vol";
	case EPIPE: return "de uitvoer is gesloten";
	case EIO: return "invoer-/uitvoerfout";
	default: return strerror(err);
	}
}

int cli_options(int argc, char **argv, const struct cli_option *opts, const char **file, const char *usage)
{
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fputs(usage, stdout);
			return -1;
		}
		if (file && !strcmp(a, "--")) {
			if (i + 2 != argc || *file) {
				fprintf(stderr, "samen: geef precies één bestand op.\n%s", usage);
				return 2;
			}
			*file = argv[i + 1];
			break;
		}
		if (a[0] != '-' || !a[1]) {
			if (!file) {
				fprintf(stderr, "samen: onbekend argument '%s'.\n%s", a, usage);
				return 2;
			}
			if (*file) {
				fprintf(stderr, "samen: één bestand verwacht, niet ook '%s'\n", a);
				return 2;
			}
			*file = a;
			continue;
		}
		const char *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : strlen(a);
		const struct cli_option *opt = NULL;
		for (const struct cli_option *o = opts; o->name && !opt; o++)
			if (strlen(o->name) == n && !strncmp(a, o->name, n))
				opt = o;
		if (!opt) {
			fprintf(stderr, "samen: onbekende optie '%.*s'.\n%s", (int)n, a, usage);
			return 2;
		}
		if (opt->flag) {
			if (eq) {
				fprintf(stderr, "samen: %s neemt geen waarde\n", opt->name);
				return 2;
			}
			*opt->flag = 1;
			continue;
		}
		const char *v = eq ? eq + 1 : i + 1 < argc ? argv[++i] : NULL;
		if (!v || (!*v && !opt->may_be_empty)) {
			fprintf(stderr, "samen: %s verwacht een waarde\n", opt->name);
			return 2;
		}
		*opt->value = v;
	}
	return 0;
}

int cli_need_db(struct cli_opts *o)
{
	if (!o->db) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
		return 2;
	}
	return 0;
}

char *cli_read_file(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 256u * 1024u * 1024u);
	char chunk[65536];
	size_t n;
	int err = 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0) {
			err = b.len + n > b.cap_limit ? EFBIG : ENOMEM;
			break;
		}
	if (!err && ferror(f))
		err = errno ? errno : EIO; /* e.g. EISDIR: fopen() opens a directory */
	if (f != stdin)
		fclose(f);
	if (err) {
		buf_release(&b);
		errno = err;
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

int cli_open_store(struct cli_opts *o, struct store **s)
{
	struct problem p;
	problem_init(&p);
	if (store_open(o->db, s, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	gebruikers_init();
	return 0;
}
