/* Unit tests for supervisor/policy.c, policydecide.c, jsonc.c, sha256.c:
 * units, hashing, the canonical form, every decision function. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <unistd.h>

#include "policy.h"
#include "url.h"
#include "sha256.h"
#include "tap.h"

/* Parses url (it must parse) and decides it. */
static enum policy_verdict netd(const struct policy *p, const char *u, const char *method,
                                struct policy_net_decision *d)
{
	struct url url;
	const char *why;
	if (url_parse(u, strlen(u), &url, &why) < 0) {
		printf("# bad test URL %s: %s\n", u, why);
		memset(d, 0, sizeof(*d));
		return POLICY_DENY;
	}
	enum policy_verdict v = policy_net_decide(p, &url, method, "fetch", d);
	url_free(&url);
	return v;
}

static struct policy *load(const char *text, struct policy_diag *d)
{
	struct policy *p = NULL;
	policy_diag_init(d);
	int r = policy_load_buffer("t.jsonc", text, strlen(text), &p, d);
	return r == 0 ? p : NULL;
}

/* Loads text that must be invalid and checks the first message. */
static void expect_error(const char *text, const char *want, const char *name)
{
	struct policy_diag d;
	struct policy *p = load(text, &d);
	tap_ok(!p && d.n >= 1 && strcmp(d.msg[0], want) == 0, "%s: got '%s', want '%s'", name,
	       d.n ? d.msg[0] : "(none)", want);
	policy_free(p);
	policy_diag_free(&d);
}

static void hash_of(const char *text, char out[65])
{
	struct policy_diag d;
	struct policy *p = load(text, &d);
	if (p)
		policy_hash_hex(p, out);
	else
		strcpy(out, d.n ? d.msg[0] : "load failed");
	policy_free(p);
	policy_diag_free(&d);
}

static void test_units(void)
{
	uint64_t v = 0;
	TAP_EQ_INT(policy_parse_size("64MiB", &v), 0, "64MiB parses");
	TAP_EQ_INT(v, 64ull << 20, "64MiB is 67108864 bytes");
	policy_parse_size("0B", &v);
	TAP_EQ_INT(v, 0, "0B is zero");
	policy_parse_size("3KiB", &v);
	TAP_EQ_INT(v, 3072, "3KiB");
	policy_parse_size("2TiB", &v);
	TAP_EQ_INT(v, 2ull << 40, "2TiB");
	TAP_EQ_INT(policy_parse_size("64MB", &v), -EINVAL, "decimal MB refused");
	TAP_EQ_INT(policy_parse_size("64", &v), -EINVAL, "size without unit refused");
	TAP_EQ_INT(policy_parse_size("-1MiB", &v), -EINVAL, "negative size refused");
	TAP_EQ_INT(policy_parse_size("1.5MiB", &v), -EINVAL, "fraction refused");
	TAP_EQ_INT(policy_parse_size(" 1MiB", &v), -EINVAL, "leading space refused");
	TAP_EQ_INT(policy_parse_size("", &v), -EINVAL, "empty refused");

	/* The command line's overrides: the same grammar and ranges as a file. */
	struct limits lim;
	limits_init_default(&lim);
	char why[300];
	TAP_EQ_INT(policy_limit_override(&lim, "wall", "5", why, sizeof(why)), -EINVAL, "--timeout 5: unit required");
	printf("# %s\n", why);
	TAP_EQ_INT(policy_limit_override(&lim, "wall", "2m", why, sizeof(why)), -EINVAL, "--timeout 2m: unknown unit");
	TAP_EQ_INT(policy_limit_override(&lim, "wall", "2min", why, sizeof(why)), 0, "--timeout 2min");
	TAP_EQ_INT(lim.wall_ms, 120000, "2min is 120000 ms");
	TAP_EQ_INT(policy_limit_override(&lim, "memory", "64MB", why, sizeof(why)), -EINVAL, "--memory 64MB refused");
	TAP_EQ_INT(policy_limit_override(&lim, "max_frame", "128MiB", why, sizeof(why)), -EINVAL,
	           "--max-frame over the policy's range refused");
	tap_ok(strstr(why, "out of range (1KiB..64MiB)") != NULL, "range named as in policy files");
	TAP_EQ_INT(policy_limit_override(&lim, "tool_calls", "2000000", why, sizeof(why)), -ERANGE,
	           "--max-tool-calls over the range refused");
	TAP_EQ_INT(policy_limit_override(&lim, "tool_calls", "50", why, sizeof(why)), 0, "--max-tool-calls 50");
	TAP_EQ_INT(lim.tool_calls, 50, "count set");
	TAP_EQ_INT(policy_parse_size("18446744073709551615B", &v), 0, "UINT64_MAX bytes parses");
	TAP_EQ_INT(policy_parse_size("18446744073709551616B", &v), -ERANGE, "UINT64_MAX+1 overflows");
	TAP_EQ_INT(policy_parse_size("16777216TiB", &v), -ERANGE, "2^64 via unit overflows");
	TAP_EQ_INT(policy_parse_duration("2s", &v), 0, "2s parses");
	TAP_EQ_INT(v, 2000, "2s is 2000 ms");
	policy_parse_duration("500ms", &v);
	TAP_EQ_INT(v, 500, "500ms");
	policy_parse_duration("5min", &v);
	TAP_EQ_INT(v, 300000, "5min");
	policy_parse_duration("1h", &v);
	TAP_EQ_INT(v, 3600000, "1h");
	TAP_EQ_INT(policy_parse_duration("2m", &v), -EINVAL, "ambiguous 'm' refused");
	TAP_EQ_INT(policy_parse_duration("2", &v), -EINVAL, "duration without unit refused");
	TAP_EQ_INT(policy_parse_duration("99999999999999999h", &v), -ERANGE, "duration overflow");
}

