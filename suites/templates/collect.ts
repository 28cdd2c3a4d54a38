import { parseTemplate, type TemplatePlaceholder } from './parse.js';

/** A placeholder found in a JSON value, with the string it was found in. */
export interface CollectedPlaceholder extends TemplatePlaceholder {
  /** The string (value or object key) that holds the placeholder. */
  text: string;
}

/**
 * Every placeholder in the strings of `value` (object keys included), in document order.
 * Throws `TemplateSyntaxError` for a malformed string.
 */
export function collectPlaceholders(value: unknown): CollectedPlaceholder[] {
  const found: CollectedPlaceholder[] = [];
  walk(value, found);
  return found;
}

function walk(value: unknown, found: CollectedPlaceholder[]): void {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return;
    for (const part of parseTemplate(value)) {
      if (part.kind === 'placeholder') found.push({ ...part, text: value });
    }
  } else if (Array.isArray(value)) {
    for (const item of value) walk(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      walk(key, found);
      walk(item, found);
    }
  }
}
