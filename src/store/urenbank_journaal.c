/* The journal of the hours exchange as hledger/ledger text (urenbank.h):
 * whole, a page of its transactions, or the transactions dated in a
 * period, and the months it has.
 *
 * A period (and the whole journal) is put together from kept days. The
 * journal only grows: the schema refuses UPDATE and DELETE on journaal and
 * journaal_posten (migration 004, both engines), so the transactions dated
 * on one day are exactly those that (count, max id, sum of ids) of that
 * day's rows in the index journaal_proeftuin (proeftuin_id, datum) count.
 * The text of a day, as one viewer's sight renders it, is kept in a file
 * (its key in the file's first line) and used again as long as that count
 * and everything else the text depends on are unchanged: the header (the
 * proeftuin, its members' codes and names), the viewer's sight, and
 * CACHE_FORMAT. Per day and not per period: the current month is where
 * late approvals and corrections keep arriving, and each would otherwise
 * make the whole month render again; now only its day does. The keys of a
 * period are one covering index range read (GROUP BY datum), in the same
 * snapshot as what is rendered, and remembered per process while the
 * proeftuin's kept transaction count stands (period_recall).
 *
 * A kept day is checked before it is used: its length and a CRC-32 of its
 * text stand in the first line, so a truncated or damaged file is rendered
 * afresh, never served; one this process checked and that has not changed
 * since is copied as it is (checked_before). It is written to a temporary
 * file beside and renamed into place, so a crash leaves the old day or the
 * new one. With several app servers on PostgreSQL each keeps its own files
 * and checks them against the database on every request. Where the files
 * are: cache_path below; at most SAMEN_CACHE_MB of them (kept_bound); the
 * cache can be removed at any time, and samen herstel does
 * (urenbank_journal_cache_clear). docs/urenbank.md, "Kept days". */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>
#include <zlib.h>
#include "core/buf.h"
#include "core/grow.h"
#include "store/db.h"
#include "store/fdio.h"
#include "store/page.h"
#include "store/urenbank_intern.h"

/* Change it whenever the text of a transaction changes: kept days of the
 * old text then no longer match. */
#define CACHE_FORMAT "samen-journaal-dag 1"
#define HEAD_LEN 96             /* the first line of a kept day, padded */
#define FLUSH_AT (256u * 1024u) /* what is handed to emit at once */

struct emitter {
	int (*emit)(void *, const char *, size_t);
	int (*copy)(void *, int, long long, long long); /* NULL: kept days are read and emitted */
	void *ctx;
	int keep; /* kept days are used and made */
	struct buf b;
	int failed;
};

/* Hands what is buffered to emit once it is large enough (or force),
 * keeping the buffer's memory for what follows. */
static void flush(struct emitter *e, int force)
{
	if (e->failed || (!force && e->b.len < FLUSH_AT))
		return;
	if (buf_failed(&e->b) || (e->b.len && e->emit(e->ctx, e->b.data, e->b.len) < 0))
		e->failed = 1;
	buf_truncate(&e->b, 0);
}

/* What the text of a transaction needs, read once per request. */
struct journal {
	struct store *s;
	struct pt pt;
	long long maxorg;
	char (*codes)[40]; /* organisation id → code, for the members */
	struct urenbank_sight v;
	char sight[200];        /* what of the viewer the text depends on */
	unsigned char head[16]; /* hash of the header without the period line */
};

static void journal_release(struct journal *j)
{
	urenbank_sight_release(&j->v);
	free(j->codes);
	j->codes = NULL;
}

/* Loads the proeftuin and its members and writes the header into b (the
 * period line when van is set). 0, or -status with p set. */
