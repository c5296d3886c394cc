// Canonical tags: ICU aliases plus the CLDR replacements ICU's C API leaves out; V8's two error messages.
for (const t of ['en-554','iw','sh','cmn','no-bok','hy-arevela','ja-Latn-hepburn-heploc','sgn-DE','zh-min-nan','art-lojban','en-u-ca-islamicc','en-t-zh-Hant','und-Latn-DE','aar','tl','mo','en-US-u-va-posix','de-DE-1901','x-private','en-a-bbb-x-a-ccc','i-klingon','en-gb-oed','zh-hakka']) {
  try { console.log(t, Intl.getCanonicalLocales(t)[0]); } catch (e) { console.log(t, e.name, e.message); }
}
