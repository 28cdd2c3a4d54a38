import { describe, expect, it } from 'vitest';
import { evaluateMatcher } from './matchers.js';

describe('evaluateMatcher', () => {
  it('compares equals strictly and deeply', () => {
    expect(evaluateMatcher({ equals: '404' }, '404').passed).toBe(true);
    expect(evaluateMatcher({ equals: '404' }, 404)).toEqual({ passed: false, message: 'is 404, expected "404"' });
    expect(evaluateMatcher({ equals: ['a', { b: 1 }] }, ['a', { b: 1 }]).passed).toBe(true);
    expect(evaluateMatcher({ equals: 'x' }, undefined)).toEqual({ passed: false, message: 'is missing' });
  });

  it('treats absent, null, "", [] and {} as empty', () => {
    for (const v of [undefined, null, '', [], {}]) expect(evaluateMatcher({ empty: true }, v).passed).toBe(true);
    expect(evaluateMatcher({ empty: true }, [1]).passed).toBe(false);
    expect(evaluateMatcher({ notEmpty: true }, 'x').passed).toBe(true);
    expect(evaluateMatcher({ notEmpty: true }, '').passed).toBe(false);
  });

  it('checks presence with exists', () => {
    expect(evaluateMatcher({ exists: true }, false).passed).toBe(true);
    expect(evaluateMatcher({ exists: true }, null).passed).toBe(false);
    expect(evaluateMatcher({ exists: false }, undefined).passed).toBe(true);
    expect(evaluateMatcher({ exists: false }, 'here').passed).toBe(false);
  });

  it('matches lists and strings with contains', () => {
    expect(evaluateMatcher({ contains: 'urn:x' }, ['urn:y', 'urn:x']).passed).toBe(true);
    expect(evaluateMatcher({ contains: 'scim' }, 'application/scim+json').passed).toBe(true);
    expect(evaluateMatcher({ notContains: 'urn:x' }, ['urn:x']).passed).toBe(false);
  });

  it('distinguishes integer, number and other types', () => {
    expect(evaluateMatcher({ type: 'integer' }, 3).passed).toBe(true);
    expect(evaluateMatcher({ type: 'integer' }, '3')).toEqual({ passed: false, message: 'is "3" (string), expected integer' });
    expect(evaluateMatcher({ type: 'number' }, 3).passed).toBe(true);
    expect(evaluateMatcher({ type: 'array' }, []).passed).toBe(true);
  });

  it('requires every key of a combined matcher', () => {
    expect(evaluateMatcher({ type: 'array', maxLength: 2 }, [1, 2]).passed).toBe(true);
    expect(evaluateMatcher({ type: 'array', maxLength: 2 }, [1, 2, 3]).message).toBe('has length 3, expected at most 2');
  });

  it('compares numbers and case-insensitive strings', () => {
    expect(evaluateMatcher({ lt: 600 }, 599).passed).toBe(true);
    expect(evaluateMatcher({ lt: 600 }, 600).message).toBe('is 600, expected < 600');
    expect(evaluateMatcher({ equalsIgnoreCase: 'A@EXAMPLE.COM' }, 'a@example.com').passed).toBe(true);
    expect(evaluateMatcher({ startsWith: 'http://h/Users/' }, 'http://h/Users/1').passed).toBe(true);
    expect(evaluateMatcher({ oneOf: [200, 204] }, 204).passed).toBe(true);
  });

  it('reports an invalid regular expression instead of throwing', () => {
    const outcome = evaluateMatcher({ matches: '([' }, 'x');
    expect(outcome.passed).toBe(false);
    expect(outcome.message).toMatch(/cannot be tested/);
  });
});
