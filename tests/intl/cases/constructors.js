// Calling conventions: legacy call on an object, call without new, subclassing.
const o = Object.create(Intl.NumberFormat.prototype);
const r = Intl.NumberFormat.call(o, 'de');
console.log(r === o, o.format(1234.5), o.resolvedOptions().locale, Object.getOwnPropertySymbols(o).map(String).join());
console.log(Intl.NumberFormat('en').format(1), Intl.DateTimeFormat('en', {timeZone:'UTC'}).format(0), Intl.Collator('en').compare('a','b'));
try { Intl.PluralRules('en'); } catch (e) { console.log(e.name, e.message); }
class MyNF extends Intl.NumberFormat { hello() { return 'hi ' + this.format(5); } }
console.log(new MyNF('en').hello(), new MyNF('en') instanceof Intl.NumberFormat);
class MyLocale extends Intl.Locale { get tag() { return this.toString(); } }
class MyPR extends Intl.PluralRules {}
const ml = new MyLocale('en-us');
console.log(ml.tag, ml.language, new MyPR('en').select(1), Object.getOwnPropertySymbols(new MyNF('en')).length, new MyNF('de').resolvedOptions().locale);
console.log(new Intl.NumberFormat(ml).resolvedOptions().locale, Intl.getCanonicalLocales([ml, 'DE']).join());
