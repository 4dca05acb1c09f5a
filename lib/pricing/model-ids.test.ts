import { describe, expect, it } from 'vitest';
import { bedrockParts, modelCandidates } from './model-ids';

describe('bedrockParts', () => {
  it.each([
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', { vendor: 'anthropic', model: 'claude-3-5-sonnet-20240620' }],
    ['us.anthropic.claude-3-5-sonnet-20241022-v2:0', { vendor: 'anthropic', model: 'claude-3-5-sonnet-20241022' }],
    ['amazon.nova-pro-v1:0', { vendor: 'amazon', model: 'nova-pro' }],
    ['meta.llama3-70b-instruct-v1:0', { vendor: 'meta', model: 'llama3-70b-instruct' }],
    [
      'arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-3-haiku-20240307-v1:0',
      { vendor: 'anthropic', model: 'claude-3-haiku-20240307' },
    ],
    // dotted version numbers are not Bedrock vendors
    ['gemini-1.5-pro', null],
    ['gpt-4.1', null],
    ['claude-3.5-sonnet', null],
    ['gpt-4o', null],
  ])('%s → %o', (model, expected) => {
    expect(bedrockParts(model)).toEqual(expected);
  });
});

describe('modelCandidates', () => {
  it.each([
    ['gpt-4o', ['gpt-4o']],
    ['openai/gpt-4o', ['openai/gpt-4o', 'gpt-4o@openai']],
    ['models/gemini-1.5-pro', ['models/gemini-1.5-pro', 'gemini-1.5-pro']],
    [
      'projects/p/locations/l/publishers/google/models/gemini-1.5-pro-002',
      ['projects/p/locations/l/publishers/google/models/gemini-1.5-pro-002', 'gemini-1.5-pro-002@google'],
    ],
    ['US.Anthropic.Claude-3-5-Sonnet-20240620-v1:0', ['us.anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet-20240620@anthropic']],
    ['accounts/fireworks/models/qwen3-235b-a22b', ['accounts/fireworks/models/qwen3-235b-a22b', 'qwen3-235b-a22b']],
    ['  ', []],
  ])('%s', (model, expected) => {
    const shown = modelCandidates(model).map((c) => (c.providerHint ? `${c.model}@${c.providerHint}` : c.model));
    expect(shown).toEqual(expected);
  });
});
