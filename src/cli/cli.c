#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/buf.h"
#include "core/embedded.h"
#include "core/jsonpos.h"
#include "http/server.h"
#include "store/accounts.h"
#include "store/registry.h"

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

int cli_parse(int argc, char **argv, struct cli_opts *o, const char *usage)
{
	memset(o, 0, sizeof(*o));
	o->bind = "127.0.0.1";
	o->port = 8080;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(a, "--json")) {
			o->json = 1;
			continue;
		}
		if (a[0] == '-' && a[1] == '-') {
			if (!v) {
				fprintf(stderr, "samen: %s verwacht een waarde\n", a);
				return 2;
			}
			i++;
			if (!strcmp(a, "--db"))
				o->db = v;
			else if (!strcmp(a, "--bind"))
				o->bind = v;
			else if (!strcmp(a, "--cert"))
				o->cert = v;
			else if (!strcmp(a, "--key"))
				o->key = v;
			else if (!strcmp(a, "--port")) {
				if (parse_int(v, 0, 65535, &o->port) < 0) {
					fprintf(stderr, "samen: --port moet een getal van 0 tot 65535 zijn, niet '%s'\n", v);
					return 2;
				}
			} else if (!strcmp(a, "--threads")) {
				if (parse_int(v, 1, 256, &o->threads) < 0) {
					fprintf(stderr, "samen: --threads moet een getal van 1 tot 256 zijn\n");
					return 2;
				}
			} else {
				fprintf(stderr, "samen: onbekende optie '%s'. Zie 'samen help'.\n", a);
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
	(void)usage;
	return 0;
}

static int need_db(struct cli_opts *o)
{
	if (!o->db) {
		fprintf(stderr, "samen: --db BESTAND is verplicht\n");
		return 2;
	}
	return 0;
}

int cmd_serve(struct cli_opts *o)
{
	if (need_db(o))
		return 2;
	if (o->cert && !o->key) {
		fprintf(stderr, "samen: --cert vraagt ook --key\n");
		return 2;
	}
	struct server_config cfg = { o->db, o->bind, o->port, o->threads, o->cert, o->key };
	return server_run(&cfg);
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
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (buf_add(&b, chunk, n) < 0)
			break;
	if (f != stdin)
		fclose(f);
	if (buf_failed(&b)) {
		buf_release(&b);
		errno = EFBIG;
		return NULL;
	}
	*len = b.len;
	return buf_detach(&b);
}

static int open_store(struct cli_opts *o, struct store **s)
{
	struct problem p;
	problem_init(&p);
	if (store_open(o->db, s, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		return 1;
	}
	accounts_init();
	return 0;
}

int cmd_export(struct cli_opts *o)
{
	struct store *s;
	if (need_db(o))
		return 2;
	if (open_store(o, &s))
		return 1;
	json_t *doc = registry_export(s);
	store_close(s);
	int r = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', stdout);
	return r < 0 ? 1 : 0;
}

/* Loads a register document; reports errors as "file:line: path: reason". */
static int load_document(struct store *s, const char *name, const char *text, size_t len)
{
	json_error_t e;
	json_t *doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &e);
	if (!doc) {
		fprintf(stderr, "%s:%d:%d: ongeldige JSON: %s\n", name, e.line, e.column, e.text);
		return 1;
	}
	struct problem p;
	problem_init(&p);
	int r = registry_import(s, doc, &p);
	json_decref(doc);
	if (r == 0)
		return 0;
	if (!p.nparams)
		fprintf(stderr, "%s: %s\n", name, p.detail);
	for (int i = 0; i < p.nparams; i++)
		fprintf(stderr, "%s:%d: %s: %s\n", name, jsonpos_line(text, len, p.params[i].name), p.params[i].name,
			p.params[i].reason);
	fprintf(stderr, "samen: niets ingelezen; herstel de fout en probeer opnieuw.\n");
	return 1;
}

int cmd_import(struct cli_opts *o)
{
	struct store *s;
	if (need_db(o))
		return 2;
	if (!o->file) {
		fprintf(stderr, "samen: geef het document op: samen import --db BESTAND DOCUMENT.json\n");
		return 2;
	}
	size_t len;
	char *text = cli_read_file(o->file, &len);
	if (!text) {
		fprintf(stderr, "samen: kan '%s' niet lezen: %s\n", o->file, strerror(errno));
		return 1;
	}
	if (open_store(o, &s)) {
		free(text);
		return 1;
	}
	int r = load_document(s, o->file, text, len);
	store_close(s);
	free(text);
	if (r == 0)
		fprintf(stderr, "samen: '%s' ingelezen.\n", o->file);
	return r;
}

int cmd_demo(struct cli_opts *o)
{
	if (need_db(o))
		return 2;
	/* A fresh database: remove an old one and its WAL files. */
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char path[1100];
		snprintf(path, sizeof(path), "%s%s", o->db, suffix[i]);
		if (unlink(path) < 0 && errno != ENOENT) {
			fprintf(stderr, "samen: kan oude demodatabase '%s' niet verwijderen: %s\n", path, strerror(errno));
			return 1;
		}
	}
	struct store *s;
	if (open_store(o, &s))
		return 1;
	const struct embedded_file *f = embedded_find("demo/netwerk.json");
	int r = f ? load_document(s, "demo/netwerk.json", (const char *)f->data, f->len) : 1;
	store_close(s);
	if (r)
		return 1;
	fprintf(stderr, "samen: demonetwerk geladen in %s\n", o->db);
	return cmd_serve(o);
}
