/**
 * bench/trace-page: how long the trace page takes to be ready for a 10,000-span agent run against a 100-span one,
 * measured in the same run on the same stack (target: within 3×).
 *
 *   npx tsx bench/trace-page.ts [--loads 5]
 *
 * Starts an isolated stack (embedded ClickHouse in a temp directory, the collector, the production web build —
 * built first when stale), sends two realistic agent runs as OTLP/JSON, then loads `/traces/{id}` in Chromium.
 * "Ready" is the first animation frame, counted from navigation start, in which the trace header and the first tree
 * row are laid out visibly and the header states the total cost. Each trace is loaded once to warm up, then
 * `--loads` times, interleaved, each in a fresh browser context. A correctness guard checks that the big page's
 * token totals and span count equal the API's.
 */
import { cpus, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import type { ApiTraceDetail } from '../lib/span/api-types';
import { formatCount, formatTokens } from '../lib/ui/format';
import { buildWebIfStale, startStack } from '../e2e/support/start-stack';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({ options: { loads: { type: 'string', default: '5' } } });
const LOADS = Number(args.loads);
const SIZES = [100, 10_000] as const;
const MAX_SPANS_PER_REQUEST = 2_000;
const TARGET_RATIO = 3;

// ---------------------------------------------------------------- the agent runs

/** A span of a generated run: times in ms after the run's start, OTLP span kind, an error message if it failed. */
type GenSpan = { spanId: string; parentSpanId: string; name: string; kind: number; startMs: number; endMs: number } & {
  attrs: Record<string, string | number>;
  error?: string;
};

interface AgentRun {
  traceId: string;
  /** Start of the run, in Unix nanoseconds; span times are milliseconds after it. */
  baseNs: bigint;
  spans: GenSpan[];
  inputTokens: number;
  outputTokens: number;
  agents: number;
  chats: number;
  tools: number;
  maxDepth: number;
}

/** Deterministic PRNG (mulberry32), so both runs are the same shape on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const AGENTS = ['researcher', 'coder', 'reviewer', 'planner', 'analyst', 'writer'];
const TOOLS: Array<[string, (n: number) => Record<string, unknown>]> = [
  ['search_web', (n) => ({ query: `retry budget for exporter case ${n}`, top_k: 5 })],
  ['read_file', (n) => ({ path: `src/services/module_${n}.ts` })],
  ['run_sql', (n) => ({ sql: `SELECT status, count() FROM orders WHERE shard = ${n} GROUP BY status` })],
  ['fetch_url', (n) => ({ url: `https://docs.example.com/api/v2/resources/${n}` })],
  ['run_tests', (n) => ({ pattern: `tests/unit/case_${n}.test.ts`, bail: true })],
  ['write_file', (n) => ({ path: `out/report_${n}.md`, bytes: 200 + n })],
];
/** Agent levels below the root; the deepest agents only call models and tools. */
const MAX_AGENT_DEPTH = 3;

/**
 * An agent run of exactly `total` spans: an `invoke_agent` root whose loop alternates model calls with tool calls
 * and delegations to sub-agents, which do the same a level deeper. Steps of one agent run one after the other.
 */
function agentRun(total: number, seed: number): AgentRun {
  const rand = prng(seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const traceId = (seed.toString(16) + '7e57c0de').padEnd(32, '0').slice(0, 32);
  const run: AgentRun = { traceId, baseNs: 0n, spans: [], inputTokens: 0, outputTokens: 0, agents: 0, chats: 0, tools: 0, maxDepth: 0 };
  let counter = 0;
  const newId = () => ((seed % 0xffff) * 0x1000000 + ++counter).toString(16).padStart(16, '0');
  const push = (parentSpanId: string, name: string, kind: number, startMs: number, endMs: number, attrs: GenSpan['attrs'], error?: string) => {
    const span: GenSpan = { spanId: newId(), parentSpanId, name, kind, startMs, endMs, attrs, error };
    run.spans.push(span);
    return span;
  };

  const chat = (parent: string, at: number, depth: number): number => {
    const input = int(800, 24_000);
    const output = int(40, 1_200);
    run.inputTokens += input;
    run.outputTokens += output;
    run.chats++;
    run.maxDepth = Math.max(run.maxDepth, depth);
    const end = at + int(400, 4_000);
    push(parent, 'chat gpt-4o', 3, at, end, {
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'openai',
      'gen_ai.request.model': 'gpt-4o',
      'gen_ai.response.model': 'gpt-4o-2024-08-06',
      'gen_ai.usage.input_tokens': input,
      'gen_ai.usage.output_tokens': output,
    });
    return end + 2;
  };

  const tool = (parent: string, at: number, depth: number, call: number, same?: number): number => {
    const [name, argsOf] = TOOLS[(same ?? call) % TOOLS.length]!;
    const end = at + int(20, 1_500);
    run.tools++;
    run.maxDepth = Math.max(run.maxDepth, depth);
    const attrs = {
      'gen_ai.operation.name': 'execute_tool',
      'gen_ai.tool.name': name,
      'gen_ai.tool.type': 'function',
      'gen_ai.tool.call.id': `call_${seed}_${call}`,
      'gen_ai.tool.call.arguments': JSON.stringify(argsOf(same ?? call)),
    };
    push(parent, `execute_tool ${name}`, 1, at, end, attrs, rand() < 0.01 ? 'TimeoutError: upstream did not answer within 30 s' : undefined);
    return end + 2;
  };

  /** Spends `budget` spans on direct steps: model call, then up to three tool calls (sometimes a retried one). */
  const directSteps = (parent: string, at: number, depth: number, budget: number): number => {
    let t = at;
    let left = budget;
    while (left > 0) {
      t = chat(parent, t, depth);
      left--;
      if (left === 0) break;
      if (left >= 4 && rand() < 0.04) {
        const same = counter;
        for (let i = 0; i < 3; i++) t = tool(parent, t, depth, counter, same);
        left -= 3;
        continue;
      }
      const calls = Math.min(left, int(0, 3));
      for (let i = 0; i < calls; i++) t = tool(parent, t, depth, counter);
      left -= calls;
    }
    return t;
  };

  const agent = (parent: string, name: string, depth: number, budget: number, at: number): number => {
    run.agents++;
    run.maxDepth = Math.max(run.maxDepth, depth);
    const attrs = { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': name, 'gen_ai.agent.id': `${name}-${depth}-${counter}` };
    const span = push(parent, `invoke_agent ${name}`, 1, at, at, attrs);
    const remaining = budget - 1;
    let t = at + 5;
    if (depth >= MAX_AGENT_DEPTH || remaining <= 24) {
      t = directSteps(span.spanId, t, depth + 1, remaining);
    } else {
      let direct = Math.min(remaining - 2, int(10, 30));
      const delegated = remaining - direct;
      const count = Math.max(2, Math.min(12, Math.ceil(delegated / 70)));
      const weights = Array.from({ length: count }, () => 0.5 + rand());
      const sum = weights.reduce((a, b) => a + b, 0);
      const budgets = weights.map((w) => Math.max(1, Math.floor((delegated * w) / sum)));
      budgets[count - 1]! += delegated - budgets.reduce((a, b) => a + b, 0);
      for (const sub of budgets) {
        const before = Math.min(direct - 1, int(1, 4));
        if (before > 0) t = directSteps(span.spanId, t, depth + 1, before);
        direct -= Math.max(before, 0);
        t = agent(span.spanId, AGENTS[int(0, AGENTS.length - 1)]!, depth + 1, sub, t) + 2;
      }
      t = directSteps(span.spanId, t, depth + 1, direct);
    }
    span.endMs = t + 10;
    return span.endMs;
  };

  const duration = agent('', 'orchestrator', 0, total, 0);
  if (run.spans.length !== total) throw new Error(`generated ${run.spans.length} spans, wanted ${total}`);
  run.baseNs = BigInt(Date.now() - duration - 60_000) * 1_000_000n;
  return run;
}

function otlpBody(run: AgentRun, spans: GenSpan[]): string {
  const value = (v: string | number) => (typeof v === 'number' ? { intValue: String(v) } : { stringValue: v });
  const ns = (at: number) => String(run.baseNs + BigInt(Math.round(at * 1e6)));
  return JSON.stringify({
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'support-agent' } }] },
        scopeSpans: [
          {
            scope: { name: 'support-agent.runtime', version: '1.4.0' },
            spans: spans.map((s) => ({
              traceId: run.traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: s.kind,
              startTimeUnixNano: ns(s.startMs),
              endTimeUnixNano: ns(s.endMs),
              attributes: Object.entries(s.error ? { ...s.attrs, 'error.type': 'TimeoutError' } : s.attrs).map(([key, v]) => ({
                key,
                value: value(v),
              })),
              status: s.error ? { code: 2, message: s.error } : { code: 0 },
            })),
          },
        ],
      },
    ],
  });
}

