import { applyValueObject } from './operations.js';
import { applyPatch } from './patch.js';
import { finalizeData } from './finalize.js';
import { plainPolicy, type ResourcePolicy } from './policy.js';
import type { ResourceTypeConfig } from './resource-types.js';
import type { ResourceData, ResourceStore, StoredResource } from './store.js';

/**
 * Create, replace and patch, from request body to stored resource. Each builds new data on the
 * side, checks it (`finalizeData`, then the policy's `check`), and only then hands it to the
 * store, so a failure changes nothing. The policy hears of every write that went through.
 */

/** The data a POST/PUT body describes (read-only attributes and unknown attributes ignored). */
function dataFromBody(type: ResourceTypeConfig, body: unknown): ResourceData {
  const data: ResourceData = {};
  applyValueObject('add', data, body, { lookup: type.lookup, mode: 'write' });
  return data;
}

/** POST (RFC 7644 §3.3), or the adoption of an existing resource when the policy says so. */
export function createResource(type: ResourceTypeConfig, store: ResourceStore, body: unknown, policy: ResourcePolicy = plainPolicy): StoredResource {
  const data = finalizeData(type, dataFromBody(type, body), store);
  const adopted = policy.adopt(type, data);
  if (adopted) return checkAndStore(type, store, adopted, keepPassword(type, data, adopted), policy).resource;
  policy.check(type, data, undefined);
  const created = store.create(type.name, data);
  policy.written(type, created, undefined);
  return created;
}

/** Check and store new data for an existing resource; tell the policy. */
function checkAndStore(type: ResourceTypeConfig, store: ResourceStore, resource: StoredResource, data: ResourceData, policy: ResourcePolicy): { resource: StoredResource; changed: boolean } {
  policy.check(type, data, resource);
  const previous = resource.data;
  const changed = store.update(resource, data);
  policy.written(type, resource, previous);
  return { resource, changed };
}

/** `password` is writeOnly, never returned: a body without one keeps the stored one. */
function keepPassword(type: ResourceTypeConfig, data: ResourceData, resource: StoredResource): ResourceData {
  if (type.name === 'User' && data.password === undefined && resource.data.password !== undefined) data.password = resource.data.password;
  return data;
}

/**
 * PUT (RFC 7644 §3.5.1): the body replaces every client-writable attribute; attributes left out
 * are cleared — except `password` (writeOnly, never returned, so a client's read-modify-write
 * such as Okta's cannot carry it): an omitted password keeps the stored one.
 */
export function replaceResource(type: ResourceTypeConfig, store: ResourceStore, resource: StoredResource, body: unknown, policy: ResourcePolicy = plainPolicy): boolean {
  const data = keepPassword(type, dataFromBody(type, body), resource);
  return checkAndStore(type, store, resource, finalizeData(type, data, store, resource.id), policy).changed;
}

/** PATCH (RFC 7644 §3.5.2). Returns whether anything changed. */
export function patchResource(type: ResourceTypeConfig, store: ResourceStore, resource: StoredResource, body: unknown, policy: ResourcePolicy = plainPolicy): boolean {
  const data = applyPatch(resource.data, body, { lookup: type.lookup, id: resource.id });
  return checkAndStore(type, store, resource, finalizeData(type, data, store, resource.id), policy).changed;
}
