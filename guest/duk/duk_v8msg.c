/* duk_v8msg: the wording node (V8) uses for the errors Duktape raises about
 * a program's values: "5 is not a function", "Cannot assign to read only
 * property 'a' of object '#<Object>'", "Reduce of empty array with no
 * initial value", where Duktape says "function required, found 5 (stack
 * index 0)", "not writable" or "invalid args". A model repairs its program
 * from these messages; Duktape's name neither the value nor the property.
 *
 * Not compiled on its own: patch-duktape.py includes this file into
 * duktape.c after Duktape's internal headers, and replaces the throw sites
 * with calls to the functions below (each patch names its site). It reads
 * objects through Duktape's internals so that describing a value never runs
 * program code: no getter, no proxy trap, no toString is called.
 * Runs in: guest (and the build-time js2bc tool). Input: the program's
 * values, at the moment Duktape is about to throw. */

/* Prototype chains longer than this are described as plain objects. */
#define DUK_V8MSG_CHAIN_MAX 64
/* V8's longest string (String::kMaxLength on 64-bit, 2^29 - 24 UTF-16
 * units), as bytes here: repeat() past it is "Invalid string length". */
#define DUK_V8MSG_MAX_STRING ((duk_size_t)((1UL << 29) - 24))

/* The value of the first own *data* property named key along obj's
 * prototype chain, or NULL: none, or the walk met an accessor or a proxy
 * (which only running code could answer). *holder is the object that has
 * it. */
DUK_LOCAL duk_tval *duk__v8msg_lookup(duk_hthread *thr, duk_hobject *obj, duk_hstring *key, duk_hobject **holder)
{
	duk_uint_t n = 0;
	while (obj != NULL && n++ < DUK_V8MSG_CHAIN_MAX) {
		duk_int_t e_idx, h_idx;
		if (DUK_HOBJECT_IS_PROXY(obj))
			return NULL;
		if (duk_hobject_find_entry(thr->heap, obj, key, &e_idx, &h_idx)) {
			if (DUK_HOBJECT_E_SLOT_IS_ACCESSOR(thr->heap, obj, e_idx))
				return NULL;
			*holder = obj;
			return DUK_HOBJECT_E_GET_VALUE_TVAL_PTR(thr->heap, obj, e_idx);
		}
		obj = DUK_HOBJECT_GET_PROTOTYPE(thr->heap, obj);
	}
	return NULL;
}

/* An own data property of obj that is a non-empty, non-symbol string. */
DUK_LOCAL duk_hstring *duk__v8msg_own_string(duk_hthread *thr, duk_hobject *obj, duk_hstring *key)
{
	duk_tval *tv;
	duk_hstring *s;
	if (DUK_HOBJECT_IS_PROXY(obj))
		return NULL;
	tv = duk_hobject_find_entry_tval_ptr(thr->heap, obj, key);
	if (tv == NULL || !DUK_TVAL_IS_STRING(tv))
		return NULL;
	s = DUK_TVAL_GET_STRING(tv);
	if (DUK_HSTRING_HAS_SYMBOL(s) || DUK_HSTRING_GET_BYTELEN(s) == 0)
		return NULL;
	return s;
}

/* [ ... ] -> [ ... text ]: a function as this engine's
 * Function.prototype.toString prints it (its name read without a getter). */
DUK_LOCAL void duk__v8msg_push_function(duk_hthread *thr, duk_hobject *fn)
{
	duk_hstring *name = duk__v8msg_own_string(thr, fn, DUK_HTHREAD_STRING_NAME(thr));
	const char *kind = DUK_HOBJECT_IS_COMPFUNC(fn)    ? "ecmascript"
	                   : DUK_HOBJECT_IS_BOUNDFUNC(fn) ? "bound"
	                                                  : "native";
	duk_push_sprintf(thr, "function %s() { [%s code] }", name ? (const char *)DUK_HSTRING_GET_DATA(name) : "",
	                 kind);
}

/* [ ... ] -> [ ... text ]: an object as V8 prints a receiver without side
 * effects (Object::NoSideEffectsToString): #<Ctor> when its toString is
 * Object.prototype's, else [object Class]; a function as its text. */
