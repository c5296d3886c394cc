async () => {
  const token = btoa('user:secret');
  return { token, decoded: atob(token), header: `Basic ${token}` };
}
