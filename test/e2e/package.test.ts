import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './run-cli.js';

interface Exec {
  code: number | null;
  stdout: string;
  stderr: string;
}

function exec(command: string, args: string[], cwd: string, env: Record<string, string> = {}): Promise<Exec> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

type LockEntry = { dev?: boolean; devOptional?: boolean; [key: string]: unknown };

/**
 * A lockfile for a project that depends only on the packed tarball, with scimsim's production
 * dependencies at the versions of scimsim's own lockfile. With it `npm ci --offline` installs from
 * npm's cache, which `npm ci` of this repository filled: the test sends nothing to a registry.
 */
async function consumerLockfile(tarball: string, integrity: string): Promise<object> {
  const lock = JSON.parse(await readFile(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string>; bin: object; engines: object; license: string };
  const production = Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    // This repository's lockfile omits registry URLs; npm needs one per entry to install without a
    // registry lookup, and finds the tarball in its cache by the entry's integrity.
    .map(([path, entry]) => [path, { resolved: registryTarballUrl(path, entry), ...entry }] as const);
  return {
    name: 'consumer',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'consumer', dependencies: { scimsim: `file:${tarball}` } },
      'node_modules/scimsim': { version: pkg.version, resolved: `file:${tarball}`, integrity, license: pkg.license, dependencies: pkg.dependencies, bin: pkg.bin, engines: pkg.engines },
      ...Object.fromEntries(production),
    },
  };
}

function registryTarballUrl(path: string, entry: LockEntry): string {
  const name = typeof entry['name'] === 'string' ? entry['name'] : path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const base = name.includes('/') ? name.split('/')[1]! : name;
  return `https://registry.npmjs.org/${name}/-/${base}-${String(entry['version'])}.tgz`;
}

let packed: { filename: string; files: Array<{ path: string }>; size: number };
let consumer: string;

beforeAll(async () => {
  const out = await mkdtemp(join(tmpdir(), 'scimsim-pack-'));
  // `npm test` has just built dist/; --ignore-scripts keeps `prepare` from rebuilding it under the other tests.
  const pack = await exec('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', out], PROJECT_ROOT);
  expect(pack.code, pack.stderr).toBe(0);
  packed = (JSON.parse(pack.stdout) as Array<typeof packed>)[0]!;
  consumer = await mkdtemp(join(tmpdir(), 'scimsim-consumer-'));
  await copyFile(join(out, packed.filename), join(consumer, packed.filename));
  const integrity = `sha512-${createHash('sha512').update(await readFile(join(out, packed.filename))).digest('base64')}`;
  await writeFile(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', dependencies: { scimsim: `file:${packed.filename}` } }, null, 2));
  await writeFile(join(consumer, 'package-lock.json'), JSON.stringify(await consumerLockfile(packed.filename, integrity), null, 2));
  const install = await exec('npm', ['ci', '--offline', '--no-audit', '--no-fund'], consumer);
  expect(install.code, `${install.stdout}\n${install.stderr}`).toBe(0);
}, 180_000);

describe('the npm package', () => {
  it('ships the compiled code, types, scenarios, schema and the HTML viewer; no tests, fixtures or maps', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of ['bin/scimsim.js', 'dist/suites/cli/main.js', 'dist/suites/api/index.js', 'dist/suites/api/index.d.ts', 'scenarios/scenario.schema.json', 'scenarios/core/suite.yaml', 'scenarios/entra/suite.yaml', 'reports/html/viewer/viewer.js', 'README.md', 'package.json']) {
      expect(paths, needed).toContain(needed);
    }
    const unwanted = paths.filter((p) => /(^|\/)(test|fixtures|examples|test-artifacts)\/|\.test\.|\.bench\.|\.map$|\.ts$(?<!\.d\.ts$)/.test(p));
    expect(unwanted).toEqual([]);
  });

  it('installed into an empty folder, `npx scimsim run` runs the shipped suites with no other set-up', async () => {
    const run = await exec('npx', ['--no-install', 'scimsim', 'run', '--suite', 'core'], consumer);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/^\d+ passed, 0 failed, 0 skipped/);
    expect(run.stdout).toMatch(/^Running \d+ scenarios from 1 suite against http:\/\/127\.0\.0\.1:\d+\/scim\/v2 \(embedded\)/m);
  }, 120_000);

  it('is importable as a typed library from the installed package', async () => {
    const script = [
      "import { run, loadScenarios, startReferenceServer, failureLines } from 'scimsim';",
      "const loaded = await loadScenarios({ suite: 'core', grep: 'discovery' });",
      'const result = await run({ scenarios: loaded });',
      'console.log(JSON.stringify({ typeofServer: typeof startReferenceServer, scenarios: result.stats.scenarios, failures: failureLines(result) }));',
    ].join('\n');
    const run = await exec(process.execPath, ['--input-type=module', '-e', script], consumer);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout) as { typeofServer: string; scenarios: { passed: number }; failures: string[] };
    expect(out.typeofServer).toBe('function');
    expect(out.scenarios.passed).toBeGreaterThan(0);
    expect(out.failures).toEqual([]);
    const types = await readFile(join(consumer, 'node_modules', 'scimsim', 'dist', 'suites', 'api', 'index.d.ts'), 'utf8');
    expect(types).toMatch(/export \{ run,[^}]*\btype RunOptions\b/);
  }, 60_000);
});
