import { stripVTControlCharacters } from 'node:util';

/**
 * Makes text from the target safe to print: ANSI sequences removed, CRLF → LF, and any other control
 * character shown as `\uXXXX`, so a response body cannot move the cursor or corrupt the live view.
 */
export function printable(text: string): string {
  return stripVTControlCharacters(text)
    .replace(/\r\n/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Prefixes every line with `by` spaces (empty lines stay empty, no trailing blanks). */
export function indentLines(lines: string[], by: number): string[] {
  const pad = ' '.repeat(by);
  return lines.map((line) => (line === '' ? '' : pad + line));
}

/** `12 ms`, `1.23 s`, `2m 05s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const total = Math.round(ms / 1000);
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
}

/** `printable`, then line breaks folded to spaces: for titles shown on a single line. */
export function oneLine(text: string): string {
  return printable(text).replace(/\s*\n\s*/g, ' ');
}
