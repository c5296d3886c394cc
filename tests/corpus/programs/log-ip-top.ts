async () => {
  const { lines } = await codemode.getLogs({});
  const ips: Record<string, number> = {};
  lines.forEach((l) => {
    const ip = l.split(' ').find((p) => p.startsWith('ip='))?.slice(3);
    if (ip) ips[ip] = (ips[ip] ?? 0) + 1;
  });
  const subnets = Object.keys(ips).reduce((acc, ip) => {
    const net = ip.split('.').slice(0, 3).join('.') + '.0/24';
    acc[net] = (acc[net] || 0) + ips[ip];
    return acc;
  }, {} as Record<string, number>);
  return subnets;
}
