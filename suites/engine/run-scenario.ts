import type { Exchange } from '../../simulator/scim/exchange.js';
import { ScimClientUsageError, type ScimClient } from '../../simulator/scim/client.js';
import type { Redactor } from '../../simulator/scim/redact.js';
import type { CheckResult, ScenarioResult, ScenarioStatus, StepResult } from '../model/result.js';
import type { ControlStep, EntraStep, IdpStep, RequestStep, Scenario, Step } from '../model/scenario.js';
import { missingControlReason, type AccountSettings, type ControlAdapter, type ManualUpdateOutcome } from '../../simulator/target/control/control-adapter.js';
import { ControlUnavailableError, performControlAction, prepareAccount } from './control-session.js';
import { OktaConfigurationError } from '../../simulator/idp/okta/org.js';
import { DirectoryError } from '../../simulator/idp/directory.js';
import { MappingError } from '../../simulator/idp/okta/profile-mappings.js';
import { EntraMappingError } from '../../simulator/idp/entra/attribute-mappings.js';
import { EntraConfigurationError } from '../../simulator/idp/entra/tenant.js';
import type { Exchange as SentExchange } from '../../simulator/scim/exchange.js';
import { evaluateIdpExpectations } from './idp-expectations.js';
import { entraAdapter, startEntraSession } from './entra-session.js';
import { oktaAdapter, startOktaSession } from './okta-session.js';
import type { SimulatedIdp } from './simulated-idp.js';
import { applyRulesToObserved, summarizeRules } from '../rules/apply-rules.js';
import { observe } from '../rules/observed-exchange.js';
import type { ProtocolRule } from '../rules/rule.js';
import { renderTemplate, UnresolvedPlaceholderError } from '../templates/render.js';
import type { ElementFilter } from './body-path.js';
import { selectBodyPath } from './body-path.js';
import { evaluateExpectations, jsonBodyOf } from './expectations.js';
import { restoreWrittenIds } from './written-ids.js';
import { callFaker, seededFaker } from './fake-values.js';
import { VirtualClock } from './virtual-clock.js';
import { missingFeatureReason, type AdvertisedFeatures } from './preflight.js';

export interface ScenarioRunContext {
  baseUrl: string;
  /** The run's client; each scenario works on a fork (own ids, clock and headers, shared connections). */
  client: ScimClient;
  redactor: Redactor;
  rules: ReadonlyMap<string, ProtocolRule>;
  filterMatches: ElementFilter;
  /** What the target advertises; scenarios whose `requires` it lacks are skipped. */
  features: AdvertisedFeatures;
  /** Exchange ids are `<prefix><n>`; unique per scenario within a run. */
  exchangeIdPrefix: string;
  /** The target's control adapter, for `account:`, control steps and `account:` expectations. */
  control?: ControlAdapter;
  onStepEnd?: (step: StepResult) => void;
}