async function sendRun(collectorUrl: string, run: AgentRun): Promise<number> {
  let requests = 0;
  for (let i = 0; i < run.spans.length; i += MAX_SPANS_PER_REQUEST) {
    const body = otlpBody(run, run.spans.slice(i, i + MAX_SPANS_PER_REQUEST));
    const response = await fetch(`${collectorUrl}/v1/traces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    if (response.status !== 200) throw new Error(`collector answered ${response.status}: ${await response.text()}`);
    requests++;
  }
  return requests;
}

/** Polls the API until it serves the trace with every span; returns the detail and its JSON size. */
async function waitServed(webUrl: string, run: AgentRun): Promise<{ detail: ApiTraceDetail; bytes: number }> {
  const deadline = Date.now() + 90_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    const response = await fetch(`${webUrl}/api/v1/traces/${run.traceId}`).catch(() => null);
    if (response?.status === 200) {
      const text = await response.text();
      const detail = JSON.parse(text) as ApiTraceDetail;
      if (detail.spans.length === run.spans.length && detail.trace.spanCount === run.spans.length) {
        return { detail, bytes: Buffer.byteLength(text) };
      }
      last = `${detail.spans.length} spans, summary says ${detail.trace.spanCount}`;
    } else if (response) last = `status ${response.status}`;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`trace ${run.traceId} was not served in full within 90 s (last: ${last})`);
}

/** The page's HTML as the server sends it, without a browser: time to its last byte, size, tree rows in it. */
async function serverHtml(url: string): Promise<{ ms: number; bytes: number; rows: number }> {
  const started = performance.now();
  const html = await (await fetch(url)).text();
  return { ms: performance.now() - started, bytes: Buffer.byteLength(html), rows: html.split('data-testid="tree-row"').length - 1 };
}

async function apiGetMs(webUrl: string, traceId: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const started = performance.now();
    await (await fetch(`${webUrl}/api/v1/traces/${traceId}`)).arrayBuffer();
    times.push(performance.now() - started);
  }
  return median(times);
}

// ---------------------------------------------------------------- the page loads

/** Installed before any of the page's scripts: checks readiness (and hydration) on every animation frame. */
const READY_PROBE = `(() => {
  const b = (window.__bench = { readyAt: null, hydratedAt: null, longTasks: [] });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longTasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch {}
  const visible = (el) => {
    if (!el) return false;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && s.opacity !== '0';
  };
  const check = () => {
    if (b.readyAt === null) {
      const cost = document.querySelector('[data-testid="trace-total-cost"]');
      if (visible(document.querySelector('[data-testid="trace-header"]')) &&
          visible(document.querySelector('[data-testid="tree-row"]')) &&
          cost && cost.textContent.trim() !== '') b.readyAt = performance.now();
    }
    if (b.hydratedAt === null) {
      const header = document.querySelector('[data-testid="trace-header"]');
      if (header && Object.keys(header).some((k) => k.startsWith('__reactFiber$'))) b.hydratedAt = performance.now();
    }
    if (b.readyAt === null || b.hydratedAt === null) requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

const COLLECT = `(() => {
  const b = window.__bench;
  const nav = performance.getEntriesByType('navigation')[0];
  const longTaskMs = b.longTasks.filter(([start]) => start < b.hydratedAt).reduce((sum, [, d]) => sum + d, 0);
  const tokens = document.querySelector('[data-testid="trace-total-tokens"]');
  return {
    readyMs: b.readyAt, hydratedMs: b.hydratedAt, longTaskMs,
    ttfbMs: nav.responseStart, htmlEndMs: nav.responseEnd, dclMs: nav.domContentLoadedEventEnd,
    htmlBytes: nav.decodedBodySize, htmlWireBytes: nav.encodedBodySize,
    rows: document.querySelectorAll('[data-testid="tree-row"]').length,
    tokensText: tokens ? tokens.textContent.trim() : '',
    tokensTitle: tokens && tokens.querySelector('[title]') ? tokens.querySelector('[title]').getAttribute('title') : '',
    spanCountText: (document.querySelector('[data-testid="trace-span-count"]') || {}).textContent || '',
    costText: (document.querySelector('[data-testid="trace-total-cost"]') || {}).textContent || '',
  };
})()`;

type LoadNumber = 'readyMs' | 'hydratedMs' | 'longTaskMs' | 'ttfbMs' | 'htmlEndMs' | 'dclMs' | 'htmlBytes' | 'htmlWireBytes' | 'rows' | 'apiFetches';
/**
 * One page load: times in ms from navigation start (long tasks: summed before hydration), the HTML's size, rows
 * rendered, requests for the trace's JSON (0: it came with the HTML) and the header's totals as shown.
 */
type Load = Record<LoadNumber, number> & Record<'tokensText' | 'tokensTitle' | 'spanCountText' | 'costText', string>;

async function loadPage(browser: Browser, url: string, traceId: string): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    let apiFetches = 0;
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => {
      if (request.url().includes(`/api/v1/traces/${traceId}`)) apiFetches++;
    });
    await page.addInitScript({ content: READY_PROBE });
    const response = await page.goto(url, { waitUntil: 'commit', timeout: 60_000 });
    if (response?.status() !== 200) throw new Error(`${url} answered ${response?.status()}`);
    await page.waitForFunction('window.__bench && window.__bench.readyAt !== null', undefined, { timeout: 60_000, polling: 100 });
    await page.waitForFunction('window.__bench.hydratedAt !== null', undefined, { timeout: 60_000, polling: 100 });
    await page.waitForLoadState('load');
    if (errors.length > 0) throw new Error(`${url}: page errors: ${errors.join('; ')}`);
    return { ...((await page.evaluate(COLLECT)) as Omit<Load, 'apiFetches'>), apiFetches };
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- report

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const ms = (v: number) => `${Math.round(v)} ms`;
const kib = (bytes: number) => (bytes >= 1 << 20 ? `${(bytes / (1 << 20)).toFixed(2)} MiB` : `${(bytes / 1024).toFixed(1)} KiB`);
const pad = (s: string | number, n: number) => String(s).padStart(n);

/** The page's header against the API: exact token counts (from the header's tooltip), display text, span count. */
function checkTotals(load: Load, detail: ApiTraceDetail, run: AgentRun): string[] {
  const t = detail.trace;
  const problems: string[] = [];
  const exact = /^([\d,]+) in \(cache write [\d,]+\), ([\d,]+) out$/.exec(load.tokensTitle);
  const [pageIn, pageOut] = exact ? [Number(exact[1]!.replaceAll(',', '')), Number(exact[2]!.replaceAll(',', ''))] : [NaN, NaN];
  const spanIn = detail.spans.reduce((sum, s) => sum + (s.usageIsAggregate ? 0 : s.inputTokens), 0);
  const spanOut = detail.spans.reduce((sum, s) => sum + (s.usageIsAggregate ? 0 : s.outputTokens), 0);
  for (const [what, page, summary, spans, sent] of [
    ['input', pageIn, t.inputTokens, spanIn, run.inputTokens],
    ['output', pageOut, t.outputTokens, spanOut, run.outputTokens],
  ] as const) {
    const line = `${what} tokens: page ${page}, API summary ${summary}, API spans ${spans}, sent ${sent}`;
    if (!(page === summary && page === spans && page === sent)) problems.push(line);
  }
  const shown = [t.inputTokens, t.outputTokens, t.cacheReadTokens, t.reasoningTokens].map(formatTokens).join(' / ');
  if (load.tokensText !== shown) problems.push(`tokens shown "${load.tokensText}", API totals read "${shown}"`);
  if (!load.spanCountText.startsWith(formatCount(t.spanCount))) problems.push(`span count shown "${load.spanCountText}", API ${t.spanCount}`);
  return problems;
}

async function main() {
  const started = performance.now();
  const cpuModel = cpus()[0]?.model ?? 'cpu';
  console.log(`machine: ${cpus().length} × ${cpuModel}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`);
  if (await buildWebIfStale(root, 'bench')) console.log('bench: web build done (not counted)');
  const stackStarted = performance.now();
  const quiet = { collectorStdio: 'ignore', clickhouseLog: () => undefined } as const;
  const stack = await startStack({ root, database: 'loupe_bench_trace_page', tmpPrefix: 'loupe-bench-trace-page-', ...quiet });
  let browser: Browser | null = null;
  let failed = false;
  try {
    console.log(`stack: ClickHouse + collector + next start (production build), up in ${ms(performance.now() - stackStarted)}`);
    const runs = SIZES.map((size, i) => agentRun(size, 0x5eed + i));
    const served: Array<{ detail: ApiTraceDetail; bytes: number; apiMs: number }> = [];
    for (const run of runs) {
      const sentAt = performance.now();
      const requests = await sendRun(stack.collectorUrl, run);
      const got = await waitServed(stack.webUrl, run);
      const apiMs = await apiGetMs(stack.webUrl, run.traceId);
      served.push({ ...got, apiMs });
      console.log(
        `trace ${run.traceId}: ${formatCount(run.spans.length)} spans (${run.agents} agents, ${run.chats} model calls, ` +
          `${run.tools} tool calls, ${run.maxDepth + 1} levels), ${requests} OTLP/JSON request(s), served in full after ` +
          `${ms(performance.now() - sentAt)}; API JSON ${kib(got.bytes)}, GET median ${ms(apiMs)}`,
      );
    }

    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const loads: Load[][] = SIZES.map(() => []);
    console.log('');
    console.log(`load        spans   ready    ttfb  html end     dcl  hydrated  long tasks   rows  HTML (wire)`);
    for (let round = 0; round <= LOADS; round++) {
      for (const [i, run] of runs.entries()) {
        const load = await loadPage(browser, `${stack.webUrl}/traces/${run.traceId}`, run.traceId);
        if (round > 0) loads[i]!.push(load);
        console.log(
          `${(round === 0 ? 'warm-up' : `#${round}`).padEnd(8)} ${pad(formatCount(run.spans.length), 8)} ${pad(ms(load.readyMs), 8)} ` +
            `${pad(ms(load.ttfbMs), 7)} ${pad(ms(load.htmlEndMs), 9)} ${pad(ms(load.dclMs), 7)} ${pad(ms(load.hydratedMs), 9)} ` +
            `${pad(ms(load.longTaskMs), 11)} ${pad(load.rows, 6)}  ${kib(load.htmlBytes)} (${kib(load.htmlWireBytes)})` +
            (load.apiFetches > 0 ? `  [+${load.apiFetches} client fetch of the trace]` : ''),
        );
      }
    }

    const stats = loads.map((list) => ({ median: median(list.map((l) => l.readyMs)), min: Math.min(...list.map((l) => l.readyMs)) }));
    const ratio = stats[1]!.median / stats[0]!.median;
    console.log('');
    console.log(`time until the trace page is ready (navigation start → header + first row visible, cost shown), ${LOADS} loads each:`);
    for (const [i, run] of runs.entries()) {
      const s = stats[i]!;
      const list = loads[i]!;
      console.log(
        `  ${pad(formatCount(run.spans.length), 6)} spans: median ${pad(ms(s.median), 8)}, min ${pad(ms(s.min), 8)}` +
          `   (median ttfb ${ms(median(list.map((l) => l.ttfbMs)))}, hydrated ${ms(median(list.map((l) => l.hydratedMs)))}; ` +
          `API JSON ${kib(served[i]!.bytes)})`,
      );
    }
    console.log(`  ratio of medians 10,000 / 100: ${ratio.toFixed(2)}× (target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'})`);

    for (const run of runs) {
      const html = [];
      for (let i = 0; i < 3; i++) html.push(await serverHtml(`${stack.webUrl}/traces/${run.traceId}`));
      console.log(
        `  server alone (HTML fetched without a browser, median of 3), ${formatCount(run.spans.length)} spans: ` +
          `${ms(median(html.map((h) => h.ms)))} to the last byte, ${kib(html[0]!.bytes)}, ${html[0]!.rows} tree rows in the HTML`,
      );
    }

    const big = loads[1]!;
    const problems = big.flatMap((load) => checkTotals(load, served[1]!.detail, runs[1]!));
    const t = served[1]!.detail.trace;
    console.log(
      `correctness (10,000 spans, ${big.length} loads): page tokens "${big[0]?.tokensText}" (exact ${big[0]?.tokensTitle}); ` +
        `API ${formatCount(t.inputTokens)} in / ${formatCount(t.outputTokens)} out; cost shown ${big[0]?.costText}, ` +
        `API $${t.costUsd.toFixed(4)} → ${problems.length === 0 ? 'equal' : 'MISMATCH'}`,
    );
    for (const problem of [...new Set(problems)]) console.log(`  ${problem}`);
    failed = problems.length > 0;
  } finally {
    await browser?.close();
    await stack.stop();
  }
  console.log(`total ${(((performance.now() - started) / 1000) | 0)} s`);
  if (failed) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
