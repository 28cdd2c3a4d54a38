import { describe, expect, it } from 'vitest';
import type { Exchange } from '../../simulator/scim/exchange.js';
import { applyRules, summarizeRules } from './apply-rules.js';
import { createRuleRegistry, protocolRules } from './registry.js';

const BASE = 'http://127.0.0.1:9/scim/v2';
const SCIM = 'application/scim+json; charset=utf-8';
const USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';
const LIST_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

function exchange(method: string, path: string, status: number, body: unknown, headers: Record<string, string> = {}, requestBody?: unknown): Exchange {
  const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
  return {
    id: '1-1',
    startedAt: '2026-01-01T00:00:00.000Z',
    virtualTime: '2026-01-01T00:00:00.000Z',
    durationMs: 3,
    request: { method, url: `${BASE}${path}`, headers: { accept: 'application/scim+json' }, ...(requestBody ? { body: JSON.stringify(requestBody) } : {}) },
    response: { status, headers: { ...(text ? { 'content-type': SCIM } : {}), ...headers }, body: text },
  };
}

const goodUser = {
  schemas: [USER_URN],
  id: 'u1',
  userName: 'ada@example.com',
  active: true,
  emails: [{ value: 'ada@example.com', type: 'work', primary: true }],
  meta: { resourceType: 'User', created: '2026-01-01T00:00:00Z', lastModified: '2026-01-01T00:00:00Z', location: `${BASE}/Users/u1`, version: 'W/"1"' },
};

