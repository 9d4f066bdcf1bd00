/* server.h — the HTTP server: libmicrohttpd with a pool of worker threads
 * (more than one per core: the work waits on the database as much as on
 * the processor), each thread with its own database connection.
 *
 * What keeps one client from taking the server (docs/beveiliging.md,
 * "Verbindingen"):
 *  - a limit on connections per client address and in total (sized to the
 *    file descriptors the process may open);
 *  - a deadline for the complete request head, counted from the moment the
 *    connection waits for a request and not reset by each byte that
 *    trickles in, and one for the body; a watchdog closes what misses it;
 *  - 431 for a request head larger than SERVER_MAX_HEAD;
 *  - per account (or, anonymous, per client address) a limit on requests
 *    in progress: more of them wait, suspended, without holding a worker;
 *  - a response that must wait (a failed sign-in, struct response
 *    delay_ms) is held by a suspended connection, not a sleeping worker.
 *
 * Settings from the environment (integers; defaults in server.c):
 * SAMEN_MAX_PER_ADRES, SAMEN_MAX_VERBINDINGEN, SAMEN_KOP_SECONDEN,
 * SAMEN_INHOUD_SECONDEN, SAMEN_MAX_PER_ACCOUNT. Behind the trusted proxy
 * of SAMEN_PROXY every connection comes from one address: the limit per
 * address is then the proxy's job (nginx limit_conn). */
#ifndef SAMEN_HTTP_SERVER_H
#define SAMEN_HTTP_SERVER_H

#define SERVER_MAX_HEAD (16 * 1024) /* bytes of request line and headers; more gets 431 */

struct server_config {
	const char *db_path;
	const char *bind; /* "127.0.0.1" unless widened with --bind */
	int port;         /* 0: an ephemeral port */
	int threads;      /* 0: four per core, at least 8, at most 64 */
	const char *cert; /* PEM files for TLS, or NULL */
	const char *key;
};

/* Serves until SIGINT or SIGTERM. Prints "samen luistert op http://…" once
 * connections are accepted. Returns 0 on a clean stop, 1 on failure. */
int server_run(const struct server_config *cfg);

#endif
