// Built-in methods defined by the runtime library have the shape of node's
// built-ins: own `length` then `name`, both non-writable, non-enumerable,
// configurable, with the spec's values; symbol-keyed ones carry the name
// node gives them. Covers __cc.setLengthName in both forms: the ES one
// (plain duk) and the guest's native one (guest/rtnative.c), which must agree.
function shape(label, f) {
  var keys = Object.getOwnPropertyNames(f).filter(function (k) { return k === 'length' || k === 'name'; });
  var d = keys.map(function (k) {
    var x = Object.getOwnPropertyDescriptor(f, k);
    return k + '=' + JSON.stringify(x.value) + (x.writable ? 'W' : '') + (x.enumerable ? 'E' : '') + (x.configurable ? 'C' : '');
  });
  console.log(label, keys.join(','), d.join(' '));
}
shape('Array.prototype.flatMap', Array.prototype.flatMap);
shape('Array.prototype.at', Array.prototype.at);
shape('Array.from', Array.from);
shape('Object.fromEntries', Object.fromEntries);
shape('String.prototype.replaceAll', String.prototype.replaceAll);
shape('String.prototype.padStart', String.prototype.padStart);
shape('Promise.allSettled', Promise.allSettled);
shape('Promise.prototype.finally', Promise.prototype.finally);
shape('Map.prototype.forEach', Map.prototype.forEach);
shape('Set.prototype.has', Set.prototype.has);
shape('Array.prototype[Symbol.iterator]', Array.prototype[Symbol.iterator]);
shape('Map.prototype[Symbol.iterator]', Map.prototype[Symbol.iterator]);
shape('Object.hasOwn', Object.hasOwn);
shape('structuredClone', structuredClone);
shape('queueMicrotask', queueMicrotask);
