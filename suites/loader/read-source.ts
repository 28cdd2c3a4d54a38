import { readFile, stat } from 'node:fs/promises';
import { ScenarioFileError, type Diagnostic } from '../diagnostics/diagnostic.js';

/** Larger files are refused before parsing: a scenario is hand-written text, not a data dump. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Reads a scenario or manifest file as UTF-8 text without a byte-order mark. Missing files,
 * directories, oversized files and binary content become a `ScenarioFileError` at 1:1.
 */
export async function readSource(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw fileError(file, 'this is a directory, not a YAML file');
    if (info.size > MAX_FILE_BYTES) {
      throw fileError(file, `file is too large (${megabytes(info.size)}; the limit is ${megabytes(MAX_FILE_BYTES)})`);
    }
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof ScenarioFileError) throw error;
    throw fileError(file, describeIoError(error));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw fileError(file, 'file is not UTF-8 text');
  }
  if (text.includes('\u0000')) throw fileError(file, 'file is binary (it contains NUL bytes), not YAML text');
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function describeIoError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied: cannot read this file';
  return `cannot read this file: ${error instanceof Error ? error.message : String(error)}`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fileError(file: string, message: string): ScenarioFileError {
  const diagnostic: Diagnostic = { severity: 'error', message, location: { file, line: 1, col: 1 } };
  return new ScenarioFileError([diagnostic]);
}
