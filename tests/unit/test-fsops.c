/* test-fsops: filesystem requests against a live temp directory: escapes
 * (.., absolute paths, symlinks, hard links), mount rules, quotas, limits. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsops.h"
#include "guestmsg.h"
#include "policy.h"
#include "tap.h"

static char root[256];
static struct req_error err;
static cJSON *val;
static struct policy *pol; /* the policy fsops was made from */

/* Runs one request given as the fields of an fs frame, through the whole
 * path: guestmsg_parse (decode), policy_fs_decide (decide; an ASK counts as
 * approved here), fsops_exec (execute). Returns 0, -EPROTO for a frame the
 * decoder refuses, or a negative errno with err filled. */
static int req(struct fsops *fs, const char *json)
{
	cJSON_Delete(val);
	val = NULL;
	memset(&err, 0, sizeof(err));
	size_t fl = strlen(json) + 32;
	char *frame = malloc(fl);
	snprintf(frame, fl, "{\"t\":\"fs\",\"id\":1,%s", json + 1);
	struct guest_msg m;
	char e[256];
	int pr = guestmsg_parse((const uint8_t *)frame, strlen(frame), &m, e, sizeof(e));
	free(frame);
	if (pr < 0) {
		snprintf(err.message, sizeof(err.message), "%s", e);
		return -EPROTO;
	}
	int rc;
	if (m.bad.name[0]) {
		err = m.bad;
		rc = -EINVAL;
		goto out;
	}
	bool write = guestmsg_fs_op_writes(m.fs.op);
	static struct policy_fs_decision d, d2;
	if (policy_fs_decide(pol, m.fs.path, write, &d) == POLICY_DENY) {
		err = d.deny;
		rc = strcmp(err.code, "ENAMETOOLONG") == 0 ? -ENAMETOOLONG : err.name[0] == 'T' ? -EINVAL : -EACCES;
		goto out;
	}
	if (m.fs.op == GUEST_FS_RENAME && policy_fs_decide(pol, m.fs.new_path, true, &d2) == POLICY_DENY) {
		err = d2.deny;
		rc = -EACCES;
		goto out;
	}
	d.verdict = d2.verdict = POLICY_ALLOW;
	rc = fsops_exec(fs, &m.fs, &d, &d2, &val, &err);
out:
	guestmsg_free(&m);
	return rc;
}

/* A policy from JSONC text (with %s for the test root) and its fsops. */
/* The policy text may name the test root once, as "@ROOT@". */
static struct fsops *make(const char *tmpl, const char *workspace, uint64_t max_read, char *e, size_t elen)
{
	char text[4096];
	const char *at = strstr(tmpl, "@ROOT@");
	if (at)
		snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - tmpl), tmpl, root, at + 6);
	else
		snprintf(text, sizeof(text), "%s", tmpl);
	struct policy_diag diag;
	policy_diag_init(&diag);
	policy_free(pol);
	pol = NULL;
	if (policy_load_buffer("test.jsonc", text, strlen(text), &pol, &diag) < 0) {
		snprintf(e, elen, "policy: %s", diag.n ? diag.msg[0] : "?");
		policy_diag_free(&diag);
		return NULL;
	}
	policy_diag_free(&diag);
	return fsops_create(policy_fs(pol), workspace, max_read, root, e, elen);
}

static char *host(const char *rel)
{
	static char buf[4][512];
	static int k;
	char *b = buf[k++ % 4];
	snprintf(b, 512, "%s/%s", root, rel);
	return b;
}

static void put(const char *rel, const char *content)
{
	FILE *f = fopen(host(rel), "w");
	fputs(content, f);
	fclose(f);
}