DUK_LOCAL void duk__v8msg_push_object(duk_hthread *thr, duk_hobject *obj)
{
	duk_hobject *holder = NULL;
	duk_tval *ts;
	if (DUK_HOBJECT_IS_CALLABLE(obj) && !DUK_HOBJECT_IS_PROXY(obj)) {
		duk__v8msg_push_function(thr, obj);
		return;
	}
	if (DUK_HOBJECT_IS_PROXY(obj)) {
		duk_push_literal(thr, "#<Object>");
		return;
	}
	ts = duk__v8msg_lookup(thr, obj, DUK_HTHREAD_STRING_TO_STRING(thr), &holder);
	if (ts != NULL && holder == thr->builtins[DUK_BIDX_OBJECT_PROTOTYPE]) {
		duk_hstring *name = NULL;
		duk_tval *ctor = duk__v8msg_lookup(thr, obj, DUK_HTHREAD_STRING_CONSTRUCTOR(thr), &holder);
		if (ctor != NULL && DUK_TVAL_IS_OBJECT(ctor))
			name = duk__v8msg_own_string(thr, DUK_TVAL_GET_OBJECT(ctor), DUK_HTHREAD_STRING_NAME(thr));
		duk_push_sprintf(thr, "#<%s>", name ? (const char *)DUK_HSTRING_GET_DATA(name) : "Object");
		return;
	}
	duk_push_sprintf(thr, "[object %s]",
	                 (const char *)DUK_HSTRING_GET_DATA(DUK_HOBJECT_GET_CLASS_STRING(thr->heap, obj)));
}

/* [ ... ] -> [ ... text ]: any value as V8 prints it in "X is not a
 * function" or "incompatible receiver X": primitives as their string
 * (strings unquoted, -0 as 0, symbols as Symbol(desc)), objects as above. */
DUK_LOCAL void duk__v8msg_push_value(duk_hthread *thr, duk_tval *tv)
{
	switch (DUK_TVAL_GET_TAG(tv)) {
	case DUK_TAG_OBJECT: duk__v8msg_push_object(thr, DUK_TVAL_GET_OBJECT(tv)); return;
	case DUK_TAG_LIGHTFUNC: duk_push_literal(thr, "function () { [native code] }"); return;
	case DUK_TAG_BUFFER: duk_push_literal(thr, "[object Uint8Array]"); return;
	case DUK_TAG_STRING:
		if (DUK_HSTRING_HAS_SYMBOL(DUK_TVAL_GET_STRING(tv))) {
			duk_push_symbol_descriptive_string(thr, DUK_TVAL_GET_STRING(tv));
			return;
		}
		break;
	default: break;
	}
	/* Primitives: their ToString has no side effects. */
	duk_push_tval(thr, tv);
	(void)duk_to_string(thr, -1);
}

/* typeof as V8's messages word it ("of object", "on string"). */
DUK_LOCAL const char *duk__v8msg_type(duk_tval *tv)
{
	switch (DUK_TVAL_GET_TAG(tv)) {
	case DUK_TAG_UNDEFINED: return "undefined";
	case DUK_TAG_NULL: return "object";
	case DUK_TAG_BOOLEAN: return "boolean";
	case DUK_TAG_STRING: return DUK_HSTRING_HAS_SYMBOL(DUK_TVAL_GET_STRING(tv)) ? "symbol" : "string";
	case DUK_TAG_OBJECT: return DUK_HOBJECT_IS_CALLABLE(DUK_TVAL_GET_OBJECT(tv)) ? "function" : "object";
	case DUK_TAG_LIGHTFUNC: return "function";
	default: return "number";
	}
}

/* [ ... ] -> [ ... text ]: a property key: the coerced key when the caller
 * has it, else the key value if it is a primitive. */
DUK_LOCAL void duk__v8msg_push_key(duk_hthread *thr, duk_hstring *key, duk_tval *tv_key)
{
	if (key != NULL) {
		if (DUK_HSTRING_HAS_SYMBOL(key))
			duk_push_symbol_descriptive_string(thr, key);
		else
			duk_push_hstring(thr, key);
	} else if (tv_key != NULL && !DUK_TVAL_IS_OBJECT(tv_key)) {
		duk__v8msg_push_value(thr, tv_key);
	} else {
		duk_push_literal(thr, "?");
	}
}

