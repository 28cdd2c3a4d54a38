import { getIgnoreCase, isPlainObject } from '../../scim/filter/values.js';
import { PATCH_OP_MESSAGE } from '../../scim/schema/urns.js';
import { ScimError, badRequest } from './errors.js';
import { applyToTarget, applyValueObject, type OperationContext, type OperationName } from './operations.js';
import type { ResourceData } from './store.js';
import { resolvePatchPath } from './targets.js';

const OPERATIONS = new Set<string>(['add', 'replace', 'remove']);

/** The `Operations` of a PatchOp request body, after checking its shape (RFC 7644 §3.5.2). */
function operationsOf(body: unknown): unknown[] {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'A PATCH body must be a JSON object (a PatchOp message).');
  const schemas = getIgnoreCase(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === PATCH_OP_MESSAGE.toLowerCase())) {
    throw badRequest('invalidSyntax', `A PATCH body must list "${PATCH_OP_MESSAGE}" in "schemas".`);
  }
  const operations = getIgnoreCase(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest('invalidSyntax', 'A PATCH body needs a non-empty "Operations" array.');
  }
  return operations;
}

function applyOne(data: ResourceData, raw: unknown, context: OperationContext): void {
  if (!isPlainObject(raw)) throw badRequest('invalidSyntax', 'each operation must be an object with "op", optional "path" and "value".');
  const opValue = getIgnoreCase(raw, 'op');
  // Microsoft Entra sends "Add", "Replace", "Remove": op is matched case-insensitively.
  const op = typeof opValue === 'string' ? opValue.toLowerCase() : undefined;
  if (op === undefined || !OPERATIONS.has(op)) {
    throw badRequest('invalidSyntax', `"op" must be "add", "replace" or "remove", got ${JSON.stringify(opValue ?? null)}.`);
  }
  const name = op as OperationName;
  const path = getIgnoreCase(raw, 'path');
  const value = getIgnoreCase(raw, 'value');
  if (path === undefined || path === null) {
    if (name === 'remove') throw badRequest('noTarget', 'A "remove" operation needs a "path".');
    if (value === undefined) throw badRequest('invalidValue', `An "${name}" operation needs a "value".`);
    applyValueObject(name, data, value, context);
    return;
  }
  if (typeof path !== 'string' || path.trim() === '') throw badRequest('invalidPath', '"path" must be a non-empty string.');
  applyToTarget(name, data, resolvePatchPath(path, context.lookup), value, context);
}

/**
 * Apply a PatchOp body to a copy of `current` and return the copy. All or nothing
 * (RFC 7644 §3.5.2: "If any operation fails, the entire request fails"): on the first failing
 * operation this throws (detail prefixed with `Operations[i]`) and `current` is untouched.
 */
export function applyPatch(current: ResourceData, body: unknown, context: Omit<OperationContext, 'mode'>): ResourceData {
  const operations = operationsOf(body);
  const data = structuredClone(current);
  operations.forEach((raw, index) => {
    try {
      applyOne(data, raw, { ...context, mode: 'patch' });
    } catch (error) {
      if (error instanceof ScimError) throw new ScimError(error.status, `Operations[${index}]: ${error.detail}`, error.scimType, error.headers);
      throw error;
    }
  });
  return data;
}
