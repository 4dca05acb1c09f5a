import { describe, expect, it } from 'vitest';
import { createRng } from './rng';

const draw = (seed: number | string) => {
  const rng = createRng(seed);
  return [rng.hex(32), rng.alnum(12), rng.int(0, 1000), rng.float()];
};

describe('createRng', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    expect(draw(42)).toEqual(draw(42));
    expect(draw('42')).toEqual(draw(42));
    expect(draw(43)).not.toEqual(draw(42));
  });

  it('forks streams that depend on the label, not on what was drawn before', () => {
    const a = createRng(1);
    const b = createRng(1);
    b.float();
    b.hex(10);
    expect(a.fork('x').hex(16)).toBe(b.fork('x').hex(16));
    expect(a.fork('x').hex(16)).not.toBe(a.fork('y').hex(16));
  });

  it('keeps int within its inclusive bounds and reaches both ends', () => {
    const rng = createRng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 6));
    expect([...seen].sort()).toEqual([3, 4, 5, 6]);
  });

  it('spreads floats over [0, 1)', () => {
    const rng = createRng('spread');
    const values = Array.from({ length: 5000 }, () => rng.float());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.47);
    expect(mean).toBeLessThan(0.53);
  });

  it.each([
    ['int with min > max', () => createRng(1).int(5, 2)],
    ['int with a fraction', () => createRng(1).int(0.5, 2)],
    ['pick from an empty list', () => createRng(1).pick([])],
  ])('rejects %s', (_label, call) => {
    expect(call).toThrow(RangeError);
  });

  it('produces lower-case hex ids of the asked length', () => {
    expect(createRng(9).hex(32)).toMatch(/^[0-9a-f]{32}$/);
  });
});
