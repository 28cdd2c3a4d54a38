import { parseArgs } from 'node:util';
import { ControlModuleError } from '../../simulator/target/control/load-control-module.js';
import { ContainerSpecError, parseContainerSpec, type ContainerTargetSpec } from '../../simulator/target/container/container-spec.js';
import { ContainerTargetError } from '../../simulator/target/container/container-target.js';
import { DEFAULT_BASELINE_FILE } from '../baseline/index.js';
import { countRunCases } from '../model/report-cases.js';
import { parseShard } from '../shard/shard.js';
import { loadScenarios } from '../api/load-scenarios.js';
import { run } from '../api/run.js';
import type { CliIo } from './cli-io.js';
import { EXIT_FAILURES, EXIT_INTERRUPTED, EXIT_OK, UsageError } from './exit-codes.js';
import { printDiagnostics } from './print-diagnostics.js';
import { strictParse } from './strict-parse.js';
import { cliReporters } from './cli-reporters.js';

export const RUN_HELP = `Usage: scimsim run [paths…] [options]

Runs scenario files (or folders of suites) against a SCIM server. With no paths and no --suite,
runs every shipped suite. With no --target, runs against the embedded reference server.

Options:
  --suite NAME            run one suite (of the shipped ones, or of the given paths)
  --target URL            the SCIM base URL of the server under test (e.g. https://host/scim/v2)
  --target-image IMAGE    start this image as the target (testcontainers), remove it afterwards; with:
    --target-port N         the port its SCIM server listens on (default 8080; with --target-network
                            host, 0 = a free loopback port, given to the server as {{port}})
    --target-env K=V        its environment (repeatable; {{port}} is replaced)
    --target-arg ARG        arguments after its entrypoint (repeatable; {{port}} is replaced;
                            write --target-arg=--flag for one that starts with a dash)
    --target-token-env VAR  make a random token and give it to the container in VAR
    --target-base-path P    the SCIM base path (default /scim/v2)
    --target-wait PATH      readiness path, relative to the base URL (default ServiceProviderConfig)
    --target-wait-ms MS     how long to wait for it (default 60000)
    --target-network MODE   bridge (default) or host (no bridge network, e.g. CI sandboxes)
    --no-ryuk               do not start testcontainers' reaper (where it cannot run)
                          A suite.yaml may declare the same as 'target:'.
  --token-env VAR         read the bearer token from this environment variable (default SCIM_TOKEN);
                          tokens are never taken from the command line
  --grep TEXT             run only scenarios whose suite, id, title or tags contain TEXT (any case)
  --bail                  stop after the first failed scenario (reports are still written)
  --baseline FILE         known failures (JSON, see reports/README.md): failures it lists are reported
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

Exit codes: 0 all passed (or only known failures) · 1 failures · 2 usage, scenario-file errors,
unreachable target or a container that would not start · 130 interrupted`;

