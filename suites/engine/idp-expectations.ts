import type { ScimClient } from '../../simulator/scim/client.js';
import type { Exchange } from '../../simulator/scim/exchange.js';
import type { CheckResult } from '../model/result.js';
import type { AccountCheckSpec, IdpExpectation, Matcher, PathCheck, SentRequestSpec, TargetCheckSpec } from '../model/scenario.js';
import type { AccountSettings, ControlAdapter, ManualUpdateOutcome, UserState } from '../../simulator/target/control/control-adapter.js';
import { selectBodyPath, type ElementFilter } from './body-path.js';
import { describeMatcher as describe } from './expectations.js';
import { evaluateMatcher, expectedOf, show } from './matchers.js';

/** What IdP-step expectations read: the step's IdP requests, the admin view, a way to read the target. */
export interface IdpEvidence {
  /** Requests the IdP sent during the step, in order. */
  sent: readonly Exchange[];
  /** The target's base path (`/scim/v2`), removed from sent paths before comparing. */
  basePath: string;
  adminView: Record<string, unknown>;
  warnings: readonly string[];
  /** The harness's own client, for reading the target back. */
  client: ScimClient;
  /** The target id the IdP holds for a user or group key. */
  targetId(resource: 'user' | 'group', key: string): string | undefined;
  filterMatches: ElementFilter;
  /** The target's control adapter, for `account:` checks. */
  control?: ControlAdapter;
  /** The outcome of the step's manual update, for `account: { manualUpdate: … }`. */
  manualUpdate?: ManualUpdateOutcome;
  /** The account settings the scenario has applied so far (for the license grid's mode column). */
  accountSettings?: AccountSettings;
  /** The IdP groups of a user, by userName, when the scenario has an IdP (the license grid's groups column). */
  idpGroups?: (userName: string) => string[] | undefined;
}

/** One check per expectation (a `sent` list is one check: the whole sequence must match). */
export async function evaluateIdpExpectations(expectations: readonly IdpExpectation[], evidence: IdpEvidence): Promise<CheckResult[]> {
  const checks: CheckResult[] = [];
  for (const e of expectations) {
    const failed = e.level === 'MUST' ? ('failed' as const) : ('warned' as const);
    switch (e.kind) {
      case 'sent': {
        const base = { id: 'expect.sent', kind: 'expectation' as const, title: `sent ${e.requests.length} request(s) in order`, level: e.level, location: e.location, exchangeIds: evidence.sent.map((x) => x.id) };
        const problems = compareSent(e.requests, evidence);
        const problem = problems.length === 0 ? undefined : problems.join('\n');
        const actual = evidence.sent.map((x) => `${x.request.method} ${relativePath(x, evidence.basePath)}`);
        const expected = e.requests.map((r) => `${r.method} ${r.path}${r.query ? `?${encodeQuery(r.query)}` : ''}`);
        checks.push(problem === undefined ? { ...base, status: 'passed', expected, actual } : { ...base, status: failed, expected, actual, message: problem });
        break;
      }
      case 'idp': {
        const base = { id: `expect.idp.${e.path}`, kind: 'expectation' as const, title: `idp ${e.path} ${describe(e.matcher)}`, level: e.level, location: e.location, exchangeIds: [] };
        let actual: unknown;
        try {
          actual = selectBodyPath(evidence.adminView, e.path, evidence.filterMatches);
        } catch (error) {
          checks.push({ ...base, status: 'errored', message: `bad idp path '${e.path}': ${(error as Error).message}` });
          break;
        }
        const outcome = evaluateMatcher(e.matcher, actual);
        checks.push({ ...base, status: outcome.passed ? 'passed' : failed, expected: expectedOf(e.matcher), actual, ...(outcome.passed ? {} : { message: `idp ${e.path} ${outcome.message}` }) });
        break;
      }
      case 'warnings': {
        const base = { id: 'expect.warnings', kind: 'expectation' as const, title: `IdP warnings ${describe(e.matcher)}`, level: e.level, location: e.location, exchangeIds: [] };
        const outcome = evaluateMatcher(e.matcher, [...evidence.warnings]);
        checks.push({ ...base, status: outcome.passed ? 'passed' : failed, expected: expectedOf(e.matcher), actual: evidence.warnings, ...(outcome.passed ? {} : { message: `warnings ${outcome.message}` }) });
        break;
      }
      case 'target':
        checks.push(...(await checkTarget(e.check, e, evidence)));
        break;
      case 'account':
        checks.push(...(await checkAccount(e.check, e, evidence)));
        break;
    }
  }
  return checks;
}

