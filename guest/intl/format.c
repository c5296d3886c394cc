/* format: the formatting natives of __cc.intl: numbers, number ranges,
 * plural rules, dates and date ranges, relative times, lists. Each returns
 * a string or, for the *ToParts methods, {s, f} from intl_push_parts; the
 * JS side maps ICU's fields to ECMA-402 part types.
 * Runs in: guest. Input: untrusted strings and numbers (via intl.js). */
#include <stdio.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/udateintervalformat.h>
#include <unicode/udatpg.h>
#include <unicode/unum.h>
#include <unicode/ufieldpositer.h>
#include <unicode/ulistformatter.h>
#include <unicode/unumberformatter.h>
#include <unicode/unumberrangeformatter.h>
#include <unicode/upluralrules.h>
#include <unicode/ureldatefmt.h>
#include <unicode/ustring.h>

#include "intl_int.h"

/* Most formatted strings fit here; longer ones are formatted again into a
 * buffer of the size ICU reports. */
#define FORMAT_STACK_UNITS 256
/* Decimal strings (exact values, "1e-999", 400-digit integers) are passed to
 * ICU as they are; past this length they are refused, not cut. */
#define DECIMAL_MAX 100000
/* A list format gets at most this many items (Array length is checked
 * first; ICU takes int32_t counts). */
#define LIST_ITEMS_MAX (1u << 20)

static void make_key(duk_context *ctx, char *key, size_t cap, const char *id, duk_idx_t a, duk_idx_t b)
{
	const char *sa = a >= 0 ? duk_require_string(ctx, a) : "";
	const char *sb = b >= 0 ? duk_require_string(ctx, b) : "";
	snprintf(key, cap, "%s|%s|%s", id, sa, sb);
}

/* ---- numbers ------------------------------------------------------------ */

static UNumberFormatter *numfmt(duk_context *ctx, const char *id, duk_idx_t skel_idx)
{
	char key[600];
	make_key(ctx, key, sizeof(key), id, skel_idx, -1);
	UNumberFormatter *f = intl_cache_get(INTL_NUMFMT, key);
	if (f)
		return f;
	int32_t n;
	const UChar *sk = intl_get_ustr(ctx, skel_idx, &n);
	UErrorCode st = U_ZERO_ERROR;
	UParseError pe;
	f = unumf_openForSkeletonAndLocaleWithError(sk, n, id, &pe, &st);
	duk_pop(ctx);
	if (U_FAILURE(st) && f) {
		/* ICU hands back an object even when it refuses the skeleton. */
		unumf_close(f);
		f = NULL;
	}
	intl_check(ctx, st, "opening a number format");
	intl_cache_put(INTL_NUMFMT, key, f);
	return f;
}

/* Throws unless idx holds a number or a decimal string ICU may take. Called
 * before any ICU result is allocated, so a throw leaks nothing. */
static void require_value(duk_context *ctx, duk_idx_t idx)
{
	if (!duk_is_string(ctx, idx)) {
		(void)duk_require_number(ctx, idx);
		return;
	}
	duk_size_t n;
	(void)duk_get_lstring(ctx, idx, &n);
	if (n > DECIMAL_MAX)
		(void)duk_range_error(ctx, "Intl: decimal string too long (%lu characters, limit %d)", (unsigned long)n,
		                      DECIMAL_MAX);
}

/* Formats the number or decimal string at idx (checked by require_value). */
static void format_number(duk_context *ctx, UNumberFormatter *f, duk_idx_t idx, UFormattedNumber *r, UErrorCode *st)
{
	if (duk_is_string(ctx, idx)) {
		duk_size_t n;
		const char *s = duk_get_lstring(ctx, idx, &n);
		unumf_formatDecimal(f, s, (int32_t)n, r, st);
	} else {
		unumf_formatDouble(f, duk_get_number(ctx, idx), r, st);
	}
}

