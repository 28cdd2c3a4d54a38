import { observedResources, coreSchemaUrn } from './observed-resources.js';
import { fail, pass, type ProtocolRule, type RuleVerdict } from './rule.js';
import type { ObservedExchange } from './observed-exchange.js';
import type { ObservedResource } from './observed-resources.js';
import { describeSchemaError, expectedBySchema, resourceValidator } from './resource-json-schema.js';

/** Apply a per-resource test to every resource in the response; the first failure is the verdict. */
function eachResource(o: ObservedExchange, test: (r: ObservedResource) => RuleVerdict | undefined): RuleVerdict | undefined {
  const resources = observedResources(o);
  let applied = false;
  for (const r of resources) {
    const verdict = test(r);
    if (!verdict) continue;
    applied = true;
    if (!verdict.passed) return { ...verdict, message: `${r.where}: ${verdict.message}` };
  }
  return applied ? pass : undefined;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export const resourceSchemasRule: ProtocolRule = {
  id: 'rfc7643-3-schemas',
  title: 'Resources list their core schema in `schemas`, without duplicates',
  level: 'MUST',
  citation: 'RFC 7643 §3',
  check: (o) =>
    eachResource(o, ({ resource, type }) => {
      const schemas = resource['schemas'];
      const urn = coreSchemaUrn(type);
      if (!Array.isArray(schemas) || schemas.length === 0) return fail('`schemas` is missing or empty', [urn], schemas);
      if (!schemas.includes(urn)) return fail(`\`schemas\` lacks ${urn}`, urn, schemas);
      if (new Set(schemas).size !== schemas.length) return fail('`schemas` has duplicates', 'distinct URNs', schemas);
      return pass;
    }),
};

export const resourceIdRule: ProtocolRule = {
  id: 'rfc7643-3.1-id',
  title: 'Resources have a non-empty string `id` (the one addressed, on single reads)',
  level: 'MUST',
  citation: 'RFC 7643 §3.1',
  check: (o) =>
    eachResource(o, ({ resource, where }) => {
      const id = resource['id'];
      if (typeof id !== 'string' || id === '') return fail('`id` is missing or not a non-empty string', 'a non-empty string', id);
      if (id === 'bulkId') return fail('`id` is the reserved word "bulkId"', 'a server-assigned id', id);
      if (where === 'body' && o.resourceId !== undefined && o.resourceId !== id) return fail('`id` is not the id that was addressed', o.resourceId, id);
      return pass;
    }),
};

export const resourceMetaRule: ProtocolRule = {
  id: 'rfc7643-3.1-meta',
  title: '`meta` has resourceType, created, lastModified and location, well-formed',
  level: 'SHOULD',
  citation: 'RFC 7643 §3.1',
  check: (o) =>
    eachResource(o, ({ resource, type, projected }) => {
      const meta = resource['meta'];
      if (meta === undefined && projected) return undefined; // meta is returned by default only
      if (meta === null || typeof meta !== 'object' || Array.isArray(meta)) return fail('`meta` is missing', 'an object', meta);
      const m = meta as Record<string, unknown>;
      if (m['resourceType'] !== type) return fail('`meta.resourceType` is wrong', type, m['resourceType']);
      for (const field of ['created', 'lastModified']) {
        if (typeof m[field] !== 'string' || !DATE_TIME.test(m[field] as string)) return fail(`\`meta.${field}\` is not an xsd:dateTime`, 'e.g. 2026-01-01T00:00:00Z', m[field]);
      }
      if (Date.parse(m['lastModified'] as string) < Date.parse(m['created'] as string)) {
        return fail('`meta.lastModified` is before `meta.created`', `≥ ${String(m['created'])}`, m['lastModified']);
      }
      if (typeof m['location'] !== 'string' || !/^https?:\/\//.test(m['location'])) return fail('`meta.location` is not an absolute URI', 'the resource URI', m['location']);
      return pass;
    }),
};

export const passwordNeverReturnedRule: ProtocolRule = {
  id: 'rfc7643-4.1.1-password-never-returned',
  title: '`password` is never returned',
  level: 'MUST',
  citation: 'RFC 7643 §4.1.1, §7 (returned: never)',
  check: (o) =>
    eachResource(o, ({ resource, type }) => {
      if (type !== 'User') return undefined;
      const key = Object.keys(resource).find((k) => k.toLowerCase() === 'password');
      return key === undefined ? pass : fail('the response contains `password`', '(absent)', '‹a password value›');
    }),
};

export const singlePrimaryRule: ProtocolRule = {
  id: 'rfc7643-2.4-single-primary',
  title: 'At most one value of a multi-valued attribute is primary',
  level: 'MUST',
  citation: 'RFC 7643 §2.4',
  check: (o) =>
    eachResource(o, ({ resource }) => {
      for (const [name, value] of Object.entries(resource)) {
        if (!Array.isArray(value)) continue;
        const primaries = value.filter((v) => v !== null && typeof v === 'object' && (v as Record<string, unknown>)['primary'] === true).length;
        if (primaries > 1) return fail(`\`${name}\` has ${primaries} primary values`, 'at most 1', primaries);
      }
      return pass;
    }),
};

export const etagVersionRule: ProtocolRule = {
  id: 'rfc7644-3.14-etag-version',
  title: 'The ETag header equals `meta.version`',
  level: 'MUST',
  citation: 'RFC 7644 §3.14',
  check(o) {
    const etag = o.response.headers['etag'];
    if (!etag) return undefined;
    return eachResource(o, ({ resource, where }) => {
      if (where !== 'body') return undefined;
      const version = (resource['meta'] as Record<string, unknown> | undefined)?.['version'];
      if (version === undefined) return undefined;
      return version === etag ? pass : fail('ETag and meta.version differ', etag, version);
    });
  },
};

export const attributeTypesRule: ProtocolRule = {
  id: 'rfc7643-attribute-types',
  title: 'Attributes have the types the RFC 7643 schemas define',
  level: 'MUST',
  citation: 'RFC 7643 §2.3, §4, §8.7.1',
  check: (o) =>
    eachResource(o, ({ resource, type }) => {
      const validate = resourceValidator(type);
      if (validate(resource)) return pass;
      const first = validate.errors?.[0];
      const message = first ? describeSchemaError(first) : 'does not match the schema';
      return fail(message, first ? expectedBySchema(first).replace(/^must be /, '') : 'the RFC 7643 attribute type', first ? valueAt(resource, first.instancePath) : undefined);
    }),
};

/** The value an ajv instancePath points at, for the `actual` column. */
function valueAt(root: unknown, pointer: string): unknown {
  let current: unknown = root;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    current = current !== null && typeof current === 'object' ? (current as Record<string, unknown>)[key] : undefined;
  }
  return current;
}

export const resourceRules: ProtocolRule[] = [
  resourceSchemasRule,
  resourceIdRule,
  attributeTypesRule,
  resourceMetaRule,
  passwordNeverReturnedRule,
  singlePrimaryRule,
  etagVersionRule,
];
