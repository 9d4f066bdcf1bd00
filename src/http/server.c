#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "http/request.h"
#include "http/respond.h"
#include "http/router.h"
#include "http/server.h"
#include "store/db.h"
#include "store/gebruikers.h"

#define API_VERSION HTTP_API_VERSION

static const char *g_db_path;
static pthread_key_t g_store_key;

/* Our own limit on the request line, well below what libmicrohttpd can
 * hold (CONNECTION_MEMORY), so that a longer one is answered by us as
 * problem+json (414) rather than by libmicrohttpd's own HTML page; the
 * headers have theirs in SERVER_MAX_HEAD (431). Only a request beyond
 * CONNECTION_MEMORY still gets libmicrohttpd's page. */
#define MAX_URI 8192
#define CONNECTION_MEMORY (128u * 1024u)

static void store_destructor(void *p) { store_close(p); }

/* The calling worker thread's connection, opened on first use. */
static struct store *thread_store(struct problem *p)
{
	struct store *s = pthread_getspecific(g_store_key);
	if (s)
		return s;
	if (store_open(g_db_path, &s, p) < 0)
		return NULL;
	pthread_setspecific(g_store_key, s);
	return s;
}

static struct MHD_Response *build_response(struct response *rs, int tls, const char *path)
{
	struct MHD_Response *r;
	if (rs->body_in_file) {
		/* A large export, sent from its file; MHD closes it. */
		struct stat sb;
		if (fstat(rs->body_fd, &sb) < 0 || !(r = MHD_create_response_from_fd64((uint64_t)sb.st_size, rs->body_fd)))
			return NULL;
		rs->body_in_file = 0;
	} else {
		size_t len = rs->body.len;
		char *data = buf_detach(&rs->body);
		r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
		if (!r) {
			free(data);
			return NULL;
		}
	}
	MHD_add_response_header(r, "Content-Type", rs->content_type[0] ? rs->content_type : "text/plain; charset=utf-8");
	MHD_add_response_header(r, "API-Version", API_VERSION);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "same-origin");
	MHD_add_response_header(r, "Content-Security-Policy",
				"default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
				"object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'");
	if (tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	int has_cache = 0;
	for (int i = 0; i < rs->nheaders; i++) {
		MHD_add_response_header(r, rs->header_names[i], rs->header_values[i]);
		if (!strcasecmp(rs->header_names[i], "Cache-Control"))
			has_cache = 1;
	}
	if (!has_cache && strncmp(path, "/static/", 8))
		MHD_add_response_header(r, "Cache-Control", "no-store");
	return r;
}

static enum MHD_Result send_response(struct MHD_Connection *c, struct response *rs, int tls, const char *path)
{
	struct MHD_Response *r = build_response(rs, tls, path);
	if (!r)
		return MHD_NO;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static size_t unescape(void *cls, struct MHD_Connection *c, char *s) { return http_unescape(s); }

static void client_ip(struct MHD_Connection *c, char *out, size_t outlen)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	snprintf(out, outlen, "onbekend");
	if (!ci || !ci->client_addr)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)ci->client_addr)->sin_addr, out,
			  (socklen_t)outlen);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)ci->client_addr)->sin6_addr, out,
			  (socklen_t)outlen);
}

/* ---- settings --------------------------------------------------------- */

struct limits {
	unsigned per_address, total;
	int head_seconds, body_seconds;
	int per_account, per_anonymous;
};
static struct limits g_lim;

