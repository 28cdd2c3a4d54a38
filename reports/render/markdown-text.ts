import { oneLine, printable } from './printable.js';

/**
 * Text for GitHub-flavoured Markdown, which also renders inline HTML: `<`, `>` and `&` become
 * entities, pipes are escaped (they end table cells), and Markdown's punctuation loses its meaning.
 */
export function mdText(text: string): string {
  return oneLine(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** An inline code span that survives backticks in the text (CommonMark: a longer fence). */
export function mdCode(text: string): string {
  const line = oneLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/** A fenced block for multi-line text, its fence longer than any backtick run inside. */
export function mdBlock(lines: string[]): string[] {
  const text = lines.map((l) => printable(l)).join('\n');
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}text`, ...text.split('\n'), fence];
}

/** A table; cells are already Markdown (escape with mdText or mdCode). */
export function mdTable(header: string[], rows: string[][], align?: Array<'left' | 'right'>): string[] {
  const rule = header.map((_, i) => (align?.[i] === 'right' ? '---:' : '---'));
  return [header, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`);
}
