/* cmd_backup.c — samen backup and samen herstel (docs/backup.md).
 *
 *   samen backup  --db BESTAND --naar KOPIE
 *   samen herstel --van KOPIE --db BESTAND [--vervang]
 *
 * backup copies a running instance's database as one consistent moment
 * (db_copy: one read transaction, writers go on), checks the copy
 * (PRAGMA integrity_check, and every proeftuin's balances recomputed from
 * its journal as `samen proeftuin verify` does) and only then puts it in
 * place under its name, synced to disk. herstel checks a copy the same way
 * before it restores it, into a new file or over the database of a
 * running server (db_copy again: its connections see the restored
 * content). */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "store/db.h"
#include "store/store.h"
#include "store/urenbank.h"

static const char usage_backup[] =
	"Gebruik: samen backup --db BESTAND --naar KOPIE\n"
	"  maakt een kopie van de database, ook terwijl de server draait: één samenhangend moment, waarin\n"
	"  alles staat wat vóór het begin was bevestigd. De kopie wordt gecontroleerd (integriteit, en de\n"
	"  saldi van elke proeftuin opnieuw berekend uit het journaal) en pas dan onder KOPIE gezet.\n"
	"Afsluitcodes: 0 gelukt, 1 mislukt, 2 verkeerd gebruik. Zie docs/backup.md.\n";

static const char usage_herstel[] =
	"Gebruik: samen herstel --van KOPIE --db BESTAND [--vervang]\n"
	"  zet een kopie van 'samen backup' terug, na dezelfde controle. Bestaat BESTAND al, dan is\n"
	"  --vervang nodig; de server mag blijven draaien (hij ziet daarna de teruggezette gegevens).\n"
	"Afsluitcodes: 0 gelukt, 1 mislukt, 2 verkeerd gebruik. Zie docs/backup.md.\n";

/* backup and herstel copy SQLite files; a PostgreSQL database is backed up
 * with PostgreSQL's own tools (docs/installatie.md). 0, or 2 (printed). */
static int refuse_postgres(const char *a, const char *b)
{
	if (!db_target_is_postgres(a) && !db_target_is_postgres(b))
		return 0;
	fprintf(stderr, "samen: backup en herstel zijn voor een SQLite-bestand; maak van een PostgreSQL-database een\n"
			"  kopie met pg_dump of pg_basebackup en zet die terug met pg_restore (docs/installatie.md),\n"
			"  of kopieer een hele installatie tussen twee databases met 'samen kopieer'\n");
	return 2;
}

struct check {
	long long pages, proeftuinen, transactions;
	char problem[600];
};

static void count_difference(void *ctx, const struct urenbank_difference *d) { (void)ctx, (void)d; }

/* Opens (and migrates) the copy at path and checks it: 0, or -1 with c->problem. */
static int check_copy(const char *path, struct check *c)
{
	struct problem p;
	problem_init(&p);
	struct store *s;
	memset(c, 0, sizeof(*c));
	if (store_open(path, &s, &p) < 0) {
		snprintf(c->problem, sizeof(c->problem), "de kopie is niet te openen: %s", p.detail);
		return -1;
	}
	int r = 0;
	struct db_stmt *st = db_query(s->db, "PRAGMA integrity_check", NULL);
	const char *first = db_step(st) == DB_ROW ? db_col_text(st, 0) : NULL;
	if (!first || strcmp(first, "ok")) {
		snprintf(c->problem, sizeof(c->problem), "de integriteitscontrole zegt: %s", first ? first : "(niets)");
		r = -1;
	}
	db_finalize(st);
	st = db_query(s->db, "PRAGMA page_count", NULL);
	c->pages = db_step(st) == DB_ROW ? db_col_int(st, 0) : 0;
	db_finalize(st);
	if (r == 0) {
		struct urenbank_verify_stats stats;
		long long n = urenbank_verify(s, NULL, count_difference, NULL, &stats, &p);
		if (n != 0) {
			snprintf(c->problem, sizeof(c->problem), "%s",
				 n < 0 ? p.detail
				       : "de saldi van de urenbank kloppen niet met het journaal (samen proeftuin verify)");
			r = -1;
		}
		c->proeftuinen = stats.proeftuinen;
		c->transactions = stats.transactions;
	}
	store_close(s);
	return r;
}

/* Writes what is in the file (and its directory entry) to disk. */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	int r = fsync(fd);
	close(fd);
	char dir[4096];
	snprintf(dir, sizeof(dir), "%s", path);
	fd = open(dirname(dir), O_RDONLY);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	return r;
}

static void remove_db(const char *path)
{
	char side[4200];
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-journal", path);
	unlink(side);
}

/* A copy from into to, checked: 0, or 1 (printed). The copy is made as a
 * temporary file beside to and put in place (renamed) only when sound. */
