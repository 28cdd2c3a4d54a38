import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import { PROJECT_ROOT, runCli } from './run-cli.js';

/**
 * The control adapter's contract from a vendor's side: a module loaded by path is used for what it
 * can do; a scenario that needs a capability it lacks is skipped with the reason; a broken module
 * stops the run with exit 2 and the reason. The target is a reference server that is not embedded,
 * so its own adapter is not in play.
 */

const TOKEN = 'control-e2e-token-5a7c9e1f3b';
const FIXTURES = join(PROJECT_ROOT, 'simulator/target/control/fixtures');
let server: RunningReferenceServer;
let dir: string;

beforeAll(async () => {
  server = await startReferenceServer({ port: 0, tokens: [TOKEN] });
  dir = await mkdtemp(join(tmpdir(), 'scimsim-control-'));
  await mkdir(join(dir, 'vendor'));
  await writeFile(join(dir, 'vendor', 'suite.yaml'), 'suite: vendor\ndescription: the vendor adapter contract\n');
  await writeFile(
    join(dir, 'vendor', '01-read-user.yaml'),
    `scenario: reads a user's license through the vendor adapter
steps:
  - name: the adapter answers for a managed user
    control: {}
    expect:
      account: { user: someone@managed.example.com, license: developer, scimManaged: true }
`,
  );
  await writeFile(
    join(dir, 'vendor', '02-allowlist.yaml'),
    `scenario: needs the IP allowlist the vendor adapter lacks
steps:
  - control: { setIpAllowlist: ["10.0.0.0/8"] }
`,
  );
});
afterAll(async () => {
  await server.close();
});

describe('scimsim run --control MODULE', () => {
  it('uses the vendor module for what it can do and skips a scenario that needs more, with the reason', async () => {
    const json = join(dir, 'run.json');
    const run = await runCli(['run', join(dir, 'vendor'), '--target', server.url, '--control', join(FIXTURES, 'fake-vendor-adapter.mjs'), '--reporter', 'console', '--reporter', `json=${json}`], { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = JSON.parse(await readFile(json, 'utf8')) as { suites: Array<{ scenarios: Array<{ id: string; status: string; skipReason?: string }> }> };
    const [read, allowlist] = result.suites[0]!.scenarios;
    expect(read).toMatchObject({ id: 'vendor/01-read-user', status: 'passed' });
    expect(allowlist).toMatchObject({ id: 'vendor/02-allowlist', status: 'skipped', skipReason: "the control adapter 'fake vendor adapter 0.1' lacks ipAllowlist" });
    expect(run.stdout + run.stderr + (await readFile(json, 'utf8'))).not.toContain(TOKEN);
  });

  it('without an adapter, a scenario that needs one is skipped, not failed', async () => {
    const run = await runCli(['run', join(dir, 'vendor'), '--target', server.url, '--reporter', 'console'], { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/needs a control adapter with readUser; this target has none \(pass --control MODULE\)/);
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^0 passed, 0 failed, 2 skipped/);
  });

  it('a module that declares a capability without its methods stops the run with exit 2 and the reason', async () => {
    const run = await runCli(['run', join(dir, 'vendor'), '--target', server.url, '--control', join(FIXTURES, 'broken-adapter.mjs')], { env: { SCIM_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the adapter 'broken' declares tokens but has no deleteToken\(\)/);
  });
});
