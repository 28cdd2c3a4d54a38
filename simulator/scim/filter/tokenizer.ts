import { FilterSyntaxError } from './errors.js';

export type TokenKind = 'lparen' | 'rparen' | 'lbracket' | 'rbracket' | 'string' | 'number' | 'word' | 'end';

export interface Token {
  kind: TokenKind;
  /** The text as written (for strings: with the quotes). */
  text: string;
  /** Decoded value of `string` and `number` tokens. */
  value?: string | number;
  start: number;
  end: number;
  /** Whitespace came right before this token. */
  spaced: boolean;
}

const PUNCTUATION: Record<string, TokenKind> = { '(': 'lparen', ')': 'rparen', '[': 'lbracket', ']': 'rbracket' };
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function isWordChar(code: number): boolean {
  return (
    (code >= 0x61 && code <= 0x7a) || // a-z
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x30 && code <= 0x39) || // 0-9
    code === 0x5f || // _
    code === 0x24 || // $
    code === 0x3a || // :
    code === 0x2e || // .
    code === 0x2d // -
  );
}

function isSpace(char: string): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r';
}

/** Read a JSON string starting at the opening quote; returns the decoded text and the end offset. */
function readString(text: string, start: number): { value: string; end: number } {
  let out = '';
  let i = start + 1;
  while (i < text.length) {
    const char = text[i]!;
    if (char === '"') return { value: out, end: i + 1 };
    if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined) break;
      if (next === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw new FilterSyntaxError('invalid \\u escape in string', i);
        out += String.fromCharCode(Number.parseInt(hex, 16));
        i += 6;
        continue;
      }
      const escaped = ESCAPES[next];
      if (escaped === undefined) throw new FilterSyntaxError(`invalid escape '\\${next}' in string`, i);
      out += escaped;
      i += 2;
      continue;
    }
    if (char.charCodeAt(0) < 0x20) throw new FilterSyntaxError('control character in string (escape it)', i);
    out += char;
    i += 1;
  }
  throw new FilterSyntaxError('unterminated string', start);
}

/** Split filter or path text into tokens. Whitespace (space, tab, CR, LF) separates tokens. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < text.length) {
    const char = text[i]!;
    if (isSpace(char)) {
      spaced = true;
      i += 1;
      continue;
    }
    const punctuation = PUNCTUATION[char];
    if (punctuation) {
      tokens.push({ kind: punctuation, text: char, start: i, end: i + 1, spaced });
      i += 1;
    } else if (char === '"') {
      const { value, end } = readString(text, i);
      tokens.push({ kind: 'string', text: text.slice(i, end), value, start: i, end, spaced });
      i = end;
    } else if ((char >= '0' && char <= '9') || char === '-') {
      // A run such as `2819c223` is a word (an unquoted value the parser reports), not a number.
      let end = i + 1;
      while (end < text.length && (isWordChar(text.charCodeAt(end)) || text[end] === '+')) end += 1;
      const raw = text.slice(i, end);
      if (JSON_NUMBER.test(raw)) tokens.push({ kind: 'number', text: raw, value: Number(raw), start: i, end, spaced });
      else tokens.push({ kind: 'word', text: raw, start: i, end, spaced });
      i = end;
    } else if (isWordChar(char.charCodeAt(0))) {
      let end = i + 1;
      while (end < text.length && isWordChar(text.charCodeAt(end))) end += 1;
      tokens.push({ kind: 'word', text: text.slice(i, end), start: i, end, spaced });
      i = end;
    } else {
      const shown = char.charCodeAt(0) < 0x20 ? `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}` : char;
      throw new FilterSyntaxError(`unexpected character '${shown}'`, i);
    }
    spaced = false;
  }
  tokens.push({ kind: 'end', text: '', start: text.length, end: text.length, spaced });
  return tokens;
}
