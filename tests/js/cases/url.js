function show(u) { return [u.href, u.protocol, u.username, u.password, u.host, u.hostname, u.port, u.pathname, u.search, u.hash, u.origin].join(' | '); }
[
  ['HTTP://User:Pw@EXAMPLE.com:80/a/./b/../c?x=1 2#frag ment'],
  ['https://example.com:8443'],
  ['https://example.com/a b/%7Efoo/\u00e9?q=\u00e9&r=\'#h\u00e9'],
  ['http://example.com\\path\\to'],
  ['../d/e?y#z', 'http://h.com/a/b/c'],
  ['//other.org/p', 'https://h.com/x'],
  ['/abs', 'https://h.com/x/y?q#f'],
  ['?only', 'https://h.com/x/y?q#f'],
  ['#only', 'https://h.com/x/y?q#f'],
  ['', 'https://h.com/x/y?q#f'],
  ['mailto:Someone@Example.com'],
  ['data:text/plain,hello world'],
  ['http://0x7f.1/'],
  ['http://192.168.0.257/'],
  ['http://[::1]:3000/x'],
  ['file:///etc/passwd'],
  ['http://example.com/%2e%2E/a/.%2e/b'],
  ['ws://h:80/'],
  ['wss://h:443/'],
  ['ftp://h:21/f'],
  ['non-special://Host/p/../q'],
  ['http://h/?a=1&a=2&b=%20x+y'],
].forEach(function (c) {
  try { console.log(show(c.length > 1 ? new URL(c[0], c[1]) : new URL(c[0]))); } catch (e) { console.log('error', c[0], e.name, e.message); }
});
['', 'no-scheme', 'http://', 'http://exa mple.com', 'http://h:99999/', 'https://h:abc/', '//x'].forEach(function (s) {
  try { new URL(s); console.log('parsed?!', s); } catch (e) { console.log(JSON.stringify(s), e.name, e.message); }
});
try { new URL('/x', 'not a base'); } catch (e) { console.log('bad base', e.name); }
console.log(URL.canParse('https://a.b'), URL.canParse('nope'));
var u = new URL('https://h.com/p?a=1&b=2');
u.searchParams.append('c', 'x y&z');
console.log(u.href, u.search);
u.searchParams.delete('a');
console.log(u.href);
u.search = '?q=new';
console.log(u.searchParams.get('q'), u.searchParams.get('b'), u.href);
u.hash = 'top'; u.pathname = '/a b/c'; u.port = '8080';
console.log(u.href, JSON.stringify({ u: u }), String(u));
u.port = '443'; u.hostname = 'OTHER.org'; u.protocol = 'http';
console.log(u.href);
var sp = new URLSearchParams('?z=1&a=2&z=3&sp=a+b%20c&u=%C3%A9');
console.log(sp.get('z'), JSON.stringify(sp.getAll('z')), sp.has('a'), sp.has('nope'), sp.get('sp'), sp.get('u'), sp.get('missing'), sp.size);
sp.sort(); console.log(sp.toString());
sp.set('z', 'only'); console.log(sp.toString());
console.log(new URLSearchParams({ a: 1, b: 'x y' }).toString(), new URLSearchParams([['k', 'v'], ['k', 'w']]).toString(), new URLSearchParams(new Map([['m', 'n']])).toString());
var seen = []; new URLSearchParams('a=1&b=2').forEach(function (v, k) { seen.push(k + '=' + v); }); console.log(seen.join(';'));
console.log(JSON.stringify(Array.from(new URLSearchParams('x=1&y=2'))), JSON.stringify(Array.from(new URLSearchParams('x=1').keys())));
console.log(new URLSearchParams('a=~!*()\'').toString(), encodeURIComponent('\u00e9'));
try { URL('x'); } catch (e) { console.log(e.name); }
