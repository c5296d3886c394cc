/* test-url: the canonical form policy matches and curl receives. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "url.h"

static void ok_url(const char *in, const char *want)
{
	struct url u;
	const char *why = NULL;
	int r = url_parse(in, strlen(in), &u, &why);
	if (!tap_ok(r == 0, "parse %s (%s)", in, r ? why : "ok"))
		return;
	char *s = url_format(&u);
	TAP_EQ_STR(s, want, in);
	free(s);
	url_free(&u);
}

static void bad_url(const char *in, int want)
{
	struct url u;
	const char *why = NULL;
	int r = url_parse(in, strlen(in), &u, &why);
	tap_ok(r == want, "refuse %s with %d (got %d: %s)", in, want, r, why ? why : "");
	if (r == 0)
		url_free(&u);
}

static void resolve(const char *base, const char *ref, const char *want)
{
	struct url b, u;
	const char *why = NULL;
	url_parse(base, strlen(base), &b, &why);
	int r = url_resolve(&b, ref, strlen(ref), &u, &why);
	if (tap_ok(r == 0, "resolve %s against %s (%s)", ref, base, r ? why : "ok")) {
		char *s = url_format(&u);
		TAP_EQ_STR(s, want, ref);
		free(s);
		url_free(&u);
	}
	url_free(&b);
}

int main(void)
{
	ok_url("http://example.com", "http://example.com/");
	ok_url("HTTPS://Example.COM./a/b?x=1#frag", "https://example.com/a/b?x=1");
	ok_url("http://example.com:80/", "http://example.com/");
	ok_url("http://example.com:8080/", "http://example.com:8080/");
	ok_url("http://example.com:/x", "http://example.com/x");
	ok_url("http://example.com/a/../b/./c", "http://example.com/b/c");
	ok_url("http://example.com/api/%2e%2E/admin", "http://example.com/admin");
	ok_url("http://example.com/../../etc/passwd", "http://example.com/etc/passwd");
	ok_url("http://example.com/a/b/..", "http://example.com/a/");
	ok_url("http://example.com/a b\"<>", "http://example.com/a%20b%22%3C%3E");
	ok_url("http://example.com/\xc3\xa9?q=\xc3\xa9", "http://example.com/%C3%A9?q=%C3%A9");
	ok_url("http://example.com/a//b/", "http://example.com/a//b/");
	ok_url("http://example.com?q", "http://example.com/?q");
	ok_url("http://2130706433/", "http://127.0.0.1/");
	ok_url("http://0x7f.1:8080/x", "http://127.0.0.1:8080/x");
	ok_url("http://[::ffff:7f00:1]/", "http://[::ffff:127.0.0.1]/");
	ok_url("http://[0:0::1]:81/", "http://[::1]:81/");

	bad_url("ftp://example.com/", -EPROTONOSUPPORT);
	bad_url("file:///etc/passwd", -EPROTONOSUPPORT);
	bad_url("gopher://127.0.0.1:25/", -EPROTONOSUPPORT);
	bad_url("/relative", -EINVAL);
	bad_url("http:example.com", -EINVAL);
	bad_url("http://user:pw@example.com/", -EINVAL);
	bad_url("http://good.com@evil.com/", -EINVAL);
	bad_url("http://evil.com\\@good.com/", -EINVAL);
	bad_url("http://exa%6dple.com/", -EINVAL);
	bad_url("http://exa\nmple.com/", -EINVAL);
	bad_url("http://ex ample.com/", -EINVAL);
	bad_url("http://example.com:0/", -EINVAL);
	bad_url("http://example.com:65536/", -EINVAL);
	bad_url("http://example.com:80a/", -EINVAL);
	bad_url("http:///path", -EINVAL);
	bad_url("http://a..b/", -EINVAL);
	bad_url("http://256.1.1.1/", -EINVAL);
	bad_url("http://[fe80::1%25lo]/", -EINVAL);
	bad_url("http://[::1]x/", -EINVAL);
	bad_url("http://\xc3\xa9.com/", -EINVAL);

	resolve("http://a.com/x/y?q", "/z", "http://a.com/z");
	resolve("http://a.com/x/y?q", "z", "http://a.com/x/z");
	resolve("http://a.com/x/y?q", "../z", "http://a.com/z");
	resolve("http://a.com/x/y?q", "?r", "http://a.com/x/y?r");
	resolve("http://a.com:8080/x", "//b.com/w", "http://b.com/w");
	resolve("https://a.com/x", "http://127.0.0.1:9/", "http://127.0.0.1:9/");
	resolve("http://a.com:8080/x", "/p", "http://a.com:8080/p");
	return tap_done();
}
