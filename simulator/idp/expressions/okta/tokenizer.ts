import { OktaExpressionError } from './errors.js';

export type TokenKind = 'string' | 'number' | 'identifier' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (strings keep their quotes). */
  text: string;
  /** Decoded value of `string` and `number` tokens. */
  value?: string | number;
  start: number;
  end: number;
}

// Longest first, so `?:` wins over `?` and `<=` over `<`. Braces and brackets are tokens only
// so that unsupported forms such as `user.getGroups({...})` reach the parser and get a clear message.
const OPERATORS = ['?:', '==', '!=', '<=', '>=', '&&', '||', '(', ')', ',', '.', '?', ':', '!', '<', '>', '+', '-', '{', '}', '[', ']'];

const IDENTIFIER = /[A-Za-z_$][A-Za-z0-9_$]*/y;
const NUMBER = /\d+(?:\.\d+)?/y;
const SPACE = /\s+/y;

/**
 * Read a quoted string. research silent on escapes: Okta EL is SpEL-based, and SpEL escapes a
 * quote by doubling it (`"say ""hi"""`) and keeps backslashes literally, so regexes such as
 * `"\d+"` need no double escaping. We follow SpEL.
 */
function readString(text: string, start: number): Token {
  const quote = text[start]!;
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === quote) {
      if (text[i + 1] === quote) {
        value += quote;
        i += 2;
        continue;
      }
      return { kind: 'string', text: text.slice(start, i + 1), value, start, end: i + 1 };
    }
    value += char;
    i += 1;
  }
  throw new OktaExpressionError(`unclosed string starting with ${quote}`, start, text.length - start, `add a closing ${quote}`);
}

function matchAt(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Split an expression into tokens; the last token is always `end`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const space = matchAt(SPACE, text, i);
    if (space !== undefined) {
      i += space.length;
      continue;
    }
    const char = text[i]!;
    // research silent on single quotes: Okta's examples use double quotes, but SpEL (its base)
    // only has single-quoted literals, so both are accepted. The formatter writes double quotes.
    if (char === '"' || char === "'") {
      const token = readString(text, i);
      tokens.push(token);
      i = token.end;
      continue;
    }
    const number = matchAt(NUMBER, text, i);
    if (number !== undefined) {
      tokens.push({ kind: 'number', text: number, value: Number(number), start: i, end: i + number.length });
      i += number.length;
      continue;
    }
    const identifier = matchAt(IDENTIFIER, text, i);
    if (identifier !== undefined) {
      tokens.push({ kind: 'identifier', text: identifier, start: i, end: i + identifier.length });
      i += identifier.length;
      continue;
    }
    const operator = OPERATORS.find((op) => text.startsWith(op, i));
    if (operator !== undefined) {
      tokens.push({ kind: 'operator', text: operator, start: i, end: i + operator.length });
      i += operator.length;
      continue;
    }
    throw new OktaExpressionError(`unexpected character '${char}'`, i, 1, hintForStray(char));
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}

function hintForStray(char: string): string | undefined {
  if (char === '=') return "use '==' to compare";
  if (char === '&') return "use 'AND'";
  if (char === '|') return "use 'OR'";
  if (char === '*' || char === '/' || char === '%') return 'scimsim evaluates only + among arithmetic operators';
  return undefined;
}
