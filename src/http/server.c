#include <arpa/inet.h>
#include <microhttpd.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "http/request.h"
#include "http/respond.h"
#include "http/router.h"
#include "http/server.h"

#define API_VERSION HTTP_API_VERSION

static const char *g_db_path;
static pthread_key_t g_store_key;

struct conn_state {
	struct buf body;
	int too_large;
	int too_long; /* 414 or 431: refused as problem+json (request_too_long) */
	int started;
};

/* Our own limits on the request line and the headers, well below what
 * libmicrohttpd can hold (CONNECTION_MEMORY), so that a request over them
 * is answered by us as problem+json rather than by libmicrohttpd's own
 * HTML page. Only a request beyond CONNECTION_MEMORY still gets that. */
#define MAX_URI 8192
#define MAX_HEADERS 16384
#define CONNECTION_MEMORY (256u * 1024u)

static enum MHD_Result add_length(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	*(size_t *)cls += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

static int request_too_long(struct MHD_Connection *c, const char *url)
{
	size_t uri = strlen(url), headers = 0;
	MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_length, &uri);
	MHD_get_connection_values(c, MHD_HEADER_KIND, add_length, &headers);
	return uri > MAX_URI ? 414 : headers > MAX_HEADERS ? 431 : 0;
}

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

static enum MHD_Result send_response(struct MHD_Connection *c, struct response *rs, int tls, const char *path)
{
	size_t len = rs->body.len;
	char *data = buf_detach(&rs->body);
	struct MHD_Response *r = MHD_create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(data);
		return MHD_NO;
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
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* URL-decodes s in place for the path and the query values, as MHD would,
 * except "%00": decoded, it would end the C string, and
 * /organisaties/GM0148%00x would be answered as /organisaties/GM0148. It is
 * left as it is, so such a path or value simply names nothing. */
static size_t unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *w = s;
	for (const char *r = s; *r;) {
		int hi, lo;
		if (r[0] == '%' && (hi = hex_value(r[1])) >= 0 && (lo = hex_value(r[2])) >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

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
		st->too_long = request_too_long(c, url);
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > HTTP_MAX_BODY)
			st->too_large = 1;
		return MHD_YES;
	}
	if (*upload_size) {
		if (!st->too_large && buf_add(&st->body, upload_data, *upload_size) < 0)
			st->too_large = 1;
		*upload_size = 0;
		return MHD_YES;
	}
	if (st->started)
		return MHD_YES;
	st->started = 1;

	char ip[64];
	client_ip(c, ip, sizeof(ip));
	struct request rq = { .method = method,
			      .path = url,
			      .body = buf_str(&st->body),
			      .body_len = st->body.len,
			      .client_ip = ip,
			      .tls = tls,
			      .conn = c };
	struct response rs = { .status = 200 };
	buf_init(&rs.body, 0);
	struct problem p;
	problem_init(&p);
	if (st->too_long) {
		problem_set(&p, st->too_long,
			    st->too_long == 414 ? "Het adres is langer dan %d tekens; kort de zoekvraag in."
						: "De kopregels zijn samen groter dan %d bytes.",
			    st->too_long == 414 ? MAX_URI : MAX_HEADERS);
		respond_problem(&rs, &p);
	} else if (st->too_large) {
		problem_set(&p, 413, "De inhoud van het verzoek is groter dan %u bytes.", HTTP_MAX_BODY);
		respond_problem(&rs, &p);
	} else if (!(rq.store = thread_store(&p))) {
		respond_problem(&rs, &p);
	} else {
		router_dispatch(&rq, &rs);
	}
	enum MHD_Result ret = send_response(c, &rs, tls, url);
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
	buf_release(&st->body);
	free(st);
	*con_cls = NULL;
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

	int threads = cfg->threads > 0 ? cfg->threads : (int)sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	static int tls_flag;
	tls_flag = cfg->cert != NULL;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
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
	struct MHD_Daemon *d;
	if (cert)
		d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, &tls_flag, MHD_OPTION_SOCK_ADDR, sa,
				     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
				     NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
				     (size_t)CONNECTION_MEMORY, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL,
				     MHD_OPTION_HTTPS_MEM_CERT, cert, MHD_OPTION_HTTPS_MEM_KEY, key, MHD_OPTION_END);
	else
		d = MHD_start_daemon(flags, (uint16_t)cfg->port, NULL, NULL, on_request, &tls_flag, MHD_OPTION_SOCK_ADDR, sa,
				     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_NOTIFY_COMPLETED, on_completed,
				     NULL, MHD_OPTION_CONNECTION_TIMEOUT, 60u, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
				     (size_t)CONNECTION_MEMORY, MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "samen: kan niet luisteren op %s poort %d (bezet of geen rechten?)\n", cfg->bind, cfg->port);
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
	printf("samen stopt\n");
	fflush(stdout);
	MHD_stop_daemon(d);
	free(cert);
	free(key);
	return 0;

bad_bind:
	fprintf(stderr, "samen: ongeldig adres voor --bind: '%s'\n", cfg->bind);
	return 2;
}
