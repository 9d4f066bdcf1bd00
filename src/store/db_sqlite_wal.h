/* A VFS for SQLite that writes a commit's WAL frames in one write
 * (src/store/db_sqlite_wal.c). Used by db_sqlite.c for every connection. */
#ifndef SAMEN_DB_SQLITE_WAL_H
#define SAMEN_DB_SQLITE_WAL_H

#define DB_SQLITE_WAL_VFS "samen-wal"

/* Registers the VFS once; its name, or NULL when SQLite has no default VFS
 * to build on (then SQLite's own is used). */
const char *db_sqlite_wal_vfs(void);

/* How many writes the VFS has made to WAL files in this process (for the
 * tests: a commit of many pages is one write). */
unsigned long long db_sqlite_wal_writes(void);

#endif
