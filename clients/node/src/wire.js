// wire: binary values across the tool bridge (docs/PROTOCOL.md, Binary
// values). A Uint8Array (a Buffer too) or an ArrayBuffer travels as
// {"$bytes": "<base64>"}; an object key spelled $bytes, $$bytes, ... gets
// one more "$" on the wire, so no user object can pass for the tag.
// Runs in: the host's Node process. Input: tool arguments and the program's
// result as codecell sent them (parsed JSON from the supervisor, which
// passes the guest's bytes on unparsed: untrusted shapes), and tool results
// from the host's own tools.

const RESERVED = /^\$+bytes$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** The tag object a bytes value is written as (JSON.stringify writes its
 * one own key; the replacer never sees it as a user object). */
class BytesTag {
  constructor(u8) {
    this.$bytes = Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('base64');
  }
}

function escapeKeys(o) {
  const out = {};
  for (const k of Object.keys(o)) out[RESERVED.test(k) ? `$${k}` : k] = o[k];
  return out;
}

/** A JSON.stringify replacer that writes bytes as tags and escapes reserved
 * keys. `this[key]` is the value before toJSON, so a Buffer is bytes, not
 * Buffer.prototype.toJSON's {type, data}. */
export function wireReplacer(key, value) {
  const raw = this[key];
  if (raw instanceof Uint8Array) return new BytesTag(raw);
  if (raw instanceof ArrayBuffer) return new BytesTag(new Uint8Array(raw));
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof BytesTag)) {
    for (const k in value) {
      if (Object.prototype.hasOwnProperty.call(value, k) && RESERVED.test(k)) return escapeKeys(value);
    }
  }
  return value;
}

/** A parsed value with every tag as a Uint8Array (a copy: never a view of
 * Node's shared Buffer pool) and escaped keys restored. Never mutates v (the
 * result message handed to onResult keeps its wire form); unchanged parts
 * are shared. Throws TypeError for a malformed tag. */
export function fromWire(v) {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let out = null;
    for (let i = 0; i < v.length; i++) {
      const x = fromWire(v[i]);
      if (x !== v[i] && !out) out = v.slice(0, i);
      if (out) out.push(x);
    }
    return out ?? v;
  }
  const keys = Object.keys(v);
  if (keys.includes('$bytes')) {
    const s = v.$bytes;
    if (keys.length !== 1 || typeof s !== 'string' || !BASE64.test(s)) {
      throw new TypeError('malformed $bytes tag: it must be the only key and hold standard base64');
    }
    return new Uint8Array(Buffer.from(s, 'base64'));
  }
  let changed = false;
  const vals = keys.map((k) => {
    const x = fromWire(v[k]);
    if (x !== v[k] || RESERVED.test(k)) changed = true;
    return x;
  });
  if (!changed) return v;
  const out = {};
  keys.forEach((k, i) => {
    // defineProperty: a "__proto__" key stays an own property, as JSON.parse made it.
    Object.defineProperty(out, RESERVED.test(k) ? k.slice(1) : k,
      { value: vals[i], writable: true, enumerable: true, configurable: true });
  });
  return out;
}
