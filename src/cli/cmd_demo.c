/* cmd_demo.c — samen demo: a fresh database with the demo network of the
 * seed documents (the embedded files under demo/), its accounts, and then serve. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "cli/cli.h"
#include "core/embedded.h"
#include "store/dienstverlening.h"
#include "store/kwaliteitskaart.h"
#include "store/urenbank_aanbod.h"

/* May `samen demo` replace path? Yes when it does not exist or is empty
 * (a PostgreSQL database without tables), or when an earlier demo marked
 * it in instellingen. */
static int demo_replaceable(const char *path)
{
	struct stat st;
	int pg = db_target_is_postgres(path);
	if (!pg && stat(path, &st) < 0)
		return errno == ENOENT;
	if (!pg && S_ISREG(st.st_mode) && st.st_size == 0)
		return 1;
	struct db *db;
	char err[256];
	if (db_open(path, &db, err, sizeof(err)) < 0) {
		if (pg)
			fprintf(stderr, "samen: %s\n", err);
		return 0;
	}
	struct db_tables *t = pg ? malloc(sizeof(*t)) : NULL;
	int yes = t && db_tables(db, t) == 0 && t->n == 0;
	free(t);
	if (!yes && db_table_exists(db, "instellingen")) {
		struct db_stmt *q = db_query(db, "SELECT 1 FROM instellingen WHERE sleutel = 'demo' AND waarde = '1'", NULL);
		yes = db_step(q) == DB_ROW;
		db_finalize(q);
	}
	db_close(db);
	return yes;
}

/* The offers of capacity in the Drechtsteden proeftuin (demo/urenbank_aanbod.json). */
static int demo_aanbod(struct store *s)
{
	const char *name = "demo/urenbank_aanbod.json";
	const struct embedded_file *f = embedded_find(name);
	json_error_t e;
	json_t *doc = f ? json_loadb((const char *)f->data, f->len, JSON_REJECT_DUPLICATES, &e) : NULL;
	if (!doc) {
		fprintf(stderr, "samen: %s ontbreekt of is geen geldige JSON\n", name);
		return 1;
	}
	struct problem p;
	problem_init(&p);
	int r = urenbank_aanbod_demo_load(s, doc, &p);
	json_decref(doc);
	if (r < 0)
		fprintf(stderr, "samen: %s, %s\n", name, p.detail);
	return r < 0;
}

int cmd_demo(struct cli_opts *o)
{
	if (cli_need_db(o) || cli_no_file(o))
		return 2;
	/* A fresh database: remove an old one and its WAL files, but only
	 * one that an earlier `samen demo` made — never someone's real data. */
	if (!demo_replaceable(o->db)) {
		fprintf(stderr,
			"samen: '%s' bestaat al en is geen demodatabase; samen demo vervangt alleen een eigen "
			"demodatabase. Kies een ander bestand.\n",
			o->db);
		return 1;
	}
	if (db_target_is_postgres(o->db)) { /* the tables of the old demo go */
		struct db *db = NULL;
		char err[256];
		int dropped = db_open(o->db, &db, err, sizeof(err)) == 0 && db_drop_all(db) == 0;
		if (!dropped)
			fprintf(stderr, "samen: kan de oude demodatabase niet leegmaken: %s\n", db ? db_errmsg(db) : err);
		db_close(db);
		if (!dropped)
			return 1;
	}
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3 && !db_target_is_postgres(o->db); i++) {
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
	if (cli_open_store(o, &s))
		return 1;
	const struct embedded_file *f = embedded_find("demo/register.json");
	int r = f ? cli_load_document(s, "demo/register.json", (const char *)f->data, f->len) : 1;
	if (r == 0) { /* surveys, scorings, milestones, decisions, the ICT business case */
		f = embedded_find("demo/besturing.json");
		r = f ? cli_load_document(s, "demo/besturing.json", (const char *)f->data, f->len) : 1;
	}
	if (r == 0)
		r = cli_demo_accounts(s);
	if (r == 0) { /* the kwaliteitskaart (after the accounts: it links one to its medewerker) */
		f = embedded_find("demo/kwaliteitskaart.json");
		r = f && kwaliteitskaart_demo_load(s, (const char *)f->data, f->len) == 0 ? 0 : 1;
	}
	if (r == 0) /* the urenbank of the Drechtsteden proeftuin beleid 2012 (cmd_urenbank_uren.c) */
		r = cli_demo_urenbank(s);
	if (r == 0) /* what the members offer there (issue 11) */
		r = demo_aanbod(s);
	if (r == 0) { /* the dienstverlening proeftuin: pools, training, answers, zaaktypen (after the kwaliteitskaart) */
		struct problem p;
		problem_init(&p);
		f = embedded_find("demo/dienstverlening.json");
		r = f && dienstverlening_demo_load(s, (const char *)f->data, f->len, &p) == 0 ? 0 : 1;
		if (r)
			fprintf(stderr, "samen: demo/dienstverlening.json: %s\n", p.detail);
	}
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