static int journal_begin(struct store *s, const struct actor *viewer, const char *ptc, const char *van, const char *tot,
			 struct buf *b, struct journal *j, struct problem *p)
{
	memset(j, 0, sizeof(*j));
	j->s = s;
	if (urenbank_pt_load(s, ptc, &j->pt, p) < 0)
		return -p->status;
	const struct pt *pt = &j->pt;
	size_t start = b->len;
	char naam[600];
	struct db_stmt *st = db_query(s->db, "SELECT naam FROM proeftuinen WHERE id = ?", "l", pt->id);
	urenbank_journal_text(db_step(st) == DB_ROW ? db_col_text(st, 0) : "", naam, sizeof(naam));
	db_finalize(st);
	buf_printf(b,
		   "; samen — journaal van de urenbank van proeftuin %s (%s), %s tot en met %s\n"
		   "; Bedragen in minuten (min). leden:<code> is het saldo van een lid: gebracht − gehaald + gestort;\n"
		   "; positief is meer gebracht dan gehaald. pot:stortingen is de tegenrekening van stortingen.\n"
		   "; Elke transactie telt op tot nul; een correctie is een tegenboeking. Tarief %lld centen per uur,\n"
		   "; kredietlimiet %lld minuten per lid. Na een afrekening staan de saldi weer op nul.\n"
		   "; Controle: hledger -f BESTAND balance   of   ledger -f BESTAND balance\n\n",
		   pt->code, naam, pt->van, pt->tot, pt->rate, pt->limit);
	crypto_generichash_state h;
	crypto_generichash_init(&h, NULL, 0, sizeof(j->head));
	crypto_generichash_update(&h, (const unsigned char *)b->data + start, b->len - start);
	if (van)
		buf_printf(b,
			   "; Alleen de transacties van %s tot en met %s: de balans is wat er in die periode bewoog.\n"
			   "; De saldi zelf geeft het hele journaal.\n\n",
			   van, tot);
	start = b->len;
	/* Members: an account each; org id → code for the postings below. */
	j->maxorg = urenbank_one_int(s, "SELECT coalesce(max(organisatie_id), 0) FROM proeftuin_leden WHERE proeftuin_id = ?",
				     "l", pt->id);
	j->codes = calloc((size_t)j->maxorg + 1, sizeof(*j->codes));
	if (!j->codes)
		return problem_set(p, 500, "geen geheugen");
	st = db_query(s->db,
		      "SELECT o.id, o.code, o.naam FROM proeftuin_leden l JOIN organisaties o ON o.id = l.organisatie_id"
		      " WHERE l.proeftuin_id = ? ORDER BY l.volgorde",
		      "l", pt->id);
	while (db_step(st) == DB_ROW) {
		long long id = db_col_int(st, 0);
		if (id >= 0 && id <= j->maxorg)
			snprintf(j->codes[id], sizeof(j->codes[id]), "%s", db_col_text(st, 1));
		urenbank_journal_text(db_col_text(st, 2), naam, sizeof(naam));
		/* The name on a line of its own: ledger reads the rest of an
		 * account line, comment and all, as the account's name. */
		buf_printf(b, "; leden:%s is %s\naccount leden:%s\n", db_col_text(st, 1), naam, db_col_text(st, 1));
	}
	db_finalize(st);
	/* Declared, so that hledger check --strict and ledger --pedantic accept
	 * the journal: the accounts above, the unit, the tags of the comments. */
	buf_adds(b, "account pot:stortingen\n\ncommodity min\n\ntag soort\ntag omschrijving\ntag centen\ntag restcenten\n");
	crypto_generichash_update(&h, (const unsigned char *)b->data + start, b->len - start);
	if (db_engine(s->db) == DB_POSTGRES) {
		/* A database restored under the same name (pg_restore --clean, or
		 * dropped and made again) has its journal as a new table: kept
		 * days of the old one must not match the ids of the new. SQLite:
		 * samen herstel removes the kept days (urenbank_journal_cache_clear). */
		char oid[64];
		snprintf(oid, sizeof(oid), "%lld", urenbank_one_int(s, "SELECT 'journaal'::regclass::oid", NULL));
		crypto_generichash_update(&h, (const unsigned char *)oid, strlen(oid));
	}
	crypto_generichash_final(&h, j->head, sizeof(j->head));
	urenbank_sight_init(&j->v, s, viewer, pt->code);
	/* Whom the text shows which hours to: everything, or as the policy
	 * decides from these fields of the viewer (policy_allows_entry). */
	if (j->v.all)
		snprintf(j->sight, sizeof(j->sight), "alles");
	else
		snprintf(j->sight, sizeof(j->sight), "rol %d org %s verband %s medewerker %lld in %s", (int)viewer->role,
			 viewer->org, viewer->verband, viewer->medewerker, j->v.verband);
	return buf_failed(b) ? problem_set(p, 500, "geen geheugen") : 0;
}

#define JOURNAL_COLS                                                                                          \
	"SELECT jp.transactie_id, j.datum, j.soort, j.omschrijving, jp.organisatie_id, jp.soort, jp.minuten," \
	" d.bedrag_centen, d.rest_centen, u.omschrijving, j.afrekening_id,"                                   \
	" u.id, u.opdracht_id, u.organisatie_id, u.medewerker_id, u.minuten"
#define JOURNAL_JOINS                                     \
	" LEFT JOIN stortingen d ON d.id = j.storting_id" \
	" LEFT JOIN uren u ON u.id = j.uren_id AND j.soort = 'uren'"

/* A number as text, appended: the journal has three or four on each of
 * its hundreds of thousands of lines, and printf showed in the profile. */
static void add_int(struct buf *b, long long v)
{
	char t[24], *q = t + sizeof(t);
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--q = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--q = '-';
	buf_add(b, q, (size_t)(t + sizeof(t) - q));
}

static const char *code_of(const struct journal *j, long long org)
{
	return org >= 0 && org <= j->maxorg ? j->codes[org] : "onbekend";
}

/* The transactions of st (JOURNAL_COLS, a transaction's postings together,
 * in order) into b; with e, handed on whenever b is large enough. */
