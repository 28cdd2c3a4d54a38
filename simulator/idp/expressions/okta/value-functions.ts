import type { OktaFunction } from './function-types.js';
import { asList, describeType, fail, type Argument } from './values.js';

function toNumber(arg: Argument, fn: string): number | null {
  const { value } = arg;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim());
    if (Number.isFinite(parsed)) return parsed;
  }
  return fail(arg.node, `${fn} cannot convert ${describeType(value)} ${JSON.stringify(value)} to a number`);
}

function arrayFunction(apply: (items: unknown[], args: Argument[]) => unknown, extra = ''): OktaFunction {
  const count = extra === '' ? 1 : 2;
  return {
    params: `(array${extra})`,
    minArgs: count,
    maxArgs: count,
    // research silent on null arrays: an absent attribute is an empty array.
    call: (args) => apply(asList(args[0]!.value), args),
  };
}

/** `Convert.*` and the cheap part of `Arrays.*` (research §1.11). */
export const VALUE_FUNCTIONS: Record<string, OktaFunction> = {
  'Convert.toInt': {
    params: '(value)',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => {
      const number = toNumber(value!, 'Convert.toInt');
      // Rounds (research §1.11); half up like Java's Math.round. research silent on strings:
      // numeric strings are parsed and rounded too.
      return number === null ? null : Math.round(number);
    },
  },
  'Convert.toNum': {
    params: '(value)',
    minArgs: 1,
    maxArgs: 1,
    call: ([value]) => toNumber(value!, 'Convert.toNum'),
  },
  'Arrays.contains': arrayFunction((items, args) => items.includes(args[1]!.value), ', value'),
  'Arrays.size': arrayFunction((items) => items.length),
  'Arrays.isEmpty': arrayFunction((items) => items.length === 0),
};
