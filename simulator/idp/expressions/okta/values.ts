import type { OktaNode } from './ast.js';
import { OktaExpressionError } from './errors.js';

/** An evaluated function argument, with the node it came from so a bad value can be pointed at. */
export interface Argument {
  value: unknown;
  node: OktaNode;
}

export function fail(node: OktaNode, reason: string, hint?: string): never {
  throw new OktaExpressionError(reason, node.position, node.length, hint);
}

export function describeType(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * A string argument. research silent on non-string inputs: SpEL converts numbers and Booleans to
 * their string form, and Okta's string helpers are null-safe (null in, null out), so we do both.
 */
export function asText(arg: Argument, fn: string): string | null {
  const { value } = arg;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return fail(arg.node, `${fn} expects a string but got ${describeType(value)}`);
}

/** Like `asText`, for arguments where null has no sensible meaning (separators, patterns, keys). */
export function asRequiredText(arg: Argument, fn: string): string {
  const text = asText(arg, fn);
  if (text === null) return fail(arg.node, `${fn} expects a string but got null`);
  return text;
}

export function asInteger(arg: Argument, fn: string): number {
  const { value } = arg;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    return fail(arg.node, `${fn} expects an integer but got ${describeType(value)}${typeof value === 'number' ? ` ${value}` : ''}`);
  }
  return value;
}

/**
 * A condition operand. research silent: SpEL refuses to convert null (or a non-Boolean) to a
 * Boolean in `?:`, `AND`, `OR` and `!`, and Okta reports the mapping as failed, so we throw
 * rather than guess false.
 */
export function asBoolean(value: unknown, node: OktaNode, role: string): boolean {
  if (typeof value === 'boolean') return value;
  return fail(node, `${role} must be a Boolean but evaluated to ${describeType(value)}`, 'compare explicitly, e.g. user.attr == "value"');
}

/** Java's `String.valueOf`, as SpEL's `+` uses it: null concatenates as the text "null". */
export function javaString(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`;
  return String(value);
}

/** A value used as a list: arrays as they are, null as empty, anything else as a one-element list. */
export function asList(value: unknown): unknown[] {
  if (value === null || value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
