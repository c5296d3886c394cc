/* Unit tests for guest/image.c: a heap written by the image writer comes
 * back at the same address with the same bytes and counts; the writer
 * refuses a heap that points at memory only it had, or whose building
 * changed a static variable; a damaged or foreign image is refused with
 * its reason and leaves nothing mapped.
 * Runs in: test binary; each writer and each restore runs in a forked
 * child (the arena's address can be mapped once per process), which
 * reports through its exit status. Input: none. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "heapcap.h"
#include "image.h"
#include "tap.h"

/* A heap's blocks as the test builds them: linked, and pointing at this
 * binary's constant data, as Duktape's objects point at natives. */
struct node {
	struct node *next;
	const char *label;
	uint64_t value;
};

static const char label[] = "built before the image";
static volatile int touched_static;

static int status_of(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) < 0 || !WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st);
}

/* How the writer child builds its heap. */
enum build { BUILD_CLEAN, BUILD_FOREIGN_POINTER, BUILD_STATIC_CHANGED, BUILD_BOTH };

/* Writes an image of two linked nodes to path in a child; its exit
 * status is image_write's verdict (0 written, 1 refused, 2 setup, 3 try
 * a fresh layout), with last_try as given. */
static int write_in_child(const char *path, enum build how, bool last_try)
{
	pid_t pid = fork();
	if (pid != 0)
		return status_of(pid);
	/* Before image_begin: made by the writer, not by the heap. */
	void *elsewhere = malloc(64);
	struct heapcap h;
	heapcap_init(&h, 0);
	if (!elsewhere || image_begin(&h) < 0)
		_exit(2);
	struct node *a = heapcap_alloc(&h, sizeof *a), *b = heapcap_alloc(&h, sizeof *b);
	/* Freed and made again: the arena reuses what is freed. */
	void *tmp = heapcap_alloc(&h, 100);
	heapcap_free(&h, tmp);
	if (!a || !b || heapcap_alloc(&h, 100) != tmp)
		_exit(2);
	*b = (struct node){NULL, label, 42};
	*a = (struct node){b, label, 7};
	if (how == BUILD_FOREIGN_POINTER || how == BUILD_BOTH)
		a->label = elsewhere;
	if (how == BUILD_STATIC_CHANGED || how == BUILD_BOTH)
		touched_static = 1;
	switch (image_write(path, &h, a, last_try)) {
	case IMAGE_WRITTEN: _exit(0);
	case IMAGE_REFUSED: _exit(1);
	case IMAGE_LAYOUT: _exit(3);
	}
	_exit(2);
}

/* Is anything mapped at the image's address in this process? */
static int base_mapped(void)
{
	return msync((void *)(uintptr_t)IMAGE_BASE, 4096, MS_ASYNC) == 0 || errno != ENOMEM;
}

/* Restores path in a child and checks what came back. Exit status: 0 the
 * heap is as written; 1 refused with `want` as the reason and nothing
 * mapped; 2 anything else. */
static int restore_in_child(const char *path, const char *want)
{
	pid_t pid = fork();
	if (pid != 0)
		return status_of(pid);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct heapcap h;
	heapcap_init(&h, 8u << 20);
	const char *why = NULL;
	struct node *a = fd >= 0 ? image_restore(fd, &h, &why) : NULL;
	if (!a)
		_exit(why && want && strcmp(why, want) == 0 && !base_mapped() ? 1 : 2);
	if ((uintptr_t)a < IMAGE_BASE || !a->next || a->value != 7 || a->next->value != 42 || a->label != label ||
	    strcmp(a->next->label, label) != 0)
		_exit(2);
	/* Counted as the writer counted; a freed restored block is uncounted
	 * and left in place; a grown one is copied out. */
	size_t used = h.used;
	if (used < 2 * sizeof *a)
		_exit(2);
	struct node *b = a->next;
	heapcap_free(&h, b);
	if (h.used != used - sizeof *b || b->value != 42)
		_exit(2);
	struct node *grown = heapcap_realloc(&h, a, 4096);
	if (!grown || grown == a || grown->value != 7 || a->value != 7 ||
	    h.used != used - sizeof *b - sizeof *a + malloc_usable_size(grown))
		_exit(2);
	_exit(0);
}

