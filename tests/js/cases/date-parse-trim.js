// Date.parse and white space or other characters around a date
// (guest/runtime/date.js, parse): every case must print node's answer. V8
// reads the ES5 form only with nothing around it (its words "t" and "z" in
// either case, an hhmm offset); a string that starts otherwise goes to the
// legacy scanner, which skips white space and refuses a "T" after a number,
// and anything after an ES5 time part is NaN.
var cases = [
  '2023-11-14T22:13:20.000Z', '\t2023-11-14\n',
  '\u00a02023-11-14\u00a0', '\ufeff2023-11-14', '2023-11-14\ufeff',
  '\u000b2023-11-14\u000c', '',
  ' ', '\u00a0', '2023-11-14T22:13:20.000+01:00', 'Nov 14 2023',
  ' Nov 14 2023 10:00 GMT ', 'Tue, 14 Nov 2023 22:13:20 GMT', '2023-13-01', '2023-11-14T24:00:00Z',
  '2023-11-14T24:00:01Z', '0099-01-01T00:00:00Z', '+002023-11-14T00:00:00Z', '-000000-01-01T00:00:00Z',
  '2023-11-14T22:13:20.1234567Z', '2023-02-29T00:00:00Z', '2024-02-29', '\u0085 2023-11-14',
  ' 2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z ', '\t2020-01-01T10:00', '2020-01-01T10:00:00.000+02:00\n',
  '2020-01-01T00:00:00Z\u00a0', '2020-01-01T10:00:00Z\u3000', '2020-01-01t10:00:00z', '2020-01-01T10:00:00+0200',
  '2020-01-01T10:00:00-02', '2020-01-01T10:00:00 +02:00', '2020-01-01T10:00:00 GMT', '2020-01-01T1:00',
  '2020-01T10:00Z', '2020T10:00Z', '2020-01-01T10:00:00.000Z(UTC)', '2020-01-01T10:00Zx', 'T 2020',
  '2020-13-01T10:00', ' 2020-01-01 10:00:00Z '
];
for (var i = 0; i < cases.length; i++) {
  var t = Date.parse(cases[i]);
  console.log(i, JSON.stringify(cases[i]), t, isNaN(t) ? 'NaN' : new Date(t).toISOString());
}
console.log('ctor', new Date(' 2023-11-14 ').getTime(), new Date('2023-11-14T22:13:20.000Z').getTime());
