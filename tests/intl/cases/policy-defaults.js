// Run with policy-defaults.policy.json (intl: de-DE, Europe/Berlin); node gets
// the same defaults from the environment set below when regenerating.
if (typeof process !== 'undefined' && process.versions && process.versions.node && process.env.TZ !== 'Europe/Berlin') {
  const r = require('child_process').spawnSync(process.execPath, [__filename], { env: { ...process.env, TZ: 'Europe/Berlin', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' }, encoding: 'utf8' });
  process.stdout.write(r.stdout);
  process.exit(r.status);
}
const d = new Date(Date.UTC(2024, 0, 15, 12, 30));
console.log((1234567.891).toLocaleString(), d.toLocaleString(), d.toLocaleDateString(), d.toLocaleTimeString());
console.log(new Intl.NumberFormat().resolvedOptions().locale, new Intl.DateTimeFormat().resolvedOptions().timeZone);
console.log(new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(d), ['b', 'ä', 'a'].sort((x, y) => x.localeCompare(y)).join());
console.log(d.toLocaleString('en-US'), d.toLocaleString('en-US', { timeZone: 'UTC' }));
