import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Redactor } from '../../simulator/scim/redact.js';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { ControlAdapter } from '../../simulator/target/control/control-adapter.js';
import { ControlModuleError, loadControlModule } from '../../simulator/target/control/load-control-module.js';
import { createReporters, Multiplexer, ReporterSelectionError } from '../../reports/select.js';
import { loadScenarios } from './load-scenarios.js';
import { seedFromId } from '../loader/index.js';
import { probeTarget } from '../engine/preflight.js';
import { runSuites } from '../engine/run.js';
import { scimFilterMatches } from '../engine/element-filter.js';
import type { RunTarget } from '../model/result.js';
import { protocolRules } from '../rules/registry.js';
import type { CliIo } from './cli-io.js';
import { EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './exit-codes.js';
import { selectScenarioFiles } from './select-scenarios.js';
import { shippedScenariosDir } from './package-paths.js';
import { strictParse } from './strict-parse.js';
import { parseShard, takeShard } from '../shard/shard.js';
import { DEFAULT_BASELINE_FILE, formatBaseline, gateStatus, loadBaseline, loadBaselineIfPresent, matchBaseline, todayUtc, updateBaseline, updateSummary, type Baseline } from '../baseline/index.js';
import { countRunCases } from '../model/report-cases.js';
import type { RunResult } from '../model/result.js';
import { writeFileAtomic } from '../../reports/output-file.js';
import { displayPath } from './display-path.js';
import { resolve } from 'node:path';

export const RUN_HELP = `Usage: scimsim run [paths…] [options]

Runs scenario files (or folders of suites) against a SCIM server. With no paths and no --suite,
runs every shipped suite. With no --target, runs against the embedded reference server.

Options:
  --suite NAME            run one suite (of the shipped ones, or of the given paths)
  --target URL            the SCIM base URL of the server under test (e.g. https://host/scim/v2)
  --token-env VAR         read the bearer token from this environment variable (default SCIM_TOKEN);
                          tokens are never taken from the command line
  --grep TEXT             run only scenarios whose suite, id, title or tags contain TEXT (any case)
  --bail                  stop after the first failed scenario (reports are still written)
  --baseline FILE         known failures (JSON, see README "Baselines"): failures it lists are reported
                          as known and do not fail the run; entries that now pass are reported as
                          fixed; expired entries stop matching
  --update-baseline       rewrite the baseline (--baseline FILE, default ${DEFAULT_BASELINE_FILE}) to the
                          failures of this run, keeping reasons and expiry dates; sorted for clean diffs
  --shard I/N             run the I-th of N equal parts of the selected scenarios (CI matrices);
                          join the parts' JSON reports with 'scimsim merge'
  --reporter SPEC         console | junit=FILE | json=FILE | html=FILE | markdown=FILE | github
                          (repeatable; the file reporters without =FILE write to stdout). Under
                          GitHub Actions, github is on when no reporter is chosen, and a Markdown
                          summary is appended to $GITHUB_STEP_SUMMARY
  --timeout MS            response timeout per request (default 30000)
  --control MODULE        the target's control adapter: an ES module (simulator/target/control/README.md);
                          scenarios that need a capability it lacks are skipped with the reason
                          (the embedded server has its own)
  --seed N                fake different data: every scenario's faker seed becomes a hash of its id
                          and N (default: the file's seed:, else a hash of the id; same file, same data)
  -h, --help              show this help

Exit codes: 0 all passed · 1 failures · 2 usage, scenario-file errors or unreachable target · 130 interrupted`;

const OPTIONS = {
  suite: { type: 'string' },
  target: { type: 'string' },
  'token-env': { type: 'string', default: 'SCIM_TOKEN' },
  grep: { type: 'string' },
  bail: { type: 'boolean', default: false },
  shard: { type: 'string' },
  baseline: { type: 'string' },
  'update-baseline': { type: 'boolean', default: false },
  reporter: { type: 'string', multiple: true },
  timeout: { type: 'string' },
  control: { type: 'string' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** `scimsim run`: returns the exit code. */
export async function runCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = strictParse(() => parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true }), Object.keys(OPTIONS));
  if (values.help) {
    io.stdout.write(`${RUN_HELP}\n`);
    return EXIT_OK;
  }
  const responseTimeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (responseTimeoutMs !== undefined && !(Number.isInteger(responseTimeoutMs) && responseTimeoutMs > 0)) {
    throw new UsageError(`--timeout must be a positive number of milliseconds, got '${values.timeout}'`);
  }
  const runSeed = values.seed === undefined ? undefined : Number(values.seed);
  if (runSeed !== undefined && !(Number.isInteger(runSeed) && runSeed >= 0)) throw new UsageError(`--seed must be a whole number ≥ 0, got '${values.seed}'`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && 'error' in shard) throw new UsageError(shard.error);
  const targetUrl = values.target === undefined ? undefined : parseTargetUrl(values.target);
  const reporter = selectReporters(values.reporter ?? [], io);
  const gate = await prepareBaseline(values.baseline, values['update-baseline'], io);

  const selected = await selectScenarioFiles(positionals, values.suite, io.cwd, shippedScenariosDir());
  const loaded = await loadScenarios(selected, io, [...protocolRules.keys()]);
  const selectedSuites = loaded.suites
    .map((s) => ({
      name: s.name,
      scenarios: s.scenarios
        .filter((sc) => matchesGrep(sc, s.name, values.grep))
        // Per scenario, so two scenarios never share data under one --seed.
        .map((sc) => (runSeed === undefined ? sc : { ...sc, seed: seedFromId(`${sc.id}#${runSeed}`) })),
    }))
    .filter((s) => s.scenarios.length > 0);
  if (selectedSuites.length === 0) {
    throw new UsageError(values.grep ? `no scenario matches --grep '${values.grep}'` : 'no scenarios to run');
  }
  const sharded = shard ? takeShard(selectedSuites, shard) : undefined;
  const suites = sharded?.suites ?? selectedSuites;
  if (sharded) {
    const count = suites.reduce((n, s) => n + s.scenarios.length, 0);
    // An empty shard (more shards than scenarios) is not an error: the matrix job still passes.
    io.stderr.write(`shard ${sharded.info.index} of ${sharded.info.total}: ${count} of ${sharded.info.planned} scenarios\n`);
  }

  let server: RunningReferenceServer | undefined;
  let target: RunTarget;
  let token: string | undefined;
  if (targetUrl) {
    token = io.env[values['token-env']] || undefined;
    if (!token) io.stderr.write(`warning: $${values['token-env']} is not set: requests are sent without a bearer token\n`);
    target = { kind: 'url', url: targetUrl };
  } else {
    token = randomBytes(24).toString('base64url');
    server = await startReferenceServer({ port: 0, tokens: [token] });
    target = { kind: 'embedded', url: server.url };
  }
  const redactor = new Redactor([...(token ? [token] : []), ...loaded.secrets]);
  // The embedded server controls itself; another target needs the vendor's module.
  let control: ControlAdapter | undefined = server?.control;
  if (values.control !== undefined) {
    try {
      control = await loadControlModule(values.control, io.cwd, { baseUrl: target.url, token });
    } catch (error) {
      await server?.close();
      if (error instanceof ControlModuleError) throw new UsageError(error.message);
      throw error;
    }
  }

  try {
    const features = await probeTarget(target.url, token, redactor);
    const result = await runSuites({
      features,
      suites,
      target,
      token,
      redactor,
      rules: protocolRules,
      filterMatches: scimFilterMatches,
      reporter,
      bail: values.bail,
      signal: io.interrupted,
      client: responseTimeoutMs ? { responseTimeoutMs } : undefined,
      ...(control ? { control } : {}),
      ...(runSeed !== undefined ? { seed: runSeed } : {}),
      ...(sharded ? { shard: sharded.info } : {}),
      ...(gate ? { finalize: gate } : {}),
    });
    if (io.interrupted?.aborted) return EXIT_INTERRUPTED;
    // Known failures (--baseline) are counted apart, so they do not fail the run.
    const counts = countRunCases(result);
    return counts.failed + counts.errored > 0 ? EXIT_FAILURES : EXIT_OK;
  } finally {
    await control?.close?.();
    await server?.close();
  }
}