static void test_sha256(void)
{
	char h[65];
	sha256_hex("", 0, h);
	TAP_EQ_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sha256 of empty");
	sha256_hex("abc", 3, h);
	TAP_EQ_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256 of abc");
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	sha256_hex(m, strlen(m), h);
	TAP_EQ_STR(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "sha256 of 448-bit message");
	/* one million 'a' through many small updates: exercises buffering */
	struct sha256 c;
	uint8_t d[32];
	sha256_init(&c);
	for (int i = 0; i < 10000; i++)
		sha256_update(&c,
		              "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
		              "aaaaaaaaaaaa",
		              100);
	sha256_final(&c, d);
	tap_ok(d[0] == 0xcd && d[1] == 0xc7 && d[31] == 0xd0, "sha256 of a million 'a'");
}

static const char *POLICY_A =
        "// a comment\n"
        "{\n"
        "  \"limits\": {\"wall\": \"5s\", \"memory\": \"64MiB\", \"heap\": \"32MiB\"},\n"
        "  /* block\n comment */\n"
        "  \"tools\": {\"allow\": [\"codemode.*\", \"gh.search\"], \"ask\": [\"gh.create_issue\"],\n"
        "            \"deny\": [\"codemode.delete_*\"], \"caps\": {\"gh.*\": 3, \"codemode.*\": 100}},\n"
        "  \"env\": {\"TZ\": \"UTC\", \"MODE\": \"test\"},\n"
        "  \"filesystem\": {\"mounts\": [\n"
        "     {\"path\": \"/scratch\", \"type\": \"scratch\"},\n"
        "     {\"path\": \"/data\", \"type\": \"host\", \"source\": \"/srv/data\"},\n"
        "     {\"path\": \"/work\", \"type\": \"workspace\", \"mode\": \"rw\", \"max_bytes\": \"64MiB\", "
        "\"max_files\": 100, \"ask\": \"writes\"},\n"
        "  ]},\n"
        "  \"network\": {\"allow\": [\n"
        "     {\"host\": \"api.github.com\", \"methods\": [\"GET\", \"POST\"], \"path_prefix\": \"/repos/\"},\n"
        "     {\"host\": \"*.example.com\", \"ask\": true},\n"
        "     {\"scheme\": \"http\", \"host\": \"10.1.0.0/16\", \"port\": 8080, \"allow_private\": true},\n"
        "   ],\n"
        "   \"credentials\": [{\"host\": \"api.github.com\", \"header\": \"Authorization\", \"prefix\": \"Bearer \", "
        "\"env\": \"CC_TEST_TOKEN\"}]},\n"
        "  \"audit\": {\"sink\": \"host\"},\n"
        "}\n";