static int env_int(const char *name, int dflt, int lo, int hi)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return dflt;
	char *end;
	long n = strtol(v, &end, 10);
	if (*end || n < lo || n > hi) {
		fprintf(stderr, "samen: %s='%s' is geen getal van %d tot %d; ik gebruik %d\n", name, v, lo, hi, dflt);
		return dflt;
	}
	return (int)n;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- connections and their deadlines ------------------------------------
 * Each TCP connection has a track (MHD's socket context): the phase it is
 * in and since when. The watchdog shuts down a connection whose request
 * head or body is late; MHD then sees the end of the stream and closes it.
 * The track is removed when MHD reports the connection closed, which it
 * does before it closes the socket, so under g_mu the descriptor is ours. */

enum phase { PH_HEAD, PH_BODY, PH_BUSY };

struct track {
	int fd;
	enum phase phase;
	double since;
	struct track *prev, *next;
};

/* A suspended connection waiting for its time (a held answer) or its turn
 * (the limit per account). */
struct waiter {
	struct MHD_Connection *conn;
	double due; /* 0: waits for a turn */
	long long key;
	struct waiter *next;
	int hash;     /* a sign-in waiting for a hashing slot: runs when one comes free */
	double since; /* its first run */
};

static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_wake = PTHREAD_COND_INITIALIZER;
static struct track *g_tracks;
static struct waiter *g_timed;  /* held answers */
static struct waiter *g_queued; /* waiting for a turn, oldest first */
static int g_stopping;          /* the server stops: nothing is suspended any more */
static int g_suspended;         /* connections we suspended that have not run again */

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context, enum MHD_ConnectionNotificationCode code)
{
	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		struct track *t = calloc(1, sizeof(*t));
		if (!t)
			return;
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		t->fd = ci ? ci->connect_fd : -1;
		t->phase = PH_HEAD;
		t->since = now_s();
		pthread_mutex_lock(&g_mu);
		t->next = g_tracks;
		if (g_tracks)
			g_tracks->prev = t;
		g_tracks = t;
		pthread_mutex_unlock(&g_mu);
		*socket_context = t;
	} else if (*socket_context) {
		struct track *t = *socket_context;
		pthread_mutex_lock(&g_mu);
		if (t->prev)
			t->prev->next = t->next;
		else
			g_tracks = t->next;
		if (t->next)
			t->next->prev = t->prev;
		pthread_mutex_unlock(&g_mu);
		free(t);
		*socket_context = NULL;
	}
}

static void set_phase(struct MHD_Connection *c, enum phase ph)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct track *t = ci ? ci->socket_context : NULL;
	if (!t)
		return;
	pthread_mutex_lock(&g_mu);
	t->phase = ph;
	t->since = now_s();
	pthread_mutex_unlock(&g_mu);
}

/* ---- requests in progress per account ------------------------------------
 * Counted per key: the account's id, or for anonymous requests a hash of
 * the client address (negative). A small open table; two keys that land
 * on one slot share a count, which only makes the limit stricter. */

#define KEY_SLOTS 1024
static struct {
	long long key;
	int busy;
} g_keys[KEY_SLOTS];

static int key_slot(long long key)
{
	unsigned long long h = (unsigned long long)key * 0x9E3779B97F4A7C15ull;
	return (int)(h >> 54) % KEY_SLOTS;
}

static int key_limit(long long key) { return key > 0 ? g_lim.per_account : g_lim.per_anonymous; }

/* Takes a turn for key, or queues c (then the caller suspends it). Under g_mu. */
static int turn_take(long long key, struct MHD_Connection *c, struct waiter *w)
{
	int i = key_slot(key);
	if (g_keys[i].busy < key_limit(key)) {
		g_keys[i].key = key;
		g_keys[i].busy++;
		return 1;
	}
	w->conn = c;
	w->due = 0;
	w->key = key;
	w->next = NULL;
	struct waiter **q = &g_queued;
	while (*q)
		q = &(*q)->next;
	*q = w;
	return 0;
}

/* Gives key's turn back; the oldest request queued for that key gets it
 * and is resumed. */
static void turn_give(long long key)
{
	pthread_mutex_lock(&g_mu);
	int i = key_slot(key);
	if (g_keys[i].busy > 0)
		g_keys[i].busy--;
	for (struct waiter **q = &g_queued; *q; q = &(*q)->next)
		if (key_slot((*q)->key) == i && g_keys[i].busy < key_limit((*q)->key)) {
			struct waiter *w = *q;
			*q = w->next;
			g_keys[i].busy++;
			MHD_resume_connection(w->conn);
			break;
		}
	pthread_mutex_unlock(&g_mu);
}

/* A hashing slot came free (store/gebruikers.h): the sign-in that has
 * waited longest for one runs now, not at its time. One that misses the
 * slot (a new sign-in took it first) waits again; at its time it runs
 * anyway, so a wake-up lost between "all busy" and the wait costs half a
 * second, never the request. */
static void hash_slot_free(void)
{
	pthread_mutex_lock(&g_mu);
	struct waiter *oldest = NULL;
	for (struct waiter *w = g_timed; w; w = w->next)
		if (w->hash && (!oldest || w->since < oldest->since))
			oldest = w;
	if (oldest) {
		oldest->hash = 0;
		oldest->due = 0;
		pthread_cond_signal(&g_wake);
	}
	pthread_mutex_unlock(&g_mu);
}

