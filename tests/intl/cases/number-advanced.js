// Compact, units, signDisplay, notation, rounding, formatToParts, ranges.
const c = (o, n, l = 'en-US') => new Intl.NumberFormat(l, o).format(n);
for (const n of [999, 1000, 1234, 15300, 999999, 1e6, 2.5e9, 7.1e12, -45600]) {
  console.log(c({ notation: 'compact' }, n), c({ notation: 'compact', compactDisplay: 'long' }, n), c({ notation: 'compact' }, n, 'de'), c({ notation: 'compact' }, n, 'ja'));
}
console.log(c({ notation: 'compact', maximumFractionDigits: 1 }, 1234567));
console.log(c({ notation: 'scientific' }, 123456), c({ notation: 'engineering' }, 123456), c({ notation: 'scientific', maximumFractionDigits: 1 }, 0.000456));
for (const u of ['kilometer-per-hour', 'celsius', 'megabyte', 'liter', 'percent', 'second', 'mile']) {
  console.log(u, c({ style: 'unit', unit: u }, 12.5), c({ style: 'unit', unit: u, unitDisplay: 'long' }, 12.5), c({ style: 'unit', unit: u, unitDisplay: 'narrow' }, 1));
}
console.log(c({ style: 'unit', unit: 'kilogram', unitDisplay: 'long' }, 3, 'de'), c({ style: 'unit', unit: 'byte', notation: 'compact', unitDisplay: 'narrow' }, 1500000));
for (const sd of ['auto', 'always', 'never', 'exceptZero', 'negative']) {
  console.log(sd, [-1, 0, -0, 1].map((n) => c({ signDisplay: sd }, n)).join(' '), c({ signDisplay: sd, style: 'percent' }, 0.05));
}
console.log(c({ style: 'currency', currency: 'USD', signDisplay: 'always' }, 5), c({ style: 'currency', currency: 'USD', currencySign: 'accounting', signDisplay: 'always' }, -5));
for (const rm of ['ceil', 'floor', 'expand', 'trunc', 'halfCeil', 'halfFloor', 'halfExpand', 'halfTrunc', 'halfEven']) {
  console.log(rm, [2.25, 2.35, -2.25].map((n) => c({ maximumFractionDigits: 1, roundingMode: rm }, n)).join(' '));
}
console.log(c({ maximumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger', minimumFractionDigits: 2 }, 5), c({ minimumFractionDigits: 2, trailingZeroDisplay: 'stripIfInteger' }, 5.1));
console.log(c({ roundingIncrement: 5, maximumFractionDigits: 2, minimumFractionDigits: 2 }, 1.234));
console.log(c({ useGrouping: 'min2' }, 1234), c({ useGrouping: 'min2' }, 12345), c({ useGrouping: 'always' }, 1234, 'pl'), c({}, 1234, 'pl'));
const show = (p) => p.map((x) => x.type + ':' + x.value).join('|');
console.log(show(new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).formatToParts(-1234567.891)));
console.log(show(new Intl.NumberFormat('en-US', { style: 'percent', signDisplay: 'always' }).formatToParts(0.5)));
console.log(show(new Intl.NumberFormat('en-US', { notation: 'compact' }).formatToParts(12345)));
console.log(show(new Intl.NumberFormat('en-US', { notation: 'scientific' }).formatToParts(-0.00012)));
console.log(show(new Intl.NumberFormat('en-US', { style: 'unit', unit: 'kilometer-per-hour' }).formatToParts(50)));
console.log(show(new Intl.NumberFormat('en-US').formatToParts(NaN)), show(new Intl.NumberFormat('en-US').formatToParts(-Infinity)));
console.log(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).formatRange(3, 5));
console.log(new Intl.NumberFormat('en-US').formatRange(1000, 5000), new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).formatRange(3, 5));
console.log(JSON.stringify(new Intl.NumberFormat('en-US', { style: 'currency', currency: 'EUR' }).resolvedOptions()));
console.log(JSON.stringify(new Intl.NumberFormat('de', { notation: 'compact' }).resolvedOptions()));
console.log(JSON.stringify(new Intl.NumberFormat('en', { maximumSignificantDigits: 3 }).resolvedOptions()));
console.log(JSON.stringify(new Intl.NumberFormat('en-u-nu-arab').resolvedOptions()), new Intl.NumberFormat('en-u-nu-arab').format(123.4));
console.log(new Intl.NumberFormat('en', { numberingSystem: 'deva' }).format(2024), new Intl.NumberFormat('hi-IN-u-nu-deva').format(12345));
