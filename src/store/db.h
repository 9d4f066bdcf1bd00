/* db.h — the narrow database interface every store module uses.
 *
 * Two engines sit behind it: SQLite (db_sqlite.c, a file) and PostgreSQL
 * (db_pg.c, a libpq connection string or URI); db_open() chooses by the
 * form of the target (db_target_is_postgres). No caller above src/store
 * sees a backend type. SQL is written once, in the subset both engines
 * share (docs/ontwikkelen.md "SQL voor twee engines"): '?' or '?N'
 * placeholders (the PostgreSQL backend turns them into $N once per
 * statement), ON CONFLICT instead of INSERT OR IGNORE, INSERT … RETURNING
 * with db_insert() instead of a last-insert-id, CASE instead of two-argument
 * max()/min(), NULLS FIRST/LAST where NULLs are sorted, integer columns
 * compared as integers (1 = true).
 *
 * Transactions nest: the outermost db_begin() starts a transaction, inner
 * ones are savepoints. Every db_begin() is paired with exactly one
 * db_commit() or db_rollback(). Write transactions run one at a time per
 * database, over all processes: SQLite's BEGIN IMMEDIATE, and on PostgreSQL
 * one advisory lock taken at BEGIN (docs/architectuur.md "een backend" says
 * why). A read snapshot (db_begin_read) never waits for a writer.
 *
 * Statements: db_query() prepares and binds in one call; db_step() runs it
 * (on the first call) and moves to the next row. Bind types in fmt:
 *   't' const char * (NULL binds NULL)   'i' int   'l' long long
 *   'b' int as 0/1                        'n' NULL (no argument)
 * The statement is freed with db_finalize(); a NULL statement is allowed.
 * A failed statement inside a transaction leaves it unusable on
 * PostgreSQL: roll back (to the savepoint) before doing more. */
#ifndef SAMEN_STORE_DB_H
#define SAMEN_STORE_DB_H
#include <stddef.h>
#include <stdint.h>

struct db;
struct db_stmt;

enum db_engine { DB_SQLITE = 1, DB_POSTGRES = 2 };

enum db_step_result {
	DB_ROW = 1,
	DB_DONE = 0,
	DB_ERR = -1,         /* any other failure; db_errmsg() says what */
	DB_ERR_UNIQUE = -2,  /* a UNIQUE or PRIMARY KEY constraint */
	DB_ERR_FOREIGN = -3, /* a FOREIGN KEY constraint */
	DB_ERR_CHECK = -4,   /* a CHECK or NOT NULL constraint */
	DB_ERR_BUSY = -5,    /* locked past the timeout, a deadlock or a serialization failure: try again */
};

/* Whether target names a PostgreSQL database: a postgresql:// or
 * postgres:// URI, or a libpq "keyword=value" string. Anything else is a
 * SQLite file (a file whose name looks like "a=b" is given as "./a=b"). */
int db_target_is_postgres(const char *target);
/* How many worker threads a server on target with ncpu cores should run:
 * its requests wait on the database more than they compute. On SQLite
 * 16 per core (at least 16, at most 64): writers that wait for their turn,
 * their batch's commit or the sync let others work, and more of them at
 * once make larger batches, one commit and one sync for more bookings.
 * On PostgreSQL each thread holds a server connection: 4 per core (at
 * least 8, at most 64). */
int db_worker_threads(const char *target, long ncpu);
/* Opens (SQLite: creating) the database. err gets a Dutch reason; a
 * password in the target is never repeated in it. */
int db_open(const char *target, struct db **out, char *err, int errlen);
void db_close(struct db *db);
enum db_engine db_engine(struct db *db);
const char *db_errmsg(struct db *db);

int db_exec(struct db *db, const char *sql); /* statements without parameters */
int db_begin(struct db *db);                 /* a write transaction */
int db_begin_read(struct db *db);            /* a read snapshot */
int db_commit(struct db *db);
int db_rollback(struct db *db);
int db_in_transaction(struct db *db);
/* Whether the last failure was one that succeeds when tried again (a lock
 * timeout, a deadlock, a serialization failure). */
int db_retryable(struct db *db);

struct db_stmt *db_query(struct db *db, const char *sql, const char *fmt, ...);
int db_step(struct db_stmt *st);
void db_finalize(struct db_stmt *st);
/* Runs a statement that returns no rows: 0, or a negative db_step_result. */
int db_run(struct db *db, const char *sql, const char *fmt, ...);
/* Runs "INSERT … RETURNING id" and puts the first column of its row in *id
 * (0 when no row was inserted, e.g. ON CONFLICT DO NOTHING): 0, or a
 * negative db_step_result. */
int db_insert(struct db *db, long long *id, const char *sql, const char *fmt, ...);

