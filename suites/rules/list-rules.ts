import { isListResponse, jsonObject, type ObservedExchange } from './observed-exchange.js';
import { fail, pass, type ProtocolRule } from './rule.js';
import { LIST_RESPONSE_MESSAGE as LIST_URN } from '../../simulator/scim/schema/urns.js';


/** The paging the client asked for: from the query, or from a .search body. */
function requestedPaging(o: ObservedExchange): { startIndex?: number; count?: number } {
  let source: Record<string, unknown> = {};
  if (o.isSearch) {
    try {
      const parsed: unknown = JSON.parse(o.exchange.request.body ?? '{}');
      if (parsed && typeof parsed === 'object') source = parsed as Record<string, unknown>;
    } catch {
      return {};
    }
  } else {
    for (const [k, v] of o.query) source[k] = v;
  }
  const num = (v: unknown): number | undefined => {
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    return Number.isInteger(n) ? n : undefined;
  };
  return { startIndex: num(source['startIndex']), count: num(source['count']) };
}

function list(o: ObservedExchange): Record<string, unknown> | undefined {
  return isListResponse(o) ? jsonObject(o) : undefined;
}

/**
 * A query over Users or Groups. Paging rules apply only there: discovery endpoints SHALL ignore
 * paging parameters (RFC 7644 §4), so their full lists are right whatever was asked.
 */
function pagedList(o: ObservedExchange): Record<string, unknown> | undefined {
  if (!o.isSearch && o.endpoint !== 'Users' && o.endpoint !== 'Groups') return undefined;
  return list(o);
}

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

export const listSchemaRule: ProtocolRule = {
  id: 'rfc7644-3.4.2-list-schema',
  title: 'Query responses are ListResponse messages',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2',
  check(o) {
    if (!isListResponse(o)) return undefined;
    const body = jsonObject(o);
    const schemas = body?.['schemas'];
    return Array.isArray(schemas) && schemas.includes(LIST_URN) ? pass : fail('`schemas` does not list the ListResponse URN', [LIST_URN], schemas);
  },
};

export const totalResultsRule: ProtocolRule = {
  id: 'rfc7644-3.4.2-total-results',
  title: '`totalResults` is a non-negative integer',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2',
  check(o) {
    const body = list(o);
    if (!body) return undefined;
    return isCount(body['totalResults']) ? pass : fail('`totalResults` is missing or not a JSON integer', 'an integer ≥ 0', body['totalResults']);
  },
};

export const pagingFieldsRule: ProtocolRule = {
  id: 'rfc7644-3.4.2-paging-fields',
  title: '`startIndex` and `itemsPerPage` are integers, present when the client paged',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2, §3.4.2.4',
  check(o) {
    const body = pagedList(o);
    if (!body) return undefined;
    const paged = requestedPaging(o);
    const mustHave = paged.startIndex !== undefined || paged.count !== undefined;
    for (const field of ['startIndex', 'itemsPerPage']) {
      const value = body[field];
      if (value === undefined && !mustHave) continue;
      if (!isCount(value)) return fail(`\`${field}\` is ${value === undefined ? 'missing' : 'not a JSON integer'}`, 'an integer', value);
    }
    return pass;
  },
};

export const resourcesArrayRule: ProtocolRule = {
  id: 'rfc7644-3.4.2-resources',
  title: '`Resources` is a list, present when there are results on the page',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2',
  check(o) {
    const body = list(o);
    if (!body) return undefined;
    const resources = body['Resources'];
    if (resources !== undefined && !Array.isArray(resources)) return fail('`Resources` is not a list', 'a JSON array', resources);
    const total = body['totalResults'];
    // Discovery endpoints ignore paging (RFC 7644 §4): for them every result is on the page.
    const paging = pagedList(o) ? requestedPaging(o) : {};
    const pageCanHaveResults = paging.count === undefined || paging.count > 0;
    const startIndex = paging.startIndex ?? 1;
    if (isCount(total) && total >= Math.max(startIndex, 1) && pageCanHaveResults && (!Array.isArray(resources) || resources.length === 0)) {
      return fail(`totalResults is ${total} but the page has no Resources`, 'a non-empty Resources list', resources);
    }
    if (Array.isArray(resources) && isCount(total) && resources.length > total) {
      return fail(`${resources.length} Resources but totalResults is ${total}`, `at most ${total}`, resources.length);
    }
    return pass;
  },
};

export const countLimitRule: ProtocolRule = {
  id: 'rfc7644-3.4.2.4-count',
  title: 'A page never holds more than `count` results (none for count=0)',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2.4',
  check(o) {
    const body = pagedList(o);
    const count = requestedPaging(o).count;
    if (!body || count === undefined) return undefined;
    const resources = body['Resources'];
    const n = Array.isArray(resources) ? resources.length : 0;
    const limit = Math.max(count, 0);
    return n <= limit ? pass : fail(`count=${count} but ${n} Resources came back`, `at most ${limit}`, n);
  },
};

export const itemsPerPageRule: ProtocolRule = {
  id: 'rfc7644-3.4.2-items-per-page',
  title: '`itemsPerPage` equals the number of Resources returned',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2',
  check(o) {
    const body = pagedList(o);
    if (!body || !isCount(body['itemsPerPage'])) return undefined;
    const resources = body['Resources'];
    const n = Array.isArray(resources) ? resources.length : 0;
    return body['itemsPerPage'] === n ? pass : fail(`itemsPerPage is ${body['itemsPerPage']} for ${n} Resources`, n, body['itemsPerPage']);
  },
};

export const startIndexEchoRule: ProtocolRule = {
  id: 'rfc7644-3.4.2.4-start-index',
  title: '`startIndex` is the 1-based index the client asked for (values below 1 mean 1)',
  level: 'MUST',
  citation: 'RFC 7644 §3.4.2.4',
  check(o) {
    const body = pagedList(o);
    const asked = requestedPaging(o).startIndex;
    if (!body || asked === undefined || !isCount(body['startIndex'])) return undefined;
    const expected = Math.max(asked, 1);
    return body['startIndex'] === expected ? pass : fail(`startIndex=${asked} was asked, ${String(body['startIndex'])} came back`, expected, body['startIndex']);
  },
};

export const listRules: ProtocolRule[] = [
  listSchemaRule,
  totalResultsRule,
  pagingFieldsRule,
  resourcesArrayRule,
  countLimitRule,
  itemsPerPageRule,
  startIndexEchoRule,
];
