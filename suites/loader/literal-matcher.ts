import type { Level, Matcher } from '../model/scenario.js';

/** A mapping is a matcher; anything else (scalar, list, null) is compared exactly. */
export function toMatcher(value: unknown): Matcher & { level?: Level } {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ...(value as Matcher) };
  return { equals: value };
}

/** A matcher may carry its own `level`, which is not a value test. */
export function splitLevel(matcher: Matcher & { level?: Level }): { matcher: Matcher; level?: Level } {
  const { level, ...rest } = matcher;
  return { matcher: rest, level };
}
