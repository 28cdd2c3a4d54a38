import { invariantLower, invariantUpper, properCase, titleCase } from './casing.js';
import { normalizeDiacritics } from './diacritics.js';
import type { Argument, EntraFunction, FunctionScope } from './function-types.js';
import { asList, describe, fail, integer, required, single, textFunction } from './values.js';

/** ToLower/ToUpper: the invariant culture unless one is named (RFC 4646, e.g. "tr-TR"). */
function casing(invariant: (text: string) => string, cultural: (text: string, culture: string) => string): EntraFunction {
  return {
    params: '(source, [culture])',
    minArgs: 1,
    maxArgs: 2,
    optional: [1],
    evaluate: ([source, cultureArg], scope) => {
      const text = single(source!, scope, 'source');
      const culture = cultureArg ? single(cultureArg, scope, 'culture') : null;
      if (text === null) return null;
      if (culture === null || culture === '') return invariant(text);
      try {
        return cultural(text, culture);
      } catch {
        return fail(scope.call, `unknown culture ${describe(culture)}`, 'write a culture name such as "en-US" or "tr-TR"');
      }
    },
  };
}

function optionalInteger(arg: Argument | undefined, scope: FunctionScope, param: string, fallback: number): number {
  return arg === undefined || arg.value() === null ? fallback : integer(arg, scope, param);
}

/** InStr's compareType: the constants evaluate to VBA's values, vbBinaryCompare 0 and vbTextCompare 1. */
function textCompare(arg: Argument | undefined, scope: FunctionScope): boolean {
  const value = arg === undefined ? null : single(arg, scope, 'compareType');
  if (value === null || value === '0') return false;
  if (value === '1') return true;
  return fail(scope.call, `compareType must be vbTextCompare or vbBinaryCompare but got ${describe(value)}`);
}

/** Building, cutting and re-casing strings. */
export const TEXT_FUNCTIONS: Record<string, EntraFunction> = {
  Append: {
    params: '(source, suffix)',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([source, suffix], scope) => {
      const head = single(source!, scope, 'source');
      const tail = single(suffix!, scope, 'suffix');
      // research silent on null: VBA's & joins Null as "", and Null & Null stays Null.
      return head === null && tail === null ? null : (head ?? '') + (tail ?? '');
    },
  },
  Join: {
    params: '(separator, source1, source2, …)',
    minArgs: 2,
    maxArgs: Infinity,
    evaluate: ([separator, ...sources], scope) => {
      const glue = single(separator!, scope, 'separator') ?? '';
      // Multi-valued sources contribute every value (E-FUNC). Null and empty values are skipped:
      // the docs' Join(", ", "", [surname], [givenName]) gives "Doe, John", not ", Doe, John".
      return sources.flatMap((source) => asList(source.value())).filter((value) => value !== '').join(glue);
    },
  },
  Left: {
    params: '(String, NumChars)',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([source, count], scope) => {
      const text = single(source!, scope, 'String');
      const chars = integer(count!, scope, 'NumChars');
      // E-FUNC: null → "", 0 → "", negative → the whole string, more than its length → the whole string.
      if (text === null) return '';
      return chars < 0 ? text : text.slice(0, chars);
    },
  },
  Mid: {
    params: '(source, start, length)',
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([source, startArg, lengthArg], scope) => {
      const text = single(source!, scope, 'source');
      const start = integer(startArg!, scope, 'start');
      const length = integer(lengthArg!, scope, 'length');
      // research silent on the edges: VBA's Mid, where Null stays Null and a start below 1 or a
      // negative length is an invalid call. A length past the end clamps (E-FUNC).
      if (start < 1) return fail(scope.call, `start must be 1 or more (the first character is 1) but got ${start}`);
      if (length < 0) return fail(scope.call, `length must not be negative but got ${length}`);
      return text === null ? null : text.slice(start - 1, start - 1 + length);
    },
  },
  Word: {
    params: '(String, WordNumber, Delimiters)',
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([source, numberArg, delimitersArg], scope) => {
      const text = single(source!, scope, 'String');
      const number = integer(numberArg!, scope, 'WordNumber');
      const delimiters = single(delimitersArg!, scope, 'Delimiters') ?? '';
      if (text === null || number < 1) return '';
      // research silent on adjacent delimiters: they delimit no empty word ("a,,b" has 2 words).
      const words: string[] = [];
      let word = '';
      for (const char of text) {
        if (delimiters.includes(char)) {
          if (word !== '') words.push(word);
          word = '';
        } else word += char;
      }
      if (word !== '') words.push(word);
      return words[number - 1] ?? '';
    },
  },
  InStr: {
    params: '(value1, value2, [start], [compareType])',
    minArgs: 2,
    maxArgs: 4,
    optional: [2, 3],
    evaluate: ([value1, value2, startArg, compareArg], scope) => {
      const haystack = single(value1!, scope, 'value1');
      const needle = single(value2!, scope, 'value2');
      const start = optionalInteger(startArg, scope, 'start', 1);
      const ignoreCase = textCompare(compareArg, scope);
      if (start < 1) return fail(scope.call, `start must be 1 or more (the first character is 1) but got ${start}`);
      // research silent on the edges: VBA's InStr (Null in → Null, "" sought → start, not found → 0).
      if (haystack === null || needle === null) return null;
      if (needle === '') return String(start);
      const fold = ignoreCase ? invariantLower : (text: string) => text;
      return String(fold(haystack).indexOf(fold(needle), start - 1) + 1);
    },
  },
  Split: {
    params: '(source, delimiter)',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([source, delimiterArg], scope) => {
      const text = single(source!, scope, 'source');
      const delimiter = required(delimiterArg!, scope, 'delimiter');
      // research silent: null or "" splits into no values (an absent multi-valued attribute).
      if (text === null || text === '') return null;
      // research silent on spaces: the docs' example splits "PermissionSetOne, PermissionSetTwo"
      // on "," into ["PermissionSetOne", "PermissionSetTwo"], so values are trimmed.
      return (delimiter === '' ? [text] : text.split(delimiter)).map((part) => part.trim());
    },
  },
  StripSpaces: textFunction('source', (text) => text.replaceAll(' ', '')), // only " " (E-FUNC), not tabs
  NormalizeDiacritics: textFunction('source', normalizeDiacritics),
  PCase: {
    params: '(source, [wordSeparators])',
    minArgs: 1,
    maxArgs: 2,
    optional: [1],
    evaluate: ([source, separatorsArg], scope) => {
      const text = single(source!, scope, 'source');
      const separators = separatorsArg ? single(separatorsArg, scope, 'wordSeparators') : null;
      if (text === null) return null;
      // research silent on "" separators: treated as not given.
      return separators === null || separators === '' ? titleCase(text) : properCase(text, separators);
    },
  },
  ToLower: casing(invariantLower, (text, culture) => text.toLocaleLowerCase(culture)),
  ToUpper: casing(invariantUpper, (text, culture) => text.toLocaleUpperCase(culture)),
};