static char *slurp(const char *rel)
{
	static char buf[4096];
	FILE *f = fopen(host(rel), "r");
	if (!f)
		return NULL;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static const char *vstr(const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(val, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static void expect_err(struct fsops *fs, const char *json, const char *code, const char *what)
{
	int rc = req(fs, json);
	tap_ok(rc < 0 && strcmp(err.code, code) == 0, "%s: %s (rc %d, %s: %s)", what, code, rc, err.name, err.message);
}

static void test_basic(struct fsops *fs)
{
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/"
	                   "a.txt\",\"data\":\"h\\u00e9llo\",\"encoding\":\"utf8\"}"),
	           0, "writeFile utf8");
	TAP_EQ_STR(slurp("ws/a.txt"), "h\xc3\xa9llo", "file reached the workspace directory");
	TAP_EQ_INT(req(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/a.txt\",\"encoding\":\"utf8\"}"), 0, "readFile");
	TAP_EQ_STR(vstr("data"), "h\xc3\xa9llo", "readFile content");
	TAP_EQ_STR(vstr("encoding"), "utf8", "readFile encoding");
	TAP_EQ_INT(req(fs, "{\"op\":\"appendFile\",\"path\":\"/workspace/a.txt\",\"data\":\"!\"}"), 0, "appendFile");
	TAP_EQ_STR(slurp("ws/a.txt"), "h\xc3\xa9llo!", "appended");

	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/b.bin\",\"data\":\"AAEC/"
	                   "w==\",\"encoding\":\"base64\"}"),
	           0, "writeFile base64");
	struct stat st;
	stat(host("ws/b.bin"), &st);
	TAP_EQ_INT(st.st_size, 4, "binary file has 4 bytes");
	req(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/b.bin\",\"encoding\":\"utf8\"}");
	TAP_EQ_STR(vstr("encoding"), "base64", "non-UTF-8 content comes back as base64 even when utf8 asked");
	TAP_EQ_STR(vstr("data"), "AAEC/w==", "binary content intact");
	req(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/a.txt\",\"encoding\":\"base64\"}");
	TAP_EQ_STR(vstr("encoding"), "base64", "base64 when asked");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/c\",\"data\":\"!!!\",\"encoding\":\"base64\"}",
	           "ERR_INVALID_ARG_VALUE", "bad base64 refused");

	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/missing\"}", "ENOENT", "missing file");
	TAP_EQ_STR(err.message, "ENOENT: no such file or directory, open '/workspace/missing'", "node-style message");
	TAP_EQ_STR(err.name, "Error", "error name");

	TAP_EQ_INT(req(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/d/e/f\",\"recursive\":true}"), 0,
	           "mkdir recursive");
	tap_ok(cJSON_IsString(val) && strcmp(val->valuestring, "/workspace/d") == 0, "mkdir returns first created dir");
	TAP_EQ_INT(req(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/d/e/f\",\"recursive\":true}"), 0,
	           "mkdir recursive again");
	tap_ok(cJSON_IsNull(val), "nothing created the second time");
	expect_err(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/d\"}", "EEXIST", "mkdir existing");
	expect_err(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/x/y\"}", "ENOENT", "mkdir without parent");

	TAP_EQ_INT(req(fs, "{\"op\":\"readdir\",\"path\":\"/workspace\"}"), 0, "readdir");
	cJSON *ents = cJSON_GetObjectItemCaseSensitive(val, "entries");
	TAP_EQ_INT(cJSON_GetArraySize(ents), 3, "three entries");
	cJSON *e0 = cJSON_GetArrayItem(ents, 0), *e2 = cJSON_GetArrayItem(ents, 2);
	TAP_EQ_STR(cJSON_GetObjectItem(e0, "name")->valuestring, "a.txt", "sorted: a.txt first");
	TAP_EQ_STR(cJSON_GetObjectItem(e2, "name")->valuestring, "d", "d last");
	TAP_EQ_STR(cJSON_GetObjectItem(e2, "type")->valuestring, "directory", "d is a directory");
	expect_err(fs, "{\"op\":\"readdir\",\"path\":\"/workspace/a.txt\"}", "ENOTDIR", "readdir of a file");

	TAP_EQ_INT(req(fs, "{\"op\":\"stat\",\"path\":\"/workspace/a.txt\"}"), 0, "stat");
	TAP_EQ_STR(vstr("type"), "file", "stat type");
	TAP_EQ_INT(cJSON_GetObjectItem(val, "size")->valuedouble, 7, "stat size");
	tap_ok(cJSON_GetObjectItem(val, "mtimeMs")->valuedouble > 1e12, "stat mtimeMs plausible");

	TAP_EQ_INT(req(fs, "{\"op\":\"rename\",\"path\":\"/workspace/a.txt\",\"newPath\":\"/workspace/d/a2.txt\"}"), 0,
	           "rename within a mount");
	TAP_EQ_STR(slurp("ws/d/a2.txt"), "h\xc3\xa9llo!", "renamed content");
	expect_err(fs, "{\"op\":\"rename\",\"path\":\"/workspace/d/a2.txt\",\"newPath\":\"/scratch/a.txt\"}", "EXDEV",
	           "rename across mounts");
	TAP_EQ_STR(err.message,
	           "EXDEV: cross-device link not permitted, rename '/workspace/d/a2.txt' -> '/scratch/a.txt'",
	           "EXDEV message");

	expect_err(fs, "{\"op\":\"rm\",\"path\":\"/workspace/d\"}", "ERR_FS_EISDIR", "rm dir without recursive");
	TAP_EQ_INT(req(fs, "{\"op\":\"rm\",\"path\":\"/workspace/d\",\"recursive\":true}"), 0, "rm recursive");
	tap_ok(access(host("ws/d"), F_OK) != 0, "tree removed");
	expect_err(fs, "{\"op\":\"rm\",\"path\":\"/workspace/d\"}", "ENOENT", "rm missing");
	TAP_EQ_INT(req(fs, "{\"op\":\"rm\",\"path\":\"/workspace/d/x/y\",\"force\":true}"), 0, "rm force missing");
	expect_err(fs, "{\"op\":\"rm\",\"path\":\"/workspace\",\"recursive\":true}", "EBUSY", "rm of a mount root");

	/* scratch */
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/scratch/s.txt\",\"data\":\"s\"}"), 0, "scratch write");
	const char *sd = fsops_mount_dir(fs, "/scratch");
	char p[600];
	snprintf(p, sizeof(p), "%s/s.txt", sd ? sd : "?");
	tap_ok(sd && strncmp(sd, root, strlen(root)) == 0 && access(p, F_OK) == 0,
	       "scratch file under the scratch parent");
}

