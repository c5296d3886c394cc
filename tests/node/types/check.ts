// Compile-time check (tsc --noEmit, run by types.test.mjs): our executor is
// assignable to @cloudflare/codemode's own Executor type and fits
// createCodeTool; the register and stub entry points have types.
import type { Executor, ExecuteResult, ResolvedProvider } from '@cloudflare/codemode';
import { createCodeTool } from '@cloudflare/codemode/ai';
import { CodecellExecutor, type CodecellLog } from 'codecell-codemode';
import 'codecell-codemode/register';
import { WorkerEntrypoint } from 'codecell-codemode/cloudflare-stub';

const executor: Executor = new CodecellExecutor({
  timeout: 5000,
  memory: '256MiB',
  maxToolCalls: 50,
  onLog: (l: CodecellLog) => console.log(l.level, l.message, l.timeMs),
});
const providers: ResolvedProvider[] = [{ name: 'codemode', fns: { add: async (a: unknown, b: unknown) => Number(a) + Number(b) } }];
const r: Promise<ExecuteResult> = executor.execute('async () => 1', providers);
void r;
void createCodeTool({ tools: {}, executor });
void new CodecellExecutor().execute('1', { f: () => 1 }, { signal: AbortSignal.timeout(10) });
class E extends WorkerEntrypoint {}
void E;

// @ts-expect-error: cgroup takes auto | required | off
new CodecellExecutor({ cgroup: 'sometimes' });
