/* codecell-guest: the static binary that runs one untrusted program inside
 * the sandbox. Loads the seccomp filter first, then speaks frames on fd 3
 * (docs/PROTOCOL.md): ready, start, tool/log/... , result.
 * Runs in: guest (sandbox). Input: argv and fds from the supervisor; the
 * program source, after the filter is in place.
 *
 * Usage: codecell-guest [--heap-max=BYTES] [--max-frame=BYTES] [--no-seccomp] [--trace] [--template]
 *        [--no-hugetext] [--no-pretouch] [--no-heapown] (the template's: hugetext.h,
 *        pretouch.h, heapown.h)
 *        [--image-fd=FD] (a one-shot guest: its heap from an image, image.h)
 *        codecell-guest --write-image=FILE (the build: writes that image;
 *        --image-try=N is its own, when it runs itself again: image.h)
 * --template starts the template guest (template.h): it reads the filter
 * from fd 4 without loading it, loads the prelude, and then serves runs on
 * fd 3 (the control socket); each run child continues below as a guest
 * whose options are the run's own argv.
 * --trace writes "#trace phase=ns ..." (CLOCK_MONOTONIC) to fd 2 just before
 * the result frame; the supervisor merges it into its CODECELL_TRACE output.
 * fds: 0,1 /dev/null; 2 diagnostics; 3 protocol socket; 4 BPF program; with
 * --image-fd, the heap image (read and closed before the filter). */
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <time.h>
#include <unistd.h>

#include "diag.h"
#include "ccapi.h"
#include "chan.h"
#include "duktape.h"
#include "exitcode.h"
#include "frame.h"
#include "filter.h"
#include "heapcap.h"
#include "heapown.h"
#include "heapwarm.h"
#include "hugetext.h"
#include "image.h"
#include "intl.h"
#include "jsc.h"
#include "loop.h"
#include "prelude.h"
#include "pretouch.h"
#include "lazyunit.h"
#include "template.h"
#include "duk_hooks.h"
#include "msgtype.h"
#include "native.h"

/* 256 MiB: Duktape needs ~5 KiB per suspended async call (probes.md §1f),
 * so this holds tens of thousands of them; the supervisor passes its own. */
#define GUEST_DEFAULT_HEAP_MAX (256u << 20)
/* Matches the supervisor's default frame limit (docs/PROTOCOL.md). */
#define GUEST_DEFAULT_MAX_FRAME (1u << 20)
/* A filename is only a label in stack traces. */
#define GUEST_FILENAME_MAX 256

__attribute__((format(printf, 2, 3), noreturn)) static void die(int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	diag("codecell-guest: %s\n", msg);
	_exit(status);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || end == s || *end || s[0] == '-' || v > FRAME_PAYLOAD_CEILING * 1024ull)
		return -EINVAL;
	*out = (size_t)v;
	return 0;
}

struct opts {
	size_t heap_max, max_frame;
	bool no_seccomp, trace, template_mode, no_hugetext, no_pretouch, no_heapown;
	int image_fd;            /* -1: build the heap (image.h) */
	const char *write_image; /* the build's image writer: where to */
	int image_try;           /* which of its IMAGE_TRIES processes this is */
};

/* ---- opt-in phase timing (--trace) ------------------------------------ */

/* The guest's phases: about fifteen, and one per lazy unit loaded (six);
 * the table is fixed and never grows. */
#define GUEST_TRACE_MAX 32

static struct {
	bool on;
	int n;
	const char *name[GUEST_TRACE_MAX];
	unsigned long long ns[GUEST_TRACE_MAX];
} gtrace;

static void trace_mark(const char *name)
{
	if (!gtrace.on || gtrace.n >= GUEST_TRACE_MAX)
		return;
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts); /* vDSO: no system call */
	gtrace.name[gtrace.n] = name;
	gtrace.ns[gtrace.n++] = (unsigned long long)ts.tv_sec * 1000000000ull + (unsigned long long)ts.tv_nsec;
}

/* chan before_send hook: the line must be out before the result frame,
 * because the supervisor kills the sandbox as soon as it has the result. */
