async () => {
  const human = (b: number): string => {
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let i = 0;
    while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
    return `${b.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
  };
  return [0, 512, 1024, 1536, 1048576, 5.5e9, 3e13].map(human);
}
