import { describe, expect, it } from 'vitest';
import { createSchemaLookup, groupLookup, userLookup } from '../schema/index.js';
import { dateTimeAttribute, stringAttribute } from '../schema/define.js';
import { InvalidFilterError, compileFilter, matchesFilter, parseFilter, selectValues } from './index.js';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

const babs = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: 'Ext-701984',
  userName: 'bjensen@example.com',
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  displayName: 'Babs Jensen',
  title: '',
  active: true,
  emails: [
    { value: 'bjensen@example.com', type: 'work', primary: true },
    { value: 'babs@jensen.org', type: 'home' },
  ],
  roles: [{ value: 'admin', primary: true }],
  x509Certificates: [{ value: 'TUlJRERqQ0NBZmFnQXdJQkFnSUJBREFOQmdrcWhraUc5dzBCQVFVRkFEQ' }],
  meta: { resourceType: 'User', created: '2010-01-23T04:56:22Z', lastModified: '2011-05-13T04:42:34Z', version: 'W/"3"' },
  [ENTERPRISE]: { employeeNumber: '701984', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
};

const match = (filter: string, resource: unknown = babs) => matchesFilter(filter, resource, userLookup);

describe('matchesFilter with a schema', () => {
  it('compares case-insensitively unless the attribute is caseExact', () => {
    expect(match('userName eq "BJENSEN@EXAMPLE.COM"')).toBe(true);
    expect(match('USERNAME Eq "bjensen@example.com"')).toBe(true);
    expect(match('displayName eq "babs jensen"')).toBe(true);
    expect(match('emails.value eq "BABS@JENSEN.ORG"')).toBe(true);
    expect(match('externalId eq "ext-701984"')).toBe(false);
    expect(match('externalId eq "Ext-701984"')).toBe(true);
    expect(match('id eq "2819C223-7F76-453A-919D-413861904646"')).toBe(false);
    expect(match('id eq "2819c223-7f76-453a-919d-413861904646"')).toBe(true);
  });

  it('supports every operator on strings', () => {
    expect(match('userName ne "someone"')).toBe(true);
    expect(match('userName ne "BJENSEN@example.com"')).toBe(false);
    expect(match('userName co "JENSEN@"')).toBe(true);
    expect(match('userName sw "BJ"')).toBe(true);
    expect(match('userName ew ".COM"')).toBe(true);
    expect(match('userName gt "a"')).toBe(true);
    expect(match('userName gt "C"')).toBe(false);
    expect(match('userName ge "bjensen@example.com"')).toBe(true);
    expect(match('userName lt "c"')).toBe(true);
    expect(match('userName le "B"')).toBe(false);
    expect(match('name.familyName co "ens"')).toBe(true);
  });

  it('matches multi-valued attributes when any value matches', () => {
    expect(match('emails.value ew "jensen.org"')).toBe(true);
    expect(match('emails.type eq "home"')).toBe(true);
    expect(match('emails.type eq "other"')).toBe(false);
    expect(match('emails co "jensen.org"')).toBe(true);
    expect(match('emails[type eq "work" and value co "@example.com"]')).toBe(true);
    expect(match('emails[type eq "home" and value co "@example.com"]')).toBe(false);
    expect(match('emails[type eq "work"].value eq "BJENSEN@example.com"')).toBe(true);
    expect(match('emails[primary eq true].type eq "work"')).toBe(true);
    expect(match('emails[not (type eq "work")]')).toBe(true);
    expect(match('schemas eq "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"')).toBe(true);
  });

  it('accepts the string "True" against a boolean (Entra: roles[primary eq "True"])', () => {
    expect(match('roles[primary eq "True"].value eq "admin"')).toBe(true);
    expect(match('active eq "false"')).toBe(false);
    expect(match('active eq true')).toBe(true);
    expect(match('active eq false')).toBe(false);
    expect(match('active ne false')).toBe(true);
  });

  it('compares dateTimes chronologically and numbers numerically', () => {
    expect(match('meta.lastModified gt "2011-05-13T04:42:33Z"')).toBe(true);
    expect(match('meta.lastModified gt "2011-05-13T06:42:34+02:00"')).toBe(false);
    expect(match('meta.lastModified ge "2011-05-13T06:42:34+02:00"')).toBe(true);
    expect(match('meta.created lt "2011-01-01T00:00:00Z" and meta.created eq "2010-01-23T04:56:22.000Z"')).toBe(true);
    expect(matchesFilter('n gt 9', { n: 10 })).toBe(true);
    expect(matchesFilter('n lt 9', { n: 10 })).toBe(false);
    expect(matchesFilter('n eq 10.0', { n: 10 })).toBe(true);
  });

  it('refuses ordering on boolean and binary attributes (invalidFilter), even with no data', () => {
    expect(() => compileFilter(parseFilter('active gt true'), userLookup)).toThrow(InvalidFilterError);
    expect(() => compileFilter(parseFilter('x509Certificates.value le "x"'), userLookup)).toThrow(InvalidFilterError);
    expect(() => compileFilter(parseFilter('emails[primary lt true]'), userLookup)).toThrow(InvalidFilterError);
    expect(() => matchesFilter('flag ge true', { flag: true })).toThrow(InvalidFilterError);
    expect(match('x509Certificates.value sw "TUlJ"')).toBe(true);
  });

  it('pr means present and non-empty', () => {
    expect(match('title pr')).toBe(false);
    expect(match('nickName pr')).toBe(false);
    expect(match('name pr')).toBe(true);
    expect(match('emails pr')).toBe(true);
    expect(match('emails.display pr')).toBe(false);
    expect(match('name.givenName pr')).toBe(true);
    expect(match('nickName eq null')).toBe(true);
    expect(match('userName ne null')).toBe(true);
    expect(match('not (nickName pr)')).toBe(true);
  });

  it('resolves extension attributes by URN, and unknown attributes match nothing', () => {
    expect(match(`${ENTERPRISE}:employeeNumber eq "701984"`)).toBe(true);
    expect(match(`${ENTERPRISE.toLowerCase()}:EMPLOYEENUMBER sw "70"`)).toBe(true);
    expect(match(`${ENTERPRISE}:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d"`)).toBe(true);
    expect(match('urn:ietf:params:scim:schemas:core:2.0:User:name.givenName eq "barbara"')).toBe(true);
    expect(match('nonsense eq "x"')).toBe(false);
    expect(match('nonsense ne "x"')).toBe(false);
    expect(match('name.nonsense pr')).toBe(false);
    expect(match('not (nonsense eq "x")')).toBe(true);
    expect(match('nickName ne "x"')).toBe(false);
  });

  it('evaluates logic with and/or/not and grouping', () => {
    expect(match('name.FamilyName eq "jensen" and (emails.Value co "example.com" or emails.Value co "example.org")')).toBe(true);
    expect(match('userName eq "x" or active eq true and title pr')).toBe(false);
    expect(match('(userName eq "x" or active eq true) and not (title pr)')).toBe(true);
  });

  it('handles malformed resources without throwing', () => {
    for (const resource of [null, 'string', 42, [], { emails: 'not-a-list' }, { emails: [null, 5, 'x'] }, { name: 'flat' }]) {
      expect(() => match('emails[type eq "work"] or emails.value co "x" or name.givenName pr or userName eq "a"', resource)).not.toThrow();
    }
  });

  it('works on groups', () => {
    const group = { displayName: 'Tour Guides', members: [{ value: 'a1', type: 'User' }, { value: 'b2', type: 'Group' }] };
    expect(matchesFilter('displayName eq "tour guides"', group, groupLookup)).toBe(true);
    expect(matchesFilter('members.value eq "b2"', group, groupLookup)).toBe(true);
    expect(matchesFilter('members[value eq "B2"]', group, groupLookup)).toBe(true);
    expect(matchesFilter('members[type eq "Group" and value eq "a1"]', group, groupLookup)).toBe(false);
  });
});