/* Why a [[Set]] failed, for duk_v8msg_throw_put(). */
enum duk_v8msg_put {
	DUK_V8MSG_PUT_READ_ONLY,      /* a non-writable data property */
	DUK_V8MSG_PUT_GETTER_ONLY,    /* an accessor without a setter */
	DUK_V8MSG_PUT_NOT_EXTENSIBLE, /* a new property on a non-extensible object */
	DUK_V8MSG_PUT_PRIMITIVE,      /* a new property on a primitive base */
	DUK_V8MSG_PUT_LENGTH /* an array's length (tv_base an array): not writable, or an element not deletable */
};

/* Throws the TypeError of a failed strict-mode assignment base[key] = v. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_put(duk_hthread *thr, enum duk_v8msg_put why, duk_tval *tv_base,
                                            duk_hstring *key, duk_tval *tv_key)
{
	const char *k, *d;
	duk__v8msg_push_key(thr, key, tv_key);
	k = duk_get_string(thr, -1);
	duk__v8msg_push_value(thr, tv_base);
	d = duk_get_string(thr, -1);
	switch (why) {
	case DUK_V8MSG_PUT_READ_ONLY:
		DUK_ERROR_FMT3(thr, DUK_ERR_TYPE_ERROR, "Cannot assign to read only property '%s' of %s '%s'", k,
		               duk__v8msg_type(tv_base), d);
		break;
	case DUK_V8MSG_PUT_GETTER_ONLY:
		DUK_ERROR_FMT2(thr, DUK_ERR_TYPE_ERROR, "Cannot set property %s of %s which has only a getter", k, d);
		break;
	case DUK_V8MSG_PUT_NOT_EXTENSIBLE:
		DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, "Cannot add property %s, object is not extensible", k);
		break;
	case DUK_V8MSG_PUT_PRIMITIVE:
		DUK_ERROR_FMT3(thr, DUK_ERR_TYPE_ERROR, "Cannot create property '%s' on %s '%s'", k,
		               duk__v8msg_type(tv_base), d);
		break;
	default: {
		/* A shrink stops at the last element it cannot delete and leaves
		 * the length just past it; a length that is not writable at all
		 * is a read-only property. */
		duk_harray *a = NULL;
		if (DUK_TVAL_IS_OBJECT(tv_base) && DUK_HOBJECT_IS_ARRAY(DUK_TVAL_GET_OBJECT(tv_base)))
			a = (duk_harray *)DUK_TVAL_GET_OBJECT(tv_base);
		if (a == NULL || DUK_HARRAY_LENGTH_NONWRITABLE(a) || a->length == 0)
			DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR,
			               "Cannot assign to read only property 'length' of object '%s'", d);
		DUK_ERROR_FMT2(thr, DUK_ERR_TYPE_ERROR, "Cannot delete property '%lu' of %s",
		               (unsigned long)(a->length - 1), d);
		break;
	}
	}
	DUK_WO_NORETURN(return;);
}

/* Throws the TypeError of a failed strict-mode delete base[key]: an object,
 * or a string's index or length (V8 names the wrapper, [object String]). */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_delete(duk_hthread *thr, duk_tval *tv_base, duk_hstring *key)
{
	const char *k, *d;
	duk__v8msg_push_key(thr, key, NULL);
	k = duk_get_string(thr, -1);
	if (DUK_TVAL_IS_STRING(tv_base))
		duk_push_literal(thr, "[object String]");
	else
		duk__v8msg_push_value(thr, tv_base);
	d = duk_get_string(thr, -1);
	DUK_ERROR_FMT2(thr, DUK_ERR_TYPE_ERROR, "Cannot delete property '%s' of %s", k, d);
	DUK_WO_NORETURN(return;);
}

/* The same for delprop_raw, which has the object only. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_delete_obj(duk_hthread *thr, duk_hobject *obj, duk_hstring *key)
{
	duk_tval tv;
	DUK_TVAL_SET_OBJECT(&tv, obj);
	duk_v8msg_throw_delete(thr, &tv, key);
}

/* Throws "X is not a function" for the value at idx (a callback argument
 * a built-in required to be callable). */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_not_function(duk_hthread *thr, const char *filename, duk_int_t line,
                                                     duk_idx_t idx)
{
	duk__v8msg_push_value(thr, duk_require_tval(thr, idx));
	DUK_ERROR_RAW_FMT1(thr, filename, line, DUK_ERR_TYPE_ERROR, "%s is not a function", duk_get_string(thr, -1));
	DUK_WO_NORETURN(return;);
}

