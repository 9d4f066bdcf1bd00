/* The SQLite backend of db.h: WAL, foreign keys, a busy timeout, and a
 * small cache of prepared statements per connection (parsing the SQL was
 * most of the cost of a booking; a statement is reset and kept by
 * db_finalize, found again by its text, and used by one caller at a time).
 * synchronous=FULL: a commit is on disk before it is acknowledged, also
 * after a power failure (NORMAL keeps it only across a crash of samen).
 * Under group commit (db.h) a commit is written with NORMAL and made
 * durable by db_durable(), one fdatasync of the WAL for all commits so far. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "store/db_backend.h"
#include "store/db_sqlite_wal.h"

#define STMT_CACHE 96
#define NORMAL_CACHE "-32768"  /* KiB: 32 MB */
#define BULK_CACHE "-262144"   /* KiB: 256 MB, for db_bulk */

struct cached_stmt {
	sqlite3_stmt *st; /* NULL = free slot */
	unsigned hash;
	int in_use;
	unsigned long long used; /* for evicting the least recently used */
};

/* One SQLite connection and its statements. */
struct sconn {
	sqlite3 *h;
	struct cached_stmt cache[STMT_CACHE];
	unsigned long long clock;
};

struct sdb {
	struct db base;
	struct sconn own;
	struct sconn *cur; /* own, or the writer connection during a write (g_wconn) */
	int group;  /* commits with NORMAL, made durable by db_durable() */
	int turns;  /* writers take turns on g_writer (the server's database) */
	int holds_writer; /* g_writer, from BEGIN IMMEDIATE to the end */
	int in_batch;     /* its transaction is a savepoint in the open batch (group commit) */
	int deferred;     /* … and it deferred its foreign keys */
};

struct sstmt {
	struct db_stmt base;
	sqlite3_stmt *st;
	struct sconn *conn; /* the connection it was prepared on */
	int slot;         /* index in conn->cache, or -1 */
	int holds_writer; /* a write outside a transaction, until it is done */
};

#define SDB(d) ((struct sdb *)(d))
#define SST(s) ((struct sstmt *)(s))

static int map_rc(int rc)
{
	switch (rc) {
	case SQLITE_ROW: return DB_ROW;
	case SQLITE_DONE:
	case SQLITE_OK: return DB_DONE;
	case SQLITE_CONSTRAINT_UNIQUE:
	case SQLITE_CONSTRAINT_PRIMARYKEY: return DB_ERR_UNIQUE;
	case SQLITE_CONSTRAINT_FOREIGNKEY: return DB_ERR_FOREIGN;
	case SQLITE_CONSTRAINT_CHECK:
	case SQLITE_CONSTRAINT_NOTNULL:
	case SQLITE_CONSTRAINT_DATATYPE: return DB_ERR_CHECK;
	case SQLITE_BUSY:
	case SQLITE_LOCKED: return DB_ERR_BUSY; /* after the busy timeout: not again */
	default: return DB_ERR;
	}
}

static const char *s_errmsg(struct db *db) { return sqlite3_errmsg(SDB(db)->cur->h); }

static int prepare(struct sconn *c, const char *sql, struct sstmt *st);
static void s_finalize(struct db_stmt *base);

/* One statement from the statement cache (a savepoint and its release
 * come twice per imported row, and parsing them each time was 6 % of an
 * import); several through sqlite3_exec. */
#define DEFER_FKS "PRAGMA defer_foreign_keys = ON"

static int s_exec(struct db *db, const char *sql)
{
	if (SDB(db)->in_batch && !strcmp(sql, DEFER_FKS))
		SDB(db)->deferred = 1; /* checked and ended with its savepoint (member_end) */
	struct sstmt *st = strchr(sql, ';') ? NULL : calloc(1, sizeof(*st));
	if (st) {
		st->base.db = db;
		if (prepare(SDB(db)->cur, sql, st) == SQLITE_OK) {
			int rc;
			while ((rc = sqlite3_step(st->st)) == SQLITE_ROW)
				;
			s_finalize(&st->base);
			return map_rc(rc);
		}
		free(st);
	}
	return map_rc(sqlite3_exec(SDB(db)->cur->h, sql, NULL, NULL, NULL));
}

/* The writers of the group database in this process take turns on a
 * mutex before BEGIN IMMEDIATE, and around a write outside a transaction
 * (the audit line): the next one runs the moment the last commits, where
 * SQLite's busy handler would sleep and poll (1, 2, 5 … 100 ms), which
 * under concurrent bookings was where most of their time went. Other
 * processes on the same file still meet SQLite's lock and busy timeout.
 * Recursive: a write outside a transaction may run while the same thread
 * has another statement open. */
