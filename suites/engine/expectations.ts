import type { Exchange } from '../../simulator/scim/exchange.js';
import type { ObservedExchange } from '../rules/observed-exchange.js';
import type { CheckResult } from '../model/result.js';
import type { Expectation, Matcher } from '../model/scenario.js';
import { selectBodyPath, type ElementFilter } from './body-path.js';
import { evaluateMatcher, expectedOf, show } from './matchers.js';

/** The response body as JSON, parsed once per exchange. */
export type JsonBody = { ok: true; value: unknown } | { ok: false; reason: string };

/** The body as expectations see it, from the exchange's one parse (undefined: no response). */
export function jsonBodyOf(observed: ObservedExchange | undefined): JsonBody {
  switch (observed?.body.kind) {
    case 'json':
      return { ok: true, value: observed.body.value };
    case 'invalid':
      return { ok: false, reason: `the response body is not JSON (${observed.body.error})` };
    default:
      return { ok: false, reason: 'the response has no body' };
  }
}

/** The id a check carries in results: `expect.status`, `expect.body.name.givenName`. */
export function expectationId(e: Expectation): string {
  switch (e.kind) {
    case 'status':
      return 'expect.status';
    case 'header':
      return `expect.header.${e.name}`;
    case 'body':
      return `expect.body.${e.path}`;
    case 'responseTime':
      return 'expect.responseTime';
  }
}

function expectationTitle(e: Expectation): string {
  switch (e.kind) {
    case 'status':
      return `status is ${e.oneOf.join(' or ')}`;
    case 'header':
      return `header ${e.name} ${describeMatcher(e.matcher)}`;
    case 'body':
      return `body ${e.path} ${describeMatcher(e.matcher)}`;
    case 'responseTime':
      return `response time ${describeMatcher(e.matcher)} ms`;
  }
}

/** `= "x"`, `contains "y"`: a matcher in words, for check titles. */
export function describeMatcher(m: Matcher): string {
  return Object.entries(m)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => (k === 'equals' ? `= ${show(v)}` : `${k} ${show(v)}`))
    .join(', ');
}

/**
 * Judge one exchange against a step's expectations (placeholders in them already resolved).
 * Each expectation gives exactly one check.
 */
export function evaluateExpectations(expectations: Expectation[], exchange: Exchange, body: JsonBody, filterMatches: ElementFilter): CheckResult[] {
  return expectations.map((e) => {
    const base = { id: expectationId(e), kind: 'expectation' as const, title: expectationTitle(e), level: e.level, exchangeIds: [exchange.id], location: e.location };
    const failed = e.level === 'MUST' ? ('failed' as const) : ('warned' as const);
    if (!exchange.response) {
      return { ...base, status: 'errored' as const, message: `no response: ${exchange.error?.message ?? 'unknown transport error'}` };
    }
    switch (e.kind) {
      case 'status': {
        const actual = exchange.response.status;
        return e.oneOf.includes(actual)
          ? { ...base, status: 'passed' as const, expected: e.oneOf.length === 1 ? e.oneOf[0] : e.oneOf, actual }
          : { ...base, status: failed, expected: e.oneOf.length === 1 ? e.oneOf[0] : e.oneOf, actual, message: `expected status ${e.oneOf.join(' or ')}, got ${actual}` };
      }
      case 'header': {
        const actual = exchange.response.headers[e.name.toLowerCase()];
        const outcome = evaluateMatcher(e.matcher, actual);
        return { ...base, status: outcome.passed ? ('passed' as const) : failed, expected: expectedOf(e.matcher), actual, message: outcome.passed ? undefined : `header ${e.name} ${outcome.message}` };
      }
      case 'responseTime': {
        const actual = Math.round(exchange.durationMs);
        const outcome = evaluateMatcher(e.matcher, actual);
        return { ...base, status: outcome.passed ? ('passed' as const) : failed, expected: expectedOf(e.matcher), actual, message: outcome.passed ? undefined : `response time ${outcome.message}` };
      }
      case 'body': {
        if (!body.ok) return { ...base, status: failed, expected: expectedOf(e.matcher), actual: exchange.response.body.slice(0, 200), message: body.reason };
        let actual: unknown;
        try {
          actual = selectBodyPath(body.value, e.path, filterMatches);
        } catch (error) {
          return { ...base, status: 'errored' as const, message: `bad body path '${e.path}': ${(error as Error).message}` };
        }
        const outcome = evaluateMatcher(e.matcher, actual);
        return { ...base, status: outcome.passed ? ('passed' as const) : failed, expected: expectedOf(e.matcher), actual, message: outcome.passed ? undefined : `${e.path} ${outcome.message}` };
      }
    }
  });
}
