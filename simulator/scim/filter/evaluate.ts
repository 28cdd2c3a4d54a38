import { findSubAttribute, type SchemaLookup } from '../schema/lookup.js';
import type { ScimAttributeDefinition } from '../schema/types.js';
import type { AttributePath, CompareNode, CompareOperator, FilterNode, FilterValue } from './ast.js';
import { InvalidFilterError } from './errors.js';
import { parseFilter } from './parser.js';
import { asList, getIgnoreCase, isPlainObject, isPresent } from './values.js';

/**
 * Filter evaluation with RFC 7644 §3.4.2.2 semantics:
 * - attribute names are case-insensitive; string comparisons honour the attribute's `caseExact`
 *   (default false, RFC 7643 §2.2);
 * - a multi-valued attribute matches when any of its values matches;
 * - a complex attribute compared without a sub-attribute is compared on its `value`
 *   sub-attribute (the RFC's own example: `emails co "example.com"`);
 * - `gt`/`ge`/`lt`/`le` compare strings lexically, numbers numerically, dateTimes
 *   chronologically, and raise `InvalidFilterError` on boolean and binary attributes;
 * - `pr`: present and non-empty; `eq null` / `ne null`: absent / present;
 * - an attribute the schema lookup does not know matches nothing, whatever the operator
 *   (`not (...)` of it therefore matches everything); an absent attribute matches nothing
 *   either, including `ne` (there is no value that differs).
 * Without a schema lookup, types are taken from the values themselves and strings compare
 * case-insensitively.
 */

/** A compiled filter: true when the resource (or, inside a value path, the value) matches. */
export type FilterPredicate = (resource: unknown) => boolean;

interface Operand {
  /** Present and non-empty (for `pr`, `eq null`). */
  present(node: unknown): boolean;
  /** The scalar values an operator compares against. */
  candidates(node: unknown): unknown[];
  /** The definition of those scalars, when a schema is known. */
  definition?: ScimAttributeDefinition;
  /** Name as written, for messages. */
  name: string;
}

interface Scope {
  /** The operand a path names in this scope; undefined when the attribute is unknown. */
  operand(path: AttributePath): Operand | undefined;
  /** The values of the attribute a value path filters, and their element definition. */
  collection(path: AttributePath): { values(node: unknown): unknown[]; definition?: ScimAttributeDefinition } | undefined;
}

const ORDERING = new Set<CompareOperator>(['gt', 'ge', 'lt', 'le']);

function pathName(path: AttributePath): string {
  const name = path.subAttribute !== undefined ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema !== undefined ? `${path.schema}:${name}` : name;
}

function flatGet(values: unknown[], name: string): unknown[] {
  const out: unknown[] = [];
  for (const value of values) {
    for (const item of asList(getIgnoreCase(value, name))) out.push(item);
  }
  return out;
}

function operandFrom(values: (node: unknown) => unknown[], definition: ScimAttributeDefinition | undefined, name: string): Operand {
  if (definition?.type === 'complex') {
    // Compared without a sub-attribute: compare the `value` sub-attribute, if there is one.
    const valueDefinition = findSubAttribute(definition, 'value');
    return {
      name,
      present: (node) => values(node).some(isPresent),
      candidates: (node) => (valueDefinition ? flatGet(values(node), valueDefinition.name) : []),
      ...(valueDefinition ? { definition: valueDefinition } : {}),
    };
  }
  if (definition) return { name, present: (node) => values(node).some(isPresent), candidates: values, definition };
  return {
    name,
    present: (node) => values(node).some(isPresent),
    candidates: (node) => values(node).flatMap((value) => (isPlainObject(value) ? asList(getIgnoreCase(value, 'value')) : [value])),
  };
}

