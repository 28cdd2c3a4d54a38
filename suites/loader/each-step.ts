import type { DocPath } from './locate.js';
import type { RawScenario, RawStep } from './raw-scenario.js';

export interface PlacedStep {
  step: RawStep;
  section: 'steps' | 'teardown';
  index: number;
  /** The step's path in the document: `['steps', 3]`. */
  at: DocPath;
}

/** Every step of `steps:`, then of `teardown:`, in the order they run, with where each is written. */
export function eachStep(raw: Pick<RawScenario, 'steps' | 'teardown'>): PlacedStep[] {
  const placed: PlacedStep[] = [];
  for (const section of ['steps', 'teardown'] as const) {
    (raw[section] ?? []).forEach((step, index) => placed.push({ step, section, index, at: [section, index] }));
  }
  return placed;
}
