async () => {
  const r = await codemode.sendEmail({ to: 'ada@example.com', subject: 'hi' });
  console.log('sent', r.id);
  await codemode.sendEmail({ to: 'nobody', subject: 'x' });
  return 'unreachable';
}