/* issue 9: a bind mount of the same filesystem inside a mount (same st_dev)
 * must not let a recursive rm empty what is behind it. Needs mount(2): the
 * baseline is whether this process can bind-mount at all; if not, skip. */
static void test_rm_across_bind_mount(struct fsops *fs)
{
	mkdir(host("ws/outer"), 0755);
	mkdir(host("ws/outer/inner"), 0755);
	mkdir(host("behind"), 0755);
	put("behind/canary", "keep me");
	if (mount(host("behind"), host("ws/outer/inner"), NULL, MS_BIND, NULL) < 0) {
		printf("# skip rm-across-bind-mount: cannot bind-mount here (%s)\n", strerror(errno));
		return;
	}
	tap_ok(access(host("ws/outer/inner/canary"), F_OK) == 0, "bind mount in place (baseline)");
	int rc = req(fs, "{\"op\":\"rm\",\"path\":\"/workspace/outer\",\"recursive\":true}");
	tap_ok(rc < 0, "rm-across-bind-mount: recursive rm over a mount point fails (%s: %s)", err.code, err.message);
	TAP_EQ_STR(slurp("behind/canary"), "keep me", "rm-across-bind-mount: nothing behind the mount deleted");
	rc = req(fs, "{\"op\":\"rm\",\"path\":\"/workspace/outer/inner\",\"recursive\":true}");
	tap_ok(rc < 0, "rm-across-bind-mount: the mount point itself is not walked (%s)", err.code);
	TAP_EQ_STR(slurp("behind/canary"), "keep me", "rm-across-bind-mount: canary still there");
	umount2(host("ws/outer/inner"), MNT_DETACH);
}

