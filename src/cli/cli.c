#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/buf.h"
#include "core/embedded.h"
#include "core/jsonpos.h"
#include "http/server.h"
#include "store/gebruikers.h"
#include "store/register.h"
#include "store/kwaliteitskaart.h"
#include "store/besturing.h"

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
static int opt_is(const char *arg, size_t len, const char *name)
{
	return strlen(name) == len && !strncmp(arg, name, len);
}

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
static int no_file(struct cli_opts *o)
{
	if (o->file) {
		fprintf(stderr, "samen: onverwacht argument '%s'. Zie 'samen help'.\n", o->file);
		return 2;
	}
	return 0;
}

/* A Dutch reason for the usual ways reading or writing a file fails. */
static const char *file_error(int err)
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
	if (need_db(o) || no_file(o))
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

static int open_store(struct cli_opts *o, struct store **s)
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

int cmd_export(struct cli_opts *o)
{
	struct store *s;
	if (need_db(o) || no_file(o))
		return 2;
	if (open_store(o, &s))
		return 1;
	json_t *doc = register_export(s);
	store_close(s);
	int r = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', stdout);
	/* A full disk or a closed pipe must not look like a complete export. */
	if (r < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "samen: export niet volledig geschreven: %s\n", file_error(errno ? errno : EIO));
		return 1;
	}
	return 0;
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
	/* A document of choosing and running (docs/besturingsformaat.md) or the register. */
	const char *formaat = json_string_value(json_object_get(doc, "formaat"));
	int r = formaat && !strcmp(formaat, "samen-besturing") ? besturing_import(s, doc, &p) : register_import(s, doc, &p);
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
		fprintf(stderr, "samen: kan '%s' niet lezen: %s\n", o->file, file_error(errno));
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

/* May `samen demo` replace path? Yes when it does not exist or is empty,
 * or when an earlier demo marked it in instellingen. */
static int demo_replaceable(const char *path)
{
	struct stat st;
	if (stat(path, &st) < 0)
		return errno == ENOENT;
	if (S_ISREG(st.st_mode) && st.st_size == 0)
		return 1;
	struct db *db;
	char err[256];
	if (db_open(path, &db, err, sizeof(err)) < 0)
		return 0;
	int yes = 0;
	if (db_table_exists(db, "instellingen")) {
		struct db_stmt *q = db_query(db, "SELECT 1 FROM instellingen WHERE sleutel = 'demo' AND waarde = '1'", NULL);
		yes = db_step(q) == DB_ROW;
		db_finalize(q);
	}
	db_close(db);
	return yes;
}

int cmd_demo(struct cli_opts *o)
{
	if (need_db(o) || no_file(o))
		return 2;
	/* A fresh database: remove an old one and its WAL files, but only
	 * one that an earlier `samen demo` made — never someone's real data. */
	if (!demo_replaceable(o->db)) {
		fprintf(stderr, "samen: '%s' bestaat al en is geen demodatabase; samen demo vervangt alleen een eigen "
				"demodatabase. Kies een ander bestand.\n", o->db);
		return 1;
	}
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char path[1100];
		int w = snprintf(path, sizeof(path), "%s%s", o->db, suffix[i]);
		if (w < 0 || (size_t)w >= sizeof(path)) {
			/* A cut-off name could be another file: remove nothing. */
			fprintf(stderr, "samen: de databasenaam is te lang\n");
			return 2;
		}
		if (unlink(path) < 0 && errno != ENOENT) {
			fprintf(stderr, "samen: kan oude demodatabase '%s' niet verwijderen: %s\n", path, strerror(errno));
			return 1;
		}
	}
	struct store *s;
	if (open_store(o, &s))
		return 1;
	const struct embedded_file *f = embedded_find("demo/register.json");
	int r = f ? load_document(s, "demo/register.json", (const char *)f->data, f->len) : 1;
	if (r == 0) { /* surveys, scorings, milestones, decisions, the ICT business case */
		f = embedded_find("demo/besturing.json");
		r = f ? load_document(s, "demo/besturing.json", (const char *)f->data, f->len) : 1;
	}
	if (r == 0)
		r = cli_demo_accounts(s);
	if (r == 0) { /* the kwaliteitskaart (after the accounts: it links one to its medewerker) */
		f = embedded_find("demo/kwaliteitskaart.json");
		r = f && kwaliteitskaart_demo_load(s, (const char *)f->data, f->len) == 0 ? 0 : 1;
	}
	if (r == 0) /* the urenbank of the Drechtsteden proeftuin beleid 2012 (cmd_urenbank_uren.c) */
		r = cli_demo_urenbank(s);
	if (r == 0 && db_run(s->db, "INSERT INTO instellingen(sleutel, waarde) VALUES('demo', '1')", NULL) < 0) {
		fprintf(stderr, "samen: kan de demodatabase niet als demo markeren: %s\n", db_errmsg(s->db));
		r = 1;
	}
	store_close(s);
	if (r)
		return 1;
	fprintf(stderr, "samen: demonetwerk geladen in %s\n", o->db);
	return cmd_serve(o);
}
