// The example shape: an async arrow using destructuring of awaited
// Promise.all, object spread, optional chaining and ??.
const codemode = {
  x: async ({ id }) => ({ id, name: 'x' + id }),
  y: async (o) => ({ items: [1, 2, 3], o }),
  z: async () => null,
};
const id = 7;
const main = async () => { const [a, b] = await Promise.all([codemode.x({id}), codemode.y({})]); return {...a, n: b?.items.length ?? 0}; };
const other = async () => { const [a, b] = await Promise.all([codemode.x({id: 1}), codemode.z()]); return {...a, n: b?.items.length ?? 0}; };
main().then((r) => console.log(JSON.stringify(r)));
other().then((r) => console.log(JSON.stringify(r)));
console.log('sync first');
