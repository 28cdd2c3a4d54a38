import { describe, expect, it } from 'vitest';
import {
  ENTERPRISE_USER_SCHEMA,
  commonAttributes,
  enterpriseUserSchema,
  findAttribute,
  groupLookup,
  groupSchema,
  splitAttributePath,
  userLookup,
  userSchema,
  type ScimAttributeDefinition,
} from './index.js';

function walk(attributes: readonly ScimAttributeDefinition[], visit: (a: ScimAttributeDefinition, parent?: ScimAttributeDefinition) => void, parent?: ScimAttributeDefinition) {
  for (const attribute of attributes) {
    visit(attribute, parent);
    if (attribute.subAttributes) walk(attribute.subAttributes, visit, attribute);
  }
}

describe('schema definitions (RFC 7643 §8.7.1)', () => {
  it('every attribute carries the §7 characteristics', () => {
    for (const schema of [userSchema, groupSchema, enterpriseUserSchema]) {
      walk([...schema.attributes, ...commonAttributes], (attribute, parent) => {
        expect(attribute.name, schema.id).toMatch(/^\$?[A-Za-z][\w-]*$/);
        expect(typeof attribute.multiValued).toBe('boolean');
        expect(typeof attribute.required).toBe('boolean');
        expect(['readOnly', 'readWrite', 'immutable', 'writeOnly']).toContain(attribute.mutability);
        expect(['always', 'never', 'default', 'request']).toContain(attribute.returned);
        expect(attribute.description.length).toBeGreaterThan(5);
        if (attribute.type === 'complex') {
          expect(attribute.subAttributes?.length).toBeGreaterThan(0);
          expect(parent, 'no complex sub-attributes (RFC 7643 §2.3.8)').toBeUndefined();
          expect(attribute.caseExact).toBeUndefined();
        } else {
          expect(attribute.subAttributes).toBeUndefined();
        }
        if (attribute.type === 'reference') expect(attribute.referenceTypes?.length).toBeGreaterThan(0);
        if (attribute.type === 'boolean') {
          expect(attribute.caseExact).toBeUndefined();
          expect(attribute.uniqueness).toBeUndefined();
        }
      });
    }
  });

  it('has the characteristics the protocol depends on', () => {
    expect(findAttribute('userName')?.target).toMatchObject({ required: true, caseExact: false, uniqueness: 'server' });
    expect(findAttribute('password')?.target).toMatchObject({ mutability: 'writeOnly', returned: 'never' });
    expect(findAttribute('id')?.target).toMatchObject({ caseExact: true, returned: 'always', mutability: 'readOnly' });
    expect(findAttribute('externalId')?.target).toMatchObject({ caseExact: true });
    expect(findAttribute('groups')?.target).toMatchObject({ mutability: 'readOnly', multiValued: true });
    expect(findAttribute('emails.value')?.target).toMatchObject({ caseExact: false });
    expect(findAttribute('emails.type')?.target.canonicalValues).toEqual(['work', 'home', 'other']);
    expect(findAttribute('active')?.target.type).toBe('boolean');
    expect(findAttribute('x509Certificates.value')?.target.type).toBe('binary');
    expect(findAttribute('meta.created')?.target.type).toBe('dateTime');
    expect(groupLookup.find('members.value')?.target.mutability).toBe('immutable');
    expect(groupLookup.find('displayName')?.target.caseExact).toBe(false);
  });
});

describe('schema lookup', () => {
  it('is case-insensitive and returns canonical paths', () => {
    expect(findAttribute('USERNAME')?.path).toBe('userName');
    expect(findAttribute('name.GIVENNAME')?.path).toBe('name.givenName');
    expect(findAttribute('Meta.LastModified')?.path).toBe('meta.lastModified');
    expect(findAttribute('emails.$REF')).toBeUndefined();
    expect(findAttribute('groups.$ref')?.target.type).toBe('reference');
  });

  it('resolves URN-qualified paths', () => {
    const employeeNumber = findAttribute(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`);
    expect(employeeNumber).toMatchObject({ schemaUrn: ENTERPRISE_USER_SCHEMA, inExtension: true, path: `${ENTERPRISE_USER_SCHEMA}:employeeNumber` });
    expect(findAttribute(`${ENTERPRISE_USER_SCHEMA.toUpperCase()}:MANAGER.value`)?.path).toBe(`${ENTERPRISE_USER_SCHEMA}:manager.value`);
    expect(findAttribute('urn:ietf:params:scim:schemas:core:2.0:User:name.familyName')).toMatchObject({ inExtension: false, path: 'name.familyName' });
    expect(findAttribute('urn:ietf:params:scim:schemas:core:2.0:User:employeeNumber')).toBeUndefined();
    expect(findAttribute('urn:example:unknown:attr')).toBeUndefined();
    expect(groupLookup.find(`${ENTERPRISE_USER_SCHEMA}:employeeNumber`)).toBeUndefined();
  });

  it('falls back to a unique extension for unqualified names (Entra sends `manager`)', () => {
    expect(findAttribute('manager')).toMatchObject({ inExtension: true, schemaUrn: ENTERPRISE_USER_SCHEMA });
    expect(findAttribute('department')?.path).toBe(`${ENTERPRISE_USER_SCHEMA}:department`);
  });

  it('rejects what is not an attribute path', () => {
    expect(findAttribute('name.givenName.x')).toBeUndefined();
    expect(findAttribute('')).toBeUndefined();
    expect(findAttribute('nope')).toBeUndefined();
    expect(findAttribute('name.')).toBeUndefined();
    expect(splitAttributePath('urn:a:b:c.d')).toEqual({ schema: 'urn:a:b', attribute: 'c', subAttribute: 'd' });
  });

  it('knows its schemas', () => {
    expect(userLookup.schema(ENTERPRISE_USER_SCHEMA.toLowerCase())).toBe(enterpriseUserSchema);
    expect(userLookup.isExtension(ENTERPRISE_USER_SCHEMA)).toBe(true);
    expect(userLookup.isExtension(userSchema.id)).toBe(false);
  });
});
