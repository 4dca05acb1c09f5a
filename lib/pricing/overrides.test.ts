import { describe, expect, it } from 'vitest';
import { BadRequest } from '@/lib/errors';
import { findOverride, InvalidPriceOverride, validatePriceOverride } from './overrides';
import type { PriceOverride } from './types';

const override = (o: Partial<PriceOverride>): PriceOverride => ({
  projectId: 'p1',
  provider: '',
  model: 'gpt-4o',
  inputPerMTok: 1,
  outputPerMTok: 4,
  effectiveFrom: null,
  ...o,
});
const NOW = new Date('2025-06-01T00:00:00Z');

describe('findOverride: which override covers a span', () => {
  it.each([
    ['exact model', { model: 'gpt-4o' }, 'openai', 'gpt-4o', true],
    ['exact model is case-insensitive', { model: 'GPT-4o' }, 'openai', 'gpt-4O', true],
    ['exact model does not cover a dated snapshot', { model: 'gpt-4o' }, 'openai', 'gpt-4o-2024-08-06', false],
    ['prefix pattern covers a dated snapshot', { model: 'gpt-4o*' }, 'openai', 'gpt-4o-2024-08-06', true],
    ['prefix pattern does not cover another model', { model: 'gpt-4o*' }, 'openai', 'gpt-4.1', false],
    ['"*" covers every model', { model: '*' }, 'ollama', 'llama3', true],
    ["'' provider covers any provider", { provider: '' }, 'azure.ai.openai', 'gpt-4o', true],
    ['provider alias: openai covers openai.chat', { provider: 'openai' }, 'openai.chat', 'gpt-4o', true],
    ['provider alias: google covers gcp.vertex_ai', { provider: 'google', model: 'gemini*' }, 'gcp.vertex_ai', 'gemini-2.0-flash', true],
    ['a named provider does not cover another', { provider: 'openai' }, 'azure.ai.openai', 'gpt-4o', false],
    ['an unknown provider name matches itself', { provider: 'My-Gateway' }, 'my-gateway', 'gpt-4o', true],
    ['not yet in effect', { effectiveFrom: new Date('2025-07-01T00:00:00Z') }, 'openai', 'gpt-4o', false],
    ['another project', { projectId: 'p2' }, 'openai', 'gpt-4o', false],
  ] as const)('%s', (_name, o: Partial<PriceOverride>, provider, model, applies) => {
    const candidate = override(o);
    expect(findOverride([candidate], { projectId: 'p1', provider, model }, NOW)).toBe(applies ? candidate : null);
  });

  it.each([
    {
      name: 'the latest effective date wins over specificity',
      overrides: [
        override({ model: 'gpt-4o', effectiveFrom: new Date('2025-01-01') }),
        override({ model: '*', effectiveFrom: new Date('2025-02-01') }),
      ],
      winner: 1,
    },
    {
      name: 'a dated override wins over one in effect forever',
      overrides: [override({ effectiveFrom: null }), override({ effectiveFrom: new Date('2020-01-01') })],
      winner: 1,
    },
    {
      name: 'same date: exact model beats a pattern',
      overrides: [override({ model: 'gpt-4o*' }), override({ model: 'gpt-4o' })],
      winner: 1,
    },
    {
      name: 'same date: the longer pattern beats the shorter',
      overrides: [override({ model: 'gpt*' }), override({ model: 'gpt-4o*' })],
      winner: 1,
    },
    {
      name: 'same date and model: a named provider beats any provider',
      overrides: [override({ provider: '' }), override({ provider: 'openai' })],
      winner: 1,
    },
    {
      name: 'a full tie: the first in the list',
      overrides: [override({ inputPerMTok: 1 }), override({ inputPerMTok: 2 })],
      winner: 0,
    },
  ])('$name', ({ overrides, winner }) => {
    expect(findOverride(overrides, { projectId: 'p1', provider: 'openai', model: 'gpt-4o' }, NOW)).toBe(overrides[winner]);
  });
});

describe('validatePriceOverride', () => {
  it('returns a valid override unchanged', () => {
    const valid = override({ model: 'claude-3-5*', cacheReadPerMTok: 0.3, cacheWritePerMTok: null });
    expect(validatePriceOverride(valid)).toBe(valid);
  });

  it.each([
    { o: { projectId: ' ' }, message: /projectId is empty/ },
    { o: { model: '' }, message: /model is empty/ },
    { o: { model: 'gpt-*-mini' }, message: /only have '\*' at its end/ },
    { o: { inputPerMTok: -1 }, message: /inputPerMTok must be a non-negative number, got -1/ },
    { o: { outputPerMTok: Number.NaN }, message: /outputPerMTok must be a non-negative number, got NaN/ },
    { o: { cacheReadPerMTok: Number.POSITIVE_INFINITY }, message: /cacheReadPerMTok/ },
    { o: { effectiveFrom: new Date('not a date') }, message: /effectiveFrom is not a valid date/ },
  ])('rejects $o', ({ o, message }) => {
    const run = () => validatePriceOverride(override(o));
    expect(run).toThrow(InvalidPriceOverride);
    expect(run).toThrow(BadRequest);
    expect(run).toThrow(message);
  });
});