static void test_escapes(struct fsops *fs)
{
	put("outside/secret.txt", "SECRET");
	put("data/hello.txt", "hi");

	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/etc/passwd\"}", "EACCES", "absolute host path");
	TAP_EQ_STR(err.name, "PermissionDenied", "denial is PermissionDenied");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/../../etc/passwd\"}", "EACCES", ".. above the root");
	tap_ok(strstr(err.message, "/etc/passwd") != NULL, "message names the normalised path: %s", err.message);
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/x/../../../outside/secret.txt\"}", "EACCES",
	           ".. out of the workspace");
	TAP_EQ_INT(req(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/../data/hello.txt\"}"), 0,
	           ".. between mounts resolves virtually");
	TAP_EQ_STR(vstr("data"), "hi", "reads /data/hello.txt");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"workspace/a\"}", "ERR_INVALID_ARG_VALUE", "relative path");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"\"}", "ERR_INVALID_ARG_VALUE", "empty path");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace//a\"}", "ERR_INVALID_ARG_VALUE", "empty component");

	/* symlinks planted in the workspace (by the host or an earlier tool) */
	symlink(host("outside/secret.txt"), host("ws/link"));
	symlink("../outside/secret.txt", host("ws/rel-link"));
	symlink("/proc/self/root", host("ws/root"));
	symlink(host("outside"), host("ws/linkdir"));
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/link\"}", "ELOOP", "absolute symlink not followed");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/rel-link\"}", "ELOOP",
	           "relative symlink not followed");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/root/etc/passwd\"}", "ELOOP",
	           "/proc/self/root link");
	expect_err(fs, "{\"op\":\"readdir\",\"path\":\"/workspace/root\"}", "ELOOP", "readdir through magic link");
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/linkdir/secret.txt\"}", "ELOOP",
	           "symlinked directory");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/link\",\"data\":\"pwned\"}", "ELOOP",
	           "write through symlink");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/linkdir/new\",\"data\":\"pwned\"}", "ELOOP",
	           "create through symlinked dir");
	expect_err(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/linkdir/sub\",\"recursive\":true}", "ELOOP",
	           "mkdir -p through symlinked dir");
	expect_err(fs, "{\"op\":\"appendFile\",\"path\":\"/workspace/link\",\"data\":\"pwned\"}", "ELOOP",
	           "append through symlink");
	expect_err(fs, "{\"op\":\"rm\",\"path\":\"/workspace/linkdir/secret.txt\"}", "ELOOP",
	           "rm through symlinked dir");
	expect_err(fs, "{\"op\":\"rename\",\"path\":\"/workspace/linkdir/secret.txt\",\"newPath\":\"/workspace/got\"}",
	           "ELOOP", "rename out through symlinked dir");
	expect_err(fs, "{\"op\":\"stat\",\"path\":\"/workspace/link\"}", "ELOOP", "stat does not follow");
	TAP_EQ_INT(req(fs, "{\"op\":\"lstat\",\"path\":\"/workspace/link\"}"), 0, "lstat a symlink");
	TAP_EQ_STR(vstr("type"), "symlink", "lstat type symlink");
	TAP_EQ_INT(req(fs, "{\"op\":\"rm\",\"path\":\"/workspace/linkdir\",\"recursive\":true}"), 0,
	           "rm -r of a symlinked dir removes the link only");
	TAP_EQ_STR(slurp("outside/secret.txt"), "SECRET", "outside file untouched");
	tap_ok(access(host("outside"), F_OK) == 0, "outside dir untouched");

	/* a hard link to an outside file */
	tap_ok(link(host("outside/secret.txt"), host("ws/hard")) == 0, "made hard link");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/hard\",\"data\":\"pwned\"}", "EACCES",
	           "write through hard link refused");
	TAP_EQ_STR(slurp("outside/secret.txt"), "SECRET", "outside file still untouched");

	/* a FIFO must not block the supervisor */
	mkfifo(host("ws/fifo"), 0600);
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/workspace/fifo\"}", "EINVAL", "FIFO read refused, no block");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/fifo\",\"data\":\"x\"}", "EINVAL",
	           "FIFO write refused, no block");

	/* read-only mount */
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/data/x\",\"data\":\"x\"}", "EACCES", "read-only mount");
	TAP_EQ_STR(err.message, "write access to /data/x is not allowed by policy (/data is read-only)",
	           "denial message");
	TAP_EQ_STR(err.rule, "filesystem.mounts[1] \"/data\"", "denial names the rule");
	expect_err(fs, "{\"op\":\"rm\",\"path\":\"/data/hello.txt\"}", "EACCES", "rm on read-only mount");
	expect_err(fs, "{\"op\":\"mkdir\",\"path\":\"/data/d\"}", "EACCES", "mkdir on read-only mount");
	expect_err(fs, "{\"op\":\"rename\",\"path\":\"/data/hello.txt\",\"newPath\":\"/data/h2\"}", "EACCES",
	           "rename on read-only mount");
	TAP_EQ_STR(slurp("data/hello.txt"), "hi", "read-only file intact");

	/* lengths */
	char big[6000];
	int n = snprintf(big, sizeof(big), "{\"op\":\"readFile\",\"path\":\"/workspace/");
	memset(big + n, 'a', 4200);
	snprintf(big + n + 4200, sizeof(big) - (size_t)n - 4200, "\"}");
	expect_err(fs, big, "ENAMETOOLONG", "path over FSOPS_PATH_MAX");
	n = snprintf(big, sizeof(big), "{\"op\":\"writeFile\",\"data\":\"\",\"path\":\"/workspace/");
	memset(big + n, 'b', 300);
	snprintf(big + n + 300, sizeof(big) - (size_t)n - 300, "\"}");
	expect_err(fs, big, "ENAMETOOLONG", "component over NAME_MAX");
	n = snprintf(big, sizeof(big), "{\"op\":\"mkdir\",\"recursive\":true,\"path\":\"/workspace");
	for (int i = 0; i < FSOPS_MAX_DEPTH + 1; i++)
		n += snprintf(big + n, sizeof(big) - (size_t)n, "/d");
	snprintf(big + n, sizeof(big) - (size_t)n, "\"}");
	expect_err(fs, big, "ENAMETOOLONG", "nesting deeper than FSOPS_MAX_DEPTH");

	/* malformed frames */
	TAP_EQ_INT(req(fs, "{\"path\":\"/workspace/a\"}"), -EPROTO, "missing op is a protocol error");
	TAP_EQ_INT(req(fs, "{\"op\":\"chmod\",\"path\":\"/workspace/a\"}"), -EPROTO, "unknown op is a protocol error");
	TAP_EQ_INT(req(fs, "{\"op\":\"readFile\",\"path\":7}"), -EPROTO, "numeric path is a protocol error");
	TAP_EQ_INT(req(fs, "{\"op\":\"mkdir\",\"path\":\"/workspace/q\",\"recursive\":\"yes\"}"), -EPROTO,
	           "ill-typed flag is a protocol error");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/q\"}"), -EPROTO, "writeFile without data");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/workspace/q\",\"data\":\"x\",\"encoding\":\"hex\"}"),
	           -EPROTO, "unknown encoding");
}

