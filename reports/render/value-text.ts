import { printable } from './printable.js';

/** Values this long or shorter (on one line) are written inline after their label. */
const INLINE_MAX = 60;

/**
 * An expected/actual value as text: `inline` when it fits on the label's line, otherwise `block`
 * lines (pretty JSON, or a multi-line string as is) to indent under the label.
 */
export function formatValue(value: unknown): { inline: string } | { block: string[] } {
  if (value === undefined) return { inline: '(absent)' };
  if (typeof value === 'string' && value.includes('\n')) return { block: printable(value).split('\n') };
  const compact = printable(stringify(value, 0));
  if (compact.length <= INLINE_MAX) return { inline: compact };
  const pretty = printable(stringify(value, 2));
  return { block: pretty.split('\n') };
}

/** `label value` or `label` followed by the value's lines indented by `indent` spaces. */
export function labelledValue(label: string, value: unknown, indent = 2): string[] {
  const text = formatValue(value);
  if ('inline' in text) return [`${label} ${text.inline}`];
  const pad = ' '.repeat(indent);
  return [label, ...text.block.map((line) => pad + line)];
}

function stringify(value: unknown, space: number): string {
  try {
    const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), space);
    return json ?? String(value);
  } catch {
    // Cyclic or otherwise unserialisable: still show something rather than crash the report.
    return String(value);
  }
}
