import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failureLines, run } from 'scimsim';
import { startServerUnderTest, type ServerUnderTest } from './my-scim-server.js';

let server: ServerUnderTest;

beforeAll(async () => {
  server = await startServerUnderTest();
});

afterAll(async () => {
  await server?.close();
});

describe('SCIM conformance (scimsim)', () => {
  // One test per shipped suite: a failure lists every failed check as
  // `scenario › step › check: what went wrong (scenarios/…yaml:line:col)`.
  it.each(['core', 'okta'])('passes the %s suite', async (suite) => {
    const result = await run({ suite, target: { url: server.url, token: server.token } });
    expect(failureLines(result)).toEqual([]);
    expect(result.stats.scenarios.passed).toBeGreaterThan(0);
  });
});