/** Every difference between the expected and the sent sequence, in words (the first per request). */
function compareSent(expected: readonly SentRequestSpec[], evidence: IdpEvidence): string[] {
  const sent = evidence.sent;
  const problems: string[] = [];
  for (let i = 0; i < Math.max(expected.length, sent.length); i++) {
    const want = expected[i];
    const got = sent[i];
    if (!want) {
      problems.push(`request ${i + 1}: expected no more requests, got ${got!.request.method} ${relativePath(got!, evidence.basePath)}`);
      continue;
    }
    if (!got) {
      problems.push(`request ${i + 1}: expected ${want.method} ${want.path}, but only ${sent.length} request(s) were sent`);
      continue;
    }
    const problem = compareRequest(want, got, evidence);
    if (problem) problems.push(`request ${i + 1} (${want.method} ${want.path}): ${problem}`);
  }
  return problems;
}

function compareRequest(want: SentRequestSpec, got: Exchange, evidence: IdpEvidence): string | undefined {
  const url = new URL(got.request.url);
  const path = stripBase(url.pathname, evidence.basePath);
  if (got.request.method !== want.method || decodeURIComponent(path) !== decodeURIComponent(want.path)) return `got ${got.request.method} ${path}`;
  if (want.query) {
    const query = Object.fromEntries(url.searchParams.entries());
    const names = (record: Record<string, unknown>) => Object.keys(record).sort().join('&');
    if (names(query) !== names(want.query)) return `expected query ${showQuery(want.query)}, got ${show(query)}`;
    for (const [name, matcher] of Object.entries(want.query)) {
      const outcome = evaluateMatcher(matcher, query[name]);
      if (!outcome.passed) return `query ${name} ${outcome.message} (query ${show(query)})`;
    }
  }
  for (const header of want.headers) {
    const outcome = evaluateMatcher(header.matcher, got.request.headers[header.path]);
    if (!outcome.passed) return `header ${header.path} ${outcome.message}`;
  }
  if (want.body.length === 0) return undefined;
  let body: unknown;
  try {
    body = got.request.body === undefined ? undefined : JSON.parse(got.request.body);
  } catch {
    return 'the body is not JSON';
  }
  const wrong: string[] = [];
  for (const check of want.body) {
    const outcome = evaluateMatcher(check.matcher, selectBodyPath(body, check.path, evidence.filterMatches));
    if (!outcome.passed) wrong.push(`body ${check.path} ${outcome.message}`);
  }
  return wrong.length === 0 ? undefined : wrong.join('; ');
}

/** The expected query as text: literal values percent-encoded, matchers described. */
function encodeQuery(query: Record<string, Matcher>): string {
  return Object.entries(query)
    .map(([k, m]) => `${encodeURIComponent(k)}=${isLiteral(m) ? encodeURIComponent(String(m.equals)) : `<${describe(m)}>`}`)
    .join('&');
}

function showQuery(query: Record<string, Matcher>): string {
  return show(Object.fromEntries(Object.entries(query).map(([k, m]) => [k, isLiteral(m) ? m.equals : `<${describe(m)}>`])));
}

function isLiteral(matcher: Matcher): matcher is Matcher & { equals: unknown } {
  return Object.keys(matcher).length === 1 && 'equals' in matcher;
}

