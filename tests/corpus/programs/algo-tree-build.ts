interface Node { id: string; parent: string | null; name: string; size?: number }
interface Tree extends Node { children: Tree[]; total: number; depth: number }

function buildTree(nodes: Node[]): Tree[] {
  const map = new Map<string, Tree>();
  for (const n of nodes) map.set(n.id, { ...n, children: [], total: 0, depth: 0 });
  const roots: Tree[] = [];
  for (const t of map.values()) {
    const parent = t.parent ? map.get(t.parent) : undefined;
    if (parent) parent.children.push(t);
    else roots.push(t);
  }
  const fill = (t: Tree, depth: number): number => {
    t.depth = depth;
    t.children.sort((a, b) => a.name.localeCompare(b.name));
    t.total = (t.size ?? 0) + t.children.reduce((s, c) => s + fill(c, depth + 1), 0);
    return t.total;
  };
  roots.forEach((r) => fill(r, 0));
  return roots;
}

function* walk(t: Tree, path: string[] = []): Generator<{ path: string; t: Tree }> {
  const p = [...path, t.name];
  yield { path: p.join('/'), t };
  for (const c of t.children) yield* walk(c, p);
}

function render(t: Tree, prefix = '', last = true, root = true): string[] {
  const line = root ? t.name : `${prefix}${last ? '└── ' : '├── '}${t.name}`;
  const childPrefix = root ? '' : prefix + (last ? '    ' : '│   ');
  return [`${line} (${t.total})`, ...t.children.flatMap((c, i) => render(c, childPrefix, i === t.children.length - 1, false))];
}

async () => {
  const products = await codemode.listProducts({});
  const nodes: Node[] = [{ id: 'root', parent: null, name: 'catalog' }];
  for (const cat of new Set(products.map((p: any) => p.category))) nodes.push({ id: `c:${cat}`, parent: 'root', name: String(cat) });
  for (const p of products) nodes.push({ id: p.sku, parent: `c:${p.category}`, name: p.name, size: p.stock });
  nodes.push({ id: 'orphan', parent: 'c:missing', name: 'Lost item', size: 1 });
  const roots = buildTree(nodes);
  const paths = [...walk(roots[0])].filter(({ t }) => t.depth === 2 && t.total > 25).map(({ path }) => path);
  const text = render(roots[0]);
  console.log(text.join('\n'));
  return { roots: roots.map((r) => `${r.name}:${r.total}`), paths, lines: text.length, deepest: Math.max(...[...walk(roots[0])].map(({ t }) => t.depth)) };
}
