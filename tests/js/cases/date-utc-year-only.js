// codecell-only: tests guest/duk/patch-duktape.py date-utc-one-argument, which Debian's duk lacks
// Date.UTC with the year alone (ES2017: the month defaults to 0 like every
// later part); with no argument it stays NaN.
console.log(Date.UTC(2024), Date.UTC(), Date.UTC(2024, 1), Date.UTC('2024'), Date.UTC(99), Date.UTC(NaN));
console.log(Date.UTC(275760), Date.UTC(275761), Date.UTC(-271821), Date.UTC(2024.7), Date.UTC({ valueOf: function () { return 1970; } }));
console.log(new Date(Date.UTC(2024)).toISOString(), Date.UTC.length);
