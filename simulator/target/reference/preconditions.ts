import type { Request } from 'express';
import { ScimError } from './errors.js';
import { etagOf } from './render.js';
import type { StoredResource } from './store.js';

/** The opaque tags of an If-Match / If-None-Match header; `*` is kept as is. Weak comparison. */
function tagsOf(header: string): string[] {
  return header
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '')
    .map((tag) => (tag.startsWith('W/') ? tag.slice(2) : tag));
}

function matches(header: string, resource: StoredResource): boolean {
  const current = etagOf(resource).slice(2);
  return tagsOf(header).some((tag) => tag === '*' || tag === current);
}

/** RFC 7644 §3.14: a write with an `If-Match` that does not match the current version → 412. */
export function checkIfMatch(req: Request, resource: StoredResource): void {
  const header = req.headers['if-match'];
  if (header === undefined) return;
  if (!matches(header, resource)) {
    throw new ScimError(412, `If-Match ${header.slice(0, 100)} does not match the current version ${etagOf(resource)}.`);
  }
}

/** RFC 7644 §3.14: a GET whose `If-None-Match` matches the current version → 304. */
export function notModified(req: Request, resource: StoredResource): boolean {
  const header = req.headers['if-none-match'];
  return header !== undefined && matches(header, resource);
}
