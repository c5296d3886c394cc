// bench/regexp.js: RegExp workloads timed inside the guest (console.time),
// ES5 patterns only so that the same program runs on Duktape's own engine
// (a build before guest/regexp) for comparison. bench/regexp.sh runs it.
var i, lines = [], words = [];
for (i = 0; i < 20000; i++) {
  lines.push('2024-06-17T09:' + (10 + i % 50) + ':00.' + (100 + i % 900) + 'Z ' + (i % 7 ? 'INFO ' : 'ERROR') +
    ' [api] GET /users/' + i + ' ' + (i % 13 ? 200 : 500) + ' ' + (i % 97) + 'ms');
  words.push('user' + i + (i % 5 ? '@example.com' : '@bad'));
}
var log = lines.join('\n'), text = lines.join('   \t  ');
var csv = lines.map(function (l) { return l.replace(/ +/g, ','); }).join('\n');
var n = 0, m, re;

console.time('exec-log-lines');
re = /^(\S+)\s+([A-Z]+)\s+\[(\w+)\]\s+(GET|POST) (\S+) (\d{3}) (\d+)ms$/;
for (i = 0; i < lines.length; i++) if ((m = re.exec(lines[i])) && m[6] === '500') n++;
console.timeEnd('exec-log-lines');

console.time('test-emails');
re = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
for (i = 0; i < words.length; i++) if (re.test(words[i])) n++;
console.timeEnd('test-emails');

console.time('replace-g-whitespace-1mb');
n += text.replace(/\s+/g, ' ').length;
console.timeEnd('replace-g-whitespace-1mb');

console.time('replace-g-fn-1mb');
n += log.replace(/\d+ms/g, function (s) { return '<' + s + '>'; }).length;
console.timeEnd('replace-g-fn-1mb');

console.time('match-g-numbers-1mb');
n += log.match(/\d+/g).length;
console.timeEnd('match-g-numbers-1mb');

console.time('split-csv-lines');
var rows = csv.split(/\r?\n/);
for (i = 0; i < rows.length; i++) n += rows[i].split(/,/).length;
console.timeEnd('split-csv-lines');

console.time('case-insensitive-search');
re = /error.*500/i;
for (i = 0; i < lines.length; i++) if (re.test(lines[i])) n++;
console.timeEnd('case-insensitive-search');

console.time('compile-2000-patterns');
for (i = 0; i < 2000; i++) n += new RegExp('^item-' + i + '-(\\d+)-([a-z]+)$', 'i').source.length;
console.timeEnd('compile-2000-patterns');

console.time('backtracking-(a|aa)*b-n22');
n += /^(a|aa)*b$/.test('aaaaaaaaaaaaaaaaaaaaaa') ? 1 : 0;
console.timeEnd('backtracking-(a|aa)*b-n22');

console.log('checksum ' + n);
