import { jsonObject, type ObservedExchange } from './observed-exchange.js';
import { fail, pass, type ProtocolRule } from './rule.js';

const isResourceEndpoint = (o: ObservedExchange) => o.endpoint === 'Users' || o.endpoint === 'Groups';
const succeeded = (o: ObservedExchange) => o.response.status >= 200 && o.response.status < 300;
const isCreate = (o: ObservedExchange) => o.method === 'POST' && isResourceEndpoint(o) && o.resourceId === undefined && !o.isSearch;

export const createdStatusRule: ProtocolRule = {
  id: 'rfc7644-3.3-created-201',
  title: 'A successful create answers 201 Created',
  level: 'MUST',
  citation: 'RFC 7644 §3.3',
  check(o) {
    if (!isCreate(o) || !succeeded(o)) return undefined;
    return o.response.status === 201 ? pass : fail(`a create answered ${o.response.status}`, 201, o.response.status);
  },
};

export const locationRule: ProtocolRule = {
  id: 'rfc7644-3.3-location',
  title: 'A 201 Created carries a Location header equal to meta.location',
  level: 'MUST',
  citation: 'RFC 7644 §3.3, §3.1',
  check(o) {
    if (!isCreate(o) || o.response.status !== 201) return undefined;
    const location = o.response.headers['location'];
    if (!location) return fail('no Location header on 201 Created', 'the new resource URI', undefined);
    const meta = jsonObject(o)?.['meta'] as Record<string, unknown> | undefined;
    const metaLocation = meta?.['location'];
    if (typeof metaLocation === 'string' && metaLocation !== location) {
      return fail('Location differs from meta.location', metaLocation, location);
    }
    return pass;
  },
};

export const replaceStatusRule: ProtocolRule = {
  id: 'rfc7644-3.5.1-replace-200',
  title: 'A successful PUT answers 200 with the resource',
  level: 'MUST',
  citation: 'RFC 7644 §3.5.1',
  check(o) {
    if (o.method !== 'PUT' || !isResourceEndpoint(o) || !succeeded(o)) return undefined;
    if (o.response.status !== 200) return fail(`PUT answered ${o.response.status}`, 200, o.response.status);
    return jsonObject(o) ? pass : fail('PUT answered 200 without the resource in the body', 'the resource', o.response.body.slice(0, 200));
  },
};

export const patchStatusRule: ProtocolRule = {
  id: 'rfc7644-3.5.2-patch-200-or-204',
  title: 'A successful PATCH answers 200 with the resource, or 204 with no body',
  level: 'MUST',
  citation: 'RFC 7644 §3.5.2',
  check(o) {
    if (o.method !== 'PATCH' || !isResourceEndpoint(o) || !succeeded(o)) return undefined;
    if (o.response.status === 204) {
      return o.body.kind === 'none' ? pass : fail('204 No Content with a body', '(no body)', o.response.body.slice(0, 200));
    }
    if (o.response.status !== 200) return fail(`PATCH answered ${o.response.status}`, [200, 204], o.response.status);
    return jsonObject(o) ? pass : fail('PATCH answered 200 without the resource in the body (use 204 for no body)', 'the resource', o.response.body.slice(0, 200) || '(empty)');
  },
};

export const deleteStatusRule: ProtocolRule = {
  id: 'rfc7644-3.6-delete-204',
  title: 'A successful DELETE answers 204 No Content',
  level: 'MUST',
  citation: 'RFC 7644 §3.6',
  check(o) {
    if (o.method !== 'DELETE' || !isResourceEndpoint(o) || !succeeded(o)) return undefined;
    return o.response.status === 204 ? pass : fail(`DELETE answered ${o.response.status}`, 204, o.response.status);
  },
};

export const writeRules: ProtocolRule[] = [createdStatusRule, locationRule, replaceStatusRule, patchStatusRule, deleteStatusRule];
