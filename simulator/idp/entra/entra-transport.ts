import { randomUUID } from 'node:crypto';
import type { Exchange } from '../../scim/exchange.js';
import type { ScimClient } from '../../scim/client.js';
import type { EntraSettings } from './settings.js';

/** One request of the provisioning service and its answer. */
export interface EntraCall {
  exchange: Exchange;
  /** The answer's JSON body, when it had one that parsed. */
  json: unknown;
  /** False when a body was there but was not JSON. */
  parsed: boolean;
}

/**
 * Sends what the Entra provisioning service sends, as it sends it (research §2.1): its headers,
 * `+` for spaces in query strings (seen on the wire, I-AZ94189), the Secret Token the admin typed
 * (a wrong one when the scenario says the credentials are invalid), no retries of its own: Entra
 * retries whole objects in later cycles, never a request on the spot.
 */
export class EntraTransport {
  readonly #client: ScimClient;
  readonly #settings: () => EntraSettings;
  /** A token the target cannot know, for `credentials: invalid`; the client redacts it like any token. */
  readonly #wrongToken = `invalid-${randomUUID()}`;

  /** Called when a request ran past the ❓ requestTimeoutMs deadline: that guess shaped the outcome, so it is reported. */
  readonly #onTimeout: () => void;

  constructor(client: ScimClient, settings: () => EntraSettings, onTimeout: () => void = () => {}) {
    this.#client = client;
    this.#settings = settings;
    this.#onTimeout = onTimeout;
  }

  /** The absolute URL of a path under the Tenant URL (for `$ref` values). */
  urlOf(path: string): string {
    return this.#client.resolveUrl(path);
  }

  async send(request: { method: string; path: string; query?: Array<[string, string]>; json?: unknown }): Promise<EntraCall> {
    const settings = this.#settings();
    const { contentType, requestTimeoutMs } = settings.assumed;
    const query = request.query && request.query.length > 0 ? `?${new URLSearchParams(request.query).toString()}` : '';
    const exchange = await this.#client.send({
      method: request.method,
      path: request.path + query,
      ...(request.json !== undefined ? { json: request.json, headers: { 'Content-Type': contentType } } : {}),
      ...(settings.credentials === 'invalid' ? { auth: { kind: 'bearer' as const, token: this.#wrongToken } } : {}),
      timeoutMs: requestTimeoutMs,
    });
    if (exchange.error?.code === 'response-timeout') this.#onTimeout();
    const body = exchange.response?.body;
    if (body === undefined || body.trim() === '') return { exchange, json: undefined, parsed: true };
    try {
      return { exchange, json: JSON.parse(body) as unknown, parsed: true };
    } catch {
      return { exchange, json: undefined, parsed: false };
    }
  }
}

/** The default headers of the provisioning service's fork of the run's SCIM client. */
export function entraDefaultHeaders(settings: EntraSettings): Record<string, string> {
  const headers: Record<string, string> = { 'User-Agent': settings.assumed.userAgent };
  // `accept: null` means Entra sends no Accept of its own (research §2.1). The run's SCIM client always
  // adds `Accept: application/scim+json` unless told otherwise, which is the very header research says
  // Entra does not send; `*/*` means the same as no Accept at all (RFC 9110 §12.5.1).
  headers['Accept'] = settings.assumed.accept ?? '*/*';
  return headers;
}
