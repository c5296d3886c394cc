// What the corpus compares: one program's outcome, reduced to what both the
// node oracle and codecell can report, and the rules that decide a shape.
// Runs in: the test host's node processes. Input: trusted test programs.

/** The file name programs run under (the Node client's default). */
export const FILENAME = 'codemode.js';

/**
 * 'body' when the program has top-level `return` or `await` (it runs as the
 * body of an async function); 'lone:NAME' when it is only a named function
 * declaration (codemode's executors call it); else 'script' (its completion
 * value is called with the namespace when it is a function, then awaited).
 */
export function shapeOf(ts, src) {
  const sf = ts.createSourceFile('prog.ts', src, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  let body = false;
  const visit = (n) => {
    if (body) return;
    if (ts.isFunctionLike(n) || ts.isClassLike(n)) return;
    if (ts.isReturnStatement(n) || ts.isAwaitExpression(n) || (ts.isForOfStatement(n) && n.awaitModifier)) {
      body = true;
      return;
    }
    ts.forEachChild(n, visit);
  };
  ts.forEachChild(sf, visit);
  if (body) return 'body';
  // codemode's normalizeCode calls a lone function declaration.
  const real = sf.statements.filter((st) => !ts.isInterfaceDeclaration(st) && !ts.isTypeAliasDeclaration(st)
    && !ts.isEmptyStatement(st));
  if (real.length === 1 && ts.isFunctionDeclaration(real[0]) && real[0].name) return 'lone:' + real[0].name.text;
  return 'script';
}

/**
 * The comparable outcome: `{status:'ok', value, logs}` with the value as it
 * crosses as JSON (undefined → null), or `{status:'error', name, message,
 * line, logs}`.
 */
export function outcomeOf(r, logs) {
  if (r.status === 'ok') {
    const s = JSON.stringify(r.value);
    return { status: 'ok', value: s === undefined ? null : JSON.parse(s), logs };
  }
  const e = r.error;
  const isErr = e !== null && typeof e === 'object';
  return {
    status: 'error',
    name: isErr ? String(e.name) : 'Error',
    message: isErr ? String(e.message) : String(e),
    line: r.line ?? null,
    logs,
  };
}
