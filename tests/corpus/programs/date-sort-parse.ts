async () => {
  const raw = ['2024/06/14', '2024/01/02', '2023/12/31', '2024/03/09'];
  const sorted = raw.map((s) => new Date(s)).sort((a, b) => +a - +b);
  return sorted.map((d) => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' + String(d.getDate()).padStart(2, '0'));
}