/* ---- the watchdog -------------------------------------------------------- */

static void *watchdog(void *arg)
{
	pthread_mutex_lock(&g_mu);
	while (!g_stopping) {
		double now = now_s(), next = now + 0.25;
		for (struct track *t = g_tracks; t; t = t->next) {
			double limit = t->phase == PH_HEAD ? g_lim.head_seconds : t->phase == PH_BODY ? g_lim.body_seconds : 0;
			if (limit > 0 && now - t->since > limit && t->fd >= 0) {
				shutdown(t->fd, SHUT_RDWR);
				t->phase = PH_BUSY; /* once */
			}
		}
		for (struct waiter **q = &g_timed; *q;) {
			struct waiter *w = *q;
			if (w->due <= now) {
				*q = w->next;
				MHD_resume_connection(w->conn);
			} else {
				if (w->due < next)
					next = w->due;
				q = &w->next;
			}
		}
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		double wait = next - now_s();
		if (wait < 0.005)
			wait = 0.005;
		ts.tv_sec += (time_t)wait;
		ts.tv_nsec += (long)((wait - (double)(time_t)wait) * 1e9);
		if (ts.tv_nsec >= 1000000000L) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000L;
		}
		pthread_cond_timedwait(&g_wake, &g_mu, &ts);
	}
	/* Stopping: nobody waits any longer. */
	while (g_timed) {
		struct waiter *w = g_timed;
		g_timed = w->next;
		MHD_resume_connection(w->conn);
	}
	while (g_queued) {
		struct waiter *w = g_queued;
		g_queued = w->next;
		MHD_resume_connection(w->conn);
	}
	pthread_mutex_unlock(&g_mu);
	return NULL;
}

/* ---- one request ---------------------------------------------------------- */

struct conn_state {
	struct buf body;
	int too_large;
	int head_too_large;
	int uri_too_long;
	int started;  /* handled (the answer is sent or held) */
	int has_turn; /* holds a turn of turn_key */
	long long turn_key;
	int attempt;   /* runs so far (struct response retry_ms) */
	double first;  /* when it first ran */
	int suspended; /* counted in g_suspended */
	struct waiter wait;
	struct MHD_Response *held; /* an answer waiting for its time */
	unsigned held_status;
};

/* Suspends c (under g_mu), unless the server is stopping: 1 suspended, 0 not. */
static int suspend_locked(struct MHD_Connection *c, struct conn_state *st)
{
	if (g_stopping)
		return 0;
	MHD_suspend_connection(c);
	st->suspended = 1;
	g_suspended++;
	return 1;
}

/* A suspended connection runs again (or ends). */
static void resumed(struct conn_state *st)
{
	if (!st->suspended)
		return;
	pthread_mutex_lock(&g_mu);
	st->suspended = 0;
	g_suspended--;
	pthread_mutex_unlock(&g_mu);
}

static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static long long address_key(const char *ip)
{
	unsigned long long h = 1469598103934665603ull;
	for (const char *c = ip; *c; c++)
		h = (h ^ (unsigned char)*c) * 1099511628211ull;
	return -(long long)(h >> 2) - 1;
}

