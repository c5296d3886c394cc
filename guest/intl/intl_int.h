/* intl_int: helpers shared by the Intl natives (strings, errors, the cache
 * of open ICU services, parts of formatted values).
 * Runs in: guest. Input: untrusted JS values via the Duktape stack. */
#pragma once

#include <stdbool.h>
#include <unicode/udatpg.h>
#include <unicode/uformattedvalue.h>
#include <unicode/utypes.h>

#include "duktape.h"

/* A BCP 47 tag or ICU locale ID longer than this is refused: ULOC_FULLNAME_CAPACITY
 * bounds ICU's own IDs, and no tag a program means is longer. */
#define INTL_LOCALE_MAX 157
/* Any string handed to ICU (text to format, compare or segment) is capped
 * so UTF-16 conversion and ICU's int32_t lengths never overflow. */
#define INTL_TEXT_MAX (16u << 20)

/* ICU's default locale is set on the first use of any native; the default
 * time zone on the first use of a date or time service (intl_ensure_tz). */
void intl_ensure_init(duk_context *ctx);
void intl_ensure_tz(duk_context *ctx);

/* The argument at idx as UTF-16, in a buffer on the value stack (freed with
 * it; indices below the top stay valid). Throws TypeError if not a string. */
const UChar *intl_get_ustr(duk_context *ctx, duk_idx_t idx, int32_t *len);
/* Pushes UTF-16 as a JS string. */
void intl_push_ustr(duk_context *ctx, const UChar *s, int32_t len);
/* The argument at idx, a BCP 47 tag, as an ICU locale ID in out. Throws
 * RangeError if ICU cannot read it. */
void intl_get_locale(duk_context *ctx, duk_idx_t idx, char out[INTL_LOCALE_MAX + 1]);
/* Throws for a failed ICU status: RangeError naming what failed. */
void intl_check(duk_context *ctx, UErrorCode st, const char *what);

/* The cache of open ICU services, keyed by kind and a key string built by
 * the caller from everything the service was opened with. Returns NULL when
 * absent. intl_cache_put takes ownership of obj (closing the least recently
 * used entry when full). */
enum intl_kind {
	INTL_NUMFMT,
	INTL_NUMRANGE,
	INTL_PLURAL,
	INTL_DATEFMT,
	INTL_DATEITV,
	INTL_RELTIME,
	INTL_LIST,
	INTL_COLLATOR,
	INTL_DATEPG,
};
void *intl_cache_get(enum intl_kind kind, const char *key);
void intl_cache_put(enum intl_kind kind, const char *key, void *obj);
/* How many services the cache has closed so far: a pointer a caller kept
 * from intl_cache_get is still open while this has not changed. */
unsigned long long intl_cache_closed(void);

/* The locale's date pattern generator, from the cache (opening one is the
 * dearest step of a first DateTimeFormat: ~2-5 ms). */
UDateTimePatternGenerator *intl_patgen(duk_context *ctx, const char *id);

/* Pushes {s: string, f: [category, field, start, limit, ...]} for a formatted value. */
void intl_push_parts(duk_context *ctx, const UFormattedValue *fv);

/* Native tables of the other files, registered by intl_install. */
extern const duk_function_list_entry intl_format_funcs[];
extern const duk_function_list_entry intl_text_funcs[];
