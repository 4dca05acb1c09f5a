/**
 * Demo traffic for a running Loupe: `npx tsx scripts/demo.ts [--endpoint URL] [--seed N] [--live]`.
 * Sends every demo scenario once, spread over the last 24 hours, printing one line per scenario with its trace
 * id and problems. With --live it then keeps sending a random scenario every few seconds, timed to end now,
 * until SIGINT or SIGTERM.
 */
import { parseArgs } from 'node:util';
import { readEnv } from '@/lib/env';
import { SCENARIOS, formatRunLine, runDemo } from '@/lib/demo';
import { createRng } from '@/lib/demo/rng';

const USAGE = 'usage: tsx scripts/demo.ts [--endpoint URL] [--seed N] [--live]';

function parseCommandLine() {
  const { values } = parseArgs({
    options: {
      endpoint: { type: 'string' },
      seed: { type: 'string' },
      live: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const seed = values.seed === undefined ? Math.floor(Math.random() * 1_000_000) : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"\n${USAGE}`);
  const endpoint = values.endpoint ?? `http://127.0.0.1:${readEnv().LOUPE_OTLP_PORT}`;
  return { endpoint, seed, live: values.live };
}

async function main(): Promise<void> {
  const { endpoint, seed, live } = parseCommandLine();
  console.log(`demo traffic → ${endpoint} (seed ${seed}; pass --seed ${seed} to repeat it)`);
  await runDemo({ endpoint, seed, now: Date.now(), log: (line) => console.log(line) });
  if (!live) return;

  let stopping = false;
  let wake: (() => void) | null = null;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  console.log('live: a new run every few seconds; Ctrl-C to stop');
  const rng = createRng(`${seed}/live`);
  for (let n = 1; !stopping; n++) {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, rng.int(2_000, 6_000));
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    if (stopping) break;
    const scenario = rng.pick(SCENARIOS).name;
    try {
      // A fresh seed per live run: reusing one would resend the same trace and span ids.
      const [run] = await runDemo({ endpoint, seed: `${seed}/live/${n}`, now: Date.now(), scenarios: [scenario], spreadMs: 0 });
      if (run) console.log(formatRunLine(run));
    } catch (error) {
      // The collector may be restarting; keep the live stream going and say what failed.
      console.error(`live run ${n} (${scenario}) failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