static pthread_mutex_t g_writer = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static atomic_int g_writers; /* takes of g_writer under way (held or waited for): db_durable */
static atomic_int g_waiting; /* … of which waiting for it: a batch stays open for them */

static int writer_take(int *holds)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 10; /* as the busy timeout */
	atomic_fetch_add(&g_writers, 1);
	atomic_fetch_add(&g_waiting, 1);
	int rc = pthread_mutex_timedlock(&g_writer, &until);
	atomic_fetch_sub(&g_waiting, 1);
	if (rc != 0) {
		atomic_fetch_sub(&g_writers, 1);
		return DB_ERR_BUSY;
	}
	*holds = 1;
	return 0;
}

static void writer_give(int *holds)
{
	if (*holds) {
		*holds = 0;
		pthread_mutex_unlock(&g_writer);
		atomic_fetch_sub(&g_writers, 1);
	}
}

static void writer_release(struct sdb *d) { writer_give(&d->holds_writer); }

/* The writer connection: every write transaction of the group database
 * in this process runs on this one connection, in turn (g_writer), and
 * the connection of the request goes back to reading after it. SQLite
 * drops a connection's page cache whenever another connection has
 * committed; with one writer its cache stays valid from one write to the
 * next, where a booking on the request's own connection read its pages
 * anew (30 reads per booking). Opened by the first write, closed with the
 * last connection of the group database. Guarded by g_writer. */
static struct sconn g_wconn;
static int g_wconn_users; /* open connections of the group database (g_sync_mu) */
static char g_wconn_err[256];

static int conn_open(const char *path, struct sconn *c, int group, char *err, int errlen);
static void conn_close(struct sconn *c);

/* Under g_writer: the writer connection, opened when needed. */
static struct sconn *writer_conn(struct sdb *d)
{
	if (!g_wconn.h) {
		const char *file = sqlite3_db_filename(d->own.h, "main");
		if (conn_open(file, &g_wconn, d->group, g_wconn_err, sizeof(g_wconn_err)) < 0) {
			fprintf(stderr, "samen: %s\n", g_wconn_err);
			return NULL;
		}
		/* Savepoint and statement journals in memory: a batch's members are
		 * savepoints, and their journals in a temporary file cost more page
		 * writes than the WAL itself (49 per booking). */
		sqlite3_exec(g_wconn.h, "PRAGMA temp_store=MEMORY", NULL, NULL, NULL);
	}
	return &g_wconn;
}

/* ---- batches (group commit) ----
 * Under group commit the write transactions of concurrent requests share
 * one SQLite transaction on the writer connection: each request's is a
 * savepoint in it (a refused request rolls back to its savepoint and
 * leaves the others' work), and the batch commits when no other writer is
 * waiting for its turn, or at BATCH_MAX requests. A page that several
 * bookings change (an index, a balance, a monthly sum, the journal's last
 * leaf) is then written to the WAL once per batch instead of once per
 * booking: 43 page writes per booking before. A request's commit returns
 * only after its batch committed, with the batch's result, so that what
 * it answers is what is in the database; db_durable then waits for the
 * sync as before. Guarded by g_writer; the results by g_batch_mu. */
#define BATCH_MAX 32
#define BATCH_RESULTS 256
static int g_batch_members;            /* requests whose savepoint was released into it */
static unsigned long long g_batch_seq; /* the open batch, or the last one */
static pthread_mutex_t g_batch_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_batch_cv = PTHREAD_COND_INITIALIZER;
static unsigned long long g_batch_ended; /* every batch up to this one has ended */
static struct { unsigned long long seq; int rc; } g_batch_result[BATCH_RESULTS];
static unsigned long long g_batched, g_batches; /* write transactions committed in batches, and those batches (for the status) */

/* Under g_writer: a batch is open while the writer connection is in a
 * transaction (between the members' turns only a batch keeps one open). */
static int batch_open(void) { return g_wconn.h && !sqlite3_get_autocommit(g_wconn.h); }

static int wexec(const char *sql) { return map_rc(sqlite3_exec(g_wconn.h, sql, NULL, NULL, NULL)); }

/* Under g_writer: ends the open batch, committed or rolled back, and wakes
 * its members with the result. */