/* numfmt(tag, skeleton, value, parts) */
static duk_ret_t n_numfmt(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	UNumberFormatter *f = numfmt(ctx, id, 1);
	require_value(ctx, 2);
	UErrorCode st = U_ZERO_ERROR;
	UFormattedNumber *r = unumf_openResult(&st);
	intl_check(ctx, st, "allocating a number result");
	format_number(ctx, f, 2, r, &st);
	if (U_FAILURE(st)) {
		unumf_closeResult(r);
		intl_check(ctx, st, "formatting a number");
	}
	const UFormattedValue *fv = unumf_resultAsValue(r, &st);
	if (duk_to_boolean(ctx, 3)) {
		intl_push_parts(ctx, fv);
	} else {
		int32_t len;
		const UChar *s = ufmtval_getString(fv, &len, &st);
		intl_push_ustr(ctx, s, len);
	}
	unumf_closeResult(r);
	return 1;
}

/* numrange(tag, skeleton, a, b): parts of a range. */
static duk_ret_t n_numrange(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1], key[600];
	intl_get_locale(ctx, 0, id);
	make_key(ctx, key, sizeof(key), id, 1, -1);
	UNumberRangeFormatter *f = intl_cache_get(INTL_NUMRANGE, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!f) {
		int32_t n;
		const UChar *sk = intl_get_ustr(ctx, 1, &n);
		UParseError pe;
		f = unumrf_openForSkeletonWithCollapseAndIdentityFallback(
		        sk, n, UNUM_RANGE_COLLAPSE_AUTO, UNUM_IDENTITY_FALLBACK_APPROXIMATELY, id, &pe, &st);
		duk_pop(ctx);
		if (U_FAILURE(st) && f) {
			unumrf_close(f);
			f = NULL;
		}
		intl_check(ctx, st, "opening a number range format");
		intl_cache_put(INTL_NUMRANGE, key, f);
	}
	bool decimal = duk_is_string(ctx, 2) && duk_is_string(ctx, 3);
	if (decimal) {
		require_value(ctx, 2);
		require_value(ctx, 3);
	} else {
		(void)duk_require_number(ctx, 2);
		(void)duk_require_number(ctx, 3);
	}
	UFormattedNumberRange *r = unumrf_openResult(&st);
	intl_check(ctx, st, "allocating a range result");
	if (decimal) {
		duk_size_t na, nb;
		const char *a = duk_get_lstring(ctx, 2, &na), *b = duk_get_lstring(ctx, 3, &nb);
		unumrf_formatDecimalRange(f, a, (int32_t)na, b, (int32_t)nb, r, &st);
	} else {
		unumrf_formatDoubleRange(f, duk_get_number(ctx, 2), duk_get_number(ctx, 3), r, &st);
	}
	if (U_FAILURE(st)) {
		unumrf_closeResult(r);
		intl_check(ctx, st, "formatting a number range");
	}
	intl_push_parts(ctx, unumrf_resultAsValue(r, &st));
	unumrf_closeResult(r);
	return 1;
}

/* ---- plural rules ------------------------------------------------------- */

static UPluralRules *plural_rules(duk_context *ctx, const char *id, int type)
{
	char key[INTL_LOCALE_MAX + 8];
	snprintf(key, sizeof(key), "%s|%d", id, type);
	UPluralRules *p = intl_cache_get(INTL_PLURAL, key);
	if (p)
		return p;
	UErrorCode st = U_ZERO_ERROR;
	p = uplrules_openForType(id, type ? UPLURAL_TYPE_ORDINAL : UPLURAL_TYPE_CARDINAL, &st);
	intl_check(ctx, st, "opening plural rules");
	intl_cache_put(INTL_PLURAL, key, p);
	return p;
}

