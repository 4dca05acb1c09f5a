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
 * The old generation is left to V8's own growing factor, which in these runs let the heap grow to about four times
 * what the last full collection kept (`--trace-gc`). Since the batch writer's buffers stopped forcing full collections
 * (`spare-rows.ts`), the heap around the trace memory's ~160 MiB live set grows to ~400 MiB before each, and
 * million-span bench/ingest runs peaked at 663 and 741 MiB resident (~490 MiB before). `--heap-growing-percent=100`
 * (a factor of two) kept one at 586 MiB, but collects more often while the trace memory fills — 200,000 spans with
 * `--trace-gc-nvp`: 7 full collections and 1.4 s of background marking against 4 and 1.0 s (9 and 3.1 s before the
 * buffers were reused; 50 %: 11 and 3.0 s) — and in five rounds of bench/ingest the collector took 50.1–54.4 ms of
 * CPU per 1,000 spans against 48.2–52.4, acknowledging 19,810–21,594 spans/s against 20,502–22,971.
 */
export const COLLECTOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