static void trace_before_send(const void *payload, size_t len)
{
	static const char result[] = "{\"t\":\"result\"";
	if (len < sizeof(result) - 1 || memcmp(payload, result, sizeof(result) - 1) != 0)
		return;
	trace_mark("result-sent");
	char line[GUEST_TRACE_MAX * 48 + 16];
	int off = snprintf(line, sizeof(line), "#trace");
	for (int i = 0; i < gtrace.n && off < (int)sizeof(line); i++)
		off += snprintf(line + off, sizeof(line) - (size_t)off, " %s=%llu", gtrace.name[i], gtrace.ns[i]);
	if (off < (int)sizeof(line) - 1) {
		line[off++] = '\n';
		(void)!write(2, line, (size_t)off);
	}
	gtrace.n = 0;
}

static void parse_args(int argc, char **argv, struct opts *o)
{
	o->heap_max = GUEST_DEFAULT_HEAP_MAX;
	o->max_frame = GUEST_DEFAULT_MAX_FRAME;
	o->no_seccomp = false;
	o->trace = false;
	o->template_mode = false;
	o->no_hugetext = false;
	o->no_pretouch = false;
	o->no_heapown = false;
	o->image_fd = -1;
	o->write_image = NULL;
	o->image_try = 1;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--heap-max=", 11) == 0) {
			if (parse_size(a + 11, &o->heap_max) < 0 || o->heap_max < HEAPCAP_MIN)
				die(GUEST_EXIT_USAGE, "--heap-max needs a byte count of at least %u", HEAPCAP_MIN);
		} else if (strncmp(a, "--max-frame=", 12) == 0) {
			if (parse_size(a + 12, &o->max_frame) < 0 || o->max_frame < 1024 ||
			    o->max_frame > FRAME_PAYLOAD_CEILING)
				die(GUEST_EXIT_USAGE, "--max-frame needs a byte count between 1024 and %u",
				    FRAME_PAYLOAD_CEILING);
		} else if (strcmp(a, "--no-seccomp") == 0) {
			o->no_seccomp = true;
		} else if (strcmp(a, "--trace") == 0) {
			o->trace = true;
		} else if (strcmp(a, "--template") == 0) {
			o->template_mode = true;
		} else if (strcmp(a, "--no-hugetext") == 0) {
			o->no_hugetext = true;
		} else if (strcmp(a, "--no-pretouch") == 0) {
			o->no_pretouch = true;
		} else if (strcmp(a, "--no-heapown") == 0) {
			o->no_heapown = true;
		} else if (strncmp(a, "--image-fd=", 11) == 0) {
			size_t fd;
			if (parse_size(a + 11, &fd) < 0 || fd < 5 || fd > 64)
				die(GUEST_EXIT_USAGE, "--image-fd needs a descriptor between 5 and 64");
			o->image_fd = (int)fd;
		} else if (strncmp(a, "--write-image=", 14) == 0 && a[14]) {
			o->write_image = a + 14;
		} else if (strncmp(a, "--image-try=", 12) == 0) {
			size_t n;
			if (parse_size(a + 12, &n) < 0 || n < 1 || n > IMAGE_TRIES)
				die(GUEST_EXIT_USAGE, "--image-try needs a number between 1 and %d", IMAGE_TRIES);
			o->image_try = (int)n;
		} else {
			die(GUEST_EXIT_USAGE,
			    "unknown argument '%.64s'; usage: codecell-guest "
			    "[--heap-max=BYTES] [--max-frame=BYTES] [--no-seccomp] [--trace] [--template] "
			    "[--no-hugetext] [--no-pretouch] [--no-heapown] [--image-fd=FD] [--write-image=FILE "
			    "[--image-try=N]]",
			    a);
		}
	}
}

