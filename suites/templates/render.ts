import { parseTemplate, type TemplateFilter, type TemplatePlaceholder } from './parse.js';

/** A placeholder whose name the lookup does not know (or knows as `undefined`). */
export class UnresolvedPlaceholderError extends Error {
  constructor(readonly placeholder: string) {
    super(`unresolved placeholder '{{${placeholder}}}'`);
    this.name = 'UnresolvedPlaceholderError';
  }
}

/**
 * Deep-copies `value`, replacing every placeholder in its strings (object keys included).
 * A string that is exactly one placeholder without filters keeps the looked-up value's type;
 * anywhere else values are stringified (objects as JSON). Filters apply left to right.
 * Throws `UnresolvedPlaceholderError` for a name the lookup returns `undefined` for.
 */
export function renderTemplate(value: unknown, lookup: (name: string) => unknown | undefined): unknown {
  if (typeof value === 'string') return renderString(value, lookup);
  if (Array.isArray(value)) return value.map((item) => renderTemplate(item, lookup));
  if (isPlainObject(value)) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      copy[stringify(renderString(key, lookup))] = renderTemplate(item, lookup);
    }
    return copy;
  }
  return value;
}

function renderString(text: string, lookup: (name: string) => unknown | undefined): unknown {
  if (!text.includes('{{')) return text;
  const parts = parseTemplate(text);
  const [only] = parts;
  if (parts.length === 1 && only?.kind === 'placeholder' && only.filters.length === 0) {
    return structuredCloneSafe(resolve(only, lookup));
  }
  return parts.map((part) => (part.kind === 'text' ? part.text : stringify(resolve(part, lookup)))).join('');
}

function resolve(placeholder: TemplatePlaceholder, lookup: (name: string) => unknown | undefined): unknown {
  const found = lookup(placeholder.name);
  if (found === undefined) throw new UnresolvedPlaceholderError(placeholder.name);
  return placeholder.filters.reduce<unknown>((current, filter) => applyFilter(filter, current), found);
}

function applyFilter(filter: TemplateFilter, value: unknown): string {
  const text = stringify(value);
  switch (filter) {
    case 'upper':
      return text.toUpperCase();
    case 'lower':
      return text.toLowerCase();
    case 'urlencode':
      return encodeURIComponent(text);
  }
}

/** How a value reads inside a larger string: text as is, objects and lists as JSON. */
function stringify(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return String(value);
  return JSON.stringify(value);
}

function structuredCloneSafe(value: unknown): unknown {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