static void test_quota_and_limits(void)
{
	mkdir(host("q"), 0755);
	put("q/pre", "0123456789"); /* 10 bytes, 1 file already there */
	char e[256];
	char ws[300];
	snprintf(ws, sizeof(ws), "%s", host("q"));
	struct fsops *fs =
	        make("{\"version\":1,\"filesystem\":{\"max_file_bytes\":\"1000B\",\"mounts\":[{\"path\":\"/q\","
	             "\"type\":\"workspace\",\"mode\":\"rw\",\"max_bytes\":\"100B\",\"max_files\":4}]}}",
	             ws, 1000, e, sizeof(e));
	if (!tap_ok(fs != NULL, "create quota mount (%s)", fs ? "ok" : e))
		return;
	char body[300];
	memset(body, 'x', 60);
	char json[512];
	snprintf(json, sizeof(json), "{\"op\":\"writeFile\",\"path\":\"/q/a\",\"data\":\"%.60s\"}", body);
	TAP_EQ_INT(req(fs, json), 0, "60 bytes fit (70 of 100)");
	snprintf(json, sizeof(json), "{\"op\":\"writeFile\",\"path\":\"/q/b\",\"data\":\"%.40s\"}", body);
	expect_err(fs, json, "EDQUOT", "40 more bytes exceed the byte quota");
	tap_ok(access(host("q/b"), F_OK) != 0, "refused file not left behind");
	snprintf(json, sizeof(json), "{\"op\":\"writeFile\",\"path\":\"/q/a\",\"data\":\"%.85s\"}", body);
	memset(body, 'x', 90);
	snprintf(json, sizeof(json), "{\"op\":\"writeFile\",\"path\":\"/q/a\",\"data\":\"%.90s\"}", body);
	TAP_EQ_INT(req(fs, json), 0, "overwrite counts the replaced size (100 of 100)");
	expect_err(fs, "{\"op\":\"appendFile\",\"path\":\"/q/a\",\"data\":\"y\"}", "EDQUOT", "append beyond quota");
	TAP_EQ_INT(req(fs, "{\"op\":\"rm\",\"path\":\"/q/pre\"}"), 0, "rm frees bytes");
	TAP_EQ_INT(req(fs, "{\"op\":\"appendFile\",\"path\":\"/q/a\",\"data\":\"y\"}"), 0, "append fits after rm");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/q/e1\",\"data\":\"\"}"), 0, "file 2 of 4");
	TAP_EQ_INT(req(fs, "{\"op\":\"mkdir\",\"path\":\"/q/dir\"}"), 0, "dir counts: 3 of 4");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/q/dir/e2\",\"data\":\"\"}"), 0, "4 of 4");
	expect_err(fs, "{\"op\":\"writeFile\",\"path\":\"/q/e3\",\"data\":\"\"}", "EDQUOT", "file count quota");
	expect_err(fs, "{\"op\":\"mkdir\",\"path\":\"/q/d2/d3\",\"recursive\":true}", "EDQUOT", "mkdir -p counted");
	TAP_EQ_INT(req(fs, "{\"op\":\"rm\",\"path\":\"/q/dir\",\"recursive\":true}"), 0, "rm -r frees files");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/q/e3\",\"data\":\"\"}"), 0, "room again");

	/* issue 9: filesystem.max_file_bytes (1000B here) applies to writes */
	memset(body, 'w', 300);
	char big[1400];
	memset(big, 'w', 1001);
	big[1001] = '\0';
	{
		char *j2 = malloc(2000);
		snprintf(j2, 2000, "{\"op\":\"writeFile\",\"path\":\"/q/toobig\",\"data\":\"%s\"}", big);
		expect_err(fs, j2, "EFBIG", "write over max_file_bytes refused");
		free(j2);
	}
	tap_ok(access(host("q/toobig"), F_OK) != 0, "nothing written past max_file_bytes");

	/* the read cap that keeps a reply inside one frame */
	memset(body, 'z', 300);
	FILE *f = fopen(host("q/big"), "w");
	for (int i = 0; i < 7; i++)
		fwrite(body, 1, 300, f);
	fclose(f);
	expect_err(fs, "{\"op\":\"readFile\",\"path\":\"/q/big\"}", "EFBIG", "read over the frame-derived cap");
	tap_ok(strstr(err.message, "file too large for one read (2100 bytes > limit 1000)") != NULL,
	       "clear message: %s", err.message);
	fsops_destroy(fs);

	tap_ok(fsops_read_limit(1 << 20) < (1 << 20) / 4 * 3 && fsops_read_limit(1 << 20) > 700000,
	       "read limit for 1 MiB frames leaves room for base64 and JSON");

	/* bad configuration */
	tap_ok(make("{\"version\":1,\"filesystem\":{\"mounts\":[{\"path\":\"/w/../x\",\"type\":\"host\","
	            "\"source\":\"@ROOT@\"}]}}",
	            NULL, 0, e, sizeof(e)) == NULL,
	       "un-normalised mount path refused: %s", e);
	tap_ok(make("{\"version\":1,\"filesystem\":{\"mounts\":[{\"path\":\"/w\",\"type\":\"host\","
	            "\"source\":\"/nonexistent-codecell\"}]}}",
	            NULL, 0, e, sizeof(e)) == NULL,
	       "missing host directory refused: %s", e);
}

