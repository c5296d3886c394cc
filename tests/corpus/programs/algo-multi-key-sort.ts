async () => {
  const products = await codemode.listProducts({});
  const sorted = products.slice().sort((a, b) => a.category.localeCompare(b.category) || b.rating - a.rating || a.price - b.price);
  return sorted.map(({ category, name, rating }) => `${category}/${name}/${rating}`);
}
