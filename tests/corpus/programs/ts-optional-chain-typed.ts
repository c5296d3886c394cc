interface Address { city?: string; geo?: { lat: number; lng: number } }
interface Profile {
  id: number;
  name: string;
  address?: Address | null;
  tags?: string[];
  prefs?: { theme?: 'dark' | 'light'; notify?: (msg: string) => string };
  manager?: Profile;
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 5 });
  const profiles: Profile[] = items.map((u: any, i: number): Profile => ({
    id: u.id,
    name: u.name,
    address: i === 0 ? null : i % 2 ? { city: `City${i}`, geo: i === 3 ? { lat: 51.5, lng: -0.12 } : undefined } : undefined,
    tags: i > 2 ? [u.plan, u.country] : undefined,
    prefs: i === 1 ? { theme: 'dark', notify: (m) => `notified ${u.id}: ${m}` } : i === 2 ? {} : undefined,
  }));
  profiles[4].manager = profiles[3];
  profiles[3].manager = profiles[0];
  const rows = profiles.map((p) => ({
    id: p.id,
    city: p.address?.city ?? '(no city)',
    lat: p.address?.geo?.lat?.toFixed(1) ?? null,
    firstTag: p.tags?.[0]?.toUpperCase(),
    tagCount: p.tags?.length ?? 0,
    theme: p.prefs?.theme ?? 'light',
    notified: p.prefs?.notify?.('hi') ?? null,
    bossBoss: p.manager?.manager?.name ?? null,
    addressType: p.address === null ? 'null' : typeof p.address,
  }));
  const chainCall = profiles.map((p) => p.tags?.map((t) => t.length).reduce((a, b) => a + b));
  const deleted = delete profiles[0]?.tags;
  let calls = 0;
  const counter = () => (calls++, profiles[1]);
  const theme = counter()?.prefs?.theme;
  const skip = (undefined as Profile | undefined)?.prefs?.notify?.(String(calls++));
  rows.forEach((r) => console.log(`${r.id} ${r.city} ${r.theme}`));
  return { rows, chainCall, deleted, theme, skip, calls };
}