/** Run one scenario against the target: vars, steps in order, teardown, then the rule summary. */
export async function runScenario(scenario: Scenario, ctx: ScenarioRunContext): Promise<ScenarioResult> {
  const started = performance.now();
  const clock = new VirtualClock();
  const base = {
    id: scenario.id,
    title: scenario.title,
    suite: scenario.suite,
    file: scenario.file,
    location: scenario.location,
    tags: scenario.tags,
    seed: scenario.seed,
    startedAt: new Date().toISOString(),
  };
  const skipReason = scenario.skip ?? missingFeatureReason(scenario.requires, ctx.features) ?? missingControlReason(ctx.control, scenario.requiresControl);
  if (skipReason !== undefined) {
    return { ...base, status: 'skipped', skipReason, durationMs: 0, steps: [], teardown: [], rules: [], exchanges: [], virtualEnd: clock.now().toISOString() };
  }

  const values = new Map<string, unknown>([['target.url', ctx.baseUrl.replace(/\/+$/, '')]]);
  const lookup = (name: string) => values.get(name);
  // One list in send order: the harness's own requests and the IdP's (a fork of this client).
  const exchanges: Exchange[] = [];
  const client = ctx.client.fork({ now: () => clock.now(), idPrefix: ctx.exchangeIdPrefix, defaultHeaders: scenario.defaults.headers, onExchange: (e) => exchanges.push(e) });
  let idp: SimulatedIdp | undefined;
  const usesControl = ctx.control !== undefined && (scenario.requiresControl.length > 0 || scenario.account !== undefined);
  /** The account settings applied so far: `account:` then every `control: { settings }`. */
  const accountSettings: AccountSettings = {};

  const steps: StepResult[] = [];
  const teardown: StepResult[] = [];
  const ruleChecks: CheckResult[] = [];
  const emptyCaptures = new Map<string, string>();
  let setupError: string | undefined;
  try {
    try {
      computeVars(scenario, values, lookup);
    } catch (error) {
      setupError = `vars: ${(error as Error).message}`;
    }
    if (ctx.control && usesControl && setupError === undefined) {
      try {
        const account = renderTemplate(scenario.account, lookup) as Scenario['account'];
        await prepareAccount(ctx.control, account);
        Object.assign(accountSettings, account?.settings);
      } catch (error) {
        setupError = `account: ${(error as Error).message}`;
      }
    }
    if (scenario.idp && setupError === undefined) {
      try {
        const session = { client, clock, seed: scenario.seed, idPrefix: ctx.exchangeIdPrefix, lookup };
        idp = scenario.idp.kind === 'okta' ? oktaAdapter(startOktaSession(scenario.idp, session)) : entraAdapter(startEntraSession(scenario.idp, session));
        idp.publish(values);
      } catch (error) {
        setupError = `idp: ${(error as Error).message}`;
      }
    }
    let stopped = setupError !== undefined;
    for (const [index, step] of scenario.steps.entries()) {
      if (stopped) {
        steps.push(skippedStep(index, step, 'an earlier step errored'));
        continue;
      }
      const result = await runStep(index, step, { ...ctx, client, clock, values, lookup, ruleChecks, emptyCaptures, idp, accountSettings });
      steps.push(result);
      ctx.onStepEnd?.(result);
      if (result.status === 'errored') stopped = true;
    }
    for (const [index, step] of scenario.teardown.entries()) {
      const result = await runStep(index, step, { ...ctx, client, clock, values, lookup, ruleChecks, emptyCaptures, idp, accountSettings }, { teardown: true });
      teardown.push(result);
    }
  } finally {
    await idp?.close();
    // Leave the account as the next scenario expects it: a scenario that changed it resets it.
    if (usesControl && ctx.control?.reset) {
      try {
        await ctx.control.reset();
      } catch (error) {
        teardown.push({ index: teardown.length, title: 'reset the account (control adapter)', kind: 'control', status: 'errored', location: scenario.location, durationMs: 0, checks: [], exchangeIds: [], error: `reset failed: ${(error as Error).message}` });
      }
    }
    await client.close();
  }

  const rules = summarizeRules(ruleChecks, ctx.rules);
  return {
    ...base,
    status: scenarioStatus(steps, teardown, rules.map((r) => r.status), setupError),
    durationMs: performance.now() - started,
    steps: setupError ? [erroredVarsStep(scenario, setupError), ...steps] : steps,
    teardown,
    rules,
    exchanges,
    virtualEnd: clock.now().toISOString(),
    ...(idp ? { idp: { kind: idp.kind, adminView: idp.adminView(), assumptions: idp.assumptions() } } : {}),
  };
}

interface StepContext extends ScenarioRunContext {
  /** Captures that found nothing, with why: explains a later unresolved placeholder. */
  emptyCaptures: Map<string, string>;
  clock: VirtualClock;
  values: Map<string, unknown>;
  lookup: (name: string) => unknown;
  ruleChecks: CheckResult[];
  idp: SimulatedIdp | undefined;
  accountSettings: AccountSettings;
}

function computeVars(scenario: Scenario, values: Map<string, unknown>, lookup: (name: string) => unknown): void {
  const faker = seededFaker(scenario.seed);
  for (const v of scenario.vars) {
    if (v.kind === 'template') values.set(v.name, renderTemplate(v.template, lookup));
    else values.set(v.name, callFaker(faker, v.method, renderTemplate(v.args, lookup) as unknown[]));
  }
}

async function runStep(index: number, step: Step, ctx: StepContext, opts: { teardown?: boolean } = {}): Promise<StepResult> {
  const started = performance.now();
  const result: StepResult = { index, title: step.title, kind: step.kind, status: 'passed', location: step.location, durationMs: 0, checks: [], exchangeIds: [] };
  try {
    if (step.kind === 'advance') {
      ctx.clock.advance(step.ms);
    } else if (step.kind === 'idp' || step.kind === 'entra') {
      await runIdpStep(step, ctx, result);
    } else if (step.kind === 'control') {
      await runControlStep(step, ctx, result);
    } else {
      await runRequestStep(step, ctx, result);
    }
  } catch (error) {
    if (opts.teardown && error instanceof UnresolvedPlaceholderError) {
      result.status = 'skipped';
      result.error = `not run: ${error.message}`;
    } else if (error instanceof UnresolvedPlaceholderError) {
      result.status = 'errored';
      const why = ctx.emptyCaptures.get(error.placeholder);
      result.error = why ? `${error.message}: ${why}` : error.message;
    } else if (error instanceof DirectoryError || error instanceof MappingError || error instanceof OktaConfigurationError || error instanceof EntraConfigurationError || error instanceof EntraMappingError || error instanceof ControlUnavailableError) {
      result.status = 'errored';
      result.error = error.message;
    } else if (error instanceof ScimClientUsageError) {
      result.status = 'errored';
      result.error = error.message;
    } else {
      result.status = 'errored';
      result.error = `internal error: ${(error as Error).stack ?? String(error)}`;
    }
  }
  result.durationMs = performance.now() - started;
  return result;
}

