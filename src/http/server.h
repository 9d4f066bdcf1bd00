/* server.h — the HTTP server: libmicrohttpd with a thread pool (one thread
 * per core), each thread with its own database connection. */
#ifndef SAMEN_HTTP_SERVER_H
#define SAMEN_HTTP_SERVER_H

struct server_config {
	const char *db_path;
	const char *bind; /* "127.0.0.1" unless widened with --bind */
	int port;         /* 0: an ephemeral port */
	int threads;      /* 0: the number of cores */
	const char *cert; /* PEM files for TLS, or NULL */
	const char *key;
};

/* Serves until SIGINT or SIGTERM. Prints "samen luistert op http://…" once
 * connections are accepted. Returns 0 on a clean stop, 1 on failure. */
int server_run(const struct server_config *cfg);

#endif
