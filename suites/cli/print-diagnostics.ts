import { readFile } from 'node:fs/promises';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { renderDiagnostic } from '../diagnostics/render.js';
import type { CliIo } from './cli-io.js';
import { useColor } from './color.js';

/** Render diagnostics with their source excerpt; files are read once each. */
export async function printDiagnostics(diagnostics: Diagnostic[], io: CliIo): Promise<void> {
  const sources = new Map<string, string>();
  const color = useColor(io.stderr, io.env);
  for (const d of diagnostics) {
    const file = d.location.file;
    if (!sources.has(file)) sources.set(file, await readFile(file, 'utf8').catch(() => ''));
    io.stderr.write(`${renderDiagnostic(d, sources.get(file) ?? '', { color })}\n`);
  }
}