describe('matchesFilter without a schema', () => {
  it('infers types from the values, case-insensitive strings', () => {
    expect(matchesFilter('userName eq "BJENSEN@example.com"', babs)).toBe(true);
    expect(matchesFilter('emails[type eq "work"].value co "example"', babs)).toBe(true);
    expect(matchesFilter(`${ENTERPRISE}:employeeNumber eq "701984"`, babs)).toBe(true);
    expect(matchesFilter('custom eq "x"', { Custom: 'X' })).toBe(true);
  });
});

describe('selectValues', () => {
  it('selects by body path', () => {
    expect(selectValues(babs, 'emails[type eq "work"].value')).toEqual(['bjensen@example.com']);
    expect(selectValues(babs, 'emails[type eq "WORK"].value', userLookup)).toEqual(['bjensen@example.com']);
    expect(selectValues(babs, 'emails.value')).toEqual(['bjensen@example.com', 'babs@jensen.org']);
    expect(selectValues(babs, 'name.givenName')).toEqual(['Barbara']);
    expect(selectValues(babs, `${ENTERPRISE}:employeeNumber`)).toEqual(['701984']);
    expect(selectValues(babs, `${ENTERPRISE}:manager.value`, userLookup)).toEqual(['26118915-6090-4610-87e4-49d8ca9f808d']);
    expect(selectValues(babs, 'emails[type eq "other"]')).toEqual([]);
    expect(selectValues(babs, 'nickName')).toEqual([]);
    expect(selectValues(babs, 'emails[primary eq true]')).toEqual([babs.emails[0]]);
  });
});

describe('typed attributes from a custom schema', () => {
  const lookup = createSchemaLookup({
    id: 'urn:example:scim:schemas:Device',
    name: 'Device',
    description: 'test',
    attributes: [
      { name: 'size', type: 'integer', multiValued: false, description: 'n', required: false, mutability: 'readWrite', returned: 'default' },
      { name: 'ratio', type: 'decimal', multiValued: true, description: 'd', required: false, mutability: 'readWrite', returned: 'default' },
      dateTimeAttribute('seen', 'when'),
      stringAttribute('serial', 's', { caseExact: true }),
    ],
  });
  const device = { size: 10, ratio: [0.5, 2.25], seen: '2024-02-01T10:00:00+01:00', serial: 'AbC' };

  it('compares integers and decimals numerically, dateTimes chronologically, caseExact strings exactly', () => {
    expect(matchesFilter('size gt 9', device, lookup)).toBe(true);
    expect(matchesFilter('size le 9.5', device, lookup)).toBe(false);
    expect(matchesFilter('size eq "10"', device, lookup)).toBe(true);
    expect(matchesFilter('ratio ge 2', device, lookup)).toBe(true);
    expect(matchesFilter('ratio lt 0.1', device, lookup)).toBe(false);
    expect(matchesFilter('seen eq "2024-02-01T09:00:00Z"', device, lookup)).toBe(true);
    expect(matchesFilter('seen lt "2024-02-01T09:30:00Z"', device, lookup)).toBe(true);
    expect(matchesFilter('serial eq "abc"', device, lookup)).toBe(false);
    expect(matchesFilter('serial sw "Ab"', device, lookup)).toBe(true);
    expect(matchesFilter('serial gt "ABC"', device, lookup)).toBe(true);
    expect(matchesFilter('size co 1', device, lookup)).toBe(false);
  });
});
