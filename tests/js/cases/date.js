// Date parsing (ISO strictly, then V8's legacy forms) and node's string forms.
// Runs under duk with the runtime and through codecell; TZ is UTC in both.
var inputs = [
  'Mon, 17 Jun 2024 09:30:00 GMT', 'June 17, 2024', '2024/06/14', '2024-06-14', '2024-06-14T10:00:00',
  '2024-06-14T10:00:00Z', '2024-06-14T10:00:00.5+02:00', '17 Jun 2024 10:00 +0200', 'Jun 17 2024 11:45:00 GMT+0100',
  'June 17', '2024-06-14 10:00', '6/17/2024', '17/6/2024', 'Jun 17, 2024 3:04 PM', '12:30 AM Jun 1 2024',
  '2024-06-14T10:00:00+0200', '2024-6-4', 'Tue Jun 18 2024 10:00:00 GMT+0000 (Coordinated Universal Time)',
  '12/31/99', '1/2/03', '1 January 2024', '2024.06.14', 'June 2024', 'Monday, June 17, 2024 at 9:30 AM',
  '2024-06-14Z', '20240614', 'June 17th, 2024', '17.06.2024', '2024-06-14T10:00:00.123456Z', '  2024-06-14  ',
  'Jun-17-2024', '2024-06-14 10:00:00 UTC', 'Sat, 01 Jan 2000 00:00:00 +0000', '2024-13-01', '2024-02-30',
  '2024-06-17T25:00:00Z', '2024-06-17T24:00:00Z', '2024-06-17T23:60:00Z', '', 'not a date', '+002024-06-14',
  'Thu, 01 Jan 1970 00:00:00 EST', 'Jan 1 2000 10:00 PDT', '2024-06-14T10:00:00.1Z',
  'Wed Jun 19 2024', '19 June 2024 13:45:10.250', 'Dec 25, 1995 13:30 (a comment)', '2024-06-14T10:00+05:30',
  '1995-12-17T03:24:00', 'March 7, 2024 11:00:00 pm'
];
for (var i = 0; i < inputs.length; i++) {
  var d = new Date(inputs[i]);
  console.log(JSON.stringify(inputs[i]) + ' ' + (isNaN(d.getTime()) ? 'Invalid' : d.toISOString()) + ' ' + Date.parse(inputs[i]));
}
var samples = [0, 1718616605042, 951782400000, -62198755200000, 253402300799999, -1];
for (var j = 0; j < samples.length; j++) {
  var s = new Date(samples[j]);
  console.log([s.toString(), s.toUTCString(), s.toDateString(), s.toTimeString(), s.toISOString(), String(s)].join(' | '));
}
var bad = new Date(NaN);
console.log([bad.toString(), bad.toUTCString(), bad.toDateString(), bad.toTimeString(), String(bad)].join(' | '));
try { bad.toISOString(); } catch (e) { console.log(e.name + ': ' + e.message); }
console.log(typeof Date(), Date.length, Date.name, new Date(2024, 0, 31, 12).toISOString(), new Date(99, 1).toISOString());
console.log(new Date(new Date(5)).getTime(), new Date({ valueOf: function () { return 7; } }).getTime(),
  new Date({ toString: function () { return 'June 1, 2020'; }, valueOf: undefined }).toISOString());
console.log(Date.prototype.toGMTString === Date.prototype.toUTCString, new Date(0) instanceof Date,
  Object.prototype.toString.call(new Date(0)), Date.prototype.constructor === Date);
