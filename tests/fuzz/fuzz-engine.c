/* fuzz-engine: every field a guest controls, from the frame's bytes through
 * the decoder (guestmsg.c, jsonraw.c, url.c) into the decision engine
 * (policydecide.c), with the engine's promises checked as invariants: an
 * allowed or asked filesystem path is a clean path beneath its mount, and an
 * allowed or asked URL matches its rule and stays inside the rule's path
 * prefix as a server that percent-decodes and removes dot segments would
 * route it. A violated promise aborts, which libFuzzer reports.
 * Runs in: libFuzzer (-Dfuzzing=true, with the supervisor library itself
 * instrumented), or tests/fuzz/replay.c over the committed corpus.
 * Input: arbitrary bytes: the first selects how the rest is used. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guestmsg.h"
#include "jsonraw.h"
#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Mounts of every kind and ask mode; rules with and without a prefix. */
static const char policy_text[] =
        "{\"version\":1,\"filesystem\":{\"mounts\":["
        "{\"path\":\"/data\",\"type\":\"host\",\"source\":\"/nonexistent/data\",\"mode\":\"ro\",\"ask\":\"always\"},"
        "{\"path\":\"/w\",\"type\":\"host\",\"source\":\"/nonexistent/w\",\"mode\":\"rw\",\"ask\":\"writes\","
        "\"max_bytes\":\"1MiB\",\"max_files\":10},"
        "{\"path\":\"/s\",\"type\":\"scratch\"}]},"
        "\"network\":{\"allow\":["
        "{\"host\":\"api.example.com\",\"path_prefix\":\"/v1\",\"ask\":true,\"methods\":[\"GET\",\"POST\"]},"
        "{\"scheme\":\"http\",\"host\":\"*.example.org\",\"port\":8080},"
        "{\"scheme\":\"http\",\"host\":\"10.0.0.0/8\",\"allow_private\":true,\"path_prefix\":\"/x/\"}]}}";

static struct policy *the_policy(void)
{
	static struct policy *p;
	if (!p) {
		struct policy_diag d;
		policy_diag_init(&d);
		if (policy_load_buffer("fuzz.jsonc", policy_text, strlen(policy_text), &p, &d) < 0) {
			fprintf(stderr, "fuzz-engine: the built-in policy does not load: %s\n", d.n ? d.msg[0] : "?");
			abort();
		}
		policy_diag_free(&d);
	}
	return p;
}

