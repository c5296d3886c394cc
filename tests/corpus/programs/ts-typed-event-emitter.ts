type Events = {
  progress: { done: number; total: number };
  item: { id: string; ok: boolean };
  done: { elapsedSteps: number };
};

type Listener<T> = (payload: T) => void;

class Emitter<E extends Record<string, object>> {
  private listeners: { [K in keyof E]?: Listener<E[K]>[] } = {};

  on<K extends keyof E>(event: K, fn: Listener<E[K]>): () => void {
    (this.listeners[event] ??= []).push(fn);
    return () => {
      this.listeners[event] = this.listeners[event]!.filter((f) => f !== fn);
    };
  }

  once<K extends keyof E>(event: K, fn: Listener<E[K]>): void {
    const off = this.on(event, (p) => { off(); fn(p); });
  }

  emit<K extends keyof E>(event: K, payload: E[K]): number {
    const fns = this.listeners[event] ?? [];
    for (const fn of [...fns]) fn(payload);
    return fns.length;
  }
}

async () => {
  const bus = new Emitter<Events>();
  const log: string[] = [];
  const offProgress = bus.on('progress', ({ done, total }) => log.push(`${Math.round((done / total) * 100)}%`));
  bus.once('done', (p) => log.push(`done in ${p.elapsedSteps} steps`));
  let failed = 0;
  bus.on('item', (p) => { if (!p.ok) failed++; });
  const ids = ['ord_1001', 'ord_1002', 'ord_9999', 'ord_1010', 'ord_0000'];
  let step = 0;
  for (const id of ids) {
    step++;
    try {
      await codemode.getOrder({ id });
      bus.emit('item', { id, ok: true });
    } catch {
      bus.emit('item', { id, ok: false });
    }
    if (step === 4) offProgress();
    bus.emit('progress', { done: step, total: ids.length });
  }
  const first = bus.emit('done', { elapsedSteps: step });
  const second = bus.emit('done', { elapsedSteps: step + 1 });
  console.log(log.join(' '));
  return { log, failed, listenersCalled: [first, second] };
}
