async () => {
  class Cart {
    items: { price: number; qty: number }[] = [];
    get total() { return this.items.reduce((s, i) => s + i.price * i.qty, 0); }
    add(price: number, qty: number) { this.items.push({ price, qty }); this.total = this.total; }
  }
  const products = await codemode.listProducts({ category: 'books' });
  const cart = new Cart();
  for (const p of products) cart.add(p.price, 1);
  return cart.total;
}
