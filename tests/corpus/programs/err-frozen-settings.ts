async () => {
  const cfg = Object.freeze(await codemode.getConfig());
  class Job {
    constructor(private settings: Record<string, unknown>) {}
    tune() {
      // class bodies are strict: writing a frozen object throws
      this.settings.retries = 5;
      return this.settings;
    }
  }
  return new Job(cfg).tune();
}
