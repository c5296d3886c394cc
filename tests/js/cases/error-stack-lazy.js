// V8 formats an error's `stack` when it is first read and keeps that text:
// a subclass that names itself after super() or after captureStackTrace
// shows its own name, and a later rename does not show.
function head(e) { return String(e.stack).split('\n')[0]; }

var e = new Error('first');
e.message = 'changed before any read';
console.log(head(e));
e.name = 'Renamed';
console.log(head(e));

var r = new RangeError('range');
console.log(head(r));
r.name = 'Later';
console.log(head(r), '|', String(r));

function Named(m) {
  var err = new Error(m);
  Error.captureStackTrace(err, Named);
  err.name = 'NamedAfterCapture';
  return err;
}
var n = Named('cap');
console.log(head(n));
n.message = 'too late';
console.log(head(n));

var o = { name: 'Plain', message: 'obj' };
Error.captureStackTrace(o);
o.name = 'PlainLater';
console.log(head(o), Object.keys(o).join(','));
var empty = {};
Error.captureStackTrace(empty);
console.log(head(empty));
var noName = { name: '', message: 'only message' };
Error.captureStackTrace(noName);
console.log(head(noName));

var w = new Error('writable');
w.stack = 'custom stack';
console.log(w.stack);
var f = Object.freeze(new Error('frozen'));
console.log(head(f), head(f));
var d = new TypeError('desc');
void d.stack;
var desc = Object.getOwnPropertyDescriptor(d, 'stack');
console.log('value' in desc, desc.writable, desc.enumerable, desc.configurable);
