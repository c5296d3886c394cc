async () => {
  const u = new URL('https://api.example.com/v1/search?q=duck&page=2#top');
  u.searchParams.set('page', '3');
  u.searchParams.append('tag', 'a b');
  const p = new URLSearchParams({ city: 'New York', units: 'metric' });
  return { href: u.href, host: u.host, path: u.pathname, qs: p.toString(), q: u.searchParams.get('q') };
}
