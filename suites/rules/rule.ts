import type { Level } from '../model/scenario.js';
import type { ObservedExchange } from './observed-exchange.js';

/** The outcome of a rule on one exchange it applies to. */
export type RuleVerdict =
  | { passed: true }
  | { passed: false; message: string; expected?: unknown; actual?: unknown };

/**
 * A protocol rule: checked automatically on every exchange. `check` returns undefined when the
 * rule does not apply to the exchange (a Location rule on a GET, say).
 * Ids are stable across releases: baselines and annotations key on them.
 */
export interface ProtocolRule {
  id: string;
  title: string;
  level: Level;
  citation: string;
  check(exchange: ObservedExchange): RuleVerdict | undefined;
}

export const pass: RuleVerdict = { passed: true };

export function fail(message: string, expected?: unknown, actual?: unknown): RuleVerdict {
  return { passed: false, message, expected, actual };
}
