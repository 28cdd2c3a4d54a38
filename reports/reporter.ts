import type { RunResult, ScenarioResult, StepResult, RunTarget } from '../suites/model/result.js';

/** What the runner is about to do; given to reporters before the first request. */
export interface RunPlan {
  target: RunTarget;
  suites: Array<{ name: string; scenarios: Array<{ id: string; title: string; file: string }> }>;
  total: number;
}

/**
 * A reporter receives the run as it happens. All hooks are optional (Playwright's model):
 * the console renders progress from the stream, file reporters write once at `onRunEnd`.
 */
export interface Reporter {
  onRunStart?(plan: RunPlan): void | Promise<void>;
  onScenarioStart?(scenario: { id: string; title: string; suite: string }): void;
  onStepEnd?(scenario: { id: string }, step: StepResult): void;
  onScenarioEnd?(result: ScenarioResult): void;
  /** The run is over (also after --bail or an interrupt): write files here. */
  onRunEnd?(result: RunResult): void | Promise<void>;
  /** True when the reporter writes to stdout, so the CLI need not add the console reporter. */
  printsToStdio?(): boolean;
}