/* plural(tag, ordinal, skeleton, value): the category of the formatted value. */
static duk_ret_t n_plural(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	UPluralRules *p = plural_rules(ctx, id, duk_to_boolean(ctx, 1));
	UNumberFormatter *f = numfmt(ctx, id, 2);
	require_value(ctx, 3);
	UErrorCode st = U_ZERO_ERROR;
	UFormattedNumber *r = unumf_openResult(&st);
	intl_check(ctx, st, "allocating a number result");
	format_number(ctx, f, 3, r, &st);
	UChar kw[32];
	int32_t n = U_SUCCESS(st) ? uplrules_selectFormatted(p, r, kw, 32, &st) : 0;
	unumf_closeResult(r);
	intl_check(ctx, st, "selecting a plural category");
	intl_push_ustr(ctx, kw, n);
	return 1;
}

/* pluralCats(tag, ordinal): the locale's categories. */
static duk_ret_t n_plural_cats(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	UPluralRules *p = plural_rules(ctx, id, duk_to_boolean(ctx, 1));
	UErrorCode st = U_ZERO_ERROR;
	UEnumeration *e = uplrules_getKeywords(p, &st);
	intl_check(ctx, st, "listing plural categories");
	duk_idx_t arr = duk_push_array(ctx);
	const char *kw;
	duk_uarridx_t i = 0;
	while ((kw = uenum_next(e, NULL, &st)) && U_SUCCESS(st)) {
		duk_push_string(ctx, kw);
		duk_put_prop_index(ctx, arr, i++);
	}
	uenum_close(e);
	return 1;
}

/* ---- dates -------------------------------------------------------------- */

UDateTimePatternGenerator *intl_patgen(duk_context *ctx, const char *id)
{
	UDateTimePatternGenerator *pg = intl_cache_get(INTL_DATEPG, id);
	if (pg)
		return pg;
	UErrorCode st = U_ZERO_ERROR;
	pg = udatpg_open(id, &st);
	intl_check(ctx, st, "opening a date pattern generator");
	intl_cache_put(INTL_DATEPG, id, pg);
	return pg;
}

/* dtpattern(tag, skeleton, dateStyle, timeStyle): the locale's pattern for a
 * skeleton, or for styles 0-3 (full..short; -1 none) when either is set. */
static duk_ret_t n_dtpattern(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	int ds = duk_require_int(ctx, 2), ts = duk_require_int(ctx, 3);
	UChar out[FORMAT_STACK_UNITS];
	UErrorCode st = U_ZERO_ERROR;
	int32_t m;
	if (ds >= 0 || ts >= 0) {
		if (ds > 3 || ts > 3)
			return duk_range_error(ctx, "Intl: bad date or time style");
		UDateFormat *df = udat_open(ts < 0 ? UDAT_NONE : (UDateFormatStyle)ts,
		                            ds < 0 ? UDAT_NONE : (UDateFormatStyle)ds, id, u"UTC", 3, NULL, 0, &st);
		intl_check(ctx, st, "opening a date style");
		m = udat_toPattern(df, false, out, FORMAT_STACK_UNITS, &st);
		udat_close(df);
	} else {
		int32_t n;
		const UChar *sk = intl_get_ustr(ctx, 1, &n);
		UDateTimePatternGenerator *pg = intl_patgen(ctx, id);
		m = udatpg_getBestPatternWithOptions(pg, sk, n, UDATPG_MATCH_HOUR_FIELD_LENGTH, out, FORMAT_STACK_UNITS,
		                                     &st);
	}
	if (st == U_STRING_NOT_TERMINATED_WARNING)
		st = U_BUFFER_OVERFLOW_ERROR;
	intl_check(ctx, st, "building a date pattern");
	intl_push_ustr(ctx, out, m);
	return 1;
}