static void release_turn(struct conn_state *st)
{
	if (st->has_turn) {
		st->has_turn = 0;
		turn_give(st->turn_key);
	}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
				  const char *upload_data, size_t *upload_size, void **con_cls)
{
	int tls = *(int *)cls;
	struct conn_state *st = *con_cls;
	if (!st) {
		st = calloc(1, sizeof(*st));
		if (!st)
			return MHD_NO;
		buf_init(&st->body, HTTP_MAX_BODY);
		*con_cls = st;
		size_t uri = strlen(url);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, count_header, &uri);
		st->uri_too_long = uri > MAX_URI;
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY)
			st->too_large = 1;
		size_t head = strlen(url) + strlen(method) + 16;
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &head);
		st->head_too_large = head > SERVER_MAX_HEAD;
		set_phase(c, PH_BODY);
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large && buf_add(&st->body, upload_data, *upload_size) < 0)
			st->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	resumed(st);
	if (st->held) { /* its time has come */
		enum MHD_Result ret = MHD_queue_response(c, st->held_status, st->held);
		MHD_destroy_response(st->held);
		st->held = NULL;
		return ret;
	}
	if (st->started)
		return MHD_YES;
	set_phase(c, PH_BUSY);

	char ip[64];
	client_ip(c, ip, sizeof(ip));
	if (!st->attempt)
		st->first = now_s();
	struct request rq = { .method = method,
			      .path = url,
			      .body = buf_str(&st->body),
			      .body_len = st->body.len,
			      .client_ip = ip,
			      .tls = tls,
			      .conn = c,
			      .attempt = st->attempt,
			      .waited_ms = (long long)((now_s() - st->first) * 1000.0) };
	struct response rs = { .status = 200 };
	buf_init(&rs.body, 0);
	struct problem p;
	problem_init(&p);
	if (st->uri_too_long) {
		problem_set(&p, 414, "Het adres is langer dan %d tekens; kort de zoekvraag in.", MAX_URI);
		respond_problem(&rs, &p);
	} else if (st->head_too_large) {
		problem_set(&p, 431, "De kopregels van het verzoek zijn samen groter dan %d bytes.", SERVER_MAX_HEAD);
		respond_problem(&rs, &p);
	} else if (st->too_large) {
		problem_set(&p, 413, "De inhoud van het verzoek is groter dan %u bytes.", HTTP_MAX_BODY);
		respond_problem(&rs, &p);
	} else if (!(rq.store = thread_store(&p))) {
		respond_problem(&rs, &p);
	} else {
		if (!st->has_turn && strncmp(url, "/static/", 8)) {
			/* Whose turn: the account's, or the client address's. */
			struct request who = rq;
			long long uid = router_who(&who);
			long long key = uid > 0 ? uid : address_key(who.client_ip ? who.client_ip : ip);
			pthread_mutex_lock(&g_mu);
			int ok = turn_take(key, c, &st->wait);
			if (!ok && !suspend_locked(c, st)) {
				/* Stopping: no waiting in line; out of the queue, and on. */
				for (struct waiter **q = &g_queued; *q; q = &(*q)->next)
					if (*q == &st->wait) {
						*q = st->wait.next;
						break;
					}
				ok = 1;
				g_keys[key_slot(key)].busy++;
			}
			pthread_mutex_unlock(&g_mu);
			st->turn_key = key;
			if (!ok) {
				/* turn_give resumes us holding the turn. */
				st->has_turn = 1;
				buf_release(&rs.body);
				return MHD_YES;
			}
			st->has_turn = 1;
			/* Its turn came at once: who it is was found a moment ago (a
			 * request that waited is identified again, in case its token
			 * was revoked meanwhile). */
			if (who.token_known) {
				rq.actor = who.actor;
				rq.token_known = 1;
			}
		}
		router_dispatch(&rq, &rs);
		/* Group commit: the answer goes out once what it wrote, or read
		 * from others' writes, is on disk (store/db.h db_durable). */
		if (!rs.retry_ms && db_durable(rq.store->db) < 0) {
			resp_release(&rs);
			rs = (struct response){ .status = 200 };
			buf_init(&rs.body, 0);
			problem_init(&p);
			problem_set(&p, 503, "De wijziging kon niet veilig op schijf worden vastgelegd. Probeer het later opnieuw.");
			respond_problem(&rs, &p);
		}
	}
	release_turn(st);
	long long delay = rs.delay_ms;
	enum MHD_Result ret;
	int later = 0;
	if (rs.retry_ms > 0) {
		/* Run again later (no hashing slot free): suspended meanwhile. */
		pthread_mutex_lock(&g_mu);
		if ((later = suspend_locked(c, st))) {
			st->attempt++;
			st->wait = (struct waiter){ c, now_s() + (double)rs.retry_ms / 1000.0, 0, g_timed, rs.retry_on_hash, st->first };
			g_timed = &st->wait;
			pthread_cond_signal(&g_wake);
		}
		pthread_mutex_unlock(&g_mu);
		ret = MHD_YES;
	} else if (delay > 0) {
		/* Held without holding the worker: suspended until the watchdog resumes it. */
		struct MHD_Response *held = build_response(&rs, tls, url);
		pthread_mutex_lock(&g_mu);
		if (held && (later = suspend_locked(c, st))) {
			st->held = held;
			st->held_status = (unsigned)rs.status;
			st->wait = (struct waiter){ c, now_s() + (double)delay / 1000.0, 0, g_timed };
			g_timed = &st->wait;
			pthread_cond_signal(&g_wake);
		}
		pthread_mutex_unlock(&g_mu);
		if (later) {
			st->started = 1;
			ret = MHD_YES;
		} else if (held) {
			st->started = 1;
			ret = MHD_queue_response(c, (unsigned)rs.status, held);
			MHD_destroy_response(held);
		} else {
			ret = MHD_NO;
		}
		later = 1; /* answered or held: not again below */
	}
	if (later) {
		/* done above */
	} else {
		st->started = 1;
		ret = send_response(c, &rs, tls, url);
	}
	resp_release(&rs);
	for (int i = 0; i < rq.nparams; i++)
		free(rq.param_values[i]);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	struct conn_state *st = *con_cls;
	if (!st)
		return;
	resumed(st);
	release_turn(st);
	if (st->held)
		MHD_destroy_response(st->held);
	buf_release(&st->body);
	free(st);
	*con_cls = NULL;
	/* Kept alive: the next request's head has its own deadline. */
	set_phase(c, PH_HEAD);
}

