import type { CallNode } from './ast.js';
import { EntraExpressionError } from './errors.js';
import type { Argument, EntraFunction, FunctionScope } from './function-types.js';

/** Entra attribute values: strings (booleans are "True"/"False", numbers are decimal strings), multi-valued string lists, or null (absent). */
export type EntraValue = string | string[] | null;

export const TRUE = 'True';
export const FALSE = 'False';

export function fromBoolean(value: boolean): string {
  return value ? TRUE : FALSE;
}

/** Evaluation errors point at the call's name, and the reason starts with it. */
export function fail(call: CallNode, reason: string, hint?: string): never {
  throw new EntraExpressionError(`${call.name}: ${reason}`, call.position, call.nameLength, hint);
}

export function describe(value: EntraValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a multi-valued list of ${value.length}`;
  return JSON.stringify(value);
}

/** Absent, `""`, or a list with no values. */
export function isNullOrEmpty(value: EntraValue): boolean {
  return value === null || value.length === 0;
}

/** A value as a list of values: null is none, a string is one. */
export function asList(value: EntraValue): string[] {
  if (value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * A single-valued argument. research silent on lists passed where a string is expected: refused
 * rather than guessing which value Entra would pick.
 */
export function single(arg: Argument, scope: FunctionScope, param: string): string | null {
  const value = arg.value();
  if (Array.isArray(value)) return fail(scope.call, `${param} must be a single value but got ${describe(value)}`);
  return value;
}

/** A single value that must be present (separators, patterns, format strings). */
export function required(arg: Argument, scope: FunctionScope, param: string): string {
  const value = single(arg, scope, param);
  if (value === null) return fail(scope.call, `${param} must be a value but got null`);
  return value;
}

const INTEGER = /^\s*-?\d+\s*$/;
const DECIMAL = /^\s*-?\d+(?:\.\d+)?\s*$/;

export function isDecimal(text: string): boolean {
  return DECIMAL.test(text);
}

/** An integer argument, written as a number literal or held as decimal text. */
export function integer(arg: Argument, scope: FunctionScope, param: string): number {
  const value = single(arg, scope, param);
  if (value === null || !INTEGER.test(value)) return fail(scope.call, `${param} must be an integer but got ${describe(value)}`);
  return Number(value);
}

/** .NET `Boolean.TryParse`: "True"/"False" in any case, surrounding white space ignored. */
export function parseBoolean(text: string): boolean | undefined {
  const word = text.trim().toLowerCase();
  if (word === 'true') return true;
  if (word === 'false') return false;
  return undefined;
}

/** An integer too large for a double, as BitAnd and AD FILETIMEs need. */
export function bigInteger(arg: Argument, scope: FunctionScope, param: string): bigint {
  const value = single(arg, scope, param);
  if (value === null || !INTEGER.test(value)) return fail(scope.call, `${param} must be an integer but got ${describe(value)}`);
  return BigInt(value.trim());
}

/** A function of one single-valued string that keeps an absent value absent. */
export function textFunction(param: string, apply: (text: string) => string): EntraFunction {
  return {
    params: `(${param})`,
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([arg], scope) => {
      const text = single(arg!, scope, param);
      return text === null ? null : apply(text);
    },
  };
}