/* The same policy, reformatted and with defaults spelled out. */
static const char *POLICY_A2 =
        "{\"version\":1,\"audit\":{\"sink\":\"host\"},\"limits\":{\"heap\":\"32768KiB\",\"memory\":\"64MiB\",\"wall\":"
        "\"5000ms\",\"cpu\":\"10s\"},"
        "\"env\":{\"MODE\":\"test\",\"TZ\":\"UTC\"},"
        "\"tools\":{\"allow\":[\"codemode.*\",\"gh.search\"],\"ask\":[\"gh.create_issue\"],\"deny\":[\"codemode.delete_"
        "*\"],\"caps\":{\"codemode.*\":100,\"gh.*\":3}},"
        "\"filesystem\":{\"max_file_bytes\":\"8MiB\",\"mounts\":[{\"path\":\"/"
        "scratch\",\"type\":\"scratch\",\"mode\":\"rw\",\"max_bytes\":\"16MiB\",\"max_files\":256},"
        "{\"type\":\"host\",\"path\":\"/data\",\"source\":\"/srv/data\",\"mode\":\"ro\"},"
        "{\"path\":\"/"
        "work\",\"type\":\"workspace\",\"mode\":\"rw\",\"max_bytes\":\"67108864B\",\"max_files\":100,\"ask\":"
        "\"writes\"}]},"
        "\"network\":{\"allow\":[{\"host\":\"API.GitHub.com\",\"methods\":[\"POST\",\"GET\"],\"path_prefix\":\"/repos/"
        "\",\"port\":443},"
        "{\"host\":\"*.example.com\",\"ask\":true},{\"scheme\":\"http\",\"host\":\"10.1.0.0/"
        "16\",\"port\":8080,\"allow_private\":true}],"
        "\"credentials\":[{\"host\":\"api.github.com\",\"header\":\"Authorization\",\"prefix\":\"Bearer "
        "\",\"env\":\"CC_TEST_TOKEN\"}]}}";

static void test_hash_and_show(void)
{
	char a[65], a2[65], b[65];
	hash_of(POLICY_A, a);
	hash_of(POLICY_A2, a2);
	TAP_EQ_INT(strlen(a), 64, "policy A loads and hashes");
	TAP_EQ_STR(a2, a, "same policy formatted differently has the same hash");
	char *changed = strdup(POLICY_A);
	*strstr(changed, "\"5s\"") = '"';
	memcpy(strstr(changed, "\"5s\""), "\"6s\"", 4);
	hash_of(changed, b);
	tap_ok(strcmp(a, b) != 0, "a different wall limit changes the hash");
	free(changed);

	struct policy_diag d;
	struct policy *p = load(POLICY_A, &d);
	char *shown = p ? policy_show(p) : NULL;
	tap_ok(shown && strstr(shown, a), "show prints the hash");
	tap_ok(shown && strstr(shown, "\"heap\": \"32MiB\""), "show uses canonical units");
	tap_ok(shown && strstr(shown, "\"max_redirects\": 3"), "show fills in defaults");
	hash_of(shown ? shown : "", b);
	TAP_EQ_STR(b, a, "show output loads back to the same hash");
	free(shown);
	policy_free(p);
	policy_diag_free(&d);

	struct policy *def = policy_default();
	char dh[65], dh2[65];
	policy_hash_hex(def, dh);
	hash_of("{\"tools\": {\"allow\": [\"*\"]}}", dh2);
	TAP_EQ_STR(dh2, dh, "the built-in default is a policy allowing every offered tool");
	hash_of("{}", dh2);
	tap_ok(strcmp(dh2, dh) != 0, "an empty policy differs from it (it allows no tool)");
	shown = policy_show(def);
	hash_of(shown, dh2);
	TAP_EQ_STR(dh2, dh, "the default's show output round-trips");
	free(shown);
	const struct limits *l = policy_limits(def);
	TAP_EQ_INT(l->wall_ms, LIMITS_DEFAULT_WALL_MS, "default wall limit");
	TAP_EQ_INT(policy_fs(def)->n_mounts, 0, "default has no mounts");
	TAP_EQ_INT(policy_net(def)->n_rules, 0, "default has no network rules");
	TAP_EQ_INT(policy_tool(def, "codemode", "x", NULL), POLICY_ALLOW,
	           "the default allows tools (only offered ones reach it: dispatch)");
	struct policy_diag de;
	struct policy *empty = load("{}", &de);
	TAP_EQ_INT(empty ? (int)policy_tool(empty, "codemode", "x", NULL) : -1, POLICY_DENY,
	           "a file without tools denies them");
	policy_free(empty);
	policy_diag_free(&de);
	policy_free(def);
}

