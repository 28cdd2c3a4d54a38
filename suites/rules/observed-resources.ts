import { GROUP_SCHEMA, USER_SCHEMA } from '../../simulator/scim/schema/urns.js';
import { isListResponse, isResourceResponse, jsonObject, type ObservedExchange } from './observed-exchange.js';

export type ResourceTypeName = 'User' | 'Group';

/** One User or Group found in a response: the body itself, or an entry of `Resources`. */
export interface ObservedResource {
  resource: Record<string, unknown>;
  /** `body` or `Resources[3]`, for messages. */
  where: string;
  type: ResourceTypeName;
  /** The client restricted the attributes returned (attributes / excludedAttributes). */
  projected: boolean;
}

const CORE_URN: Record<ResourceTypeName, string> = { User: USER_SCHEMA, Group: GROUP_SCHEMA };

export function coreSchemaUrn(type: ResourceTypeName): string {
  return CORE_URN[type];
}

const cache = new WeakMap<ObservedExchange, ObservedResource[]>();

/** Every User/Group in the response; cached, since many rules ask. */
export function observedResources(o: ObservedExchange): ObservedResource[] {
  const hit = cache.get(o);
  if (hit) return hit;
  const found = collect(o);
  cache.set(o, found);
  return found;
}

function collect(o: ObservedExchange): ObservedResource[] {
  const type: ResourceTypeName | undefined = o.endpoint === 'Users' ? 'User' : o.endpoint === 'Groups' ? 'Group' : undefined;
  const projected = isProjected(o);
  if (type && isResourceResponse(o)) {
    const body = jsonObject(o);
    return body ? [{ resource: body, where: 'body', type, projected }] : [];
  }
  if (type && isListResponse(o)) {
    const resources = jsonObject(o)?.['Resources'];
    if (!Array.isArray(resources)) return [];
    return resources.flatMap((r, i) =>
      r !== null && typeof r === 'object' && !Array.isArray(r) ? [{ resource: r as Record<string, unknown>, where: `Resources[${i}]`, type, projected }] : [],
    );
  }
  return [];
}

function isProjected(o: ObservedExchange): boolean {
  if (o.query.has('attributes') || o.query.has('excludedAttributes')) return true;
  if (!o.isSearch) return false;
  try {
    const body = JSON.parse(o.exchange.request.body ?? '{}') as Record<string, unknown>;
    return body['attributes'] !== undefined || body['excludedAttributes'] !== undefined;
  } catch {
    return false;
  }
}
