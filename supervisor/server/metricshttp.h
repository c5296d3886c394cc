/* metricshttp: the server's Prometheus endpoint over HTTP (GET /metrics),
 * served by libmicrohttpd inside the server's own poll loop: no thread, the
 * library's epoll descriptor is one more entry in the loop's poll set and
 * the page is rendered by the server when a request arrives.
 * Runs in: server (S). Input: HTTP requests from whoever reaches the
 * address (untrusted; parsed by libmicrohttpd, never by us). Every request
 * but GET or HEAD of /metrics is refused; connections, their memory and
 * their idle time are bounded (METRICSHTTP_* below).
 *
 * libmicrohttpd is loaded with dlopen when an endpoint is started, so
 * `codecell run` and a server without --metrics never map it (or the TLS
 * libraries it links). */
#pragma once

#include <stddef.h>
#include <sys/socket.h>

/* A scraper needs one connection; a few more cover a human with curl. */
#define METRICSHTTP_MAX_CONNS 16
/* An idle connection is closed after this long. */
#define METRICSHTTP_IDLE_TIMEOUT_S 10
/* Per-connection memory for the request's headers: a GET's are small. */
#define METRICSHTTP_CONN_MEMORY (32u * 1024u)
struct metricshttp;

/* The page: a malloc'd NUL-terminated text, or NULL (answered 500). */
typedef char *(*metricshttp_render_fn)(void *ctx);

/* Parses "HOST:PORT", "[IPV6]:PORT" or "PORT" (HOST numeric; none means
 * 127.0.0.1, the endpoint's safe default; a PORT of 0 lets the kernel
 * choose). Returns 0 or -EINVAL. */
int metricshttp_parse_addr(const char *s, struct sockaddr_storage *ss, socklen_t *len);

/* Binds addr (from metricshttp_parse_addr) and starts serving. Returns 0,
 * or -errno with a message in err (the port in use, libmicrohttpd
 * missing). */
int metricshttp_start(const struct sockaddr_storage *addr, socklen_t addr_len, metricshttp_render_fn render, void *ctx,
                      struct metricshttp **out, char *err, size_t errlen);
/* The address bound, as "HOST:PORT" (the kernel's port when 0 was given). */
const char *metricshttp_bound(const struct metricshttp *m);
/* The descriptor to poll for POLLIN; then call metricshttp_run. */
int metricshttp_fd(const struct metricshttp *m);
/* Serves what is ready (and expires idle connections). Never blocks. */
void metricshttp_run(struct metricshttp *m);
/* Milliseconds until metricshttp_run must be called even without input,
 * or -1 for no such deadline. */
int metricshttp_timeout_ms(const struct metricshttp *m);
void metricshttp_stop(struct metricshttp *m);
