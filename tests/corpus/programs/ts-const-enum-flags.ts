const enum Perm {
  None = 0,
  Read = 1 << 0,
  Write = 1 << 1,
  Delete = 1 << 2,
  Admin = Read | Write | Delete,
}

enum Plan {
  Free = 'free',
  Pro = 'pro',
  Team = 'team',
  Enterprise = 'enterprise',
}

enum HttpStatus {
  Ok = 200,
  Created,
  NotFound = 404,
  TooMany = 429,
  ServerError = 500,
}

function permsFor(plan: Plan): Perm {
  switch (plan) {
    case Plan.Free: return Perm.Read;
    case Plan.Pro: return Perm.Read | Perm.Write;
    case Plan.Team: return Perm.Read | Perm.Write | Perm.Delete;
    case Plan.Enterprise: return Perm.Admin;
  }
}

function describe(p: Perm): string {
  const names: string[] = [];
  if (p & Perm.Read) names.push('read');
  if (p & Perm.Write) names.push('write');
  if (p & Perm.Delete) names.push('delete');
  return names.length ? names.join('+') : 'none';
}

async () => {
  const { items } = await codemode.listUsers({ pageSize: 12 });
  const rows = items.map((u: { name: string; plan: string }) => {
    const plan = u.plan as Plan;
    const perms = permsFor(plan);
    return { name: u.name, plan, perms, canDelete: (perms & Perm.Delete) !== 0, describe: describe(perms) };
  });
  console.log(`admin mask = ${Perm.Admin}, created = ${HttpStatus.Created}`);
  console.log(rows.filter((r) => r.canDelete).map((r) => r.name).join(', '));
  return {
    rows,
    statusNames: Object.keys(HttpStatus).filter((k) => isNaN(Number(k))),
    reverse: HttpStatus[429],
    planValues: Object.values(Plan),
    isPlan: (['pro', 'gold'] as string[]).map((s) => (Object.values(Plan) as string[]).includes(s)),
  };
}
