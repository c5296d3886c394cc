// localeCompare and Collator#compare through the native's memo of the last
// collator and its ASCII path (guest/intl/text.c n_collate): the same
// answers as node for ASCII, non-ASCII and mixed pairs, with collators
// alternating call by call and after the service cache closed them.
var words = ['banana', 'Apple', 'apple', 'cherry', 'item10', 'item9', 'Zebra', 'a-b', 'ab', 'a b', '', 'a\u0000c', 'a\u0000b',
  'r\u00e9sum\u00e9', 'resume', 'R\u00e9sum\u00e9', '\u00e4pfel', 'apfel', 'stra\u00dfe', 'strasse', '\ud83d\ude00 smile', 'smile'];
function sorted(cmp) { return JSON.stringify(words.slice().sort(cmp)); }
console.log(sorted(function (a, b) { return a.localeCompare(b); }));
console.log(sorted(function (a, b) { return a.localeCompare(b, 'de'); }));
console.log(sorted(function (a, b) { return a.localeCompare(b, 'sv'); }));
console.log(sorted(function (a, b) { return a.localeCompare(b, undefined, { numeric: true }); }));
console.log(sorted(function (a, b) { return a.localeCompare(b, 'en', { sensitivity: 'base' }); }));
var base = new Intl.Collator('en', { sensitivity: 'base' }).compare;
var variant = new Intl.Collator('en').compare;
var num = new Intl.Collator('en', { numeric: true, caseFirst: 'upper' }).compare;
// Alternating collators per call: each call must use its own.
var out = [];
for (var i = 0; i < words.length; i++) {
  var a = words[i], b = words[(i * 7 + 3) % words.length];
  out.push(base(a, b) + '/' + variant(a, b) + '/' + num(a, b) + '/' + a.localeCompare(b, 'sv'));
}
console.log(out.join(' '));
// Enough other services to make the cache close the ones above, then the
// same comparisons again.
for (var j = 0; j < 80; j++) new Intl.NumberFormat('en', { minimumFractionDigits: j % 20, maximumFractionDigits: 20, style: j < 40 ? 'decimal' : 'percent' }).format(1.5);
for (var k = 0; k < 70; k++) ('x' + k).localeCompare('y', 'en', { sensitivity: k % 2 ? 'base' : 'accent', numeric: k % 3 === 0, ignorePunctuation: k % 5 === 0 });
var again = [];
for (var m = 0; m < words.length; m++) {
  var c = words[m], d = words[(m * 5 + 1) % words.length];
  again.push(base(c, d) + '/' + variant(c, d) + '/' + num(c, d) + '/' + c.localeCompare(d) + '/' + c.localeCompare(d, 'de'));
}
console.log(again.join(' '));
console.log(['a', 'A', 'b'].map(function (x) { return x.localeCompare('a', 'en', { sensitivity: 'case' }); }).join(','));
