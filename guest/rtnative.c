/* rtnative: see rtnative.h. */
#include "rtnative.h"

#include <string.h>

#include "duk_hooks.h"
#include "duk_v8msg.h"

#include <math.h>
#include <stdbool.h>

/* True when fn (at 0) has no own property key, or has it configurable: the
 * ES version's `dl && !dl.configurable` test, without a descriptor object
 * reaching the ES heap. */
static bool own_absent_or_configurable(duk_context *ctx, const char *key)
{
	duk_push_string(ctx, key);
	duk_get_prop_desc(ctx, 0, 0);
	bool ok = true;
	if (duk_is_object(ctx, -1)) {
		duk_get_prop_string(ctx, -1, "configurable");
		ok = duk_to_boolean(ctx, -1);
		duk_pop(ctx);
	}
	duk_pop(ctx);
	return ok;
}

/* setLengthName(fn, length, name): the same steps, in the same order, as
 * base.js's ES version (which says why): length and name default to the
 * function's own; a non-configurable one means a native's, kept as is;
 * else both are deleted and re-added, `length` first, non-writable,
 * non-enumerable, configurable. About 10x faster than the ES version in
 * Duktape, which builds two descriptor objects and two literals per call. */
static duk_ret_t set_length_name(duk_context *ctx)
{
	duk_set_top(ctx, 3);
	duk_require_object(ctx, 0);
	if (duk_is_undefined(ctx, 1)) {
		duk_get_prop_string(ctx, 0, "length");
		duk_replace(ctx, 1);
	}
	if (duk_is_undefined(ctx, 2)) {
		duk_get_prop_string(ctx, 0, "name");
		duk_replace(ctx, 2);
	}
	if (!own_absent_or_configurable(ctx, "length") || !own_absent_or_configurable(ctx, "name")) {
		duk_dup(ctx, 0);
		return 1;
	}
	duk_del_prop_string(ctx, 0, "length");
	duk_del_prop_string(ctx, 0, "name");
	const duk_uint_t flags = DUK_DEFPROP_HAVE_VALUE | DUK_DEFPROP_CLEAR_WRITABLE | DUK_DEFPROP_CLEAR_ENUMERABLE |
	                         DUK_DEFPROP_SET_CONFIGURABLE;
	duk_push_string(ctx, "length");
	duk_dup(ctx, 1);
	duk_def_prop(ctx, 0, flags);
	duk_push_string(ctx, "name");
	duk_dup(ctx, 2);
	duk_def_prop(ctx, 0, flags);
	duk_dup(ctx, 0);
	return 1;
}

/* Array.prototype.includes for an Array (array_method's "nat"; array.js's
 * ES version is the "impl" for array-likes): the spec's steps, with the
 * elements compared in place when duk_hooks_array_find can scan them (a
 * dense array), else read one by one with Get (holes read the prototype
 * chain; a Proxy's traps run as the spec orders them). The ES version,
 * on a 3-element array, spent most of its time in its own calls. */
static duk_ret_t array_includes(duk_context *ctx)
{
	duk_set_top(ctx, 2);
	duk_push_this(ctx); /* 2: an Array (the dispatcher checked) */
	duk_get_prop_string(ctx, 2, "length");
	double len = duk_to_number(ctx, -1); /* ToLength */
	duk_pop(ctx);
	len = len > 0 ? (len < 9007199254740991.0 ? trunc(len) : 9007199254740991.0) : 0;
	if (len == 0) {
		duk_push_false(ctx);
		return 1;
	}
	double n = duk_to_number(ctx, 1); /* ToIntegerOrInfinity(fromIndex) */
	n = n != n ? 0 : trunc(n);
	double k = n >= 0 ? n : (len + n > 0 ? len + n : 0);
	if (k < len && len <= 2147483647.0) {
		long r = duk_hooks_array_find(ctx, 2, 0, (long)k, (long)len);
		if (r != -2) {
			duk_push_boolean(ctx, r >= 0);
			return 1;
		}
	}
	bool nan = duk_is_nan(ctx, 0);
	for (; k < len; k++) {
		duk_push_number(ctx, k);
		duk_get_prop(ctx, 2);
		bool eq = nan ? duk_is_nan(ctx, -1) : duk_strict_equals(ctx, 0, -1);
		duk_pop(ctx);
		if (eq) {
			duk_push_true(ctx);
			return 1;
		}
	}
	duk_push_false(ctx);
	return 1;
}

/* An Array.prototype method the runtime wraps: calls the hidden "nat" (the
 * Duktape native) when this is an Array, else the hidden "impl" (array.js's
 * ES2015 steps for array-likes), with the same this and arguments. The JS
 * dispatcher it replaces (`isArray(this) ? nat.apply(this, arguments) :
 * ...`) built an arguments object and went through apply per call
 * (bench/guest-micro.js's a.push(x): docs/PERFORMANCE.md round 18). */
