async () => {
  const cfg = await codemode.getConfig();
  async function fetchAll() { return cfg; }
  function* counter() { yield 1; }
  async function* stream() { yield 2; }
  const arrow = () => 1;
  const asyncArrow = async () => 2;
  const handlers = {
    onLoad() {},
    async onSave() {},
    *iterate() {},
    async *poll() {},
    plain: function () {},
    named: function inner() {},
    arrowProp: (x: number) => x,
    bound: arrow.bind(null),
  };
  console.log(fetchAll, counter, stream, arrow, asyncArrow);
  console.log(handlers);
  console.log([fetchAll, counter], { fetchAll });
  console.log(Object.prototype.toString.call(fetchAll), Object.prototype.toString.call(counter), Object.prototype.toString.call(stream));
  console.log(fetchAll.constructor.name, counter.constructor.name, stream.constructor.name, arrow.constructor.name);
  const AsyncFunction = Object.getPrototypeOf(async function () {}).constructor;
  console.log(AsyncFunction.name, fetchAll instanceof AsyncFunction, arrow instanceof AsyncFunction, typeof AsyncFunction);
  console.log(Object.getPrototypeOf(counter) === Object.getPrototypeOf(function* () {}), Object.getPrototypeOf(fetchAll) === Function.prototype);
  console.log(fetchAll.name, counter.name, handlers.onSave.name, handlers.iterate.name, handlers.poll.name, asyncArrow.name);
  const it = counter();
  console.log(it, Object.keys(it), JSON.stringify(it), Object.prototype.toString.call(it), [stream()]);
  console.log(typeof it.next, it.next(), it.next(), String(it));
  function withProps() {}
  withProps.version = 2;
  withProps.meta = { a: 1 };
  console.log(withProps, [withProps]);
  const anon = [function () {}, () => {}, async () => {}, function* () {}];
  console.log(anon);
  class Service {
    static create() { return new Service(); }
    async run() { return 1; }
    *items() { yield 1; }
  }
  console.log(Service, Service.create, new Service().run, Service.prototype.items, new Service());
  console.log(Math.max, [].map, Object.keys, parseInt);
  const results = await Promise.all([fetchAll(), asyncArrow()]);
  console.log(results.length, await handlers.onSave());
  return typeof results[1];
}
