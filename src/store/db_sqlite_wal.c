/* A VFS over SQLite's default one that writes a commit's WAL frames in one
 * pwrite instead of two per page (frame header, then page).
 *
 * Under concurrent bookings the COMMIT was the largest part of the
 * writer's turn, and most of it was those pwrites: 21 per booking, about
 * 2 µs of system call each, while every other writer waited for the turn
 * (a commit of 45 frames: 100 µs as 90 writes, 12–14 µs as one). Here the
 * writes to a WAL file are gathered in memory and written together:
 *
 *  - when the commit frame (a frame header with a database size) has its
 *    page: the commit's frames then reach the file inside SQLite's write
 *    of that page, so a failure (a full disk) fails the commit as before
 *    and nothing of it becomes visible;
 *  - before the wal-index header is published (xShmBarrier on the main
 *    database file, which SQLite calls between the two copies of the new
 *    header): another connection reads frames with its own descriptor, so
 *    they must be in the file before it can learn of them;
 *  - before anything reads, syncs, truncates, sizes or closes the WAL, and
 *    when a write does not continue the gathered bytes (or they reach
 *    WAL_GATHER_MAX: a large import writes in parts).
 *
 * Only WAL files are gathered; the database file and everything else pass
 * straight through. A WAL file is linked to its database file by
 * sqlite3_database_file_object (SQLite 3.32), the way SQLite documents for
 * VFS shims. Each file object belongs to one connection, which one thread
 * uses at a time, so nothing here needs a lock but the counter. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include "store/db_sqlite_wal.h"

#define WAL_GATHER_MAX (4 << 20)
#define WAL_HEADER 32
#define FRAME_HEADER 24
/* At most this much per write to the default VFS: its unixWrite passes a
 * length modulo 128 KiB to pwrite (seekAndWrite: nBuf &= 0x1ffff) and
 * loops on the rest, so a rest of exactly 128 KiB would be written as
 * nothing and reported as a full disk. */
#define WRITE_MAX (124 * 1024)
#define WFILE_SIZE ((sizeof(struct wfile) + 15) / 16 * 16)

struct wfile {
	sqlite3_file base;
	sqlite3_file *real;  /* the default VFS's file, WFILE_SIZE after this struct's start */
	struct wfile *wal;   /* a database file: its WAL, when open */
	struct wfile *db;    /* a WAL file: its database file */
	int is_wal;
	unsigned char *buf;  /* gathered bytes for [at, at + len) */
	size_t len, cap;
	sqlite3_int64 at;
	sqlite3_int64 commit_page; /* the offset of the commit frame's page, or -1 (set by each frame header) */
};

static sqlite3_vfs g_vfs;
static sqlite3_vfs *g_parent;
static sqlite3_io_methods g_methods;
static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static int g_registered;
static atomic_ullong g_wal_writes;

#define REAL(f) (((struct wfile *)(f))->real)

/* Writes p[0, n) at off in parts of at most WRITE_MAX; *done = how much. */
static int write_parts(struct wfile *w, const unsigned char *p, size_t n, sqlite3_int64 off, size_t *done)
{
	*done = 0;
	while (*done < n) {
		size_t part = n - *done < WRITE_MAX ? n - *done : WRITE_MAX;
		atomic_fetch_add(&g_wal_writes, 1);
		int rc = w->real->pMethods->xWrite(w->real, p + *done, (int)part, off + (sqlite3_int64)*done);
		if (rc != SQLITE_OK)
			return rc;
		*done += part;
	}
	return SQLITE_OK;
}

/* Writes the gathered bytes; SQLite's error code for a failure (what was
 * not written stays gathered: a later flush tries again, a close drops it). */
static int flush(struct wfile *w)
{
	size_t done;
	int rc = write_parts(w, w->buf, w->len, w->at, &done);
	if (rc != SQLITE_OK && done) {
		memmove(w->buf, w->buf + done, w->len - done);
		w->at += (sqlite3_int64)done;
	}
	w->len -= done;
	return rc;
}