/* Throws the TypeError of `x in y` with y not an object. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_in(duk_hthread *thr, duk_tval *tv_x, duk_tval *tv_y)
{
	const char *k, *d;
	duk__v8msg_push_value(thr, tv_x);
	k = duk_get_string(thr, -1);
	duk__v8msg_push_value(thr, tv_y);
	d = duk_get_string(thr, -1);
	DUK_ERROR_FMT2(thr, DUK_ERR_TYPE_ERROR, "Cannot use 'in' operator to search for '%s' in %s", k, d);
	DUK_WO_NORETURN(return;);
}

/* Throws the RangeError of String.prototype.repeat: a result longer than
 * V8's longest string, else a bad count (as ToNumber made it). */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_repeat(duk_hthread *thr, duk_double_t count, duk_bool_t too_long)
{
	if (too_long)
		DUK_ERROR_RANGE(thr, "Invalid string length");
	duk_push_number(thr, count);
	DUK_ERROR_FMT1(thr, DUK_ERR_RANGE_ERROR, "Invalid count value: %s", duk_to_string(thr, -1));
	DUK_WO_NORETURN(return;);
}

/* Throws the RangeError of String.fromCodePoint for the value at idx. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_code_point(duk_hthread *thr, duk_idx_t idx)
{
	duk_push_number(thr, duk_to_number(thr, idx));
	DUK_ERROR_FMT1(thr, DUK_ERR_RANGE_ERROR, "Invalid code point %s", duk_to_string(thr, -1));
	DUK_WO_NORETURN(return;);
}

/* The native behind the runtime's cc.v8describe(value): the same text, for
 * the messages the runtime's JavaScript builds ("incompatible receiver X"). */
DUK_EXTERNAL duk_ret_t duk_v8msg_describe(duk_context *ctx)
{
	duk_hthread *thr = (duk_hthread *)ctx;
	duk__v8msg_push_value(thr, duk_require_tval(thr, 0));
	return 1;
}

/* Throws "<api> called on non-object" (Object.defineProperty(1, ...)). */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_non_object(duk_hthread *thr, const char *api)
{
	DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, "%s called on non-object", api);
	DUK_WO_NORETURN(return;);
}

/* Throws the TypeError of a prototype that is neither an object nor null
 * (Object.create(1), Object.setPrototypeOf(o, 5)), the value at idx. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_proto(duk_hthread *thr, duk_idx_t idx)
{
	duk__v8msg_push_value(thr, duk_require_tval(thr, idx));
	DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, "Object prototype may only be an Object or null: %s",
	               duk_get_string(thr, -1));
	DUK_WO_NORETURN(return;);
}

/* What is wrong with a property descriptor, for duk_v8msg_throw_descriptor(). */
enum duk_v8msg_desc {
	DUK_V8MSG_DESC_NOT_OBJECT, /* the descriptor itself (the value at idx) */
	DUK_V8MSG_DESC_GETTER,     /* its get (at idx) is not callable */
	DUK_V8MSG_DESC_SETTER,     /* its set (at idx) is not callable */
	DUK_V8MSG_DESC_BOTH        /* accessors and a value or writable: the descriptor at idx */
};

DUK_LOCAL DUK_COLD void duk_v8msg_throw_descriptor(duk_hthread *thr, enum duk_v8msg_desc why, duk_idx_t idx)
{
	static const char *const fmt[] = {
	        "Property description must be an object: %s",
	        "Getter must be a function: %s",
	        "Setter must be a function: %s",
	        "Invalid property descriptor. Cannot both specify accessors and a value or writable attribute, %s",
	};
	duk__v8msg_push_value(thr, duk_require_tval(thr, idx));
	DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, fmt[why], duk_get_string(thr, -1));
	DUK_WO_NORETURN(return;);
}

/* Throws the TypeError of a failed [[DefineOwnProperty]] of key:
 * redefining a non-configurable property, or adding one to an object that
 * is not extensible. */
DUK_LOCAL DUK_COLD void duk_v8msg_throw_define(duk_hthread *thr, duk_bool_t not_extensible, duk_hstring *key)
{
	duk__v8msg_push_key(thr, key, NULL);
	if (not_extensible)
		DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, "Cannot define property %s, object is not extensible",
		               duk_get_string(thr, -1));
	DUK_ERROR_FMT1(thr, DUK_ERR_TYPE_ERROR, "Cannot redefine property: %s", duk_get_string(thr, -1));
	DUK_WO_NORETURN(return;);
}
