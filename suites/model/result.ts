import type { Exchange } from '../../simulator/scim/exchange.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import type { Level } from './scenario.js';

/**
 * passed: held. failed: a MUST did not hold. warned: a SHOULD did not hold (does not fail the run).
 * skipped: not evaluated (reason given). errored: no verdict — the harness or the network broke.
 */
export type CheckStatus = 'passed' | 'failed' | 'warned' | 'skipped' | 'errored';
export type ScenarioStatus = 'passed' | 'failed' | 'skipped' | 'errored';

/** One verdict with its evidence; reporters render this data and never re-run logic. */
export interface CheckResult {
  /** Expectation: `expect.status`, `expect.body.name.familyName`; rule: its id. */
  id: string;
  kind: 'expectation' | 'rule';
  title: string;
  status: CheckStatus;
  level: Level;
  /** Rules: e.g. `RFC 7644 §3.3`. */
  citation?: string;
  expected?: unknown;
  actual?: unknown;
  /** Why it failed, in words: "expected 201, got 200". */
  message?: string;
  exchangeIds: string[];
  /** Expectations: where they are written. Rules: the step whose exchange they judged. */
  location?: SourceLocation;
  /** A license check's row of the license grid reporters print: who, their groups, the license mode. */
  licenseRow?: LicenseRow;
}

/** One row of the license grid (issue 5): the expectation and the verdict are the check's own. */
export interface LicenseRow {
  user: string;
  /** The user's groups in the product, as the control adapter reports them. */
  groups: string[];
  /** `SCIM` when "Manage user licenses with SCIM" is on, `SSO / manual` when off, as the scenario set it. */
  mode: string;
  /** Where the target says the license came from, when its adapter tells (scim, ssoMapping, manual, memberDefault, newUserDefault). */
  source?: string;
}

export interface StepResult {
  index: number;
  title: string;
  kind: string;
  status: ScenarioStatus;
  location: SourceLocation;
  durationMs: number;
  checks: CheckResult[];
  exchangeIds: string[];
  /** Set when the step could not run (unresolved placeholder, transport error…). */
  error?: string;
}

/**
 * A protocol rule summed over one scenario: passed if it held on every exchange it applied to.
 * Reporters emit one test case per (scenario, rule) that applied at least once.
 */
export interface RuleSummary {
  id: string;
  title: string;
  level: Level;
  citation: string;
  status: CheckStatus;
  applied: number;
  /** The failing (or warning) checks, each with its exchange. */
  findings: CheckResult[];
}

export interface ScenarioResult {
  id: string;
  title: string;
  suite: string;
  file: string;
  location: SourceLocation;
  tags: string[];
  seed: number;
  /** Wall-clock start, ISO 8601. */
  startedAt: string;
  status: ScenarioStatus;
  skipReason?: string;
  durationMs: number;
  steps: StepResult[];
  teardown: StepResult[];
  rules: RuleSummary[];
  exchanges: Exchange[];
  /** Final virtual clock, ISO 8601. */
  virtualEnd: string;
  /** The simulated IdP's final admin view and the unconfirmed behaviours the scenario relied on. */
  idp?: IdpOutcome;
}

export interface IdpOutcome {
  kind: 'okta' | 'entra';
  /** What the admin sees: Okta's app users, group push status and Tasks (`OktaOrg.adminView`); Entra's job status and provisioning logs (`EntraTenant.adminView`). */
  adminView: Record<string, unknown>;
  /** Behaviours research could not confirm, at the setting this scenario used: reports mark them assumed. */
  assumptions: Array<{ setting: string; value: unknown; note: string }>;
}

export interface RunStats {
  scenarios: Record<ScenarioStatus, number>;
  checks: Record<CheckStatus, number>;
  exchanges: number;
}

export interface RunTarget {
  /** embedded: scimsim's reference server in process; url: a running server; container: an image scimsim started. */
  kind: 'embedded' | 'url' | 'container';
  url: string;
  /** The container's image (kind container). */
  image?: string;
  /** The container's last lines of output, token redacted: kept when the run failed, to show why. */
  logs?: string;
}

export interface RunResult {
  tool: { name: 'scimsim'; version: string };
  startedAt: string;
  durationMs: number;
  target: RunTarget;
  suites: Array<{ name: string; scenarios: ScenarioResult[] }>;
  stats: RunStats;
  /**
   * The gate's verdict. passed: nothing failed or errored, or only known failures (`baseline`).
   * interrupted: stopped early (--bail or a signal).
   */
  status: 'passed' | 'failed' | 'interrupted';
  /** The run's `--seed`, when one was given (each scenario's own seed is on the scenario). */
  seed?: number;
  /** Set on a `--shard i/n` run, so `scimsim merge` can check that the shards complete each other. */
  shard?: ShardInfo;
  /** How the run's failures met `--baseline`: known ones do not fail the gate. */
  baseline?: BaselineOutcome;
}

export interface ShardInfo {
  /** 1-based. */
  index: number;
  total: number;
  /** Scenarios selected before the split: what the merged shards must add up to. */
  planned: number;
  /** Position of this shard's first scenario in the unsplit order (0-based). */
  firstScenario: number;
}

/**
 * A case is identified by its scenario's id and its report name (`scenarioCases`), which is unique
 * within the scenario and stable as long as the scenario's step titles and checks are.
 */
export interface CaseIdentity {
  scenario: string;
  check: string;
}

/** One baseline entry as matched against this run (the file's form is in suites/baseline/). */
export interface BaselineMatch extends CaseIdentity {
  /** The entry's short stable hash of scenario and check. */
  entryId: string;
  reason: string;
  /** `YYYY-MM-DD`; the entry matches through the end of that day (UTC). */
  expires?: string;
}

export interface BaselineOutcome {
  /** The baseline file as given on the command line. */
  file: string;
  /** Failed or errored cases a live entry covers: reported as known, they do not fail the gate. */
  known: BaselineMatch[];
  /** Entries whose scenario ran and whose case no longer fails: tighten the baseline. */
  fixed: BaselineMatch[];
  /** Entries past their expiry: they matched nothing, so their cases count as failures again. */
  expired: BaselineMatch[];
}
