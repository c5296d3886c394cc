// Date.parse trims white space only when an end of the string may hold it
// (guest/runtime/date.js, parse): every case must print node's answer.
// (Left out: V8 refuses a full ISO date-time with white space or another
// character around it, where the runtime's parser trims and accepts; a
// deviation older than this test, in the round-18 note.)
var cases = [
  '2023-11-14T22:13:20.000Z', '\t2023-11-14\n',
  '\u00a02023-11-14\u00a0', '\ufeff2023-11-14', '2023-11-14\ufeff',
  '\u000b2023-11-14\u000c', '',
  ' ', '\u00a0', '2023-11-14T22:13:20.000+01:00', 'Nov 14 2023',
  ' Nov 14 2023 10:00 GMT ', 'Tue, 14 Nov 2023 22:13:20 GMT', '2023-13-01', '2023-11-14T24:00:00Z',
  '2023-11-14T24:00:01Z', '0099-01-01T00:00:00Z', '+002023-11-14T00:00:00Z', '-000000-01-01T00:00:00Z',
  '2023-11-14T22:13:20.1234567Z', '2023-02-29T00:00:00Z', '2024-02-29', '\u0085 2023-11-14'
];
for (var i = 0; i < cases.length; i++) {
  var t = Date.parse(cases[i]);
  console.log(i, JSON.stringify(cases[i]), t, isNaN(t) ? 'NaN' : new Date(t).toISOString());
}
console.log('ctor', new Date(' 2023-11-14 ').getTime(), new Date('2023-11-14T22:13:20.000Z').getTime());