static void test_decisions(void)
{
	struct policy_diag d;
	struct policy *p = load(POLICY_A, &d);
	const char *rule = NULL;
	if (!tap_ok(p != NULL, "policy A loads (%s)", d.n ? d.msg[0] : "")) {
		policy_diag_free(&d);
		return;
	}
	TAP_EQ_INT(policy_limits(p)->wall_ms, 5000, "limits.wall applied");
	TAP_EQ_INT(policy_limits(p)->memory_bytes, 64ull << 20, "limits.memory applied");

	TAP_EQ_INT(policy_tool(p, "codemode", "search", &rule), POLICY_ALLOW, "codemode.* allowed");
	TAP_EQ_STR(rule, "tools.allow[0] \"codemode.*\"", "rule names the allow pattern");
	TAP_EQ_INT(policy_tool(p, "codemode", "delete_all", &rule), POLICY_DENY, "deny wins over allow");
	TAP_EQ_STR(rule, "tools.deny[0] \"codemode.delete_*\"", "rule names the deny pattern");
	TAP_EQ_INT(policy_tool(p, "gh", "create_issue", &rule), POLICY_ASK, "ask pattern asks");
	TAP_EQ_INT(policy_tool(p, "gh", "delete_repo", &rule), POLICY_DENY, "unlisted tool denied");
	TAP_EQ_STR(rule, "default deny", "default deny named");
	TAP_EQ_INT(policy_tool(p, "codemode.x", "y", &rule), POLICY_DENY, "dotted namespace denied");
	TAP_EQ_INT(policy_tool(p, "codemode", "a\nb", &rule), POLICY_DENY, "control char in name denied");

	struct policy_caps *caps = policy_caps_new(p);
	int ok = 0;
	for (int i = 0; i < 3; i++)
		ok += policy_caps_take(caps, "gh", i ? "search" : "create_issue", &rule) == 0;
	TAP_EQ_INT(ok, 3, "three gh calls within the shared cap");
	TAP_EQ_INT(policy_caps_take(caps, "gh", "search", &rule), -EDQUOT, "fourth gh call over the cap");
	TAP_EQ_STR(rule, "tools.caps \"gh.*\"", "cap rule named");
	TAP_EQ_INT(policy_caps_take(caps, "codemode", "x", &rule), 0, "other caps unaffected");
	policy_caps_free(caps);

	size_t n = policy_env_count(p);
	const char *name, *value;
	TAP_EQ_INT(n, 2, "two env vars");
	policy_env_get(p, 0, &name, &value);
	TAP_EQ_STR(name, "MODE", "env sorted by name");

	struct policy_fs_decision fd;
	TAP_EQ_INT(policy_fs_decide(p, "/data/a/../b.csv", false, &fd), POLICY_ALLOW, "read under /data allowed");
	TAP_EQ_STR(fd.rel, "b.csv", "relative path normalized");
	TAP_EQ_INT(policy_fs_decide(p, "/data/x", true, &fd), POLICY_DENY, "write to read-only mount denied");
	TAP_EQ_STR(fd.rule, "filesystem.mounts[1] \"/data\"", "read-only mount named");
	TAP_EQ_STR(fd.deny.name, "PermissionDenied", "read-only denial is a PermissionDenied");
	TAP_EQ_INT(policy_fs_decide(p, "/data/../../etc/passwd", false, &fd), POLICY_DENY,
	           "climbing out lands on /etc: no mount");
	TAP_EQ_INT(policy_fs_decide(p, "/database", false, &fd), POLICY_DENY, "/database is not under /data");
	TAP_EQ_INT(policy_fs_decide(p, "data/x", false, &fd), POLICY_DENY, "relative path denied");
	TAP_EQ_INT(policy_fs_decide(p, "/scratch/./out/f/", true, &fd), POLICY_ALLOW, "scratch writable");
	TAP_EQ_STR(fd.rel, "out/f", "scratch rel path");
	TAP_EQ_INT(fd.mount->max_bytes, 16ull << 20, "scratch default quota");
	TAP_EQ_INT(policy_fs_decide(p, "//scratch/out//f", true, &fd), POLICY_DENY, "empty components denied");
	TAP_EQ_STR(fd.deny.name, "TypeError", "an invalid path is a TypeError");
	TAP_EQ_INT(policy_fs_decide(p, "/scratch/a\x01", true, &fd), POLICY_DENY, "control byte denied");
	TAP_EQ_INT(policy_fs_decide(p, "/work/f", true, &fd), POLICY_ASK, "workspace write asks");
	char akey[128];
	policy_fs_approval_key(&fd, akey, sizeof(akey));
	TAP_EQ_STR(akey, "/work write", "fs approval key");
	TAP_EQ_INT(policy_fs_decide(p, "/work", false, &fd), POLICY_ALLOW, "workspace read allowed");
	TAP_EQ_STR(fd.rel, "", "mount root is the empty rel path");

	struct policy_net_decision nd;
	TAP_EQ_INT(netd(p, "https://api.github.com/repos/x", "GET", &nd), POLICY_ALLOW,
	           "GET api.github.com/repos allowed");
	TAP_EQ_STR(nd.rule, "network.allow[0]", "network rule named");
	TAP_EQ_INT(netd(p, "https://API.GITHUB.COM./repos/x", "POST", &nd), POLICY_ALLOW,
	           "host case and trailing dot normalized");
	TAP_EQ_INT(netd(p, "https://api.github.com/repos/x", "DELETE", &nd), POLICY_DENY, "method not listed denied");
	TAP_EQ_INT(netd(p, "https://api.github.com/user", "GET", &nd), POLICY_DENY, "path outside prefix denied");
	TAP_EQ_INT(netd(p, "https://api.github.com/repository", "GET", &nd), POLICY_DENY,
	           "prefix matches whole segments");
	TAP_EQ_INT(netd(p, "https://api.github.com/repos/../user", "GET", &nd), POLICY_DENY, "dot segment denied");
	TAP_EQ_INT(netd(p, "https://api.github.com/repos/%2e%2e/user", "GET", &nd), POLICY_DENY,
	           "encoded dot segment denied");
	TAP_EQ_INT(netd(p, "https://api.github.com/repos/..%2fuser", "GET", &nd), POLICY_DENY,
	           "encoded slash under a prefix denied");
	TAP_EQ_INT(netd(p, "http://api.github.com/repos/x", "GET", &nd), POLICY_DENY, "plain http denied");
	TAP_EQ_INT(netd(p, "https://api.github.com:8443/repos/x", "GET", &nd), POLICY_DENY, "other port denied");
	TAP_EQ_INT(netd(p, "https://a.example.com/", "GET", &nd), POLICY_ASK, "suffix rule with ask");
	policy_net_approval_key(&(struct url){.scheme = "https", .host = "a.example.com", .port = 443}, "GET", akey,
	                        sizeof(akey));
	TAP_EQ_STR(akey, "https://a.example.com:443 GET", "network approval key");
	TAP_EQ_INT(netd(p, "https://a.example.com/a%2Fb", "GET", &nd), POLICY_ASK,
	           "encoded slash allowed where the rule has no prefix");
	TAP_EQ_INT(netd(p, "https://example.com/", "GET", &nd), POLICY_DENY, "bare name not matched by *.suffix");
	TAP_EQ_INT(netd(p, "https://evilexample.com/", "GET", &nd), POLICY_DENY, "suffix needs a dot boundary");
	TAP_EQ_INT(netd(p, "http://10.1.2.3:8080/", "GET", &nd), POLICY_ALLOW, "IP inside the CIDR rule");
	TAP_EQ_INT(netd(p, "http://10.2.0.1:8080/", "GET", &nd), POLICY_DENY, "IP outside the CIDR rule");
	TAP_EQ_INT(netd(p, "http://0x0a.1.2.3:8080/", "GET", &nd), POLICY_ALLOW,
	           "hex IPv4 spelling is the same address");

	struct sockaddr_in sin = {.sin_family = AF_INET};
	struct sockaddr_in6 sin6 = {.sin6_family = AF_INET6};
	netd(p, "https://api.github.com/repos/x", "GET", &nd);
	const struct policy_net_rule *r = nd.net_rule;
#define ADDR_OK(sa) policy_net_addr_allowed(r, (struct sockaddr *)&(sa), sizeof(sa))
	inet_pton(AF_INET, "140.82.112.5", &sin.sin_addr);
	tap_ok(ADDR_OK(sin), "public address allowed");
	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	tap_ok(!ADDR_OK(sin), "name resolving to loopback refused");
	inet_pton(AF_INET, "169.254.169.254", &sin.sin_addr);
	tap_ok(!ADDR_OK(sin), "metadata address refused");
	inet_pton(AF_INET, "255.255.255.255", &sin.sin_addr);
	tap_ok(!ADDR_OK(sin), "broadcast refused (netaddr's table)");
	inet_pton(AF_INET6, "::ffff:10.0.0.1", &sin6.sin6_addr);
	tap_ok(!ADDR_OK(sin6), "v4-mapped private refused");
	inet_pton(AF_INET6, "fd00::1", &sin6.sin6_addr);
	tap_ok(!ADDR_OK(sin6), "ULA refused");
	inet_pton(AF_INET6, "2606:4700::1111", &sin6.sin6_addr);
	tap_ok(ADDR_OK(sin6), "public v6 allowed");
	netd(p, "http://10.1.2.3:8080/", "GET", &nd);
	r = nd.net_rule;
	inet_pton(AF_INET, "10.1.9.9", &sin.sin_addr);
	tap_ok(ADDR_OK(sin), "private address inside an allow_private IP rule");
	inet_pton(AF_INET, "10.3.0.1", &sin.sin_addr);
	tap_ok(!ADDR_OK(sin), "address outside the IP rule refused");

	const struct policy_cred *creds[4];
	TAP_EQ_INT(policy_net_creds_for(p, "api.github.com", creds, 4), 1, "one credential for api.github.com");
	TAP_EQ_INT(policy_net_creds_for(p, "a.example.com", creds, 4), 0, "none for other hosts");
	policy_net_creds_for(p, "api.github.com", creds, 4);
	char *val = NULL;
	unsetenv("CC_TEST_TOKEN");
	TAP_EQ_INT(policy_cred_resolve(creds[0], &val), -ENOENT, "unset variable reported");
	setenv("CC_TEST_TOKEN", "tok\r\nX-Evil: 1", 1);
	TAP_EQ_INT(policy_cred_resolve(creds[0], &val), -EINVAL, "CRLF in a secret refused");
	setenv("CC_TEST_TOKEN", "s3cret-value", 1);
	TAP_EQ_INT(policy_cred_resolve(creds[0], &val), 0, "secret resolved");
	TAP_EQ_STR(val, "Bearer s3cret-value", "prefix + secret");
	free(val);
	char *shown = policy_show(p);
	tap_ok(shown && !strstr(shown, "s3cret"), "show never prints a secret value");
	free(shown);

	struct policy_approval_cache *ac = policy_approval_cache_new(p);
	bool allow = false;
	TAP_EQ_INT(policy_approval_cache_lookup(ac, POLICY_APPROVAL_TOOL, "gh.create_issue", &allow), 0,
	           "cache starts empty");
	TAP_EQ_INT(policy_approval_cache_store(ac, POLICY_APPROVAL_TOOL, "gh.create_issue", true), 0, "stored");
	TAP_EQ_INT(policy_approval_cache_lookup(ac, POLICY_APPROVAL_TOOL, "gh.create_issue", &allow), 1, "remembered");
	tap_ok(allow, "remembered answer is allow");
	TAP_EQ_INT(policy_approval_cache_lookup(ac, POLICY_APPROVAL_NETWORK, "gh.create_issue", &allow), 0,
	           "kinds are separate");
	int rc = 0;
	char key[32];
	for (int i = 0; i < POLICY_APPROVAL_CACHE_MAX + 5 && rc == 0; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		rc = policy_approval_cache_store(ac, POLICY_APPROVAL_FS, key, false);
	}
	TAP_EQ_INT(rc, -ENOSPC, "cache is bounded");
	policy_approval_cache_free(ac);
	TAP_EQ_INT(policy_approvals(p)->timeout_ms, 60000, "approval timeout default");
	TAP_EQ_INT(policy_audit(p)->sink, POLICY_AUDIT_HOST, "audit sink host");
	policy_free(p);
	policy_diag_free(&d);

	p = load("{\"approvals\": {\"cache\": \"none\", \"timeout\": \"5s\"}}", &d);
	ac = policy_approval_cache_new(p);
	policy_approval_cache_store(ac, POLICY_APPROVAL_TOOL, "a.b", true);
	TAP_EQ_INT(policy_approval_cache_lookup(ac, POLICY_APPROVAL_TOOL, "a.b", &allow), 0,
	           "cache off remembers nothing");
	policy_approval_cache_free(ac);
	policy_free(p);
	policy_diag_free(&d);
}