/** Scope of a whole resource, resolved through a schema lookup. */
function schemaScope(lookup: SchemaLookup): Scope {
  function attributeValues(path: AttributePath) {
    const resolved = lookup.resolve({ ...(path.schema !== undefined ? { schema: path.schema } : {}), attribute: path.attribute });
    if (!resolved) return undefined;
    const { inExtension, schemaUrn, attribute } = resolved;
    const values = (node: unknown) => asList(getIgnoreCase(inExtension ? getIgnoreCase(node, schemaUrn) : node, attribute.name));
    return { values, attribute };
  }
  return {
    operand(path) {
      const found = attributeValues(path);
      if (!found) return undefined;
      if (path.subAttribute === undefined) return operandFrom(found.values, found.attribute, pathName(path));
      const sub = findSubAttribute(found.attribute, path.subAttribute);
      if (!sub) return undefined;
      return operandFrom((node) => flatGet(found.values(node), sub.name), sub, pathName(path));
    },
    collection(path) {
      const found = attributeValues(path);
      return found ? { values: found.values, definition: found.attribute } : undefined;
    },
  };
}

/** Scope of a whole resource without a schema: names are looked up in the data. */
function dataScope(): Scope {
  function attributeValues(path: AttributePath) {
    return (node: unknown) => {
      const container = path.schema !== undefined ? (getIgnoreCase(node, path.schema) ?? node) : node;
      return asList(getIgnoreCase(container, path.attribute));
    };
  }
  return {
    operand(path) {
      const values = attributeValues(path);
      const sub = path.subAttribute;
      return operandFrom(sub === undefined ? values : (node) => flatGet(values(node), sub), undefined, pathName(path));
    },
    collection(path) {
      return { values: attributeValues(path) };
    },
  };
}

/** Scope of one value of a multi-valued complex attribute (inside `[...]`). */
function elementScope(parent: ScimAttributeDefinition | undefined): Scope {
  return {
    operand(path) {
      if (path.schema !== undefined || path.subAttribute !== undefined) return undefined;
      if (!parent) return operandFrom((element) => asList(getIgnoreCase(element, path.attribute)), undefined, path.attribute);
      const sub = findSubAttribute(parent, path.attribute);
      if (!sub) return undefined;
      return operandFrom((element) => asList(getIgnoreCase(element, sub.name)), sub, path.attribute);
    },
    collection() {
      return undefined;
    },
  };
}

function toBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && value.trim() !== '') {
    const number = Number(value);
    return Number.isFinite(number) ? number : undefined;
  }
  return undefined;
}

function ordered(operator: CompareOperator, difference: number): boolean {
  switch (operator) {
    case 'eq':
      return difference === 0;
    case 'ne':
      return difference !== 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
    default:
      return false;
  }
}

function compareStrings(operator: CompareOperator, actual: string, literal: string, caseExact: boolean): boolean {
  const a = caseExact ? actual : actual.toLowerCase();
  const l = caseExact ? literal : literal.toLowerCase();
  switch (operator) {
    case 'co':
      return a.includes(l);
    case 'sw':
      return a.startsWith(l);
    case 'ew':
      return a.endsWith(l);
    default:
      return ordered(operator, a < l ? -1 : a > l ? 1 : 0);
  }
}

function inferType(value: unknown): ScimAttributeDefinition['type'] {
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'decimal';
  if (typeof value === 'string') return 'string';
  return 'complex';
}

