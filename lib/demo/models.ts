/**
 * The models the demo agents call, with what their providers really answer: the dated response model, the
 * provider-native finish reasons, the id shapes and the context window. Wrong context windows would make the
 * context-exhaustion scenario lie about how close it comes to the limit.
 */

export interface ModelProfile {
  /** `gen_ai.provider.name`; the deprecated `gen_ai.system` uses the same value for these providers. */
  provider: 'openai' | 'anthropic' | 'gcp.gemini';
  responseModel: string;
  contextWindow: number;
  serverAddress: string;
  /** Prefix of `gen_ai.response.id`; '' when the provider returns none. */
  responseIdPrefix: string;
  responseIdLength: number;
  toolCallIdPrefix: string;
  /** Provider-native finish reasons, as instrumentations record them in `gen_ai.response.finish_reasons`. */
  finish: { stop: string; toolCall: string; length: string };
  /** Milliseconds per output token and to the first token, for plausible span durations. */
  msPerOutputToken: [number, number];
  firstTokenMs: [number, number];
  /** Reasoning models reject a temperature, so their spans carry none. */
  acceptsTemperature: boolean;
}

const openai = {
  provider: 'openai',
  serverAddress: 'api.openai.com',
  responseIdPrefix: 'chatcmpl-',
  responseIdLength: 29,
  toolCallIdPrefix: 'call_',
  finish: { stop: 'stop', toolCall: 'tool_calls', length: 'length' },
  acceptsTemperature: true,
} as const;

const anthropic = {
  provider: 'anthropic',
  serverAddress: 'api.anthropic.com',
  responseIdPrefix: 'msg_01',
  responseIdLength: 22,
  toolCallIdPrefix: 'toolu_01',
  finish: { stop: 'end_turn', toolCall: 'tool_use', length: 'max_tokens' },
  acceptsTemperature: true,
} as const;

const gemini = {
  provider: 'gcp.gemini',
  serverAddress: 'generativelanguage.googleapis.com',
  responseIdPrefix: '',
  responseIdLength: 0,
  toolCallIdPrefix: 'call_',
  // The Google GenAI instrumentation lower-cases Gemini's STOP / MAX_TOKENS; function calls end with STOP.
  finish: { stop: 'stop', toolCall: 'stop', length: 'max_tokens' },
  acceptsTemperature: true,
} as const;

export const MODELS = {
  'gpt-4o': {
    ...openai,
    responseModel: 'gpt-4o-2024-08-06',
    contextWindow: 128_000,
    msPerOutputToken: [9, 18],
    firstTokenMs: [280, 700],
  },
  'gpt-4o-mini': {
    ...openai,
    responseModel: 'gpt-4o-mini-2024-07-18',
    contextWindow: 128_000,
    msPerOutputToken: [5, 10],
    firstTokenMs: [200, 450],
  },
  'o3-mini': {
    ...openai,
    responseModel: 'o3-mini-2025-01-31',
    acceptsTemperature: false,
    contextWindow: 200_000,
    msPerOutputToken: [6, 12],
    firstTokenMs: [900, 2400],
  },
  'claude-3-5-sonnet-20241022': {
    ...anthropic,
    responseModel: 'claude-3-5-sonnet-20241022',
    contextWindow: 200_000,
    msPerOutputToken: [12, 22],
    firstTokenMs: [450, 1100],
  },
  'claude-3-5-haiku-20241022': {
    ...anthropic,
    responseModel: 'claude-3-5-haiku-20241022',
    contextWindow: 200_000,
    msPerOutputToken: [6, 12],
    firstTokenMs: [300, 700],
  },
  'gemini-1.5-pro': {
    ...gemini,
    responseModel: 'gemini-1.5-pro-002',
    contextWindow: 2_097_152,
    msPerOutputToken: [10, 20],
    firstTokenMs: [500, 1300],
  },
  'gemini-1.5-flash': {
    ...gemini,
    responseModel: 'gemini-1.5-flash-002',
    contextWindow: 1_048_576,
    msPerOutputToken: [4, 9],
    firstTokenMs: [250, 600],
  },
} satisfies Record<string, ModelProfile>;

export type ModelId = keyof typeof MODELS;

export const EMBEDDING_MODELS = {
  'text-embedding-3-small': { provider: 'openai', dimensions: 1536, serverAddress: 'api.openai.com' },
} as const;
export type EmbeddingModelId = keyof typeof EMBEDDING_MODELS;
