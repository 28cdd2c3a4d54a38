import type { EntraValue } from '../expressions/entra/index.js';
import { ENTERPRISE_USER_SCHEMA, PATCH_OP_MESSAGE, USER_SCHEMA } from '../../scim/schema/urns.js';
import { evaluateMapping, type CompiledMapping, type MappingInputs } from './attribute-mappings.js';
import type { EntraSettings } from './settings.js';
import { readTargetValue, sameScalar, setTargetValue } from './target-paths.js';

/** One attribute Entra is about to send, with what the target had. */
export interface AttributeChange {
  name: string;
  oldValue?: unknown;
  newValue: unknown;
  /** The target lacked it: Entra sends `Add` (research §2.4, ❓ addWhenMissing). */
  missing: boolean;
  /** A Boolean target attribute (active, emails[…].primary). */
  boolean: boolean;
}

export type PatchOperation = { op: string; path?: string; value?: unknown };

/**
 * The create body (research §2.4): the mapped values placed at their target paths, nulls left
 * out, `meta.resourceType`, and the schemas of the documented sample. Boolean attributes go as
 * JSON booleans, as in the samples; `active` per the ❓ activeOnCreate setting.
 */
export function createUserBody(mappings: readonly CompiledMapping[], inputs: MappingInputs, settings: EntraSettings): { body: Record<string, unknown>; sent: AttributeChange[] } {
  const extensions = new Set<string>();
  const attributes: Record<string, unknown> = {};
  const sent: AttributeChange[] = [];
  for (const mapping of mappings) {
    // Reference attributes (manager) are resolved after the users of the cycle exist (E-HOW initial cycle step 6).
    if (mapping.spec.targetType === 'Reference') continue;
    const value = evaluateMapping(mapping, inputs, 'create');
    if (value === undefined) continue;
    const boolean = mapping.spec.targetType === 'Boolean';
    const wire = boolean && !(mapping.target === 'active' && settings.assumed.activeOnCreate === 'mapped-string') ? asBoolean(value) : value;
    setTargetValue(attributes, mapping.target, wire);
    if (mapping.target.startsWith('urn:')) extensions.add(mapping.target.slice(0, mapping.target.lastIndexOf(':')));
    sent.push({ name: mapping.target, newValue: wire, missing: true, boolean });
  }
  const schemas = [USER_SCHEMA];
  if (settings.assumed.createSchemas === 'core-and-enterprise') extensions.add(ENTERPRISE_USER_SCHEMA);
  schemas.push(...[...extensions].sort((a, b) => (a === ENTERPRISE_USER_SCHEMA ? -1 : b === ENTERPRISE_USER_SCHEMA ? 1 : a.localeCompare(b))));
  return { body: { schemas, ...attributes, meta: { resourceType: 'User' } }, sent };
}

/**
 * The attributes whose mapped value the target does not hold yet. Values that differ only in
 * case are not pushed (attributes are not "Exact case" by default, E-FUNC).
 */
export function changedAttributes(mappings: readonly CompiledMapping[], inputs: MappingInputs, resource: unknown): AttributeChange[] {
  const changes: AttributeChange[] = [];
  for (const mapping of mappings) {
    if (mapping.spec.targetType === 'Reference') continue;
    const value = evaluateMapping(mapping, inputs, 'update');
    if (value === undefined) continue;
    const current = readTargetValue(resource, mapping.target);
    const boolean = mapping.spec.targetType === 'Boolean';
    if (Array.isArray(value) ? JSON.stringify(current) === JSON.stringify(value) : sameScalar(current, value, false)) continue;
    changes.push({ name: mapping.target, ...(current === undefined ? {} : { oldValue: current }), newValue: value, missing: current === undefined || current === null, boolean });
  }
  return changes;
}

/**
 * The PATCH operations for those changes. Without the flag (research §2.4, §2.8 #1, #2): one op per
 * attribute, capitalised, the mapping's string as is ("False"). With `aadOptscim062020` (research
 * §2.6): lower-case ops, booleans as JSON booleans, and plain attributes being replaced merged into
 * one path-less op keyed by dotted paths when there are several; filtered paths stay separate ops.
 */
export function userPatchOperations(changes: readonly AttributeChange[], settings: EntraSettings, compliant: boolean): PatchOperation[] {
  const addOp = (change: AttributeChange) => change.missing && settings.assumed.addWhenMissing;
  if (!compliant) {
    return changes.map((change) => ({ op: addOp(change) ? 'Add' : 'Replace', path: change.name, value: change.newValue }));
  }
  const ops: PatchOperation[] = [];
  const merged: Record<string, unknown> = {};
  for (const change of changes) {
    const value = change.boolean ? asBoolean(change.newValue as EntraValue) : change.newValue;
    if (addOp(change)) ops.push({ op: 'add', path: change.name, value });
    else if (change.name.includes('[')) ops.push({ op: 'replace', path: change.name, value });
    else merged[change.name] = value;
  }
  const keys = Object.keys(merged);
  // research §2.6 shows the merge for several attributes and a path op for active alone; one plain attribute keeps its path.
  // E-KNOWN's flagged sample puts the filtered-path op first and the merged op after it: the plain attributes go last.
  if (keys.length === 1) ops.push({ op: 'replace', path: keys[0]!, value: merged[keys[0]!] });
  else if (keys.length > 1) ops.push({ op: 'replace', value: merged });
  return ops;
}

export function patchBody(operations: readonly PatchOperation[]): Record<string, unknown> {
  return { schemas: [PATCH_OP_MESSAGE], Operations: operations };
}

function asBoolean(value: EntraValue): boolean | EntraValue {
  if (typeof value !== 'string') return value;
  if (value.toLowerCase() === 'true') return true;
  if (value.toLowerCase() === 'false') return false;
  return value;
}
