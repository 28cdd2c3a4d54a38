/**
 * Reading attribute values out of a JSON resource: attribute names are case-insensitive
 * (RFC 7643 §2.1), so a key is found exactly first and case-insensitively second.
 */

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `object[name]` with a case-insensitive key match; undefined when absent or not an object. */
export function getIgnoreCase(object: unknown, name: string): unknown {
  if (!isPlainObject(object)) return undefined;
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  return undefined;
}

/** The key of `object` that matches `name` case-insensitively, if any. */
export function keyIgnoreCase(object: Record<string, unknown>, name: string): string | undefined {
  if (Object.hasOwn(object, name)) return name;
  const lower = name.toLowerCase();
  return Object.keys(object).find((key) => key.toLowerCase() === lower);
}

/** A value as a list: arrays as they are, null/undefined as [], anything else as [value]. */
export function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/**
 * RFC 7644 §3.4.2.2 `pr`: "has a non-empty value, or if it contains a non-empty node for
 * complex attributes". Null, "", [] and objects whose members are all empty are empty.
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isPlainObject(value)) return Object.values(value).some(isPresent);
  return true;
}