/* issue 9: on a full disk a failed writeFile leaves the old content and a
 * failed appendFile leaves the old size. A 64 KiB tmpfs makes the disk
 * full; the baseline is whether this process may mount one (else skip). */
static void test_full_disk(void)
{
	mkdir(host("tiny"), 0755);
	if (mount("tmpfs", host("tiny"), "tmpfs", 0, "size=64k") < 0) {
		printf("# skip full-disk writes: cannot mount a tmpfs here (%s)\n", strerror(errno));
		return;
	}
	char e[256];
	struct fsops *fs =
	        make("{\"version\":1,\"filesystem\":{\"mounts\":[{\"path\":\"/t\",\"type\":\"host\","
	             "\"source\":\"@ROOT@/tiny\",\"mode\":\"rw\",\"max_bytes\":\"1GiB\",\"max_files\":100}]}}",
	             NULL, 0, e, sizeof(e));
	if (tap_ok(fs != NULL, "full-disk mount (%s)", fs ? "ok" : e)) {
		TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/t/f\",\"data\":\"original\"}"), 0,
		           "small write fits");
		size_t big = 200000;
		char *j = malloc(big + 128);
		int k = snprintf(j, big + 128, "{\"op\":\"writeFile\",\"path\":\"/t/f\",\"data\":\"");
		memset(j + k, 'z', big);
		snprintf(j + k + big, 64, "\"}");
		expect_err(fs, j, "ENOSPC", "full-disk: a write larger than the disk fails");
		TAP_EQ_STR(slurp("tiny/f"), "original", "full-disk: the failed writeFile left the old content");
		memcpy(j, "{\"op\":\"appendFile\"", 19);
		k = snprintf(j, big + 128, "{\"op\":\"appendFile\",\"path\":\"/t/f\",\"data\":\"");
		memset(j + k, 'z', big);
		snprintf(j + k + big, 64, "\"}");
		expect_err(fs, j, "ENOSPC", "full-disk: an append larger than the disk fails");
		TAP_EQ_STR(slurp("tiny/f"), "original", "full-disk: the failed appendFile left the old size");
		TAP_EQ_INT(req(fs, "{\"op\":\"readdir\",\"path\":\"/t\"}"), 0, "listing after the failures");
		char *names = cJSON_PrintUnformatted(val);
		printf("# listing: %s\n", names);
		free(names);
		TAP_EQ_INT(cJSON_GetArraySize(cJSON_GetObjectItem(val, "entries") ? cJSON_GetObjectItem(val, "entries")
		                                                                  : val),
		           1, "full-disk: no temporary file left behind");
		free(j);
		fsops_destroy(fs);
	}
	umount2(host("tiny"), MNT_DETACH);
}

