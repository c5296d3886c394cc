/* text: the text natives of __cc.intl: collation, normalisation, locale
 * case mapping, segmentation, display names and lists of identifiers.
 * Runs in: guest. Input: untrusted strings (via intl.js). */
#include <stdio.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ucal.h>
#include <unicode/ucurr.h>
#include <unicode/udatpg.h>
#include <unicode/uldnames.h>
#include <unicode/ucol.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>

#include "intl_int.h"

/* Display names are short ("Traditional Chinese (Hong Kong SAR China)"). */
#define INTL_NAME_UNITS 256

/* collate(tag, sensitivity 0-3 base/accent/case/variant, ignorePunctuation,
 * numeric, caseFirst 0 false / 1 upper / 2 lower / -1 locale's, a, b) */
/* The collator n_collate used last, by the arguments that chose it: a
 * sort's comparator calls with the same ones thousands of times, and
 * reading the tag into an ICU ID (uloc_forLanguageTag) and scanning the
 * cache cost more than comparing two short strings. Valid while the cache
 * has closed nothing since (it may have closed this one). */
static struct {
	char tag[INTL_LOCALE_MAX + 1];
	size_t len;
	int opts;
	unsigned long long closed;
	UCollator *c;
} last_collator;

static UCollator *collator(duk_context *ctx, int sens, int punct, int num, int cf)
{
	duk_size_t tn;
	const char *tag = duk_require_lstring(ctx, 0, &tn);
	int opts = sens | punct << 2 | num << 3 | (cf + 1) << 4;
	if (last_collator.c && last_collator.len == tn && last_collator.opts == opts &&
	    last_collator.closed == intl_cache_closed() && memcmp(last_collator.tag, tag, tn) == 0)
		return last_collator.c;
	char id[INTL_LOCALE_MAX + 1], key[INTL_LOCALE_MAX + 32];
	intl_get_locale(ctx, 0, id);
	snprintf(key, sizeof(key), "%s|%d%d%d%d", id, sens, punct, num, cf);
	UCollator *c = intl_cache_get(INTL_COLLATOR, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!c) {
		c = ucol_open(id, &st);
		intl_check(ctx, st, "opening a collator");
		ucol_setAttribute(c, UCOL_NORMALIZATION_MODE, UCOL_ON, &st);
		static const UColAttributeValue strength[] = {UCOL_PRIMARY, UCOL_SECONDARY, UCOL_PRIMARY,
		                                              UCOL_TERTIARY};
		ucol_setAttribute(c, UCOL_STRENGTH, strength[sens], &st);
		if (sens == 2)
			ucol_setAttribute(c, UCOL_CASE_LEVEL, UCOL_ON, &st);
		/* Always set: the caller resolved the locale's default already
		 * (collatePunct), and compare must agree with resolvedOptions. */
		ucol_setAttribute(c, UCOL_ALTERNATE_HANDLING, punct ? UCOL_SHIFTED : UCOL_NON_IGNORABLE, &st);
		if (num)
			ucol_setAttribute(c, UCOL_NUMERIC_COLLATION, UCOL_ON, &st);
		if (cf >= 0)
			ucol_setAttribute(c, UCOL_CASE_FIRST,
			                  cf == 1   ? UCOL_UPPER_FIRST
			                  : cf == 2 ? UCOL_LOWER_FIRST
			                            : UCOL_OFF,
			                  &st);
		if (U_FAILURE(st))
			ucol_close(c);
		intl_check(ctx, st, "setting collator options");
		intl_cache_put(INTL_COLLATOR, key, c);
	}
	/* tn <= INTL_LOCALE_MAX: intl_get_locale refused longer tags. */
	memcpy(last_collator.tag, tag, tn);
	last_collator.len = tn;
	last_collator.opts = opts;
	last_collator.closed = intl_cache_closed();
	last_collator.c = c;
	return c;
}

static bool ascii(const char *s, duk_size_t n)
{
	for (duk_size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] & 0x80)
			return false;
	return true;
}

static duk_ret_t n_collate(duk_context *ctx)
{
	intl_ensure_init(ctx);
	int sens = duk_require_int(ctx, 1), punct = duk_to_boolean(ctx, 2), num = duk_to_boolean(ctx, 3),
	    cf = duk_require_int(ctx, 4);
	if (sens < 0 || sens > 3 || cf < -1 || cf > 2)
		return duk_range_error(ctx, "Intl: bad collator options");
	UCollator *c = collator(ctx, sens, punct, num, cf);
	duk_size_t na, nb;
	const char *a = duk_require_lstring(ctx, 5, &na), *b = duk_require_lstring(ctx, 6, &nb);
	if (na <= INTL_TEXT_MAX && nb <= INTL_TEXT_MAX && ascii(a, na) && ascii(b, nb)) {
		/* ASCII is the same text in UTF-8: no conversion to UTF-16. */
		UErrorCode st = U_ZERO_ERROR;
		UCollationResult r = ucol_strcollUTF8(c, a, (int32_t)na, b, (int32_t)nb, &st);
		intl_check(ctx, st, "comparing");
		duk_push_int(ctx, (int)r);
		return 1;
	}
	int32_t ua, ub;
	const UChar *u = intl_get_ustr(ctx, 5, &ua);
	const UChar *v = intl_get_ustr(ctx, 6, &ub);
	duk_push_int(ctx, (int)ucol_strcoll(c, u, ua, v, ub));
	return 1;
}