static void test_errors(void)
{
	expect_error("{\"limits\": {\"wal\": \"5s\"}}",
	             "t.jsonc:1:13: unknown key \"wal\" in limits; did you mean \"wall\"?", "did you mean");
	expect_error("{\"limits\": {\"pids\": -1}}", "t.jsonc:1:21: limits.pids: -1 is out of range (1..4096)",
	             "negative count");
	expect_error("{\"limits\": {\"pids\": 99999999999999999999999}}",
	             "t.jsonc:1:21: limits.pids: number too large is out of range (1..4096)", "overflowing count");
	expect_error("{\"limits\": {\"memory\": 64}}",
	             "t.jsonc:1:23: limits.memory: a size needs a unit: write a string such as \"64MiB\" instead of a "
	             "number",
	             "size without unit");
	expect_error("{\"limits\": {\"memory\": \"99999999999TiB\"}}",
	             "t.jsonc:1:23: limits.memory: \"99999999999TiB\" is too large (at most 64GiB)", "size overflow");
	expect_error("{\"limits\": {\"wall\": \"-2s\"}}", "t.jsonc:1:21: limits.wall: \"-2s\" is negative",
	             "negative duration");
	expect_error("{\n  \"limits\": {\n    \"wall\": 1.5\n  }\n}",
	             "t.jsonc:3:13: limits.wall: a duration needs a unit: write a string such as \"2s\" or \"500ms\" "
	             "instead of a number",
	             "fractional number");
	expect_error("{\"a\": 1,}", "t.jsonc:1:2: unknown key \"a\" in the policy", "unknown top-level key");
	expect_error("{\"limits\": {}} x", "t.jsonc:1:16: unexpected text after the value", "trailing garbage");
	expect_error("{\"env\": {\"A\": \"x\", \"A\": \"y\"}}", "t.jsonc:1:20: duplicate key \"A\" (first at line 1)",
	             "duplicate key");
	expect_error("/* open", "t.jsonc:1:1: unterminated comment", "unterminated comment");
	expect_error(
	        "{\"env\": {\"é\": \"x\"}}",
	        "t.jsonc:1:10: env: \"é\" is not a variable name (letters, digits and '_', not starting with a digit)",
	        "columns count characters");
}

int main(void)
{
	test_units();
	test_sha256();
	test_hash_and_show();
	test_decisions();
	test_errors();
	return tap_done();
}
