async () => {
  try {
    try { await codemode.getWeather({ city: 'Gotham' }); }
    catch (e) { throw new Error('weather step failed', { cause: e }); }
  } catch (e: any) {
    return { message: e.message, cause: e.cause?.message, hasCause: 'cause' in e };
  }
}