/* Reads and checks the start frame; leaves the decoded object on the stack. */
static void read_start(duk_context *ctx, struct chan *ch)
{
	const uint8_t *p;
	size_t n;
	int r = chan_recv(ch, -1, &p, &n);
	if (r == -EMSGSIZE)
		die(GUEST_EXIT_PROTOCOL,
		    "protocol error from the supervisor: the start frame exceeds --max-frame (%zu bytes)",
		    ch->max_frame);
	if (r < 0)
		die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: no start frame (%s)", strerror(-r));
	if (loop_decode(ctx, p, n) < 0)
		die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: malformed start frame: %s",
		    duk_safe_to_string(ctx, -1));
	if (!duk_is_object(ctx, -1) || duk_is_array(ctx, -1))
		die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: the start frame is not an object");
	duk_get_prop_string(ctx, -1, "t");
	const char *t = duk_get_string(ctx, -1);
	if (!t || strcmp(t, msgtype_name(MSG_START)) != 0)
		die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: expected \"start\", got %.40s",
		    t ? t : "no type");
	duk_pop(ctx);
	duk_get_prop_string(ctx, -1, "code");
	if (!duk_is_string(ctx, -1))
		die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: start.code is not a string");
	duk_pop(ctx);
	static const char *const objs[] = {"namespaces", "env", "intl"};
	for (int i = 0; i < 3; i++) {
		duk_get_prop_string(ctx, -1, objs[i]);
		if (!duk_is_undefined(ctx, -1) &&
		    (!duk_is_object(ctx, -1) || duk_is_array(ctx, -1) || duk_is_function(ctx, -1)))
			die(GUEST_EXIT_PROTOCOL, "protocol error from the supervisor: start.%s is not an object",
			    objs[i]);
		duk_pop(ctx);
	}
}

/* Compiles the program and hands it to __cc.run(fn, compileError, lineMap). */
static int start_program(duk_context *ctx, struct ccapi *api)
{
	/* stack: [start] */
	duk_get_prop_string(ctx, -1, "filename");
	const char *fname = duk_get_string(ctx, -1);
	char filename[GUEST_FILENAME_MAX + 1];
	snprintf(filename, sizeof(filename), "%s", fname && *fname ? fname : "main.js");
	duk_pop(ctx);

	/* The operator's Intl defaults: stored only; ICU reads them on first use. */
	duk_get_prop_string(ctx, -1, "intl");
	if (duk_is_object(ctx, -1)) {
		ccapi_push(ctx);
		duk_get_prop_string(ctx, -1, "intlConfigure");
		if (duk_is_function(ctx, -1)) {
			duk_get_prop_string(ctx, -3, "locale");
			duk_get_prop_string(ctx, -4, "timeZone");
			(void)duk_pcall(ctx, 2);
		}
		duk_pop_2(ctx);
	}
	duk_pop(ctx);

	duk_get_prop_string(ctx, -1, "namespaces");
	duk_get_prop_string(ctx, -2, "env");
	duk_push_string(ctx, filename);
	/* The supervisor's in-flight window: requests past it wait in the
	 * prelude (absent from an older supervisor: undefined, no window). */
	duk_get_prop_string(ctx, -4, "maxInflight");
	if (loop_call(ctx, api, "setup", 4) < 0)
		return -1;
	duk_pop(ctx);
	trace_mark("setup");

	duk_get_prop_string(ctx, -1, "code");
	duk_size_t len;
	const char *src = duk_get_lstring(ctx, -1, &len);
	struct jsc_options jo = {.filename = filename, .shape = JSC_SHAPE_AUTO, .callees_apart = true};
	struct jsc_output out;
	int r = jsc_compile(src, len, &jo, &out);
	trace_mark("lowered");
	duk_pop(ctx);
	if (r < 0) {
		duk_push_undefined(ctx);
		duk_push_object(ctx);
		duk_push_string(ctx, "SyntaxError");
		duk_put_prop_string(ctx, -2, "name");
		duk_push_string(ctx, out.error ? out.error
		                               : (r == -ENOMEM ? "out of memory compiling the program"
		                                               : "the program could not be compiled"));
		duk_put_prop_string(ctx, -2, "message");
		duk_push_int(ctx, out.error_line);
		duk_put_prop_string(ctx, -2, "line");
		duk_push_int(ctx, out.error_column);
		duk_put_prop_string(ctx, -2, "column");
		duk_push_undefined(ctx);
		duk_push_undefined(ctx);
	} else {
		/* The callee table goes to messages.js's holder on the internal
		 * object, not into the program as a global (callees.h). */
		if (out.callees) {
			ccapi_push(ctx);
			duk_get_prop_string(ctx, -1, "calleeTable");
			if (duk_is_object(ctx, -1)) {
				duk_push_lstring(ctx, out.callees, out.callees_len);
				duk_put_prop_string(ctx, -2, "json");
			}
			duk_pop_2(ctx);
		}
		duk_push_string(ctx, filename);
		if (duk_pcompile_lstring_filename(ctx, 0, out.code, out.code_len) != 0) {
			duk_push_undefined(ctx);
			duk_swap(ctx, -2, -1); /* [undefined error] */
		} else {
			duk_push_undefined(ctx);
		}
		/* Generated line -> original line and column, so stacks name
		 * the user's position (the compiler puts each statement on its
		 * own generated line; Duktape reports lines only). */
		for (int which = 0; which < 2; which++) {
			const int *map = which == 0 ? out.line_map : out.col_map;
			if (out.line_map_len > 0 && map) {
				duk_idx_t arr = duk_push_array(ctx);
				for (size_t i = 0; i < out.line_map_len; i++) {
					duk_push_int(ctx, map[i]);
					duk_put_prop_index(ctx, arr, (duk_uarridx_t)i);
				}
			} else {
				duk_push_undefined(ctx);
			}
		}
	}
	jsc_output_free(&out);
	trace_mark("duk-compiled");
	if (loop_call(ctx, api, "run", 4) < 0)
		return -1;
	duk_pop(ctx);
	trace_mark("program-started");
	return 0;
}

