// Number formats across the locale set: styles, notations, units, digits, signs.
const locs = ['en-US', 'en-GB', 'en-IN', 'de-DE', 'de-CH', 'fr-FR', 'fr-CA', 'es-ES', 'es-MX', 'it-IT', 'nl-NL', 'sv-SE', 'pl-PL', 'pt-BR', 'pt-PT', 'ru-RU', 'ja-JP', 'zh-CN', 'zh-TW', 'ko-KR', 'hi-IN'];
const opts = [{}, { style: 'currency', currency: 'USD' }, { style: 'currency', currency: 'EUR', currencyDisplay: 'name' }, { style: 'currency', currency: 'JPY', currencyDisplay: 'code' }, { style: 'percent' }, { style: 'percent', signDisplay: 'exceptZero', maximumFractionDigits: 1 },
  { notation: 'compact' }, { notation: 'compact', compactDisplay: 'long' }, { notation: 'scientific' }, { notation: 'engineering', maximumSignificantDigits: 3 }, { style: 'unit', unit: 'kilometer-per-hour' }, { style: 'unit', unit: 'liter', unitDisplay: 'long' }, { style: 'unit', unit: 'byte', notation: 'compact', unitDisplay: 'narrow' },
  { minimumFractionDigits: 2, maximumFractionDigits: 2 }, { maximumSignificantDigits: 2 }, { useGrouping: false }, { signDisplay: 'always' }, { style: 'currency', currency: 'GBP', currencySign: 'accounting' }, { minimumIntegerDigits: 4 }];
const nums = [0, -1234.5678, 987654321.123, 0.000456, 1.5];
const out = [];
for (const l of locs) for (const o of opts) {
  try { const f = new Intl.NumberFormat(l, o); out.push(l + ' ' + JSON.stringify(o) + ' => ' + nums.map((n) => f.format(n)).join(' | ')); }
  catch (e) { out.push(l + ' ' + JSON.stringify(o) + ' !! ' + e.message); }
}
console.log(out.join('\n'));
