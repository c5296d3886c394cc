async () => {
  return [Math.round(2.5), Math.round(-2.5), Math.round(0.49999999999999994), Math.trunc(-4.7), Math.sign(-3), Math.cbrt(27), Math.hypot(3, 4), Math.log10(1000), Math.clz32(1), Math.fround(5.5), Math.max(), Math.min(), 0.1 * 3, 9007199254740993];
}
