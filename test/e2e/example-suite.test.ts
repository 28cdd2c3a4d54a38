import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import { startBreakingProxy, type BreakingProxy } from './breaking-proxy.js';
import { PROJECT_ROOT } from './run-cli.js';

const VITEST = join(PROJECT_ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const EXAMPLE = join(PROJECT_ROOT, 'examples', 'server-implementer');
const TOKEN = 'example-suite-token-7d3e90';

/** Runs the example's vitest suite as a server implementer would, in its own process. */
function runExample(env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [VITEST, 'run', '--root', EXAMPLE], {
      cwd: PROJECT_ROOT,
      env: { PATH: process.env['PATH'] ?? '', CI: 'true', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

let upstream: RunningReferenceServer;
let broken: BreakingProxy;

beforeAll(async () => {
  upstream = await startReferenceServer({ port: 0, tokens: [TOKEN] });
  broken = await startBreakingProxy(upstream.url, async (req, upstreamResponse) => {
    if (req.method !== 'POST' || !req.url.split('?')[0]!.endsWith('/Users')) return 'pass';
    const res = await upstreamResponse();
    return res.status === 201 ? { ...res, status: 200 } : res;
  });
});
afterAll(async () => {
  await broken.close();
  await upstream.close();
});

describe('examples/server-implementer (a vitest suite built on the library API)', () => {
  it('passes the core and okta suites against a conforming server', async () => {
    const { code, output } = await runExample();
    expect(output).toMatch(/✓ passes the core suite/);
    expect(output).toMatch(/✓ passes the okta suite/);
    expect(code, output).toBe(0);
  }, 120_000);

  it('fails against a broken server with one readable line per failed check', async () => {
    const { code, output } = await runExample({ SCIM_BASE_URL: broken.url, SCIM_TOKEN: TOKEN });
    expect(code).toBe(1);
    expect(output).toMatch(/× passes the core suite/);
    expect(output).toMatch(/"core\/[\w-]+ › [^"]* › expect\.status: expected status 201, got 200 \(scenarios\/core\/[\w-]+\.yaml:\d+:\d+\)"/);
    expect(output).not.toContain(TOKEN);
  }, 120_000);
});
