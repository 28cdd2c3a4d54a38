/**
 * The placeholder language: `{{ name }}` or `{{ name | filter | filter }}` inside any string.
 * Shared by the loader (static checks) and the engine (rendering), so both read a string the same way.
 */

/** Filters a placeholder may apply, in order, to its value. */
export const TEMPLATE_FILTERS = ['upper', 'lower', 'urlencode'] as const;
export type TemplateFilter = (typeof TEMPLATE_FILTERS)[number];

/** Names every scenario can use without defining them. */
export const BUILTIN_PLACEHOLDERS = ['target.url'] as const;

/** A piece of a template string; offsets are UTF-16 indexes into the parsed text, `end` exclusive. */
export type TemplatePart =
  | { kind: 'text'; text: string; start: number; end: number }
  | {
      kind: 'placeholder';
      name: string;
      filters: TemplateFilter[];
      /** Offset of the opening `{{`. */
      start: number;
      /** Offset just after the closing `}}`. */
      end: number;
      /** Offset of the first character of `name`. */
      nameStart: number;
    };

export type TemplatePlaceholder = Extract<TemplatePart, { kind: 'placeholder' }>;

/** A malformed placeholder; `start`/`end` delimit the offending text. */
export class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
    /** Set when the problem is a filter name that does not exist. */
    readonly unknownFilter?: string,
  ) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Whether `name` is a valid placeholder name (`email`, `target.url`). */
export function isPlaceholderName(name: string): boolean {
  return NAME.test(name);
}

/**
 * Splits `text` into literal text and placeholders. A `}}` outside a placeholder is literal text
 * (JSON in a raw body often ends with it); an unclosed `{{`, an empty or malformed name and an
 * unknown filter throw a `TemplateSyntaxError`.
 */
export function parseTemplate(text: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let cursor = 0;
  while (cursor < text.length) {
    const open = text.indexOf('{{', cursor);
    if (open < 0) break;
    if (open > cursor) parts.push({ kind: 'text', text: text.slice(cursor, open), start: cursor, end: open });
    const close = text.indexOf('}}', open + 2);
    const nextOpen = text.indexOf('{{', open + 2);
    if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
      throw new TemplateSyntaxError("unclosed placeholder: '{{' without a matching '}}'", open, open + 2);
    }
    parts.push(parsePlaceholder(text, open, close));
    cursor = close + 2;
  }
  if (cursor < text.length) parts.push({ kind: 'text', text: text.slice(cursor), start: cursor, end: text.length });
  return parts;
}

function parsePlaceholder(text: string, open: number, close: number): TemplatePlaceholder {
  const inner = text.slice(open + 2, close);
  const segments = splitWithOffsets(inner, '|', open + 2);
  const [head, ...filterSegments] = segments;
  if (!head || head.text === '') {
    const message = inner.trim() === '' ? 'empty placeholder: write a name between {{ and }}' : 'placeholder has no name before the first |';
    throw new TemplateSyntaxError(message, open, close + 2);
  }
  if (!isPlaceholderName(head.text)) {
    throw new TemplateSyntaxError(
      `'${head.text}' is not a valid placeholder name (letters, digits and _, parts separated by dots)`,
      head.start,
      head.start + head.text.length,
    );
  }
  const filters: TemplateFilter[] = [];
  for (const segment of filterSegments) {
    if (segment.text === '') throw new TemplateSyntaxError("missing filter name after '|'", open, close + 2);
    if (!(TEMPLATE_FILTERS as readonly string[]).includes(segment.text)) {
      throw new TemplateSyntaxError(
        `unknown filter '${segment.text}'`,
        segment.start,
        segment.start + segment.text.length,
        segment.text,
      );
    }
    filters.push(segment.text as TemplateFilter);
  }
  return { kind: 'placeholder', name: head.text, filters, start: open, end: close + 2, nameStart: head.start };
}

/** Splits on `separator`, trimming each piece and keeping the offset of its first non-blank character. */
function splitWithOffsets(text: string, separator: string, base: number): { text: string; start: number }[] {
  const result: { text: string; start: number }[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf(separator, from);
    const raw = text.slice(from, at < 0 ? text.length : at);
    const lead = raw.length - raw.trimStart().length;
    result.push({ text: raw.trim(), start: base + from + lead });
    if (at < 0) return result;
    from = at + separator.length;
  }
}
