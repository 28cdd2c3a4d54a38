import { describe, expect, it } from 'vitest';
import { collectPlaceholders } from './collect.js';
import { UnresolvedPlaceholderError, renderTemplate } from './render.js';

const values: Record<string, unknown> = {
  email: 'Ada.Lovelace@example.com',
  count: 3,
  active: false,
  nothing: null,
  user: { id: 'u1', tags: ['a'] },
  'target.url': 'http://localhost:8080/scim/v2',
};
const lookup = (name: string): unknown => values[name];

describe('renderTemplate', () => {
  it('keeps the type of a string that is exactly one placeholder', () => {
    expect(renderTemplate('{{count}}', lookup)).toBe(3);
    expect(renderTemplate('{{active}}', lookup)).toBe(false);
    expect(renderTemplate('{{nothing}}', lookup)).toBeNull();
    expect(renderTemplate('{{ user }}', lookup)).toEqual({ id: 'u1', tags: ['a'] });
  });

  it('returns a copy, not the looked-up object itself', () => {
    const rendered = renderTemplate('{{user}}', lookup) as { tags: string[] };
    rendered.tags.push('b');
    expect(values.user).toEqual({ id: 'u1', tags: ['a'] });
  });

  it('stringifies values inside larger strings', () => {
    expect(renderTemplate('n={{count}} a={{active}} u={{user}}', lookup)).toBe('n=3 a=false u={"id":"u1","tags":["a"]}');
  });

  it('applies filters in order', () => {
    expect(renderTemplate('{{email | lower}}', lookup)).toBe('ada.lovelace@example.com');
    expect(renderTemplate('{{email|upper}}', lookup)).toBe('ADA.LOVELACE@EXAMPLE.COM');
    expect(renderTemplate('{{ email | urlencode }}', lookup)).toBe('Ada.Lovelace%40example.com');
    expect(renderTemplate('{{count | upper}}', lookup)).toBe('3');
  });

  it('walks objects and arrays, keys included, without touching other values', () => {
    const input = { '{{email}}': ['{{count}}', 1, true, null, { path: '{{target.url}}/Users' }] };
    expect(renderTemplate(input, lookup)).toEqual({
      'Ada.Lovelace@example.com': [3, 1, true, null, { path: 'http://localhost:8080/scim/v2/Users' }],
    });
    expect(input).toEqual({ '{{email}}': ['{{count}}', 1, true, null, { path: '{{target.url}}/Users' }] });
  });

  it('throws UnresolvedPlaceholderError naming the missing value', () => {
    expect(() => renderTemplate({ a: ['x {{userId}}'] }, lookup)).toThrow(UnresolvedPlaceholderError);
    try {
      renderTemplate('{{userId | lower}}', lookup);
    } catch (error) {
      expect((error as UnresolvedPlaceholderError).placeholder).toBe('userId');
    }
  });
});

describe('collectPlaceholders', () => {
  it('finds placeholders in nested values and keys, in order', () => {
    const found = collectPlaceholders({ path: '/Users/{{userId}}', body: { '{{key}}': ['{{a | lower}} {{b}}'] }, n: 1 });
    expect(found.map((p) => [p.name, p.filters, p.text])).toEqual([
      ['userId', [], '/Users/{{userId}}'],
      ['key', [], '{{key}}'],
      ['a', ['lower'], '{{a | lower}} {{b}}'],
      ['b', [], '{{a | lower}} {{b}}'],
    ]);
  });

  it('finds nothing in values without strings', () => {
    expect(collectPlaceholders([1, null, { a: true }])).toEqual([]);
  });
});
