/* The VFS that writes a commit's WAL frames in one write
 * (src/store/db_sqlite_wal.c), on a real SQLite file: a commit of many
 * pages is a few writes, other connections (through the VFS or SQLite's
 * own) see exactly what was committed, a transaction larger than the
 * cache (pages spilled into the WAL, read back, rolled back) leaves
 * nothing, and a commit that cannot be written (the file size limit, as a
 * full disk) fails as a commit and leaves the database as it was. */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "store/db_sqlite_wal.h"

static char g_path[64];

static sqlite3 *open_conn(const char *vfs)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(g_path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, vfs), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	return h;
}

static long long one(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	long long v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void ok(sqlite3 *h, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(h, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK)
		fail_msg("%s: %s", sql, err ? err : sqlite3_errstr(rc));
}

static void integrity(sqlite3 *h)
{
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
	sqlite3_finalize(st);
}

/* n rows of 3 000 bytes each (a page or so per row): row k is the letter k. */
static int insert_rows(sqlite3 *h, int n, int tag)
{
	char sql[200];
	snprintf(sql, sizeof(sql),
		 "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d)"
		 " INSERT INTO t(tag, k, v) SELECT %d, i, printf('%%.3000c', char(65 + i %% 26)) FROM k",
		 n, tag);
	return sqlite3_exec(h, sql, NULL, NULL, NULL);
}

static void remove_files(void)
{
	char f[80];
	unlink(g_path);
	snprintf(f, sizeof(f), "%s-wal", g_path);
	unlink(f);
	snprintf(f, sizeof(f), "%s-shm", g_path);
	unlink(f);
}

static void test_wal_vfs(void **state)
{
	(void)state;
	snprintf(g_path, sizeof(g_path), "/tmp/samen-test-wal-XXXXXX");
	int fd = mkstemp(g_path);
	assert_true(fd >= 0);
	close(fd);
	const char *vfs = db_sqlite_wal_vfs();
	assert_non_null(vfs);
	sqlite3 *a = open_conn(vfs), *b = open_conn(vfs), *plain = open_conn(NULL);
	ok(a, "CREATE TABLE t(id INTEGER PRIMARY KEY, tag INTEGER NOT NULL, k INTEGER, v TEXT NOT NULL)");

	/* A commit of about 100 pages: a few writes, not two per page. */
	unsigned long long w0 = db_sqlite_wal_writes();
	ok(a, "BEGIN IMMEDIATE");
	assert_int_equal(insert_rows(a, 100, 1), SQLITE_OK);
	ok(a, "COMMIT");
	unsigned long long writes = db_sqlite_wal_writes() - w0;
	assert_true(writes >= 1);
	assert_true(writes <= 6); /* 100 frames of 4 KiB in parts of 124 KiB */
	/* Both other connections see it at once, byte for byte. */
	assert_int_equal(one(b, "SELECT count(*) FROM t WHERE tag = 1"), 100);
	assert_int_equal(one(plain, "SELECT sum(length(v)) FROM t WHERE tag = 1"), 300000);
	assert_int_equal(one(plain, "SELECT count(*) FROM t WHERE v <> printf('%.3000c', char(65 + k % 26))"), 0);

	/* Many small commits in a row, each seen by the next reader. */
	for (int i = 0; i < 200; i++) {
		char sql[120];
		snprintf(sql, sizeof(sql), "INSERT INTO t(tag, v) VALUES(2, printf('%%.%dc', 'x'))", 10 + i * 37);
		ok(i % 2 ? a : b, sql);
		assert_int_equal(one(i % 2 ? plain : a, "SELECT count(*) FROM t WHERE tag = 2"), i + 1);
	}

	/* Larger than the cache and than one gathering (4 MiB): pages spill
	 * into the WAL mid-transaction and are read back; rolled back, none of
	 * it is seen, and what comes after is. */
	ok(a, "PRAGMA cache_size=20");
	ok(a, "BEGIN IMMEDIATE");
	assert_int_equal(insert_rows(a, 3000, 3), SQLITE_OK);
	assert_int_equal(one(a, "SELECT count(*) FROM t WHERE tag = 3"), 3000);
	assert_int_equal(one(a, "SELECT sum(length(v)) FROM t WHERE tag = 3"), 9000000);
	ok(a, "ROLLBACK");
	assert_int_equal(one(b, "SELECT count(*) FROM t WHERE tag = 3"), 0);
	ok(a, "BEGIN IMMEDIATE");
	assert_int_equal(insert_rows(a, 2000, 4), SQLITE_OK);
	ok(a, "COMMIT");
	assert_int_equal(one(plain, "SELECT count(*) FROM t WHERE tag = 4"), 2000);
	assert_int_equal(one(b, "SELECT count(*) FROM t WHERE tag = 4 AND v <> printf('%.3000c', char(65 + k % 26))"), 0);
	ok(a, "PRAGMA cache_size=-2000");
	integrity(b);

	/* A commit that cannot be written fails as a commit: a file size
	 * limit just above an empty WAL stands in for a full disk. */
	ok(b, "PRAGMA wal_checkpoint(TRUNCATE)");
	long long before = one(b, "SELECT count(*) FROM t");
	struct rlimit old, lim;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &old), 0);
	void (*prev)(int) = signal(SIGXFSZ, SIG_IGN);
	lim = old;
	lim.rlim_cur = 64 * 1024;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lim), 0);
	ok(a, "BEGIN IMMEDIATE");
	assert_int_equal(insert_rows(a, 100, 5), SQLITE_OK); /* fits in the cache: nothing written yet */
	int rc = sqlite3_exec(a, "COMMIT", NULL, NULL, NULL);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &old), 0);
	signal(SIGXFSZ, prev);
	assert_int_not_equal(rc, SQLITE_OK);
	assert_true((rc & 0xff) == SQLITE_FULL || (rc & 0xff) == SQLITE_IOERR);
	if (!sqlite3_get_autocommit(a))
		sqlite3_exec(a, "ROLLBACK", NULL, NULL, NULL);
	assert_int_equal(one(b, "SELECT count(*) FROM t"), before);
	assert_int_equal(one(plain, "SELECT count(*) FROM t WHERE tag = 5"), 0);
	integrity(plain);
	/* And the next commit goes through, seen by all. */
	ok(a, "BEGIN IMMEDIATE");
	assert_int_equal(insert_rows(a, 50, 6), SQLITE_OK);
	ok(a, "COMMIT");
	assert_int_equal(one(b, "SELECT count(*) FROM t"), before + 50);
	assert_int_equal(one(plain, "SELECT count(*) FROM t WHERE tag = 6 AND v = printf('%.3000c', char(65 + k % 26))"), 50);

	/* Closed and opened again: everything that was committed is there. */
	sqlite3_close(a);
	sqlite3_close(b);
	sqlite3_close(plain);
	sqlite3 *c = open_conn(NULL);
	assert_int_equal(one(c, "SELECT count(*) FROM t"), before + 50);
	integrity(c);
	sqlite3_close(c);
	remove_files();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wal_vfs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
