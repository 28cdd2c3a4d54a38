import type { EntraCall } from './entra-transport.js';

/** What went wrong with one object, as the provisioning log names it (research §2.7, E-ERR). */
export interface EntraFailure {
  errorCode: string;
  /** The log's "status detail": the HTTP status and the server's response body (I-SCIMMY86). */
  statusDetail: string;
  /** Retried at the next cycle ("retried in 40 minutes", "automatically retried") rather than on the escrow schedule. */
  transient: boolean;
  /** Counts toward quarantine for credentials or SCIM compliance, whatever the failure counts (E-QUAR). */
  quarantineKind?: 'credentials' | 'compliance';
}

/** Codes E-ERR says are retried at the next cycle. */
const TRANSIENT = new Set(['TooManyRequests', 'InternalServerError', 'Timeout', 'WebExceptionProtocolError', 'InternalError']);

/** .NET's HttpStatusCode names, which the provisioning log prints after "StatusCode:". */
const STATUS_NAMES: Record<number, string> = {
  400: 'BadRequest', 401: 'Unauthorized', 403: 'Forbidden', 404: 'NotFound', 405: 'MethodNotAllowed', 406: 'NotAcceptable',
  409: 'Conflict', 412: 'PreconditionFailed', 413: 'RequestEntityTooLarge', 415: 'UnsupportedMediaType', 422: 'UnprocessableEntity',
  429: 'TooManyRequests', 500: 'InternalServerError', 501: 'NotImplemented', 502: 'BadGateway', 503: 'ServiceUnavailable', 504: 'GatewayTimeout',
};

/**
 * The log's error code for an HTTP answer that was not what Entra wanted. `expected` names what the
 * request was for: a 404 to a filtered GET is the SCIM compliance failure of E-QUAR, a 404 to a
 * request by cached id is InvalidAnchor (E-ERR).
 */
export function failureOf(call: EntraCall, expected: 'query' | 'by-id' | 'create' | 'write'): EntraFailure {
  const { exchange } = call;
  if (!exchange.response) {
    const timeout = exchange.error?.code === 'response-timeout' || exchange.error?.code === 'connect-timeout';
    // research silent: which code a refused or reset connection gets; WebExceptionProtocolError is E-ERR's transport-level code.
    const errorCode = timeout ? 'Timeout' : 'WebExceptionProtocolError';
    return { errorCode, statusDetail: `${exchange.request.method} ${exchange.request.url} failed: ${exchange.error?.message ?? 'no response'}`, transient: true };
  }
  const status = exchange.response.status;
  const detail = `StatusCode: ${STATUS_NAMES[status] ?? status} Web Response: ${exchange.response.body.slice(0, 2000)}`;
  const code = errorCodeFor(status, expected);
  return {
    errorCode: code,
    statusDetail: detail,
    transient: TRANSIENT.has(code),
    ...(status === 401 || status === 403 ? { quarantineKind: 'credentials' as const } : {}),
    ...(status === 404 && expected === 'query' ? { quarantineKind: 'compliance' as const } : {}),
  };
}

function errorCodeFor(status: number, expected: 'query' | 'by-id' | 'create' | 'write'): string {
  if (status === 401) return 'Unauthorized';
  if (status === 403) return 'InsufficientRights';
  if (status === 405) return 'MethodNotAllowed';
  if (status === 404) return expected === 'query' || expected === 'create' ? 'SystemForCrossDomainIdentityManagementServiceIncompatible' : 'InvalidAnchor';
  if (status === 409) return 'EntryConflict';
  if (status === 422) return 'UnprocessableEntity';
  if (status === 429) return 'TooManyRequests';
  if (status === 501) return 'NotImplemented';
  if (status >= 500) return 'InternalServerError';
  // research silent: E-ERR lists no code for a plain 400; the SCIM-family name below is what the log uses for unexpected answers.
  return 'SystemForCrossDomainIdentityManagementBadResponse';
}

/** A success status whose body Entra needed and could not read (E-ERR `…ServiceIncompatible`). */
export function unreadableAnswer(call: EntraCall, why: string): EntraFailure {
  const response = call.exchange.response;
  const detail = `${why}. StatusCode: ${response ? (STATUS_NAMES[response.status] ?? response.status) : 'none'} Web Response: ${response?.body.slice(0, 2000) ?? ''}`;
  return { errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', statusDetail: detail, transient: false, quarantineKind: 'compliance' };
}

export function isSuccess(call: EntraCall, statuses: readonly number[]): boolean {
  const status = call.exchange.response?.status;
  return status !== undefined && statuses.includes(status);
}