static duk_ret_t array_method(duk_context *ctx)
{
	duk_idx_t n = duk_get_top(ctx);
	duk_push_this(ctx);
	bool arr = duk_is_array(ctx, -1);
	duk_push_current_function(ctx);
	duk_get_prop_string(ctx, -1, arr ? DUK_HIDDEN_SYMBOL("nat") : DUK_HIDDEN_SYMBOL("impl"));
	duk_replace(ctx, -2); /* [args... this target] */
	duk_insert(ctx, 0);
	duk_insert(ctx, 1); /* [target this args...] */
	duk_call_method(ctx, n);
	return 1;
}

/* arrayCtorIntrinsic(o): duk_hooks_array_ctor_intrinsic, as a boolean. */
static duk_ret_t array_ctor_intrinsic(duk_context *ctx)
{
	duk_push_boolean(ctx, duk_hooks_array_ctor_intrinsic(ctx, 0));
	return 1;
}

/* arrayMethod(nat, impl): a new dispatcher (above), not constructable. */
static duk_ret_t array_method_new(duk_context *ctx)
{
	duk_require_function(ctx, 0);
	duk_require_function(ctx, 1);
	duk_push_c_function(ctx, array_method, DUK_VARARGS);
	duk_hooks_make_method(ctx, -1);
	duk_dup(ctx, 0);
	duk_put_prop_string(ctx, -2, DUK_HIDDEN_SYMBOL("nat"));
	duk_dup(ctx, 1);
	duk_put_prop_string(ctx, -2, DUK_HIDDEN_SYMBOL("impl"));
	return 1;
}

/* hiddenKey(name): the Duktape hidden symbol "\xFF" + name, a key no
 * reflection shows (Object.getOwnPropertySymbols, Reflect.ownKeys, JSON,
 * Proxy traps): the runtime's internal slots and the compiler's private
 * names (base.js cc.hidden). This Duktape build has no
 * String.fromBufferRaw, so only C can make one; without it the slots were
 * real Symbols every program could list (Reflect.ownKeys of a promise, of
 * an object used as a Map key) and copy (a spread copied #private fields).
 * It lives on the internal object only, which the program never reaches
 * (docs/SECURITY.md, "the guest's internals are unreachable"). */
static duk_ret_t hidden_key(duk_context *ctx)
{
	duk_size_t n;
	const char *name = duk_require_lstring(ctx, 0, &n);
	char key[66];
	if (n == 0 || n > 64)
		return duk_range_error(ctx, "bad hidden key name");
	key[0] = (char)0xff;
	memcpy(key + 1, name, n);
	duk_push_lstring(ctx, key, n + 1);
	return 1;
}

/* Function.prototype's "caller" and "arguments" accessor, getter and
 * setter both (ES2015 AddRestrictedFunctionProperties): throws, as
 * %ThrowTypeError% does, with V8's words, except on a sloppy function
 * declaration or expression, whose own pair V8 reads as null outside a
 * call: null here, and a write is ignored (a non-writable property in V8).
 * Never a real caller: a function's caller would hand a program the
 * runtime's internal functions that called it. */
static duk_ret_t restricted_property(duk_context *ctx)
{
	duk_push_this(ctx);
	if (duk_hooks_legacy_caller(ctx, -1)) {
		duk_push_null(ctx);
		return 1;
	}
	return duk_type_error(ctx, "'caller', 'callee', and 'arguments' properties may not be accessed on strict mode "
	                           "functions or the arguments objects for calls to them");
}

void rtnative_install(duk_context *ctx, duk_idx_t obj_idx)
{
	obj_idx = duk_require_normalize_index(ctx, obj_idx);
	duk_push_c_function(ctx, set_length_name, 3);
	duk_put_prop_string(ctx, obj_idx, "setLengthNameNative");
	duk_push_c_function(ctx, duk_v8msg_describe, 1);
	duk_put_prop_string(ctx, obj_idx, "v8describeNative");
	duk_push_c_function(ctx, array_includes, 2);
	duk_hooks_make_method(ctx, -1);
	duk_put_prop_string(ctx, obj_idx, "arrayIncludesNative");
	duk_push_c_function(ctx, array_ctor_intrinsic, 1);
	duk_put_prop_string(ctx, obj_idx, "arrayCtorIntrinsicNative");
	duk_push_c_function(ctx, array_method_new, 2);
	duk_put_prop_string(ctx, obj_idx, "arrayMethodNative");
	duk_push_c_function(ctx, restricted_property, DUK_VARARGS);
	duk_hooks_make_method(ctx, -1);
	duk_put_prop_string(ctx, obj_idx, "restrictedPropertyNative");
	duk_push_c_function(ctx, hidden_key, 1);
	duk_put_prop_string(ctx, obj_idx, "hiddenKeyNative");
}
