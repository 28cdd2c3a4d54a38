import { describe, expect, it } from 'vitest';
import { TemplateSyntaxError, parseTemplate } from './parse.js';

function syntaxError(text: string): TemplateSyntaxError {
  try {
    parseTemplate(text);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) return error;
    throw error;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('parseTemplate', () => {
  it('returns plain text as one part', () => {
    expect(parseTemplate('hello')).toEqual([{ kind: 'text', text: 'hello', start: 0, end: 5 }]);
  });

  it('returns nothing for the empty string', () => {
    expect(parseTemplate('')).toEqual([]);
  });

  it('splits text and placeholders with offsets, names and filters', () => {
    expect(parseTemplate('/Users/{{ userId | urlencode }}?x=1')).toEqual([
      { kind: 'text', text: '/Users/', start: 0, end: 7 },
      { kind: 'placeholder', name: 'userId', filters: ['urlencode'], start: 7, end: 31, nameStart: 10 },
      { kind: 'text', text: '?x=1', start: 31, end: 35 },
    ]);
  });

  it('reads dotted built-in names and chained filters', () => {
    expect(parseTemplate('{{target.url|lower|upper}}')).toEqual([
      { kind: 'placeholder', name: 'target.url', filters: ['lower', 'upper'], start: 0, end: 26, nameStart: 2 },
    ]);
  });

  it('keeps a stray }} as literal text (raw JSON bodies end with it)', () => {
    expect(parseTemplate('{"a":{"b":1}}')).toEqual([{ kind: 'text', text: '{"a":{"b":1}}', start: 0, end: 13 }]);
  });

  it('rejects an unclosed placeholder at its {{', () => {
    const error = syntaxError('ab {{name');
    expect([error.message, error.start, error.end]).toEqual(["unclosed placeholder: '{{' without a matching '}}'", 3, 5]);
  });

  it('rejects a {{ opened inside another placeholder', () => {
    expect(syntaxError('{{a {{b}}').start).toBe(0);
  });

  it('rejects an empty placeholder', () => {
    expect(syntaxError('x{{  }}').message).toBe('empty placeholder: write a name between {{ and }}');
  });

  it('rejects a malformed name, pointing at it', () => {
    const error = syntaxError('{{ user id }}');
    expect([error.message, error.start, error.end]).toEqual([
      "'user id' is not a valid placeholder name (letters, digits and _, parts separated by dots)",
      3,
      10,
    ]);
  });

  it('rejects an unknown filter, pointing at it', () => {
    const error = syntaxError('{{ name | uper }}');
    expect([error.message, error.unknownFilter, error.start, error.end]).toEqual(["unknown filter 'uper'", 'uper', 10, 14]);
  });

  it('rejects an empty filter', () => {
    expect(syntaxError('{{ name | }}').message).toBe("missing filter name after '|'");
  });
});
