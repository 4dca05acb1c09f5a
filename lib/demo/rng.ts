/**
 * A small seeded PRNG so that a demo seed reproduces the same names, attributes, token counts, timings and ids.
 * Approach: the seed text is hashed (FNV-1a, four lanes) into the 128-bit state of sfc32, a fast generator with a
 * long period that passes PractRand far beyond what a demo draws. Each draw costs a few integer operations.
 * `fork(label)` derives an independent stream from the seed and a label, not from the current state, so adding a
 * draw in one scenario never shifts the values of another.
 */

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export interface Rng {
  /** The seed text this stream was made from. */
  readonly seed: string;
  /** A float in [0, 1). */
  float(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Lower-case hex of the given length. */
  hex(length: number): string;
  /** Letters and digits of the given length, for provider-style ids (`chatcmpl-…`, `toolu_01…`). */
  alnum(length: number): string;
  /** An independent stream for a named purpose. */
  fork(label: string): Rng;
}

function hashLanes(text: string): [number, number, number, number] {
  const lanes: [number, number, number, number] = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x85ebca6b];
  for (let lane = 0; lane < 4; lane++) {
    let h = lanes[lane] ?? 0;
    const salted = `${lane}:${text}`;
    for (let i = 0; i < salted.length; i++) {
      h ^= salted.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
    lanes[lane] = h >>> 0;
  }
  return lanes;
}

export function createRng(seed: number | string): Rng {
  const seedText = String(seed);
  let [a, b, c, d] = hashLanes(seedText);
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // Warm up: the first outputs of a freshly hashed state are correlated with the seed text.
  for (let i = 0; i < 12; i++) next();

  const rng: Rng = {
    seed: seedText,
    float: next,
    int(min, max) {
      if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) {
        throw new RangeError(`rng.int needs integers min <= max, got ${min} and ${max}`);
      }
      return min + Math.floor(next() * (max - min + 1));
    },
    chance: (p) => next() < p,
    pick(items) {
      if (items.length === 0) throw new RangeError('rng.pick needs a non-empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    hex(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += Math.floor(next() * 16).toString(16);
      return out;
    },
    alnum(length) {
      let out = '';
      for (let i = 0; i < length; i++) out += ALNUM[Math.floor(next() * ALNUM.length)];
      return out;
    },
    fork: (label) => createRng(`${seedText}/${label}`),
  };
  return rng;
}