/* One program on the protocol socket fd: ready, start, the run, the
 * result. Returns the guest's exit status. */
static int serve_program(duk_context *ctx, struct ccapi *api, int fd, const struct opts *o)
{
	chan_init(api->chan, fd, o->max_frame);
	if (o->trace)
		api->chan->before_send = trace_before_send;

	static const char ready[] = "{\"t\":\"ready\"}";
	int r = chan_send(api->chan, ready, sizeof(ready) - 1);
	if (r < 0)
		die(GUEST_EXIT_IO, "cannot send ready: %s", strerror(-r));
	trace_mark("ready-sent");

	read_start(ctx, api->chan);
	trace_mark("start-received");
	if (start_program(ctx, api) < 0)
		return GUEST_EXIT_OK;
	duk_pop(ctx);
	return loop_run(ctx, api);
}

/* A template's run child, and the probe that learns its pages
 * (pretouch.h), start alike. */
struct child_start {
	duk_context *ctx;
	struct ccapi *api;
	struct heapcap *heap;
	const void *heap_lo, *heap_hi; /* what the template built */
	struct opts o;                 /* the run's own options */
};

/* What the template's start fixed and a run must not share: the run's own
 * limits, and no random numbers drawn before the fork (they would repeat in
 * every child). Date, the timers' clock and crypto read the kernel at each
 * call; the timer queue and ids are still the prelude's pristine ones. The
 * template's heap is left as it is where it can be (heapcap.h, duk_hooks.h). */
static void child_prepare(struct child_start *c)
{
	heapcap_set_max(c->heap, c->o.heap_max);
	heapcap_freeze(c->heap, c->heap_lo, c->heap_hi, NULL);
	duk_hooks_forget_freelists(c->ctx);
	duk_hooks_random_reset();
}

/* The fixed program the probe runs: an async arrow that maps an array and
 * returns an object, the shape and the runtime a code-mode program uses
 * (lowering, a Promise, JSON of the result), sent as one frame. */
#define PROBE_START_JSON                                                                                               \
	"{\"t\":\"start\",\"code\":\"async () => { const xs = [1, 2, 3].map((x) => x * 2); "                           \
	"return { n: xs.length, s: JSON.stringify(xs) }; }\",\"filename\":\"main.js\","                                \
	"\"namespaces\":{\"codemode\":null},\"env\":{},\"maxInflight\":64}"

