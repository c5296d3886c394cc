// Dates as reports print them: styles, components, zones, parts, ranges.
const d = new Date(Date.UTC(2024, 5, 17, 9, 5, 7, 42));
const d2 = new Date(Date.UTC(2024, 5, 19, 17, 45, 0));
console.log(d.toLocaleString(), '|', d.toLocaleDateString(), '|', d.toLocaleTimeString());
console.log(d.toLocaleString('en-GB'), '|', d.toLocaleString('de-DE'), '|', d.toLocaleString('fr-FR'), '|', d.toLocaleString('ja-JP'));
console.log(d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' }));
console.log(d.toLocaleDateString('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
console.log(d.toLocaleDateString('de-DE', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }));
console.log(d.toLocaleDateString(undefined, { month: '2-digit', day: '2-digit', year: 'numeric' }));
console.log(d.toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' }), d.toLocaleTimeString('en-US', { hour12: false }));
console.log(d.toLocaleTimeString('en-US', { timeZone: 'America/New_York', timeZoneName: 'short' }));
console.log(d.toLocaleString('en-US', { timeZone: 'Asia/Tokyo' }), '|', d.toLocaleString('en-US', { timeZone: 'Europe/Berlin', dateStyle: 'full', timeStyle: 'long' }));
for (const ds of ['full', 'long', 'medium', 'short']) {
  for (const l of ['en-US', 'en-GB', 'de', 'fr', 'es', 'it', 'nl', 'sv', 'pl', 'pt-BR', 'ru', 'ja', 'zh', 'ko', 'hi']) {
    console.log(ds, l, new Intl.DateTimeFormat(l, { dateStyle: ds, timeStyle: ds === 'full' ? 'short' : ds }).format(d));
  }
}
console.log(new Intl.DateTimeFormat('en-US', { month: 'long' }).format(d), new Intl.DateTimeFormat('en-US', { weekday: 'short' }).format(d), new Intl.DateTimeFormat('en-US', { year: '2-digit', month: 'narrow' }).format(d));
console.log(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit', fractionalSecondDigits: 3 }).format(d));
console.log(new Intl.DateTimeFormat('en-US', { hour: 'numeric', hourCycle: 'h23' }).format(d), new Intl.DateTimeFormat('en-US', { hour: 'numeric', dayPeriod: 'long' }).format(d2));
console.log(new Intl.DateTimeFormat('en-US', { era: 'short', year: 'numeric' }).format(new Date(Date.UTC(-500, 0, 1))));
for (const tzn of ['short', 'long', 'shortOffset', 'longOffset', 'shortGeneric', 'longGeneric']) {
  console.log(tzn, new Intl.DateTimeFormat('en-US', { timeZone: 'America/Los_Angeles', timeZoneName: tzn }).format(d));
}
const show = (p) => p.map((x) => x.type + ':' + x.value + (x.source ? '/' + x.source : '')).join('|');
console.log(show(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short' }).formatToParts(d)));
console.log(show(new Intl.DateTimeFormat('de-DE', { weekday: 'short', day: 'numeric', month: 'long', hour: 'numeric', minute: 'numeric' }).formatToParts(d)));
console.log(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).formatRange(d, d2));
console.log(new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric' }).formatRange(d, new Date(Date.UTC(2024, 7, 2))));
console.log(new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: 'numeric' }).formatRange(d, d2));
console.log(new Intl.DateTimeFormat('de', { dateStyle: 'long' }).formatRange(d, d2));
console.log(show(new Intl.DateTimeFormat('en-US', { dateStyle: 'medium' }).formatRangeToParts(d, d2)));
console.log(JSON.stringify(new Intl.DateTimeFormat().resolvedOptions()));
console.log(JSON.stringify(new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric', timeZone: 'europe/london' }).resolvedOptions()));
console.log(JSON.stringify(new Intl.DateTimeFormat('ja', { dateStyle: 'short', timeStyle: 'short' }).resolvedOptions()));
console.log(JSON.stringify(new Intl.DateTimeFormat('en-US', { weekday: 'long', hour: '2-digit', hour12: false }).resolvedOptions()));
console.log(new Date(0).toLocaleDateString('en-US', { timeZone: 'Pacific/Honolulu' }), new Date(-62198755200000).toLocaleDateString('en-US'));
console.log(new Date(NaN).toLocaleString(), new Date(NaN).toLocaleDateString('de'));
try { new Intl.DateTimeFormat('en', { timeZone: 'Mars/Base' }); } catch (e) { console.log(e.name, e.message); }
try { new Intl.DateTimeFormat('en').format(NaN); } catch (e) { console.log(e.name, e.message); }
try { new Intl.DateTimeFormat('en', { dateStyle: 'short', hour: 'numeric' }); } catch (e) { console.log(e.name); }
