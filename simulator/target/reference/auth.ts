import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { ScimError } from './errors.js';
import type { TokenRegistry } from './tokens.js';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * `Authorization: Bearer <token>` against a list of accepted tokens (RFC 6750, RFC 7644 §2).
 * Tokens are compared as SHA-256 digests with `timingSafeEqual`, every token every time, so
 * neither the length nor the content leaks through timing. Failures answer 401 with
 * `WWW-Authenticate: Bearer realm="scimsim"`; the token is never logged or echoed.
 * With a `TokenRegistry`, the accepted set is read per request (tokens created and deleted at run time).
 */
export function bearerAuth(tokens: readonly string[] | TokenRegistry): RequestHandler {
  const fixed = Array.isArray(tokens) ? (tokens as readonly string[]).map(digest) : undefined;
  const acceptedNow = () => fixed ?? (tokens as TokenRegistry).digests();
  const challenge = { 'WWW-Authenticate': 'Bearer realm="scimsim"' };
  return (req, _res, next) => {
    const header = req.headers.authorization;
    if (header === undefined || header.trim() === '') {
      next(new ScimError(401, 'Authentication required: send an Authorization: Bearer <token> header.', undefined, challenge));
      return;
    }
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
    if (!match) {
      next(new ScimError(401, 'The Authorization header must use the Bearer scheme.', undefined, {
        'WWW-Authenticate': 'Bearer realm="scimsim", error="invalid_request"',
      }));
      return;
    }
    const presented = digest(match[1]!);
    let ok = false;
    for (const candidate of acceptedNow()) ok = timingSafeEqual(candidate, presented) || ok;
    if (!ok) {
      next(new ScimError(401, 'The bearer token is not valid.', undefined, {
        'WWW-Authenticate': 'Bearer realm="scimsim", error="invalid_token"',
      }));
      return;
    }
    next();
  };
}
