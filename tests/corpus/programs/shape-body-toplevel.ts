const { items } = await codemode.listUsers({ pageSize: 4 });
const names: string[] = items.map((u: { name: string }) => u.name);
console.log(`found ${names.length} users`);
return names;
