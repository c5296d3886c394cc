/* broker: see broker.h. */
#include "broker.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fetch.h"
#include "fsops.h"
#include "url.h"

struct broker {
	const struct policy *policy;
	struct fsops *fs;       /* NULL: no mounts */
	struct fetcher *net;    /* NULL: no network rules */
	bool fs_asks, net_asks; /* any rule can answer "ask" */
	/* storage the configs point into, alive as long as the broker */
	struct fsops_mount mounts[FSOPS_MAX_MOUNTS];
	struct fetch_rule *rules;
	const char **methods; /* per rule: up to 7 method names */
	char **hosts;
	struct fetch_secret *secrets;
};

static const char *const method_names[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
#define N_METHODS (sizeof(method_names) / sizeof(method_names[0]))

static int make_fs(struct broker *b, const struct limits *l, const char *workspace, char *err, size_t errlen)
{
	const struct policy_fs *pf = policy_fs(b->policy);
	if (pf->n_mounts == 0)
		return 0;
	if (pf->n_mounts > FSOPS_MAX_MOUNTS) {
		snprintf(err, errlen, "more than %d mounts", FSOPS_MAX_MOUNTS);
		return -EINVAL;
	}
	size_t n = 0;
	for (size_t i = 0; i < pf->n_mounts; i++) {
		const struct policy_mount *m = &pf->mounts[i];
		if (m->ask != POLICY_ASK_NEVER)
			b->fs_asks = true;
		/* A workspace the host did not name is simply absent: its
		 * requests fail with "no mount" rather than the run failing. */
		if (m->type == POLICY_MOUNT_WORKSPACE && !workspace)
			continue;
		b->mounts[n++] = (struct fsops_mount){
		        .vpath = m->path,
		        .kind = m->type == POLICY_MOUNT_SCRATCH ? FSOPS_MOUNT_SCRATCH
		                : m->type == POLICY_MOUNT_HOST  ? FSOPS_MOUNT_HOST
		                                                : FSOPS_MOUNT_WORKSPACE,
		        .host_path = m->type == POLICY_MOUNT_WORKSPACE ? workspace : m->source,
		        .writable = m->writable || m->type == POLICY_MOUNT_SCRATCH,
		        .max_bytes = m->max_bytes,
		        .max_files = m->max_files,
		        .rule = m->rule,
		};
	}
	uint64_t rl = fsops_read_limit(l->max_frame);
	struct fsops_config cfg = {
	        .mounts = b->mounts,
	        .n_mounts = n,
	        .max_read_bytes = pf->max_file_bytes && pf->max_file_bytes < rl ? pf->max_file_bytes : rl,
	};
	b->fs = fsops_create(&cfg, err, errlen);
	return b->fs ? 0 : -EIO;
}

static int make_net(struct broker *b, const struct limits *l, char *err, size_t errlen)
{
	const struct policy_net *pn = policy_net(b->policy);
	if (pn->n_rules == 0)
		return 0;
	b->rules = calloc(pn->n_rules, sizeof(*b->rules));
	b->methods = calloc(pn->n_rules * N_METHODS, sizeof(*b->methods));
	b->hosts = calloc(pn->n_rules, sizeof(*b->hosts));
	b->secrets = calloc(pn->n_creds ? pn->n_creds : 1, sizeof(*b->secrets));
	if (!b->rules || !b->methods || !b->hosts || !b->secrets)
		return -ENOMEM;
	for (size_t i = 0; i < pn->n_rules; i++) {
		const struct policy_net_rule *r = &pn->rules[i];
		if (r->ask)
			b->net_asks = true;
		/* fetch spells a suffix rule "*.example.com"; policy stores
		 * ".example.com". */
		if (r->host_kind == POLICY_HOST_SUFFIX) {
			size_t hl = strlen(r->host) + 2;
			b->hosts[i] = malloc(hl);
			if (!b->hosts[i])
				return -ENOMEM;
			snprintf(b->hosts[i], hl, "*%s", r->host);
		}
		const char **ms = b->methods + i * N_METHODS;
		size_t nm = 0;
		for (size_t k = 0; k < N_METHODS; k++)
			if (r->methods & policy_method_bit(method_names[k]))
				ms[nm++] = method_names[k];
		b->rules[i] = (struct fetch_rule){
		        .rule = r->rule,
		        .scheme = r->scheme,
		        .host = b->hosts[i] ? b->hosts[i] : r->host,
		        .port = r->port,
		        .methods = ms,
		        .n_methods = nm,
		        .path_prefix = r->path_prefix,
		        .allow_private = r->allow_private,
		};
	}
	for (size_t i = 0; i < pn->n_creds; i++) {
		const struct policy_cred *c = &pn->creds[i];
		b->secrets[i] = (struct fetch_secret){
		        .host = c->host,
		        .header = c->header,
		        .prefix = c->prefix,
		        .value_file = c->file,
		        .value_env = c->env,
		        .rule = c->rule,
		};
	}
	/* In the policy 0 redirects means none; fetch reads 0 as "default"
	 * and spells none FETCH_NO_REDIRECTS. */
	struct fetch_config cfg = {
	        .rules = b->rules,
	        .n_rules = pn->n_rules,
	        .secrets = b->secrets,
	        .n_secrets = pn->n_creds,
	        .max_frame = l->max_frame,
	        .max_request_bytes = pn->max_request_bytes,
	        .max_response_bytes = pn->max_response_bytes,
	        .timeout_ms = pn->timeout_ms,
	        .max_redirects = pn->max_redirects ? (unsigned)pn->max_redirects : FETCH_NO_REDIRECTS,
	};
	b->net = fetcher_create(&cfg, err, errlen);
	return b->net ? 0 : -EIO;
}

int broker_create(const struct policy *p, const struct limits *l, const char *workspace, struct broker **out, char *err,
                  size_t errlen)
{
	struct broker *b = calloc(1, sizeof(*b));
	if (!b)
		return -ENOMEM;
	b->policy = p;
	int e = make_fs(b, l, workspace, err, errlen);
	if (e == 0)
		e = make_net(b, l, err, errlen);
	if (e < 0) {
		if (e == -ENOMEM)
			snprintf(err, errlen, "out of memory");
		broker_destroy(b);
		return e;
	}
	*out = b;
	return 0;
}

void broker_destroy(struct broker *b)
{
	if (!b)
		return;
	fsops_destroy(b->fs);
	fetcher_destroy(b->net);
	const struct policy_net *pn = policy_net(b->policy);
	if (b->hosts)
		for (size_t i = 0; i < pn->n_rules; i++)
			free(b->hosts[i]);
	free(b->hosts);
	free(b->rules);
	free(b->methods);
	free(b->secrets);
	free(b);
}

static const char *str_field(const cJSON *o, const char *k)
{
	const cJSON *j = cJSON_GetObjectItemCaseSensitive(o, k);
	return cJSON_IsString(j) ? j->valuestring : NULL;
}

static bool fs_op_writes(const char *op)
{
	static const char *const w[] = {"writeFile", "appendFile", "mkdir", "rm", "unlink", "rmdir", "rename"};
	for (size_t i = 0; i < sizeof(w) / sizeof(w[0]); i++)
		if (strcmp(op, w[i]) == 0)
			return true;
	return false;
}

enum policy_verdict broker_needs_approval(struct broker *b, const cJSON *req, bool is_fs,
                                          enum policy_approval_kind *kind, char *key, size_t keylen, cJSON **detail)
{
	*detail = NULL;
	if (is_fs) {
		const char *op = str_field(req, "op"), *path = str_field(req, "path");
		if (!b->fs_asks || !op || !path)
			return POLICY_ALLOW;
		bool write = fs_op_writes(op);
		const struct policy_mount *m = NULL;
		char rel[FSOPS_PATH_MAX];
		enum policy_verdict v = policy_fs_decide(b->policy, path, write, &m, rel, sizeof(rel), NULL);
		if (v != POLICY_ASK || !m)
			return POLICY_ALLOW;
		*kind = POLICY_APPROVAL_FS;
		snprintf(key, keylen, "%s %s", m->path, write ? "write" : "read");
		*detail = cJSON_CreateObject();
		cJSON_AddStringToObject(*detail, "op", op);
		cJSON_AddStringToObject(*detail, "path", path);
		cJSON_AddStringToObject(*detail, "mount", m->path);
		return POLICY_ASK;
	}
	const char *u = str_field(req, "url");
	const char *method = str_field(req, "method");
	if (!b->net_asks || !u)
		return POLICY_ALLOW;
	if (!method)
		method = "GET";
	struct url url;
	const char *why;
	if (url_parse(u, strlen(u), &url, &why) < 0)
		return POLICY_ALLOW; /* fetch refuses it with the parser's reason */
	size_t plen;
	const char *p = url_path_only(&url, &plen);
	char path[URL_MAX + 1];
	snprintf(path, sizeof(path), "%.*s", (int)plen, p);
	/* policy wants the host without IPv6 brackets */
	char host[URL_HOST_MAX + 1];
	snprintf(host, sizeof(host), "%.255s", url.host[0] == '[' ? url.host + 1 : url.host);
	char *rb = strchr(host, ']');
	if (rb)
		*rb = '\0';
	const char *rule = NULL;
	enum policy_verdict v = policy_net_decide(b->policy, url.scheme, host, url.port, method, path, NULL, &rule);
	if (v == POLICY_ASK) {
		*kind = POLICY_APPROVAL_NETWORK;
		snprintf(key, keylen, "%s://%s:%u %s", url.scheme, url.host, url.port, method);
		*detail = cJSON_CreateObject();
		cJSON_AddStringToObject(*detail, "method", method);
		cJSON_AddStringToObject(*detail, "url", u);
		cJSON_AddStringToObject(*detail, "rule", rule ? rule : "");
	}
	url_free(&url);
	return v == POLICY_ASK ? POLICY_ASK : POLICY_ALLOW;
}

static void copy_err(struct broker_error *e, const char *name, const char *code, const char *msg, const char *rule)
{
	snprintf(e->name, sizeof(e->name), "%s", name);
	snprintf(e->code, sizeof(e->code), "%s", code);
	snprintf(e->message, sizeof(e->message), "%s", msg);
	snprintf(e->rule, sizeof(e->rule), "%s", rule);
}

int broker_fs(struct broker *b, const cJSON *req, cJSON **value, struct broker_error *e)
{
	*value = NULL;
	if (!b->fs) {
		const char *path = str_field(req, "path");
		char msg[600];
		snprintf(msg, sizeof(msg), "filesystem access to %.400s is not allowed by policy (no mount)",
		         path ? path : "(no path)");
		copy_err(e, "PermissionDenied", "EACCES", msg, "no mount");
		return -EACCES;
	}
	struct fsops_error fe = {{0}};
	int r = fsops_handle(b->fs, req, value, &fe);
	if (r < 0 && r != -EPROTO)
		copy_err(e, fe.name, fe.code, fe.message, fe.rule);
	return r;
}

int broker_fetch_start(struct broker *b, uint64_t id, const cJSON *req, struct broker_error *e)
{
	if (!b->net) {
		const char *u = str_field(req, "url");
		char msg[600];
		snprintf(msg, sizeof(msg), "network access to %.400s is not allowed by policy", u ? u : "(no url)");
		copy_err(e, "PermissionDenied", "EPOLICY", msg, "default deny");
		return -EACCES;
	}
	struct fetch_error fe = {{0}};
	int r = fetcher_start(b->net, id, req, &fe);
	if (r < 0 && r != -EPROTO)
		copy_err(e, fe.name, fe.code, fe.message, fe.rule);
	return r;
}

int broker_fds(struct broker *b, struct pollfd *fds, int max, int *timeout_ms)
{
	return b && b->net ? fetcher_fds(b->net, fds, max, timeout_ms) : 0;
}

void broker_perform(struct broker *b)
{
	if (b && b->net)
		fetcher_perform(b->net);
}

int broker_next_done(struct broker *b, uint64_t *id, cJSON **value, struct broker_error *e)
{
	if (!b || !b->net)
		return 0;
	struct fetch_error fe = {{0}};
	int r = fetcher_next_done(b->net, id, value, &fe);
	if (r == 1 && !*value)
		copy_err(e, fe.name, fe.code, fe.message, fe.rule);
	return r;
}
