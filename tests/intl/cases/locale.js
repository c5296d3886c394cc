// Locale negotiation, canonical tags, Intl.Locale, errors.
console.log(JSON.stringify(Intl.getCanonicalLocales(['EN-us', 'de-de', 'zh-hant-tw', 'en-US', 'sr-latn', 'iw', 'en-u-ca-gregory-nu-latn'])));
console.log(JSON.stringify(Intl.getCanonicalLocales('EN-GB')), JSON.stringify(Intl.getCanonicalLocales()), JSON.stringify(Intl.getCanonicalLocales([])));
for (const bad of ['', 'en_US', 'x', 'en-', '123', 'de-1996-1996']) {
  try { Intl.getCanonicalLocales(bad); console.log('ok', bad); } catch (e) { console.log(e.name, e.message); }
}
console.log(JSON.stringify(Intl.NumberFormat.supportedLocalesOf(['en-US', 'de-AT', 'fr-CA', 'es-MX', 'ja-JP', 'nl-BE', 'pt-BR', 'zh-Hans-CN'])));
console.log(JSON.stringify(Intl.DateTimeFormat.supportedLocalesOf('en-GB')), JSON.stringify(Intl.Collator.supportedLocalesOf(['sv', 'pl', 'ru'])));
console.log(new Intl.NumberFormat(['xx-YY', 'de']).resolvedOptions().locale, new Intl.NumberFormat('de-CH').resolvedOptions().locale, new Intl.NumberFormat('en-AU').resolvedOptions().locale);
console.log(new Intl.DateTimeFormat('de-u-ca-gregory').resolvedOptions().locale, new Intl.NumberFormat('en-u-nu-thai').format(42));
const loc = new Intl.Locale('en-Latn-US-u-ca-gregory-hc-h12');
console.log(loc.toString(), loc.baseName, loc.language, loc.script, loc.region, loc.calendar, loc.hourCycle, loc.numeric, loc.numberingSystem);
const l2 = new Intl.Locale('ja', { region: 'JP', calendar: 'japanese', numeric: true });
console.log(l2.toString(), l2.calendar, l2.numeric, l2.region);
console.log(new Intl.Locale('zh').maximize().toString(), new Intl.Locale('zh-Hant-TW').minimize().toString(), new Intl.Locale('en').maximize().toString(), new Intl.Locale('en-Latn-US').minimize().toString());
console.log(String(new Intl.Locale('DE-de')), typeof Intl, Object.prototype.toString.call(Intl), Object.prototype.toString.call(new Intl.NumberFormat()));
try { new Intl.NumberFormat('en', { style: 'currency' }); } catch (e) { console.log(e.name, e.message); }
try { new Intl.NumberFormat('en', { style: 'bogus' }); } catch (e) { console.log(e.name, e.message); }
try { new Intl.NumberFormat('en', { maximumFractionDigits: 101 }); } catch (e) { console.log(e.name, e.message); }
try { (1).toLocaleString('not a locale'); } catch (e) { console.log(e.name, e.message); }
try { Intl.Collator.prototype.compare; } catch (e) { console.log(e.name); }
const nf = new Intl.NumberFormat('en');
console.log(['1', '22', '333'].map(Number).map(nf.format).join(' '), nf.format === nf.format, Intl.NumberFormat('en') instanceof Intl.NumberFormat);
console.log([1234.5, new Date(0), 'x', null, 7].toLocaleString('de-DE', { timeZone: 'UTC' }));
console.log([1234.5, 0.5].toLocaleString(), [1e6].toLocaleString('en', { style: 'currency', currency: 'USD' }));
