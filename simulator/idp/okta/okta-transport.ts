import type { Exchange } from '../../scim/exchange.js';
import type { ScimClient, ScimRequest } from '../../scim/client.js';
import type { OktaSettings } from './settings.js';

/** The User-Agent of every Okta SCIM request (research §1.1, O-SCIM20). */
export const OKTA_USER_AGENT = 'Okta SCIM Client 1.0.0';

/** The scenario's clock as the Okta client sees it: it waits out rate limits on it. */
export interface OktaClock {
  now(): Date;
  advance(ms: number): void;
}

/** One logical request and every attempt it took (several when the server answered 429). */
export interface OktaCall {
  /** Every attempt, in order. */
  exchanges: Exchange[];
  /** The attempt whose answer counts. */
  last: Exchange;
  /** The answer's JSON body, when it had one that parsed. */
  json: unknown;
  /** Set when Okta gave up after 429s: the task fails permanently. */
  rateLimitExhausted: boolean;
  /** Virtual time spent waiting on 429s, with each wait. */
  waitsMs: number[];
  /** The answer limit the call ran under (60 s unless a test shortened it). */
  answerLimitMs: number;
}

/**
 * Sends what the Okta client sends, as Okta sends it: its User-Agent, its headers, its 60-second
 * answer limit, and its 429 policy on the scenario's virtual clock (research §1.8, O-CONCEPTS): the
 * first wait is Retry-After when that is an integer number of seconds, otherwise 5 minutes; each
 * later wait doubles; after `maxAttempts` attempts the task fails for good.
 */
export class OktaTransport {
  readonly #client: ScimClient;
  readonly #clock: OktaClock;
  readonly #settings: OktaSettings;

  constructor(client: ScimClient, clock: OktaClock, settings: OktaSettings) {
    this.#client = client;
    this.#clock = clock;
    this.#settings = settings;
  }

  async send(request: Omit<ScimRequest, 'timeoutMs' | 'auth' | 'headers'>): Promise<OktaCall> {
    const { contentType } = this.#settings.assumed;
    const headers = request.json !== undefined ? { 'Content-Type': contentType } : undefined;
    const exchanges: Exchange[] = [];
    const waitsMs: number[] = [];
    const { maxAttempts, defaultWaitMs } = this.#settings.rateLimit;
    for (let attempt = 1; ; attempt++) {
      const exchange = await this.#client.send({ ...request, ...(headers ? { headers } : {}), timeoutMs: this.#settings.answerLimitMs });
      exchanges.push(exchange);
      if (exchange.response?.status !== 429) return { exchanges, last: exchange, json: parseJson(exchange), rateLimitExhausted: false, waitsMs, answerLimitMs: this.#settings.answerLimitMs };
      if (attempt >= maxAttempts) return { exchanges, last: exchange, json: parseJson(exchange), rateLimitExhausted: true, waitsMs, answerLimitMs: this.#settings.answerLimitMs };
      const previous = waitsMs[waitsMs.length - 1];
      const wait = previous === undefined ? (retryAfterMs(exchange.response.headers['retry-after']) ?? defaultWaitMs) : previous * 2;
      waitsMs.push(wait);
      this.#clock.advance(wait);
    }
  }
}

/** Okta honours Retry-After only as an integer number of seconds; an HTTP-date or anything else means the default. */
export function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined || !/^\s*\d+\s*$/.test(header)) return undefined;
  return Number(header.trim()) * 1000;
}

function parseJson(exchange: Exchange): unknown {
  const body = exchange.response?.body;
  if (!body || body.trim() === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}

/** The default headers of the Okta client's fork of the run's SCIM client. */
export function oktaDefaultHeaders(settings: OktaSettings): Record<string, string> {
  return { 'User-Agent': OKTA_USER_AGENT, Accept: settings.assumed.accept };
}
