import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnosticLine, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { sortDiagnostics } from '../loader/sort-diagnostics.js';
import { Locator } from '../loader/locate.js';
import type { Baseline } from './baseline-file.js';
import { checkBaselineData } from './check-baseline.js';
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';

/**
 * A baseline file that cannot be used: each problem as a `file:line:col` diagnostic (the CLI prints
 * them and exits 2). `missing` tells a file that does not exist, which `--update-baseline` may create.
 */
export class BaselineFileError extends Error {
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly missing = false,
  ) {
    super(diagnostics.map(formatDiagnosticLine).join('\n'));
    this.name = 'BaselineFileError';
  }
}

/** Reads and checks a baseline file strictly: any problem throws a `BaselineFileError` listing all of them. */
export async function loadBaseline(path: string): Promise<Baseline> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fileError(path, 'no such baseline file', 'write one with --update-baseline', true);
    if (code === 'EISDIR') throw fileError(path, 'this is a directory, not a baseline file');
    throw fileError(path, `cannot read the baseline file (${code ?? String(error)})`);
  }
  return parseBaseline(text, path);
}

/** `loadBaseline`, but a missing file is no baseline yet (what `--update-baseline` starts from). */
export async function loadBaselineIfPresent(path: string): Promise<Baseline | undefined> {
  try {
    return await loadBaseline(path);
  } catch (error) {
    if (error instanceof BaselineFileError && error.missing) return undefined;
    throw error;
  }
}

/** Parses baseline text; `file` names it in diagnostics. Throws `BaselineFileError`. */
export function parseBaseline(text: string, file: string): Baseline {
  const source = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let data: unknown;
  try {
    data = JSON.parse(source);
  } catch (error) {
    throw new BaselineFileError([jsonSyntaxDiagnostic(error as Error, source, file)]);
  }
  // JSON is YAML: the yaml parser gives every node its source range, so problems can point at it.
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, uniqueKeys: false, prettyErrors: false });
  const { baseline, diagnostics } = checkBaselineData(data, new Locator(file, doc, lineCounter, source));
  if (diagnostics.length > 0) throw new BaselineFileError(sortDiagnostics(diagnostics));
  return baseline;
}

/** JSON.parse's complaint, without V8's position or source snippet, placed at the first bad character. */
function jsonSyntaxDiagnostic(error: Error, source: string, file: string): Diagnostic {
  const reason = error.message
    .replace(/\s*(in JSON )?at position \d+.*$/s, '')
    .replace(/, .* is not valid JSON$/s, '')
    .replace(/^\w/, (c) => c.toLowerCase());
  const offset = firstJsonErrorOffset(source) ?? source.length;
  return { severity: 'error', location: positionOf(source, offset, file), message: `not valid JSON: ${reason}` };
}

/**
 * Where JSON first goes wrong. V8 names no position for an unexpected token, so the offset comes
 * from jsonc-parser (VS Code's), in strict JSON mode: no comments, no trailing commas.
 */
function firstJsonErrorOffset(source: string): number | undefined {
  const errors: ParseError[] = [];
  try {
    parseJsonc(source, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // Nesting deep enough to exhaust the stack: no place to point at; the message still says what is wrong.
    return undefined;
  }
  return errors[0]?.offset;
}

function positionOf(source: string, offset: number, file: string): SourceLocation {
  const before = source.slice(0, offset);
  const line = before.split('\n').length;
  return { file, line, col: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

function fileError(file: string, message: string, hint?: string, missing = false): BaselineFileError {
  return new BaselineFileError([{ severity: 'error', location: { file, line: 1, col: 1 }, message, ...(hint ? { hint } : {}) }], missing);
}
