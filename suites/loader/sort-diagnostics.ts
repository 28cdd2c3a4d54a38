import type { Diagnostic } from '../diagnostics/diagnostic.js';

/** Diagnostics in reading order: by line, then column, errors before warnings at the same spot. */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) => a.location.line - b.location.line || a.location.col - b.location.col || (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1),
  );
}
