import { UsageError } from './exit-codes.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';

/** Run node:util parseArgs and turn its errors into usage errors with a "did you mean". */
export function strictParse<T>(parse: () => T, known: string[]): T {
  try {
    return parse();
  } catch (error) {
    const e = error as Error & { code?: string };
    if (!e.code?.startsWith('ERR_PARSE_ARGS')) throw error;
    const unknown = /option '(-{1,2}[^']+)'/.exec(e.message)?.[1];
    const suggestion = unknown ? didYouMean(unknown.replace(/^-+/, ''), known) : undefined;
    throw new UsageError(e.message.replace(/\. To specify a positional argument.*$/s, ''), suggestion ? `did you mean --${suggestion}?` : 'see --help');
  }
}
