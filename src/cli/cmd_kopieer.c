/* samen kopieer --van DB --naar DB: a whole instance from one database into
 * an empty other one, SQLite or PostgreSQL either way, all or nothing and
 * checked before it is committed (src/store/kopie.h). A SQLite file that
 * this command made is removed again when the copy fails. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/kopie.h"

static const char usage[] = "Gebruik: samen kopieer --van DB --naar DB\n"
			    "\n"
			    "  Kopieert een hele samen-database (register, besturing, urenbank, kwaliteitskaart, gebruikers,\n"
			    "  auditlog) naar een lege database: SQLite naar PostgreSQL of terug. DB is een bestand (SQLite) of\n"
			    "  een PostgreSQL-verbinding (postgresql://… of \"host=… dbname=…\"). Alles of niets: voor het\n"
			    "  vastleggen wordt elke rij nagelezen en het journaal van elke proeftuin herberekend.\n";

static void progress(void *ctx, const struct kopie_table *t)
{
	(void)ctx;
	fprintf(stderr, "samen: %-26s %lld rijen\n", t->name, t->rows);
}

static void remove_made(const char *path)
{
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		char f[1100];
		int w = snprintf(f, sizeof(f), "%s%s", path, suffix[i]);
		if (w > 0 && (size_t)w < sizeof(f))
			unlink(f);
	}
}

int cmd_kopieer(int argc, char **argv)
{
	const char *van = NULL, *naar = NULL;
	const struct cli_option opts[] = { { "--van", &van, NULL, 0 }, { "--naar", &naar, NULL, 0 }, { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, NULL, usage);
	if (r)
		return r < 0 ? 0 : r;
	if (!van || !naar) {
		fprintf(stderr, "samen: --van en --naar zijn allebei verplicht\n%s", usage);
		return 2;
	}
	if (!strcmp(van, naar)) {
		fprintf(stderr, "samen: --van en --naar zijn dezelfde database\n");
		return 2;
	}
	/* An empty new source would copy nothing: it must exist. */
	if (!db_target_is_postgres(van) && access(van, R_OK) < 0) {
		fprintf(stderr, "samen: kan database '%s' niet openen: %s\n", van, cli_file_error(errno));
		return 1;
	}
	int made = !db_target_is_postgres(naar) && access(naar, F_OK) < 0 && errno == ENOENT;
	struct problem p;
	problem_init(&p);
	struct store *from = NULL, *to = NULL;
	if (store_open(van, &from, &p) < 0 || store_open(naar, &to, &p) < 0) {
		fprintf(stderr, "samen: %s\n", p.detail);
		store_close(from);
		if (made)
			remove_made(naar);
		return 1;
	}
	struct kopie_result *res = calloc(1, sizeof(*res));
	r = res ? kopie_run(from, to, progress, NULL, res, &p) : problem_set(&p, 500, "geen geheugen");
	store_close(from);
	store_close(to);
	if (r < 0) {
		fprintf(stderr, "samen: %s Er is niets gekopieerd.\n", p.detail);
		if (made)
			remove_made(naar);
		free(res);
		return 1;
	}
	printf("%zu tabellen met %lld rijen gekopieerd en rij voor rij nagelezen; het journaal van %lld proeftuinen "
	       "(%lld transacties) klopt.\n",
	       res->ntables, res->rows, res->ledger.proeftuinen, res->ledger.transactions);
	free(res);
	return 0;
}