async function runRequestStep(step: RequestStep, ctx: StepContext, result: StepResult): Promise<void> {
  const spec = step.request;
  const render = <T>(value: T): T => renderTemplate(value, ctx.lookup) as T;
  const auth = spec.auth.kind === 'bearer' ? { kind: 'bearer' as const, token: String(render(spec.auth.token)) } : spec.auth;
  const exchange = await ctx.client.send({
    method: spec.method,
    path: String(render(spec.path)),
    query: render(spec.query),
    headers: render(spec.headers),
    auth,
    ...(spec.body && 'json' in spec.body ? { json: render(spec.body.json) } : {}),
    ...(spec.body && 'raw' in spec.body ? { rawBody: String(render(spec.body.raw)) } : {}),
  });
  result.exchangeIds.push(exchange.id);

  // Parsed once: the rules and the expectations read the same body.
  const observed = observe(exchange, ctx.baseUrl);
  const rules = observed ? applyRulesToObserved(ctx.rules.values(), observed, { skip: step.skipRules, location: step.location }) : [];
  ctx.ruleChecks.push(...rules);
  const body = jsonBodyOf(observed);
  const rendered = render(step.expect);
  const expectations = restoreWrittenIds(evaluateExpectations(rendered, exchange, body, ctx.filterMatches), step.expect, rendered);
  result.checks.push(...expectations, ...rules);

  if (exchange.error) {
    result.status = 'errored';
    result.error = `${spec.method} ${exchange.request.url}: ${exchange.error.message}`;
    return;
  }
  for (const capture of step.captures) {
    const value = 'header' in capture.from ? exchange.response?.headers[capture.from.header.toLowerCase()] : body.ok ? selectBodyPath(body.value, capture.from.body, ctx.filterMatches) : undefined;
    if (value !== undefined && value !== null) {
      ctx.values.set(capture.name, value);
      ctx.emptyCaptures.delete(capture.name);
    } else {
      ctx.values.delete(capture.name);
      const where = 'header' in capture.from ? `header ${capture.from.header}` : `body path ${capture.from.body}`;
      ctx.emptyCaptures.set(capture.name, `the capture in '${step.title}' (line ${capture.location.line}) found nothing at ${where}`);
    }
  }
  result.status = stepStatus(result.checks);
}

/**
 * An IdP step (Okta's or Entra's): the simulated IdP acts (Entra may only note a directory change
 * for its next cycle), each exchange it sent goes through the protocol rules, its warnings become
 * SHOULD checks, then the step's expectations run against what was sent, the admin's view and the
 * target.
 */
async function runIdpStep(step: IdpStep | EntraStep, ctx: StepContext, result: StepResult): Promise<void> {
  const idp = ctx.idp;
  if (!idp) throw new Error('an IdP step ran without an IdP (the loader should have refused it)');
  const before = idp.exchanges.length;
  const problemsBefore = idp.problems();
  if (step.action) await idp.perform(renderTemplate(step.action, ctx.lookup) as typeof step.action);
  const sent = idp.exchanges.slice(before);
  applyRulesToSent(sent, step, ctx, result);
  const warnings = idp.takeWarnings();
  for (const warning of warnings) {
    const check = idp.warningCheck ?? { id: `${idp.kind}.warning`, title: `${idp.kind} warning` };
    result.checks.push({ ...check, kind: 'expectation', status: 'warned', level: 'SHOULD', message: warning, exchangeIds: [], location: step.location });
  }
  idp.publish(ctx.values);
  const expect = renderTemplate(step.expect, ctx.lookup) as IdpStep['expect'];
  const evaluated = await evaluateIdpExpectations(expect, {
    sent,
    basePath: new URL(ctx.baseUrl).pathname.replace(/\/+$/, ''),
    adminView: idp.adminView(),
    warnings,
    client: ctx.client,
    targetId: (resource, key) => idp.targetId(resource, key),
    filterMatches: ctx.filterMatches,
    ...(ctx.control ? { control: ctx.control } : {}),
    accountSettings: ctx.accountSettings,
    ...(ctx.idp ? { idpGroups: (userName: string) => ctx.idp?.groupsOfUserName(userName) } : {}),
  });
  const checks = restoreWrittenIds(evaluated, step.expect, expect);
  result.checks.push(...checks);
  // Unless the step checks the IdP's state itself, a new problem the admin would see fails it:
  // a conformance run must not pass while the IdP shows the admin an error.
  if (step.action && !step.expect.some((e) => e.kind === 'idp')) {
    const fresh = idp.problems().filter((problem) => !problemsBefore.includes(problem));
    result.checks.push({
      ...idp.outcomeCheck,
      kind: 'expectation',
      status: fresh.length === 0 ? 'passed' : 'failed',
      level: 'MUST',
      exchangeIds: sent.map((e) => e.id),
      location: step.location,
      ...(fresh.length === 0 ? {} : { message: fresh.join('\n'), actual: fresh }),
    });
  }
  result.status = stepStatus(result.checks);
}

