import type { Exchange, ExchangeResponse } from '../../simulator/scim/exchange.js';

/** Which SCIM endpoint a request addressed, relative to the base URL. */
export type EndpointKind =
  | 'Users'
  | 'Groups'
  | 'ServiceProviderConfig'
  | 'ResourceTypes'
  | 'Schemas'
  | 'Bulk'
  | 'Me'
  | 'search'
  | 'other';

export type ParsedBody = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'invalid'; error: string };

/**
 * An exchange with what every rule needs worked out once: the endpoint, the resource id, the
 * query parameters and the parsed response body.
 */
export interface ObservedExchange {
  exchange: Exchange;
  response: ExchangeResponse;
  method: string;
  endpoint: EndpointKind;
  /** `/Users/{id}` → the id; `.search` is not an id. */
  resourceId?: string;
  /** POST …/.search */
  isSearch: boolean;
  query: URLSearchParams;
  body: ParsedBody;
  /** Lower-cased media type without parameters, or '' when absent. */
  mediaType: string;
}

const ENDPOINTS: Record<string, EndpointKind> = {
  users: 'Users',
  groups: 'Groups',
  serviceproviderconfig: 'ServiceProviderConfig',
  serviceproviderconfigs: 'ServiceProviderConfig',
  resourcetypes: 'ResourceTypes',
  schemas: 'Schemas',
  bulk: 'Bulk',
  me: 'Me',
  '.search': 'search',
};

/** Work out an exchange's facts; undefined when no response arrived (nothing for rules to judge). */
export function observe(exchange: Exchange, baseUrl: string): ObservedExchange | undefined {
  const response = exchange.response;
  if (!response || exchange.error?.code === 'response-too-large') return undefined;
  const url = new URL(exchange.request.url);
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  let rel = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
  rel = rel.replace(/^\/+/, '');
  const parts = rel.split('/').filter(Boolean).map(safeDecode);
  const endpoint = ENDPOINTS[(parts[0] ?? '').toLowerCase()] ?? 'other';
  const isSearch = exchange.request.method === 'POST' && parts[parts.length - 1] === '.search';
  const resourceId = parts.length === 2 && !isSearch ? parts[1] : undefined;
  return {
    exchange,
    response,
    method: exchange.request.method.toUpperCase(),
    endpoint,
    resourceId,
    isSearch,
    query: url.searchParams,
    body: parseBody(response.body),
    mediaType: (response.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase(),
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function parseBody(text: string): ParsedBody {
  if (text.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    return { kind: 'invalid', error: (error as Error).message };
  }
}

/** A 2xx response to a request addressing one User or Group (or creating one). */
export function isResourceResponse(o: ObservedExchange): boolean {
  if (o.endpoint !== 'Users' && o.endpoint !== 'Groups') return false;
  if (o.response.status < 200 || o.response.status >= 300 || o.body.kind !== 'json') return false;
  if (o.isSearch) return false;
  if (o.method === 'POST') return o.resourceId === undefined;
  return o.resourceId !== undefined && ['GET', 'PUT', 'PATCH'].includes(o.method);
}

/** A 200 answer to a query: GET on a collection, or POST .search. */
export function isListResponse(o: ObservedExchange): boolean {
  if (o.response.status !== 200 || o.body.kind !== 'json') return false;
  if (o.isSearch) return true;
  return o.method === 'GET' && o.resourceId === undefined && ['Users', 'Groups', 'ResourceTypes', 'Schemas'].includes(o.endpoint);
}

export function jsonObject(o: ObservedExchange): Record<string, unknown> | undefined {
  const v = o.body.kind === 'json' ? o.body.value : undefined;
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
