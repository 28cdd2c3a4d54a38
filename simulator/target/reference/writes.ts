import { applyValueObject } from './operations.js';
import { applyPatch } from './patch.js';
import { finalizeData } from './finalize.js';
import type { ResourceTypeConfig } from './resource-types.js';
import type { ResourceData, ResourceStore, StoredResource } from './store.js';

/**
 * Create, replace and patch, from request body to stored resource. Each builds new data on the
 * side, checks it, and only then hands it to the store, so a failure changes nothing.
 */

/** The data a POST/PUT body describes (read-only attributes and unknown attributes ignored). */
function dataFromBody(type: ResourceTypeConfig, body: unknown): ResourceData {
  const data: ResourceData = {};
  applyValueObject('add', data, body, { lookup: type.lookup, mode: 'write' });
  return data;
}

/** POST (RFC 7644 §3.3). */
export function createResource(type: ResourceTypeConfig, store: ResourceStore, body: unknown): StoredResource {
  const data = finalizeData(type, dataFromBody(type, body), store);
  return store.create(type.name, data);
}

/**
 * PUT (RFC 7644 §3.5.1): the body replaces every client-writable attribute; attributes left out
 * are cleared — except `password` (writeOnly, never returned, so a client's read-modify-write
 * such as Okta's cannot carry it): an omitted password keeps the stored one.
 */
export function replaceResource(type: ResourceTypeConfig, store: ResourceStore, resource: StoredResource, body: unknown): boolean {
  const data = dataFromBody(type, body);
  if (type.name === 'User' && data.password === undefined && resource.data.password !== undefined) {
    data.password = resource.data.password;
  }
  return store.update(resource, finalizeData(type, data, store, resource.id));
}

/** PATCH (RFC 7644 §3.5.2). Returns whether anything changed. */
export function patchResource(type: ResourceTypeConfig, store: ResourceStore, resource: StoredResource, body: unknown): boolean {
  const data = applyPatch(resource.data, body, { lookup: type.lookup, id: resource.id });
  return store.update(resource, finalizeData(type, data, store, resource.id));
}
