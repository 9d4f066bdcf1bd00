/* bench/http/bare — the limit for bench/http/run: a bare libmicrohttpd
 * server with samen serve's thread model (an internal polling thread,
 * epoll, a thread pool of the same size: 4 per core, at least 8, at most
 * 64, or --threads N) that answers every request with the fixed body "ok".
 * Prints "bare luistert op http://127.0.0.1:PORT" and runs until SIGTERM.
 *
 *   bare [--port N] [--threads N] */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct MHD_Response *ok;

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method, const char *version,
				  const char *data, size_t *size, void **state)
{
	(void)cls, (void)url, (void)method, (void)version, (void)data, (void)size;
	if (!*state) { /* the headers: answer on the second call, as MHD asks */
		*state = c;
		return MHD_YES;
	}
	return MHD_queue_response(c, MHD_HTTP_OK, ok);
}

int main(int argc, char **argv)
{
	int port = 0, threads = 0;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--port"))
			port = (int)strtol(argv[i + 1], NULL, 10);
		else if (!strcmp(argv[i], "--threads"))
			threads = (int)strtol(argv[i + 1], NULL, 10);
	}
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (threads <= 0) { /* as src/http/server.c */
		threads = (int)(ncpu > 0 ? 4 * ncpu : 8);
		if (threads < 8)
			threads = 8;
		if (threads > 64)
			threads = 64;
	}
	sigset_t sigs;
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);
	ok = MHD_create_response_from_buffer(2, (void *)"ok", MHD_RESPMEM_PERSISTENT);
	MHD_add_response_header(ok, "Content-Type", "text/plain; charset=utf-8");
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK); /* like samen serve: only this machine */
	struct MHD_Daemon *d =
		MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
				 on_request, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE,
				 (unsigned)threads, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "bare: kan niet luisteren op poort %d\n", port);
		return 1;
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	printf("bare luistert op http://127.0.0.1:%d (%d threads)\n", di ? di->port : port, threads);
	fflush(stdout);
	int sig;
	sigwait(&sigs, &sig);
	MHD_stop_daemon(d);
	MHD_destroy_response(ok);
	return 0;
}
