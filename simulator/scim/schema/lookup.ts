import { commonAttributes } from './common.js';
import { enterpriseUserSchema } from './enterprise-user.js';
import { groupSchema } from './group.js';
import type { ScimAttributeDefinition, ScimSchemaDefinition } from './types.js';
import { userSchema } from './user.js';

/** An attribute path split into its parts: `[schema URN ":"] attribute ["." subAttribute]`. */
export interface AttributePathParts {
  /** Schema URN prefix, e.g. `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`. */
  schema?: string;
  attribute: string;
  subAttribute?: string;
}

/** What a path names, with the definitions it went through. */
export interface ResolvedAttribute {
  /** URN of the schema that defines the top-level attribute (the core URN for common attributes). */
  schemaUrn: string;
  /** True when the attribute lives in an extension, i.e. under the extension's URN key in JSON. */
  inExtension: boolean;
  /** The top-level attribute. */
  attribute: ScimAttributeDefinition;
  /** The sub-attribute, when the path has one. */
  subAttribute?: ScimAttributeDefinition;
  /** `subAttribute ?? attribute`: the definition the path ends at. */
  target: ScimAttributeDefinition;
  /** Canonical spelling: `name.givenName`, `urn:…:enterprise:2.0:User:employeeNumber`. */
  path: string;
}

/**
 * Case-insensitive attribute lookup over one resource type: its core schema, the common
 * attributes (`schemas`, `id`, `externalId`, `meta`) and its extensions (RFC 7643 §2.1: attribute
 * names are case-insensitive; §3.3: extension attributes are qualified by the extension URN).
 */
export interface SchemaLookup {
  readonly core: ScimSchemaDefinition;
  readonly extensions: readonly ScimSchemaDefinition[];
  /** The core or an extension schema by URN, case-insensitively. */
  schema(urn: string): ScimSchemaDefinition | undefined;
  /** True if `urn` (any case) is one of the extension URNs. */
  isExtension(urn: string): boolean;
  /** Resolve already-split parts. Unknown schema, attribute or sub-attribute → undefined. */
  resolve(parts: AttributePathParts): ResolvedAttribute | undefined;
  /**
   * Resolve a textual path: `userName`, `name.givenName`, `meta.created`,
   * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`,
   * `urn:ietf:params:scim:schemas:core:2.0:User:name.familyName`. Value filters are not part of
   * this syntax (parse those with the filter module's `parsePath`).
   */
  find(path: string): ResolvedAttribute | undefined;
  /** A sub-attribute of a complex attribute, case-insensitively. */
  subAttribute(parent: ScimAttributeDefinition, name: string): ScimAttributeDefinition | undefined;
}

const subAttributeIndex = new WeakMap<ScimAttributeDefinition, Map<string, ScimAttributeDefinition>>();

function indexByName(attributes: readonly ScimAttributeDefinition[]): Map<string, ScimAttributeDefinition> {
  const map = new Map<string, ScimAttributeDefinition>();
  for (const attribute of attributes) map.set(attribute.name.toLowerCase(), attribute);
  return map;
}

/** A sub-attribute of a complex attribute by case-insensitive name. */
export function findSubAttribute(parent: ScimAttributeDefinition, name: string): ScimAttributeDefinition | undefined {
  if (!parent.subAttributes) return undefined;
  let index = subAttributeIndex.get(parent);
  if (!index) {
    index = indexByName(parent.subAttributes);
    subAttributeIndex.set(parent, index);
  }
  return index.get(name.toLowerCase());
}

/**
 * Split a textual attribute path. A URN prefix is recognised by `knownUrns` (longest match
 * first), else split at the last `:` (attribute names cannot contain one, RFC 7643 §2.1).
 * Returns undefined when the text cannot be a path (`a.b.c`, empty parts).
 */