static int probe_run(int fd, void *arg)
{
	struct child_start *c = arg;
	child_prepare(c);
	return serve_program(c->ctx, c->api, fd, &c->o);
}

/* The template learns which of its heap pages a run touches (pretouch.h). */
static void learn_pages(struct pretouch *pt, struct child_start *c)
{
	static const char json[] = PROBE_START_JSON;
	uint8_t frame[FRAME_HEADER_BYTES + sizeof json];
	size_t n = sizeof json - 1;
	if (frame_encode_header(frame, n) < 0)
		return;
	memcpy(frame + FRAME_HEADER_BYTES, json, n);
	int e = pretouch_learn(pt, c->heap_lo, c->heap_hi, frame, FRAME_HEADER_BYTES + n, probe_run, c);
	if (gtrace.on)
		diag("#pretouch %s: %zu pages read, %zu written\n", e < 0 ? strerror(-e) : "learned", pt->read,
		     pt->wrote);
}

/* What a run child makes its own before its filter. */
struct ahead {
	struct pretouch pt;
	struct heapown own;
	/* The template's: how many of own's blocks hold every page pt
	 * learned (0: none do), found once, not in every child. */
	int learned_blocks;
	bool own_all; /* the child's: its copies hold every page pt learned */
	/* The template's: malloc's top chunk as it left it before serving
	 * (heapown_used checks it is still there). */
	uintptr_t top;
};

/* In the template, once it has learned. */
static void ahead_learned(struct ahead *a)
{
	a->learned_blocks = 0;
	for (int k = 1; a->own.lo + (uintptr_t)k * HEAPOWN_BLOCK_BYTES <= a->own.hi; k++) {
		if (pretouch_within(&a->pt, a->own.lo, a->own.lo + (uintptr_t)k * HEAPOWN_BLOCK_BYTES)) {
			a->learned_blocks = k;
			return;
		}
	}
}

/* template_serve's hook in each run child, before its filter: its own
 * copy of the template's huge-page heap blocks (heapown.h); of the pages a
 * run writes, where that left any shared (pretouch.h). */
static void populate_ahead(void *arg)
{
	struct ahead *a = arg;
	/* Malloc's top as this child has it, and its header: every byte of
	 * the heap below is in use or malloc's own, whatever the template
	 * allocated after it learned; above is free memory, zero in a copy. */
	struct heapown own = a->own;
	own.used = heapown_used(a->top);
	int n = heapown_take(&own);
	a->own_all = a->learned_blocks > 0 && n >= a->learned_blocks;
	if (!a->own_all)
		pretouch_populate(&a->pt);
}

/* The guest's state: static, so that a heap built by the image writer
 * finds it at the same address in every process of this binary (image.h). */
static struct heapcap heap;
static struct chan ch;
static struct ccapi api = {.chan = &ch, .heap = &heap};

/* Duktape's heap with the natives and the prelude, sealed; what an image
 * holds. heapcap_init, ccapi_attach and lazyunit_set_hook come first.
 * collect: collected as it goes (prelude.h), for the builds that every run
 * then starts from, the image writer's and the template's: smaller, and
 * the template's then fits its run children's one huge page (heapown.h).
 * A one-shot guest that builds its own heap does not pay for that. */