static void transactions(struct journal *j, struct db_stmt *st, struct buf *b, struct emitter *e)
{
	char naam[600];
	long long cur = 0;
	while (db_step(st) == DB_ROW) {
		long long txn = db_col_int(st, 0);
		if (txn != cur) {
			cur = txn;
			/* Hours of a person the viewer may not read: the organisation, not who or what. */
			int hidden = !db_col_null(st, 11) && !urenbank_sight_allows(&j->v, ACT_HOURS_READ, db_col_int(st, 12),
										    db_col_int(st, 13), db_col_int(st, 14));
			if (hidden)
				snprintf(naam, sizeof(naam), "Urenregel %lld: %lld min van %s op opdracht %lld",
					 db_col_int(st, 11), db_col_int(st, 15), code_of(j, db_col_int(st, 13)),
					 db_col_int(st, 12));
			else
				urenbank_journal_text(db_col_text(st, 3), naam, sizeof(naam));
			buf_addc(b, '\n');
			buf_adds(b, db_col_text(st, 1));
			buf_add(b, " * (", 4);
			add_int(b, txn);
			buf_add(b, ") ", 2);
			buf_adds(b, naam);
			buf_addc(b, '\n');
			if (!db_col_null(st, 9) && !hidden) {
				urenbank_journal_text(db_col_text(st, 9), naam, sizeof(naam));
				buf_printf(b, "    ; omschrijving: %s\n", naam);
			}
			if (!db_col_null(st, 10)) { /* a settlement: a handful in a proeftuin's life */
				struct db_stmt *r = db_query(
					j->s->db,
					"SELECT o.code, r.saldo_minuten, r.bedrag_centen, r.rest_centen FROM afrekening_regels r"
					" JOIN organisaties o ON o.id = r.organisatie_id WHERE r.afrekening_id = ? ORDER BY "
					"r.volgorde",
					"l", db_col_int(st, 10));
				while (db_step(r) == DB_ROW)
					buf_printf(b,
						   "    ; saldo van %s %lld min wordt %lld centen (plus %lld centen rest van "
						   "stortingen)\n",
						   db_col_text(r, 0), db_col_int(r, 1), db_col_int(r, 2), db_col_int(r, 3));
				db_finalize(r);
			}
		}
		/* "    leden:<code>  <n> min  ; soort: <kind>[, centen: <c>, restcenten: <r>]" or the pot. */
		const char *kind = db_col_text(st, 5);
		if (db_col_null(st, 4)) {
			buf_adds(b, "    pot:stortingen  ");
			if (!strcmp(db_col_text(st, 2), "afrekening"))
				kind = "afrekening";
		} else {
			buf_adds(b, "    leden:");
			buf_adds(b, code_of(j, db_col_int(st, 4)));
			buf_add(b, "  ", 2);
		}
		add_int(b, db_col_int(st, 6));
		buf_adds(b, " min  ; soort: ");
		buf_adds(b, kind);
		if (!db_col_null(st, 4) && !db_col_null(st, 7)) {
			buf_adds(b, ", centen: ");
			add_int(b, db_col_int(st, 7));
			buf_adds(b, ", restcenten: ");
			add_int(b, db_col_int(st, 8));
		}
		buf_addc(b, '\n');
		if (e) {
			flush(e, 0);
			if (e->failed)
				break;
		}
	}
}

/* ---- kept days ------------------------------------------------------------------ */

/* Where the kept days of the journal go: $SAMEN_CACHE_DIR/<hash of the
 * database>, else beside a SQLite file (<file>-cache), else (PostgreSQL)
 * in $TMPDIR/samen-cache-<hash of the connection string>; -1 for a
 * database in memory. */