/**
 * The baseline step of the run, or undefined without --baseline / --update-baseline. The file is
 * read (strictly: a bad file is exit 2 with file:line:col) before the first request; the update is
 * written when the run ends, and the run is then judged against what was written.
 */
async function prepareBaseline(file: string | undefined, update: boolean, io: CliIo): Promise<((run: RunResult) => Promise<RunResult>) | undefined> {
  if (file === undefined && !update) return undefined;
  const path = resolve(io.cwd, file ?? DEFAULT_BASELINE_FILE);
  const shown = displayPath(path, io.cwd);
  const today = todayUtc();
  let baseline: Baseline | undefined = update ? await loadBaselineIfPresent(path) : await loadBaseline(path);
  return async (run) => {
    if (update && run.status === 'interrupted') {
      // A run stopped early would drop entries of the cases it never reached.
      io.stderr.write(`baseline: not updated, the run was interrupted: ${shown} is unchanged\n`);
    } else if (update) {
      const updated = updateBaseline(run, baseline, today);
      await writeFileAtomic(path, formatBaseline(updated.baseline));
      io.stderr.write(`${updateSummary(updated)}: wrote ${shown}\n`);
      baseline = updated.baseline;
    }
    if (!baseline) return run;
    const judged: RunResult = { ...run, baseline: matchBaseline(run, baseline, shown, today) };
    return { ...judged, status: gateStatus(judged) };
  };
}

function selectReporters(specs: string[], io: CliIo): Multiplexer {
  try {
    return new Multiplexer(createReporters(specs, { stdout: io.stdout, stderr: io.stderr, env: io.env }), io.stderr);
  } catch (error) {
    if (error instanceof ReporterSelectionError) throw new UsageError(error.message);
    throw error;
  }
}

function parseTargetUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UsageError(`--target is not a URL: '${raw}'`, 'e.g. --target https://example.com/scim/v2');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--target must be an http(s) URL, got '${raw}'`);
  if (url.search) throw new UsageError(`--target must not have a query string (RFC 7644 §1.3): '${raw}'`);
  if (url.username || url.password) throw new UsageError('--target must not carry credentials; put the token in $SCIM_TOKEN');
  return url.toString().replace(/\/+$/, '');
}

function matchesGrep(scenario: { id: string; title: string; tags: string[] }, suite: string, grep: string | undefined): boolean {
  if (!grep) return true;
  const haystack = [suite, scenario.id, scenario.title, ...scenario.tags].join(' › ').toLowerCase();
  return haystack.includes(grep.toLowerCase());
}
