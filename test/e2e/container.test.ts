/**
 * Container targets end to end: the reference image (built from this checkout by
 * simulator/target/container/build-test-image.sh, no registry needed) started with testcontainers
 * on the host network, the core suite run against it by the CLI, and the failure paths: a
 * container that exits, one that never answers, an interrupted start. Loopback only.
 *
 * Without a Docker engine the tests are skipped, except under CI, where that is a failure: the
 * CI machine is meant to have one (.ci/run starts it).
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { ContainerTargetError, startContainerTarget, type ContainerTargetSpec } from '../../simulator/target/container/container-target.js';
import { runCli } from './run-cli.js';

const BUILD_SCRIPT = fileURLToPath(new URL('../../simulator/target/container/build-test-image.sh', import.meta.url));
const IMAGE = 'scimsim-reference:local';
/** Plain node (no entrypoint), tagged by the build script. */
const NODE_IMAGE = 'scimsim-node-base:local';

function dockerEngine(): { ok: true } | { ok: false; why: string } {
  const r = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { encoding: 'utf8', timeout: 20_000 });
  if (r.error) return { ok: false, why: `the docker CLI cannot run (${r.error.message})` };
  if (r.status !== 0) return { ok: false, why: `no Docker engine answers (${(r.stderr || r.stdout).trim().split('\n').pop() ?? ''})` };
  return { ok: true };
}