/* As db_insert, for a plain INSERT (no ON CONFLICT) into a table whose id
 * is its INTEGER PRIMARY KEY, the SQL ending in " RETURNING id": SQLite
 * runs it without the RETURNING and reads the id as the last rowid (a
 * RETURNING gathers its rows in a temporary table, opened and closed per
 * statement: a tenth of an import); PostgreSQL as db_insert. */
int db_insert_row(struct db *db, long long *id, const char *sql, const char *fmt, ...);

/* Runs sql with values given as arrays: for each fmt[k], 'l' binds
 * ints[k], 't' texts[k], 'n' NULL (for statements built at run time). */
int db_run_values(struct db *db, const char *sql, const char *fmt, const long long *ints, const char *const *texts);
/* The same for a statement with rows (as db_query; e.g. "id IN (?, ?, …)"
 * with a list read before). */
struct db_stmt *db_query_values(struct db *db, const char *sql, const char *fmt, const long long *ints, const char *const *texts);

long long db_col_int(struct db_stmt *st, int col);
const char *db_col_text(struct db_stmt *st, int col); /* NULL for SQL NULL; valid until next step */
int db_col_null(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);
int db_col_is_int(struct db_stmt *st, int col); /* an integer (or boolean) value, not NULL */
int db_table_exists(struct db *db, const char *table);
/* Rows changed by the last INSERT, UPDATE or DELETE. */
long long db_changes(struct db *db);

/* ---- group commit (docs/prestaties.md "Duurzaam en toch snel") ----
 * Without it a SQLite commit waits for the disk itself (synchronous=FULL):
 * one fsync per commit, one writer at a time. With db_group_commit(1),
 * called before the connections are opened (samen serve does), a commit
 * is written to the WAL without waiting (synchronous=NORMAL), and
 * db_durable() returns once every commit of this process made before the
 * call is on disk: whoever calls it first syncs the WAL for all commits so
 * far, the others wait for that sync or the next. So concurrent writers
 * share one fsync. An answer is sent only after db_durable(): its own
 * writes, and any it read from others, then survive a power failure.
 * One database per process uses it (the first opened after the call; a
 * later one of another file commits with FULL). PostgreSQL has its own
 * group commit: its commits are durable when they return. */
void db_group_commit(int on);
/* 0, or -1 when the disk refused to sync (nothing is known durable then). */
int db_durable(struct db *db);
/* Under group commit: write transactions committed, the commits they took
 * (concurrent ones share a commit), and the syncs done — for the status. */
void db_group_commit_stats(unsigned long long *writes, unsigned long long *commits, unsigned long long *syncs);

/* ---- the whole schema (samen kopieer, samen demo) ---- */

#define DB_MAX_TABLES 256
#define DB_NAME_MAX 64
struct db_tables {
	size_t n;
	char name[DB_MAX_TABLES][DB_NAME_MAX];
};
/* Every table, each after the tables it refers to (so that rows can be
 * copied table by table), schema_migraties first. 0, or -1 (db_errmsg). */
int db_tables(struct db *db, struct db_tables *out);
/* After rows were inserted into table with their ids: the next generated
 * id follows the largest (PostgreSQL's identity; nothing to do in SQLite). */
int db_sync_ids(struct db *db, const char *table);
/* A query without parameters whose rows may be very many (a whole
 * table): PostgreSQL reads them through a cursor, a thousand at a time,
 * instead of all at once. Only inside a transaction. */
struct db_stmt *db_query_all(struct db *db, const char *sql);
/* Foreign keys checked at commit instead of per statement, until the
 * transaction ends (rows copied in any order). */
int db_defer_foreign_keys(struct db *db);
/* For a bulk load (an import of many rows in one transaction), called
 * outside a transaction: on, SQLite keeps a page cache large enough for
 * the whole batch (256 MB) and the savepoint journals of the rows in memory,
 * so that no page is written before the commit, and none twice (the
 * default cache spills dirty pages into the WAL, and each savepoint's
 * journal went to a temporary file: 35 writes per hour entry); off
 * restores the defaults of db_open. PostgreSQL: nothing to do. 0, or a
 * negative db_step_result. */
int db_bulk(struct db *db, int on);
/* Drops every table of the schema (and on PostgreSQL the functions of its
 * triggers): for samen demo replacing its own demo database. */
int db_drop_all(struct db *db);

/* Copies the whole database from into to (made when missing, else
 * replaced), as one consistent snapshot of from: it reads in one read
 * transaction, so writers of from go on meanwhile and every transaction
 * committed before it began is in the copy. Connections open on to see
 * the new content (SQLite's backup API). 0, or -1 with err filled. Both are
 * SQLite files; PostgreSQL has its own tools for this (pg_dump). */
int db_copy(const char *from, const char *to, char *err, int errlen);

#endif
