console.log(JSON.stringify(Array.from('h\u00e9')), JSON.stringify(Array.from({length:3}, function(_, i){return i*2})), JSON.stringify(Array.from(new Set([1,1,2]))), JSON.stringify(Array.from([,1])));
console.log(JSON.stringify(Array.of(7,8)), [1,2,3].find(function(x){return x>1}), [1,2,3].findLastIndex(function(x){return x<3}), [NaN].includes(NaN), [1,2,3].includes(3, -1), [1,2,3].includes(1,-1));
console.log(JSON.stringify([1,[2,[3,[4]]],,5].flat()), JSON.stringify([1,[2,[3,[4]]]].flat(Infinity)), JSON.stringify([1,2].flatMap(function(x){return [x,[x*2]]})));
console.log([1,2,3].at(-1), [1,2,3].at(5), JSON.stringify([1,2,3,4,5].fill(0,1,-1)), JSON.stringify([1,2,3,4,5].copyWithin(0,3)), JSON.stringify([1,2,3,4,5].copyWithin(1,0,3)));
var a=[]; for (var i=0;i<50;i++) a.push({k:i%3,i:i}); a.sort(function(x,y){return x.k-y.k}); console.log(a.map(function(x){return x.i}).join(','));
console.log(JSON.stringify([3,undefined,1,,10,2].sort()), [3,1,2].toSorted().join(), [1,2,3].toReversed().join(), [1,2,3].with(-1,9).join(), [1,2,3,4].toSpliced(1,2,'x').join());
try { [].sort(1) } catch(e) { console.log(e.name) }
try { [1].with(5, 1) } catch(e) { console.log(e.name) }
var u = new Uint8Array([3,1,2]); console.log(u.slice(1).join(), u.map(function(x){return x*2}).join(), u.sort().join(), u.includes(2), u.indexOf(3), Array.from(u.entries()).join('|'), new Float64Array([3,NaN,-1,0,-0]).sort().join());
console.log(JSON.stringify(Array.from([1,2].entries())), JSON.stringify(Array.from([1,2].keys())), Array.from(Uint8Array.from([1,2])).join());
console.log(Array.prototype.find.length, Array.prototype.includes.name, Object.keys(Array.prototype).length);
try { Array.prototype.find.call(null, function(){}) } catch(e) { console.log(e.name) }
console.log(JSON.stringify(Array.prototype.concat.call([], [1]).flat()), Array.from(new Map([[1,2]])).join(';'));
var words = ['b', 'a', 'B', 'c', 'a']; console.log(words.sort().join(), words.sort(function (x, y) { return x.toLowerCase() < y.toLowerCase() ? -1 : x.toLowerCase() > y.toLowerCase() ? 1 : 0; }).join());
var holes = [3, , 1, undefined, 2]; holes.sort(); console.log(holes.length, 1 in holes, 3 in holes, 4 in holes, String(holes[3]));
var big = []; for (var i = 0; i < 2000; i++) big.push({ k: (i * 7919) % 10, i: i });
big.sort(function (a, b) { return a.k - b.k; }); var stable = true;
for (i = 1; i < big.length; i++) if (big[i - 1].k === big[i].k && big[i - 1].i > big[i].i) stable = false;
console.log('stable 2000', stable, big[0].k, big[1999].k);
var orig = [3, 1, 2]; try { orig.sort(function () { throw new Error('cmp'); }); } catch (e) { console.log(e.message, orig.join()); }
console.log([1, 10, 2, 21].sort().join(), [1, 10, 2, 21].sort(function (a, b) { return b - a; }).join(), [5, 1, 4].sort(function () { return NaN; }).join());
console.log([0, 1, 2].includes('1'), [1, 2, 3].indexOf(2), Array.prototype.includes.call('abc', 'b'), Array.prototype.at.call({ length: 2, 1: 'y' }, -1));
console.log(JSON.stringify([[1, 2], [3]].flat().map(function (x) { return x * 2; })), [].flat().length, JSON.stringify([1, [2, [3]]].flat(-1)));
console.log(JSON.stringify(new Array(3).fill().map(function (_, i) { return i; })), JSON.stringify(Array.from({ length: 3 }).keys ? Array.from(Array(3).keys()) : 0));
