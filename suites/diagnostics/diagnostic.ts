/** A position in a scenario file: 1-based line and column. */
export interface SourceLocation {
  file: string;
  line: number;
  col: number;
  endLine?: number;
  endCol?: number;
}

/**
 * One user-facing problem with an input file, rendered the same way everywhere
 * (console, JUnit bodies, annotations): `file:line:col: message`.
 */
export interface Diagnostic {
  location: SourceLocation;
  severity: 'error' | 'warning';
  message: string;
  /** A suggestion such as "did you mean 'expect'?". */
  hint?: string;
}

/** Thrown by the loader when a file cannot become a scenario. */
export class ScenarioFileError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map(formatDiagnosticLine).join('\n'));
    this.name = 'ScenarioFileError';
  }
}

/** `file:line:col: message (hint)` — the one-line form editors and terminals link. */
export function formatDiagnosticLine(d: Diagnostic): string {
  const { file, line, col } = d.location;
  const hint = d.hint ? ` (${d.hint})` : '';
  return `${file}:${line}:${col}: ${d.severity === 'warning' ? 'warning: ' : ''}${d.message}${hint}`;
}
