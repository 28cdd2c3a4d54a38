import type { OktaNode } from './ast.js';
import { fail } from './values.js';

/**
 * How a pattern is applied. `whole` is Java's `String.matches` (SpEL's `matches` and, research
 * silent, `isMemberOfGroupNameRegex`): the pattern must match the entire input.
 */
export type RegexUse = 'whole' | 'first' | 'all';

/**
 * Compile a Java regular expression for JavaScript. The two dialects agree on everything
 * profile mappings use in practice; the one common Java-only construct, a leading `(?i)`,
 * becomes the `i` flag. Anything else Java-specific fails as an invalid pattern.
 */
export function compileJavaRegex(pattern: string, use: RegexUse, node: OktaNode): RegExp {
  let source = pattern;
  let flags = use === 'all' ? 'g' : '';
  if (source.startsWith('(?i)')) {
    source = source.slice(4);
    flags += 'i';
  }
  if (use === 'whole') source = `^(?:${source})$`;
  try {
    return new RegExp(source, flags);
  } catch (error) {
    return fail(node, `invalid regular expression ${JSON.stringify(pattern)}: ${(error as Error).message}`);
  }
}

/**
 * Translate a Java replacement string (`$1`, `${name}`, `\$` for a literal dollar) into
 * JavaScript's, where a bare `$&`, `` $` `` or `$'` would otherwise mean something else.
 */
export function javaReplacement(replacement: string): string {
  let out = '';
  for (let i = 0; i < replacement.length; i += 1) {
    const char = replacement[i]!;
    const next = replacement[i + 1];
    if (char === '\\' && next !== undefined) {
      out += next === '$' ? '$$' : next;
      i += 1;
    } else if (char === '$' && next !== undefined && /\d/.test(next)) {
      out += '$';
    } else if (char === '$' && next === '{') {
      const close = replacement.indexOf('}', i);
      if (close === -1) {
        out += '$$';
        continue;
      }
      out += `$<${replacement.slice(i + 2, close)}>`;
      i = close;
    } else {
      out += char === '$' ? '$$' : char;
    }
  }
  return out;
}
