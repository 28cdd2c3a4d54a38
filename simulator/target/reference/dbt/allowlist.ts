import type { RequestHandler } from 'express';
import { ScimError } from '../errors.js';
import type { DbtAccount } from './account.js';

/**
 * The account's IP allowlist on every SCIM request (seed 003 "If your dbt platform account has IP
 * restrictions enabled, Entra's SCIM provisioning requests may be blocked"): a request from
 * outside answers 403 with a SCIM error. The address is the socket's (no X-Forwarded-For: the
 * reference server is reached directly). Runs after authentication (decision): a caller without a
 * valid token learns nothing about the account's restrictions.
 */
export function ipAllowlistGuard(account: DbtAccount): RequestHandler {
  return (req, _res, next) => {
    const allowlist = account.allowlist;
    const address = req.socket.remoteAddress;
    if (allowlist && !allowlist.allows(address)) {
      next(new ScimError(403, `Requests from ${address ?? 'an unknown address'} are not allowed: the account restricts its SCIM API to an IP allowlist.`));
      return;
    }
    next();
  };
}
