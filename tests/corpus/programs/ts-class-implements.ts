interface Notifier {
  readonly channel: string;
  send(to: string, text: string): Promise<string>;
}

interface Throttled {
  readonly perMinute: number;
}

abstract class BaseNotifier implements Notifier {
  abstract readonly channel: string;
  protected sent: string[] = [];
  abstract send(to: string, text: string): Promise<string>;
  history(): readonly string[] { return this.sent; }
}

class EmailNotifier extends BaseNotifier implements Throttled {
  readonly channel = 'email';
  readonly perMinute = 2;
  async send(to: string, text: string): Promise<string> {
    if (this.sent.length >= this.perMinute) throw new Error(`${this.channel}: throttled (${this.perMinute}/min)`);
    const r = await codemode.sendEmail({ to, subject: text });
    this.sent.push(r.id);
    return `${this.channel}:${r.id}:${r.status}`;
  }
}

class LogNotifier extends BaseNotifier {
  readonly channel = 'log';
  async send(to: string, text: string): Promise<string> {
    const line = `[notify] ${to}: ${text}`;
    console.log(line);
    this.sent.push(line);
    return `${this.channel}:${this.sent.length}`;
  }
}

const isThrottled = (n: Notifier): n is Notifier & Throttled => 'perMinute' in n;

async () => {
  const { items } = await codemode.listUsers({ pageSize: 4 });
  const notifiers: Notifier[] = [new EmailNotifier(), new LogNotifier()];
  const results: string[] = [];
  for (const u of items) {
    for (const n of notifiers) {
      try {
        results.push(await n.send(u.email, `Hello ${u.name.split(' ')[0]}`));
      } catch (e) {
        results.push(`failed: ${(e as Error).message}`);
      }
    }
  }
  return {
    results,
    throttled: notifiers.filter(isThrottled).map((n) => `${n.channel}@${n.perMinute}`),
    histories: notifiers.map((n) => (n as BaseNotifier).history().length),
    names: notifiers.map((n) => n.constructor.name),
    instance: notifiers.map((n) => n instanceof BaseNotifier),
  };
}
