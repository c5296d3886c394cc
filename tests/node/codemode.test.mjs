// End to end as a Node host would use it: the real @cloudflare/codemode
// createCodeTool with our executor, driven by the AI SDK's generateText and
// its mock language model emitting a code-mode tool call. The program runs
// in the real codecell sandbox.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { codecellBin, liveChildren } from './helpers.mjs';

// The documented in-code setup: install the hook, then load codemode with a
// dynamic import (a static one would be resolved before the hook exists).
// The example agent uses the other form, `node --import …/register`.
await import('codecell-codemode/register');
const { createCodeTool } = await import('@cloudflare/codemode/ai');
const { CodecellExecutor } = await import('codecell-codemode');
const { generateText, tool, stepCountIs } = await import('ai');
const { MockLanguageModelV3 } = await import('ai/test');
const { z } = await import('zod');

const BIN = codecellBin();

const usage = {
  inputTokens: { total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 20, text: 20, reasoning: undefined },
};

/** A model that first calls the code tool with `code`, then answers with
 * text; it records what it was given so the test can inspect it. */
function scriptedModel(code) {
  return new MockLanguageModelV3({
    doGenerate: [
      {
        content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'codemode', input: JSON.stringify({ code }) }],
        finishReason: { unified: 'tool-calls', raw: undefined },
        usage,
        warnings: [],
      },
      {
        content: [{ type: 'text', text: 'done' }],
        finishReason: { unified: 'stop', raw: undefined },
        usage,
        warnings: [],
      },
    ],
  });
}

const FORECASTS = { paris: [18, 'cloudy'], tokyo: [24, 'sunny'], oslo: [6, 'rain'] };
const calls = [];
const tools = {
  getWeather: tool({
    description: 'Current weather for a city',
    inputSchema: z.object({ city: z.string().describe('City name') }),
    execute: async ({ city }) => {
      calls.push(['getWeather', city]);
      const f = FORECASTS[city.toLowerCase()];
      if (!f) throw new Error(`unknown city: ${city}`);
      return { city, tempC: f[0], conditions: f[1] };
    },
  }),
  listCities: tool({
    description: 'The cities we have forecasts for',
    inputSchema: z.object({}),
    execute: async () => {
      calls.push(['listCities']);
      return Object.keys(FORECASTS).map((c) => c[0].toUpperCase() + c.slice(1));
    },
  }),
};

async function runAgent(code, executorOptions = {}) {
  const streamed = [];
  const executor = new CodecellExecutor({ codecellPath: BIN, timeout: 20000, onLog: (l) => streamed.push(l.message), ...executorOptions });
  const model = scriptedModel(code);
  const codeTool = createCodeTool({ tools, executor });
  const result = await generateText({
    model,
    tools: { codemode: codeTool },
    stopWhen: stepCountIs(3),
    prompt: 'Which city is warmest, and where does it rain?',
  });
  const toolResults = result.steps.flatMap((s) => s.content.filter((c) => c.type === 'tool-result' || c.type === 'tool-error'));
  return { result, model, toolResults, streamed, codeTool };
}

after(() => {
  assert.deepEqual(liveChildren(), [], 'a codecell process outlived its run');
});

test('a code-mode tool call runs in the sandbox and its result reaches the model', async () => {
  calls.length = 0;
  const code = `async () => {
  const cities = await codemode.listCities({});
  console.log("checking " + cities.length + " cities");
  const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
  const warmest = reports.reduce((a, b) => (a.tempC >= b.tempC ? a : b));
  const rainy = reports.filter((r) => r.conditions === "rain").map((r) => r.city);
  return { warmest: warmest.city, rainy };
}`;
  const { result, model, toolResults, streamed, codeTool } = await runAgent(code);

  // The generated description (types included) reached the model.
  const offered = model.doGenerateCalls[0].tools.find((t) => t.name === 'codemode');
  assert.ok(offered, 'the code tool was offered to the model');
  assert.equal(offered.description, codeTool.description);
  assert.match(offered.description, /getWeather/);
  assert.match(offered.description, /listCities/);
  assert.match(offered.description, /Write an async arrow function/);

  assert.equal(toolResults.length, 1);
  assert.equal(toolResults[0].type, 'tool-result', JSON.stringify(toolResults[0]));
  assert.deepEqual(toolResults[0].output, { result: { warmest: 'Tokyo', rainy: ['Oslo'] }, logs: ['checking 3 cities'] });
  assert.deepEqual(streamed, ['checking 3 cities']);
  assert.deepEqual(calls.slice(0, 1), [['listCities']]);
  assert.deepEqual(calls.slice(1).map((c) => c[1]).sort(), ['Oslo', 'Paris', 'Tokyo']);

  // The second model call saw the tool's output in its prompt.
  const second = JSON.stringify(model.doGenerateCalls[1].prompt);
  assert.match(second, /Tokyo/);
  assert.equal(result.text, 'done');
});

