/**
 * Body paths in expectations and captures: `userName`, `name.givenName`, `emails[0].value`,
 * `emails[type eq "work"].value`, `Resources[0].id`, `urn:…:enterprise:2.0:User:employeeNumber`,
 * and `$` for the whole body. Attribute names match exactly first, then case-insensitively
 * (SCIM attribute names are case-insensitive, RFC 7643 §2.1).
 */

/** Decides whether one element of a list matches a bracketed SCIM filter. */
export type ElementFilter = (filter: string, element: unknown) => boolean;

type Segment = { kind: 'name'; name: string } | { kind: 'index'; index: number } | { kind: 'filter'; filter: string };

export class BodyPathError extends Error {}

/** Split a body path into segments; throws BodyPathError with the offending position. */
export function parseBodyPath(path: string): Segment[] {
  const segments: Segment[] = [];
  let i = 0;
  const n = path.length;
  const readName = (): string => {
    const start = i;
    while (i < n && path[i] !== '.' && path[i] !== '[') i++;
    if (i === start) throw new BodyPathError(`empty attribute name at position ${start + 1} of '${path}'`);
    return path.slice(start, i);
  };
  while (i < n) {
    if (path[i] === '[') {
      const close = findClosingBracket(path, i);
      const inner = path.slice(i + 1, close).trim();
      if (inner === '') throw new BodyPathError(`empty [] at position ${i + 1} of '${path}'`);
      segments.push(/^\d+$/.test(inner) ? { kind: 'index', index: Number(inner) } : { kind: 'filter', filter: inner });
      i = close + 1;
      continue;
    }
    if (path[i] === '.') {
      if (segments.length === 0) throw new BodyPathError(`path '${path}' starts with '.'`);
      i++;
    }
    segments.push({ kind: 'name', name: readName() });
  }
  return segments;
}

function findClosingBracket(path: string, open: number): number {
  let inString = false;
  for (let j = open + 1; j < path.length; j++) {
    const c = path[j];
    if (inString) {
      if (c === '\\') j++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === ']') return j;
  }
  throw new BodyPathError(`unclosed '[' at position ${open + 1} of '${path}'`);
}

/**
 * The value at `path` in `body`, or undefined when absent. A filter selects from a list and a
 * name applied to a list maps over it; then one result gives that value, several give a list.
 */
export function selectBodyPath(body: unknown, path: string, filterMatches: ElementFilter): unknown {
  if (path === '$') return body;
  let rest = path;
  let current: unknown = body;
  // URN-qualified: the longest key of the object that prefixes the path names the extension.
  if (/^urn:/i.test(path) && isObject(body)) {
    const key = Object.keys(body)
      .filter((k) => {
        const lower = path.toLowerCase();
        const kl = k.toLowerCase();
        return lower === kl || lower.startsWith(`${kl}:`) || lower.startsWith(`${kl}.`) || lower.startsWith(`${kl}[`);
      })
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) return undefined;
    current = body[key];
    rest = path.slice(key.length).replace(/^[:.]/, '');
    if (rest === '') return current;
  }
  let values: unknown[] = [current];
  // A name applied to a list maps over it (SCIM's `emails.value`), like a filter does.
  let many = false;
  for (const segment of parseBodyPath(rest)) {
    const next: unknown[] = [];
    for (const value of values) {
      if (segment.kind === 'name') {
        if (Array.isArray(value)) many = true;
        for (const v of Array.isArray(value) ? value : [value]) {
          const found = property(v, segment.name);
          if (found !== undefined) next.push(found);
        }
      } else if (segment.kind === 'index') {
        if (Array.isArray(value) && segment.index < value.length) next.push(value[segment.index]);
      } else {
        many = true;
        if (Array.isArray(value)) next.push(...value.filter((el) => filterMatches(segment.filter, el)));
      }
    }
    values = next;
    if (values.length === 0) return undefined;
  }
  if (!many) return values[0];
  return values.length === 1 ? values[0] : values;
}

function property(value: unknown, name: string): unknown {
  if (!isObject(value)) return undefined;
  if (Object.hasOwn(value, name)) return value[name];
  const lower = name.toLowerCase();
  const key = Object.keys(value).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : value[key];
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