static duk_context *build_runtime(bool template_mode, bool collect)
{
	/* No heap fatal handler: DUK_USE_FATAL_HANDLER (duk/duk_config.h.in)
	 * covers every fatal path, with or without a heap. */
	duk_context *ctx = duk_create_heap(heapcap_alloc, heapcap_realloc, heapcap_free, &heap, NULL);
	if (!ctx)
		die(GUEST_EXIT_INTERNAL, "cannot create the Duktape heap");
	ccapi_install(ctx);
	/* Registers the natives on __cc: the RegExp engine's, and Intl's (ICU
	 * itself starts on the first Intl call). */
	ccapi_push(ctx);
	regexp_native_install(ctx);
	intl_install(ctx, -1);
	lazyunit_install(ctx, -1);
	duk_pop(ctx);
	trace_mark("heap-created");
	if (prelude_load(ctx, collect) < 0)
		_exit(GUEST_EXIT_INTERNAL);
	/* The template builds the lazy units now, once: its runs start from a
	 * copy of that heap, so loading them there would be paid per run. */
	if (template_mode) {
		ccapi_push(ctx);
		if (lazyunit_preload(ctx, -1) < 0)
			_exit(GUEST_EXIT_INTERNAL);
		duk_pop(ctx);
		if (collect)
			duk_gc(ctx, 0);
	}
	trace_mark("prelude-loaded");
	/* The prelude is done: internals become unreachable (ccapi.h). */
	if (ccapi_seal(ctx) < 0)
		_exit(GUEST_EXIT_INTERNAL);
	return ctx;
}

/* Does each new process get a fresh address layout? Not under
 * `setarch -R` (the personality flag) nor with randomize_va_space 0. */
static bool layout_randomized(void)
{
	int p = personality(0xffffffff);
	if (p != -1 && (p & ADDR_NO_RANDOMIZE))
		return false;
	FILE *f = fopen("/proc/sys/kernel/randomize_va_space", "re");
	int v = 2;
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = 2;
		fclose(f);
	}
	return v != 0;
}

/* The build's image writer (image.h): no sandbox, no program. */
static int write_image(const char *path, int attempt)
{
	/* Before image_begin's record of the statics. */
	bool last = attempt >= IMAGE_TRIES || !layout_randomized();
	/* The trace's table is static data: the image must not depend on it. */
	gtrace.on = false;
	heapcap_init(&heap, 0);
	ccapi_attach(&api);
	lazyunit_set_hook(trace_mark);
	int e = image_begin(&heap);
	if (e < 0)
		die(GUEST_EXIT_INTERNAL, "image: cannot map the arena at 0x%llx: %s", IMAGE_BASE, strerror(-e));
	duk_context *ctx = build_runtime(false, true);
	/* What is left unreachable is freed now, not by every run's first
	 * collection; the heap's counts then hold only what a run can reach. */
	duk_gc(ctx, 0);
	/* Caches of the natives start empty in any new process. */
	regexp_native_forget();
	int r = image_write(path, &heap, ctx, last);
	if (r == IMAGE_LAYOUT) {
		/* Words of data under this layout's mappings: the same build in
		 * a fresh process, whose layout the kernel draws again. */
		char arg_path[4096 + 16], arg_try[32];
		snprintf(arg_path, sizeof arg_path, "--write-image=%s", path);
		snprintf(arg_try, sizeof arg_try, "--image-try=%d", attempt + 1);
		char *argv[] = {"codecell-guest", arg_path, arg_try, NULL};
		execv("/proc/self/exe", argv);
		die(GUEST_EXIT_INTERNAL, "image: cannot run the writer again: %s", strerror(errno));
	}
	return r == IMAGE_WRITTEN ? 0 : GUEST_EXIT_INTERNAL;
}

