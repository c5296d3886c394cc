/* sanitized: CODECELL_SANITIZED is 1 when this file is compiled under
 * AddressSanitizer (gcc defines __SANITIZE_ADDRESS__, clang answers
 * __has_feature), else 0. For code whose behaviour must differ there: the
 * sanitizer's allocator and shadow memory change what a process maps and
 * which stacks it may run on.
 * Runs in: any binary. Input: none. */
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#define CODECELL_SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CODECELL_SANITIZED 1
#endif
#endif
#ifndef CODECELL_SANITIZED
#define CODECELL_SANITIZED 0
#endif
