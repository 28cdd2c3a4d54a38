/**
 * Harness overhead: the whole `core` suite through scimsim (load, vars, requests, expectations,
 * protocol rules, redaction, reporting) against the request sequence it produced, replayed with
 * raw undici on one keep-alive connection. Same server, same process, interleaved, median of N.
 * The ratio says how much slower scimsim is than the bare HTTP it sends; the server runs in a
 * child process (`scimsim serve`) so it does not share this event loop.
 *
 * Run: npm run bench            (or: npm run bench -- 9   for 9 runs)
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { Redactor } from '../../simulator/scim/redact.js';
import { findSuites, loadScenarioFile } from '../loader/index.js';
import { protocolRules } from '../rules/registry.js';
import type { Exchange } from '../../simulator/scim/exchange.js';
import { scimFilterMatches } from './element-filter.js';
import { probeTarget } from './preflight.js';
import { runSuites } from './run.js';
import { packageRoot } from '../../simulator/package-info.js';
import { median, rawReplay } from './raw-replay.bench.js';

const RUNS = Number(process.argv[2] ?? 5);
const TOKEN = 'bench-token-9f8e7d6c5b4a';
const ROOT = `${packageRoot()}/`;

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, [`${ROOT}bin/scimsim.js`, 'serve', '--port', '0'], { env: { ...process.env, SCIMSIM_TOKENS: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
  return { url, stop: () => child.kill('SIGINT') };
}

async function harnessRun(url: string): Promise<{ ms: number; exchanges: Exchange[] }> {
  const started = performance.now();
  const [core] = (await findSuites(`${ROOT}scenarios`)).filter((s) => s.name === 'core');
  const scenarios = await Promise.all(core!.files.map(async (f) => (await loadScenarioFile(f, { suite: 'core' })).scenario));
  const redactor = new Redactor([TOKEN]);
  const features = await probeTarget(url, TOKEN, redactor);
  const result = await runSuites({ suites: [{ name: 'core', scenarios }], target: { kind: 'url', url }, token: TOKEN, redactor, rules: protocolRules, filterMatches: scimFilterMatches, features, reporter: {} });
  const ms = performance.now() - started;
  if (result.status !== 'passed') throw new Error(`the core suite did not pass (${result.status}): the benchmark would measure the wrong thing`);
  return { ms, exchanges: result.suites.flatMap((s) => s.scenarios.flatMap((sc) => sc.exchanges)) };
}

/** One measurement on a fresh server: the replay re-creates users the run had deleted. */
async function measure(): Promise<{ harness: number; raw: number; exchanges: number }> {
  const server = await startServer();
  try {
    const run = await harnessRun(server.url);
    return { harness: run.ms, raw: await rawReplay(run.exchanges, TOKEN), exchanges: run.exchanges.length };
  } finally {
    server.stop();
  }
}

await measure(); // warm-up: JIT, module loading
const runs: Array<Awaited<ReturnType<typeof measure>>> = [];
for (let i = 0; i < RUNS; i++) runs.push(await measure());
const h = median(runs.map((r) => r.harness));
const r = median(runs.map((x) => x.raw));
console.log(`core suite, ${runs[0]!.exchanges} exchanges, median of ${RUNS}`);
console.log(`  scimsim run      ${h.toFixed(1)} ms`);
console.log(`  raw replay       ${r.toFixed(1)} ms`);
console.log(`  ratio            ${(h / r).toFixed(2)}× (harness time / bare HTTP time)`);