/* dtskeleton(pattern): the skeleton of a pattern (its fields, no literals). */
static duk_ret_t n_dtskeleton(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	int32_t n;
	const UChar *pat = intl_get_ustr(ctx, 0, &n);
	UChar out[FORMAT_STACK_UNITS];
	UErrorCode st = U_ZERO_ERROR;
	int32_t m = udatpg_getSkeleton(NULL, pat, n, out, FORMAT_STACK_UNITS, &st);
	if (st == U_STRING_NOT_TERMINATED_WARNING)
		st = U_BUFFER_OVERFLOW_ERROR;
	intl_check(ctx, st, "reading a date pattern");
	intl_push_ustr(ctx, out, m);
	return 1;
}

/* The Gregorian calendar of ECMAScript is proleptic: no Julian dates. */
static void make_proleptic(UDateFormat *df)
{
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *cal = ucal_clone(udat_getCalendar(df), &st);
	if (U_FAILURE(st))
		return;
	const char *type = ucal_getType(cal, &st);
	if (U_SUCCESS(st) && type && strcmp(type, "gregorian") == 0) {
		ucal_setGregorianChange(cal, -8.64e15, &st);
		if (U_SUCCESS(st))
			udat_setCalendar(df, cal);
	}
	ucal_close(cal);
}

static UDateFormat *datefmt(duk_context *ctx, const char *id, duk_idx_t pat_idx, duk_idx_t tz_idx)
{
	char key[600];
	make_key(ctx, key, sizeof(key), id, pat_idx, tz_idx);
	UDateFormat *df = intl_cache_get(INTL_DATEFMT, key);
	if (df)
		return df;
	int32_t pn, tn;
	const UChar *pat = intl_get_ustr(ctx, pat_idx, &pn);
	const UChar *tz = intl_get_ustr(ctx, tz_idx, &tn);
	UErrorCode st = U_ZERO_ERROR;
	df = udat_open(UDAT_PATTERN, UDAT_PATTERN, id, tz, tn, pat, pn, &st);
	duk_pop_2(ctx);
	intl_check(ctx, st, "opening a date format");
	make_proleptic(df);
	intl_cache_put(INTL_DATEFMT, key, df);
	return df;
}

/* dtfmt(tag, pattern, timeZone, time, parts) */
static duk_ret_t n_dtfmt(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	char id[INTL_LOCALE_MAX + 1];
	intl_get_locale(ctx, 0, id);
	UDateFormat *df = datefmt(ctx, id, 1, 2);
	UDate t = duk_require_number(ctx, 3);
	bool parts = duk_to_boolean(ctx, 4);
	UChar small[FORMAT_STACK_UNITS];
	UChar *out = small;
	int32_t cap = FORMAT_STACK_UNITS, m = 0;
	UFieldPositionIterator *it = NULL;
	for (int attempt = 0; attempt < 2; attempt++) {
		UErrorCode st = U_ZERO_ERROR;
		if (parts) {
			if (it)
				ufieldpositer_close(it);
			it = ufieldpositer_open(&st);
			intl_check(ctx, st, "opening a field iterator");
		}
		m = udat_formatForFields(df, t, out, cap, it, &st);
		if (st == U_BUFFER_OVERFLOW_ERROR || st == U_STRING_NOT_TERMINATED_WARNING) {
			cap = m + 1;
			out = duk_push_fixed_buffer(ctx, (duk_size_t)cap * sizeof(UChar));
			continue;
		}
		if (U_FAILURE(st) && it)
			ufieldpositer_close(it);
		intl_check(ctx, st, "formatting a date");
		break;
	}
	if (!parts) {
		intl_push_ustr(ctx, out, m);
		return 1;
	}
	duk_push_object(ctx);
	intl_push_ustr(ctx, out, m);
	duk_put_prop_string(ctx, -2, "s");
	duk_idx_t arr = duk_push_array(ctx);
	duk_uarridx_t k = 0;
	int32_t field, start, limit;
	while ((field = ufieldpositer_next(it, &start, &limit)) >= 0) {
		int32_t v[4] = {UFIELD_CATEGORY_DATE, field, start, limit};
		for (int i = 0; i < 4; i++) {
			duk_push_int(ctx, v[i]);
			duk_put_prop_index(ctx, arr, k++);
		}
	}
	ufieldpositer_close(it);
	duk_put_prop_string(ctx, -2, "f");
	return 1;
}

