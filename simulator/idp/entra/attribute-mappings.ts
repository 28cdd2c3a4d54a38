import { EntraExpressionError, parseEntraExpression, type EntraExpression, type EntraNode, type EntraValue } from '../expressions/entra/index.js';
import type { EntraMappingSpec } from './settings.js';

/** A mapping row ready to evaluate: Expression mappings parsed once. */
export interface CompiledMapping {
  target: string;
  spec: EntraMappingSpec;
  expression?: EntraExpression;
}

/** A mapping set Entra would refuse to save (the loader reports the same with file:line:col). */
export class EntraMappingError extends Error {
  override name = 'EntraMappingError';
}

/** What an expression or Direct mapping reads. */
export interface MappingInputs {
  attribute(name: string): EntraValue | undefined;
  now(): Date;
  random(): number;
}

export function compileMappings(specs: Record<string, EntraMappingSpec>): CompiledMapping[] {
  return Object.entries(specs).map(([target, given]) => {
    // Entra's manager is a reference attribute whatever the admin's type says (E-SCIM Example 5).
    const spec: EntraMappingSpec = given.type === 'direct' && given.source === 'manager' ? { ...given, targetType: 'Reference' } : given;
    if (spec.type !== 'expression') return { target, spec };
    try {
      return { target, spec, expression: parseEntraExpression(spec.source ?? '') };
    } catch (error) {
      if (error instanceof EntraExpressionError) throw new EntraMappingError(`mapping ${target}: ${error.message}`);
      throw error;
    }
  });
}

/** Matching attributes in precedence order (E-ATTR: each is queried in turn until one matches). */
export function matchingMappings(mappings: readonly CompiledMapping[]): CompiledMapping[] {
  return mappings.filter((m) => m.spec.matchingPrecedence !== undefined).sort((a, b) => a.spec.matchingPrecedence! - b.spec.matchingPrecedence!);
}

/**
 * The value a mapping sends, or undefined when it sends nothing: an "Only during object creation"
 * mapping on an update, IgnoreFlowIfNullOrEmpty, and null or empty values ("can't provision null
 * attributes", E-KI, so clearing an attribute in Entra never reaches the target, research §2.8 #9).
 * "Default value if null" fills in on create only (E-ATTR).
 */
export function evaluateMapping(mapping: CompiledMapping, inputs: MappingInputs, phase: 'create' | 'update'): string | string[] | undefined {
  const { spec } = mapping;
  if (phase === 'update' && spec.apply === 'onCreate') return undefined;
  let value: EntraValue | undefined;
  switch (spec.type) {
    case 'direct':
      value = inputs.attribute(spec.source ?? '') ?? null;
      break;
    case 'constant':
      value = spec.source ?? null;
      break;
    case 'expression': {
      const result = mapping.expression!.evaluate(inputs);
      if (result.ignoreFlow) return undefined;
      value = result.value;
      break;
    }
    case 'none':
      value = null;
      break;
  }
  // research silent: whether an empty string counts as null for "Default value if null" and for the flow; treated as null.
  const empty = value === null || value === '' || (Array.isArray(value) && value.length === 0);
  if (empty && phase === 'create' && spec.defaultIfNull !== undefined) return spec.defaultIfNull;
  return empty ? undefined : (value as string | string[]);
}

/** Whether the provisioning logs show this mapping's values as `[Redact]` (the Redact function, E-FUNC). */
export function isRedacted(mapping: CompiledMapping | undefined): boolean {
  const uses = (node: EntraNode): boolean => node.kind === 'call' && (node.name === 'Redact' || node.args.some(uses));
  return mapping?.expression !== undefined && uses(mapping.expression.ast);
}
