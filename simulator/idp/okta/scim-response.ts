/** Reading the ids out of what a SCIM server answered, without trusting its shape. */

/** A resource's non-empty string `id`. */
export function resourceId(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const id = (json as { id?: unknown }).id;
  return typeof id === 'string' && id !== '' ? id : undefined;
}

/** The first resource with an id in a ListResponse. */
export function firstResourceId(json: unknown): string | undefined {
  for (const resource of listResources(json)) {
    const id = resourceId(resource);
    if (id !== undefined) return id;
  }
  return undefined;
}

/** `Resources` of a ListResponse, or nothing. */
export function listResources(json: unknown): unknown[] {
  if (typeof json !== 'object' || json === null) return [];
  const resources = (json as { Resources?: unknown }).Resources;
  return Array.isArray(resources) ? resources : [];
}