/* collatePunct(tag): whether the locale's collation ignores punctuation
 * by default (Thai's does), ECMA-402's default for ignorePunctuation. */
static duk_ret_t n_collate_punct(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1], key[INTL_LOCALE_MAX + 32];
	intl_get_locale(ctx, 0, id);
	snprintf(key, sizeof(key), "%s|default", id);
	UCollator *c = intl_cache_get(INTL_COLLATOR, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!c) {
		c = ucol_open(id, &st);
		intl_check(ctx, st, "opening a collator");
		intl_cache_put(INTL_COLLATOR, key, c);
	}
	UColAttributeValue v = ucol_getAttribute(c, UCOL_ALTERNATE_HANDLING, &st);
	intl_check(ctx, st, "reading a collator's defaults");
	duk_push_boolean(ctx, v == UCOL_SHIFTED);
	return 1;
}

/* normalize(s, form 0-3 NFC/NFD/NFKC/NFKD) */
static duk_ret_t n_normalize(duk_context *ctx)
{
	intl_ensure_init(ctx);
	int form = duk_require_int(ctx, 1);
	UErrorCode st = U_ZERO_ERROR;
	const UNormalizer2 *nz = form == 0   ? unorm2_getNFCInstance(&st)
	                         : form == 1 ? unorm2_getNFDInstance(&st)
	                         : form == 2 ? unorm2_getNFKCInstance(&st)
	                         : form == 3 ? unorm2_getNFKDInstance(&st)
	                                     : NULL;
	if (!nz)
		return duk_range_error(ctx, "Intl: bad normalization form");
	intl_check(ctx, st, "loading normalization data");
	int32_t n;
	const UChar *s = intl_get_ustr(ctx, 0, &n);
	if (unorm2_isNormalized(nz, s, n, &st) && U_SUCCESS(st)) {
		duk_dup(ctx, 0);
		return 1;
	}
	st = U_ZERO_ERROR;
	int32_t m = unorm2_normalize(nz, s, n, NULL, 0, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR)
		intl_check(ctx, st, "normalizing");
	st = U_ZERO_ERROR;
	UChar *out = duk_push_fixed_buffer(ctx, ((duk_size_t)m + 1) * sizeof(UChar));
	m = unorm2_normalize(nz, s, n, out, m + 1, &st);
	intl_check(ctx, st, "normalizing");
	intl_push_ustr(ctx, out, m);
	return 1;
}

/* casemap(s, tag, upper) */
static duk_ret_t n_casemap(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 1, id);
	bool upper = duk_to_boolean(ctx, 2);
	int32_t n;
	const UChar *s = intl_get_ustr(ctx, 0, &n);
	UErrorCode st = U_ZERO_ERROR;
	int32_t m = upper ? u_strToUpper(NULL, 0, s, n, id, &st) : u_strToLower(NULL, 0, s, n, id, &st);
	if (st != U_BUFFER_OVERFLOW_ERROR)
		intl_check(ctx, st, "case mapping");
	st = U_ZERO_ERROR;
	UChar *out = duk_push_fixed_buffer(ctx, ((duk_size_t)m + 1) * sizeof(UChar));
	m = upper ? u_strToUpper(out, m + 1, s, n, id, &st) : u_strToLower(out, m + 1, s, n, id, &st);
	intl_check(ctx, st, "case mapping");
	intl_push_ustr(ctx, out, m);
	return 1;
}

/* segment(tag, granularity 0-2 grapheme/word/sentence, s): the boundaries as
 * [0, status, b1, status, ..., length]; a word segment is word-like when
 * the status at its end is at least UBRK_WORD_NONE_LIMIT. */
static duk_ret_t n_segment(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	int gran = duk_require_int(ctx, 1);
	if (gran < 0 || gran > 2)
		return duk_range_error(ctx, "Intl: bad segmenter granularity");
	int32_t n;
	const UChar *s = intl_get_ustr(ctx, 2, &n);
	static const UBreakIteratorType types[] = {UBRK_CHARACTER, UBRK_WORD, UBRK_SENTENCE};
	UErrorCode st = U_ZERO_ERROR;
	UBreakIterator *bi = ubrk_open(types[gran], id, s, n, &st);
	intl_check(ctx, st, "opening a break iterator");
	duk_idx_t arr = duk_push_array(ctx);
	duk_uarridx_t k = 0;
	for (int32_t p = ubrk_first(bi); p != UBRK_DONE; p = ubrk_next(bi)) {
		duk_push_int(ctx, p);
		duk_put_prop_index(ctx, arr, k++);
		duk_push_int(ctx, ubrk_getRuleStatus(bi));
		duk_put_prop_index(ctx, arr, k++);
	}
	ubrk_close(bi);
	return 1;
}

