async () => {
  const money = (n: number) => {
    const [int, dec] = Math.abs(n).toFixed(2).split('.');
    const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return `${n < 0 ? '-' : ''}$${grouped}.${dec}`;
  };
  const tx = await codemode.getTransactions({});
  const net = tx.reduce((s, t) => s + t.amount, 0);
  return { net: money(net), samples: [1234567.891, -42.5, 0.005, 1e6].map(money) };
}