/* issue 9: filesystem.max_entries bounds a listing (it was never read). */
static void test_max_entries(void)
{
	char e[256];
	struct fsops *fs = make("{\"version\":1,\"filesystem\":{\"max_entries\":3,\"mounts\":[{\"path\":\"/s\","
	                        "\"type\":\"scratch\"}]}}",
	                        NULL, 0, e, sizeof(e));
	if (!tap_ok(fs != NULL, "max_entries policy (%s)", fs ? "ok" : e))
		return;
	for (int i = 0; i < 3; i++) {
		char j[128];
		snprintf(j, sizeof(j), "{\"op\":\"writeFile\",\"path\":\"/s/f%d\",\"data\":\"\"}", i);
		req(fs, j);
	}
	TAP_EQ_INT(req(fs, "{\"op\":\"readdir\",\"path\":\"/s\"}"), 0, "3 entries fit max_entries 3");
	req(fs, "{\"op\":\"writeFile\",\"path\":\"/s/f3\",\"data\":\"\"}");
	expect_err(fs, "{\"op\":\"readdir\",\"path\":\"/s\"}", "E2BIG", "a 4th entry is over max_entries");
	fsops_destroy(fs);
}

static void test_scratch_lifecycle(void)
{
	char e[256];
	struct fsops *fs =
	        make("{\"version\":1,\"filesystem\":{\"mounts\":[{\"path\":\"/scratch\",\"type\":\"scratch\"}]}}", NULL,
	             0, e, sizeof(e));
	if (!tap_ok(fs != NULL, "scratch-only fsops (%s)", fs ? "ok" : e))
		return;
	char dir[512];
	snprintf(dir, sizeof(dir), "%s", fsops_mount_dir(fs, "/scratch"));
	req(fs, "{\"op\":\"mkdir\",\"path\":\"/scratch/a/b/c\",\"recursive\":true}");
	TAP_EQ_INT(req(fs, "{\"op\":\"writeFile\",\"path\":\"/scratch/a/b/c/f\",\"data\":\"x\"}"), 0,
	           "nested scratch write");
	/* several requests "in flight" are answered one after another */
	for (int i = 0; i < 10; i++) {
		char j[128];
		snprintf(j, sizeof(j), "{\"op\":\"appendFile\",\"path\":\"/scratch/seq\",\"data\":\"%d\"}", i);
		req(fs, j);
	}
	req(fs, "{\"op\":\"readFile\",\"path\":\"/scratch/seq\"}");
	TAP_EQ_STR(vstr("data"), "0123456789", "sequential requests applied in arrival order");
	tap_ok(access(dir, F_OK) == 0, "scratch exists during the run");
	fsops_destroy(fs);
	tap_ok(access(dir, F_OK) != 0, "scratch removed with its contents at destroy");
}

