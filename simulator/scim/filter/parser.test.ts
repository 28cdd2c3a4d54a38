import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, MAX_FILTER_DEPTH, formatFilter, formatPath, parseFilter, parsePath } from './index.js';

function syntaxError(text: string): FilterSyntaxError {
  try {
    parseFilter(text);
  } catch (error) {
    expect(error).toBeInstanceOf(FilterSyntaxError);
    return error as FilterSyntaxError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to be refused`);
}

describe('parseFilter', () => {
  it('parses every comparison operator, case-insensitively', () => {
    for (const op of ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le']) {
      expect(parseFilter(`userName ${op.toUpperCase()} "bjensen"`)).toEqual({
        type: 'compare',
        path: { attribute: 'userName', position: 0 },
        operator: op,
        value: 'bjensen',
      });
    }
    expect(parseFilter('title PR')).toEqual({ type: 'present', path: { attribute: 'title', position: 0 } });
  });

  it('parses literals: strings with JSON escapes, numbers, booleans, null', () => {
    const value = (text: string) => (parseFilter(`x eq ${text}`) as { value: unknown }).value;
    expect(value('"a \\"quoted\\" \\\\ \\u00e9\\n"')).toBe('a "quoted" \\ é\n');
    expect(value('42')).toBe(42);
    expect(value('-1.5e3')).toBe(-1500);
    expect(value('0')).toBe(0);
    expect(value('true')).toBe(true);
    expect(value('False')).toBe(false);
    expect(value('NULL')).toBe(null);
    expect(value('"urn:x ] ) and or"')).toBe('urn:x ] ) and or');
  });

  it('parses attribute paths: sub-attributes, URN-qualified, $ref', () => {
    expect(parseFilter('name.familyName co "O\'Malley"')).toMatchObject({ path: { attribute: 'name', subAttribute: 'familyName' } });
    expect(parseFilter('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984"')).toMatchObject({
      path: { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', attribute: 'employeeNumber' },
    });
    expect(parseFilter('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "B"')).toMatchObject({
      path: { schema: 'urn:ietf:params:scim:schemas:core:2.0:User', attribute: 'name', subAttribute: 'givenName' },
    });
    expect(parseFilter('members.$ref pr')).toMatchObject({ path: { attribute: 'members', subAttribute: '$ref' } });
    expect(parseFilter('meta.lastModified gt "2011-05-13T04:42:34Z"')).toMatchObject({ operator: 'gt' });
  });

  it('gives not > and > or precedence, with grouping', () => {
    expect(formatFilter(parseFilter('a eq 1 or b eq 2 and c eq 3'))).toBe('a eq 1 or b eq 2 and c eq 3');
    const tree = parseFilter('a eq 1 or b eq 2 and c eq 3');
    expect(tree).toMatchObject({ type: 'or', filters: [{ type: 'compare' }, { type: 'and' }] });
    expect(parseFilter('(a eq 1 or b eq 2) and c eq 3')).toMatchObject({ type: 'and', filters: [{ type: 'or' }, { type: 'compare' }] });
    expect(parseFilter('not (a eq 1) and b eq 2')).toMatchObject({ type: 'and', filters: [{ type: 'not' }, { type: 'compare' }] });
    expect(parseFilter('NOT(a pr)')).toMatchObject({ type: 'not', filter: { type: 'present' } });
    expect(parseFilter('a eq 1 and b eq 2 and c eq 3 or d eq 4')).toMatchObject({
      type: 'or',
      filters: [{ type: 'and', filters: [{}, {}, {}] }, { type: 'compare' }],
    });
    expect(parseFilter('a eq 1 AND b eq 2 Or c eq 3')).toMatchObject({ type: 'or' });
  });

  it('parses value paths', () => {
    expect(parseFilter('emails[type eq "work" and value co "@example.com"]')).toEqual({
      type: 'valuePath',
      path: { attribute: 'emails', position: 0 },
      filter: {
        type: 'and',
        filters: [
          { type: 'compare', path: { attribute: 'type', position: 7 }, operator: 'eq', value: 'work' },
          { type: 'compare', path: { attribute: 'value', position: 26 }, operator: 'co', value: '@example.com' },
        ],
      },
    });
    expect(parseFilter('userType eq "Employee" and emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]')).toMatchObject({
      type: 'or',
    });
    expect(parseFilter('emails[not (type eq "work")]')).toMatchObject({ type: 'valuePath', filter: { type: 'not' } });
  });

  it('accepts `attr[filter].sub op value` as `attr[filter and sub op value]`', () => {
    expect(formatFilter(parseFilter('emails[type eq "work"].value eq "a@b.c"'))).toBe('emails[type eq "work" and value eq "a@b.c"]');
    expect(formatFilter(parseFilter('emails[type eq "work"].value pr and active eq true'))).toBe('emails[type eq "work" and value pr] and active eq true');
  });

  it('round-trips through formatFilter', () => {
    for (const text of [
      'userName eq "bjensen"',
      'name.familyName co "O\'Malley"',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
      'userType ne "Employee" and not (emails co "example.com" or emails.value co "example.org")',
      'emails[type eq "work" and value co "@example.com"] or ims[type eq "xmpp" and value co "@foo.com"]',
      'meta.lastModified gt "2011-05-13T04:42:34Z" and x eq null and y eq 1.5 and z eq false',
    ]) {
      const once = formatFilter(parseFilter(text));
      expect(parseFilter(once)).toEqual(parseFilter(once));
      expect(formatFilter(parseFilter(once))).toBe(once);
    }
  });

  it('reports syntax errors with positions', () => {
    expect(syntaxError('')).toMatchObject({ position: 0 });
    expect(syntaxError('   ')).toMatchObject({ position: 0 });
    expect(syntaxError('userName')).toMatchObject({ position: 8 });
    expect(syntaxError('userName eq')).toMatchObject({ position: 11 });
    expect(syntaxError('userName eqq "x"')).toMatchObject({ position: 9 });
    expect(syntaxError('userName eq bjensen')).toMatchObject({ position: 12, reason: expect.stringContaining('double quotes') });
    expect(syntaxError('userName eq "bjensen')).toMatchObject({ position: 12, reason: 'unterminated string' });
    expect(syntaxError('userName eq "x" and')).toMatchObject({ position: 19 });
    expect(syntaxError('userName eq "x" extra')).toMatchObject({ position: 16 });
    expect(syntaxError('(userName eq "x"')).toMatchObject({ position: 16 });
    expect(syntaxError('userName eq "x")')).toMatchObject({ position: 15 });
    expect(syntaxError('not userName eq "x"')).toMatchObject({ position: 4 });
    expect(syntaxError('emails[type eq "work"')).toMatchObject({ position: 21 });
    expect(syntaxError('emails[]')).toMatchObject({ position: 7 });
    expect(syntaxError('emails[type[value eq 1] eq "x"]')).toMatchObject({ position: 11 });
    expect(syntaxError('name.givenName.x eq "a"')).toMatchObject({ position: 0 });
    expect(syntaxError('userName eq "a\\x"')).toMatchObject({ position: 14 });
    expect(syntaxError('userName eq "a" # b')).toMatchObject({ position: 16 });
    expect(syntaxError('userName eq 01')).toMatchObject({ position: 12 });
    expect(syntaxError('urn:foo: eq 1')).toMatchObject({ position: 8 });
    expect(syntaxError('userName eq "x" and or')).toMatchObject({ position: 20 });
    expect(syntaxError('userName eq').message).toBe("expected a value (a quoted string, number, true, false or null) after 'eq', found end of input at position 11");
  });

  it('refuses deep nesting instead of overflowing the stack', () => {
    const deep = `${'('.repeat(10_000)}a eq 1${')'.repeat(10_000)}`;
    expect(syntaxError(deep).reason).toContain(`deeper than ${MAX_FILTER_DEPTH}`);
    const nots = `${'not ('.repeat(5_000)}a pr${')'.repeat(5_000)}`;
    expect(syntaxError(nots).reason).toContain('deeper');
    const ok = `${'('.repeat(20)}a eq 1${')'.repeat(20)}`;
    expect(parseFilter(ok)).toMatchObject({ type: 'compare' });
  });

  it('parses very long flat filters', () => {
    const long = Array.from({ length: 20_000 }, (_, i) => `userName eq "u${i}"`).join(' or ');
    const tree = parseFilter(long);
    expect(tree).toMatchObject({ type: 'or' });
    expect((tree as { filters: unknown[] }).filters).toHaveLength(20_000);
  });
});

describe('parsePath', () => {
  it('parses the RFC 7644 §3.5.2 path forms', () => {
    expect(parsePath('members')).toEqual({ attribute: 'members', text: 'members' });
    expect(parsePath('name.givenName')).toEqual({ attribute: 'name', subAttribute: 'givenName', text: 'name.givenName' });
    expect(parsePath('emails[type eq "work"].value')).toMatchObject({
      attribute: 'emails',
      subAttribute: 'value',
      filter: { type: 'compare', path: { attribute: 'type' }, operator: 'eq', value: 'work' },
    });
    expect(parsePath('members[value eq "2819c223-7f76-453a-919d-413861904646"]')).toMatchObject({
      attribute: 'members',
      filter: { type: 'compare', value: '2819c223-7f76-453a-919d-413861904646' },
    });
    expect(parsePath('urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager')).toEqual({
      schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      attribute: 'manager',
      text: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager',
    });
    expect(parsePath('urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"].value')).toMatchObject({
      schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
      attribute: 'emails',
      subAttribute: 'value',
    });
    expect(formatPath(parsePath('emails[type eq "work" and primary eq true].value'))).toBe('emails[type eq "work" and primary eq true].value');
  });

  it('refuses malformed paths', () => {
    for (const bad of ['', 'members[', 'members]', 'emails[type eq "work"] x', 'name.givenName[x eq 1]', 'a.b.c', '1abc', 'emails[type eq "work"].', 'members value']) {
      expect(() => parsePath(bad), bad).toThrow(FilterSyntaxError);
    }
  });
});