static int w_close(sqlite3_file *f)
{
	struct wfile *w = (struct wfile *)f;
	int rc = SQLITE_OK;
	if (w->is_wal) {
		rc = flush(w);
		if (w->db)
			w->db->wal = NULL;
	} else if (w->wal) {
		w->wal->db = NULL;
	}
	int rc2 = w->real->pMethods->xClose(w->real);
	free(w->buf);
	w->buf = NULL;
	w->len = w->cap = 0;
	return rc != SQLITE_OK ? rc : rc2;
}

static int overlaps(const struct wfile *w, sqlite3_int64 off, int amt)
{
	return w->len && off < w->at + (sqlite3_int64)w->len && off + amt > w->at;
}

static int w_read(sqlite3_file *f, void *p, int amt, sqlite3_int64 off)
{
	struct wfile *w = (struct wfile *)f;
	if (w->is_wal && overlaps(w, off, amt)) {
		int rc = flush(w);
		if (rc != SQLITE_OK)
			return rc;
	}
	return w->real->pMethods->xRead(w->real, p, amt, off);
}

static int gather(struct wfile *w, const void *p, size_t amt, sqlite3_int64 off)
{
	if (w->len && off >= w->at && off + (sqlite3_int64)amt <= w->at + (sqlite3_int64)w->len) {
		memcpy(w->buf + (off - w->at), p, amt); /* a frame written again in the same transaction */
		return SQLITE_OK;
	}
	if (w->len && (off != w->at + (sqlite3_int64)w->len || w->len + amt > WAL_GATHER_MAX)) {
		int rc = flush(w);
		if (rc != SQLITE_OK)
			return rc;
	}
	if (!w->len)
		w->at = off;
	if (w->len + amt > w->cap) {
		size_t cap = w->cap ? w->cap : 64 * 1024;
		while (cap < w->len + amt)
			cap *= 2;
		unsigned char *b = realloc(w->buf, cap);
		if (!b)
			return SQLITE_NOMEM;
		w->buf = b;
		w->cap = cap;
	}
	memcpy(w->buf + w->len, p, amt);
	w->len += amt;
	return SQLITE_OK;
}

static unsigned be32(const unsigned char *b)
{
	return (unsigned)b[0] << 24 | (unsigned)b[1] << 16 | (unsigned)b[2] << 8 | b[3];
}

static int w_write(sqlite3_file *f, const void *p, int amt, sqlite3_int64 off)
{
	struct wfile *w = (struct wfile *)f;
	if (!w->is_wal)
		return w->real->pMethods->xWrite(w->real, p, amt, off);
	if (amt > WRITE_MAX) { /* SQLite writes a WAL in frames and headers; this is not expected */
		int rc = flush(w);
		if (rc != SQLITE_OK)
			return rc;
		size_t done;
		return write_parts(w, p, (size_t)amt, off, &done);
	}
	int commit = off == w->commit_page;
	/* A frame header: page number, then the database size in pages, which
	 * only a commit frame has. Its page follows at off + 24. */
	if (amt == FRAME_HEADER && off >= WAL_HEADER)
		w->commit_page = be32((const unsigned char *)p + 4) ? off + FRAME_HEADER : -1;
	int rc = gather(w, p, (size_t)amt, off);
	if (rc == SQLITE_OK && commit) {
		w->commit_page = -1;
		rc = flush(w);
	}
	return rc;
}

static int w_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct wfile *w = (struct wfile *)f;
	int rc = w->is_wal ? flush(w) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : w->real->pMethods->xTruncate(w->real, size);
}

static int w_sync(sqlite3_file *f, int flags)
{
	struct wfile *w = (struct wfile *)f;
	int rc = w->is_wal ? flush(w) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : w->real->pMethods->xSync(w->real, flags);
}

