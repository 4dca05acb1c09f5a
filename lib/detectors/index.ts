/** Detectors: pure functions from a finished run (or a window of hourly aggregates) to findings. */
export * from './types';
export {
  DEFAULT_DETECTOR_CONFIG,
  detectorConfigPatchSchema,
  detectorConfigSchema,
  mergeDetectorConfig,
  type DetectorConfig,
  type DetectorConfigPatch,
} from './config';
export { detectTrace, PER_TRACE_RULES } from './detect-trace';
export { DETECTOR_ATTRIBUTE_KEYS, prepareTrace, type PreparedTrace } from './prepare';
export { detectRepeatedToolCalls, detectToolRetryStorms } from './tool-calls';
export { detectAgentPingPong } from './agent-ping-pong';
export { detectCostPerRun, detectStepExplosion } from './run-budget';
export { detectSilentFailure } from './silent-failure';
export { detectContextExhaustion, isTruncated, modelContextWindow } from './context-exhaustion';
export { detectRateAnomalies, type RateBaseline } from './rate-anomaly';
