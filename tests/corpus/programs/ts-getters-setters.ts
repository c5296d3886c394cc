async () => {
  class Temperature {
    private _c = 0;
    get fahrenheit() { return this._c * 1.8 + 32; }
    set fahrenheit(f: number) { this._c = (f - 32) / 1.8; }
    get celsius() { return Math.round(this._c * 100) / 100; }
  }
  const w = await codemode.getWeather({ city: 'New York' });
  const t = new Temperature();
  t.fahrenheit = w.tempC * 1.8 + 32;
  return { c: t.celsius, f: t.fahrenheit };
}
