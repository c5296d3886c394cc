type Ok<T> = { ok: true; value: T };
type Err = { ok: false; error: string };
type Result<T> = Ok<T> | Err;
async () => {
  const wrap = async <T,>(p: Promise<T>): Promise<Result<T>> => {
    try { return { ok: true, value: await p }; } catch (e) { return { ok: false, error: (e as Error).message }; }
  };
  const rs = await Promise.all([1, 50, 3].map((id) => wrap(codemode.getUser({ id }))));
  const isOk = <T,>(r: Result<T>): r is Ok<T> => r.ok;
  return { ok: rs.filter(isOk).map((r: any) => r.value.id), errors: rs.filter((r) => !r.ok).map((r) => (r as Err).error) };
}
