import { basename, extname } from 'node:path';
import type {
  Capture,
  Expectation,
  Level,
  RequestAuth,
  RequestSpec,
  Scenario,
  Step,
  VarDefinition,
} from '../model/scenario.js';
import { parseDuration } from './duration.js';
import { splitLevel, toMatcher } from './literal-matcher.js';
import type { DocPath, Locator } from './locate.js';
import { requiredControl, toAccountSetup, toControlStep } from './normalize-control.js';
import { toEntraSetup, toEntraStep } from './normalize-entra.js';
import { toIdpStep, toOktaSetup } from './normalize-idp.js';
import { isAdvanceStep, isControlStep, isEntraStep, isFakeCall, isIdpStep, type RawExpect, type RawRequest, type RawScenario, type RawStep, type Scalar } from './raw-scenario.js';
import { seedFromId } from './seed.js';

/**
 * Turns a validated, checked file into the engine's `Scenario`: defaults filled in (id, seed,
 * titles, auth, level), literals turned into `equals` matchers, header names lower-cased in
 * expectations and captures, and a source location on everything the engine reports about.
 */
export function normalize(raw: RawScenario, locator: Locator, suite: string): Scenario {
  const id = raw.id ?? `${suite}/${basename(locator.file, extname(locator.file))}`;
  const scenario: Scenario = {
    id,
    title: raw.scenario,
    suite,
    file: locator.file,
    location: locator.key(['scenario']),
    tags: raw.tags ?? [],
    requires: raw.requires ?? [],
    requiresControl: [],
    seed: raw.seed ?? seedFromId(id),
    defaults: { headers: textRecord(raw.defaults?.headers) },
    vars: Object.entries(raw.vars ?? {}).map(([name, value]) => toVar(name, value, locator)),
    steps: raw.steps.map((step, index) => toStep(raw, step, ['steps', index], locator)),
    teardown: (raw.teardown ?? []).map((step, index) => toStep(raw, step, ['teardown', index], locator)),
  };
  if (raw.idp === 'okta') scenario.idp = toOktaSetup(raw, locator);
  else if (raw.idp === 'entra') scenario.idp = toEntraSetup(raw, locator);
  const account = toAccountSetup(raw, locator);
  if (account) scenario.account = account;
  scenario.requiresControl = requiredControl(raw, scenario);
  if (raw.description !== undefined) scenario.description = raw.description;
  if (raw.skip !== undefined) scenario.skip = raw.skip;
  return scenario;
}

function toVar(name: string, value: unknown, locator: Locator): VarDefinition {
  const location = locator.key(['vars', name]);
  if (isFakeCall(value)) return { name, kind: 'fake', method: value.fake, args: value.args ?? [], location };
  return { name, kind: 'template', template: value, location };
}

/** In an Entra scenario, `advance` is an Entra step (it may carry `expect`); elsewhere a step of its own. */
function toStep(raw: RawScenario, step: RawStep, path: DocPath, locator: Locator): Step {
  const location = stepLocation(path, locator);
  if (isAdvanceStep(step, raw)) {
    return { kind: 'advance', title: step.name ?? `advance ${step.advance}`, location, ms: parseDuration(step.advance) ?? 0 };
  }
  if (isControlStep(step, raw)) return toControlStep(step, path, locator, location);
  if (isIdpStep(step, raw)) return toIdpStep(step, path, locator, location);
  if (isEntraStep(step, raw)) return toEntraStep(step, path, locator, location);
  return {
    kind: 'request',
    title: step.name ?? `${step.request.method} ${step.request.path}`,
    location,
    request: toRequest(step.request),
    expect: toExpectations(step.expect, [...path, 'expect'], locator),
    captures: Object.entries(step.capture ?? {}).map<Capture>(([name, from]) => ({
      name,
      from: typeof from === 'string' ? { body: from } : { header: from.header.toLowerCase() },
      location: locator.key([...path, 'capture', name]),
    })),
    skipRules: step.skipRules ?? [],
  };
}

/** A step is located at its first line: the `-` item's first key. */
function stepLocation(path: DocPath, locator: Locator): Scenario['location'] {
  const { line, col, file } = locator.value(path);
  return { file, line, col };
}

function toRequest(request: RawRequest): RequestSpec {
  const spec: RequestSpec = {
    method: request.method,
    path: request.path,
    query: textRecord(request.query),
    headers: textRecord(request.headers),
    auth: toAuth(request.auth),
  };
  if (request.rawBody !== undefined) spec.body = { raw: request.rawBody };
  else if (request.body !== undefined) spec.body = { json: request.body };
  return spec;
}

function toAuth(auth: RawRequest['auth']): RequestAuth {
  if (auth === undefined || auth === 'default') return { kind: 'default' };
  if (auth === 'none') return { kind: 'none' };
  return { kind: 'bearer', token: auth.bearer };
}

function toExpectations(expect: RawExpect | undefined, path: DocPath, locator: Locator): Expectation[] {
  if (!expect) return [];
  const level: Level = expect.level ?? 'MUST';
  const expectations: Expectation[] = [];
  for (const key of Object.keys(expect) as (keyof RawExpect)[]) {
    const at = locator.key([...path, key]);
    if (key === 'status' && expect.status !== undefined) {
      expectations.push({ kind: 'status', oneOf: Array.isArray(expect.status) ? expect.status : [expect.status], location: at, level });
    } else if (key === 'headers') {
      for (const [name, value] of Object.entries(expect.headers ?? {})) {
        const literal = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
        const { matcher, level: own } = splitLevel(toMatcher(literal));
        expectations.push({ kind: 'header', name: name.toLowerCase(), matcher, location: locator.key([...path, 'headers', name]), level: own ?? level });
      }
    } else if (key === 'body') {
      for (const [bodyPath, value] of Object.entries(expect.body ?? {})) {
        const { matcher, level: own } = splitLevel(toMatcher(value));
        expectations.push({ kind: 'body', path: bodyPath, matcher, location: locator.key([...path, 'body', bodyPath]), level: own ?? level });
      }
    } else if (key === 'responseTime' && expect.responseTime) {
      expectations.push({ kind: 'responseTime', matcher: { ...expect.responseTime }, location: at, level });
    }
  }
  return expectations;
}

function textRecord(record: Record<string, Scalar> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(record ?? {})) result[key] = String(value);
  return result;
}