async function checkTarget(check: TargetCheckSpec, e: Extract<IdpExpectation, { kind: 'target' }>, evidence: IdpEvidence): Promise<CheckResult[]> {
  const failed = e.level === 'MUST' ? ('failed' as const) : ('warned' as const);
  const what = `${check.resource} ${check.key}`;
  const base = { kind: 'expectation' as const, level: e.level, location: e.location };
  const id = evidence.targetId(check.resource, check.key);
  if (id === undefined) {
    if (check.exists === false) return [{ ...base, id: `expect.target.${check.key}`, title: `target has no ${what}`, status: 'passed', exchangeIds: [], message: 'the IdP holds no target id for it' }];
    return [{ ...base, id: `expect.target.${check.key}`, title: `target ${what}`, status: failed, exchangeIds: [], message: `the IdP holds no target id for ${what}: it was never created or linked` }];
  }
  const exchange = await evidence.client.send({ method: 'GET', path: `/${check.resource === 'user' ? 'Users' : 'Groups'}/${encodeURIComponent(id)}` });
  const exchangeIds = [exchange.id];
  const status = exchange.response?.status;
  if (!exchange.response) return [{ ...base, id: `expect.target.${check.key}`, title: `read ${what}`, status: 'errored', exchangeIds, message: `no response: ${exchange.error?.message ?? 'transport error'}` }];
  if (check.exists === false) {
    const gone = status === 404 || (check.resource === 'user' && isInactiveUser(exchange));
    return [{ ...base, id: `expect.target.${check.key}`, title: `target has no ${what}`, status: status === 404 ? 'passed' : failed, exchangeIds, expected: 404, actual: status, ...(status === 404 ? {} : { message: `expected 404 for ${what}, got ${status}${gone ? ' (an inactive user)' : ''}` }) }];
  }
  if (status !== 200) return [{ ...base, id: `expect.target.${check.key}`, title: `read ${what}`, status: failed, exchangeIds, expected: 200, actual: status, message: `reading ${what} (id ${id}) gave ${status}` }];
  let body: unknown;
  try {
    body = JSON.parse(exchange.response.body);
  } catch {
    return [{ ...base, id: `expect.target.${check.key}`, title: `read ${what}`, status: failed, exchangeIds, message: 'the body is not JSON' }];
  }
  const checks: CheckResult[] = [];
  if (check.exists === true) checks.push({ ...base, id: `expect.target.${check.key}`, title: `target has ${what}`, status: 'passed', exchangeIds });
  if (check.members) {
    const expected = check.members.map((key) => evidence.targetId('user', key) ?? `<${key}: no target id>`).sort();
    const members = (body as { members?: unknown }).members;
    const actual = (Array.isArray(members) ? members : []).map((m) => String((m as { value?: unknown }).value)).sort();
    const same = JSON.stringify(expected) === JSON.stringify(actual);
    checks.push({ ...base, id: `expect.target.${check.key}.members`, title: `target ${what} has members ${check.members.join(', ') || '(none)'}`, status: same ? 'passed' : failed, exchangeIds, expected, actual, ...(same ? {} : { message: `members differ: expected ${show(expected)}, got ${show(actual)}` }) });
  }
  for (const pathCheck of check.body) checks.push(bodyCheck(pathCheck, body, what, exchangeIds, evidence.filterMatches));
  return checks;
}

function bodyCheck(check: PathCheck, body: unknown, what: string, exchangeIds: string[], filterMatches: ElementFilter): CheckResult {
  const failed = check.level === 'MUST' ? ('failed' as const) : ('warned' as const);
  const base = { id: `expect.target.${what.replace(' ', '.')}.${check.path}`, kind: 'expectation' as const, title: `target ${what} ${check.path} ${describe(check.matcher)}`, level: check.level, location: check.location, exchangeIds };
  let actual: unknown;
  try {
    actual = selectBodyPath(body, check.path, filterMatches);
  } catch (error) {
    return { ...base, status: 'errored', message: `bad body path '${check.path}': ${(error as Error).message}` };
  }
  const outcome = evaluateMatcher(check.matcher, actual);
  return { ...base, status: outcome.passed ? 'passed' : failed, expected: expectedOf(check.matcher), actual, ...(outcome.passed ? {} : { message: `${check.path} ${outcome.message}` }) };
}

