/**
 * One HTTP request and its response (or transport failure), as the exchange log keeps it.
 * Everything in here is already redacted: a token never reaches an Exchange.
 */
export interface ExchangeRequest {
  method: string;
  /** Absolute URL as sent. */
  url: string;
  /** Header names lower-cased; secrets replaced by the redactor. */
  headers: Record<string, string>;
  /** Body text as sent (UTF-8), absent when there was none. */
  body?: string;
}

export interface ExchangeResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  /** Body text as received, cut at the client's size cap (see `truncated`). */
  body: string;
  /** True when the body was longer than the cap and only its start was kept. */
  truncated?: boolean;
}

/** Why no (complete) response arrived. */
export type TransportErrorCode =
  | 'connect-refused'
  | 'connect-timeout'
  | 'response-timeout'
  | 'response-too-large'
  | 'dns'
  | 'reset'
  | 'network';

export interface TransportError {
  code: TransportErrorCode;
  message: string;
  /** The low-level error code behind it when there is one (`ECONNRESET`, `UND_ERR_SOCKET`, `HPE_INVALID_CONSTANT`). */
  cause?: string;
}

export interface Exchange {
  /** Stable within a run: `<scenario-index>-<seq>`, e.g. `3-7`. */
  id: string;
  /** Wall-clock start, ISO 8601. */
  startedAt: string;
  /** The scenario's virtual clock when the request was sent, ISO 8601. */
  virtualTime: string;
  /** Wall-clock time from first byte sent to last byte received. */
  durationMs: number;
  request: ExchangeRequest;
  response?: ExchangeResponse;
  error?: TransportError;
}
