import type { Redactor } from '../../simulator/scim/redact.js';
import type { ControlAdapter } from '../../simulator/target/control/control-adapter.js';
import { ScimClient } from '../../simulator/scim/client.js';
import { scenarioCases } from '../model/report-cases.js';
import type { CheckStatus, RunResult, RunStats, RunTarget, ScenarioResult, ScenarioStatus, ShardInfo } from '../model/result.js';
import type { Scenario } from '../model/scenario.js';
import type { Reporter, RunPlan } from '../../reports/reporter.js';
import type { ProtocolRule } from '../rules/rule.js';
import type { ElementFilter } from './body-path.js';
import { runScenario } from './run-scenario.js';
import type { AdvertisedFeatures } from './preflight.js';
import { packageVersion } from '../../simulator/package-info.js';

export interface RunOptions {
  suites: Array<{ name: string; scenarios: Scenario[] }>;
  target: RunTarget;
  token?: string;
  redactor: Redactor;
  rules: ReadonlyMap<string, ProtocolRule>;
  filterMatches: ElementFilter;
  /** From the preflight probe: decides which `requires:` scenarios run. */
  features: AdvertisedFeatures;
  /** One reporter; use a multiplexer for several. */
  reporter: Reporter;
  /** Stop scheduling scenarios after the first failed or errored one. */
  bail?: boolean;
  /** Abort between scenarios (SIGINT): reports are still written with what ran. */
  signal?: AbortSignal;
  client?: { connectTimeoutMs?: number; responseTimeoutMs?: number; maxResponseBytes?: number };
  /** The target's control adapter: scenarios that need one it lacks are skipped. */
  control?: ControlAdapter;
  /** The run's `--seed`, recorded in the result. */
  seed?: number;
  /** This run is one shard of a larger one: recorded, and exchange ids keep their unsplit numbering. */
  shard?: ShardInfo;
  /** Last word on the result before reporters see it: the CLI matches its baseline here. */
  finalize?: (result: RunResult) => RunResult | Promise<RunResult>;
}

/** Run scenarios in order, streaming events to the reporter; never throws for target behaviour. */
export async function runSuites(options: RunOptions): Promise<RunResult> {
  const startedAt = new Date();
  const started = performance.now();
  const plan: RunPlan = {
    target: options.target,
    suites: options.suites.map((s) => ({ name: s.name, scenarios: s.scenarios.map((sc) => ({ id: sc.id, title: sc.title, file: sc.file })) })),
    total: options.suites.reduce((n, s) => n + s.scenarios.length, 0),
  };
  await options.reporter.onRunStart?.(plan);

  const client = new ScimClient({ baseUrl: options.target.url, token: options.token, redactor: options.redactor, ...options.client });
  const suites: RunResult['suites'] = [];
  let interrupted: boolean;
  try {
    interrupted = await runInOrder(options, client, suites);
  } finally {
    await client.close();
  }

  const stats = computeStats(suites);
  const failed = stats.scenarios.failed + stats.scenarios.errored > 0;
  const raw: RunResult = {
    tool: { name: 'scimsim', version: packageVersion() },
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - started,
    target: options.target,
    suites,
    stats,
    status: interrupted ? 'interrupted' : failed ? 'failed' : 'passed',
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.shard ? { shard: options.shard } : {}),
  };
  const result = options.finalize ? await options.finalize(raw) : raw;
  await options.reporter.onRunEnd?.(result);
  return result;
}

/** Run the scenarios one after the other, appending to `suites`; true when stopped early. */
async function runInOrder(options: RunOptions, client: ScimClient, suites: RunResult['suites']): Promise<boolean> {
  // Numbered as in the unsplit run, so a shard's exchange ids match the ones a whole run would give.
  let index = options.shard?.firstScenario ?? 0;
  for (const suite of options.suites) {
    const results: ScenarioResult[] = [];
    suites.push({ name: suite.name, scenarios: results });
    for (const scenario of suite.scenarios) {
      if (options.signal?.aborted) return true;
      index += 1;
      options.reporter.onScenarioStart?.({ id: scenario.id, title: scenario.title, suite: suite.name });
      const raw = await runScenario(scenario, {
        baseUrl: options.target.url,
        client,
        redactor: options.redactor,
        rules: options.rules,
        filterMatches: options.filterMatches,
        features: options.features,
        ...(options.control ? { control: options.control } : {}),
        exchangeIdPrefix: `${index}-`,
        onStepEnd: (step) => options.reporter.onStepEnd?.({ id: scenario.id }, step),
      });
      // Exchanges were redacted as they were recorded; the rest (check values, messages) is redacted here.
      const result = { ...redactDeep({ ...raw, exchanges: [] }, options.redactor), exchanges: raw.exchanges };
      results.push(result);
      options.reporter.onScenarioEnd?.(result);
      if (options.bail && (result.status === 'failed' || result.status === 'errored')) return true;
    }
  }
  return false;
}

export function computeStats(suites: RunResult['suites']): RunStats {
  const scenarios: Record<ScenarioStatus, number> = { passed: 0, failed: 0, skipped: 0, errored: 0 };
  const checks: Record<CheckStatus, number> = { passed: 0, failed: 0, warned: 0, skipped: 0, errored: 0 };
  let exchanges = 0;
  for (const suite of suites) {
    for (const scenario of suite.scenarios) {
      scenarios[scenario.status] += 1;
      exchanges += scenario.exchanges.length;
      // The same cases the reports count, so JSON stats, JUnit and the console agree.
      for (const c of scenarioCases(scenario)) checks[c.status] += 1;
    }
  }
  return { scenarios, checks, exchanges };
}

/**
 * Last line of defence for secrets: every string of a result passes the redactor, so a token a
 * server echoed into an unexpected place (an error detail quoted in a check) is gone too.
 */
function redactDeep<T>(value: T, redactor: Redactor): T {
  if (typeof value === 'string') return redactor.redactText(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redactor)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, redactor);
    return out as T;
  }
  return value;
}
