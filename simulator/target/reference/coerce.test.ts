import { describe, expect, it } from 'vitest';
import { booleanAttribute, complexAttribute, dateTimeAttribute, stringAttribute } from '../../scim/schema/define.js';
import type { ScimAttributeDefinition } from '../../scim/schema/types.js';
import { coerceValue } from './coerce.js';
import { ScimError } from './errors.js';

const integer: ScimAttributeDefinition = { name: 'n', type: 'integer', multiValued: false, description: 'n', required: false, mutability: 'readWrite', returned: 'default' };
const decimal: ScimAttributeDefinition = { ...integer, type: 'decimal' };

function refused(definition: ScimAttributeDefinition, value: unknown) {
  try {
    coerceValue(definition, value, definition.name);
  } catch (error) {
    expect(error).toBeInstanceOf(ScimError);
    expect((error as ScimError).scimType).toBe('invalidValue');
    return;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('coerceValue', () => {
  it('checks numbers', () => {
    expect(coerceValue(integer, 42, 'n')).toBe(42);
    refused(integer, 4.2);
    refused(integer, '42');
    expect(coerceValue(decimal, 4.2, 'n')).toBe(4.2);
    refused(decimal, 'x');
  });

  it('checks xsd:dateTime and keeps it as sent', () => {
    const when = dateTimeAttribute('when', 'w');
    expect(coerceValue(when, '2008-01-23T04:56:22Z', 'when')).toBe('2008-01-23T04:56:22Z');
    expect(coerceValue(when, '2008-01-23T04:56:22.123+02:00', 'when')).toBe('2008-01-23T04:56:22.123+02:00');
    for (const bad of ['2008-01-23', 'yesterday', '2008-13-45T99:99:99Z', 5]) refused(when, bad);
  });

  it('coerces boolean strings and refuses others', () => {
    const flag = booleanAttribute('flag', 'f');
    expect(coerceValue(flag, ' TRUE ', 'flag')).toBe(true);
    expect(coerceValue(flag, 'False', 'flag')).toBe(false);
    for (const bad of ['yes', '1', 1, 0, {}, []]) refused(flag, bad);
  });

  it('drops unknown and readOnly sub-attributes and unassigned values', () => {
    const thing = complexAttribute('thing', 't', [stringAttribute('value', 'v'), stringAttribute('label', 'l', { mutability: 'readOnly' })]);
    expect(coerceValue(thing, { VALUE: 'a', label: 'x', other: 1 }, 'thing')).toEqual({ value: 'a' });
    expect(coerceValue(thing, { label: 'x' }, 'thing')).toBeUndefined();
    expect(coerceValue(thing, 'bare', 'thing')).toEqual({ value: 'bare' });
    expect(coerceValue(thing, [{ value: 'one' }], 'thing')).toEqual({ value: 'one' });
    refused(thing, [{ value: 'one' }, { value: 'two' }]);
    const list = { ...thing, multiValued: true };
    expect(coerceValue(list, { value: 'solo' }, 'thing')).toEqual([{ value: 'solo' }]);
    expect(coerceValue(list, [null, {}, { value: 'kept' }], 'thing')).toEqual([{ value: 'kept' }]);
    expect(coerceValue(list, [], 'thing')).toBeUndefined();
  });
});
