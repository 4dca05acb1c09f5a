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
 */
export const COLLECTOR_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=32'];
