// Hour cycles, day periods and component combinations across the locale set (V8's resolution of hour12/hourCycle).
const d = new Date(Date.UTC(2024, 6, 9, 0, 5, 9, 7));
const locs = ['en-US', 'en-GB', 'de', 'fr', 'ja', 'zh', 'ko', 'hi', 'es', 'pt-BR', 'ru', 'sv', 'pl', 'it', 'nl'];
const opts = [
  { hour: 'numeric' }, { hour: '2-digit', minute: '2-digit' }, { hour12: false }, { hour12: true }, { hourCycle: 'h23' }, { hourCycle: 'h12' }, { hourCycle: 'h11' }, { hourCycle: 'h24' },
  { hour: 'numeric', hour12: false }, { hour: 'numeric', minute: 'numeric', hourCycle: 'h11' }, { timeStyle: 'short', hour12: false }, { timeStyle: 'medium', hourCycle: 'h11' }, { dateStyle: 'short', timeStyle: 'short', hour12: true },
  { month: 'short', day: 'numeric' }, { year: 'numeric', month: 'long' }, { weekday: 'short', day: '2-digit' }, { month: 'narrow' }, { year: '2-digit', month: '2-digit', day: '2-digit' },
  { minute: '2-digit', second: '2-digit' }, { second: 'numeric' }, { hour: 'numeric', dayPeriod: 'short' }, { dayPeriod: 'narrow' }, { era: 'short' }, { timeZoneName: 'short' },
  { hour: '2-digit', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 2 }, { weekday: 'long', hour: 'numeric' }, { month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' },
];
const out = [];
for (const l of locs) for (const o of opts) {
  try {
    const f = new Intl.DateTimeFormat(l, { ...o, timeZone: 'UTC' });
    const r = f.resolvedOptions();
    out.push(l + ' ' + JSON.stringify(o) + ' => ' + f.format(d) + ' | ' + [r.hourCycle, r.hour12, r.hour, r.minute, r.weekday, r.month].join(','));
  } catch (e) { out.push(l + ' ' + JSON.stringify(o) + ' !! ' + e.name + ': ' + e.message); }
}
console.log(out.join('\n'));