/* dtrange(tag, pattern, timeZone, t1, t2): parts of a date range, with the
 * interval spans (category UFIELD_CATEGORY_DATE_INTERVAL_SPAN). */
static duk_ret_t n_dtrange(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	char id[INTL_LOCALE_MAX + 1], key[600];
	intl_get_locale(ctx, 0, id);
	make_key(ctx, key, sizeof(key), id, 1, 2);
	UDateIntervalFormat *f = intl_cache_get(INTL_DATEITV, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!f) {
		int32_t pn, tn;
		const UChar *pat = intl_get_ustr(ctx, 1, &pn);
		const UChar *tz = intl_get_ustr(ctx, 2, &tn);
		UChar skel[FORMAT_STACK_UNITS];
		int32_t sn = udatpg_getSkeleton(NULL, pat, pn, skel, FORMAT_STACK_UNITS, &st);
		if (st == U_STRING_NOT_TERMINATED_WARNING)
			st = U_BUFFER_OVERFLOW_ERROR;
		intl_check(ctx, st, "reading a date pattern");
		f = udtitvfmt_open(id, skel, sn, tz, tn, &st);
		duk_pop_2(ctx);
		intl_check(ctx, st, "opening a date interval format");
		intl_cache_put(INTL_DATEITV, key, f);
	}
	UDate t1 = duk_require_number(ctx, 3), t2 = duk_require_number(ctx, 4);
	UFormattedDateInterval *r = udtitvfmt_openResult(&st);
	intl_check(ctx, st, "allocating a date interval result");
	udtitvfmt_formatToResult(f, t1, t2, r, &st);
	if (U_FAILURE(st)) {
		udtitvfmt_closeResult(r);
		intl_check(ctx, st, "formatting a date range");
	}
	intl_push_parts(ctx, udtitvfmt_resultAsValue(r, &st));
	udtitvfmt_closeResult(r);
	return 1;
}

/* ---- relative time and lists ------------------------------------------ */

/* reltime(tag, style 0-2 long/short/narrow, auto, value, unit): parts. */
static duk_ret_t n_reltime(duk_context *ctx)
{
	intl_ensure_tz(ctx);
	char id[INTL_LOCALE_MAX + 1], key[INTL_LOCALE_MAX + 8];
	intl_get_locale(ctx, 0, id);
	int style = duk_require_int(ctx, 1);
	if (style < 0 || style > 2)
		return duk_range_error(ctx, "Intl: bad relative time style");
	int unit = duk_require_int(ctx, 4);
	if (unit < 0 || unit >= UDAT_REL_UNIT_COUNT)
		return duk_range_error(ctx, "Intl: bad relative time unit");
	snprintf(key, sizeof(key), "%s|%d", id, style);
	URelativeDateTimeFormatter *f = intl_cache_get(INTL_RELTIME, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!f) {
		static const UDateRelativeDateTimeFormatterStyle styles[] = {UDAT_STYLE_LONG, UDAT_STYLE_SHORT,
		                                                             UDAT_STYLE_NARROW};
		/* The locale's minimum grouping (pl: 1000, not 1 000), as V8 prints
		 * it; ureldatefmt_open adopts nf. */
		UNumberFormat *nf = unum_open(UNUM_DECIMAL, NULL, 0, id, NULL, &st);
		intl_check(ctx, st, "opening a number format");
		unum_setAttribute(nf, UNUM_MINIMUM_GROUPING_DIGITS, UNUM_MINIMUM_GROUPING_DIGITS_AUTO);
		f = ureldatefmt_open(id, nf, styles[style], UDISPCTX_CAPITALIZATION_NONE, &st);
		intl_check(ctx, st, "opening a relative time format");
		intl_cache_put(INTL_RELTIME, key, f);
	}
	double v = duk_require_number(ctx, 3); /* before the result: a throw leaks nothing */
	UFormattedRelativeDateTime *r = ureldatefmt_openResult(&st);
	intl_check(ctx, st, "allocating a relative time result");
	if (duk_to_boolean(ctx, 2))
		ureldatefmt_formatToResult(f, v, (URelativeDateTimeUnit)unit, r, &st);
	else
		ureldatefmt_formatNumericToResult(f, v, (URelativeDateTimeUnit)unit, r, &st);
	if (U_FAILURE(st)) {
		ureldatefmt_closeResult(r);
		intl_check(ctx, st, "formatting a relative time");
	}
	intl_push_parts(ctx, ureldatefmt_resultAsValue(r, &st));
	ureldatefmt_closeResult(r);
	return 1;
}

