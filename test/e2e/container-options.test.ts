import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../../suites/api/load-scenarios.js';
import { runCli } from './run-cli.js';

/** How a container target is asked for, checked before anything starts (no Docker needed). */
describe('container target options', () => {
  it('refuses companions of --target-image without it, both targets at once, and bad values (exit 2)', async () => {
    const lone = await runCli(['run', '--suite', 'core', '--target-port', '9000']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toMatch(/--target-port needs --target-image/);
    const both = await runCli(['run', '--suite', 'core', '--target', 'http://127.0.0.1:9/scim/v2', '--target-image', 'x']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/give --target or --target-image, not both/);
    const network = await runCli(['run', '--suite', 'core', '--target-image', 'acme/scim:1', '--target-network', 'overlay']);
    expect(network.code).toBe(2);
    expect(network.stderr).toMatch(/network/);
    const env = await runCli(['run', '--suite', 'core', '--target-image', 'acme/scim:1', '--target-env', 'NOEQUALS']);
    expect(env.code).toBe(2);
    expect(env.stderr).toMatch(/--target-env takes NAME=VALUE, got 'NOEQUALS'/);
  });

  it("reads a suite.yaml's target: block, and points at a bad one with file:line:col", async () => {
    const root = await mkdtemp(join(tmpdir(), 'scimsim-target-block-'));
    const good = join(root, 'good');
    await mkdir(good);
    await writeFile(join(good, 'suite.yaml'), 'suite: vendor\ntarget:\n  image: acme/scim-server:1.4\n  port: 3000\n  tokenEnv: API_TOKENS\n  env: { LOG_LEVEL: debug }\n  waitFor: { path: /healthz, timeoutMs: 30000 }\n');
    await writeFile(join(good, '01-discovery.yaml'), 'scenario: Discovery\nsteps:\n  - request: { method: GET, path: /ServiceProviderConfig }\n    expect: { status: 200 }\n');
    const loaded = await loadScenarios({ paths: [good], cwd: root });
    expect(loaded.target?.spec).toEqual({ image: 'acme/scim-server:1.4', port: 3000, tokenEnv: 'API_TOKENS', env: { LOG_LEVEL: 'debug' }, waitFor: { path: '/healthz', timeoutMs: 30000 } });
    expect(loaded.target?.declaredIn).toBe(join(good, 'suite.yaml'));

    const bad = join(root, 'bad');
    await mkdir(bad);
    await writeFile(join(bad, 'suite.yaml'), 'suite: broken\ntarget:\n  image: acme/scim-server:1.4\n  prot: 3000\n');
    const run = await runCli(['run', bad], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/bad\/suite\.yaml:4:3: .*prot.*(did you mean 'port'|port)/);

    const other = join(root, 'other');
    await mkdir(other);
    await writeFile(join(other, 'suite.yaml'), 'suite: other\ntarget:\n  image: acme/other:2\n');
    await writeFile(join(other, '01-discovery.yaml'), 'scenario: Discovery\nsteps:\n  - request: { method: GET, path: /ServiceProviderConfig }\n    expect: { status: 200 }\n');
    await expect(loadScenarios({ paths: [good, other], cwd: root })).rejects.toThrow(/good\/suite\.yaml and other\/suite\.yaml name different targets/);
  });
});
