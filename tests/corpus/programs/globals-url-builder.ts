async () => {
  const cfg = await codemode.getConfig();
  const base = new URL('https://api.example.com:8443/v2/');
  const urls = cfg.regions.map((r) => {
    const u = new URL(`regions/${encodeURIComponent(r)}/status`, base);
    u.searchParams.set('version', cfg.version);
    u.searchParams.append('tag', 'a b&c');
    u.searchParams.append('tag', 'ü/é');
    u.hash = 'top section';
    return u.href;
  });
  const rel = ['../x', '/abs', '?q=1', '#h', '//other.host/p', 'https://x.y/z/../w', './a/./b/../c'].map((r) => new URL(r, 'https://h.com/a/b/c?d=1#e').href);
  const u = new URL('HTTPS://User:Pa%20ss@Example.COM:443/p/a%2Fb/ü?b=2&a=1&b=1#Frag');
  const parts = { protocol: u.protocol, username: u.username, password: u.password, host: u.host, hostname: u.hostname, port: u.port, pathname: u.pathname, search: u.search, hash: u.hash, origin: u.origin };
  u.searchParams.sort();
  const sorted = u.search;
  const sp = new URLSearchParams('?x=1&y=%20two+plus&x=3&empty=&flag');
  const spInfo = { all: sp.getAll('x'), y: sp.get('y'), empty: sp.get('empty'), flag: sp.get('flag'), none: sp.get('none'), has: sp.has('flag'), str: sp.toString(), size: [...sp].length };
  sp.delete('x');
  const fromObj = new URLSearchParams({ q: 'duck & cover', n: '10' }).toString();
  const fromPairs = new URLSearchParams([['a', '1'], ['a', '2']]).toString();
  const bad = ['not a url', 'http://', 'http://[::1', 'mailto:someone@example.com', 'file:///etc/hosts', 'data:text/plain,hi'].map((s) => { try { const x = new URL(s); return `${x.protocol}|${x.host}|${x.pathname}`; } catch (e) { return (e as Error).name; } });
  const canParse = typeof (URL as any).canParse === 'function' ? (URL as any).canParse('https://x') : 'n/a';
  const enc = [encodeURIComponent('a b/c?d=é&'), encodeURI('https://x.com/a b?q=é&r=1#f'), decodeURIComponent('%E2%9C%93%20ok'), escape ? 'esc' : ''];
  let decErr = '';
  try { decodeURIComponent('%E0%A4%A'); } catch (e) { decErr = (e as Error).name; }
  console.log(urls[0]);
  return { urls, rel, parts, sorted, spInfo, after: sp.toString(), fromObj, fromPairs, bad, canParse, enc, decErr, json: JSON.stringify({ u: new URL('https://a.b/c') }) };
}