#define CHECK(c)                                                                                                       \
	do {                                                                                                           \
		if (!(c)) {                                                                                            \
			fprintf(stderr, "fuzz-engine: invariant failed: %s (line %d)\n", #c, __LINE__);                \
			abort();                                                                                       \
		}                                                                                                      \
	} while (0)

static void check_fs(const struct policy *p, const char *path, bool write)
{
	struct policy_fs_decision d;
	enum policy_verdict v = policy_fs_decide(p, path, write, &d);
	CHECK(v == d.verdict);
	if (v == POLICY_DENY) {
		CHECK(d.deny.name[0] && d.deny.message[0]);
		return;
	}
	const struct policy_mount *m = d.mount;
	CHECK(m && m == &policy_fs(p)->mounts[d.mount_index]);
	CHECK(!write || m->writable || m->type == POLICY_MOUNT_SCRATCH);
	CHECK((v == POLICY_ASK) == (m->ask == POLICY_ASK_ALWAYS || (m->ask == POLICY_ASK_WRITES && write)));
	/* rel: no leading '/', no empty, "." or ".." component, no control byte */
	const char *r = d.rel;
	CHECK(r[0] != '/');
	for (const char *s = r; *s; s++)
		CHECK((unsigned char)*s >= 0x20 && *s != 0x7f);
	const char *seg = r;
	while (*seg) {
		size_t k = strcspn(seg, "/");
		CHECK(k > 0);
		CHECK(!(k == 1 && seg[0] == '.') && !(k == 2 && seg[0] == '.' && seg[1] == '.'));
		seg += k;
		if (*seg == '/') {
			seg++;
			CHECK(*seg);
		}
	}
	/* vpath = the mount's path, then "/" rel */
	size_t ml = strlen(m->path);
	CHECK(strncmp(d.vpath, m->path, ml) == 0);
	CHECK(r[0] ? (d.vpath[ml] == '/' && strcmp(d.vpath + ml + 1, r) == 0) : d.vpath[ml] == '\0');
	/* no other mount holds the path more closely */
	for (size_t i = 0; i < policy_fs(p)->n_mounts; i++) {
		const struct policy_mount *o = &policy_fs(p)->mounts[i];
		size_t ol = strlen(o->path);
		if (ol > ml && strncmp(d.vpath, o->path, ol) == 0 && (d.vpath[ol] == '/' || !d.vpath[ol]))
			CHECK(0);
	}
}

static int hexv(char c)
{
	return c >= '0' && c <= '9'   ? c - '0'
	       : c >= 'a' && c <= 'f' ? c - 'a' + 10
	       : c >= 'A' && c <= 'F' ? c - 'A' + 10
	                              : -1;
}

/* The path as a decoding server routes it: percent-decoded twice,
 * backslashes as slashes, dot segments removed. */
static void route(const char *in, size_t n, char *out, size_t cap)
{
	char a[URL_MAX * 2 + 2], b[URL_MAX * 2 + 2];
	size_t k = 0;
	snprintf(a, sizeof(a), "%.*s", (int)n, in);
	for (int round = 0; round < 2; round++) {
		k = 0;
		for (size_t i = 0; a[i] && k + 1 < sizeof(b); i++) {
			if (a[i] == '%' && hexv(a[i + 1]) >= 0 && hexv(a[i + 2]) >= 0) {
				b[k++] = (char)(hexv(a[i + 1]) * 16 + hexv(a[i + 2]));
				i += 2;
			} else {
				b[k++] = a[i] == '\\' ? '/' : a[i];
			}
		}
		b[k] = '\0';
		memcpy(a, b, k + 1);
	}
	/* remove dot segments */
	size_t o = 0;
	const char *s = a;
	while (*s) {
		while (*s == '/')
			s++;
		size_t l = strcspn(s, "/");
		if (l == 0)
			break;
		if (l == 2 && s[0] == '.' && s[1] == '.') {
			while (o > 0 && out[o - 1] != '/')
				o--;
			if (o > 0)
				o--;
		} else if (!(l == 1 && s[0] == '.') && o + l + 2 < cap) {
			out[o++] = '/';
			memcpy(out + o, s, l);
			o += l;
		}
		s += l;
	}
	if (o == 0)
		out[o++] = '/';
	out[o] = '\0';
}

static void check_net(const struct policy *p, const struct url *u, const char *method)
{
	struct policy_net_decision d;
	enum policy_verdict v = policy_net_decide(p, u, method, "fetch", &d);
	CHECK(v == d.verdict);
	if (v == POLICY_DENY) {
		CHECK(d.deny.name[0] && d.deny.message[0]);
		return;
	}
	const struct policy_net_rule *r = d.net_rule;
	CHECK(r);
	CHECK(strcmp(r->scheme, u->scheme) == 0 && r->port == u->port);
	CHECK(r->methods & policy_method_bit(method));
	CHECK((v == POLICY_ASK) == r->ask);
	if (strcmp(r->path_prefix, "/") != 0) {
		size_t n;
		const char *path = url_path_only(u, &n);
		char routed[URL_MAX * 2 + 2];
		route(path, n, routed, sizeof(routed));
		size_t pl = strlen(r->path_prefix);
		/* "/x/" routes as "/x" when nothing follows */
		size_t cmp = r->path_prefix[pl - 1] == '/' ? pl - 1 : pl;
		CHECK(strncmp(routed, r->path_prefix, cmp) == 0 && (routed[cmp] == '/' || routed[cmp] == '\0'));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const struct policy *p = the_policy();
	uint8_t mode = data[0];
	data++;
	size--;
	if (mode & 1) {
		/* Raw JSON text: scanner and printer must not fail on anything. */
		if (jsonraw_valid((const char *)data, size)) {
			char *s = jsonraw_pretty((const char *)data, size);
			CHECK(s != NULL);
			CHECK(jsonraw_valid(s, strlen(s)) || memchr(data, '\0', size));
			free(s);
		}
		return 0;
	}
	struct guest_msg m;
	char err[256];
	if (guestmsg_parse(data, size, &m, err, sizeof(err)) < 0)
		return 0;
	if (m.type == MSG_FS && !m.bad.name[0]) {
		bool w = guestmsg_fs_op_writes(m.fs.op);
		check_fs(p, m.fs.path, w);
		if (m.fs.new_path)
			check_fs(p, m.fs.new_path, true);
	} else if (m.type == MSG_FETCH && !m.bad.name[0]) {
		check_net(p, &m.fetch.url, m.fetch.method);
	}
	guestmsg_free(&m);
	return 0;
}
