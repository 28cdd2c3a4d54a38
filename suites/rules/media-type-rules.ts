import { fail, pass, type ProtocolRule } from './rule.js';

/** RFC 7644 §3.8: SCIM speaks `application/scim+json`, the default when the client asks for nothing else. */
export const contentTypeRule: ProtocolRule = {
  id: 'rfc7644-3.8-content-type',
  title: 'Responses with a body are application/scim+json',
  level: 'MUST',
  citation: 'RFC 7644 §3.8, §8.1',
  check(o) {
    if (o.body.kind === 'none') return undefined;
    const accept = (o.exchange.request.headers['accept'] ?? '').toLowerCase();
    // A client that asked for plain JSON may get it (§3.8 SHOULD support Accept: application/json).
    if (o.mediaType === 'application/json' && accept.includes('application/json') && !accept.includes('scim+json')) return pass;
    return o.mediaType === 'application/scim+json'
      ? pass
      : fail(`Content-Type is ${o.mediaType ? `'${o.mediaType}'` : 'missing'}`, 'application/scim+json', o.response.headers['content-type']);
  },
};

/** RFC 7644 §3.8: bodies are JSON (RFC 7159) in UTF-8. */
export const jsonBodyRule: ProtocolRule = {
  id: 'rfc7644-3.8-json-body',
  title: 'Response bodies are well-formed JSON',
  level: 'MUST',
  citation: 'RFC 7644 §3.8',
  check(o) {
    if (o.body.kind === 'none') return undefined;
    if (o.body.kind === 'json') return pass;
    return fail(`the body is not JSON: ${o.body.error}`, 'a JSON document', o.response.body.slice(0, 200));
  },
};

export const mediaTypeRules: ProtocolRule[] = [jsonBodyRule, contentTypeRule];
