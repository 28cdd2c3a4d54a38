import type {
  ScimAttributeDefinition,
  ScimMutability,
  ScimReturned,
  ScimUniqueness,
} from './types.js';

/**
 * Builders that spell out every field of an attribute the way RFC 7643 §8.7.1 does, so the
 * schema files read like the RFC listing without repeating `"required": false` a hundred times.
 */

interface CommonOptions {
  multiValued?: boolean;
  required?: boolean;
  mutability?: ScimMutability;
  returned?: ScimReturned;
}

interface StringOptions extends CommonOptions {
  caseExact?: boolean;
  uniqueness?: ScimUniqueness;
  canonicalValues?: string[];
}

function base(name: string, description: string, options: CommonOptions) {
  return {
    name,
    multiValued: options.multiValued ?? false,
    description,
    required: options.required ?? false,
  };
}

function tail(options: CommonOptions) {
  return { mutability: options.mutability ?? 'readWrite', returned: options.returned ?? 'default' } as const;
}

export function stringAttribute(name: string, description: string, options: StringOptions = {}): ScimAttributeDefinition {
  return {
    ...base(name, description, options),
    type: 'string',
    caseExact: options.caseExact ?? false,
    ...(options.canonicalValues ? { canonicalValues: options.canonicalValues } : {}),
    ...tail(options),
    uniqueness: options.uniqueness ?? 'none',
  };
}

export function booleanAttribute(name: string, description: string, options: CommonOptions = {}): ScimAttributeDefinition {
  return { ...base(name, description, options), type: 'boolean', ...tail(options) };
}

export function dateTimeAttribute(name: string, description: string, options: StringOptions = {}): ScimAttributeDefinition {
  return {
    ...base(name, description, options),
    type: 'dateTime',
    caseExact: options.caseExact ?? false,
    ...tail(options),
    uniqueness: options.uniqueness ?? 'none',
  };
}

export function binaryAttribute(name: string, description: string, options: StringOptions = {}): ScimAttributeDefinition {
  return {
    ...base(name, description, options),
    type: 'binary',
    caseExact: options.caseExact ?? false,
    ...tail(options),
    uniqueness: options.uniqueness ?? 'none',
  };
}

export function referenceAttribute(
  name: string,
  referenceTypes: string[],
  description: string,
  options: StringOptions = {},
): ScimAttributeDefinition {
  return {
    ...base(name, description, options),
    type: 'reference',
    referenceTypes,
    caseExact: options.caseExact ?? false,
    ...tail(options),
    uniqueness: options.uniqueness ?? 'none',
  };
}

export function complexAttribute(
  name: string,
  description: string,
  subAttributes: ScimAttributeDefinition[],
  options: CommonOptions & { uniqueness?: ScimUniqueness } = {},
): ScimAttributeDefinition {
  return {
    ...base(name, description, options),
    type: 'complex',
    subAttributes,
    ...tail(options),
    uniqueness: options.uniqueness ?? 'none',
  };
}

/**
 * The four sub-attributes RFC 7643 §2.4 gives most multi-valued attributes (`value`, `display`,
 * `type`, `primary`), with the `value` definition and `type` canonical values varying.
 */
export function multiValuedSubAttributes(
  value: ScimAttributeDefinition,
  what: string,
  canonicalTypes: string[] | undefined,
): ScimAttributeDefinition[] {
  return [
    value,
    stringAttribute('display', `A human-readable name for the ${what}, primarily used for display purposes. READ-ONLY.`),
    stringAttribute(
      'type',
      `A label indicating the ${what}'s function.`,
      canonicalTypes ? { canonicalValues: canonicalTypes } : {},
    ),
    booleanAttribute(
      'primary',
      `A Boolean value indicating the 'primary' or preferred ${what}. The primary attribute value 'true' MUST appear no more than once.`,
    ),
  ];
}