export function splitAttributePath(path: string, knownUrns: readonly string[] = []): AttributePathParts | undefined {
  let schema: string | undefined;
  let rest = path;
  if (/^urn:/i.test(path)) {
    const lower = path.toLowerCase();
    const known = [...knownUrns]
      .sort((a, b) => b.length - a.length)
      .find((urn) => lower.startsWith(`${urn.toLowerCase()}:`));
    const cut = known ? known.length : path.lastIndexOf(':');
    schema = path.slice(0, cut);
    rest = path.slice(cut + 1);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || parts.some((part) => part.length === 0)) return undefined;
  const [attribute, subAttribute] = parts as [string, string | undefined];
  return { ...(schema !== undefined ? { schema } : {}), attribute, ...(subAttribute !== undefined ? { subAttribute } : {}) };
}

export function createSchemaLookup(
  core: ScimSchemaDefinition,
  extensions: readonly ScimSchemaDefinition[] = [],
  common: readonly ScimAttributeDefinition[] = commonAttributes,
): SchemaLookup {
  const coreIndex = indexByName([...common, ...core.attributes]);
  const extensionIndex = new Map<string, { schema: ScimSchemaDefinition; index: Map<string, ScimAttributeDefinition> }>();
  for (const extension of extensions) {
    extensionIndex.set(extension.id.toLowerCase(), { schema: extension, index: indexByName(extension.attributes) });
  }
  const knownUrns = [core.id, ...extensions.map((extension) => extension.id)];

  function build(
    schema: ScimSchemaDefinition,
    inExtension: boolean,
    attribute: ScimAttributeDefinition,
    subName: string | undefined,
  ): ResolvedAttribute | undefined {
    const prefix = inExtension ? `${schema.id}:` : '';
    if (subName === undefined) return { schemaUrn: schema.id, inExtension, attribute, target: attribute, path: prefix + attribute.name };
    const subAttribute = findSubAttribute(attribute, subName);
    if (!subAttribute) return undefined;
    return {
      schemaUrn: schema.id,
      inExtension,
      attribute,
      subAttribute,
      target: subAttribute,
      path: `${prefix}${attribute.name}.${subAttribute.name}`,
    };
  }

  function resolve(parts: AttributePathParts): ResolvedAttribute | undefined {
    const name = parts.attribute.toLowerCase();
    if (parts.schema !== undefined) {
      const urn = parts.schema.toLowerCase();
      if (urn === core.id.toLowerCase()) {
        const attribute = coreIndex.get(name);
        return attribute ? build(core, false, attribute, parts.subAttribute) : undefined;
      }
      const extension = extensionIndex.get(urn);
      const attribute = extension?.index.get(name);
      return extension && attribute ? build(extension.schema, true, attribute, parts.subAttribute) : undefined;
    }
    const attribute = coreIndex.get(name);
    if (attribute) return build(core, false, attribute, parts.subAttribute);
    // Unqualified names belong to the core schema (RFC 7644 §3.10). Entra's default dialect
    // nevertheless patches `manager` without the enterprise URN, so an unqualified name that
    // exactly one extension defines resolves to it.
    const candidates = [...extensionIndex.values()].filter((extension) => extension.index.has(name));
    if (candidates.length !== 1) return undefined;
    const only = candidates[0]!;
    return build(only.schema, true, only.index.get(name)!, parts.subAttribute);
  }

  return {
    core,
    extensions,
    schema(urn) {
      const lower = urn.toLowerCase();
      if (lower === core.id.toLowerCase()) return core;
      return extensionIndex.get(lower)?.schema;
    },
    isExtension(urn) {
      return extensionIndex.has(urn.toLowerCase());
    },
    resolve,
    find(path) {
      const parts = splitAttributePath(path, knownUrns);
      return parts ? resolve(parts) : undefined;
    },
    subAttribute: findSubAttribute,
  };
}

/** Users: core User schema + the Enterprise User extension. */
export const userLookup: SchemaLookup = createSchemaLookup(userSchema, [enterpriseUserSchema]);
/** Groups: core Group schema, no extensions. */
export const groupLookup: SchemaLookup = createSchemaLookup(groupSchema);

/** Find an attribute definition by a case-insensitive path in the given lookup (default: Users). */
export function findAttribute(path: string, lookup: SchemaLookup = userLookup): ResolvedAttribute | undefined {
  return lookup.find(path);
}