/** The verdict of one rule on one exchange: 'passed', 'failed', 'warned', or undefined when it did not apply. */
function verdict(ruleId: string, ex: Exchange): string | undefined {
  const rule = protocolRules.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId}`);
  return applyRules([rule], ex, BASE)[0]?.status;
}

describe('protocol rules', () => {
  it('has unique ids and refuses duplicates', () => {
    const rules = [...protocolRules.values()];
    expect(() => createRuleRegistry([rules[0]!, rules[0]!])).toThrow(/registered twice/);
    for (const rule of rules) expect(rule.citation).toMatch(/RFC \d{4}/);
  });

  it('passes a well-formed create', () => {
    const ex = exchange('POST', '/Users', 201, goodUser, { location: `${BASE}/Users/u1`, etag: 'W/"1"' });
    const results = applyRules(protocolRules.values(), ex, BASE);
    expect(results.filter((r) => r.status !== 'passed')).toEqual([]);
    expect(results.map((r) => r.id)).toEqual(
      expect.arrayContaining(['rfc7644-3.3-created-201', 'rfc7644-3.3-location', 'rfc7643-attribute-types', 'rfc7643-3.1-meta', 'rfc7644-3.14-etag-version']),
    );
  });

  it('fails a create answered 200, or without Location, or with a Location unlike meta.location', () => {
    expect(verdict('rfc7644-3.3-created-201', exchange('POST', '/Users', 200, goodUser))).toBe('failed');
    expect(verdict('rfc7644-3.3-location', exchange('POST', '/Users', 201, goodUser))).toBe('failed');
    expect(verdict('rfc7644-3.3-location', exchange('POST', '/Users', 201, goodUser, { location: `${BASE}/Users/other` }))).toBe('failed');
    expect(verdict('rfc7644-3.3-location', exchange('GET', '/Users/u1', 200, goodUser))).toBeUndefined();
  });

  it('fails an error whose status is a number, and one without the Error schema', () => {
    const numeric = exchange('GET', '/Users/x', 404, { schemas: [ERROR_URN], status: 404, detail: 'no' });
    expect(verdict('rfc7644-3.12-error-status-string', numeric)).toBe('failed');
    expect(verdict('rfc7644-3.12-error-schema', numeric)).toBe('passed');
    const bare = exchange('GET', '/Users/x', 404, { message: 'not found' });
    expect(verdict('rfc7644-3.12-error-schema', bare)).toBe('failed');
    const empty = exchange('GET', '/Users/x', 404, undefined);
    expect(verdict('rfc7644-3.12-error-schema', empty)).toBe('failed');
  });

  it('checks scimType keywords (MUST) and their status (SHOULD)', () => {
    expect(verdict('rfc7644-3.12-scimtype-keyword', exchange('POST', '/Users', 409, { schemas: [ERROR_URN], status: '409', scimType: 'duplicate' }))).toBe('failed');
    expect(verdict('rfc7644-3.12-scimtype-status', exchange('POST', '/Users', 400, { schemas: [ERROR_URN], status: '400', scimType: 'uniqueness' }))).toBe('warned');
    expect(verdict('rfc7644-3.12-scimtype-status', exchange('POST', '/Users', 409, { schemas: [ERROR_URN], status: '409', scimType: 'uniqueness' }))).toBe('passed');
  });

  it('wants WWW-Authenticate on 401', () => {
    const ex = exchange('GET', '/Users', 401, { schemas: [ERROR_URN], status: '401' });
    expect(verdict('rfc7235-3.1-www-authenticate', ex)).toBe('failed');
    expect(verdict('rfc7235-3.1-www-authenticate', exchange('GET', '/Users', 401, { schemas: [ERROR_URN], status: '401' }, { 'www-authenticate': 'Bearer' }))).toBe('passed');
  });

  it('fails garbage JSON and a non-SCIM content type', () => {
    const garbage = exchange('GET', '/Users/u1', 200, '{"id": "u1", ');
    expect(verdict('rfc7644-3.8-json-body', garbage)).toBe('failed');
    const plain = exchange('GET', '/Users/u1', 200, goodUser, { 'content-type': 'text/html' });
    expect(verdict('rfc7644-3.8-content-type', plain)).toBe('failed');
    const json = exchange('GET', '/Users/u1', 200, goodUser, { 'content-type': 'application/json' });
    expect(verdict('rfc7644-3.8-content-type', json)).toBe('failed');
  });

  it('checks ListResponse fields as numbers and the page size', () => {
    const list = (body: unknown, query = '') => exchange('GET', `/Users${query}`, 200, body);
    const good = { schemas: [LIST_URN], totalResults: 1, startIndex: 1, itemsPerPage: 1, Resources: [goodUser] };
    for (const id of ['rfc7644-3.4.2-list-schema', 'rfc7644-3.4.2-total-results', 'rfc7644-3.4.2-paging-fields', 'rfc7644-3.4.2-resources']) {
      expect(verdict(id, list(good, '?startIndex=1&count=1'))).toBe('passed');
    }
    expect(verdict('rfc7644-3.4.2-total-results', list({ ...good, totalResults: '1' }))).toBe('failed');
    expect(verdict('rfc7644-3.4.2-paging-fields', list({ ...good, itemsPerPage: '1' }))).toBe('failed');
    expect(verdict('rfc7644-3.4.2-paging-fields', list({ schemas: [LIST_URN], totalResults: 1, Resources: [goodUser] }, '?count=1'))).toBe('failed');
    expect(verdict('rfc7644-3.4.2.4-count', list({ ...good, totalResults: 2, itemsPerPage: 2, Resources: [goodUser, goodUser] }, '?count=1'))).toBe('failed');
    expect(verdict('rfc7644-3.4.2.4-count', list({ schemas: [LIST_URN], totalResults: 5, Resources: [goodUser] }, '?count=0'))).toBe('failed');
    expect(verdict('rfc7644-3.4.2-resources', list({ schemas: [LIST_URN], totalResults: 5 }))).toBe('failed');
    expect(verdict('rfc7644-3.4.2-resources', list({ schemas: [LIST_URN], totalResults: 5 }, '?count=0'))).toBe('passed');
    expect(verdict('rfc7644-3.4.2.4-start-index', list({ ...good, startIndex: 0 }, '?startIndex=0'))).toBe('failed');
    expect(verdict('rfc7644-3.4.2.4-start-index', list({ ...good, startIndex: 1 }, '?startIndex=-3'))).toBe('passed');
    expect(verdict('rfc7644-3.4.2-list-schema', list({ ...good, schemas: ['urn:other'] }))).toBe('failed');
  });

  it('checks resources inside list responses too', () => {
    const badUser = { ...goodUser, active: 'true' };
    const ex = exchange('GET', '/Users', 200, { schemas: [LIST_URN], totalResults: 1, Resources: [badUser] });
    const result = applyRules([protocolRules.get('rfc7643-attribute-types')!], ex, BASE)[0]!;
    expect(result.status).toBe('failed');
    expect(result.message).toBe('Resources[0]: active must be boolean');
    expect(result.actual).toBe('true');
  });

  it('never lets password through, and allows at most one primary', () => {
    expect(verdict('rfc7643-4.1.1-password-never-returned', exchange('GET', '/Users/u1', 200, { ...goodUser, password: 'x' }))).toBe('failed');
    const twoPrimaries = { ...goodUser, emails: [{ value: 'a', primary: true }, { value: 'b', primary: true }] };
    expect(verdict('rfc7643-2.4-single-primary', exchange('GET', '/Users/u1', 200, twoPrimaries))).toBe('failed');
  });

  it('checks ids and meta on single reads', () => {
    expect(verdict('rfc7643-3.1-id', exchange('GET', '/Users/u2', 200, goodUser))).toBe('failed');
    expect(verdict('rfc7643-3.1-meta', exchange('GET', '/Users/u1', 200, { ...goodUser, meta: { ...goodUser.meta, created: 'yesterday' } }))).toBe('warned');
    expect(verdict('rfc7643-3.1-meta', exchange('GET', '/Users/u1?attributes=userName', 200, { schemas: [USER_URN], id: 'u1', userName: 'a' }))).toBeUndefined();
  });

  it('checks PUT, PATCH and DELETE success codes', () => {
    expect(verdict('rfc7644-3.5.2-patch-200-or-204', exchange('PATCH', '/Groups/g1', 204, undefined))).toBe('passed');
    expect(verdict('rfc7644-3.5.2-patch-200-or-204', exchange('PATCH', '/Groups/g1', 200, undefined))).toBe('failed');
    expect(verdict('rfc7644-3.6-delete-204', exchange('DELETE', '/Users/u1', 200, undefined))).toBe('failed');
    expect(verdict('rfc7644-3.5.1-replace-200', exchange('PUT', '/Users/u1', 204, undefined))).toBe('failed');
  });

  it('sums a rule over a scenario: the worst verdict wins', () => {
    const ok = exchange('GET', '/Users/x', 404, { schemas: [ERROR_URN], status: '404' });
    const bad = exchange('GET', '/Users/y', 404, { schemas: [ERROR_URN], status: 404 });
    const checks = [...applyRules(protocolRules.values(), ok, BASE), ...applyRules(protocolRules.values(), bad, BASE)];
    const summary = summarizeRules(checks, protocolRules).find((s) => s.id === 'rfc7644-3.12-error-status-string')!;
    expect(summary).toMatchObject({ status: 'failed', applied: 2 });
    expect(summary.findings).toHaveLength(1);
  });

  it('skips rules a step opts out of, and judges nothing without a response', () => {
    const ex = exchange('GET', '/Users/x', 404, { status: 404 });
    expect(applyRules(protocolRules.values(), ex, BASE, { skip: ['rfc7644-3.12-error-schema'] }).map((r) => r.id)).not.toContain('rfc7644-3.12-error-schema');
    const noResponse: Exchange = { ...ex, response: undefined, error: { code: 'response-timeout', message: 'timed out' } };
    expect(applyRules(protocolRules.values(), noResponse, BASE)).toEqual([]);
  });
});

describe('paging rules on discovery endpoints', () => {
  it('do not apply: /Schemas and /ResourceTypes ignore paging (RFC 7644 §4)', () => {
    const all = { schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 2, itemsPerPage: 2, startIndex: 1, Resources: [{ id: 'a' }, { id: 'b' }] };
    const ex = exchange('GET', '/Schemas?count=1&startIndex=2', 200, all);
    for (const id of ['rfc7644-3.4.2.4-count', 'rfc7644-3.4.2.4-start-index', 'rfc7644-3.4.2-paging-fields']) expect(verdict(id, ex)).toBeUndefined();
    expect(verdict('rfc7644-3.4.2-resources', ex)).toBe('passed');
    expect(verdict('rfc7644-3.4.2-resources', exchange('GET', '/Schemas?count=0', 200, { ...all, Resources: [] }))).toBe('failed');
  });
});