static int batch_end(int commit)
{
	int rc = DB_DONE;
	if (!sqlite3_get_autocommit(g_wconn.h)) {
		rc = wexec(commit ? "COMMIT" : "ROLLBACK");
		if (rc != DB_DONE && !sqlite3_get_autocommit(g_wconn.h))
			wexec("ROLLBACK"); /* a commit that failed: nothing of the batch stays */
	} else if (commit) {
		rc = DB_ERR; /* SQLite had rolled it back already */
	}
	if (!commit && rc == DB_DONE)
		rc = DB_ERR; /* none of its members' work is there */
	int members = g_batch_members;
	g_batch_members = 0;
	pthread_mutex_lock(&g_batch_mu);
	g_batch_result[g_batch_seq % BATCH_RESULTS].seq = g_batch_seq;
	g_batch_result[g_batch_seq % BATCH_RESULTS].rc = rc;
	g_batch_ended = g_batch_seq;
	if (rc == DB_DONE && members > 0) {
		g_batched += (unsigned long long)members;
		g_batches++;
	}
	pthread_cond_broadcast(&g_batch_cv);
	pthread_mutex_unlock(&g_batch_mu);
	return rc;
}

/* The moment ns nanoseconds from now, for a timed wait. */
static struct timespec deadline_in(long ns)
{
	struct timespec t;
	clock_gettime(CLOCK_REALTIME, &t);
	t.tv_nsec += ns;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	return t;
}

/* Not under g_writer: the result of batch seq once it has ended. A batch
 * left open with nobody to commit it (the writer that was waiting gave up)
 * is committed by a member after a few milliseconds. */
static int batch_wait(unsigned long long seq)
{
	pthread_mutex_lock(&g_batch_mu);
	while (g_batch_ended < seq) {
		struct timespec t = deadline_in(5000000);
		if (pthread_cond_timedwait(&g_batch_cv, &g_batch_mu, &t) != ETIMEDOUT || g_batch_ended >= seq)
			continue;
		pthread_mutex_unlock(&g_batch_mu);
		if (pthread_mutex_trylock(&g_writer) == 0) { /* free: nobody is in a transaction */
			if (batch_open() && g_batch_seq == seq)
				batch_end(1);
			pthread_mutex_unlock(&g_writer);
		}
		pthread_mutex_lock(&g_batch_mu);
	}
	int rc = g_batch_result[seq % BATCH_RESULTS].seq == seq ? g_batch_result[seq % BATCH_RESULTS].rc : DB_ERR;
	pthread_mutex_unlock(&g_batch_mu);
	return rc;
}

/* Under g_writer, before a write outside a transaction on the writer
 * connection: the open batch commits first (else the write would join it). */
static int batch_flush(void)
{
	return batch_open() ? batch_end(1) : DB_DONE;
}

/* Under g_writer, after a member's savepoint ended: the batch commits now
 * unless another writer is waiting to join it. */
static int batch_due(void)
{
	return atomic_load(&g_waiting) == 0 || g_batch_members >= BATCH_MAX;
}

static int s_begin(struct db *db, int write)
{
	struct sdb *d = SDB(db);
	if (write && d->turns) {
		if (writer_take(&d->holds_writer) < 0)
			return DB_ERR_BUSY;
		struct sconn *w = writer_conn(d);
		if (!w) {
			writer_release(d);
			return DB_ERR;
		}
		d->cur = w;
		if (d->group) {
			int r = DB_DONE;
			if (!batch_open() && (r = s_exec(db, "BEGIN IMMEDIATE")) == DB_DONE)
				g_batch_seq++;
			if (r == DB_DONE && (r = s_exec(db, "SAVEPOINT samen_verzoek")) != DB_DONE)
				batch_end(g_batch_members > 0);
			if (r != DB_DONE) {
				d->cur = &d->own;
				writer_release(d);
				return r;
			}
			d->in_batch = 1;
			d->deferred = 0;
			return DB_DONE;
		}
	}
	int r = s_exec(db, write ? "BEGIN IMMEDIATE" : "BEGIN");
	if (r != DB_DONE) {
		d->cur = &d->own;
		writer_release(d);
	}
	return r;
}

/* A member's foreign keys deferred to the end of its transaction are
 * checked at the end of its savepoint (SQLite would check them only at the
 * batch's COMMIT, and fail the whole batch), and deferring ends with it. */
static int member_end(struct sdb *d, const char *sql, int check)
{
	if (d->deferred && check) {
		int now = 0, hi = 0;
		if (sqlite3_db_status(g_wconn.h, SQLITE_DBSTATUS_DEFERRED_FKS, &now, &hi, 0) == SQLITE_OK && now > 0)
			return DB_ERR_FOREIGN;
	}
	int r = s_exec(&d->base, sql);
	if (r == DB_DONE && d->deferred) {
		wexec("PRAGMA defer_foreign_keys = OFF");
		d->deferred = 0;
	}
	return r;
}

