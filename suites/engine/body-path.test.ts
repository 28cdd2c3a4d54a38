import { describe, expect, it } from 'vitest';
import { BodyPathError, parseBodyPath, selectBodyPath } from './body-path.js';

// A tiny stand-in for the SCIM filter: `type eq "x"` only, enough to test path mechanics.
const typeEq = (filter: string, element: unknown) => {
  const m = /^type eq "(.*)"$/.exec(filter);
  return m !== null && (element as { type?: string }).type === m[1];
};

const user = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  userName: 'a@example.com',
  name: { givenName: 'Ada', familyName: 'Lovelace' },
  emails: [
    { type: 'home', value: 'ada@home.example' },
    { type: 'work', value: 'ada@work.example', primary: true },
  ],
  'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { employeeNumber: '42', manager: { value: 'm1' } },
};

describe('selectBodyPath', () => {
  it('follows names, indexes and nested names', () => {
    expect(selectBodyPath(user, 'userName', typeEq)).toBe('a@example.com');
    expect(selectBodyPath(user, 'name.familyName', typeEq)).toBe('Lovelace');
    expect(selectBodyPath(user, 'emails[1].value', typeEq)).toBe('ada@work.example');
    expect(selectBodyPath(user, 'schemas', typeEq)).toEqual(user.schemas);
    expect(selectBodyPath(user, '$', typeEq)).toBe(user);
  });

  it('matches attribute names case-insensitively when no exact key exists', () => {
    expect(selectBodyPath(user, 'USERNAME', typeEq)).toBe('a@example.com');
    expect(selectBodyPath(user, 'Name.GivenName', typeEq)).toBe('Ada');
  });

  it('selects from lists with a filter, and maps names over lists', () => {
    expect(selectBodyPath(user, 'emails[type eq "work"].value', typeEq)).toBe('ada@work.example');
    expect(selectBodyPath(user, 'emails[type eq "other"].value', typeEq)).toBeUndefined();
    expect(selectBodyPath(user, 'emails.value', typeEq)).toEqual(['ada@home.example', 'ada@work.example']);
  });

  it('resolves URN-qualified extension attributes although the URN contains dots', () => {
    const urn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
    expect(selectBodyPath(user, `${urn}:employeeNumber`, typeEq)).toBe('42');
    expect(selectBodyPath(user, `${urn}:manager.value`, typeEq)).toBe('m1');
    expect(selectBodyPath(user, urn, typeEq)).toEqual(user[urn]);
    expect(selectBodyPath(user, 'urn:other:thing:x', typeEq)).toBeUndefined();
  });

  it('returns undefined for absent paths and out-of-range indexes', () => {
    expect(selectBodyPath(user, 'nickName', typeEq)).toBeUndefined();
    expect(selectBodyPath(user, 'emails[5].value', typeEq)).toBeUndefined();
    expect(selectBodyPath(null, 'a.b', typeEq)).toBeUndefined();
  });

  it('rejects malformed paths with the position', () => {
    expect(() => parseBodyPath('emails[type eq "work"')).toThrow(BodyPathError);
    expect(() => parseBodyPath('a..b')).toThrow(/position 3/);
    expect(() => parseBodyPath('.a')).toThrow(BodyPathError);
  });

  it('keeps brackets inside quoted filter values', () => {
    expect(parseBodyPath('emails[value eq "a]b"].type')).toEqual([
      { kind: 'name', name: 'emails' },
      { kind: 'filter', filter: 'value eq "a]b"' },
      { kind: 'name', name: 'type' },
    ]);
  });
});
