/**
 * The Node.js flags the collector process runs with: `scripts/start.ts` starts it with them, and bench/ingest measures
 * it with them.
 *
 * `--max-semi-space-size=32` lets the young generation grow to 32 MiB semi-spaces instead of 16. Every export
 * allocates some megabytes that die within milliseconds (decoded spans, normalised spans, rows), and each young
 * collection copies whatever is still alive — about the same amount however rarely it runs — so fewer, larger young
 * collections copy less per span. In bench/ingest (200,000 spans, `--trace-gc-nvp`): ~100 young collections instead
 * of ~180, their pauses on the collector's thread 735–759 ms instead of 977–982 ms; three alternating pairs
 * acknowledged 21,260 / 20,909 / 22,317 spans/s against 19,930 / 19,746 / 21,284, for 30–50 MiB more resident
 * memory (442–470 MiB against 411–432). 64 MiB saved a little more and cost ~80 MiB.
 *
 * The old generation is left to V8's own growing factor. Since the batch writer's buffers stopped forcing full
 * collections (`spare-rows.ts`), a heap around the trace memory's ~160 MiB live set grows to up to ~400 MiB before
 * each (a million-span bench/ingest run peaked at 663 MiB resident, against ~490 MiB before). Capping the growth
 * with `--heap-growing-percent` brought frequent full collections back while the trace memory fills: in 200,000-span
 * runs (`--trace-gc-nvp`) 11 full collections and 3.0 s of background marking at 50 %, 7 and 1.4 s at 100 %, 4 and
 * 1.0 s with V8's factor.
 */
export const COLLECTOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