test('a tool error caught by the program, and schema validation of tool input', async () => {
  const code = `async () => {
  const out = {};
  try { await codemode.getWeather({ city: "Atlantis" }); } catch (e) { out.unknown = e.message; }
  try { await codemode.getWeather({ town: 42 }); } catch (e) { out.invalid = e.name; }
  out.paris = (await codemode.getWeather({ city: "Paris" })).tempC;
  return out;
}`;
  const { toolResults } = await runAgent(code);
  assert.equal(toolResults[0].type, 'tool-result', JSON.stringify(toolResults[0]));
  assert.equal(toolResults[0].output.result.unknown, 'unknown city: Atlantis');
  assert.equal(typeof toolResults[0].output.result.invalid, 'string');
  assert.equal(toolResults[0].output.result.paris, 18);
});

test('an uncaught error becomes a tool error the model sees, with the logs', async () => {
  const code = `async () => {
  console.log("looking up Atlantis");
  return await codemode.getWeather({ city: "Atlantis" });
}`;
  const { toolResults, model } = await runAgent(code);
  assert.equal(toolResults[0].type, 'tool-error');
  const msg = String(toolResults[0].error?.message ?? toolResults[0].error);
  assert.match(msg, /^Code execution failed: unknown city: Atlantis/);
  assert.match(msg, /Console output:\nlooking up Atlantis/);
  assert.match(JSON.stringify(model.doGenerateCalls[1].prompt), /unknown city: Atlantis/);
});

test('a limit is reported to the model as an execution failure', async () => {
  const { toolResults } = await runAgent('async () => { for (;;) {} }', { timeout: 700 });
  assert.equal(toolResults[0].type, 'tool-error');
  assert.match(String(toolResults[0].error?.message ?? toolResults[0].error), /^Code execution failed: (timeout|cpu_limit): /);
});

test('code in a Markdown fence, and a statement list, as models also send', async () => {
  const fenced = '```js\nasync () => (await codemode.getWeather({ city: "Oslo" })).conditions\n```';
  const a = await runAgent(fenced);
  assert.deepEqual(a.toolResults[0].output, { result: 'rain' });
  const statements = 'const w = await codemode.getWeather({ city: "Tokyo" });\nw.tempC + 1';
  const b = await runAgent(statements);
  assert.deepEqual(b.toolResults[0].output, { result: 25 });
});

test('several providers from createCodeTool reach the executor as namespaces', async () => {
  const executor = new CodecellExecutor({ codecellPath: BIN });
  const seen = [];
  const spy = { execute: (code, providers, opts) => { seen.push(providers); return executor.execute(code, providers, opts); } };
  const codeTool = createCodeTool({
    tools: [
      { tools },
      { name: 'notes', tools: { save: tool({ inputSchema: z.object({ text: z.string() }), execute: async ({ text }) => `saved ${text.length}` }) } },
    ],
    executor: spy,
  });
  assert.match(codeTool.description, /notes/);
  const out = await codeTool.execute({ code: 'async () => [await notes.save({ text: "hello" }), (await codemode.listCities({})).length]' },
    { toolCallId: 'x', messages: [] });
  assert.deepEqual(out, { result: ['saved 5', 3] });
  assert.deepEqual(seen[0].map((p) => p.name), ['codemode', 'notes']);
});

test('a TypeScript arrow survives codemode\'s normalizeCode wrapper', async () => {
  // acorn cannot parse TypeScript, so codemode wraps it in another arrow that
  // would return undefined; the executor takes the arrow back out.
  const code = `async (): Promise<number> => {
  interface W { city: string; tempC: number }
  const w = (await codemode.getWeather({ city: "Paris" })) as W;
  const t: number = w.tempC;
  return t * 2;
}`;
  const { toolResults } = await runAgent(code);
  assert.deepEqual(toolResults[0].output, { result: 36 });
  // Statements with types stay wrapped and still run.
  const b = await runAgent('const w: { tempC: number } = await codemode.getWeather({ city: "Oslo" });\nreturn w.tempC;');
  assert.deepEqual(b.toolResults[0].output, { result: 6 });
});

test('a lone named function reaches the sandbox and is called, in JavaScript and TypeScript', async () => {
  // JavaScript: codemode's normalizeCode appends `return run()` itself.
  const js = await runAgent('async function run() {\n  return (await codemode.getWeather({ city: "Tokyo" })).conditions;\n}');
  assert.deepEqual(js.toolResults[0].output, { result: 'sunny' });
  // TypeScript: acorn fails, codemode wraps it; the executor hands the
  // function to the guest, which calls a lone function.
  const ts = await runAgent('```ts\nasync function main(): Promise<number> {\n  const w: { tempC: number } = await codemode.getWeather({ city: "Oslo" });\n  return w.tempC;\n}\n```');
  assert.deepEqual(ts.toolResults[0].output, { result: 6 });
});