/* Stops the watchdog, which resumes whatever waits, and waits (up to
 * some seconds) until every suspended connection has run again: MHD may
 * not be stopped with one still suspended. */
static void stop_watchdog(pthread_t dog)
{
	gebruikers_on_hash_free(NULL);
	pthread_mutex_lock(&g_mu);
	g_stopping = 1;
	pthread_cond_signal(&g_wake);
	pthread_mutex_unlock(&g_mu);
	pthread_join(dog, NULL);
	for (int i = 0; i < 1000; i++) {
		pthread_mutex_lock(&g_mu);
		int left = g_suspended;
		pthread_mutex_unlock(&g_mu);
		if (!left)
			break;
		struct timespec ts = { 0, 10 * 1000000L };
		nanosleep(&ts, NULL);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	struct buf b;
	buf_init(&b, 1024 * 1024);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	if (buf_failed(&b)) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b);
}

int server_run(const struct server_config *cfg)
{
	g_db_path = cfg->db_path;
	pthread_key_create(&g_store_key, store_destructor);

	struct sockaddr_in sa4;
	struct sockaddr_in6 sa6;
	struct sockaddr *sa;
	int v6 = strchr(cfg->bind, ':') != NULL;
	memset(&sa4, 0, sizeof(sa4));
	memset(&sa6, 0, sizeof(sa6));
	if (v6) {
		sa6.sin6_family = AF_INET6;
		sa6.sin6_port = htons((uint16_t)cfg->port);
		if (inet_pton(AF_INET6, cfg->bind, &sa6.sin6_addr) != 1)
			goto bad_bind;
		sa = (struct sockaddr *)&sa6;
	} else {
		sa4.sin_family = AF_INET;
		sa4.sin_port = htons((uint16_t)cfg->port);
		if (inet_pton(AF_INET, cfg->bind, &sa4.sin_addr) != 1)
			goto bad_bind;
		sa = (struct sockaddr *)&sa4;
	}

	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int threads = cfg->threads > 0 ? cfg->threads : db_worker_threads(cfg->db_path, ncpu);

	/* As many connections as the descriptors allow, less a reserve for the
	 * database files and the workers. */
	struct rlimit rl;
	unsigned total = 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		if (rl.rlim_cur < rl.rlim_max) {
			rl.rlim_cur = rl.rlim_max > 65536 ? 65536 : rl.rlim_max;
			setrlimit(RLIMIT_NOFILE, &rl);
			getrlimit(RLIMIT_NOFILE, &rl);
		}
		long long room = (long long)rl.rlim_cur - 64 - 4LL * threads;
		total = room < 16 ? 16 : room > 10000 ? 10000 : (unsigned)room;
	}
	const char *proxy = getenv("SAMEN_PROXY");
	g_lim.total = (unsigned)env_int("SAMEN_MAX_VERBINDINGEN", (int)total, 1, (int)total);
	g_lim.per_address = (unsigned)env_int("SAMEN_MAX_PER_ADRES", 64, 1, 100000);
	if (proxy && proxy[0])
		g_lim.per_address = 0; /* one address: the proxy's; nginx limits per client (limit_conn) */
	g_lim.head_seconds = env_int("SAMEN_KOP_SECONDEN", 10, 1, 3600);
	g_lim.body_seconds = env_int("SAMEN_INHOUD_SECONDEN", 30, 1, 3600);
	/* One account keeps at most half the cores busy, so that it cannot
	 * take the processor from everyone else; anonymous requests count per
	 * client address. */
	int half = ncpu > 1 ? (int)(ncpu / 2) : 1;
	g_lim.per_account = env_int("SAMEN_MAX_PER_ACCOUNT", half, 1, 1024);
	g_lim.per_anonymous = g_lim.per_account * 2;
	/* Concurrent writers share one fsync (store/db.h); SAMEN_GROEPSCOMMIT=0
	 * makes every commit wait for its own, as the benchmark compares. */
	db_group_commit(env_int("SAMEN_GROEPSCOMMIT", 1, 0, 1));

	static int tls_flag;
	tls_flag = cfg->cert != NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME;
	char *cert = NULL, *key = NULL;
	if (cfg->cert) {
		cert = slurp(cfg->cert);
		key = cfg->key ? slurp(cfg->key) : NULL;
		if (!cert || !key) {
			fprintf(stderr, "samen: kan certificaat '%s' of sleutel '%s' niet lezen\n", cfg->cert,
				cfg->key ? cfg->key : "(geen --key)");
			free(cert);
			free(key);
			return 1;
		}
		flags |= MHD_USE_TLS;
	}
	/* MHD's own timeout restarts with every byte; it only ends idle
	 * connections. The deadlines for a request are the watchdog's. */
	struct MHD_OptionItem opts[] = {
		{ MHD_OPTION_SOCK_ADDR, 0, sa },
		{ MHD_OPTION_THREAD_POOL_SIZE, (intptr_t)threads, NULL },
		{ MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)on_completed, NULL },
		{ MHD_OPTION_NOTIFY_CONNECTION, (intptr_t)on_connection, NULL },
		{ MHD_OPTION_CONNECTION_TIMEOUT, 60, NULL },
		{ MHD_OPTION_CONNECTION_LIMIT, (intptr_t)g_lim.total, NULL },
		{ MHD_OPTION_PER_IP_CONNECTION_LIMIT, (intptr_t)g_lim.per_address, NULL },
		{ MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)CONNECTION_MEMORY, NULL },
		{ MHD_OPTION_UNESCAPE_CALLBACK, (intptr_t)unescape, NULL },
		{ cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, 0, cert },
		{ cert ? MHD_OPTION_HTTPS_MEM_KEY : MHD_OPTION_END, 0, key },
		{ MHD_OPTION_END, 0, NULL },
	};
	pthread_t dog;
	g_stopping = 0;
	gebruikers_on_hash_free(hash_slot_free);
	if (pthread_create(&dog, NULL, watchdog, NULL)) {
		fprintf(stderr, "samen: kan de bewaker van de verbindingen niet starten\n");
		free(cert);
		free(key);
		return 1;
	}
	struct MHD_Daemon *d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, &tls_flag, MHD_OPTION_ARRAY,
						opts, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "samen: kan niet luisteren op %s poort %d (bezet of geen rechten?)\n", cfg->bind, cfg->port);
		stop_watchdog(dog);
		free(cert);
		free(key);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	int port = di ? di->port : cfg->port;
	printf("samen luistert op %s://%s%s%s:%d\n", cert ? "https" : "http", v6 ? "[" : "", cfg->bind, v6 ? "]" : "", port);
	fflush(stdout);

	int sig;
	sigwait(&sigs, &sig);
	unsigned long long writes = 0, commits = 0, syncs = 0;
	db_group_commit_stats(&writes, &commits, &syncs);
	if (syncs)
		printf("samen stopt (%llu schrijftransacties in %llu commits, op schijf gezet in %llu keer)\n", writes, commits, syncs);
	else
		printf("samen stopt\n");
	fflush(stdout);
	/* Nobody may stay suspended when the daemon stops. */
	MHD_quiesce_daemon(d);
	stop_watchdog(dog);
	MHD_stop_daemon(d);
	free(cert);
	free(key);
	return 0;

bad_bind:
	fprintf(stderr, "samen: ongeldig adres voor --bind: '%s'\n", cfg->bind);
	return 2;
}
