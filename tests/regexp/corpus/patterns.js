// Real-world patterns (logs, emails, URLs, CSV, markdown, dates, code) run
// through exec, match, matchAll, replace, split and test; one JSON line per
// operation, compared with node 20's output (tests/regexp/run.py).
const LOG = [
  '2024-06-17T09:30:00.123Z INFO  [api] GET /users/42 200 12ms',
  '2024-06-17T09:30:01.456Z ERROR [db] connection refused (retry 3/5)',
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  'Jun 17 09:30:00 host sshd[1234]: Failed password for invalid user admin from 10.0.0.5 port 22 ssh2',
  'level=warn msg="disk almost full" used=91.5% path=/var/log',
  '',
];
const TEXT = [
  'Contact alice@example.com or bob.smith+tag@mail.co.uk; not: foo@bar, @x.y',
  'See https://example.com/path?q=1&r=two#frag and http://sub.domain.org:8080/a/b.html.',
  'name,age,city\n"Smith, John",42,"New York"\nJane,,Paris\n"Quote ""x""",7,',
  '# Title\n\nSome **bold** and _em_ and `code` with [a link](https://x.io "t").\n- item 1\n- item 2\n\n```js\nlet x = 1;\n```',
  'Dates: 2024-06-17, 17/06/2024, June 17, 2024, 2024/06/14 and 1999-12-31.',
  'Prices: $12.50, $3, €4,99, USD 1,234.56 and -$0.75',
  'camelCaseString and snake_case_string and kebab-case-string and PascalCase',
  'Ünïcödé façade naïve café — Ελληνικά русский 日本語 😀👍🏽 ok',
  '  padded   text\twith\ttabs  \n  and lines  ',
  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
];
const CASES = [
  // logs
  [/^(?<ts>\d{4}-\d\d-\d\dT[\d:.]+Z)\s+(?<level>[A-Z]+)\s+\[(?<mod>\w+)\]\s+(?<msg>.*)$/, LOG],
  [/(?<method>GET|POST|PUT|DELETE)\s+(?<path>\/\S*)\s+(?<status>\d{3})/, LOG],
  [/^(\S+) \S+ (\S+) \[([^\]]+)\] "([A-Z]+) ([^ "]+)[^"]*" (\d{3}) (\d+|-)$/, LOG],
  [/Failed password for (?:invalid user )?(\w+) from ([\d.]+) port (\d+)/, LOG],
  [/(\w+)=("[^"]*"|\S+)/g, LOG],
  [/\b(?:ERROR|WARN(?:ING)?|FATAL)\b/i, LOG],
  [/(?<=\[)\w+(?=\])/g, LOG],
  [/\d+(?=ms\b)/, LOG],
  [/(?<!\d)\d{1,3}(?:\.\d{1,3}){3}(?!\d)/g, LOG],
  [/retry (\d+)\/(\d+)/, LOG],
  // emails and URLs
  [/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, TEXT],
  [/^[^\s@]+@[^\s@]+\.[^\s@]+$/, ['a@b.co', 'bad@', 'x y@z.com', 'first.last@sub.example.org']],
  [/(?<user>[\w.+-]+)@(?<domain>[\w-]+(?:\.[\w-]+)+)/, TEXT],
  [/https?:\/\/[^\s/$.?#].[^\s]*/gi, TEXT],
  [/^(?<scheme>[a-z][a-z0-9+.-]*):\/\/(?<host>[^/:?#]+)(?::(?<port>\d+))?(?<path>\/[^?#]*)?(?:\?(?<query>[^#]*))?(?:#(?<hash>.*))?$/i,
    ['https://example.com/path?q=1&r=two#frag', 'http://sub.domain.org:8080/a/b.html', 'ftp://x', 'nope']],
  [/[?&]([^=&#]+)=([^&#]*)/g, ['https://e.com/?a=1&b=&c=three#x', '?only=1']],
  // CSV
  [/("(?:[^"]|"")*"|[^,\n]*)(,|\n|$)/g, [TEXT[2]]],
  [/,(?=(?:[^"]*"[^"]*")*[^"]*$)/, ['a,"b,c",d', '"x,y",z', 'plain']],
  [/\r?\n/, [TEXT[2], 'a\r\nb\nc']],
  // markdown
  [/^#{1,6}\s+(.+)$/gm, [TEXT[3]]],
  [/\*\*(.+?)\*\*/g, [TEXT[3]]],
  [/\[([^\]]+)\]\(([^)\s]+)(?:\s+"([^"]*)")?\)/g, [TEXT[3]]],
  [/^[-*]\s+(.*)$/gm, [TEXT[3]]],
  [/```(\w*)\n([\s\S]*?)```/, [TEXT[3]]],
  [/`([^`]+)`/g, [TEXT[3]]],
  [/(?<![*_])_(?!_)(.+?)_/g, [TEXT[3]]],
  // dates and numbers
  [/(?<y>\d{4})-(?<m>\d{2})-(?<d>\d{2})/g, [TEXT[4]]],
  [/\b(\d{1,2})\/(\d{1,2})\/(\d{4})\b/, [TEXT[4]]],
  [/(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s*(\d{4})/, [TEXT[4]]],
  [/-?\$\d+(?:\.\d{2})?/g, [TEXT[5]]],
  [/(?<=\$)\d+(?:\.\d+)?/g, [TEXT[5]]],
  [/\d{1,3}(?:,\d{3})*(?:\.\d+)?/g, [TEXT[5]]],
  [/\B(?=(\d{3})+(?!\d))/g, ['1234567', '12', '1000']],
  [/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/, ['1.5e10', '-.5', '+3.', 'abc', '1e']],
  // identifiers and case
  [/([a-z])([A-Z])/g, [TEXT[6]]],
  [/[-_]+(.)?/g, [TEXT[6]]],
  [/\b[A-Z][a-z]+(?:[A-Z][a-z]+)+\b/g, [TEXT[6]]],
  [/^[A-Za-z_$][\w$]*$/, ['valid_id', '9bad', '$ok', 'has space']],
  // unicode
  [/\p{L}+/gu, [TEXT[7]]],
  [/\p{Script=Greek}+/u, [TEXT[7]]],
  [/\p{Script_Extensions=Cyrillic}+/u, [TEXT[7]]],
  [/\p{Extended_Pictographic}/gu, [TEXT[7]]],
  [/\p{Emoji_Presentation}\p{Emoji_Modifier}?/gu, [TEXT[7]]],
  [/[^\x00-\x7F]/g, [TEXT[7]]],
  [/./gu, ['😀a👍🏽']],
  [/./g, ['😀a']],
  [/\u{1F600}/u, [TEXT[7]]],
  [/^.$/u, ['😀', 'ab']],
  [/ÄÖÜ/i, ['äöü', 'ÄÖÜ']],
  [/σ/iu, ['Σ', 'ς', 'σ']],
  [/\w+/giu, ['Straße Kelvin K ſ']],
  [/[\p{Lu}\p{Lt}]/gu, ['aBcǅD']],
  [/\P{L}+/gu, [TEXT[7]]],
  [/\p{N}+/gu, ['a1٢३ 42']],
  // whitespace and trimming
  [/^\s+|\s+$/g, [TEXT[8]]],
  [/\s+/g, [TEXT[8]]],
  [/[ \t]+$/gm, [TEXT[8]]],
  [/^\s*$/m, ['a\n\n b']],
  // flags and lastIndex
  [/a/y, ['aab', 'ba']],
  [/a+/gy, ['aaXaa']],
  [/^b/m, ['a\nb\nc']],
  [/a.c/s, ['a\nc', 'abc']],
  [/a.c/, ['a\nc', 'abc']],
  [/(?:)/g, ['abc']],
  [/x*/g, ['axxb']],
  [/(a)|(b)/d, ['xb']],
  [/(?<first>\w)(?<rest>\w*)/dg, ['hello world']],
  // groups and backreferences
  [/(\w)\1/g, ['aabbcd eef']],
  [/(?<q>['"]).*?\k<q>/g, [`say "hi" and 'bye' "x'`]],
  [/((a)|b)+/, ['ab']],
  [/(a)?b/, ['b']],
  [/(z)((a+)?(b+)?(c))*/, ['zaacbbbcac']],
  [/(?=(a+))a*b\1/, ['baaabac']],
  [/(.*?)a(?!(a+)b\2c)\2(.*)/, ['baaabaac']],
  [/(?<=(\d+)(\d+))$/, ['1053']],
  [/(?<=\1(a))b/, ['aab']],
  [/(?<!abc)\w\w\w/, ['abcdef']],
  [/\b\w+(?=,)/g, ['one, two three, four']],
  [/^(?:(\d+)|(\w+))$/, ['123', 'abc']],
  // quantifiers
  [/a{2,3}/g, ['aaaaaaa']],
  [/a{2,3}?/g, ['aaaaaaa']],
  [/<.+?>/g, ['<a><b></b></a>']],
  [/<.+>/, ['<a><b></b></a>']],
  [/(ab){2}/, ['ababab']],
  [/x{0}y/, ['xy']],
  // Annex B syntax
  [/{/, ['a{b']],
  [/a{,2}/, ['a{,2}']],
  [/]/, ['a]']],
  [/\c/, ['\\c']],
  [/[\c_]/, ['\x1f']],
  [/\8/, ['8']],
  [/\1(a)/, ['aa']],
  [/\07/, ['\x07']],
  [/[\d-z]+/, ['1-z']],
];
const out = [];
// Lone surrogates are spelled out first: how JSON.stringify prints them is
// not what this corpus is about.
function esc(s) {
  let o = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i), d = s.charCodeAt(i + 1);
    if (c >= 0xd800 && c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) { o += s[i] + s[i + 1]; i++; }
    else if (c >= 0xd800 && c <= 0xdfff) o += '<U+' + c.toString(16) + '>';
    else o += s[i];
  }
  return o;
}
function show(v) { return JSON.stringify(v, (k, x) => (typeof x === 'string' ? esc(x) : x)); }
for (const [re, inputs] of CASES) {
  for (const s of inputs) {
    const r = new RegExp(re.source, re.flags);
    const m = r.exec(s);
    const row = { re: String(re) };
    row.exec = m && { a: [...m], index: m.index, groups: m.groups ? { ...m.groups } : m.groups,
      indices: m.indices ? [...m.indices] : undefined, lastIndex: r.lastIndex };
    row.test = new RegExp(re.source, re.flags).test(s);
    row.match = s.match(re);
    if (re.global) {
      row.matchAll = [...s.matchAll(re)].map((x) => [x[0], x.index, x.length]);
      row.replaceAll = s.replaceAll(re, '<$&>');
    }
    row.replace = s.replace(re, '[$1|$<first>|$`]');
    row.replaceFn = s.replace(re, (...a) => '{' + a.filter((x) => typeof x === 'string').length + '}');
    row.split = s.split(re, 10);
    row.search = s.search(re);
    out.push(show(row));
  }
}
console.log(out.join('\n'));
console.log('lines: ' + out.length);
