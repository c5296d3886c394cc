async () => {
  const emails = ['ada@example.com', 'bad@', 'x.y+z@sub.example.org', 'no at sign', 'UPPER@EXAMPLE.COM'];
  const re = /^[\w.+-]+@([\w-]+\.)+[a-z]{2,}$/i;
  const phone = '(555) 123-4567, 555.987.6543 and 5551112222';
  return { valid: emails.filter((e) => re.test(e)), phones: phone.match(/\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}/g), split: 'a1b22c333'.split(/\d+/) };
}
