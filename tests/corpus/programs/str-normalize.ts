async () => {
  const a = 'caf\u00e9', b = 'cafe\u0301';
  return { equal: a === b, nfc: a.normalize() === b.normalize(), lenNfd: a.normalize('NFD').length, stripped: b.normalize('NFD').replace(/[\u0300-\u036f]/g, '') };
}
