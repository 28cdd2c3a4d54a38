/**
 * The HTTP client every SCIM request of a run goes through.
 *
 * - One undici `Pool` per client (keep-alive), shared by its forks.
 * - `send` never throws for anything the server or network does: refused connections, DNS
 *   failures, timeouts, resets, oversized or malformed responses all become an `Exchange` with
 *   `error` (and `response` when a status line arrived). It throws only for programmer errors
 *   (invalid base URL or method, a path that escapes the base origin, header values undici
 *   refuses, sending after `close()`).
 * - No retries and no redirects, ever: a 3xx is recorded as it came.
 * - Everything stored in an Exchange (URL, headers, bodies, error messages) has been through
 *   the Redactor; the configured token is added to it.
 */
import { packageVersion } from '../package-info.js';
import { performance } from 'node:perf_hooks';
import type { EventEmitter } from 'node:events';
import { Pool } from 'undici';
import type { Dispatcher } from 'undici';
import type { Exchange, ExchangeResponse, TransportError } from './exchange.js';
import type { ExchangeLog } from './exchange-log.js';
import { REDACTED, type Redactor } from './redact.js';
import { classifyTransportError, isUsageError } from './transport-errors.js';
import { DeadlineSignal, preciseConnector } from './transport-timing.js';

export const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
export const DEFAULT_RESPONSE_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 5 * 1024 * 1024;

/** The `version` of the scimsim package.json (found by walking up from this file, src or dist). */
export const SCIMSIM_VERSION: string = packageVersion();
export const USER_AGENT = `scimsim/${SCIMSIM_VERSION}`;
export const SCIM_JSON_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export interface ScimClientOptions {
  /** Target base URL; may carry a path (`http://127.0.0.1:1234/scim/v2`). http: or https:. */
  baseUrl: string;
  /** The run's bearer token, sent by `auth: default` and always redacted. */
  token?: string;
  /** TCP (and TLS) connect budget. Default 5000. */
  connectTimeoutMs?: number;
  /** Budget from the start of `send` until the last body byte. Default 30000. */
  responseTimeoutMs?: number;
  /** Bodies longer than this are cut (`truncated: true`, error `response-too-large`). Default 5 MiB. */
  maxResponseBytes?: number;
  /** Added to every request; a request's own headers win. */
  defaultHeaders?: Record<string, string>;
  redactor: Redactor;
  /** The virtual clock recorded as `Exchange.virtualTime`. Default: wall clock. */
  now?: () => Date;
  /** Exchange ids are `<idPrefix><seq>`, seq counting from 1 per client. */
  idPrefix?: string;
  onExchange?: (e: Exchange) => void;
  /** Also append every exchange to this log. */
  log?: ExchangeLog;
  /** For https targets; default true. Set false for self-signed development servers. */
  rejectUnauthorized?: boolean;
}

/** Per-scenario view of a client: same connection pool, its own ids, clock, headers and record. */
export interface ScimClientForkOptions {
  idPrefix?: string;
  now?: () => Date;
  /** Merged over the parent's default headers. */
  defaultHeaders?: Record<string, string>;
  onExchange?: (e: Exchange) => void;
  log?: ExchangeLog;
}

export type ScimAuth =
  | { kind: 'default' }
  | { kind: 'none' }
  | { kind: 'bearer'; token: string }
  | { kind: 'header'; value: string };

export interface ScimRequest {
  method: string;
  /** Relative to baseUrl; may carry an (already encoded) query string. */
  path: string;
  /** Appended to the query, each key and value percent-encoded (space → %20). */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Default `{ kind: 'default' }`. */
  auth?: ScimAuth;
  /** Serialised with JSON.stringify and sent as application/scim+json. */
  json?: unknown;
  /** Sent as is. */
  rawBody?: string;
  /** This request's answer deadline instead of the client's `responseTimeoutMs` (Okta waits 60 s). */
  timeoutMs?: number;
}

/** Thrown for errors of the caller, never for anything the target does. */
export class ScimClientUsageError extends TypeError {
  override name = 'ScimClientUsageError';
}

interface Shared {
  pool: Pool;
  origin: string;
  /** Base path without trailing slash ('' for the root). */
  basePath: string;
  token: string | undefined;
  redactor: Redactor;
  responseTimeoutMs: number;
  maxResponseBytes: number;
  closed: boolean;
}

interface Scope {
  idPrefix: string;
  now: (() => Date) | undefined;
  defaultHeaders: Record<string, string>;
  onExchange: ((e: Exchange) => void) | undefined;
  log: ExchangeLog | undefined;
}