static int copy_checked(const char *from, const char *to, struct check *c)
{
	char tmp[4200], err[600];
	snprintf(tmp, sizeof(tmp), "%s.bezig-%ld", to, (long)getpid());
	remove_db(tmp);
	if (db_copy(from, tmp, err, sizeof(err)) < 0) {
		fprintf(stderr, "samen: %s\n", err);
		remove_db(tmp);
		return 1;
	}
	if (check_copy(tmp, c) < 0) {
		fprintf(stderr, "samen: de kopie van '%s' deugt niet: %s\n", from, c->problem);
		remove_db(tmp);
		return 1;
	}
	/* The check left the copy whole in one file (its connection is closed);
	 * a stale -wal beside the old file of that name must not be applied to it. */
	char side[4200];
	snprintf(side, sizeof(side), "%s-wal", to);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", to);
	unlink(side);
	if (sync_path(tmp) < 0 || rename(tmp, to) < 0) {
		fprintf(stderr, "samen: kan de kopie niet als '%s' wegzetten: %s\n", to, cli_file_error(errno));
		remove_db(tmp);
		return 1;
	}
	remove_db(tmp);
	sync_path(to);
	return 0;
}

static void report(const char *what, const char *path, const struct check *c)
{
	struct stat sb;
	double mb = stat(path, &sb) == 0 ? (double)sb.st_size / (1024.0 * 1024.0) : 0;
	printf("%s: %s (%.1f MB): integriteit in orde; urenbank klopt (%lld proeftuin%s, %lld transacties)\n", what, path, mb,
	       c->proeftuinen, c->proeftuinen == 1 ? "" : "en", c->transactions);
}

int cmd_backup(int argc, char **argv)
{
	const char *db = NULL, *naar = NULL;
	const struct cli_option opts[] = { { "--db", &db, NULL, 0 }, { "--naar", &naar, NULL, 0 }, { NULL, NULL, NULL, 0 } };
	int r = cli_options(argc, argv, opts, NULL, usage_backup);
	if (r)
		return r < 0 ? 0 : r;
	if (!db || !naar || !db[0] || !naar[0]) {
		fprintf(stderr, "samen: geef --db (de database) en --naar (de kopie) op\n%s", usage_backup);
		return 2;
	}
	if (refuse_postgres(db, naar))
		return 2;
	struct stat a, b;
	if (stat(db, &a) < 0) {
		fprintf(stderr, "samen: kan '%s' niet kopiëren: %s\n", db, cli_file_error(errno));
		return 1;
	}
	if (stat(naar, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		fprintf(stderr, "samen: --naar is dezelfde database als --db\n");
		return 2;
	}
	struct check c;
	if (copy_checked(db, naar, &c))
		return 1;
	report("kopie", naar, &c);
	return 0;
}

int cmd_herstel(int argc, char **argv)
{
	const char *van = NULL, *db = NULL;
	int vervang = 0;
	const struct cli_option opts[] = {
		{ "--van", &van, NULL, 0 }, { "--db", &db, NULL, 0 }, { "--vervang", NULL, &vervang, 0 }, { NULL, NULL, NULL, 0 }
	};
	int r = cli_options(argc, argv, opts, NULL, usage_herstel);
	if (r)
		return r < 0 ? 0 : r;
	if (!van || !db || !van[0] || !db[0]) {
		fprintf(stderr, "samen: geef --van (de kopie) en --db (de database) op\n%s", usage_herstel);
		return 2;
	}
	if (refuse_postgres(van, db))
		return 2;
	struct stat a, b;
	if (stat(van, &a) < 0) {
		fprintf(stderr, "samen: kan '%s' niet terugzetten: %s\n", van, cli_file_error(errno));
		return 1;
	}
	int exists = stat(db, &b) == 0;
	if (exists && a.st_dev == b.st_dev && a.st_ino == b.st_ino) {
		fprintf(stderr, "samen: --van is dezelfde database als --db\n");
		return 2;
	}
	if (exists && !vervang) {
		fprintf(stderr, "samen: '%s' bestaat al; voeg --vervang toe om die database te vervangen door de kopie\n", db);
		return 2;
	}
	struct check c;
	if (!exists)
		return copy_checked(van, db, &c) ? 1 : (urenbank_journal_cache_clear(db), report("hersteld", db, &c), 0);
	/* Over an existing database, which a server may have open: check a
	 * copy first, then copy it in through the database's own locking. */
	char tmp[4200], err[600];
	snprintf(tmp, sizeof(tmp), "%s.herstel-%ld", db, (long)getpid());
	if (copy_checked(van, tmp, &c))
		return 1;
	r = db_copy(tmp, db, err, sizeof(err));
	remove_db(tmp);
	if (r < 0) {
		fprintf(stderr, "samen: %s\n", err);
		return 1;
	}
	/* The journal's kept days were of the database that was replaced
	 * (src/store/urenbank_journaal.c): in the copy the same ids may come
	 * back as other transactions. */
	urenbank_journal_cache_clear(db);
	if (check_copy(db, &c) < 0) {
		fprintf(stderr, "samen: na het terugzetten deugt '%s' niet: %s\n", db, c.problem);
		return 1;
	}
	report("hersteld", db, &c);
	return 0;
}