/**
 * A control step: the target's control adapter acts outside SCIM (settings, invitations, SSO
 * sign-ins, tokens, the allowlist …), then the step's expectations run (`account:` reads through
 * the adapter; `target:` reads over SCIM by the ids the IdP holds).
 */
async function runControlStep(step: ControlStep, ctx: StepContext, result: StepResult): Promise<void> {
  if (!ctx.control) throw new ControlUnavailableError('a control step ran without a control adapter (the scenario should have been skipped)');
  let manualUpdate: ManualUpdateOutcome | undefined;
  const action = step.action ? (renderTemplate(step.action, ctx.lookup) as NonNullable<typeof step.action>) : undefined;
  if (action) manualUpdate = await performControlAction(ctx.control, action, ctx.values, ctx.redactor);
  if (action?.type === 'settings') Object.assign(ctx.accountSettings, action.settings);
  const expect = renderTemplate(step.expect, ctx.lookup) as ControlStep['expect'];
  const evaluated = await evaluateIdpExpectations(expect, {
    sent: [],
    basePath: new URL(ctx.baseUrl).pathname.replace(/\/+$/, ''),
    adminView: ctx.idp?.adminView() ?? {},
    warnings: [],
    client: ctx.client,
    targetId: (resource, key) => ctx.idp?.targetId(resource, key),
    filterMatches: ctx.filterMatches,
    control: ctx.control,
    ...(manualUpdate ? { manualUpdate } : {}),
    accountSettings: ctx.accountSettings,
    ...(ctx.idp ? { idpGroups: (userName: string) => ctx.idp?.groupsOfUserName(userName) } : {}),
  });
  const checks = restoreWrittenIds(evaluated, step.expect, expect);
  result.checks.push(...checks);
  result.status = stepStatus(result.checks);
}

/** The protocol rules apply to every request the simulated IdP sent, as to the harness's own. */
function applyRulesToSent(sent: readonly SentExchange[], step: IdpStep | EntraStep, ctx: StepContext, result: StepResult): void {
  result.exchangeIds.push(...sent.map((e) => e.id));
  for (const exchange of sent) {
    const observed = observe(exchange, ctx.baseUrl);
    const rules = observed ? applyRulesToObserved(ctx.rules.values(), observed, { skip: [], location: step.location }) : [];
    ctx.ruleChecks.push(...rules);
    result.checks.push(...rules);
  }
}

function stepStatus(checks: CheckResult[]): StepResult['status'] {
  if (checks.some((c) => c.status === 'errored')) return 'errored';
  if (checks.some((c) => c.status === 'failed')) return 'failed';
  return 'passed';
}

function scenarioStatus(steps: StepResult[], teardown: StepResult[], ruleStatuses: string[], setupError?: string): ScenarioStatus {
  if (setupError || steps.some((s) => s.status === 'errored')) return 'errored';
  if (steps.some((s) => s.status === 'failed') || teardown.some((s) => s.status === 'failed') || ruleStatuses.includes('failed')) return 'failed';
  if (ruleStatuses.includes('errored') || teardown.some((s) => s.status === 'errored')) return 'errored';
  return 'passed';
}

function skippedStep(index: number, step: Step, reason: string): StepResult {
  return { index, title: step.title, kind: step.kind, status: 'skipped', location: step.location, durationMs: 0, checks: [], exchangeIds: [], error: reason };
}

function erroredVarsStep(scenario: Scenario, message: string): StepResult {
  return { index: -1, title: 'vars', kind: 'vars', status: 'errored', location: scenario.vars[0]?.location ?? scenario.location, durationMs: 0, checks: [], exchangeIds: [], error: message };
}