static int s_commit(struct db *db)
{
	struct sdb *d = SDB(db);
	if (d->in_batch) {
		int r = member_end(d, "RELEASE samen_verzoek", 1);
		if (r != DB_DONE)
			return r; /* still in its savepoint, which the caller rolls back */
		d->in_batch = 0;
		d->cur = &d->own;
		g_batch_members++;
		unsigned long long seq = g_batch_seq;
		if (batch_due()) {
			r = batch_end(1);
			writer_release(d);
			return r;
		}
		writer_release(d);
		return batch_wait(seq);
	}
	int r = s_exec(db, "COMMIT");
	if (r == DB_DONE) { /* else still in the transaction, which the caller rolls back */
		d->cur = &d->own;
		writer_release(d);
	}
	return r;
}

static int s_rollback(struct db *db)
{
	struct sdb *d = SDB(db);
	if (d->in_batch) { /* a member of the open batch: its savepoint only */
		int r = DB_DONE;
		if (sqlite3_get_autocommit(g_wconn.h)) { /* SQLite rolled back the whole batch */
			batch_end(0);
		} else {
			r = member_end(d, "ROLLBACK TO samen_verzoek", 0);
			if (r == DB_DONE)
				r = member_end(d, "RELEASE samen_verzoek", 0);
			if (r != DB_DONE)
				batch_end(0);
			else if (batch_due())
				batch_end(g_batch_members > 0);
		}
		d->in_batch = 0;
		d->deferred = 0;
		d->cur = &d->own;
		writer_release(d);
		return r;
	}
	if (d->group && !d->holds_writer && sqlite3_get_autocommit(d->own.h)) {
		d->cur = &d->own; /* a member whose batch failed: it has ended */
		return DB_DONE;
	}
	int r = s_exec(db, "ROLLBACK");
	d->cur = &d->own;
	writer_release(d); /* also when SQLite had rolled back already */
	return r;
}

/* ---- group commit ----
 * g_committed counts the commits of group connections, each counted after
 * its frames were written to the WAL (sqlite3_wal_hook runs after the
 * commit); g_synced is the count that a finished sync covered. A sync
 * that starts after a commit was counted covers it: fdatasync writes every
 * page of the file written before it, through any descriptor. */
static pthread_mutex_t g_sync_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_sync_cv = PTHREAD_COND_INITIALIZER;
static pthread_cond_t g_commit_cv = PTHREAD_COND_INITIALIZER; /* a commit was counted */
static int g_group_set;        /* db_group_commit() was called: a server */
static int g_group_on;         /* … with group commit */
static char g_group_db[1024];  /* the database that uses it ("" = none yet) */
static unsigned long long g_committed, g_synced, g_syncs;
static int g_syncing;          /* a sync is under way */
static ino_t g_wal_ino;        /* the WAL whose directory entry is on disk */

void db_group_commit(int on)
{
	pthread_mutex_lock(&g_sync_mu);
	g_group_set = 1;
	g_group_on = on;
	pthread_mutex_unlock(&g_sync_mu);
}

void db_group_commit_stats(unsigned long long *writes, unsigned long long *commits, unsigned long long *syncs)
{
	pthread_mutex_lock(&g_batch_mu);
	unsigned long long batched = g_batched, batches = g_batches;
	pthread_mutex_unlock(&g_batch_mu);
	pthread_mutex_lock(&g_sync_mu);
	*writes = g_committed - batches + batched; /* a write outside a batch is a commit of its own */
	*commits = g_committed;
	*syncs = g_syncs;
	pthread_mutex_unlock(&g_sync_mu);
}

/* The checkpointer: a thread with its own connection that copies the WAL
 * into the database once it holds CKPT_PAGES — but beside the writers,
 * where SQLite's own hook (which wal_hook replaces) checkpoints in the
 * committing writer, whose turn (g_writer) the others then wait out. A
 * PASSIVE checkpoint takes no writer's lock. After it, the writer copies
 * the few pages committed meanwhile (wal_hook), which costs two syncs
 * (4–5 ms) in its turn: at SQLite's 1 000 pages that came every 50
 * bookings and was 40 % of a commit's time, at 4 000 pages (a WAL of 16 MB)
 * a tenth of it. Runs while the group database has connections
 * (g_sync_mu guards the flags). */
#define CKPT_PAGES 4000
static pthread_cond_t g_ckpt_cv = PTHREAD_COND_INITIALIZER;
static pthread_t g_ckpt_thread;
static int g_ckpt_running, g_ckpt_want, g_ckpt_stop, g_ckpt_done;
static int g_ckpt_seen, g_ckpt_next = CKPT_PAGES; /* WAL pages at the last commit; when the next checkpoint is due */

