import type { FilterNode } from '../../scim/filter/ast.js';
import { FilterSyntaxError, InvalidFilterError } from '../../scim/filter/errors.js';
import { compileFilter, type FilterPredicate } from '../../scim/filter/evaluate.js';
import { parseFilter } from '../../scim/filter/parser.js';
import { getIgnoreCase, isPlainObject } from '../../scim/filter/values.js';
import { LIST_RESPONSE_MESSAGE, SEARCH_REQUEST_MESSAGE } from '../../scim/schema/urns.js';
import { badRequest } from './errors.js';
import { attributeList, compileProjection } from './projection.js';
import type { ResourceTypeConfig } from './resource-types.js';
import { renderResource, type RenderContext } from './render.js';
import { sortResources } from './sort.js';
import type { StoredResource } from './store.js';
import { filterNeedsFullRender, queryView, sortNeedsFullRender } from './views.js';

/** ServiceProviderConfig `filter.maxResults`: the most resources one page returns. */
export const MAX_RESULTS = 200;

/** A query, from GET parameters or a SearchRequest body (RFC 7644 §3.4.2, §3.4.3). */
export interface ListRequest {
  filter?: string;
  /** 1-based, already clamped to ≥ 1. */
  startIndex: number;
  /** Already clamped to 0…MAX_RESULTS. */
  count: number;
  sortBy?: string;
  sortOrder: 'ascending' | 'descending';
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListResponse {
  schemas: [typeof LIST_RESPONSE_MESSAGE];
  totalResults: number;
  itemsPerPage: number;
  startIndex: number;
  Resources: Record<string, unknown>[];
}

/** A number out of a parameter: numbers, numeric strings; anything else is "not given". */
function integerOf(raw: unknown): number | undefined {
  const number = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN;
  return Number.isFinite(number) ? Math.trunc(number) : undefined;
}

function stringOf(raw: unknown, name: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'string') return raw;
  throw badRequest('invalidValue', Array.isArray(raw) ? `"${name}" was given more than once.` : `"${name}" must be a string.`);
}

function listRequest(get: (name: string) => unknown): ListRequest {
  // RFC 7644 §3.4.2.4: startIndex < 1 is 1; a negative count is 0; a non-number is "not given".
  const startIndex = Math.min(Math.max(integerOf(get('startIndex')) ?? 1, 1), Number.MAX_SAFE_INTEGER);
  const count = Math.min(Math.max(integerOf(get('count')) ?? MAX_RESULTS, 0), MAX_RESULTS);
  const order = stringOf(get('sortOrder'), 'sortOrder')?.trim().toLowerCase();
  if (order !== undefined && order !== 'ascending' && order !== 'descending') {
    throw badRequest('invalidValue', `"sortOrder" must be "ascending" or "descending", got ${JSON.stringify(order)}.`);
  }
  const filter = stringOf(get('filter'), 'filter');
  const sortBy = stringOf(get('sortBy'), 'sortBy')?.trim();
  const attributes = attributeList(get('attributes'), 'attributes');
  const excludedAttributes = attributeList(get('excludedAttributes'), 'excludedAttributes');
  return {
    ...(filter !== undefined ? { filter } : {}),
    startIndex,
    count,
    ...(sortBy ? { sortBy } : {}),
    sortOrder: order === 'descending' ? 'descending' : 'ascending',
    ...(attributes ? { attributes } : {}),
    ...(excludedAttributes ? { excludedAttributes } : {}),
  };
}

/** From GET query parameters. */
export function listRequestFromQuery(query: Record<string, unknown>): ListRequest {
  return listRequest((name) => query[name]);
}

/** From a POST `/.search` body (RFC 7644 §3.4.3); `schemas` must name SearchRequest when given. */
export function listRequestFromSearch(body: unknown): ListRequest {
  if (!isPlainObject(body)) throw badRequest('invalidSyntax', 'A search body must be a JSON object (a SearchRequest message).');
  const schemas = getIgnoreCase(body, 'schemas');
  if (schemas !== undefined) {
    const ok = Array.isArray(schemas) && schemas.some((urn) => typeof urn === 'string' && urn.toLowerCase() === SEARCH_REQUEST_MESSAGE.toLowerCase());
    if (!ok) throw badRequest('invalidSyntax', `A search body must list "${SEARCH_REQUEST_MESSAGE}" in "schemas".`);
  }
  return listRequest((name) => getIgnoreCase(body, name));
}

