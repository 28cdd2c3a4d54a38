import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Locator } from './locate.js';

/** More alias expansions than this are refused (a "billion laughs" file would never finish). */
const MAX_ALIAS_COUNT = 100;

/**
 * The document as plain data, or `undefined` with a diagnostic when YAML cannot produce it
 * (an undefined alias, too many alias expansions).
 */
export function toJsSafely(doc: Document, locator: Locator, diagnostics: Diagnostic[]): unknown {
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (diagnostics.some((d) => d.severity === 'error')) return undefined;
    const reason = error instanceof Error ? error.message : String(error);
    const message = /alias/i.test(reason) ? 'too many alias expansions (*name); write the values out' : `cannot read this document: ${reason}`;
    diagnostics.push({ severity: 'error', location: locator.start(), message });
    return undefined;
  }
}