int main(int argc, char **argv)
{
	struct opts o;
	parse_args(argc, argv, &o);
	gtrace.on = o.trace;
	trace_mark("main");
	if (o.write_image)
		return write_image(o.write_image, o.image_try);

	/* Before the filter: with TZ set and tzset() done, Date never tries to
	 * open /etc/localtime (sandbox_anchors.md §6.2). */
	setenv("TZ", "UTC", 1);
	tzset();

	/* The template's run children inherit its code and constant data: on
	 * huge pages they map them in a few entries (hugetext.h). */
	if (o.template_mode && !o.no_hugetext)
		hugetext_remap();
	/* The template's run children inherit its heap: on huge pages, each
	 * run child copies it whole into huge pages of its own (heapown.h);
	 * with --no-heapown, on small pages, which they share page by page
	 * (heapwarm.h). */
	void *heap_lo = sbrk(0);
	static struct ahead ahead;
	if (o.template_mode && o.no_heapown) {
		heapwarm(HEAPWARM_START_BYTES);
	} else if (o.template_mode) {
		uintptr_t first = 0;
		int n = heapwarm_huge(HEAPWARM_TEMPLATE_BYTES, &first);
		ahead.own.lo = first;
		ahead.own.hi = first + (uintptr_t)n * HEAPOWN_BLOCK_BYTES;
	} else {
		(void)heapwarm_huge(HEAPWARM_START_BYTES, NULL);
	}
	trace_mark("heapwarm");

	heapcap_init(&heap, o.heap_max);
	ccapi_attach(&api);
	lazyunit_set_hook(trace_mark);
	/* Before the filter (it allows no pread), from a file as trusted as
	 * this binary, and before any program byte. */
	duk_context *ctx = NULL;
	if (o.image_fd >= 0 && !o.template_mode) {
		const char *why = NULL;
		ctx = image_restore(o.image_fd, &heap, &why);
		/* A trace phase either way: the reason is a fixed string. */
		trace_mark(ctx ? "image-restored" : why);
	}
	if (o.image_fd >= 0)
		close(o.image_fd);

	/* The template is no guest: it reads no program, so it keeps the
	 * filter for its run children, which load it before they read
	 * anything (template.c). */
	if (o.template_mode && !o.no_seccomp) {
		int r = filter_read_from_fd(FILTER_FD);
		if (r < 0)
			die(GUEST_EXIT_SANDBOX, "cannot read the seccomp filter from fd %d: %s", FILTER_FD,
			    strerror(-r));
	}
	/* First act that matters: nothing from fd 3 is read before this. */
	if (!o.no_seccomp && !o.template_mode) {
		int r = filter_load_from_fd(FILTER_FD);
		if (r < 0)
			die(GUEST_EXIT_SANDBOX, "cannot load the seccomp filter from fd %d: %s", FILTER_FD,
			    strerror(-r));
	}
	trace_mark("filter-loaded");

	if (!ctx)
		ctx = build_runtime(o.template_mode, o.template_mode);

	if (o.template_mode) {
		/* Everything the template built lies between the break at its
		 * start and the free top of malloc's heap: its run children
		 * leave those objects' reference counts alone (duk_hooks.h). */
		heapwarm_drain();
		struct mallinfo2 mi = mallinfo2();
		char *heap_hi = (char *)sbrk(0) - mi.keepcost;
		duk_hooks_set_immortal(heap_lo, heap_hi);
		struct child_start cs = {
		        .ctx = ctx, .api = &api, .heap = &heap, .heap_lo = heap_lo, .heap_hi = heap_hi, .o = o};
		if (!o.no_pretouch)
			learn_pages(&ahead.pt, &cs);
		ahead_learned(&ahead);
		/* Returns in a run child only: sandboxed, filtered, fds 0-3;
		 * the pages a run will write copied before its filter. */
		static struct template_run run __attribute__((aligned(4096)));
		ahead.top = (uintptr_t)sbrk(0) - mallinfo2().keepcost;
		struct heapown unused = ahead.own;
		unused.used = heapown_used(ahead.top);
		(void)heapown_release(&unused);
		template_serve(!o.no_seccomp, &run, populate_ahead, &ahead);
		parse_args(run.argc, run.argv, &o);
		if (o.template_mode)
			die(GUEST_EXIT_USAGE, "a run's argv cannot ask for --template");
		cs.o = o;
		child_prepare(&cs);
		/* While no program is here yet: the pages a run will touch. */
		if (!ahead.own_all)
			pretouch_apply(&ahead.pt);
		/* Written only when it changes: an untouched page stays the
		 * template's, one copy-on-write fault fewer per run. */
		if (gtrace.on != o.trace || gtrace.n) {
			gtrace.on = o.trace;
			gtrace.n = 0;
		}
		trace_mark("template-child");
	}
	/* Exit without tearing the heap down: the process is done, and a
	 * destroy would only cost time (probes.md §2: ~0.1 ms). */
	_exit(serve_program(ctx, &api, FILTER_SOCK_FD, &o));
}
