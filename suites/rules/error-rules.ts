import { jsonObject, type ObservedExchange } from './observed-exchange.js';
import { fail, pass, type ProtocolRule } from './rule.js';
import { ERROR_MESSAGE as ERROR_URN } from '../../simulator/scim/schema/urns.js';


/** RFC 7644 §3.12 Table 9: each scimType keyword and the status it goes with. */
const SCIM_TYPE_STATUS: Record<string, number> = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
};

/** Errors from SCIM endpoints; a 304 or a redirect is not an error. */
function isScimError(o: ObservedExchange): boolean {
  return o.response.status >= 400 && o.endpoint !== 'other';
}

export const errorSchemaRule: ProtocolRule = {
  id: 'rfc7644-3.12-error-schema',
  title: 'Errors carry a JSON body with the Error schema',
  level: 'MUST',
  citation: 'RFC 7644 §3.12',
  check(o) {
    if (!isScimError(o)) return undefined;
    const body = jsonObject(o);
    if (!body) return fail('the error response has no JSON object body', { schemas: [ERROR_URN] }, o.response.body.slice(0, 200) || '(empty)');
    const schemas = body['schemas'];
    return Array.isArray(schemas) && schemas.includes(ERROR_URN) ? pass : fail('`schemas` does not list the Error URN', [ERROR_URN], schemas);
  },
};

export const errorStatusRule: ProtocolRule = {
  id: 'rfc7644-3.12-error-status-string',
  title: 'Error `status` is the HTTP status code as a string',
  level: 'MUST',
  citation: 'RFC 7644 §3.12',
  check(o) {
    if (!isScimError(o)) return undefined;
    const body = jsonObject(o);
    if (!body) return undefined; // the error-schema rule reports the missing body
    const status = body['status'];
    const expected = String(o.response.status);
    if (status === expected) return pass;
    if (typeof status === 'number') return fail(`\`status\` is the number ${status}, not a string`, expected, status);
    return fail(status === undefined ? '`status` is missing' : '`status` does not match the HTTP status', expected, status);
  },
};

export const scimTypeKeywordRule: ProtocolRule = {
  id: 'rfc7644-3.12-scimtype-keyword',
  title: 'Error `scimType` is one of the keywords RFC 7644 defines',
  level: 'MUST',
  citation: 'RFC 7644 §3.12 Table 9',
  check(o) {
    const body = isScimError(o) ? jsonObject(o) : undefined;
    if (!body || body['scimType'] === undefined || body['scimType'] === null) return undefined;
    const scimType = body['scimType'];
    return typeof scimType === 'string' && Object.hasOwn(SCIM_TYPE_STATUS, scimType)
      ? pass
      : fail('unknown `scimType`', Object.keys(SCIM_TYPE_STATUS), scimType);
  },
};

export const scimTypeStatusRule: ProtocolRule = {
  id: 'rfc7644-3.12-scimtype-status',
  title: 'Error `scimType` goes with the status RFC 7644 gives it',
  level: 'SHOULD',
  citation: 'RFC 7644 §3.12 Table 9',
  check(o) {
    const body = isScimError(o) ? jsonObject(o) : undefined;
    const scimType = body?.['scimType'];
    if (typeof scimType !== 'string' || !Object.hasOwn(SCIM_TYPE_STATUS, scimType)) return undefined;
    const expected = SCIM_TYPE_STATUS[scimType];
    return o.response.status === expected ? pass : fail(`scimType '${scimType}' is sent with ${o.response.status}`, expected, o.response.status);
  },
};

/** HTTP itself: a 401 names the scheme the client should use. */
export const wwwAuthenticateRule: ProtocolRule = {
  id: 'rfc7235-3.1-www-authenticate',
  title: 'A 401 response carries WWW-Authenticate',
  level: 'MUST',
  citation: 'RFC 7235 §3.1; RFC 6750 §3',
  check(o) {
    if (o.response.status !== 401) return undefined;
    return o.response.headers['www-authenticate'] ? pass : fail('no WWW-Authenticate header', 'Bearer realm="…"', undefined);
  },
};

export const errorRules: ProtocolRule[] = [errorSchemaRule, errorStatusRule, scimTypeKeywordRule, scimTypeStatusRule, wwwAuthenticateRule];