/* ---- display names and supported values -------------------------------- */

/* dispName(tag, kind 0-5 language/region/script/currency/calendar/dateTimeField,
 * code, style 0-2 long/short/narrow, dialect): the localized name, or the
 * code itself when the data has none (ICU's substitution, as V8 uses it). */
static duk_ret_t n_disp_name(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	int kind = duk_require_int(ctx, 1), style = duk_require_int(ctx, 3);
	bool dialect = duk_to_boolean(ctx, 4);
	duk_size_t n;
	const char *code = duk_require_lstring(ctx, 2, &n);
	if (kind < 0 || kind > 5 || style < 0 || style > 2 || n > INTL_LOCALE_MAX || strlen(code) != n)
		return duk_range_error(ctx, "invalid_argument");
	UChar out[INTL_NAME_UNITS];
	int32_t m = 0;
	UErrorCode st = U_ZERO_ERROR;
	if (kind == 5) {
		static const UDateTimePatternField fields[] = {
		        UDATPG_ERA_FIELD,          UDATPG_YEAR_FIELD,    UDATPG_QUARTER_FIELD, UDATPG_MONTH_FIELD,
		        UDATPG_WEEK_OF_YEAR_FIELD, UDATPG_WEEKDAY_FIELD, UDATPG_DAY_FIELD,     UDATPG_DAYPERIOD_FIELD,
		        UDATPG_HOUR_FIELD,         UDATPG_MINUTE_FIELD,  UDATPG_SECOND_FIELD,  UDATPG_ZONE_FIELD};
		static const char *const names[] = {"era",        "year",    "quarter", "month",
		                                    "weekOfYear", "weekday", "day",     "dayPeriod",
		                                    "hour",       "minute",  "second",  "timeZoneName"};
		int f = -1;
		for (int i = 0; i < 12; i++)
			if (strcmp(code, names[i]) == 0)
				f = i;
		if (f < 0)
			return duk_range_error(ctx, "invalid_argument");
		intl_ensure_tz(ctx);
		static const UDateTimePGDisplayWidth widths[] = {UDATPG_WIDE, UDATPG_ABBREVIATED, UDATPG_NARROW};
		m = udatpg_getFieldDisplayName(intl_patgen(ctx, id), fields[f], widths[style], out, INTL_NAME_UNITS,
		                               &st);
	} else {
		UDisplayContext cx[] = {dialect ? UDISPCTX_DIALECT_NAMES : UDISPCTX_STANDARD_NAMES,
		                        style == 0 ? UDISPCTX_LENGTH_FULL : UDISPCTX_LENGTH_SHORT};
		ULocaleDisplayNames *ldn = uldn_openForContext(id, cx, 2, &st);
		intl_check(ctx, st, "opening display names");
		switch (kind) {
		case 0: m = uldn_localeDisplayName(ldn, code, out, INTL_NAME_UNITS, &st); break;
		case 1: m = uldn_regionDisplayName(ldn, code, out, INTL_NAME_UNITS, &st); break;
		case 2: m = uldn_scriptDisplayName(ldn, code, out, INTL_NAME_UNITS, &st); break;
		case 3: m = uldn_keyValueDisplayName(ldn, "currency", code, out, INTL_NAME_UNITS, &st); break;
		default: m = uldn_keyValueDisplayName(ldn, "calendar", code, out, INTL_NAME_UNITS, &st); break;
		}
		uldn_close(ldn);
	}
	if (st == U_STRING_NOT_TERMINATED_WARNING)
		st = U_BUFFER_OVERFLOW_ERROR;
	intl_check(ctx, st, "reading a display name");
	intl_push_ustr(ctx, out, m);
	return 1;
}

/* values(kind 0 currency / 1 timeZone): the sorted identifiers the data knows. */
static duk_ret_t n_values(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	int kind = duk_require_int(ctx, 0);
	UErrorCode st = U_ZERO_ERROR;
	UEnumeration *e = kind == 0
	                          ? ucurr_openISOCurrencies(UCURR_COMMON | UCURR_NON_DEPRECATED, &st)
	                          : ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, NULL, NULL, &st);
	intl_check(ctx, st, "listing identifiers");
	duk_idx_t arr = duk_push_array(ctx);
	const char *s;
	duk_uarridx_t i = 0;
	while ((s = uenum_next(e, NULL, &st)) && U_SUCCESS(st)) {
		duk_push_string(ctx, s);
		duk_put_prop_index(ctx, arr, i++);
	}
	uenum_close(e);
	return 1;
}

const duk_function_list_entry intl_text_funcs[] = {
        {"collate", n_collate, 7},     {"collatePunct", n_collate_punct, 1},
        {"normalize", n_normalize, 2}, {"casemap", n_casemap, 3},
        {"segment", n_segment, 3},     {"dispName", n_disp_name, 5},
        {"values", n_values, 1},       {NULL, NULL, 0},
};