static int copy_file(const char *from, const char *to)
{
	char buf[65536];
	int in = open(from, O_RDONLY), out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n;
	int r = in >= 0 && out >= 0 ? 0 : -1;
	while (r == 0 && (n = read(in, buf, sizeof buf)) > 0)
		r = write(out, buf, (size_t)n) == n ? 0 : -1;
	if (in >= 0)
		close(in);
	if (out >= 0)
		close(out);
	return r;
}

static int patch_byte(const char *path, off_t at)
{
	int fd = open(path, O_RDWR);
	unsigned char c;
	int r = fd >= 0 && pread(fd, &c, 1, at) == 1 ? 0 : -1;
	c ^= 0xff;
	if (r == 0 && pwrite(fd, &c, 1, at) != 1)
		r = -1;
	if (fd >= 0)
		close(fd);
	return r;
}

int main(void)
{
	char dir[] = "/tmp/test-image-XXXXXX";
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	char good[256], bad[256];
	snprintf(good, sizeof good, "%s/good.image", dir);
	snprintf(bad, sizeof bad, "%s/bad.image", dir);

	TAP_EQ_INT(write_in_child(good, BUILD_CLEAN, false), 0,
	           "a heap of its own blocks and constant data is written");
	TAP_EQ_INT(restore_in_child(good, NULL), 0,
	           "it comes back at its address, linked, counted; freed or grown blocks are left in place");
	TAP_EQ_INT(write_in_child(bad, BUILD_FOREIGN_POINTER, true), 1,
	           "on the last try, a heap pointing at the writer's malloc heap is refused");
	TAP_EQ_INT(write_in_child(bad, BUILD_FOREIGN_POINTER, false), 3,
	           "before it, the same heap asks for a fresh layout and writes nothing");
	tap_ok(access(bad, F_OK) != 0 && access(good, F_OK) == 0, "(no file written for a refused or retried heap)");
	TAP_EQ_INT(write_in_child(bad, BUILD_STATIC_CHANGED, false), 1,
	           "a heap whose building changed a static variable is refused on any try");
	TAP_EQ_INT(write_in_child(bad, BUILD_BOTH, false), 1,
	           "a changed static and a foreign pointer together are refused on any try");

	struct stat st;
	tap_ok(stat(good, &st) == 0 && st.st_size > 4096, "the image is a header page and the arena");
	tap_ok(copy_file(good, bad) == 0 && patch_byte(bad, 0) == 0, "(a copy with its magic broken)");
	TAP_EQ_INT(restore_in_child(bad, "image-malformed"), 1, "a broken magic is refused as malformed");
	tap_ok(copy_file(good, bad) == 0 && truncate(bad, st.st_size - 1) == 0, "(a copy one byte short)");
	TAP_EQ_INT(restore_in_child(bad, "image-malformed"), 1, "a file whose size is not the header's is refused");
	tap_ok(copy_file(good, bad) == 0 && patch_byte(bad, 12) == 0, "(a copy with another build ID)");
	TAP_EQ_INT(restore_in_child(bad, "image-foreign"), 1, "an image of another binary is refused");
	tap_ok(copy_file(good, bad) == 0 && truncate(bad, 0) == 0, "(an empty copy)");
	TAP_EQ_INT(restore_in_child(bad, "image-unreadable"), 1, "an empty file is refused");

	/* The address already in use: the restore must not replace it. */
	pid_t pid = fork();
	if (pid == 0) {
		void *p = mmap((void *)(uintptr_t)IMAGE_BASE, 4096, PROT_READ | PROT_WRITE,
		               MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		*(volatile char *)p = 9;
		int fd = open(good, O_RDONLY);
		struct heapcap h;
		heapcap_init(&h, 0);
		const char *why = NULL;
		void *ctx = image_restore(fd, &h, &why);
		_exit(!ctx && why && strcmp(why, "image-address-taken") == 0 && *(volatile char *)p == 9 ? 0 : 2);
	}
	TAP_EQ_INT(status_of(pid), 0, "an address already mapped is left as it was and the image refused");

	unlink(good);
	unlink(bad);
	rmdir(dir);
	return tap_done();
}
