import { randomBytes } from 'node:crypto';
import { Redactor } from '../../simulator/scim/redact.js';
import { startReferenceServer, type RunningReferenceServer } from '../../simulator/target/reference/server.js';
import type { ControlAdapter } from '../../simulator/target/control/control-adapter.js';
import { loadControlModule } from '../../simulator/target/control/load-control-module.js';
import type { Reporter } from '../../reports/reporter.js';
import { Multiplexer } from '../../reports/multiplexer.js';
import { seedFromId } from '../loader/index.js';
import { probeTarget } from '../engine/preflight.js';
import { runSuites } from '../engine/run.js';
import { scimFilterMatches } from '../engine/element-filter.js';
import type { RunResult, RunTarget } from '../model/result.js';
import { protocolRules } from '../rules/registry.js';
import { takeShard, type ShardSpec } from '../shard/shard.js';
import { baselineStep, type BaselineOption } from './baseline-step.js';
import { loadScenarios, type LoadedScenarios, type LoadScenariosOptions } from './load-scenarios.js';
import { UsageError } from './usage-error.js';
import { startContainerTarget, type ContainerTargetSpec, type RunningContainerTarget } from '../../simulator/target/container/container-target.js';

/** A running SCIM server to test: its base URL (`https://host/scim/v2`) and bearer token. */
export interface UrlTarget {
  url: string;
  token?: string;
}

/** A SCIM server in a container image: started before the run, always removed after it. */
export interface ContainerTarget {
  container: ContainerTargetSpec;
  /** The bearer token, when the spec has no `tokenEnv` (with one, scimsim makes the token). */
  token?: string;
}

export interface RunOptions extends LoadScenariosOptions {
  /** Scenarios already loaded with `loadScenarios`; then `paths`, `suite` and `grep` are not used. */
  scenarios?: LoadedScenarios;
  /**
   * The server under test: a URL, or an image to start (testcontainers). Default: the target a
   * selected suite's `suite.yaml` declares, else the embedded reference server on a free loopback port.
   */
  target?: UrlTarget | ContainerTarget;
  /** The bearer token for a target a suite.yaml declares without `tokenEnv`. */
  token?: string;
  /** Receive the run as it happens (the CLI's console, JUnit…); default none: a library run is silent. */
  reporters?: Reporter[];
  /** Stop scheduling scenarios after the first failed one. */
  bail?: boolean;
  /** Run the `index`-th (1-based) of `total` equal parts of the selected scenarios. */
  shard?: ShardSpec;
  /** Fake different data: every scenario's seed becomes a hash of its id and this number. */
  seed?: number;
  /** Response timeout per request, in ms (default 30 000). */
  responseTimeoutMs?: number;
  /** The target's control adapter, or the path of an ES module exporting one; the embedded server brings its own. */
  control?: ControlAdapter | { module: string };
  /** Known failures: see reports/README.md "Baselines". */
  baseline?: BaselineOption;
  /** Stops the run between scenarios; what ran is still reported. */
  signal?: AbortSignal;
  /** Notices meant for a person (the shard taken, a baseline written, no token); default: dropped. */
  onNotice?: (message: string) => void;
}

/**
 * Runs scenarios against a SCIM server and returns the result, which every reporter renders. Never
 * throws for what the target does (that is a failed check); throws for options or files that allow
 * no verdict: `UsageError`, `ScenarioLoadError`, `BaselineFileError`, `TargetUnreachableError`,
 * `ControlModuleError`.
 */
export async function run(options: RunOptions = {}): Promise<RunResult> {
  const notice = options.onNotice ?? (() => undefined);
  const cwd = options.cwd ?? process.cwd();
  const loaded = options.scenarios ?? (await loadScenarios(options));
  const seeded = loaded.suites
    .map((s) => ({
      name: s.name,
      // Per scenario, so two scenarios never share data under one seed.
      scenarios: options.seed === undefined ? s.scenarios : s.scenarios.map((sc) => ({ ...sc, seed: seedFromId(`${sc.id}#${options.seed}`) })),
    }))
    .filter((s) => s.scenarios.length > 0);
  if (seeded.length === 0) throw new UsageError(options.grep ? `no scenario matches --grep '${options.grep}'` : 'no scenarios to run');
  const sharded = options.shard ? takeShard(seeded, options.shard) : undefined;
  const suites = sharded?.suites ?? seeded;
  if (sharded) {
    const count = suites.reduce((n, s) => n + s.scenarios.length, 0);
    // An empty shard (more shards than scenarios) is not an error: the matrix job still passes.
    notice(`shard ${sharded.info.index} of ${sharded.info.total}: ${count} of ${sharded.info.planned} scenarios`);
  }
  const finalize = options.baseline ? await baselineStep(options.baseline, cwd, notice) : undefined;

  let server: RunningReferenceServer | undefined;
  let container: RunningContainerTarget | undefined;
  let target: RunTarget;
  let token: string | undefined;
  const chosen: UrlTarget | ContainerTarget | undefined =
    options.target ?? (loaded.target ? { container: loaded.target.spec, ...(options.token ? { token: options.token } : {}) } : undefined);
  if (chosen && 'container' in chosen) {
    const secrets = new Redactor([...(chosen.token ? [chosen.token] : []), ...loaded.secrets]);
    container = await startContainerTarget(chosen.container, {
      ...(chosen.token ? { token: chosen.token } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      redact: (text) => secrets.redactText(text),
    });
    token = container.token;
    target = { kind: 'container', url: container.url, image: container.image };
    notice(`target: ${container.image} started (${container.url})`);
  } else if (chosen) {
    token = chosen.token || undefined;
    target = { kind: 'url', url: chosen.url };
  } else {
    token = randomBytes(24).toString('base64url');
    server = await startReferenceServer({ port: 0, tokens: [token] });
    target = { kind: 'embedded', url: server.url };
  }
  const redactor = new Redactor([...(token ? [token] : []), ...loaded.secrets]);
  const running = container;
  // The container's output explains a failure: it goes into the result (so every report has it) when the run did not pass.
  const withLogs = running
    ? async (result: RunResult): Promise<RunResult> => {
        const judged = finalize ? await finalize(result) : result;
        return judged.status === 'passed' ? judged : { ...judged, target: { ...judged.target, logs: redactor.redactText(running.logs()) } };
      }
    : finalize;
  let control: ControlAdapter | undefined;
  try {
    // The embedded server controls itself; another target needs the vendor's module.
    control = options.control && 'module' in options.control
      ? await loadControlModule(options.control.module, cwd, { baseUrl: target.url, token })
      : (options.control ?? server?.control);
    const features = await probeTarget(target.url, token, redactor);
    return await runSuites({
      features,
      suites,
      target,
      token,
      redactor,
      rules: protocolRules,
      filterMatches: scimFilterMatches,
      reporter: new Multiplexer(options.reporters ?? [], { write: (text: string) => notice(text.trimEnd()) }),
      bail: options.bail ?? false,
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.responseTimeoutMs ? { client: { responseTimeoutMs: options.responseTimeoutMs } } : {}),
      ...(control ? { control } : {}),
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(sharded ? { shard: sharded.info } : {}),
      ...(withLogs ? { finalize: withLogs } : {}),
    });
  } finally {
    await control?.close?.();
    await server?.close();
    // Always removed: after a pass, a failure, an unreachable target or an interrupt.
    await container?.stop();
  }
}
