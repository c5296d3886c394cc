var e = new Error('outer', { cause: new TypeError('inner') });
console.log(e.message, e.cause.name, e.cause.message, 'cause' in new Error('x'), 'cause' in new Error('x', {}), new Error('x', { cause: undefined }).hasOwnProperty('cause'));
console.log(Object.keys(e).length, Object.getOwnPropertyDescriptor(e, 'cause').enumerable, new RangeError('r', { cause: 1 }).cause);
try { null.x; } catch (t) { console.log(t instanceof TypeError, t.constructor === TypeError, t.name, t instanceof Error); }
var a = new AggregateError([1, 2], 'agg', { cause: 'c' });
console.log(JSON.stringify(a.errors), a.message, a.name, a.cause, a instanceof Error, String(a), a instanceof AggregateError, AggregateError.length, Object.getPrototypeOf(AggregateError) === Error);
console.log(AggregateError(new Set([3])).errors[0], AggregateError([]).message === '');
console.log(TypeError('q') instanceof TypeError, Object.getPrototypeOf(TypeError) === Error, String(new RangeError('r')), Error.length, TypeError.name, Error.prototype.constructor === Error);
var o = { name: 'Custom', message: 'msg' }; Error.captureStackTrace(o); console.log(typeof o.stack, o.stack.split('\n')[0]);
function Sub(m) { var err = new Error(m); Object.setPrototypeOf(err, Sub.prototype); return err; }
Sub.prototype = Object.create(Error.prototype); Sub.prototype.name = 'Sub';
var s = new Sub('hi'); console.log(s instanceof Sub, s instanceof Error, String(s));
console.log(typeof new Error('st').stack, new Error('st').stack.split('\n')[0]);
