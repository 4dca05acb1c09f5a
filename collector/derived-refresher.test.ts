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

  /** How long after being marked dirty the second of two rebuilds ended, each taking `rebuildMs`. */
  async function secondRebuildEnd(rebuildMs: number, busyFactor?: number): Promise<number> {
    const rebuiltAt: number[] = [];
    const refresher = new DerivedRefresher({
      rebuild: async () => {
        await new Promise((r) => setTimeout(r, rebuildMs));
        rebuiltAt.push(performance.now());
      },
      intervalMs: 5,
      ...(busyFactor === undefined ? {} : { busyFactor }),
      log: () => undefined,
    });
    refresher.markDirty(traces({ p: ['a'] }));
    await refresher.flush();
    const marked = performance.now();
    refresher.markDirty(traces({ p: ['b'] }));
    for (let i = 0; i < 200 && rebuiltAt.length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await refresher.close();
    expect(rebuiltAt).toHaveLength(2);
    return rebuiltAt[1]! - marked;
  }

  it('waits at least twice as long as the last rebuild took, so rebuilds never crowd out inserts', async () => {
    // Started no earlier than 2 × 80 ms after it was marked, then took 80 ms itself.
    expect(await secondRebuildEnd(80)).toBeGreaterThanOrEqual(2 * 80 + 80 - 5);
  });

  it('waits busyFactor times as long as the last rebuild took when asked to', async () => {
    expect(await secondRebuildEnd(30, 10)).toBeGreaterThanOrEqual(10 * 30 + 30 - 5);
  });
});
