// An error's own property names are V8's (stack, message, cause, errors), so
// JSON.stringify(e, Object.getOwnPropertyNames(e)) shows no lineNumber or
// fileName (and no internal path).
function names(e) { return Object.getOwnPropertyNames(e).join(','); }
console.log(names(new Error('x')), names(new Error()), names(new TypeError('t', { cause: 1 })));
console.log(names(new AggregateError([1], 'm', { cause: 2 })), names(AggregateError([])));
function NotFound(m) { var e = new Error(m); Object.setPrototypeOf(e, NotFound.prototype); e.name = 'NotFound'; e.code = 404; return e; }
NotFound.prototype = Object.create(Error.prototype);
console.log(names(new NotFound('gone')));
var nf = new NotFound('gone');
console.log(JSON.stringify(nf, Object.getOwnPropertyNames(nf).filter(function (k) { return k !== 'stack'; })));
try { null.x; } catch (e) { console.log(names(e)); }
try { JSON.parse('{'); } catch (e) { console.log(names(e)); }
try { missing(); } catch (e) { console.log(names(e), e.stack.split('\n')[0]); }
var m = new RangeError('a'); m.message = 'b'; console.log(names(m), m.message);
var o = {}; Error.captureStackTrace(o); console.log(names(o));
console.log(Object.keys(new Error('k')).length, JSON.stringify(new Error('j')));
