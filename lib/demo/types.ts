/**
 * Types shared by the demo traffic generator: the problems a scenario is labelled with, the planned span tree a
 * scenario tells, and what one emitted run is expected to leave in the store.
 */
import type { NodeType } from '@/lib/span/types';
import type { AgentStory } from './agent-story';

/** Problem labels; the detectors' tests use them to know which findings a run must (and must not) raise. */
export const PROBLEMS = [
  'tool_loop',
  'tool_retry_storm',
  'agent_ping_pong',
  'step_explosion',
  'cost_over_budget',
  'silent_failure',
  'empty_retrieval',
  'unsupported_answer',
  'guardrail_intervention',
  'context_exhaustion',
  'cross_service',
  'retried_export',
] as const;
export type Problem = (typeof PROBLEMS)[number];

/** OTLP/HTTP body encoding a scenario is exported with. */
export type Encoding = 'json' | 'protobuf';

/** Attribute values a plan may carry: what the OpenTelemetry API accepts and JSON can round-trip. */
export type PlanAttributeValue = string | number | boolean | string[] | number[];
export type PlanAttributes = Record<string, PlanAttributeValue>;

export type PlanSpanKind = 'internal' | 'client' | 'server';

export interface PlannedEvent {
  name: string;
  /** Milliseconds from the start of the run. */
  atMs: number;
  attributes: PlanAttributes;
}

/** Token usage a span reports as its own (model calls only); aggregate usage on agent spans is not listed here. */
export interface PlannedUsage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

/** One span of a scenario, with times relative to the start of the run; plain data so it can cross HTTP. */
export interface PlannedSpan {
  name: string;
  kind: PlanSpanKind;
  service: string;
  nodeType: NodeType;
  startMs: number;
  endMs: number;
  attributes: PlanAttributes;
  events: PlannedEvent[];
  status: 'unset' | 'ok' | 'error';
  statusMessage: string;
  usage: PlannedUsage | null;
  /** Reached over HTTP from its parent, which lives in another service. */
  remote: boolean;
  children: PlannedSpan[];
}

export interface ScenarioDefinition {
  name: string;
  /** One line on what the run shows, printed by the demo command. */
  summary: string;
  problems: Problem[];
  /** `service.name` of the process the run starts in. */
  service: string;
  encoding: Encoding;
  /** Answer the first export with a gateway timeout after forwarding it, so the exporter sends it again. */
  retriedExport?: boolean;
  /** Tells the story into the given plan builder; must draw every varying value from the builder's PRNG. */
  build(story: AgentStory): void;
}

export interface DemoExpected {
  /** Distinct spans: a retried export still counts once. */
  spanCount: number;
  /** Own usage of model calls only (never the aggregate an agent span may repeat); input includes cached. */
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  reasoningTokens: number;
  nodeTypes: Record<NodeType, number>;
  agents: string[];
  services: string[];
}

export interface DemoRun {
  scenario: string;
  traceIds: string[];
  problems: Problem[];
  expected: DemoExpected;
}