static int w_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct wfile *w = (struct wfile *)f;
	int rc = w->is_wal ? flush(w) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : w->real->pMethods->xFileSize(w->real, size);
}

static int w_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int w_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int w_check_reserved(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int w_sector_size(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int w_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }

static int w_file_control(sqlite3_file *f, int op, void *arg)
{
	struct wfile *w = (struct wfile *)f;
	int rc = w->is_wal ? flush(w) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : w->real->pMethods->xFileControl(w->real, op, arg);
}

static int w_shm_map(sqlite3_file *f, int region, int size, int extend, void volatile **out)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), region, size, extend, out);
}

static int w_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}

/* SQLite calls this between writing the new wal-index header's two copies:
 * the frames it announces must be in the file first. A failure here cannot
 * be returned; it is not expected, since the commit frame's page already
 * wrote them (see w_write). */
static void w_shm_barrier(sqlite3_file *f)
{
	struct wfile *w = (struct wfile *)f;
	if (w->wal)
		(void)flush(w->wal);
	w->real->pMethods->xShmBarrier(w->real);
}

static int w_shm_unmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }

static int w_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	struct wfile *w = (struct wfile *)f;
	int rc = w->is_wal ? flush(w) : SQLITE_OK;
	return rc != SQLITE_OK ? rc : w->real->pMethods->xFetch(w->real, off, amt, pp);
}

static int w_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int w_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)vfs;
	struct wfile *w = (struct wfile *)f;
	memset(w, 0, sizeof(*w));
	w->real = (sqlite3_file *)((char *)w + WFILE_SIZE);
	w->commit_page = -1;
	int rc = g_parent->xOpen(g_parent, name, w->real, flags, out_flags);
	if (!w->real->pMethods) {
		f->pMethods = NULL;
		return rc;
	}
	if (w->real->pMethods->iVersion < 3) { /* the default VFS on Unix is version 3 */
		w->real->pMethods->xClose(w->real);
		f->pMethods = NULL;
		return SQLITE_CANTOPEN;
	}
	f->pMethods = &g_methods;
	if ((flags & SQLITE_OPEN_WAL) && name) {
		sqlite3_file *db = sqlite3_database_file_object(name);
		w->is_wal = 1;
		if (db && db->pMethods == &g_methods) {
			w->db = (struct wfile *)db;
			w->db->wal = w;
		}
	}
	return rc;
}

static void registration(void)
{
	g_parent = sqlite3_vfs_find(NULL);
	if (!g_parent)
		return;
	g_vfs = *g_parent;
	g_vfs.pNext = NULL;
	g_vfs.zName = DB_SQLITE_WAL_VFS;
	g_vfs.szOsFile = (int)WFILE_SIZE + g_parent->szOsFile;
	g_vfs.xOpen = w_open;
	g_methods = (sqlite3_io_methods){
		.iVersion = 3,
		.xClose = w_close,
		.xRead = w_read,
		.xWrite = w_write,
		.xTruncate = w_truncate,
		.xSync = w_sync,
		.xFileSize = w_file_size,
		.xLock = w_lock,
		.xUnlock = w_unlock,
		.xCheckReservedLock = w_check_reserved,
		.xFileControl = w_file_control,
		.xSectorSize = w_sector_size,
		.xDeviceCharacteristics = w_device,
		.xShmMap = w_shm_map,
		.xShmLock = w_shm_lock,
		.xShmBarrier = w_shm_barrier,
		.xShmUnmap = w_shm_unmap,
		.xFetch = w_fetch,
		.xUnfetch = w_unfetch,
	};
	g_registered = sqlite3_vfs_register(&g_vfs, 0) == SQLITE_OK;
}

const char *db_sqlite_wal_vfs(void)
{
	pthread_once(&g_once, registration);
	return g_registered ? DB_SQLITE_WAL_VFS : NULL;
}

unsigned long long db_sqlite_wal_writes(void)
{
	return atomic_load(&g_wal_writes);
}