/** Every container with this id, running or not (`docker ps -a`). */
function containersWithId(id: string): string {
  const r = spawnSync('docker', ['ps', '-a', '-q', '--no-trunc', '--filter', `id=${id}`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
}

/** The reference image on the host network: the server listens on the free loopback port scimsim picks. */
const REFERENCE: ContainerTargetSpec = {
  image: IMAGE,
  network: 'host',
  port: 0,
  command: ['--host', '127.0.0.1', '--port', '{{port}}'],
  tokenEnv: 'SCIMSIM_TOKENS',
  ryuk: false,
};

async function startFailure(spec: ContainerTargetSpec, options: Parameters<typeof startContainerTarget>[1] = {}): Promise<ContainerTargetError> {
  const error = await startContainerTarget(spec, options).then(
    (target) => {
      void target.stop();
      throw new Error(`expected ${spec.image} not to become ready, but it answered at ${target.url}`);
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ContainerTargetError);
  return error as ContainerTargetError;
}

/** Containers scimsim started (its label), running or not. */
function scimsimContainers(): string[] {
  const r = spawnSync('docker', ['ps', '-a', '-q', '--filter', 'label=org.scimsim.target'], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

const engine = dockerEngine();

if (!engine.ok) {
  describe('container targets', () => {
    if (process.env['CI']) {
      it('needs a Docker engine under CI', () => {
        throw new Error(`${engine.why}: under CI the container tests must run, not skip; start dockerd first (see .ci/run)`);
      });
    } else {
      it.skip(`skipped: ${engine.why}; start a Docker engine to run them`, () => undefined);
    }
  });
} else {
  describe('container targets', () => {
    beforeAll(async () => {
      const started = performance.now();
      const { stderr } = await promisify(execFile)('bash', [BUILD_SCRIPT], { timeout: 600_000, maxBuffer: 16 * 1024 * 1024 });
      console.info(`${stderr.trim()}\nbuild-test-image.sh: ${Math.round(performance.now() - started)} ms in all`);
    }, 600_000);

    it('runs the core suite against the reference image: every check passes, the container is removed after', async () => {
      const startedAt = performance.now();
      const target = await startContainerTarget(REFERENCE);
      const readyMs = Math.round(performance.now() - startedAt);
      let runMs = 0;
      try {
        expect(target.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/);
        expect(target.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(target.image).toBe(IMAGE);
        expect(containersWithId(target.containerId)).toBe(target.containerId);

        const dir = await mkdtemp(join(tmpdir(), 'scimsim-container-'));
        const report = join(dir, 'run.json');
        const runStarted = performance.now();
        const run = await runCli(['run', '--suite', 'core', '--target', target.url, '--reporter', `json=${report}`], {
          env: { SCIM_TOKEN: target.token ?? '' },
          timeoutMs: 120_000,
        });
        runMs = Math.round(performance.now() - runStarted);
        expect(run.code, run.stdout + run.stderr + target.logs()).toBe(0);
        const result = JSON.parse(await readFile(report, 'utf8')) as { status: string; target: { url: string }; stats: { checks: Record<string, number>; exchanges: number } };
        expect(result.status).toBe('passed');
        expect(result.target.url).toBe(target.url);
        expect(result.stats.checks['failed']).toBe(0);
        expect(result.stats.checks['errored']).toBe(0);
        expect(result.stats.checks['passed']).toBeGreaterThan(100);
        expect(result.stats.exchanges).toBeGreaterThan(50);
        expect(target.logs()).toContain(`http://127.0.0.1:${new URL(target.url).port}/scim/v2`);
        expect(target.logs()).not.toContain(target.token);
      } finally {
        await target.stop();
      }
      await target.stop(); // idempotent
      expect(containersWithId(target.containerId)).toBe('');
      console.info(`container start to ready: ${readyMs} ms; core suite in the container: ${runMs} ms`);
    }, 180_000);

    it('a container that exits at once: ContainerTargetError with its logs, fast, nothing left behind', async () => {
      const started = performance.now();
      const error = await startFailure({ ...REFERENCE, command: ['--host', '127.0.0.1', '--port', 'not-a-port'] });
      expect(error.reason).toBe('exited');
      expect(error.message).toMatch(/exited with code 2 before its SCIM server answered/);
      expect(error.logs).toContain("--port must be 0–65535, got 'not-a-port'");
      expect(performance.now() - started).toBeLessThan(15_000);
      expect(error.containerId).toMatch(/^[0-9a-f]{64}$/);
      expect(containersWithId(error.containerId ?? 'none')).toBe('');
    }, 60_000);

    it('a server that never answers where expected: timeout with its logs, nothing left behind', async () => {
      // It listens on a port of its own choosing, not the one scimsim waits on.
      const error = await startFailure({ ...REFERENCE, command: ['--host', '127.0.0.1', '--port', '0'], waitFor: { timeoutMs: 1500 } });
      expect(error.reason).toBe('timeout');
      expect(error.message).toMatch(/did not answer GET http:\/\/127\.0\.0\.1:\d+\/scim\/v2\/ServiceProviderConfig with a status below 500 within 2 s \(last attempt: ECONNREFUSED\)/);
      expect(error.logs).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/scim\/v2$/m);
      expect(containersWithId(error.containerId ?? 'none')).toBe('');
    }, 60_000);

    it('a start interrupted by the signal removes the container', async () => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(new Error('Ctrl-C')), 1000);
      const started = performance.now();
      const error = await startFailure({ ...REFERENCE, command: ['--host', '127.0.0.1', '--port', '0'] }, { signal: controller.signal });
      expect(error.reason).toBe('aborted');
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(containersWithId(error.containerId ?? 'none')).toBe('');
    }, 60_000);

    it('the token never appears in the logs: the one made for tokenEnv, nor the run token', async () => {
      const runToken = 'run-token-9d8c7b6a5f4e';
      const printsItsSecrets = "console.log('made: ' + process.env.SCIMSIM_TOKENS); console.error('run: ' + process.env.RUN_TOKEN); process.exit(3)";
      const error = await startFailure(
        { image: NODE_IMAGE, network: 'host', port: 0, command: ['node', '-e', printsItsSecrets], env: { RUN_TOKEN: runToken }, tokenEnv: 'SCIMSIM_TOKENS', ryuk: false },
        { token: runToken, redact: (text) => text.replaceAll('made:', 'MADE:') },
      );
      expect(error.reason).toBe('exited');
      expect(error.message).toContain('exited with code 3');
      // The run's own redaction is applied too.
      expect(error.logs).toContain('MADE: ‹redacted›');
      expect(error.logs).toContain('run: ‹redacted›');
      expect(error.logs).not.toContain(runToken);
      expect(containersWithId(error.containerId ?? 'none')).toBe('');
    }, 60_000);

    it('scimsim run --target-image: the CLI starts the image, runs the core suite in it, and removes it', async () => {
      const dir = await mkdtemp(join(tmpdir(), 'scimsim-target-image-'));
      const report = join(dir, 'run.json');
      const run = await runCli(
        ['run', '--suite', 'core', '--target-image', IMAGE, '--target-network', 'host', '--target-port', '0', '--target-arg=--host', '--target-arg=127.0.0.1', '--target-arg=--port', '--target-arg={{port}}', '--target-token-env', 'SCIMSIM_TOKENS', '--no-ryuk', '--reporter', `json=${report}`],
        { timeoutMs: 120_000 },
      );
      expect(run.code, run.stdout + run.stderr).toBe(0);
      expect(run.stderr).toMatch(new RegExp(`target: ${IMAGE} started \\(http://127\\.0\\.0\\.1:\\d+/scim/v2\\)`));
      const result = JSON.parse(await readFile(report, 'utf8')) as { status: string; target: { kind: string; image?: string; logs?: string } };
      expect(result).toMatchObject({ status: 'passed', target: { kind: 'container', image: IMAGE } });
      // A passing run keeps no container output.
      expect(result.target.logs).toBeUndefined();
      expect(scimsimContainers()).toEqual([]);
    }, 180_000);

    it("a suite.yaml's target: block; a failing run carries the container's output into its reports", async () => {
      const dir = await mkdtemp(join(tmpdir(), 'scimsim-target-block-'));
      const suite = join(dir, 'vendor');
      await mkdir(suite);
      await writeFile(
        join(suite, 'suite.yaml'),
        `suite: vendor\ntarget:\n  image: ${IMAGE}\n  network: host\n  port: 0\n  command: [--host, 127.0.0.1, --port, '{{port}}']\n  tokenEnv: SCIMSIM_TOKENS\n  ryuk: false\n`,
      );
      await writeFile(join(suite, '01-made-up-status.yaml'), 'scenario: Discovery answers a made-up status\nsteps:\n  - request: { method: GET, path: /ServiceProviderConfig }\n    expect: { status: 299 }\n');
      const report = join(dir, 'run.json');
      const run = await runCli(['run', suite, '--reporter', `json=${report}`], { cwd: dir, timeoutMs: 120_000 });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const result = JSON.parse(await readFile(report, 'utf8')) as { target: { kind: string; url: string; logs?: string } };
      expect(result.target.kind).toBe('container');
      // The reference server prints its base URL when it starts: that line is in the kept output.
      expect(result.target.logs).toContain(result.target.url);
      expect(run.stdout).toMatch(/Output of the target container scimsim-reference:local/);
      expect(scimsimContainers()).toEqual([]);
    }, 180_000);

    it.each([
      ['while the suite runs', /target: scimsim-reference:local started/, 0, true],
      // The first output is the scenario files' warnings, printed before the container starts.
      ['while the container starts', /^/, 300, false],
    ])('Ctrl-C %s: exit 130 and the container is removed', async (_when, trigger, delayMs, wasReady) => {
      const bin = fileURLToPath(new URL('../../bin/scimsim.js', import.meta.url));
      const child = spawn(
        process.execPath,
        [bin, 'run', '--target-image', IMAGE, '--target-network', 'host', '--target-port', '0', '--target-arg=--host', '--target-arg=127.0.0.1', '--target-arg=--port', '--target-arg={{port}}', '--target-token-env', 'SCIMSIM_TOKENS', '--no-ryuk'],
        { env: { PATH: process.env['PATH'] ?? '', CI: 'true', NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      let sent = false;
      const interrupt = () => {
        if (sent || !trigger.test(output)) return;
        sent = true;
        setTimeout(() => child.kill('SIGINT'), delayMs);
      };
      child.stdout.on('data', (d: Buffer) => ((output += d.toString()), interrupt()));
      child.stderr.on('data', (d: Buffer) => ((output += d.toString()), interrupt()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(sent, output).toBe(true);
      expect(code, output).toBe(130);
      expect(/target: \S+ started \(/.test(output), output).toBe(wasReady);
      expect(scimsimContainers()).toEqual([]);
    }, 120_000);

    it('an image that does not exist: ContainerTargetError naming it', async () => {
      const error = await startFailure({ ...REFERENCE, image: 'scimsim-no-such-image:never' });
      expect(error.reason).toBe('create');
      expect(error.message).toMatch(/could not create a container from scimsim-no-such-image:never/);
      expect(error.containerId).toBeUndefined();
    }, 60_000);
  });
}