int main(void)
{
	snprintf(root, sizeof(root), "%s/codecell-test-fsops-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(root)) {
		perror("mkdtemp");
		return 1;
	}
	mkdir(host("ws"), 0755);
	mkdir(host("data"), 0755);
	mkdir(host("outside"), 0755);
	char e[256];
	char ws[300];
	snprintf(ws, sizeof(ws), "%s", host("ws"));
	struct fsops *fs =
	        make("{\"version\":1,\"filesystem\":{\"mounts\":["
	             "{\"path\":\"/workspace\",\"type\":\"workspace\",\"mode\":\"rw\",\"max_bytes\":\"1GiB\","
	             "\"max_files\":100000},"
	             "{\"path\":\"/data\",\"type\":\"host\",\"source\":\"@ROOT@/data\",\"mode\":\"ro\"},"
	             "{\"path\":\"/scratch\",\"type\":\"scratch\"}]}}",
	             ws, 0, e, sizeof(e));
	if (!tap_ok(fs != NULL, "fsops from the test policy (%s)", fs ? "ok" : e))
		return tap_done();
	test_basic(fs);
	test_escapes(fs);
	test_rm_across_bind_mount(fs);
	fsops_destroy(fs);
	test_quota_and_limits();
	test_scratch_lifecycle();
	test_max_entries();
	test_full_disk();
	cJSON_Delete(val);
	policy_free(pol);
	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	return tap_done();
}
