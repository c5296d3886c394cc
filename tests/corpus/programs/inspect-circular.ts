async () => {
  const cfg = (await codemode.getConfig()) as any;
  const node: any = { name: 'root', children: [] };
  const child: any = { name: 'child', parent: node, children: [] };
  node.children.push(child);
  child.children.push({ name: 'leaf', parent: child, root: node });
  console.log(node);
  console.log(child);
  const self: any = { id: 1 };
  self.self = self;
  console.log(self, [self], { wrap: self });
  const a: any = { n: 'a' };
  const b: any = { n: 'b', a };
  a.b = b;
  console.log([a, b], { a, b });
  const arr: any[] = [1, 2];
  arr.push(arr);
  console.log(arr);
  const m = new Map<string, any>();
  m.set('me', m);
  const s = new Set<any>();
  s.add(s);
  console.log(m, s, { m });
  const graph: any = { x: {}, y: {} };
  graph.x.next = graph.y;
  graph.y.next = graph.x;
  graph.x.root = graph;
  console.log(graph);
  const shared = { v: 1 };
  console.log({ first: shared, second: shared, list: [shared, shared] });
  cfg.self = cfg;
  console.log(Object.keys(cfg).length > 0, cfg.self === cfg);
  try {
    JSON.stringify(self);
  } catch (e: any) {
    console.log(e.name, e.message.split('\n')[0]);
  }
  return { ok: true };
}
