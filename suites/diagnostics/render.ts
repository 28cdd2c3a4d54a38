import pc from 'picocolors';
import type { Diagnostic } from './diagnostic.js';

/** Source lines longer than this are shown as a window around the caret. */
const MAX_EXCERPT = 120;

/**
 * Renders a diagnostic as clang does, with Hurl's excerpt: a headline that starts with
 * `file:line:col:` (terminals and editors make it a link; CI logs grep for it), the source line
 * and a caret under the offending span. `source` is the whole file text; when the line is not in
 * it, only the headline is printed.
 */
export function renderDiagnostic(d: Diagnostic, source: string, options: { color: boolean }): string {
  const c = pc.createColors(options.color);
  const { file, line, col } = d.location;
  const tone = d.severity === 'error' ? c.red : c.yellow;
  const hint = d.hint ? ` (${d.hint})` : '';
  const headline = `${c.bold(`${file}:${line}:${col}:`)} ${c.bold(tone(d.severity))}${c.bold(`: ${d.message}${hint}`)}`;
  const gutterWidth = String(line).length;
  const pad = ' '.repeat(gutterWidth);
  const text = sourceLine(source, line);
  if (text === undefined) return headline;

  const expanded = expandTabs(text);
  const start = visualColumn(text, col);
  const spanEnd = d.location.endLine === undefined || d.location.endLine === line ? d.location.endCol : undefined;
  const end = spanEnd !== undefined && spanEnd > col ? visualColumn(text, spanEnd) : undefined;
  const width = Math.max(1, end !== undefined ? end - start : multiLineWidth(d, expanded, start));
  const window = excerptWindow(expanded, start, width);
  const bar = c.blue('|');
  return [
    headline,
    `${pad} ${bar}`,
    `${c.blue(String(line))} ${bar} ${window.text}`,
    `${pad} ${bar} ${' '.repeat(window.caretAt)}${tone('^'.repeat(window.caretWidth))}`,
  ].join('\n');
}

/** A span that runs past its first line is underlined to the end of that line. */
function multiLineWidth(d: Diagnostic, expanded: string, start: number): number {
  if (d.location.endLine !== undefined && d.location.endLine > d.location.line) return expanded.length - start;
  return 1;
}

function sourceLine(source: string, line: number): string | undefined {
  if (line < 1) return undefined;
  let from = 0;
  for (let current = 1; current < line; current += 1) {
    const next = source.indexOf('\n', from);
    if (next < 0) return undefined;
    from = next + 1;
  }
  if (from > source.length) return undefined;
  const newline = source.indexOf('\n', from);
  const text = source.slice(from, newline < 0 ? source.length : newline).replace(/\r$/, '');
  return sanitize(text);
}

/** Control characters would move the cursor or recolour the terminal: show them as U+FFFD. */
function sanitize(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '\uFFFD');
}

function expandTabs(text: string): string {
  return text.replace(/\t/g, '    ');
}

/** 0-based display column of the 1-based source column `col`, with tabs expanded to 4 spaces. */
function visualColumn(text: string, col: number): number {
  const before = text.slice(0, Math.max(0, col - 1));
  return expandTabs(before).length + Math.max(0, col - 1 - before.length);
}

function excerptWindow(text: string, start: number, width: number): { text: string; caretAt: number; caretWidth: number } {
  if (text.length <= MAX_EXCERPT && start + width <= MAX_EXCERPT + 1) {
    return { text, caretAt: start, caretWidth: width };
  }
  const from = Math.max(0, start - 40);
  const to = Math.min(text.length, from + MAX_EXCERPT);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const caretAt = start - from + prefix.length;
  const caretWidth = Math.max(1, Math.min(width, to - start));
  return { text: `${prefix}${text.slice(from, to)}${suffix}`, caretAt, caretWidth };
}
