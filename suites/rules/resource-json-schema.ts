import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import {
  commonAttributes,
  enterpriseUserSchema,
  groupSchema,
  userSchema,
  type ScimAttributeDefinition,
  type ScimSchemaDefinition,
} from '../../simulator/scim/schema/index.js';
import type { ResourceTypeName } from './observed-resources.js';

type JsonSchema = Record<string, unknown>;

/** ajv-formats ships CommonJS; its default export arrives wrapped under ESM. */
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

const SCALAR: Record<Exclude<ScimAttributeDefinition['type'], 'complex'>, JsonSchema> = {
  string: { type: 'string' },
  boolean: { type: 'boolean' },
  decimal: { type: 'number' },
  integer: { type: 'integer' },
  dateTime: { type: 'string', format: 'date-time' },
  binary: { type: 'string' },
  reference: { type: 'string' },
};

/**
 * One attribute as JSON Schema. Null is accepted everywhere: RFC 7643 §2.5 makes null, an empty
 * list and absence equivalent. Unknown keys are allowed (extensions, vendor attributes).
 */
function attributeSchema(attr: ScimAttributeDefinition, asItem = false): JsonSchema {
  if (attr.multiValued && !asItem) return { type: ['array', 'null'], items: attributeSchema(attr, true) };
  if (attr.type !== 'complex') {
    const scalar = SCALAR[attr.type];
    return asItem ? scalar : { ...scalar, type: [scalar['type'], 'null'] };
  }
  return { type: asItem ? 'object' : ['object', 'null'], properties: propertiesOf(attr.subAttributes ?? []) };
}

function propertiesOf(attributes: readonly ScimAttributeDefinition[]): Record<string, JsonSchema> {
  return Object.fromEntries(attributes.map((a) => [a.name, attributeSchema(a)]));
}

/** A resource's JSON Schema: core attributes, common attributes, and each extension under its URN. */
export function resourceJsonSchema(core: ScimSchemaDefinition, extensions: ScimSchemaDefinition[] = []): JsonSchema {
  const properties = propertiesOf([...commonAttributes, ...core.attributes]);
  for (const ext of extensions) properties[ext.id] = { type: 'object', properties: propertiesOf(ext.attributes) };
  return { type: 'object', properties };
}

let validators: Record<ResourceTypeName, ValidateFunction> | undefined;

/** Compiled once per process: the User (with the enterprise extension) and Group validators. */
export function resourceValidator(type: ResourceTypeName): ValidateFunction {
  if (!validators) {
    const ajv = addFormats(new Ajv({ allErrors: false, strict: false }));
    validators = {
      User: ajv.compile(resourceJsonSchema(userSchema, [enterpriseUserSchema])),
      Group: ajv.compile(resourceJsonSchema(groupSchema)),
    };
  }
  return validators[type];
}

/** `emails[0].primary must be boolean` from an ajv error. */
export function describeSchemaError(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
  return `${path || 'the resource'} ${expectedBySchema(error)}`;
}

/** What the schema wanted, in words: `must be boolean` (null is always allowed, so not named). */
export function expectedBySchema(error: ErrorObject): string {
  if (error.keyword === 'type') {
    const types = ([] as string[]).concat(error.params['type'] as string | string[]).filter((t) => t !== 'null');
    return `must be ${types.join(' or ')}`;
  }
  return error.message ?? 'is invalid';
}
