import type { TransportError, TransportErrorCode } from './exchange.js';

export function errCode(e: unknown): string | undefined {
  const c = (e as { code?: unknown } | null)?.code;
  return typeof c === 'string' ? c : undefined;
}

/** undici/Node errors that mean the request itself was malformed (a caller bug). */
export function isUsageError(e: unknown): boolean {
  const code = errCode(e);
  return (
    code === 'UND_ERR_INVALID_ARG' ||
    code === 'UND_ERR_NOT_SUPPORTED' ||
    code === 'ERR_INVALID_ARG_TYPE' ||
    code === 'ERR_INVALID_ARG_VALUE' ||
    code === 'ERR_INVALID_HTTP_TOKEN' ||
    code === 'ERR_INVALID_CHAR'
  );
}

const CODE_MAP: Record<string, TransportErrorCode> = {
  ECONNREFUSED: 'connect-refused',
  ENOTFOUND: 'dns',
  EAI_AGAIN: 'dns',
  EAI_FAIL: 'dns',
  EAI_NONAME: 'dns',
  EAI_NODATA: 'dns',
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  ETIMEDOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'response-timeout',
  UND_ERR_BODY_TIMEOUT: 'response-timeout',
  UND_ERR_HEADERS_OVERFLOW: 'response-too-large',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  ECONNABORTED: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'reset',
};

export function classifyTransportError(e: unknown, closed: boolean): TransportError {
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  let err = e;
  if (err instanceof AggregateError && err.errors.length) {
    err = err.errors.find((x) => errCode(x) !== undefined) ?? err.errors[0];
  }
  const code = errCode(err);
  const message = err instanceof Error ? err.message : String(err);
  const cause = code ? { cause: code } : {};
  if (closed) return { code: 'network', message: `client closed while the request was in flight`, ...cause };
  if (code?.startsWith('HPE_') || (err instanceof Error && err.name === 'HTTPParserError')) {
    return { code: 'network', message: `malformed HTTP response: ${message}`, cause: code ?? 'HTTPParserError' };
  }
  const mapped = code ? CODE_MAP[code] : undefined;
  if (mapped) {
    const text: Record<TransportErrorCode, string> = {
      'connect-refused': `connection refused: ${message}`,
      dns: `host name could not be resolved: ${message}`,
      'connect-timeout': `could not connect in time: ${message}`,
      'response-timeout': `no complete response in time: ${message}`,
      'response-too-large': `response headers too large: ${message}`,
      reset: `connection closed or reset by the server: ${message}`,
      network: message,
    };
    return { code: mapped, message: text[mapped], ...cause };
  }
  return { code: 'network', message: message || 'network error', ...cause };
}
