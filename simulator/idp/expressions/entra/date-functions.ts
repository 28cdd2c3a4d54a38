import type { CallNode } from './ast.js';
import { addInterval, diffInterval, fromFileTime, INTERVALS, isInterval, parseDate, renderDate, toFileTime, type Interval } from './dates.js';
import { formatDotnetDate, parseDotnetDate } from './dotnet-date-format.js';
import { EntraExpressionError } from './errors.js';
import type { Argument, EntraFunction, FunctionScope } from './function-types.js';
import { bigInteger, describe, fail, integer, required, single } from './values.js';

/** Run date arithmetic or formatting, turning a RangeError (bad format, date out of range) into the call's error. */
function dated<T>(scope: FunctionScope, work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof RangeError) return fail(scope.call, error.message);
    throw error;
  }
}

/**
 * A DateTime argument. The docs wrap date strings in CDate, but every Entra DateTime is itself a
 * string (`M/d/yyyy h:mm:ss tt`), so any string CDate reads is accepted.
 */
function dateArgument(arg: Argument, scope: FunctionScope, param: string): Date | null {
  const text = single(arg, scope, param);
  if (text === null) return null;
  const date = parseDate(text);
  if (date === undefined) {
    return fail(scope.call, `${param} ${describe(text)} is not a date/time`, 'write ISO 8601 such as "2021-06-30T08:00:00Z", or M/d/yyyy h:mm:ss tt');
  }
  return date;
}

const INTERVAL_HINT = `one of ${INTERVALS.map((interval) => `"${interval}"`).join(', ')}`;

function intervalArgument(arg: Argument, scope: FunctionScope): Interval {
  const text = required(arg, scope, 'interval');
  if (!isInterval(text)) return fail(scope.call, `unknown interval ${describe(text)}`, INTERVAL_HINT);
  return text;
}

/** A literal interval is checked when the expression is parsed. */
function checkInterval(call: CallNode): void {
  const [interval] = call.args;
  if (interval?.kind === 'string' && !isInterval(interval.value)) {
    throw new EntraExpressionError(`${call.name}: unknown interval ${JSON.stringify(interval.value)}`, interval.position, interval.length, INTERVAL_HINT);
  }
}

/** Literal format strings are checked when the expression is parsed. */
function checkFormats(call: CallNode): void {
  for (const format of call.args.slice(2)) {
    if (format.kind !== 'string') continue;
    try {
      formatDotnetDate(new Date(0), format.value);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      throw new EntraExpressionError(`${call.name}: ${error.message}`, format.position, format.length);
    }
  }
}

/** Dates: every DateTime result is a UTC string in `M/d/yyyy h:mm:ss tt` (E-FUNC). */
export const DATE_FUNCTIONS: Record<string, EntraFunction> = {
  CDate: {
    params: '(expression)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([expression], scope) => {
      const date = dateArgument(expression!, scope, 'expression');
      return date === null ? null : dated(scope, () => renderDate(date));
    },
  },
  Now: { params: '()', minArgs: 0, maxArgs: 0, evaluate: (_, scope) => dated(scope, () => renderDate(scope.now())) },
  DateAdd: {
    params: '(interval, value, dateTime)',
    minArgs: 3,
    maxArgs: 3,
    check: checkInterval,
    evaluate: ([intervalArg, valueArg, dateArg], scope) => {
      const interval = intervalArgument(intervalArg!, scope);
      // research silent on fractions: VBA rounds them; scimsim asks for whole units.
      const amount = integer(valueArg!, scope, 'value');
      const date = dateArgument(dateArg!, scope, 'dateTime');
      return date === null ? null : dated(scope, () => renderDate(addInterval(date, interval, amount)));
    },
  },
  DateDiff: {
    params: '(interval, date1, date2)',
    minArgs: 3,
    maxArgs: 3,
    check: checkInterval,
    evaluate: ([intervalArg, firstArg, secondArg], scope) => {
      const interval = intervalArgument(intervalArg!, scope);
      const first = dateArgument(firstArg!, scope, 'date1');
      const second = dateArgument(secondArg!, scope, 'date2');
      // Positive when date2 is later (E-FUNC). research silent on a null date: the result is null.
      return first === null || second === null ? null : String(diffInterval(interval, first, second));
    },
  },
  DateFromNum: {
    params: '(value)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([value], scope) => {
      if (value!.value() === null) return null;
      const ticks = bigInteger(value!, scope, 'value');
      return dated(scope, () => renderDate(fromFileTime(ticks)));
    },
  },
  NumFromDate: {
    params: '(value)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([value], scope) => {
      const date = dateArgument(value!, scope, 'value');
      if (date === null) return null;
      const ticks = toFileTime(date);
      if (ticks < 0n) return fail(scope.call, 'Active Directory dates start in 1601');
      return ticks.toString();
    },
  },
  FormatDateTime: {
    params: '(source, [dateTimeStyles], inputFormat, outputFormat)',
    minArgs: 4,
    maxArgs: 4,
    optional: [1],
    check: checkFormats,
    evaluate: ([source, styles, inputFormat, outputFormat], scope) => {
      const text = single(source!, scope, 'source');
      // research silent on dateTimeStyles: accepted and not applied. Entra's default already
      // allows surrounding white space, and every value here is UTC.
      single(styles!, scope, 'dateTimeStyles');
      const input = required(inputFormat!, scope, 'inputFormat');
      const output = required(outputFormat!, scope, 'outputFormat');
      return text === null ? null : dated(scope, () => formatDotnetDate(parseDotnetDate(text, input), output));
    },
  },
};
