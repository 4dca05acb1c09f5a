/**
 * bench/span-insert: ClickHouse's CPU for storing the collector's span and content rows, by insert format (JSON rows
 * or RowBinary), by spans schema (per-span columns as LowCardinality, as in schema version 1, or plain String, as
 * after migration 4) and by part format (ClickHouse's default, or compact parts up to 64 MiB as after migration 5). The engine runs in this process, so its CPU is this process's CPU: rows are encoded before the
 * clock starts, and each insert goes the way the embedded server sends it (JSON as a raw insert, RowBinary through a
 * file). Merges the inserts cause are counted too: after each variant the run waits for them to finish.
 *
 *   npx tsx bench/span-insert.ts [--spans 100000] [--batch 5000] [--rounds 2]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ChdbEngine } from '../lib/clickhouse/embedded/engine';
import { spanContentsTable, spansTable } from '../lib/clickhouse/migrations/v1-spans';
import { spanStringsMigrationStatements } from '../lib/clickhouse/migrations/v4-span-strings';
import { compactPartsMigrationStatements } from '../lib/clickhouse/migrations/v5-compact-parts';
import { RowBinaryRows } from '../lib/clickhouse/row-binary';
import { decodeExportRequest } from '../lib/otlp';
import { CONTENT_BINARY_COLUMNS, SPAN_BINARY_COLUMNS } from '../lib/queries/span-binary-columns';
import { contentToRow, spanToRow } from '../lib/queries/span-rows';
import { toCanonicalSpans } from '../collector/ingest';
import { recordGenAiSpans } from './genai-spans';

const { values: args } = parseArgs({
  options: {
    spans: { type: 'string', default: '100000' },
    batch: { type: 'string', default: '5000' },
    rounds: { type: 'string', default: '2' },
  },
});
const totalSpans = Number(args.spans);
const batchSpans = Number(args.batch);
const rounds = Number(args.rounds);

type Format = 'JSONCompactEachRow' | 'RowBinary';
type Schema = 'LowCardinality' | 'String';
interface Variant {
  format: Format;
  schema: Schema;
  /** Compact parts up to 64 MiB (migration 5) instead of ClickHouse's default. */
  compactParts: boolean;
}
const VARIANTS: Variant[] = [
  { format: 'JSONCompactEachRow', schema: 'LowCardinality', compactParts: false },
  { format: 'RowBinary', schema: 'LowCardinality', compactParts: false },
  { format: 'JSONCompactEachRow', schema: 'String', compactParts: false },
  { format: 'RowBinary', schema: 'String', compactParts: false },
  { format: 'RowBinary', schema: 'String', compactParts: true },
];

interface Batch {
  spans: Buffer;
  contents: Buffer;
}

function encode(format: Format): Batch[] {
  const requests = recordGenAiSpans(totalSpans, batchSpans);
  return requests.map((request) => {
    const body = new Uint8Array(ProtobufTraceSerializer.serializeRequest(request) ?? []);
    const spans = toCanonicalSpans(decodeExportRequest(body, 'protobuf'), { headerProject: null, defaultProject: 'default', overrides: [] });
    const contents = spans.map(contentToRow).filter((row) => row !== null);
    if (format === 'JSONCompactEachRow') {
      const lines = (rows: object[]) => Buffer.from(rows.map((row) => JSON.stringify(Object.values(row))).join('\n'));
      return { spans: lines(spans.map(spanToRow)), contents: lines(contents) };
    }
    const spanRows = new RowBinaryRows(SPAN_BINARY_COLUMNS);
    spanRows.addAll(spans);
    const contentRows = new RowBinaryRows(CONTENT_BINARY_COLUMNS);
    contentRows.addAll(contents);
    return { spans: Buffer.from(spanRows.body()), contents: Buffer.from(contentRows.body()) };
  });
}

const cpuMs = () => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

async function waitForMerges(engine: ChdbEngine): Promise<void> {
  for (;;) {
    const out = await engine.run('SELECT count() FROM system.merges');
    if (new TextDecoder().decode(out.bytes).trim() === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function insert(engine: ChdbEngine, database: string, table: 'spans' | 'span_contents', format: Format, data: Buffer) {
  const columns = (table === 'spans' ? SPAN_BINARY_COLUMNS : CONTENT_BINARY_COLUMNS).map((c) => c.name);
  const target = { table: `${database}.${table}`, columns, format };
  if (format === 'JSONCompactEachRow') {
    await engine.insert(target, data);
    return;
  }
  const file = await engine.spoolFile(data);
  try {
    await engine.insertFile(target, file);
  } finally {
    await engine.discardFile(file);
  }
}

/** CPU per 1,000 spans: while inserting, and for the merges the inserts left behind. */
async function measure(engine: ChdbEngine, variant: Variant, batches: Batch[], database: string) {
  await engine.run(`CREATE DATABASE ${database}`);
  const target = { database };
  for (const statement of [spansTable(target), spanContentsTable(target)]) await engine.run(statement);
  if (variant.schema === 'String') for (const statement of spanStringsMigrationStatements(target)) await engine.run(statement);
  if (variant.compactParts) for (const statement of compactPartsMigrationStatements(target)) await engine.run(statement);
  await waitForMerges(engine);
  const start = cpuMs();
  for (const batch of batches) {
    await insert(engine, database, 'span_contents', variant.format, batch.contents);
    await insert(engine, database, 'spans', variant.format, batch.spans);
  }
  const inserted = cpuMs();
  // Merges start a moment after the inserts; give them that moment, then wait for them to end.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  await waitForMerges(engine);
  const merged = cpuMs();
  await engine.run(`DROP DATABASE ${database}`);
  const per1k = (ms: number) => (ms / totalSpans) * 1000;
  return { insert: per1k(inserted - start), merges: per1k(merged - inserted) };
}

async function main() {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, node ${process.version}`);
  console.log(`${totalSpans} GenAI spans (with contents) in inserts of ${batchSpans}, ${rounds} rounds of each variant…`);
  const encoded = { JSONCompactEachRow: encode('JSONCompactEachRow'), RowBinary: encode('RowBinary') };
  const dataDir = mkdtempSync(join(tmpdir(), 'loupe-span-insert-'));
  const engine = await ChdbEngine.open(dataDir);
  const results = new Map<Variant, { insert: number; merges: number }[]>(VARIANTS.map((v) => [v, []]));
  try {
    for (let round = 0; round < rounds; round++) {
      for (const [index, variant] of VARIANTS.entries()) {
        results.get(variant)?.push(await measure(engine, variant, encoded[variant.format], `bench_${round}_${index}`));
      }
    }
  } finally {
    engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const baseline = results.get(VARIANTS[0] as Variant) ?? [];
  const baselineTotal = mean(baseline.map((r) => r.insert + r.merges));
  console.log('\nClickHouse CPU per 1,000 spans (mean of rounds; each round: insert + merges)');
  for (const variant of VARIANTS) {
    const runs = results.get(variant) ?? [];
    const total = mean(runs.map((r) => r.insert + r.merges));
    const each = runs.map((r) => `${r.insert.toFixed(1)} + ${r.merges.toFixed(1)}`).join(', ');
    console.log(
      `${variant.format.padEnd(18)} ${variant.schema.padEnd(14)} ${(variant.compactParts ? 'compact' : 'default').padEnd(8)} ` +
        `${total.toFixed(1).padStart(5)} ms  (${each})  ` +
        `ratio to JSON/LowCardinality ${(total / baselineTotal).toFixed(2)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