/* list(tag, type 0-2 conjunction/disjunction/unit, width 0-2 long/short/narrow, strings): parts. */
static duk_ret_t n_list(duk_context *ctx)
{
	intl_ensure_init(ctx);
	char id[INTL_LOCALE_MAX + 1], key[INTL_LOCALE_MAX + 8];
	intl_get_locale(ctx, 0, id);
	int type = duk_require_int(ctx, 1), width = duk_require_int(ctx, 2);
	if (type < 0 || type > 2 || width < 0 || width > 2)
		return duk_range_error(ctx, "Intl: bad list type or style");
	duk_require_object(ctx, 3);
	duk_size_t count = duk_get_length(ctx, 3);
	if (count > LIST_ITEMS_MAX)
		return duk_range_error(ctx, "Intl: too many list items");
	snprintf(key, sizeof(key), "%s|%d|%d", id, type, width);
	UListFormatter *f = intl_cache_get(INTL_LIST, key);
	UErrorCode st = U_ZERO_ERROR;
	if (!f) {
		f = ulistfmt_openForType(id, (UListFormatterType)type, (UListFormatterWidth)width, &st);
		intl_check(ctx, st, "opening a list format");
		intl_cache_put(INTL_LIST, key, f);
	}
	duk_idx_t base = duk_get_top(ctx);
	const UChar **items = duk_push_fixed_buffer(ctx, (count + 1) * sizeof(UChar *));
	int32_t *lens = duk_push_fixed_buffer(ctx, (count + 1) * sizeof(int32_t));
	for (duk_size_t i = 0; i < count; i++) {
		duk_get_prop_index(ctx, 3, (duk_uarridx_t)i);
		items[i] = intl_get_ustr(ctx, -1, &lens[i]);
		duk_remove(ctx, -2); /* keep the UTF-16 buffer, drop the string */
	}
	UFormattedList *r = ulistfmt_openResult(&st);
	intl_check(ctx, st, "allocating a list result");
	ulistfmt_formatStringsToResult(f, items, lens, (int32_t)count, r, &st);
	if (U_FAILURE(st)) {
		ulistfmt_closeResult(r);
		intl_check(ctx, st, "formatting a list");
	}
	intl_push_parts(ctx, ulistfmt_resultAsValue(r, &st));
	ulistfmt_closeResult(r);
	duk_replace(ctx, base);
	duk_set_top(ctx, base + 1);
	return 1;
}

const duk_function_list_entry intl_format_funcs[] = {
        {"numfmt", n_numfmt, 4},
        {"numrange", n_numrange, 4},
        {"plural", n_plural, 4},
        {"pluralCats", n_plural_cats, 2},
        {"dtpattern", n_dtpattern, 4},
        {"dtskeleton", n_dtskeleton, 1},
        {"dtfmt", n_dtfmt, 5},
        {"dtrange", n_dtrange, 5},
        {"reltime", n_reltime, 5},
        {"list", n_list, 4},
        {NULL, NULL, 0},
};
