// Robustness: every Intl entry point with hostile values ends in a value or an Error, never a crash.
const vals = [undefined, null, 0, -0, NaN, Infinity, -Infinity, 1e308, -1e-308, 5e-324, 2**53+1, '', 'abc', '\ud800', '\udc00x\ud800', '1'.repeat(2000), '9'.repeat(400) + 'e-999', '-0', '0x10', '  12  ', true, {}, [], Symbol.iterator, () => 1, new Date(NaN), new Date(8.64e15), 'e\u0301'.repeat(100)];
const locs = [undefined, 'de-u-co-phonebk-kn', ['xx', 'ja']];
let n = 0, errs = 0;
function tryit(f) { n++; try { const r = f(); if (r && typeof r === 'object' && typeof r[Symbol.iterator] === 'function') [...r]; } catch (e) { errs++; if (!(e instanceof Error)) throw new Error('non-error thrown'); } }
const optsList = [{}, { style: 'currency', currency: 'EUR' }, { notation: 'compact', compactDisplay: 'long' }, { style: 'unit', unit: 'kilometer-per-hour', unitDisplay: 'narrow' }, { roundingIncrement: 5000, maximumFractionDigits: 100, minimumFractionDigits: 100 }, { dateStyle: 'full', timeStyle: 'full', timeZone: 'Pacific/Kiritimati' }, { era: 'long', year: '2-digit', fractionalSecondDigits: 3, timeZoneName: 'longGeneric', calendar: 'japanese' }, { numberingSystem: 'arab', sensitivity: 'case', numeric: true, caseFirst: 'upper' }, { granularity: 'word' }, { type: 'language', style: 'narrow', fallback: 'none' }];
for (const l of locs) for (const o of optsList) {
  for (const C of ['NumberFormat', 'DateTimeFormat', 'Collator', 'PluralRules', 'RelativeTimeFormat', 'ListFormat', 'Segmenter', 'DisplayNames']) {
    let f; tryit(() => (f = new Intl[C](l, o)));
    if (!f) continue;
    tryit(() => f.resolvedOptions());
    for (const v of vals) {
      tryit(() => f.format && f.format(v));
      tryit(() => f.formatToParts && f.formatToParts(v));
      tryit(() => f.formatRange && f.formatRange(v, 5));
      tryit(() => f.formatRangeToParts && f.formatRangeToParts(0, v));
      tryit(() => f.compare && f.compare(v, 'b'));
      tryit(() => f.select && f.select(v));
      tryit(() => f.format && f.format(v, 'day'));
      tryit(() => f.format && f.format([v, 'x']));
      tryit(() => f.segment && f.segment(v).containing(3));
      tryit(() => f.segment && f.segment(v));
      tryit(() => f.of && f.of(v));
    }
  }
}
for (const v of vals) for (const l of locs) {
  tryit(() => String(v).toLocaleUpperCase(l)); tryit(() => String(v).normalize('NFKD')); tryit(() => String(v).localeCompare('x', l));
  tryit(() => Number(v).toLocaleString(l)); tryit(() => new Date(0).toLocaleString(l, v)); tryit(() => new Intl.Locale(String(v)));
  tryit(() => Intl.getCanonicalLocales(v)); tryit(() => new Intl.Locale('en', { region: v, script: v, calendar: v }).maximize().toString());
}
console.log(n > 10000 ? 'many calls' : 'few calls', 'every throw an Error');
