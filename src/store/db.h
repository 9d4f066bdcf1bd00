/* db.h — the narrow database interface every store module uses.
 *
 * SQL is written once, with '?' placeholders, in the subset SQLite and
 * PostgreSQL share; a backend (db_sqlite.c today, a libpq one later)
 * implements these functions. No caller above src/store sees a backend type.
 *
 * Transactions nest: the outermost db_begin() starts a transaction
 * (BEGIN IMMEDIATE for writes, so writers queue instead of deadlocking),
 * inner ones are savepoints. Every db_begin() is paired with exactly one
 * db_commit() or db_rollback().
 *
 * Statements: db_query() prepares and binds in one call. Bind types in fmt:
 *   't' const char * (NULL binds NULL)   'i' int   'l' long long
 *   'b' int as 0/1                        'n' NULL (no argument)
 * The statement is freed with db_finalize(); a NULL statement is allowed. */
#ifndef SAMEN_STORE_DB_H
#define SAMEN_STORE_DB_H
#include <stdint.h>

struct db;
struct db_stmt;

enum db_step_result {
	DB_ROW = 1,
	DB_DONE = 0,
	DB_ERR = -1,         /* any other failure; db_errmsg() says what */
	DB_ERR_UNIQUE = -2,  /* a UNIQUE or PRIMARY KEY constraint */
	DB_ERR_FOREIGN = -3, /* a FOREIGN KEY constraint */
	DB_ERR_CHECK = -4,   /* a CHECK or NOT NULL constraint */
	DB_ERR_BUSY = -5,    /* the database stayed locked past the timeout */
};

int db_open(const char *path, struct db **out, char *err, int errlen);
void db_close(struct db *db);
const char *db_errmsg(struct db *db);

int db_exec(struct db *db, const char *sql); /* statements without parameters */
int db_begin(struct db *db);                 /* a write transaction */
int db_begin_read(struct db *db);            /* a read snapshot */
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_in_transaction(struct db *db);

struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...);
int db_step(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
/* Runs a statement that returns no rows: 0, or a negative db_step_result. */
int db_run(struct db *db, const char *sql, const char *fmt, ...);

long long db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL; valid until next step */
int db_col_null(struct db_stmt *st, int col);
int db_table_exists(struct db *db, const char *table);
long long db_last_id(struct db *db);
long long db_changes(struct db *db);

/* Copies the whole database from into to (made when missing, else
 * replaced), as one consistent snapshot of from: it reads in one read
 * transaction, so writers of from go on meanwhile and every transaction
 * committed before it began is in the copy. Connections open on to see
 * the new content (SQLite's backup API). 0, or -1 with err filled. The
 * PostgreSQL engine has its own tools for this. */
int db_copy(const char *from, const char *to, char *err, int errlen);

#endif
