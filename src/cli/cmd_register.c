/* cmd_register.c — samen export and samen import: the register (and a
 * besturing document) as one JSON document (docs/registerformaat.md). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cli/cli.h"
#include "core/jsonpos.h"
#include "store/besturing.h"
#include "store/register.h"

int cmd_export(struct cli_opts *o)
{
	struct store *s;
	if (cli_need_db(o) || cli_no_file(o))
		return 2;
	if (cli_open_store(o, &s))
		return 1;
	json_t *doc = register_export(s);
	store_close(s);
	int r = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	fputc('\n', stdout);
	/* A full disk or a closed pipe must not look like a complete export. */
	if (r < 0 || fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "samen: export niet volledig geschreven: %s\n", cli_file_error(errno ? errno : EIO));
		return 1;
	}
	return 0;
}

/* Loads a register document; reports errors as "file:line: path: reason". */
int cli_load_document(struct store *s, const char *name, const char *text, size_t len)
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
	if (cli_need_db(o))
		return 2;
	if (!o->file) {
		fprintf(stderr, "samen: geef het document op: samen import --db BESTAND DOCUMENT.json\n");
		return 2;
	}
	size_t len;
	char *text = cli_read_file(o->file, &len);
	if (!text) {
		fprintf(stderr, "samen: kan '%s' niet lezen: %s\n", o->file, cli_file_error(errno));
		return 1;
	}
	if (cli_open_store(o, &s)) {
		free(text);
		return 1;
	}
	db_bulk(s->db, 1); /* one transaction, its pages in memory until the commit */
	int r = cli_load_document(s, o->file, text, len);
	db_bulk(s->db, 0);
	store_close(s);
	free(text);
	if (r == 0)
		fprintf(stderr, "samen: '%s' ingelezen.\n", o->file);
	return r;
}
