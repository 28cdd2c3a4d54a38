import { EntraExpressionError } from './errors.js';

export type TokenKind = 'string' | 'number' | 'attribute' | 'identifier' | 'operator' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (strings keep their quotes, attributes their brackets). */
  text: string;
  /** Decoded string, attribute name, or decimal number text. */
  value?: string;
  start: number;
  end: number;
}

// Longest first, so `<>` and `<=` win over `<`.
const OPERATORS = ['<>', '<=', '>=', '=', '<', '>', '(', ')', ','];

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/y;
// research silent on number syntax: the docs write integers (`Left([x], 3)`) and negatives
// (`DateAdd("d", -10, …)`); VBA's decimal fractions are accepted too. There is no subtraction,
// so a '-' is always a sign.
const NUMBER = /-?\d+(?:\.\d+)?/y;
// VBA hexadecimal, as in the BitAnd example `BitAnd(&HF, &HF7)`.
const HEX_NUMBER = /&[Hh]([0-9A-Fa-f]+)/y;
const SPACE = /\s+/y;

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/**
 * Read a `"…"` string. `\` escapes `\` and `"` (E-FUNC). research silent on other escapes such as
 * `\d`: the docs say a backslash "must be escaped", so a lone one is refused rather than guessed at.
 */
function readString(text: string, start: number): Token {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') return { kind: 'string', text: text.slice(start, i + 1), value, start, end: i + 1 };
    if (char === '\\') {
      const next = text[i + 1];
      if (next === '\\' || next === '"') {
        value += next;
        i += 2;
        continue;
      }
      if (next !== undefined) {
        throw new EntraExpressionError(`unknown escape '\\${next}' in a string`, i, 2, `only \\\\ and \\" are escapes: write \\\\${next} for a backslash followed by '${next}'`);
      }
    }
    value += char;
    i += 1;
  }
  throw new EntraExpressionError('unclosed string starting with "', start, text.length - start, 'add a closing "');
}

// research silent on which characters a source attribute name may hold: none of these, so an
// unclosed `[` is reported at the name rather than at the end of the text.
const NOT_IN_ATTRIBUTE_NAMES = new Set(['[', ']', ',', '(', ')', '"', '\n', '\r']);

/** Read a `[name]` reference. */
function readAttribute(text: string, start: number): Token {
  let i = start + 1;
  while (i < text.length && !NOT_IN_ATTRIBUTE_NAMES.has(text[i]!)) i += 1;
  if (text[i] !== ']') throw new EntraExpressionError('unclosed attribute reference starting with [', start, i - start, 'add a closing ]');
  const name = text.slice(start + 1, i);
  if (name.trim() === '') throw new EntraExpressionError('empty attribute name', start, i + 1 - start, 'write the source attribute, e.g. [userPrincipalName]');
  return { kind: 'attribute', text: text.slice(start, i + 1), value: name, start, end: i + 1 };
}

function hintForStray(char: string, text: string, at: number): string | undefined {
  if (char === '&' || char === '+') return 'concatenate with Append(a, b) or Join("", a, b)';
  if (char === "'") return 'strings use double quotes';
  if (char === '!' && text[at + 1] === '=') return "use '<>' for not equal";
  if (char === '!') return 'negate with Not(…)';
  return undefined;
}

/** Split an expression into tokens; the last token is always `end`. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const space = matchAt(SPACE, text, i);
    if (space) {
      i += space[0].length;
      continue;
    }
    const char = text[i]!;
    let token: Token | undefined;
    if (char === '"') token = readString(text, i);
    else if (char === '[') token = readAttribute(text, i);
    else {
      const hex = matchAt(HEX_NUMBER, text, i);
      const number = matchAt(NUMBER, text, i);
      const identifier = matchAt(IDENTIFIER, text, i);
      const operator = OPERATORS.find((op) => text.startsWith(op, i));
      if (hex) token = { kind: 'number', text: hex[0], value: BigInt(`0x${hex[1]!}`).toString(), start: i, end: i + hex[0].length };
      else if (number) token = { kind: 'number', text: number[0], value: number[0], start: i, end: i + number[0].length };
      else if (identifier) token = { kind: 'identifier', text: identifier[0], start: i, end: i + identifier[0].length };
      else if (operator === '=' && text[i + 1] === '=') {
        throw new EntraExpressionError("unexpected '=='", i, 2, "compare with a single '='");
      } else if (operator) token = { kind: 'operator', text: operator, start: i, end: i + operator.length };
    }
    if (token === undefined) throw new EntraExpressionError(`unexpected character '${char}'`, i, 1, hintForStray(char, text, i));
    tokens.push(token);
    i = token.end;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length });
  return tokens;
}
