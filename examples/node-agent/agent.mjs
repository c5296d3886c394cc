// A runnable code-mode agent on Node: the AI SDK drives a model, the model
// writes one program calling our tools, @cloudflare/codemode turns the tools
// into that program's API, and codecell runs the program in its sandbox.
//
//   node --import codecell-codemode/register agent.mjs "Where is it warmest?"
//
// The model is the AI SDK's mock, scripted like a real one would answer, so
// this runs with no network and no API key. To use a real model, replace
// `model` below, e.g. `import { openai } from '@ai-sdk/openai'` and
// `model: openai('gpt-4.1')` (set OPENAI_API_KEY).
// Environment: CODECELL_BIN = the codecell binary (default: `codecell` on
// PATH; in this repository build/supervisor/codecell).
import { createCodeTool } from '@cloudflare/codemode/ai';
import { CodecellExecutor } from 'codecell-codemode';
import { generateText, stepCountIs, tool } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { z } from 'zod';

// ---- the host's tools: ordinary AI SDK tools ---------------------------
const FORECASTS = { Paris: [18, 'cloudy'], Tokyo: [24, 'sunny'], Oslo: [6, 'rain'] };
const tools = {
  listCities: tool({
    description: 'The cities we have forecasts for',
    inputSchema: z.object({}),
    execute: async () => Object.keys(FORECASTS),
  }),
  getWeather: tool({
    description: 'Current weather for a city',
    inputSchema: z.object({ city: z.string().describe('City name, e.g. "Paris"') }),
    execute: async ({ city }) => {
      const f = FORECASTS[city];
      if (!f) throw new Error(`unknown city: ${city}`);
      return { city, tempC: f[0], conditions: f[1] };
    },
  }),
};

// ---- a scripted stand-in for a real model -------------------------------
// Step 1: it reads the code tool's description (which lists the tools'
// TypeScript types) and writes a program. Step 2: it reads the program's
// result from the conversation and answers.
const PROGRAM = `async () => {
  const cities = await codemode.listCities({});
  console.log("checking " + cities.join(", "));
  const reports = await Promise.all(cities.map((city) => codemode.getWeather({ city })));
  const warmest = reports.reduce((a, b) => (a.tempC >= b.tempC ? a : b));
  const rainy = reports.filter((r) => r.conditions === "rain").map((r) => r.city);
  return { warmest: warmest.city, tempC: warmest.tempC, rainy };
}`;
const usage = {
  inputTokens: { total: 0, noCache: 0, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: 0, text: 0, reasoning: undefined },
};
const model = new MockLanguageModelV3({
  doGenerate: async ({ prompt, tools: offered }) => {
    const last = prompt[prompt.length - 1];
    const toolResult = last.role === 'tool' ? last.content.find((p) => p.type === 'tool-result') : undefined;
    if (!toolResult) {
      const codeTool = offered.find((t) => t.name === 'codemode');
      if (!codeTool?.description.includes('getWeather')) throw new Error('the code tool does not describe getWeather');
      return {
        content: [{ type: 'tool-call', toolCallId: 'call-1', toolName: 'codemode', input: JSON.stringify({ code: PROGRAM }) }],
        finishReason: { unified: 'tool-calls', raw: undefined }, usage, warnings: [],
      };
    }
    const out = toolResult.output;
    const text = out.type === 'json'
      ? `It is warmest in ${out.value.result.warmest} (${out.value.result.tempC} °C); rain in ${out.value.result.rainy.join(', ') || 'no city'}.`
      : `The program failed: ${JSON.stringify(out.value)}`;
    return { content: [{ type: 'text', text }], finishReason: { unified: 'stop', raw: undefined }, usage, warnings: [] };
  },
});

// ---- the agent -----------------------------------------------------------
const executor = new CodecellExecutor({
  timeout: 10_000,
  onLog: ({ level, message, timeMs }) => console.error(`[sandbox ${level} ${timeMs} ms] ${message}`),
});
const result = await generateText({
  model,
  tools: { codemode: createCodeTool({ tools, executor }) },
  stopWhen: stepCountIs(3),
  prompt: process.argv[2] ?? 'Which city is warmest right now, and where does it rain?',
});
for (const step of result.steps)
  for (const part of step.content)
    if (part.type === 'tool-result') console.error(`[tool result] ${JSON.stringify(part.output)}`);
    else if (part.type === 'tool-error') console.error(`[tool error] ${part.error?.message ?? part.error}`);
console.log(result.text);