/** One scalar value against the operator and literal (never null here). */
function compareScalar(
  operator: CompareOperator,
  actual: unknown,
  literal: Exclude<FilterValue, null>,
  definition: ScimAttributeDefinition | undefined,
  name: string,
): boolean {
  const type = definition ? definition.type : inferType(actual);
  const caseExact = definition?.caseExact ?? false;
  const substring = operator === 'co' || operator === 'sw' || operator === 'ew';
  switch (type) {
    case 'boolean': {
      if (ORDERING.has(operator)) throw new InvalidFilterError(`'${operator}' is not defined for the boolean attribute '${name}'`);
      const a = toBoolean(actual);
      const l = toBoolean(literal);
      if (a === undefined || l === undefined || substring) return operator === 'ne';
      return operator === 'eq' ? a === l : a !== l;
    }
    case 'integer':
    case 'decimal': {
      const a = toNumber(actual);
      const l = toNumber(literal);
      if (a === undefined || l === undefined || substring) return operator === 'ne';
      return ordered(operator, a - l);
    }
    case 'dateTime': {
      if (typeof actual !== 'string' || typeof literal !== 'string') return operator === 'ne';
      const a = Date.parse(actual);
      const l = Date.parse(literal);
      if (!substring && Number.isFinite(a) && Number.isFinite(l)) return ordered(operator, a - l);
      return compareStrings(operator, actual, literal, caseExact);
    }
    case 'binary':
      if (ORDERING.has(operator)) throw new InvalidFilterError(`'${operator}' is not defined for the binary attribute '${name}'`);
      return typeof actual === 'string' ? compareStrings(operator, actual, String(literal), caseExact) : operator === 'ne';
    case 'complex':
      return operator === 'ne';
    default: {
      const a = typeof actual === 'string' ? actual : typeof actual === 'number' || typeof actual === 'boolean' ? String(actual) : undefined;
      if (a === undefined) return operator === 'ne';
      return compareStrings(operator, a, typeof literal === 'string' ? literal : String(literal), caseExact);
    }
  }
}

function compileCompare(node: CompareNode, scope: Scope): FilterPredicate {
  const operand = scope.operand(node.path);
  if (!operand) return () => false;
  const { operator, value } = node;
  const definition = operand.definition;
  if (definition && (definition.type === 'boolean' || definition.type === 'binary') && ORDERING.has(operator)) {
    throw new InvalidFilterError(`'${operator}' is not defined for the ${definition.type} attribute '${operand.name}'`);
  }
  if (value === null) {
    if (operator === 'eq') return (resource) => !operand.present(resource);
    if (operator === 'ne') return (resource) => operand.present(resource);
    return () => false;
  }
  return (resource) => operand.candidates(resource).some((actual) => compareScalar(operator, actual, value, definition, operand.name));
}

function compile(node: FilterNode, scope: Scope): FilterPredicate {
  switch (node.type) {
    case 'compare':
      return compileCompare(node, scope);
    case 'present': {
      const operand = scope.operand(node.path);
      return operand ? (resource) => operand.present(resource) : () => false;
    }
    case 'and': {
      const filters = node.filters.map((child) => compile(child, scope));
      return (resource) => filters.every((filter) => filter(resource));
    }
    case 'or': {
      const filters = node.filters.map((child) => compile(child, scope));
      return (resource) => filters.some((filter) => filter(resource));
    }
    case 'not': {
      const filter = compile(node.filter, scope);
      return (resource) => !filter(resource);
    }
    case 'valuePath': {
      const collection = scope.collection(node.path);
      if (!collection || node.path.subAttribute !== undefined) return () => false;
      const definition = collection.definition;
      const inner = compile(node.filter, elementScope(definition?.type === 'complex' ? definition : undefined));
      return (resource) => collection.values(resource).some(inner);
    }
  }
}

/**
 * Compile a filter into a predicate over resources. Throws `InvalidFilterError` when the
 * schema says the filter cannot be evaluated (`gt` on a boolean…), so a server can answer 400
 * before looking at any data. Without a lookup the same error can surface at evaluation time.
 */
export function compileFilter(filter: FilterNode, lookup?: SchemaLookup): FilterPredicate {
  return compile(filter, lookup ? schemaScope(lookup) : dataScope());
}

/**
 * Compile the filter of a value path (`emails[type eq "work"]`) into a predicate over one value
 * of the attribute; `attribute` is the multi-valued attribute's definition, when known.
 */
export function compileValueFilter(filter: FilterNode, attribute?: ScimAttributeDefinition): FilterPredicate {
  return compile(filter, elementScope(attribute?.type === 'complex' ? attribute : undefined));
}

/** Does `resource` match `filter`? A string filter is parsed first (may throw `FilterSyntaxError`). */
export function matchesFilter(filter: FilterNode | string, resource: unknown, lookup?: SchemaLookup): boolean {
  const node = typeof filter === 'string' ? parseFilter(filter) : filter;
  return compileFilter(node, lookup)(resource);
}