static int cache_path(const char *db, char *out, size_t len)
{
	unsigned char h[8];
	char hex[17];
	crypto_generichash(h, sizeof(h), (const unsigned char *)db, strlen(db), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	const char *env = getenv("SAMEN_CACHE_DIR"), *tmp = getenv("TMPDIR");
	int n;
	if (env && env[0])
		n = snprintf(out, len, "%s/%s", env, hex);
	else if (db_target_is_postgres(db))
		n = snprintf(out, len, "%s/samen-cache-%s", tmp && tmp[0] ? tmp : "/tmp", hex);
	else if (db[0] && strcmp(db, ":memory:") && strncmp(db, "file:", 5))
		n = snprintf(out, len, "%s-cache", db);
	else
		return -1;
	return n < 0 || (size_t)n >= len - 64 ? -1 : 0;
}

/* A directory of ours alone: not a symbolic link, owned by this user and
 * writable by no one else. In a shared $TMPDIR someone else could have
 * made samen-cache-<hash> first and put days in it; then nothing is kept
 * and every download is written afresh. */
static int own_dir(const char *path)
{
	if (mkdir(path, 0700) < 0 && errno != EEXIST)
		return -1;
	struct stat sb;
	return lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid() && !(sb.st_mode & 022) ? 0 : -1;
}

/* cache_path, created (0700) when missing. */
static int cache_dir(struct store *s, char *out, size_t len)
{
	if (cache_path(s->path, out, len) < 0)
		return -1;
	const char *env = getenv("SAMEN_CACHE_DIR");
	if (env && env[0] && mkdir(env, 0700) < 0 && errno != EEXIST)
		return -1;
	return own_dir(out);
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	remove(path);
	return 0;
}

void urenbank_journal_cache_clear(const char *db)
{
	char dir[PATH_MAX];
	if (cache_path(db, dir, sizeof(dir)) == 0)
		nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* The directory of the days of this proeftuin as this sight renders them. */
static int days_dir(struct journal *j, char *out, size_t len)
{
	if (cache_dir(j->s, out, len) < 0)
		return -1;
	size_t n = strlen(out);
	unsigned char h[8];
	char hex[17];
	crypto_generichash(h, sizeof(h), (const unsigned char *)j->sight, strlen(j->sight), NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out + n, len - n, "/journaal");
	if (mkdir(out, 0700) < 0 && errno != EEXIST)
		return -1;
	snprintf(out + n, len - n, "/journaal/%lld-%s", j->pt.id, hex);
	if (mkdir(out, 0700) < 0 && errno != EEXIST)
		return -1;
	return 0;
}

struct day {
	char datum[16];
	long long n, max, sum;
};

/* The key of a day's text: everything it depends on, hashed, in hex. */
static void day_key(const struct journal *j, const struct day *d, char hex[33])
{
	char what[400];
	int n = snprintf(what, sizeof(what), "%s\n%s\n%lld\n%s\n%lld %lld %lld\n", CACHE_FORMAT, j->sight, j->pt.id, d->datum,
			 d->n, d->max, d->sum);
	crypto_generichash_state h;
	unsigned char k[16];
	crypto_generichash_init(&h, NULL, 0, sizeof(k));
	crypto_generichash_update(&h, j->head, sizeof(j->head));
	crypto_generichash_update(&h, (const unsigned char *)what, (size_t)n);
	crypto_generichash_final(&h, k, sizeof(k));
	sodium_bin2hex(hex, 33, k, sizeof(k));
}

static unsigned long crc_of(const char *text, size_t len)
{
	unsigned long c = crc32(0L, Z_NULL, 0);
	while (len) { /* crc32 takes an unsigned int length */
		unsigned int part = len > (1u << 30) ? 1u << 30 : (unsigned int)len;
		c = crc32(c, (const Bytef *)text, part);
		text += part;
		len -= part;
	}
	return c;
}

/* Kept files this process has checked whole, by identity: a file that has
 * not changed since (same device, inode, size and change time; any write,
 * truncation or replacement gives it another change time) is not read and
 * summed again. Only a file that had been quiet for QUIET_NS when it was
 * checked goes in: the change time comes from a clock that ticks every few
 * milliseconds, and a change within the tick of the last one would leave
 * it as it was. A slot per hash, the last one checked wins. */
#define CHECKED_SLOTS 8192
#define QUIET_NS 200000000LL /* 0.2 s: many ticks */
struct checked {
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec ctime;
};
static struct checked g_checked[CHECKED_SLOTS];
static pthread_mutex_t g_checked_lock = PTHREAD_MUTEX_INITIALIZER;

static size_t checked_slot(const struct stat *sb)
{
	unsigned long long h = ((unsigned long long)sb->st_dev * 0x9E3779B97F4A7C15ull) ^ (unsigned long long)sb->st_ino;
	h ^= h >> 29;
	return (size_t)(h % CHECKED_SLOTS);
}

static int same_file(const struct checked *c, const struct stat *sb)
{
	return c->ino == sb->st_ino && c->dev == sb->st_dev && c->size == sb->st_size && c->ctime.tv_sec == sb->st_ctim.tv_sec &&
	       c->ctime.tv_nsec == sb->st_ctim.tv_nsec;
}

static int checked_before(const struct stat *sb)
{
	pthread_mutex_lock(&g_checked_lock);
	int r = same_file(&g_checked[checked_slot(sb)], sb);
	pthread_mutex_unlock(&g_checked_lock);
	return r;
}

static void checked_now(const struct stat *sb)
{
	struct timespec now;
	if (clock_gettime(CLOCK_REALTIME, &now) < 0 ||
	    (now.tv_sec - sb->st_ctim.tv_sec) * 1000000000LL + (now.tv_nsec - sb->st_ctim.tv_nsec) < QUIET_NS)
		return;
	pthread_mutex_lock(&g_checked_lock);
	g_checked[checked_slot(sb)] = (struct checked){ sb->st_dev, sb->st_ino, sb->st_size, sb->st_ctim };
	pthread_mutex_unlock(&g_checked_lock);
}

/* The kept text of a day handed to e when the file at path holds it for
 * key, whole and unchanged: 0; otherwise -1 and nothing handed on. */
static int day_read(const char *path, const char *key, struct emitter *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	char head[HEAD_LEN + 1], k[40];
	unsigned long long len;
	unsigned long crc;
	struct stat sb;
	int r = -1;
	if (fdio_read_all(fd, head, HEAD_LEN) < 0 || fstat(fd, &sb) < 0)
		goto done;
	head[HEAD_LEN] = '\0';
	if (strncmp(head, CACHE_FORMAT " ", strlen(CACHE_FORMAT " ")) ||
	    sscanf(head + strlen(CACHE_FORMAT " "), "%39s %llu %lx", k, &len, &crc) != 3 || strcmp(k, key) ||
	    (unsigned long long)sb.st_size != HEAD_LEN + len || len >= BUF_DEFAULT_CAP)
		goto done;
	if (e->copy && checked_before(&sb)) {
		/* Unchanged since it was checked: copied as it is. */
		flush(e, 1);
		if (!e->failed && e->copy(e->ctx, fd, HEAD_LEN, (long long)len) < 0)
			e->failed = 1;
		r = 0;
		goto done;
	}
	size_t at = e->b.len;
	char *text = malloc(len ? len : 1);
	if (text && fdio_read_all(fd, text, len) == 0 && crc_of(text, len) == crc && buf_add(&e->b, text, len) == 0) {
		checked_now(&sb);
		r = 0;
	} else {
		buf_truncate(&e->b, at);
	}
	free(text);
done:
	close(fd);
	return r;
}

/* Keeps text as the day at path for key: written beside and renamed into
 * place, so that the file is the old day or the new, never half. A day
 * that cannot be kept is rendered again next time; nothing else changes. */
static size_t day_write(const char *dir, const char *path, const char *key, const char *text, size_t len)
{
	char tmp[PATH_MAX], head[HEAD_LEN];
	if (snprintf(tmp, sizeof(tmp), "%s/.dag-XXXXXX", dir) >= (int)sizeof(tmp))
		return 0;
	int fd = mkstemp(tmp);
	if (fd < 0)
		return 0;
	memset(head, ' ', sizeof(head));
	int n = snprintf(head, sizeof(head), "%s %s %zu %lx", CACHE_FORMAT, key, len, crc_of(text, len));
	if (n > 0 && n < HEAD_LEN)
		head[n] = ' ';
	head[HEAD_LEN - 1] = '\n';
	int ok = n > 0 && n < HEAD_LEN && fdio_write_all(fd, head, HEAD_LEN) == 0 && fdio_write_all(fd, text, len) == 0;
	if (close(fd) < 0)
		ok = 0;
	if (!ok || rename(tmp, path) < 0) {
		unlink(tmp);
		return 0;
	}
	return HEAD_LEN + len;
}

/* ---- how much is kept ---------------------------------------------------------- */

/* Every lezer with a sight of their own (a manager of each of 342 members)
 * gets days of their own: without a bound the kept days of a national
 * proeftuin would grow to hundreds of copies of its 196 MB. At most
 * SAMEN_CACHE_MB (default 2048) is kept per database: once a process has
 * written an eighth of that since it last looked, the oldest days go
 * until three quarters remain (oldest by when they were made: reading a
 * day does not touch it, since its change time is what tells that it is
 * unchanged). A temporary file left by a crash goes after an hour. */
#define CACHE_MB 2048.0
struct kept_file {
	char *path;
	off_t size;
	struct timespec made;
};
static pthread_mutex_t g_kept_lock = PTHREAD_MUTEX_INITIALIZER;  /* g_written */
static pthread_mutex_t g_sweep_lock = PTHREAD_MUTEX_INITIALIZER; /* one sweep at a time, and what follows */
static unsigned long long g_written;
static struct kept_file *g_files;
static size_t g_nfiles, g_capfiles;
static unsigned long long g_total;
static time_t g_now;

static unsigned long long cache_limit(void)
{
	const char *v = getenv("SAMEN_CACHE_MB");
	double mb = v && v[0] ? strtod(v, NULL) : CACHE_MB;
	return (unsigned long long)((mb > 0 ? mb : CACHE_MB) * 1024.0 * 1024.0);
}

static int kept_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	const char *name = path + ftw->base;
	size_t len = strlen(name);
	if (flag != FTW_F)
		return 0;
	if (!strncmp(name, ".dag-", 5)) {
		if (g_now - sb->st_mtime > 3600)
			unlink(path);
		return 0;
	}
	if (len < 8 || strcmp(name + len - 8, ".journal"))
		return 0;
	struct kept_file *nf = grow(g_files, &g_capfiles, g_nfiles, sizeof(*g_files));
	char *copy = strdup(path);
	if (!nf || !copy) {
		free(copy);
		if (nf)
			g_files = nf;
		return 1; /* out of memory: no sweep this time */
	}
	g_files = nf;
	g_files[g_nfiles++] = (struct kept_file){ copy, sb->st_size, sb->st_mtim };
	g_total += (unsigned long long)sb->st_size;
	return 0;
}

static int oldest_first(const void *a, const void *b)
{
	const struct timespec *x = &((const struct kept_file *)a)->made, *y = &((const struct kept_file *)b)->made;
	return x->tv_sec != y->tv_sec ? (x->tv_sec < y->tv_sec ? -1 : 1) : (x->tv_nsec > y->tv_nsec) - (x->tv_nsec < y->tv_nsec);
}

/* After a request kept written bytes of new days under root. */
static void kept_bound(const char *root, unsigned long long written)
{
	unsigned long long limit = cache_limit();
	pthread_mutex_lock(&g_kept_lock);
	g_written += written;
	int due = g_written >= limit / 8;
	if (due)
		g_written = 0;
	pthread_mutex_unlock(&g_kept_lock);
	if (!due || pthread_mutex_trylock(&g_sweep_lock) != 0)
		return;
	g_nfiles = 0;
	g_total = 0;
	g_now = time(NULL);
	if (nftw(root, kept_one, 16, FTW_PHYS) == 0 && g_total > limit) {
		qsort(g_files, g_nfiles, sizeof(*g_files), oldest_first);
		for (size_t i = 0; i < g_nfiles && g_total > limit - limit / 4; i++)
			if (unlink(g_files[i].path) == 0)
				g_total -= (unsigned long long)g_files[i].size;
	}
	for (size_t i = 0; i < g_nfiles; i++)
		free(g_files[i].path);
	free(g_files);
	g_files = NULL;
	g_nfiles = g_capfiles = 0;
	pthread_mutex_unlock(&g_sweep_lock);
}

/* The days of a period with their keys, remembered per process. The
 * journal only grows, so the number of a proeftuin's transactions, kept
 * as they are posted (urenbank_journaal_stand, migration 109), is its
 * version: while it stands, the days of its periods are as they were, and
 * the GROUP BY over the period's index range (8 ms for a national month)
 * is not needed. On both engines: a count does not care in which order
 * ids commit. The version also holds the header's hash (on PostgreSQL the
 * journal table's oid) and, on SQLite, the last journal row itself: after
 * a restore the same count may come back as other transactions. */
#define PERIODS 32
struct period {
	char path[sizeof(((struct store *)0)->path)];
	long long pt, version;
	char van[16], tot[16];
	struct day *d;
	size_t n;
};
static struct period g_periods[PERIODS];
static size_t g_periods_next;
static pthread_mutex_t g_periods_lock = PTHREAD_MUTEX_INITIALIZER;

static struct period *period_find(const char *path, long long pt, long long version, const char *van, const char *tot)
{
	for (size_t i = 0; i < PERIODS; i++) {
		struct period *x = &g_periods[i];
		if (x->d && x->pt == pt && x->version == version && !strcmp(x->van, van) && !strcmp(x->tot, tot) &&
		    !strcmp(x->path, path))
			return x;
	}
	return NULL;
}

/* The days of a period as remembered: a copy into *d, or 0 (nothing). */
static size_t period_recall(struct store *s, long long pt, long long version, const char *van, const char *tot, struct day **d)
{
	size_t n = 0;
	pthread_mutex_lock(&g_periods_lock);
	struct period *x = period_find(s->path, pt, version, van, tot);
	if (x && (*d = malloc(x->n * sizeof(**d) + 1))) {
		memcpy(*d, x->d, x->n * sizeof(**d));
		n = x->n;
	}
	pthread_mutex_unlock(&g_periods_lock);
	return n;
}

static void period_remember(struct store *s, long long pt, long long version, const char *van, const char *tot,
			    const struct day *d, size_t n)
{
	struct day *copy = malloc(n * sizeof(*d) + 1);
	if (!copy)
		return;
	memcpy(copy, d, n * sizeof(*d));
	pthread_mutex_lock(&g_periods_lock);
	struct period *x = period_find(s->path, pt, version, van, tot);
	if (!x)
		x = &g_periods[g_periods_next++ % PERIODS];
	free(x->d);
	snprintf(x->path, sizeof(x->path), "%s", s->path);
	snprintf(x->van, sizeof(x->van), "%s", van);
	snprintf(x->tot, sizeof(x->tot), "%s", tot);
	x->pt = pt;
	x->version = version;
	x->d = copy;
	x->n = n;
	pthread_mutex_unlock(&g_periods_lock);
}

/* The transactions dated van … tot (NULL: all), day by day, each from its
 * kept file when that is still the day, else rendered and kept. */
static int days(struct journal *j, const char *van, const char *tot, struct emitter *e, struct problem *p)
{
	struct store *s = j->s;
	struct day *d = NULL;
	size_t n = 0, cap = 0;
	long long version = 0;
	struct db_stmt *st = NULL;
	const char *from = van ? van : "", *to = van ? tot : "";
	crypto_generichash_state h;
	unsigned char v[8];
	char what[1200];
	int k = snprintf(
		what, sizeof(what), "%lld",
		urenbank_one_int(s,
				 "SELECT coalesce((SELECT transacties FROM urenbank_journaal_stand WHERE proeftuin_id = ?), -1)",
				 "l", j->pt.id));
	crypto_generichash_init(&h, NULL, 0, sizeof(v));
	crypto_generichash_update(&h, j->head, sizeof(j->head));
	crypto_generichash_update(&h, (const unsigned char *)what, (size_t)k);
	if (db_engine(s->db) == DB_SQLITE) {
		st = db_query(s->db, "SELECT id, geboekt, datum, omschrijving FROM journaal ORDER BY id DESC LIMIT 1", NULL);
		if (db_step(st) == DB_ROW) {
			k = snprintf(what, sizeof(what), "%lld %s %s %s", db_col_int(st, 0), db_col_text(st, 1),
				     db_col_text(st, 2), db_col_text(st, 3));
			crypto_generichash_update(&h, (const unsigned char *)what, k > 0 ? (size_t)k : 0);
		}
		db_finalize(st);
		st = NULL;
	}
	crypto_generichash_final(&h, v, sizeof(v));
	memcpy(&version, v, sizeof(version));
	version |= 1; /* 0 is "not remembered" */
	n = cap = period_recall(s, j->pt.id, version, from, to, &d);
	st = n     ? NULL
	     : van ? db_query(s->db,
			      "SELECT datum, count(*), max(id), sum(id) FROM journaal WHERE proeftuin_id = ? AND datum >= ?"
			      " AND datum <= ? GROUP BY datum ORDER BY datum",
			      "ltt", j->pt.id, van, tot)
		   : db_query(s->db,
			      "SELECT datum, count(*), max(id), sum(id) FROM journaal WHERE proeftuin_id = ? GROUP BY datum"
			      " ORDER BY datum",
			      "l", j->pt.id);
	while (st && db_step(st) == DB_ROW) {
		struct day *nd = grow(d, &cap, n, sizeof(*d));
		if (!nd) {
			db_finalize(st);
			free(d);
			return problem_set(p, 500, "geen geheugen");
		}
		d = nd;
		snprintf(d[n].datum, sizeof(d[n].datum), "%s", db_col_text(st, 0));
		d[n].n = db_col_int(st, 1);
		d[n].max = db_col_int(st, 2);
		d[n].sum = db_col_int(st, 3);
		n++;
	}
	if (st) {
		db_finalize(st);
		if (version && n)
			period_remember(s, j->pt.id, version, from, to, d, n);
	}
	char dir[PATH_MAX - 32], path[PATH_MAX];
	int keep = e->keep && days_dir(j, dir, sizeof(dir)) == 0;
	unsigned long long written = 0;
	for (size_t i = 0; i < n && !e->failed; i++) {
		char key[33];
		day_key(j, &d[i], key);
		snprintf(path, sizeof(path), "%s/%s.journal", dir, d[i].datum);
		if (keep && day_read(path, key, e) == 0) {
			flush(e, 0);
			continue;
		}
		size_t at = e->b.len;
		st = db_query(s->db,
			      JOURNAL_COLS " FROM journaal j JOIN journaal_posten jp ON jp.proeftuin_id = j.proeftuin_id"
					   " AND jp.transactie_id = j.id" JOURNAL_JOINS
					   " WHERE j.proeftuin_id = ? AND j.datum = ? ORDER BY j.id, jp.regel",
			      "lt", j->pt.id, d[i].datum);
		transactions(j, st, &e->b, NULL);
		db_finalize(st);
		if (buf_failed(&e->b)) {
			e->failed = 1;
			break;
		}
		if (keep)
			written += day_write(dir, path, key, e->b.data + at, e->b.len - at);
		flush(e, 0);
	}
	free(d);
	char *up = strrchr(dir, '/'); /* <cache>/journaal/<proeftuin>-<sight> */
	if (written && up) {
		*up = '\0';
		kept_bound(dir, written);
	}
	return 0;
}

/* ---- the journal ------------------------------------------------------------------ */

/* The journal of the transactions dated van … tot, or (van NULL) all of
 * them: a header, then the days. */
static int journal_days(struct store *s, const struct actor *viewer, const char *ptc, const char *van, const char *tot,
			const struct urenbank_journal_out *out, struct problem *p)
{
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "journaal");
	struct emitter e = { out->text, out->copy, out->ctx, out->keep, { 0 }, 0 };
	buf_init(&e.b, 0);
	struct journal j;
	int r = journal_begin(s, viewer, ptc, van, tot, &e.b, &j, p);
	if (r == 0)
		r = days(&j, van, tot, &e, p);
	if (r == 0)
		flush(&e, 1);
	journal_release(&j);
	buf_release(&e.b);
	db_commit(s->db);
	if (r == 0 && e.failed)
		r = problem_set(p, 500, "Het journaal kon niet worden geschreven.");
	return r;
}