/** What SCIM cannot show, read through the control adapter: one check per field. */
async function checkAccount(check: AccountCheckSpec, e: Extract<IdpExpectation, { kind: 'account' }>, evidence: IdpEvidence): Promise<CheckResult[]> {
  const what = check.subject === 'user' ? `user ${check.email}` : check.subject === 'group' ? `group ${check.name}` : 'manual update';
  const base = { kind: 'expectation' as const, level: e.level, location: e.location, exchangeIds: [] };
  let state: unknown;
  try {
    if (check.subject === 'manualUpdate') {
      if (!evidence.manualUpdate) return [{ ...base, id: 'expect.account.manualUpdate', title: 'manual update outcome', status: 'errored', message: 'the step made no manual update to check' }];
      state = evidence.manualUpdate;
    } else {
      const adapter = evidence.control;
      const read = check.subject === 'user' ? adapter?.userState?.bind(adapter) : adapter?.groupState?.bind(adapter);
      if (!read) return [{ ...base, id: `expect.account.${check.subject}`, title: `account ${what}`, status: 'errored', message: `the control adapter cannot read a ${check.subject}` }];
      state = await read(check.subject === 'user' ? check.email : check.name);
    }
  } catch (error) {
    return [{ ...base, id: `expect.account.${check.subject}`, title: `account ${what}`, status: 'errored', message: `reading ${what} through the control adapter failed: ${(error as Error).message}` }];
  }
  return check.fields.map((field) => {
    const failed = field.level === 'MUST' ? ('failed' as const) : ('warned' as const);
    const actual = selectBodyPath(state, field.path, evidence.filterMatches);
    const outcome = evaluateMatcher(field.matcher, actual);
    const id = `expect.account.${check.subject}.${field.path}`;
    const title = `account ${what} ${field.path} ${describe(field.matcher)}`;
    const row = check.subject === 'user' && field.path === 'license' ? { licenseRow: licenseRow(check.email, state as UserState, evidence) } : {};
    return { ...base, id, title, level: field.level, location: field.location, status: outcome.passed ? 'passed' : failed, expected: expectedOf(field.matcher), actual, ...row, ...(outcome.passed ? {} : { message: `${what}: ${field.path} ${outcome.message}` }) };
  });
}

/** The IdP's groups for the user when there is an IdP, else the product's; the mode as the scenario set it. */
function licenseRow(user: string, state: UserState, evidence: IdpEvidence) {
  const mode = evidence.accountSettings?.manageLicensesWithScim ? 'SCIM' : 'SSO / manual';
  // The groups that decide the license: with SSO mapping those of the last SSO sign-in; with SCIM the IdP's.
  const idp = evidence.idpGroups?.(user);
  const groups = (mode === 'SCIM' ? (idp ?? state.ssoGroups) : (state.ssoGroups ?? idp)) ?? state.groups ?? [];
  return { user, groups, mode, ...(state.licenseSource !== undefined ? { source: state.licenseSource } : {}) };
}

function isInactiveUser(exchange: Exchange): boolean {
  try {
    return (JSON.parse(exchange.response?.body ?? '') as { active?: unknown }).active === false;
  } catch {
    return false;
  }
}

function relativePath(exchange: Exchange, basePath: string): string {
  const url = new URL(exchange.request.url);
  return stripBase(url.pathname, basePath) + url.search;
}

function stripBase(pathname: string, basePath: string): string {
  return basePath !== '' && pathname.startsWith(basePath) ? pathname.slice(basePath.length) || '/' : pathname;
}

