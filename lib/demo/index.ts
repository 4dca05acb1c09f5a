/** Demo traffic: realistic multi-agent runs sent through the OpenTelemetry SDK, each labelled with its problems. */
export { runDemo, emitScenario, formatRunLine, selectScenarios, tracesEndpoint, DemoConfigError, DAY_MS } from './run-demo';
export type { RunDemoOptions, EmittedScenario } from './run-demo';
export { DemoExportError } from './export';
export { SCENARIOS } from './scenarios';
export { PROBLEMS } from './types';
export type { DemoRun, DemoExpected, Problem, ScenarioDefinition } from './types';