static void *checkpointer(void *arg)
{
	(void)arg;
	sqlite3 *h = NULL;
	if (sqlite3_open_v2(g_group_db, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, db_sqlite_wal_vfs()) == SQLITE_OK)
		sqlite3_busy_timeout(h, 1000);
	pthread_mutex_lock(&g_sync_mu);
	for (;;) {
		while (!g_ckpt_want && !g_ckpt_stop)
			pthread_cond_wait(&g_ckpt_cv, &g_sync_mu);
		if (g_ckpt_stop)
			break;
		g_ckpt_want = 0;
		pthread_mutex_unlock(&g_sync_mu);
		sqlite3_wal_checkpoint_v2(h, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		pthread_mutex_lock(&g_sync_mu);
		g_ckpt_done = 1;
	}
	pthread_mutex_unlock(&g_sync_mu);
	sqlite3_close_v2(h);
	return NULL;
}

/* Under g_sync_mu: the checkpointer runs (when it can start). */
static void checkpointer_start_locked(void)
{
	if (g_ckpt_running)
		return;
	g_ckpt_stop = g_ckpt_want = 0;
	g_ckpt_running = pthread_create(&g_ckpt_thread, NULL, checkpointer, NULL) == 0;
}

static void checkpointer_stop(void)
{
	pthread_mutex_lock(&g_sync_mu);
	int running = g_ckpt_running;
	g_ckpt_stop = 1;
	g_ckpt_running = 0;
	pthread_cond_signal(&g_ckpt_cv);
	pthread_mutex_unlock(&g_sync_mu);
	if (running)
		pthread_join(g_ckpt_thread, NULL);
}

/* After every commit of a group connection: counted for db_durable, and
 * at CKPT_PAGES in the WAL the checkpointer is woken. */
static int wal_hook(void *arg, sqlite3 *h, const char *name, int pages)
{
	pthread_mutex_lock(&g_sync_mu);
	g_committed++;
	pthread_cond_signal(&g_commit_cv);
	/* Once per CKPT_PAGES new pages: a WAL that could not start over (readers
	 * still in it) is not checkpointed again at every commit. */
	if (pages < g_ckpt_seen)
		g_ckpt_next = CKPT_PAGES; /* started over */
	g_ckpt_seen = pages;
	int due = pages >= g_ckpt_next;
	if (due)
		g_ckpt_next = pages + CKPT_PAGES;
	/* The checkpointer copied the bulk: the writer copies the few pages
	 * committed meanwhile, so that the WAL is all in the database and the
	 * next write starts it over (only a writer can; else it grows). */
	int inline_ckpt = (due && !g_ckpt_running) || g_ckpt_done;
	g_ckpt_done = 0;
	if (due && g_ckpt_running && !inline_ckpt) {
		g_ckpt_want = 1;
		pthread_cond_signal(&g_ckpt_cv);
	}
	pthread_mutex_unlock(&g_sync_mu);
	if (inline_ckpt)
		sqlite3_wal_checkpoint_v2(h, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

static int fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fdatasync(fd);
	close(fd);
	return rc;
}

/* Puts the WAL of the group database on disk, and its directory entry the
 * first time a WAL file is seen (SQLite creates it without syncing the
 * directory under NORMAL). Called by one thread at a time. */
static int g_wal_fd = -1; /* the WAL named g_wal_fd_ino, kept open between syncs */
static ino_t g_wal_fd_ino;

static int sync_wal(void)
{
	char wal[1100];
	snprintf(wal, sizeof(wal), "%s-wal", g_group_db);
	struct stat sb;
	if (stat(wal, &sb) < 0) /* no WAL: every commit was checkpointed into the database, which SQLite synced */
		return errno == ENOENT ? 0 : -1;
	if (g_wal_fd < 0 || sb.st_ino != g_wal_fd_ino) { /* first, or a new WAL file */
		if (g_wal_fd >= 0)
			close(g_wal_fd);
		g_wal_fd = open(wal, O_RDWR | O_CLOEXEC);
		if (g_wal_fd < 0)
			return errno == ENOENT ? 0 : -1;
		if (fstat(g_wal_fd, &sb) < 0) {
			close(g_wal_fd);
			g_wal_fd = -1;
			return -1;
		}
		g_wal_fd_ino = sb.st_ino;
	}
	int rc = fdatasync(g_wal_fd);
	if (rc == 0 && sb.st_ino != g_wal_ino) {
		char dir[1024];
		snprintf(dir, sizeof(dir), "%s", g_group_db);
		rc = fsync_path(dirname(dir), O_RDONLY | O_DIRECTORY);
		if (rc == 0)
			g_wal_ino = sb.st_ino;
	}
	return rc;
}

static int s_durable(struct db *db)
{
	if (!SDB(db)->group)
		return 0;
	int rc = 0;
	pthread_mutex_lock(&g_sync_mu);
	unsigned long long want = g_committed;
	while (g_synced < want && rc == 0) {
		if (g_syncing) { /* someone syncs: wait for it (it may not cover us: then again) */
			pthread_cond_wait(&g_sync_cv, &g_sync_mu);
			continue;
		}
		g_syncing = 1;
		/* A sync costs as much for one commit as for many: writers under
		 * way may join this one, for at most 0.8 ms. Alone, no wait. */
		for (int i = 0; i < 8 && atomic_load(&g_writers) > 0; i++) {
			struct timespec t = deadline_in(100000);
			pthread_cond_timedwait(&g_commit_cv, &g_sync_mu, &t);
		}
		unsigned long long upto = g_committed;
		pthread_mutex_unlock(&g_sync_mu);
		rc = sync_wal();
		pthread_mutex_lock(&g_sync_mu);
		g_syncing = 0;
		if (rc == 0) {
			g_syncs++;
			if (upto > g_synced)
				g_synced = upto;
		}
		pthread_cond_broadcast(&g_sync_cv);
	}
	pthread_mutex_unlock(&g_sync_mu);
	return rc;
}

static void conn_close(struct sconn *c)
{
	for (int i = 0; i < STMT_CACHE; i++)
		sqlite3_finalize(c->cache[i].st);
	sqlite3_close_v2(c->h);
	memset(c, 0, sizeof(*c));
}

static void s_close(struct db *db)
{
	struct sdb *d = SDB(db);
	conn_close(&d->own);
	if (d->turns) { /* the last connection of the group database closes the writer's */
		pthread_mutex_lock(&g_writer);
		pthread_mutex_lock(&g_sync_mu);
		int last = --g_wconn_users == 0;
		pthread_mutex_unlock(&g_sync_mu);
		if (last && g_wconn.h) {
			if (batch_open())
				batch_end(1);
			conn_close(&g_wconn);
		}
		pthread_mutex_unlock(&g_writer);
		if (last) {
			checkpointer_stop();
			if (g_wal_fd >= 0) { /* SQLite removes the WAL with its last connection */
				close(g_wal_fd);
				g_wal_fd = -1;
			}
		}
	}
	free(d);
}

static unsigned sql_hash(const char *s)
{
	unsigned h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* A prepared statement for sql on c: a free cached one with the same text,
 * or a new one (which finalize may keep). */
static int prepare(struct sconn *c, const char *sql, struct sstmt *st)
{
	unsigned h = sql_hash(sql);
	st->slot = -1;
	st->conn = c;
	for (int i = 0; i < STMT_CACHE; i++) {
		struct cached_stmt *k = &c->cache[i];
		if (k->st && !k->in_use && k->hash == h && !strcmp(sqlite3_sql(k->st), sql)) {
			k->in_use = 1;
			k->used = ++c->clock;
			st->st = k->st;
			st->slot = i;
			return SQLITE_OK;
		}
	}
	return sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->st, NULL);
}

/* Gives st's statement back to its connection's cache (or finalizes it). */
static void unprepare(struct sstmt *st)
{
	struct sconn *c = st->conn;
	int shared = c == &g_wconn; /* its cache is guarded by g_writer (recursive) */
	if (shared)
		pthread_mutex_lock(&g_writer);
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	if (st->slot >= 0) {
		c->cache[st->slot].in_use = 0;
	} else {
		/* Keep it in a free slot, or in place of the least recently used. */
		int victim = -1;
		for (int i = 0; i < STMT_CACHE; i++) {
			struct cached_stmt *k = &c->cache[i];
			if (!k->st) {
				victim = i;
				break;
			}
			if (!k->in_use && (victim < 0 || k->used < c->cache[victim].used))
				victim = i;
		}
		if (victim < 0) {
			sqlite3_finalize(st->st);
		} else {
			struct cached_stmt *k = &c->cache[victim];
			sqlite3_finalize(k->st);
			*k = (struct cached_stmt){ st->st, sql_hash(sqlite3_sql(st->st)), 0, ++c->clock };
		}
	}
	st->st = NULL;
	if (shared)
		pthread_mutex_unlock(&g_writer);
}

static void s_finalize(struct db_stmt *base)
{
	struct sstmt *st = SST(base);
	unprepare(st); /* before the writer goes: the writer connection's cache is guarded by it */
	writer_give(&st->holds_writer);
	free(st);
}

static struct db_stmt *s_query(struct db *db, const char *sql, const char *fmt, const struct db_param *params, int n)
{
	(void)fmt;
	struct sdb *d = SDB(db);
	struct sstmt *st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->base.db = db;
	int rc = prepare(d->cur, sql, st);
	if (rc == SQLITE_OK && d->turns && d->cur == &d->own && !db->depth && !sqlite3_stmt_readonly(st->st)) {
		/* A write outside a transaction (the audit line): on the writer
		 * connection, in turn, until it is done. */
		unprepare(st);
		struct sconn *w = NULL;
		if (writer_take(&st->holds_writer) < 0 || !(w = writer_conn(d)) || batch_flush() != DB_DONE) {
			writer_give(&st->holds_writer);
			free(st);
			return NULL;
		}
		rc = prepare(w, sql, st);
	}
	if (rc != SQLITE_OK) {
		fprintf(stderr, "samen: SQL-fout: %s\n  in: %s\n", sqlite3_errmsg(st->conn->h), sql);
		writer_give(&st->holds_writer);
		free(st);
		return NULL;
	}
	for (int k = 0; k < n; k++) {
		const struct db_param *x = &params[k];
		if (x->type == 't' && x->t)
			sqlite3_bind_text(st->st, k + 1, x->t, -1, SQLITE_TRANSIENT);
		else if (x->type == 't' || x->type == 'n')
			sqlite3_bind_null(st->st, k + 1);
		else
			sqlite3_bind_int64(st->st, k + 1, x->i);
	}
	return &st->base;
}

static int s_step(struct db_stmt *base)
{
	return map_rc(sqlite3_step(SST(base)->st));
}
static long long s_col_int(struct db_stmt *st, int col) { return sqlite3_column_int64(SST(st)->st, col); }
static const char *s_col_text(struct db_stmt *st, int col) { return (const char *)sqlite3_column_text(SST(st)->st, col); }
static int s_col_null(struct db_stmt *st, int col) { return sqlite3_column_type(SST(st)->st, col) == SQLITE_NULL; }
static int s_col_count(struct db_stmt *st) { return sqlite3_column_count(SST(st)->st); }
static const char *s_col_name(struct db_stmt *st, int col) { return sqlite3_column_name(SST(st)->st, col); }
static int s_col_is_int(struct db_stmt *st, int col) { return sqlite3_column_type(SST(st)->st, col) == SQLITE_INTEGER; }
static long long s_changes(struct db *db) { return sqlite3_changes64(SDB(db)->cur->h); }
static long long s_last_id(struct db *db) { return sqlite3_last_insert_rowid(SDB(db)->cur->h); }

static int names(struct db *db, const char *sql, const char *arg, struct db_tables *out)
{
	struct db_stmt *st = db_query(db, sql, arg ? "t" : NULL, arg);
	int r;
	out->n = 0;
	while ((r = db_step(st)) == DB_ROW && out->n < DB_MAX_TABLES)
		snprintf(out->name[out->n++], DB_NAME_MAX, "%s", db_col_text(st, 0));
	db_finalize(st);
	return r == DB_DONE ? 0 : -1;
}

static int s_tables(struct db *db, struct db_tables *out)
{
	return names(
		db,
		"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name",
		NULL, out);
}

static int s_references(struct db *db, const char *table, struct db_tables *out)
{
	return names(db, "SELECT DISTINCT \"table\" FROM pragma_foreign_key_list(?) ORDER BY 1", table, out);
}

static int s_sync_ids(struct db *db, const char *table)
{
	(void)db;
	(void)table;
	return 0; /* an INTEGER PRIMARY KEY is always one more than the largest */
}

static struct db_stmt *s_query_all(struct db *db, const char *sql) { return s_query(db, sql, "", NULL, 0); }

static const struct db_ops sqlite_ops = {
	.engine = DB_SQLITE,
	.close = s_close,
	.errmsg = s_errmsg,
	.exec = s_exec,
	.begin = s_begin,
	.commit = s_commit,
	.rollback = s_rollback,
	.durable = s_durable,
	.query = s_query,
	.step = s_step,
	.finalize = s_finalize,
	.col_int = s_col_int,
	.col_text = s_col_text,
	.col_null = s_col_null,
	.col_count = s_col_count,
	.col_name = s_col_name,
	.col_is_int = s_col_is_int,
	.changes = s_changes,
	.last_id = s_last_id,
	.tables = s_tables,
	.references = s_references,
	.sync_ids = s_sync_ids,
	.query_all = s_query_all,
	.defer_foreign_keys = DEFER_FKS,
	.bulk_on = "PRAGMA temp_store=MEMORY; PRAGMA cache_size=" BULK_CACHE ";",
	.bulk_off = "PRAGMA temp_store=DEFAULT; PRAGMA cache_size=" NORMAL_CACHE ";",
	.drop_suffix = "",
};

/* Opens c on path with samen's settings; the message in err on failure. */
static int conn_open(const char *path, struct sconn *c, int group, char *err, int errlen)
{
	memset(c, 0, sizeof(*c));
	int rc = sqlite3_open_v2(path, &c->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, db_sqlite_wal_vfs());
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet openen: %s", path,
			 c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
		sqlite3_close(c->h);
		c->h = NULL;
		return -1;
	}
	sqlite3_busy_timeout(c->h, 10000);
	sqlite3_extended_result_codes(c->h, 1);
	if (sqlite3_exec(c->h, group ? "PRAGMA synchronous=NORMAL;" : "PRAGMA synchronous=FULL;", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(c->h, "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON;"
			     /* Erased personal data (pseudonymisation) is overwritten on its page. */
			     " PRAGMA secure_delete=FAST;"
			     /* A page cache of 32 MB per connection instead of 2 MB: a national
			      * proeftuin's overview reads more than 2 MB. Not a memory map
			      * (mmap_size): SQLite unmaps it whenever another connection has
			      * committed, and under concurrent bookings the unmapping and the
			      * page faults after it cost a third of the throughput. */
			     " PRAGMA cache_size=" NORMAL_CACHE ";", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan database '%s' niet gebruiken: %s", path, sqlite3_errmsg(c->h));
		conn_close(c);
		return -1;
	}
	if (group)
		sqlite3_wal_hook(c->h, wal_hook, NULL);
	return 0;
}

int db_sqlite_open(const char *path, struct db **out, char *err, int errlen)
{
	struct sdb *d = calloc(1, sizeof(*d));
	if (!d) {
		snprintf(err, (size_t)errlen, "geen geheugen");
		return -1;
	}
	d->base.ops = &sqlite_ops;
	d->cur = &d->own;
	if (conn_open(path, &d->own, 0, err, errlen) < 0) {
		free(d);
		return -1;
	}
	const char *file = sqlite3_db_filename(d->own.h, "main");
	pthread_mutex_lock(&g_sync_mu);
	if (g_group_set && file && *file && strlen(file) < sizeof(g_group_db)) {
		if (!g_group_db[0])
			snprintf(g_group_db, sizeof(g_group_db), "%s", file);
		d->turns = !strcmp(g_group_db, file);
		d->group = d->turns && g_group_on;
		if (d->turns)
			g_wconn_users++;
		if (d->group)
			checkpointer_start_locked();
	}
	pthread_mutex_unlock(&g_sync_mu);
	if (d->group) {
		sqlite3_exec(d->own.h, "PRAGMA synchronous=NORMAL;", NULL, NULL, NULL);
		sqlite3_wal_hook(d->own.h, wal_hook, NULL);
	}
	*out = &d->base;
	return 0;
}

int db_copy(const char *from, const char *to, char *err, int errlen)
{
	sqlite3 *src = NULL, *dst = NULL;
	/* Read-write, not create: a WAL database needs its -shm file, and a
	 * missing source must not be made empty. */
	int rc = sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, db_sqlite_wal_vfs());
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan '%s' niet openen: %s", from, src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
		sqlite3_close(src);
		return -1;
	}
	rc = sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, db_sqlite_wal_vfs());
	if (rc != SQLITE_OK) {
		snprintf(err, (size_t)errlen, "kan '%s' niet openen: %s", to, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
		sqlite3_close(src);
		sqlite3_close(dst);
		return -1;
	}
	sqlite3_busy_timeout(src, 10000);
	sqlite3_busy_timeout(dst, 10000);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", src, "main");
	if (!b) {
		snprintf(err, (size_t)errlen, "kan niet kopiëren naar '%s': %s", to, sqlite3_errmsg(dst));
		sqlite3_close(src);
		sqlite3_close(dst);
		return -1;
	}
	/* All pages in one step: one read transaction on from, so the copy is
	 * one moment of it. Stepping in parts would start over whenever another
	 * connection writes, and under load never finish. */
	for (int tries = 0; tries < 100; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(100);
	}
	sqlite3_backup_finish(b);
	int ok = rc == SQLITE_DONE;
	if (!ok)
		snprintf(err, (size_t)errlen, "kopiëren van '%s' naar '%s' mislukt: %s", from, to,
			 sqlite3_errcode(dst) != SQLITE_OK ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
	sqlite3_close(src);
	sqlite3_close(dst);
	return ok ? 0 : -1;
}
