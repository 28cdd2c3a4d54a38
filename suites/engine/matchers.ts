import { isDeepStrictEqual } from 'node:util';
import type { Matcher } from '../model/scenario.js';

export interface MatchOutcome {
  passed: boolean;
  /** Why it failed, in words; absent on success. */
  message?: string;
}

const MISSING = 'is missing';

/** Evaluate every key of a matcher against a value (undefined = absent); all must hold. */
export function evaluateMatcher(matcher: Matcher, actual: unknown): MatchOutcome {
  for (const [key, expected] of Object.entries(matcher)) {
    if (expected === undefined) continue;
    const failure = checkOne(key as keyof Matcher, expected, actual);
    if (failure) return { passed: false, message: failure };
  }
  return { passed: true };
}

/** The value a matcher mostly expects, for the `expected` column of a report. */
export function expectedOf(matcher: Matcher): unknown {
  const keys = Object.keys(matcher).filter((k) => matcher[k as keyof Matcher] !== undefined);
  if (keys.length === 1 && keys[0] === 'equals') return matcher.equals;
  return matcher;
}

function checkOne(key: keyof Matcher, expected: unknown, actual: unknown): string | undefined {
  switch (key) {
    case 'equals':
      return isDeepStrictEqual(actual, expected) ? undefined : actual === undefined ? MISSING : `is ${show(actual)}, expected ${show(expected)}`;
    case 'notEquals':
      return isDeepStrictEqual(actual, expected) ? `is ${show(actual)}, expected anything else` : undefined;
    case 'equalsIgnoreCase':
      if (typeof actual !== 'string') return actual === undefined ? MISSING : `is ${show(actual)}, expected a string`;
      return actual.toLowerCase() === String(expected).toLowerCase() ? undefined : `is ${show(actual)}, expected ${show(expected)} (any case)`;
    case 'exists': {
      const present = actual !== undefined && actual !== null;
      if (present === expected) return undefined;
      return expected ? MISSING : `is ${show(actual)}, expected it to be absent`;
    }
    case 'notEmpty':
      return isEmpty(actual) === !expected ? undefined : expected ? (actual === undefined ? MISSING : `is ${show(actual)}, expected a non-empty value`) : `is ${show(actual)}, expected an empty value`;
    case 'empty':
      return isEmpty(actual) === expected ? undefined : expected ? `is ${show(actual)}, expected it empty or absent` : 'is empty or absent';
    case 'contains':
      return contains(actual, expected) ? undefined : actual === undefined ? MISSING : `is ${show(actual)}, expected it to contain ${show(expected)}`;
    case 'notContains':
      return contains(actual, expected) ? `is ${show(actual)}, expected it not to contain ${show(expected)}` : undefined;
    case 'matches':
      if (typeof actual !== 'string') return actual === undefined ? MISSING : `is ${show(actual)}, expected a string matching /${String(expected)}/`;
      try {
        return new RegExp(String(expected)).test(actual) ? undefined : `is ${show(actual)}, expected a match for /${String(expected)}/`;
      } catch (error) {
        return `cannot be tested: ${(error as Error).message}`;
      }
    case 'startsWith':
      if (typeof actual !== 'string') return actual === undefined ? MISSING : `is ${show(actual)}, expected a string`;
      return actual.startsWith(String(expected)) ? undefined : `is ${show(actual)}, expected it to start with ${show(expected)}`;
    case 'oneOf':
      return (expected as unknown[]).some((e) => isDeepStrictEqual(actual, e)) ? undefined : actual === undefined ? MISSING : `is ${show(actual)}, expected one of ${show(expected)}`;
    case 'type':
      return typeOf(actual) === expected || (expected === 'number' && typeOf(actual) === 'integer')
        ? undefined
        : actual === undefined ? MISSING : `is ${show(actual)} (${typeOf(actual)}), expected ${String(expected)}`;
    case 'length':
    case 'minLength':
    case 'maxLength': {
      const len = lengthOf(actual);
      if (len === undefined) return actual === undefined ? MISSING : `is ${show(actual)}, which has no length`;
      const n = expected as number;
      const ok = key === 'length' ? len === n : key === 'minLength' ? len >= n : len <= n;
      const want = key === 'length' ? `exactly ${n}` : key === 'minLength' ? `at least ${n}` : `at most ${n}`;
      return ok ? undefined : `has length ${len}, expected ${want}`;
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      if (typeof actual !== 'number') return actual === undefined ? MISSING : `is ${show(actual)}, expected a number`;
      const n = expected as number;
      const ok = key === 'gt' ? actual > n : key === 'gte' ? actual >= n : key === 'lt' ? actual < n : actual <= n;
      const sign = { gt: '>', gte: '≥', lt: '<', lte: '≤' }[key];
      return ok ? undefined : `is ${actual}, expected ${sign} ${n}`;
    }
    default:
      return `unknown matcher '${String(key)}'`;
  }
}

function isEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

function contains(haystack: unknown, needle: unknown): boolean {
  if (Array.isArray(haystack)) return haystack.some((item) => isDeepStrictEqual(item, needle));
  if (typeof haystack === 'string') return haystack.includes(String(needle));
  return false;
}

function lengthOf(v: unknown): number | undefined {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (v !== null && typeof v === 'object') return Object.keys(v).length;
  return undefined;
}

/** JSON type name, with `integer` for whole numbers. */
export function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (v === undefined) return 'undefined';
  return typeof v;
}

/** Short JSON rendering for messages. */
export function show(v: unknown): string {
  if (v === undefined) return 'absent';
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
