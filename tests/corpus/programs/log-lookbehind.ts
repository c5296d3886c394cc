async () => {
  const text = await codemode.getLogText();
  const ips = text.match(/(?<=ip=)[\d.]+/g) ?? [];
  const posts = text.match(/(?<=POST )\/\w+/g) ?? [];
  return { ips: new Set(ips).size, posts: [...new Set(posts)].sort() };
}
