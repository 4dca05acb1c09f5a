/** Every demo scenario, in the order their runs are spread over the demo window (oldest first). */
import type { ScenarioDefinition } from '../types';
import { agentPingPong } from './agent-ping-pong';
import { contextWindow } from './context-window';
import { costExplosion } from './cost-explosion';
import { crossService } from './cross-service';
import { emptyRetrieval } from './empty-retrieval';
import { guardrails } from './guardrails';
import { researchPipeline } from './research-pipeline';
import { retriedExport } from './retried-export';
import { silentFailure } from './silent-failure';
import { toolLoop } from './tool-loop';
import { toolRetryStorm } from './tool-retry-storm';

export const SCENARIOS: readonly ScenarioDefinition[] = [
  researchPipeline,
  toolLoop,
  toolRetryStorm,
  agentPingPong,
  costExplosion,
  silentFailure,
  emptyRetrieval,
  guardrails,
  contextWindow,
  crossService,
  retriedExport,
];