const FORK = Symbol('fork');
const TOKEN_CHARS = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export class ScimClient {
  /** Normalised base URL, without trailing slash. */
  readonly baseUrl: string;
  readonly #shared: Shared;
  readonly #scope: Scope;
  readonly #owner: boolean;
  readonly #exchanges: Exchange[] = [];
  #seq = 0;
  #closed = false;

  constructor(options: ScimClientOptions);
  /** @internal */
  constructor(options: ScimClientOptions, fork: typeof FORK, shared: Shared, scope: Scope);
  constructor(options: ScimClientOptions, fork?: typeof FORK, shared?: Shared, scope?: Scope) {
    if (fork === FORK && shared && scope) {
      this.#shared = shared;
      this.#scope = scope;
      this.#owner = false;
      this.baseUrl = shared.origin + shared.basePath;
      return;
    }
    if (!options || typeof options.baseUrl !== 'string') throw new ScimClientUsageError('ScimClient: baseUrl is required');
    if (!options.redactor) throw new ScimClientUsageError('ScimClient: redactor is required');
    let base: URL;
    try {
      base = new URL(options.baseUrl);
    } catch {
      throw new ScimClientUsageError(`ScimClient: invalid baseUrl ${JSON.stringify(options.baseUrl)}`);
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new ScimClientUsageError(`ScimClient: baseUrl must be http: or https:, got ${base.protocol}`);
    }
    if (base.username || base.password) {
      throw new ScimClientUsageError('ScimClient: credentials in baseUrl are not supported; use token or defaultHeaders');
    }
    if (base.search || base.hash) throw new ScimClientUsageError('ScimClient: baseUrl must not carry a query or fragment');
    const connectTimeoutMs = positive(options.connectTimeoutMs, DEFAULT_CONNECT_TIMEOUT_MS, 'connectTimeoutMs');
    const responseTimeoutMs = positive(options.responseTimeoutMs, DEFAULT_RESPONSE_TIMEOUT_MS, 'responseTimeoutMs');
    const maxResponseBytes = positive(options.maxResponseBytes, DEFAULT_MAX_RESPONSE_BYTES, 'maxResponseBytes');
    if (options.token !== undefined) options.redactor.add(options.token);
    const pool = new Pool(base.origin, {
      connect: preciseConnector(connectTimeoutMs, options.rejectUnauthorized ?? true),
      // Backstops only: the overall deadline below is what normally fires.
      headersTimeout: responseTimeoutMs + 1_000,
      bodyTimeout: responseTimeoutMs + 1_000,
      pipelining: 1,
    });
    this.#shared = {
      pool,
      origin: base.origin,
      basePath: base.pathname.replace(/\/+$/, ''),
      token: options.token,
      redactor: options.redactor,
      responseTimeoutMs,
      maxResponseBytes,
      closed: false,
    };
    this.#scope = {
      idPrefix: options.idPrefix ?? '',
      now: options.now,
      defaultHeaders: { ...(options.defaultHeaders ?? {}) },
      onExchange: options.onExchange,
      log: options.log,
    };
    this.#owner = true;
    this.baseUrl = this.#shared.origin + this.#shared.basePath;
  }

  /** Exchanges sent through this client (not its forks), in completion order. */
  get exchanges(): readonly Exchange[] {
    return this.#exchanges;
  }

  /** A client sharing this one's connections, with its own ids, clock, headers and exchange list. */
  fork(options: ScimClientForkOptions = {}): ScimClient {
    this.#assertOpen();
    const scope: Scope = {
      idPrefix: options.idPrefix ?? this.#scope.idPrefix,
      now: options.now ?? this.#scope.now,
      defaultHeaders: mergeHeaders(this.#scope.defaultHeaders, options.defaultHeaders ?? {}),
      onExchange: options.onExchange ?? this.#scope.onExchange,
      log: options.log ?? this.#scope.log,
    };
    return new ScimClient(undefined as unknown as ScimClientOptions, FORK, this.#shared, scope);
  }

  /** The absolute URL `send` would use for this path and query (not redacted). */
  resolveUrl(path: string, query?: Record<string, string>): string {
    return this.#resolve(path, query).href;
  }

  async send(req: ScimRequest): Promise<Exchange> {
    this.#assertOpen();
    const shared = this.#shared;
    const redactor = shared.redactor;
    const method = typeof req.method === 'string' ? req.method.toUpperCase() : '';
    if (!TOKEN_CHARS.test(method) || method === 'CONNECT') {
      throw new ScimClientUsageError(`ScimClient: invalid method ${JSON.stringify(req.method)}`);
    }
    if (req.json !== undefined && req.rawBody !== undefined) {
      throw new ScimClientUsageError('ScimClient: a request has json or rawBody, not both');
    }
    const url = this.#resolve(req.path, req.query);

    // Headers: built-in defaults < client defaults < auth < request headers (case-insensitive).
    const headers = new Map<string, [string, string]>();
    const set = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
    set('Accept', 'application/scim+json');
    set('User-Agent', USER_AGENT);
    for (const [k, v] of Object.entries(this.#scope.defaultHeaders)) set(k, v);
    const auth = req.auth ?? { kind: 'default' };
    const extraSecrets: string[] = [];
    switch (auth.kind) {
      case 'default':
        if (shared.token !== undefined && !headers.has('authorization')) set('Authorization', `Bearer ${shared.token}`);
        break;
      case 'none':
        headers.delete('authorization');
        break;
      case 'bearer':
        set('Authorization', `Bearer ${auth.token}`);
        extraSecrets.push(auth.token);
        break;
      case 'header':
        set('Authorization', auth.value);
        extraSecrets.push(auth.value, auth.value.replace(/^\s*\S+\s+/, ''));
        break;
      default:
        throw new ScimClientUsageError(`ScimClient: unknown auth kind ${JSON.stringify((auth as { kind: unknown }).kind)}`);
    }
    let bodyText: string | undefined;
    if (req.json !== undefined) {
      bodyText = JSON.stringify(req.json);
      if (bodyText === undefined) throw new ScimClientUsageError('ScimClient: json body is not serialisable');
      if (!headers.has('content-type') && !hasHeader(req.headers, 'content-type')) set('Content-Type', SCIM_JSON_CONTENT_TYPE);
    } else if (req.rawBody !== undefined) {
      bodyText = req.rawBody;
    }
    if (req.headers) for (const [k, v] of Object.entries(req.headers)) set(k, v);

    const sendHeaders: Record<string, string> = {};
    const recordHeaders: Record<string, string> = {};
    for (const [lower, [name, value]] of headers) {
      sendHeaders[name] = value;
      recordHeaders[lower] = value;
    }

    const seq = ++this.#seq;
    const id = `${this.#scope.idPrefix}${seq}`;
    const virtualTime = (this.#scope.now ? this.#scope.now() : new Date()).toISOString();
    const startedAt = new Date().toISOString();
    const t0 = performance.now();

    let status: number | undefined;
    let resHeaders: Dispatcher.ResponseData['headers'] | undefined;
    const chunks: Buffer[] = [];
    let received = 0;
    let truncated = false;
    let failure: unknown;
    let timedOut = false;
    const deadline = new DeadlineSignal();
    const timeoutMs = positive(req.timeoutMs, shared.responseTimeoutMs, 'timeoutMs');
    const timer = setTimeout(() => {
      timedOut = true;
      deadline.abort(new Error('response timeout'));
    }, timeoutMs);
    try {
      const res = await shared.pool.request({
        path: url.pathname + url.search,
        method: method as Dispatcher.HttpMethod,
        headers: sendHeaders,
        body: bodyText,
        // undici accepts an EventEmitter-like signal; a real AbortSignal costs ~30 µs per request.
        signal: deadline as unknown as EventEmitter,
        // The pool's backstops are sized for the client's deadline; a longer one needs its own.
        ...(timeoutMs > shared.responseTimeoutMs ? { headersTimeout: timeoutMs + 1_000, bodyTimeout: timeoutMs + 1_000 } : {}),
      });
      status = res.statusCode;
      resHeaders = res.headers;
      const max = shared.maxResponseBytes;
      failure = await new Promise<unknown>((resolve) => {
        const body = res.body;
        body.on('data', (chunk: Buffer) => {
          if (truncated) return;
          const room = max - received;
          if (chunk.length > room) {
            if (room > 0) chunks.push(chunk.subarray(0, room));
            received = max;
            truncated = true;
            body.destroy();
            resolve(undefined);
            return;
          }
          chunks.push(chunk);
          received += chunk.length;
        });
        body.on('end', () => resolve(undefined));
        body.on('error', (e) => resolve(e));
      });
    } catch (e) {
      if (isUsageError(e)) {
        clearTimeout(timer);
        throw new ScimClientUsageError(`ScimClient: ${(e as Error).message}`, { cause: e });
      }
      failure = e;
    } finally {
      clearTimeout(timer);
    }
    const durationMs = Math.round((performance.now() - t0) * 1000) / 1000;
    // undici marks a connection free again only after the current I/O callback; without this
    // yield the next sequential request would find it busy and open a second connection.
    const released = new Promise<void>((resolve) => setImmediate(resolve));

    const redactText =
      extraSecrets.length === 0
        ? (s: string) => redactor.redactText(s)
        : (s: string) => redactExtra(redactor.redactText(s), extraSecrets);
    const redactHeaders = (h: Parameters<Redactor['redactHeaders']>[0]) => {
      const out = redactor.redactHeaders(h);
      if (extraSecrets.length) for (const k of Object.keys(out)) out[k] = redactExtra(out[k]!, extraSecrets);
      return out;
    };

    const exchange: Exchange = {
      id,
      startedAt,
      virtualTime,
      durationMs,
      request: {
        method,
        url: redactText(url.href),
        headers: redactHeaders(recordHeaders),
        ...(bodyText !== undefined ? { body: redactText(bodyText) } : {}),
      },
    };
    if (status !== undefined) {
      const response: ExchangeResponse = {
        status,
        headers: redactHeaders(resHeaders ?? {}),
        body: redactText(chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8')),
      };
      if (truncated) response.truncated = true;
      exchange.response = response;
    }
    let error: TransportError | undefined;
    if (truncated) {
      error = {
        code: 'response-too-large',
        message: `response body exceeded ${shared.maxResponseBytes} bytes; kept the first ${shared.maxResponseBytes}`,
      };
    } else if (timedOut && (failure !== undefined || status === undefined)) {
      error = {
        code: 'response-timeout',
        message: `no complete response within ${timeoutMs} ms${status !== undefined ? ` (status ${status} arrived, body did not finish)` : ''}`,
      };
    } else if (failure !== undefined) {
      error = classifyTransportError(failure, shared.closed || this.#closed);
    }
    if (error) {
      error.message = redactText(error.message);
      exchange.error = error;
    }

    await released;
    this.#exchanges.push(exchange);
    this.#scope.log?.add(exchange);
    this.#scope.onExchange?.(exchange);
    return exchange;
  }

  /** Stops this client. On the client that created the pool, also destroys every connection. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#owner) {
      this.#shared.closed = true;
      await this.#shared.pool.destroy();
    }
  }

  #assertOpen(): void {
    if (this.#closed || this.#shared.closed) throw new ScimClientUsageError('ScimClient: client is closed');
  }

  #resolve(path: string, query: Record<string, string> | undefined): URL {
    if (typeof path !== 'string') throw new ScimClientUsageError('ScimClient: path must be a string');
    if (/^[a-z][a-z0-9+.-]*:/i.test(path)) {
      throw new ScimClientUsageError(`ScimClient: path must be relative to the base URL, got ${JSON.stringify(path)}`);
    }
    const { origin, basePath } = this.#shared;
    const hashAt = path.indexOf('#');
    let rel = hashAt >= 0 ? path.slice(0, hashAt) : path;
    if (rel !== '' && !rel.startsWith('/') && !rel.startsWith('?')) rel = `/${rel}`;
    if (query) {
      const parts: string[] = [];
      for (const [k, v] of Object.entries(query)) {
        if (v === undefined || v === null) continue;
        parts.push(`${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
      }
      if (parts.length) {
        const q = parts.join('&');
        const qAt = rel.indexOf('?');
        rel = qAt < 0 ? `${rel}?${q}` : rel.endsWith('?') || rel.endsWith('&') ? `${rel}${q}` : `${rel}&${q}`;
      }
    }
    let url: URL;
    try {
      url = new URL(origin + basePath + rel);
    } catch {
      throw new ScimClientUsageError(`ScimClient: cannot build a URL from path ${JSON.stringify(path)}`);
    }
    if (url.origin !== origin) throw new ScimClientUsageError(`ScimClient: path ${JSON.stringify(path)} leaves ${origin}`);
    return url;
  }
}

function positive(v: number | undefined, dflt: number, name: string): number {
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
    throw new ScimClientUsageError(`ScimClient: ${name} must be a positive number`);
  }
  return v;
}

function hasHeader(h: Record<string, string> | undefined, lower: string): boolean {
  if (!h) return false;
  for (const k of Object.keys(h)) if (k.toLowerCase() === lower) return true;
  return false;
}

function mergeHeaders(a: Record<string, string>, b: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  const names = new Map<string, string>();
  for (const src of [a, b]) {
    for (const [k, v] of Object.entries(src)) {
      const prev = names.get(k.toLowerCase());
      if (prev !== undefined) delete out[prev];
      names.set(k.toLowerCase(), k);
      out[k] = v;
    }
  }
  return out;
}

/** Per-request credentials (explicit bearer tokens) that the shared redactor does not know. */
function redactExtra(s: string, secrets: readonly string[]): string {
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
      if (s.includes(form)) s = s.split(form).join(REDACTED);
    }
  }
  return s;
}