const OPTIONS = {
  suite: { type: 'string' },
  target: { type: 'string' },
  'target-image': { type: 'string' },
  'target-port': { type: 'string' },
  'target-env': { type: 'string', multiple: true },
  'target-arg': { type: 'string', multiple: true },
  'target-token-env': { type: 'string' },
  'target-base-path': { type: 'string' },
  'target-wait': { type: 'string' },
  'target-wait-ms': { type: 'string' },
  'target-network': { type: 'string' },
  'no-ryuk': { type: 'boolean', default: false },
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

/** `scimsim run`: flags → the library's `run` → an exit code. */
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
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (seed !== undefined && !(Number.isInteger(seed) && seed >= 0)) throw new UsageError(`--seed must be a whole number ≥ 0, got '${values.seed}'`);
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (shard && 'error' in shard) throw new UsageError(shard.error);
  if (values.target !== undefined && values['target-image'] !== undefined) throw new UsageError('give --target or --target-image, not both');
  const targetUrl = values.target === undefined ? undefined : parseTargetUrl(values.target);
  const container = containerSpecFromFlags(values);
  // testcontainers' own switch, so it also covers a target a suite.yaml declares.
  if (values['no-ryuk']) process.env['TESTCONTAINERS_RYUK_DISABLED'] = 'true';
  const reporter = cliReporters(values.reporter ?? [], io);

  const scenarios = await loadScenarios({ paths: positionals, ...(values.suite !== undefined ? { suite: values.suite } : {}), ...(values.grep !== undefined ? { grep: values.grep } : {}), cwd: io.cwd, env: io.env });
  await printDiagnostics(scenarios.warnings, io);
  // The embedded server and a container with a token variable make their own token.
  const token = io.env[values['token-env']] || undefined;
  if (targetUrl && !token) io.stderr.write(`warning: $${values['token-env']} is not set: requests are sent without a bearer token\n`);
  const baseline = values.baseline !== undefined || values['update-baseline'] ? { ...(values.baseline !== undefined ? { file: values.baseline } : {}), update: values['update-baseline'] } : undefined;
  try {
    const result = await run({
      scenarios,
      ...(targetUrl ? { target: { url: targetUrl, ...(token ? { token } : {}) } } : {}),
      ...(container ? { target: { container, ...(token ? { token } : {}) } } : {}),
      ...(token ? { token } : {}),
      reporters: [reporter],
      bail: values.bail,
      ...(shard ? { shard } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(responseTimeoutMs ? { responseTimeoutMs } : {}),
      ...(values.control !== undefined ? { control: { module: values.control } } : {}),
      ...(baseline ? { baseline } : {}),
      ...(io.interrupted ? { signal: io.interrupted } : {}),
      ...(values.grep !== undefined ? { grep: values.grep } : {}),
      cwd: io.cwd,
      onNotice: (message) => io.stderr.write(`${message}\n`),
    });
    if (io.interrupted?.aborted) return EXIT_INTERRUPTED;
    // Known failures (--baseline) are counted apart, so they do not fail the run.
    const counts = countRunCases(result);
    return counts.failed + counts.errored > 0 ? EXIT_FAILURES : EXIT_OK;
  } catch (error) {
    if (error instanceof ControlModuleError) throw new UsageError(error.message);
    // Ctrl-C while the target container was starting: it has been removed; nothing ran.
    if (error instanceof ContainerTargetError && error.reason === 'aborted' && io.interrupted?.aborted) return EXIT_INTERRUPTED;
    throw error;
  }
}

/** `--target-image` and its companions as a container spec, checked like a suite.yaml's `target:`. */
function containerSpecFromFlags(values: {
  'target-image'?: string | undefined;
  'target-port'?: string | undefined;
  'target-env'?: string[] | undefined;
  'target-arg'?: string[] | undefined;
  'target-token-env'?: string | undefined;
  'target-base-path'?: string | undefined;
  'target-wait'?: string | undefined;
  'target-wait-ms'?: string | undefined;
  'target-network'?: string | undefined;
  'no-ryuk'?: boolean | undefined;
}): ContainerTargetSpec | undefined {
  const image = values['target-image'];
  const companions = Object.entries(values).filter(([key, value]) => key.startsWith('target-') && key !== 'target-image' && value !== undefined);
  if (image === undefined) {
    if (companions.length > 0) throw new UsageError(`--${companions[0]![0]} needs --target-image`);
    return undefined;
  }
  const number = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n)) throw new UsageError(`--${flag} must be a whole number, got '${text}'`);
    return n;
  };
  const env: Record<string, string> = {};
  for (const pair of values['target-env'] ?? []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--target-env takes NAME=VALUE, got '${pair}'`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  const waitFor = {
    ...(values['target-wait'] !== undefined ? { path: values['target-wait'] } : {}),
    ...(values['target-wait-ms'] !== undefined ? { timeoutMs: number('target-wait-ms', values['target-wait-ms']) } : {}),
  };
  const raw = {
    image,
    ...(values['target-port'] !== undefined ? { port: number('target-port', values['target-port']) } : {}),
    ...(Object.keys(env).length > 0 ? { env } : {}),
    ...(values['target-arg'] ? { command: values['target-arg'] } : {}),
    ...(values['target-token-env'] !== undefined ? { tokenEnv: values['target-token-env'] } : {}),
    ...(values['target-base-path'] !== undefined ? { basePath: values['target-base-path'] } : {}),
    ...(Object.keys(waitFor).length > 0 ? { waitFor } : {}),
    ...(values['target-network'] !== undefined ? { network: values['target-network'] } : {}),
    ...(values['no-ryuk'] ? { ryuk: false } : {}),
  };
  try {
    return parseContainerSpec(raw, '--target-image');
  } catch (error) {
    if (error instanceof ContainerSpecError) throw new UsageError(error.message);
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