int urenbank_journal(struct store *s, const struct actor *viewer, const char *ptc, const struct urenbank_journal_out *out,
		     struct problem *p)
{
	return journal_days(s, viewer, ptc, NULL, NULL, out, p);
}

int urenbank_journal_period(struct store *s, const struct actor *viewer, const char *ptc, const char *van, const char *tot,
			    const struct urenbank_journal_out *out, struct problem *p)
{
	return journal_days(s, viewer, ptc, van, tot, out, p);
}

int urenbank_journal_page(struct store *s, const struct actor *viewer, const char *ptc, struct store_page *pg,
			  int (*emit)(void *ctx, const char *text, size_t len), void *ctx, struct problem *p)
{
	if (!pg) {
		const struct urenbank_journal_out out = { emit, NULL, ctx, 0 };
		return urenbank_journal(s, viewer, ptc, &out, p);
	}
	store_page_begin(s, pg);
	struct emitter e = { emit, NULL, ctx, 0, { 0 }, 0 };
	buf_init(&e.b, 0);
	struct journal j;
	int r = journal_begin(s, viewer, ptc, NULL, NULL, &e.b, &j, p);
	if (r == 0) {
		/* A page is a number of transactions (in the journal's order),
		 * each with all its postings: the page's transactions are chosen first. */
		struct db_stmt *st = db_query(
			s->db,
			JOURNAL_COLS " FROM (SELECT x.id FROM journaal x WHERE x.proeftuin_id = ?1 ORDER BY x.datum, x.id"
				     " LIMIT ?2 OFFSET ?3) AS t JOIN journaal j ON j.id = t.id"
				     " JOIN journaal_posten jp ON jp.proeftuin_id = ?1 AND jp.transactie_id = j.id" JOURNAL_JOINS
				     " ORDER BY j.datum, jp.transactie_id, jp.regel",
			"l" STORE_PAGE_BINDS, j.pt.id, STORE_PAGE_ARGS(pg));
		transactions(&j, st, &e.b, &e);
		db_finalize(st);
		flush(&e, 1);
	}
	journal_release(&j);
	buf_release(&e.b);
	/* The total kept as transactions are posted (migration 109), not counted. */
	store_page_end(
		s, pg,
		r == 0 ? db_query(s->db,
				  "SELECT coalesce((SELECT transacties FROM urenbank_journaal_stand WHERE proeftuin_id = ?), 0)",
				  "l", j.pt.id)
		       : NULL);
	if (r == 0 && e.failed)
		r = problem_set(p, 500, "Het journaal kon niet worden geschreven.");
	return r;
}
#undef JOURNAL_COLS
#undef JOURNAL_JOINS

