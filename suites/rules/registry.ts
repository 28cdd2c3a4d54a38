import { errorRules } from './error-rules.js';
import { listRules } from './list-rules.js';
import { mediaTypeRules } from './media-type-rules.js';
import { resourceRules } from './resource-rules.js';
import type { ProtocolRule } from './rule.js';
import { writeRules } from './write-rules.js';

/** Build a registry; a duplicate id is a programming error, caught at start-up. */
export function createRuleRegistry(rules: ProtocolRule[]): ReadonlyMap<string, ProtocolRule> {
  const registry = new Map<string, ProtocolRule>();
  for (const rule of rules) {
    if (registry.has(rule.id)) throw new Error(`protocol rule '${rule.id}' is registered twice`);
    registry.set(rule.id, rule);
  }
  return registry;
}

/** Every protocol rule scimsim applies to every exchange, in report order. */
export const protocolRules: ReadonlyMap<string, ProtocolRule> = createRuleRegistry([
  ...mediaTypeRules,
  ...errorRules,
  ...listRules,
  ...writeRules,
  ...resourceRules,
]);
