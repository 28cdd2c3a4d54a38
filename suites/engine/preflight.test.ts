import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redactor } from '../../simulator/scim/redact.js';
import { missingFeatureReason, probeTarget, TargetUnreachableError } from './preflight.js';

let answer: { status: number; body: string } = { status: 200, body: '{}' };
const server = createServer((_req, res) => {
  res.writeHead(answer.status, { 'content-type': 'application/scim+json' });
  res.end(answer.body);
});
let url = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('probeTarget', () => {
  it('reads the features /ServiceProviderConfig advertises as supported', async () => {
    answer = { status: 200, body: JSON.stringify({ patch: { supported: true }, etag: { supported: false }, sort: { supported: 'yes' } }) };
    const features = await probeTarget(url, 'tok', new Redactor());
    expect(features.known && [...features.supported]).toEqual(['patch']);
    expect(missingFeatureReason(['patch'], features)).toBeUndefined();
    expect(missingFeatureReason(['etag', 'sort'], features)).toBe('the target does not advertise etag.supported, sort.supported in /ServiceProviderConfig');
  });

  it('treats an unreadable configuration as unknown features, not as unreachable', async () => {
    answer = { status: 401, body: '{}' };
    const features = await probeTarget(url, 'tok', new Redactor());
    expect(features).toEqual({ known: false, reason: 'GET /ServiceProviderConfig answered 401' });
    expect(missingFeatureReason(['etag'], features)).toMatch(/features are unknown \(GET \/ServiceProviderConfig answered 401\)/);
    expect(missingFeatureReason([], features)).toBeUndefined();
    answer = { status: 200, body: 'not json' };
    expect(await probeTarget(url, 'tok', new Redactor())).toEqual({ known: false, reason: '/ServiceProviderConfig is not JSON' });
  });

  it('throws TargetUnreachableError when nothing answers', async () => {
    await expect(probeTarget('http://127.0.0.1:9/scim/v2', undefined, new Redactor(), 500)).rejects.toThrow(TargetUnreachableError);
  });
});