int urenbank_journal_months(struct store *s, const char *ptc, json_t **out, struct problem *p)
{
	struct pt pt;
	if (urenbank_pt_load(s, ptc, &pt, p) < 0)
		return -p->status;
	if (db_begin_read(s->db) < 0)
		return store_db_problem(s, DB_ERR_BUSY, p, "journaal");
	/* The first and the last day, then each month in between: one seek in
	 * the index journaal_proeftuin each, not a pass over the journal. */
	char first[16] = "", last[16] = "";
	struct db_stmt *st = db_query(s->db, "SELECT min(datum) FROM journaal WHERE proeftuin_id = ?", "l", pt.id);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		snprintf(first, sizeof(first), "%.7s", db_col_text(st, 0));
	db_finalize(st);
	st = db_query(s->db, "SELECT max(datum) FROM journaal WHERE proeftuin_id = ?", "l", pt.id);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		snprintf(last, sizeof(last), "%.7s", db_col_text(st, 0));
	db_finalize(st);
	json_t *a = json_array();
	int y, m, y0, m0;
	if (first[0] && last[0] && sscanf(last, "%4d-%2d", &y, &m) == 2 && sscanf(first, "%4d-%2d", &y0, &m0) == 2) {
		for (int n = 0; n < 1200 && (y > y0 || (y == y0 && m >= m0)); n++) {
			char a1[16], a2[16];
			snprintf(a1, sizeof(a1), "%04d-%02d-01", y, m);
			snprintf(a2, sizeof(a2), "%04d-%02d-31", y, m);
			st = db_query(s->db,
				      "SELECT 1 FROM journaal WHERE proeftuin_id = ? AND datum >= ? AND datum <= ? LIMIT 1",
				      "ltt", pt.id, a1, a2);
			if (db_step(st) == DB_ROW)
				json_array_append_new(a, json_sprintf("%04d-%02d", y, m));
			db_finalize(st);
			if (--m == 0)
				m = 12, y--;
		}
	}
	db_commit(s->db);
	*out = a;
	return 0;
}
