import type { EntraFunction } from './function-types.js';
import { FALSE, TRUE, bigInteger, describe, fail, fromBoolean, isDecimal, isNullOrEmpty, parseBoolean, single, textFunction, type EntraValue } from './values.js';

function test(predicate: (value: EntraValue) => boolean): EntraFunction {
  return { params: '(expression)', minArgs: 1, maxArgs: 1, evaluate: ([expression]) => fromBoolean(predicate(expression!.value())) };
}

/** Conversions, tests and encodings of one value. */
export const VALUE_FUNCTIONS: Record<string, EntraFunction> = {
  BitAnd: {
    params: '(value1, value2)',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([first, second], scope) => (bigInteger(first!, scope, 'value1') & bigInteger(second!, scope, 'value2')).toString(),
  },
  CBool: {
    params: '(expression)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([expression], scope) => {
      const value = single(expression!, scope, 'expression');
      // research silent on null: .NET Convert.ToBoolean(null) is false.
      if (value === null) return FALSE;
      const bool = parseBoolean(value);
      if (bool !== undefined) return fromBoolean(bool);
      if (isDecimal(value)) return fromBoolean(Number(value) !== 0); // non-zero → True (E-FUNC)
      return fail(scope.call, `cannot convert ${describe(value)} to a boolean`, 'pass a number, "True"/"False", or a comparison');
    },
  },
  // research silent on null: CStr keeps an absent value absent rather than inventing "".
  CStr: textFunction('value', (text) => text),
  Not: {
    params: '(source)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([source], scope) => {
      const value = single(source!, scope, 'source');
      // Anything other than True (E-FUNC), null included. research silent on case: "true" counts
      // as True, as .NET Boolean.TryParse reads it.
      return value !== null && parseBoolean(value) === true ? FALSE : TRUE;
    },
  },
  IsNull: test((value) => value === null),
  IsNullOrEmpty: test(isNullOrEmpty),
  IsPresent: test((value) => !isNullOrEmpty(value)),
  // research silent on what is not a string: null and multi-valued lists; every single value is
  // a string in Entra's model (numbers and booleans included).
  IsString: test((value) => typeof value === 'string'),
  // Only the provisioning logs change (they show "[Redact]"); the value flows unchanged.
  Redact: { params: '(value)', minArgs: 1, maxArgs: 1, evaluate: ([value]) => value!.value() },
  // "Unicode base64" is .NET's Encoding.Unicode: UTF-16 little-endian (E-FUNC).
  ConvertToBase64: textFunction('source', (text) => Buffer.from(text, 'utf16le').toString('base64')),
  ConvertToUTF8Hex: textFunction('source', (text) => Buffer.from(text, 'utf8').toString('hex').toUpperCase()),
};
