import { describe, expect, it } from 'vitest';
import { DerivedRefresher, type TracesByProject } from './derived-refresher';

const traces = (entries: Record<string, string[]>): TracesByProject =>
  new Map(Object.entries(entries).map(([project, ids]) => [project, new Set(ids)]));

describe('DerivedRefresher', () => {
  it('rebuilds every dirty trace once, per project, however many batches marked it', async () => {
    const calls: [string, string[]][] = [];
    const refresher = new DerivedRefresher({
      rebuild: async (project, ids) => void calls.push([project, [...ids].sort()]),
      intervalMs: 10_000,
      log: () => undefined,
    });
    refresher.markDirty(traces({ a: ['t1', 't2'] }));
    refresher.markDirty(traces({ a: ['t2', 't3'], b: ['t9'] }));
    expect(refresher.dirtyTraceCount).toBe(4);
    await refresher.flush();
    expect(calls).toEqual([
      ['a', ['t1', 't2', 't3']],
      ['b', ['t9']],
    ]);
    expect(refresher.dirtyTraceCount).toBe(0);
    await refresher.close();
  });

  it('tells each rebuild when its traces were last marked, not when it runs', async () => {
    const marks: number[] = [];
    const refresher = new DerivedRefresher({
      rebuild: async (_project, _ids, lastMarkedAt) => void marks.push(lastMarkedAt),
      intervalMs: 10_000,
      log: () => undefined,
    });
    refresher.markDirty(traces({ a: ['t1'] }));
    const afterFirst = performance.now();
    await new Promise((r) => setTimeout(r, 30));
    refresher.markDirty(traces({ a: ['t2'] }));
    const afterSecond = performance.now();
    await new Promise((r) => setTimeout(r, 100));
    await refresher.flush();
    expect(marks).toHaveLength(1);
    expect(marks[0]).toBeGreaterThan(afterFirst);
    expect(marks[0]).toBeLessThanOrEqual(afterSecond);
    await refresher.close();
  });

  it('keeps traces dirty when a rebuild fails and rebuilds them on the next attempt', async () => {
    let failures = 1;
    const rebuilt: string[] = [];
    const logged: string[] = [];
    const refresher = new DerivedRefresher({
      rebuild: async (_project, ids) => {
        if (failures-- > 0) throw new Error('ClickHouse is unreachable');
        rebuilt.push(...ids);
      },
      intervalMs: 10_000,
      log: (message) => logged.push(message),
    });
    refresher.markDirty(traces({ p: ['x', 'y'] }));
    await refresher.flush();
    expect(rebuilt).toEqual([]);
    expect(refresher.dirtyTraceCount).toBe(2);
    expect(logged[0]).toMatch(/rebuilding 2 trace\(s\) failed, will retry: Error: ClickHouse is unreachable/);
    await refresher.flush();
    expect(rebuilt.sort()).toEqual(['x', 'y']);
    await refresher.close();
  });

  it('rebuilds on its own within the interval', async () => {
    const rebuilt: string[] = [];
    const refresher = new DerivedRefresher({ rebuild: async (_p, ids) => void rebuilt.push(...ids), intervalMs: 20, log: () => undefined });
    refresher.markDirty(traces({ p: ['late'] }));
    for (let i = 0; i < 100 && rebuilt.length === 0; i++) await new Promise((r) => setTimeout(r, 10));
    expect(rebuilt).toEqual(['late']);
    await refresher.close();
  });

  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /**
   * How long after being marked dirty the second of two rebuilds started (`waited`), and how long the first took,
   * measured inside it (`firstTook`: about `rebuildMs`, but a 40 ms timer may fire a millisecond early; the
   * refresher's own measure, taken around the rebuild, is never shorter). With `ingest`, a new trace is marked every
   * 2 ms meanwhile, as batches commit under load.
   */
  async function secondRebuildStart(
    rebuildMs: number,
    options: { busyFactor?: number; ingest: boolean },
  ): Promise<{ waited: number; firstTook: number }> {
    const startedAt: number[] = [];
    const took: number[] = [];
    const refresher = new DerivedRefresher({
      rebuild: async () => {
        const start = performance.now();
        startedAt.push(start);
        await sleep(rebuildMs);
        took.push(performance.now() - start);
      },
      intervalMs: 100,
      ...(options.busyFactor === undefined ? {} : { busyFactor: options.busyFactor }),
      log: () => undefined,
    });
    refresher.markDirty(traces({ p: ['a'] }));
    await refresher.flush();
    const marked = performance.now();
    refresher.markDirty(traces({ p: ['b'] }));
    for (let i = 0; i < 1_000 && startedAt.length < 2; i++) {
      await sleep(2);
      if (options.ingest) refresher.markDirty(traces({ p: [`t${i}`] }));
    }
    await refresher.close();
    expect(startedAt.length).toBeGreaterThanOrEqual(2);
    return { waited: startedAt[1]! - marked, firstTook: took[0]! };
  }

  it('while traces keep being marked, waits twice as long as the last rebuild took, so rebuilds never crowd out inserts', async () => {
    const { waited, firstTook } = await secondRebuildStart(150, { ingest: true });
    expect(firstTook).toBeGreaterThan(140);
    expect(waited).toBeGreaterThanOrEqual(2 * firstTook);
  });

  it('waits busyFactor times as long as the last rebuild took when asked to', async () => {
    const { waited, firstTook } = await secondRebuildStart(40, { busyFactor: 10, ingest: true });
    expect(firstTook).toBeGreaterThan(35);
    expect(waited).toBeGreaterThanOrEqual(10 * firstTook);
  });

  it('rebuilds once nothing new was marked for intervalMs, without waiting out the stretched wait', async () => {
    // The stretched wait would be 10 × 150 ms; with nothing marked after the trace, it runs ~100 ms later.
    const { waited } = await secondRebuildStart(150, { busyFactor: 10, ingest: false });
    expect(waited).toBeGreaterThanOrEqual(100 - 5);
    expect(waited).toBeLessThan(1_000);
  });
});