/** Parse and compile a filter; syntax and semantic problems are 400 `invalidFilter`. */
export function compileQueryFilter(text: string, type: ResourceTypeConfig): { node: FilterNode; test: FilterPredicate } {
  try {
    const node = parseFilter(text);
    return { node, test: compileFilter(node, type.lookup) };
  } catch (error) {
    if (error instanceof FilterSyntaxError) throw badRequest('invalidFilter', `Invalid filter: ${error.message}: ${text.length > 200 ? `${text.slice(0, 200)}…` : text}`);
    if (error instanceof InvalidFilterError) throw badRequest('invalidFilter', `Invalid filter: ${error.message}.`);
    throw error;
  }
}

/**
 * The resources a filter can possibly match. `userName eq "…"` (Users), `displayName eq "…"`
 * (Groups) and `id eq "…"` — what IdPs send before every create — use the store's indexes, also
 * as one conjunct of an `and`; anything else scans.
 */
function candidates(type: ResourceTypeConfig, node: FilterNode | undefined, context: RenderContext): StoredResource[] {
  const { store } = context;
  const indexed = (child: FilterNode): StoredResource[] | undefined => {
    if (child.type !== 'compare' || child.operator !== 'eq' || typeof child.value !== 'string' || child.path.subAttribute !== undefined) return undefined;
    const resolved = type.lookup.resolve({ ...(child.path.schema !== undefined ? { schema: child.path.schema } : {}), attribute: child.path.attribute });
    if (!resolved || resolved.inExtension) return undefined;
    if (resolved.attribute.name === type.uniqueAttribute) {
      const found = store.findByUniqueValue(type.name, child.value);
      return found ? [found] : [];
    }
    if (resolved.attribute.name === 'id') {
      const found = store.get(type.name, child.value);
      return found ? [found] : [];
    }
    return undefined;
  };
  if (node) {
    const direct = indexed(node);
    if (direct) return direct;
    if (node.type === 'and') {
      for (const child of node.filters) {
        const found = indexed(child);
        if (found) return found;
      }
    }
  }
  return store.all(type.name);
}

/**
 * Filter, sort, page and project: the ListResponse of RFC 7644 §3.4.2. Filtering and sorting
 * work on cached query views; only the returned page is rendered — unless the query looks at
 * computed attributes (`groups`, `members.display`…), in which case everything is rendered.
 */
export function runQuery(type: ResourceTypeConfig, request: ListRequest, context: RenderContext): ListResponse {
  const filter = request.filter !== undefined ? compileQueryFilter(request.filter, type) : undefined;
  const project = compileProjection(type.lookup, request.attributes, request.excludedAttributes);
  const sortBy = request.sortBy !== undefined ? type.lookup.find(request.sortBy) : undefined;
  const full = (filter !== undefined && filterNeedsFullRender(filter.node)) || sortNeedsFullRender(sortBy);
  const resources = candidates(type, filter?.node, context);
  if (!filter && request.sortBy === undefined) {
    // Plain paging (Okta's imports): render only the page.
    const page = resources.slice(request.startIndex - 1, request.startIndex - 1 + request.count);
    return listResponse(resources.length, request.startIndex, page.map((resource) => project(renderResource(resource, context))));
  }
  let entries = resources.map((resource) => ({
    resource,
    view: full ? renderResource(resource, context) : queryView(resource, type),
  }));
  if (filter) entries = entries.filter((entry) => filter.test(entry.view));
  if (request.sortBy !== undefined) entries = sortResources(entries, request.sortBy, request.sortOrder, type.lookup);
  const page = entries.slice(request.startIndex - 1, request.startIndex - 1 + request.count);
  return listResponse(entries.length, request.startIndex, page.map((entry) => project(full ? entry.view : renderResource(entry.resource, context))));
}

function listResponse(totalResults: number, startIndex: number, resources: Record<string, unknown>[]): ListResponse {
  return { schemas: [LIST_RESPONSE_MESSAGE], totalResults, itemsPerPage: resources.length, startIndex, Resources: resources };
}
