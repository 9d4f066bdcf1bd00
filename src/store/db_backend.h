/* db_backend.h — what a backend of db.h implements; used by db.c (the
 * engine-independent half: nesting, savepoints, binding, the schema
 * walk), db_sqlite.c and db_pg.c only.
 *
 * A backend's connection starts with a struct db and its statement with a
 * struct db_stmt, so that db.c can hand them back to the backend's ops. */
#ifndef SAMEN_STORE_DB_BACKEND_H
#define SAMEN_STORE_DB_BACKEND_H
#include "store/db.h"

/* One bound value: type is the fmt character of db.h. */
struct db_param {
	char type;
	long long i;
	const char *t;
};

struct db_ops {
	enum db_engine engine;
	void (*close)(struct db *db);
	const char *(*errmsg)(struct db *db);
	int (*exec)(struct db *db, const char *sql);
	/* The outermost transaction: write (one writer at a time) or a read snapshot. */
	int (*begin)(struct db *db, int write);
	int (*commit)(struct db *db);
	/* Ends the outermost transaction; NULL: "ROLLBACK". */
	int (*rollback)(struct db *db);
	/* db_durable(); NULL when every commit is durable as it returns. */
	int (*durable)(struct db *db);
	struct db_stmt *(*query)(struct db *db, const char *sql, const char *fmt, const struct db_param *params, int n);
	int (*step)(struct db_stmt *st);
	void (*finalize)(struct db_stmt *st);
	long long (*col_int)(struct db_stmt *st, int col);
	const char *(*col_text)(struct db_stmt *st, int col);
	int (*col_null)(struct db_stmt *st, int col);
	int (*col_count)(struct db_stmt *st);
	const char *(*col_name)(struct db_stmt *st, int col);
	int (*col_is_int)(struct db_stmt *st, int col);
	long long (*changes)(struct db *db);
	/* The rowid of the last INSERT (db_insert_row); NULL: use RETURNING. */
	long long (*last_id)(struct db *db);
	/* The schema: the tables (unordered), and the tables one refers to. */
	int (*tables)(struct db *db, struct db_tables *out);
	int (*references)(struct db *db, const char *table, struct db_tables *out);
	int (*sync_ids)(struct db *db, const char *table);
	struct db_stmt *(*query_all)(struct db *db, const char *sql);
	const char *defer_foreign_keys; /* the SQL */
	/* db_bulk(): the SQL that turns bulk loading on and off (NULL: nothing to do). */
	const char *bulk_on, *bulk_off;
	/* What DROP TABLE needs after the table's name ("" or " CASCADE"). */
	const char *drop_suffix;
};

struct db {
	const struct db_ops *ops;
	int depth;     /* transaction nesting */
	int retryable; /* the last failure may succeed when tried again */
};

struct db_stmt {
	struct db *db;
};

int db_sqlite_open(const char *path, struct db **out, char *err, int errlen);
int db_pg_open(const char *conninfo, struct db **out, char *err, int errlen);

#endif
