// Plain ES5 (what Duktape runs natively): tool calls return Promises.
codemode.listCities({}).then(function (cities) {
  console.log('checking', cities.length, 'cities');
  return Promise.all(cities.map(function (city) {
    return codemode.getWeather({ city: city });
  }));
}).then(function (reports) {
  var warmest = reports.reduce(function (a, b) { return a.tempC >= b.tempC ? a : b; });
  return { warmest: warmest.city, reports: reports };
});
