import { eachStep } from './each-step.js';
import { isIP } from 'node:net';
import type { AccountSettings } from '../../simulator/target/control/control-adapter.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/did-you-mean.js';
import { checkRegex } from './check-steps.js';
import type { DocPath, Locator } from './locate.js';
import {
  ACCOUNT_CHECK_FIELDS,
  CONTROL_ACTIONS,
  MANUAL_UPDATE_ACTIONS,
  isAdvanceStep,
  isControlStep,
  isRequestStep,
  type RawAccountCheck,
  type RawControlStep,
  type RawIdpExpect,
  type RawScenario,
} from './raw-scenario.js';

/**
 * The license types the loader knows: the seeds name developer and read_only (seed 002's
 * expression) and the Analyst license; their license table did not load, so `it` comes from the
 * platform's own list and there may be others. Unknown names are warnings, never errors.
 */
export const KNOWN_LICENSES = ['developer', 'read_only', 'analyst', 'it'] as const;

/** IdP expectations that need an IdP: a control step of a scenario without one cannot have them. */
const IDP_ONLY_EXPECTATIONS: Record<'sent' | 'idp' | 'target' | 'warnings', string> = {
  sent: "'sent' lists the requests an IdP sent; add 'idp: okta' or 'idp: entra'",
  idp: "'idp' reads the IdP's admin view; add 'idp: okta' or 'idp: entra'",
  target: "'target' reads the target by the ids the IdP holds; read it with a request step, or add 'idp: okta' or 'idp: entra'",
  warnings: "'warnings' are the IdP's; add 'idp: okta' or 'idp: entra'",
};

/**
 * What the schema cannot say about the target's account and control steps: one user per email in
 * `account:`, one action per control step and none that does nothing, well-formed CIDR blocks, known license names (warnings), group
 * members that are users of `account:` (warnings), `account:` checks with one subject and that
 * subject's fields, `manualUpdate` checks only after a manual update, regular expressions that
 * compile, IdP checks only with an IdP, and tokens deleted only after they were created (warnings).
 */
export function checkControl(raw: RawScenario, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [...checkAccountSetup(raw, locator)];
  const created = new Set<string>();
  for (const { step, at } of eachStep(raw)) {
    if (isRequestStep(step) || isAdvanceStep(step, raw)) continue;
    let manualUpdate = false;
    if (isControlStep(step, raw)) {
      diagnostics.push(...checkControlStep(step, at, raw, locator, created));
      manualUpdate = MANUAL_UPDATE_ACTIONS.some((action) => step.control?.[action] !== undefined);
    }
    diagnostics.push(...checkAccountExpectations(step.expect, [...at, 'expect'], manualUpdate, locator));
  }
  return diagnostics;
}

/** `account:`: license names, and group members that are not the account's users (they may be SCIM users created later). */
function checkAccountSetup(raw: RawScenario, locator: Locator): Diagnostic[] {
  const account = raw.account;
  if (!account) return [];
  const diagnostics = checkSettings(account.settings, ['account', 'settings'], locator);
  const emails = Object.values(account.users ?? {}).map((user) => user.email);
  const first = new Map<string, string>();
  for (const [key, user] of Object.entries(account.users ?? {})) {
    if (user.license !== undefined) diagnostics.push(...checkLicense(user.license, locator.value(['account', 'users', key, 'license'])));
    const earlier = first.get(user.email.toLowerCase());
    if (earlier === undefined) first.set(user.email.toLowerCase(), key);
    else diagnostics.push(error(locator.value(['account', 'users', key, 'email']), `'${key}' has the email of '${earlier}'`, 'an account has one user per email'));
  }
  for (const [name, members] of Object.entries(account.groups ?? {})) {
    members.forEach((member, index) => {
      if (emails.some((email) => email.toLowerCase() === member.toLowerCase())) return;
      const guess = didYouMean(member, emails);
      diagnostics.push({
        severity: 'warning',
        location: locator.value(['account', 'groups', name, index]),
        message: `'${member}' is not the email of a user under 'account: users:'`,
        hint: guess ? `did you mean '${guess}'?` : 'fine for a user SCIM provisions later; otherwise add the user under account: users:',
      });
    });
  }
  return diagnostics;
}

function checkSettings(settings: AccountSettings | undefined, at: DocPath, locator: Locator): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  (settings?.availableLicenses ?? []).forEach((license, index) => diagnostics.push(...checkLicense(license, locator.value([...at, 'availableLicenses', index]))));
  for (const license of Object.keys(settings?.ssoLicenseMappings ?? {})) diagnostics.push(...checkLicense(license, locator.key([...at, 'ssoLicenseMappings', license])));
  return diagnostics;
}

/** A warning for a license name the loader does not know: the seeds' license table did not load. */
function checkLicense(license: string, location: SourceLocation): Diagnostic[] {
  if ((KNOWN_LICENSES as readonly string[]).includes(license) || license.includes('{{')) return [];
  const guess = didYouMean(license, KNOWN_LICENSES);
  const known = `known licenses: ${KNOWN_LICENSES.join(', ')}; the seeds' license table did not load, so there may be others`;
  return [{ severity: 'warning', location, message: `unknown license '${license}'`, hint: guess ? `did you mean '${guess}'? ${known}` : known }];
}

function checkControlStep(step: RawControlStep, at: DocPath, raw: RawScenario, locator: Locator, created: Set<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const control = step.control ?? {};
  const actions = CONTROL_ACTIONS.filter((action) => action in control);
  if (actions.length > 1) {
    diagnostics.push(error(locator.key([...at, 'control', actions[1]!]), `a control step does one action; this one also has '${actions[0]}'`, 'put each action in a step of its own'));
  }
  if (actions.length === 0 && step.expect === undefined) {
    const where = 'control' in step ? locator.key([...at, 'control']) : locator.value(at);
    diagnostics.push(error(where, 'this step does nothing', "give 'control:' an action (settings, acceptInvitation, ssoLogin, …) or the step an 'expect'"));
  }
  if (raw.idp === undefined) {
    for (const key of Object.keys(IDP_ONLY_EXPECTATIONS) as (keyof typeof IDP_ONLY_EXPECTATIONS)[]) {
      if (step.expect?.[key] !== undefined) diagnostics.push(error(locator.key([...at, 'expect', key]), `'${key}' needs an IdP, and this scenario has none`, IDP_ONLY_EXPECTATIONS[key]));
    }
  }
  const here: DocPath = [...at, 'control'];
  if (control.settings) {
    if (Object.keys(control.settings).length === 0) {
      diagnostics.push(error(locator.key([...here, 'settings']), "'settings' changes nothing", 'give the settings to change, e.g. { manageLicensesWithScim: true }'));
    }
    diagnostics.push(...checkSettings(control.settings, [...here, 'settings'], locator));
  }
  if (control.createUser?.license !== undefined) diagnostics.push(...checkLicense(control.createUser.license, locator.value([...here, 'createUser', 'license'])));
  const license = control.manualUpdateUser?.change.license;
  if (license !== undefined) diagnostics.push(...checkLicense(license, locator.value([...here, 'manualUpdateUser', 'change', 'license'])));
  const allowlist = control.setIpAllowlist;
  if (Array.isArray(allowlist)) {
    if (allowlist.length === 0) {
      diagnostics.push({
        severity: 'warning',
        location: locator.value([...here, 'setIpAllowlist']),
        message: 'an empty allowlist refuses every SCIM request',
        hint: 'null lifts the restriction',
      });
    }
    allowlist.forEach((cidr, index) => {
      const hint = cidrProblem(cidr);
      if (hint !== undefined) diagnostics.push(error(locator.value([...here, 'setIpAllowlist', index]), `invalid CIDR block '${cidr}'`, hint));
    });
  }
  if (control.createToken !== undefined) created.add(control.createToken);
  if (control.deleteToken !== undefined && !created.has(control.deleteToken)) {
    const guess = didYouMean(control.deleteToken, created);
    diagnostics.push({
      severity: 'warning',
      location: locator.value([...here, 'deleteToken']),
      message: `no earlier step creates the token '${control.deleteToken}'`,
      hint: guess ? `did you mean '${guess}'?` : `create it first with control: { createToken: ${control.deleteToken} }, unless the account already has it`,
    });
  }
  return diagnostics;
}

/** Why a string is not an address block in CIDR form, or undefined when it is one (placeholders are not checked). */
export function cidrProblem(text: string): string | undefined {
  if (text.includes('{{')) return undefined;
  const slash = text.indexOf('/');
  const address = slash < 0 ? text : text.slice(0, slash);
  const version = isIP(address);
  if (version === 0) return 'write an address and a prefix length, e.g. 10.0.0.0/8 or 2001:db8::/32';
  const max = version === 4 ? 32 : 128;
  if (slash < 0) return `write '${address}/${max}' for this one address`;
  const prefix = text.slice(slash + 1);
  if (!/^[0-9]{1,3}$/.test(prefix) || Number(prefix) > max) return `an IPv${version} prefix length is 0 to ${max}`;
  return undefined;
}

/** Each `account:` check: one subject, that subject's fields, at least one, and `manualUpdate` only after a manual update. */
function checkAccountExpectations(expect: RawIdpExpect | undefined, at: DocPath, manualUpdate: boolean, locator: Locator): Diagnostic[] {
  const written = expect?.account;
  if (written === undefined) return [];
  const diagnostics: Diagnostic[] = [];
  const list = Array.isArray(written) ? written : [written];
  list.forEach((check, index) => {
    const path: DocPath = Array.isArray(written) ? [...at, 'account', index] : [...at, 'account'];
    diagnostics.push(...checkAccountCheck(check, path, manualUpdate, locator));
  });
  return diagnostics;
}

function checkAccountCheck(check: RawAccountCheck, path: DocPath, manualUpdate: boolean, locator: Locator): Diagnostic[] {
  const subjects = (['user', 'group', 'manualUpdate'] as const).filter((subject) => check[subject] !== undefined);
  if (subjects.length === 0) {
    return [error(locator.value(path), 'an account check names what it reads', "give 'user: <email>', 'group: <name>' or 'manualUpdate: { allowed, reason }'")];
  }
  if (subjects.length > 1) {
    return [error(locator.key([...path, subjects[1]!]), `an account check reads one subject; this one has '${subjects[0]}' and '${subjects[1]}'`, "'account:' takes a list: one check per subject")];
  }
  const subject = subjects[0]!;
  const diagnostics: Diagnostic[] = [];
  const fields = Object.keys(check).filter((key) => key !== subject);
  if (subject === 'manualUpdate') {
    if (!manualUpdate) {
      diagnostics.push(
        error(locator.key([...path, 'manualUpdate']), "'manualUpdate' checks the outcome of this step's manual update, and this step makes none", "put it in the step with 'manualUpdateUser' or 'manualUpdateGroupMembers'"),
      );
    }
    for (const field of fields) {
      diagnostics.push(error(locator.key([...path, field]), `a manualUpdate check has no '${field}'`, 'its fields go inside it: manualUpdate: { allowed, reason }'));
    }
    for (const [field, value] of Object.entries(check.manualUpdate ?? {})) diagnostics.push(...checkRegex(value, [...path, 'manualUpdate', field], locator));
    return diagnostics;
  }
  const own: readonly string[] = ACCOUNT_CHECK_FIELDS[subject];
  const other = subject === 'user' ? 'group' : 'user';
  for (const field of fields) {
    if (own.includes(field)) continue;
    const hint = (ACCOUNT_CHECK_FIELDS[other] as readonly string[]).includes(field) ? `'${field}' is a ${other}'s; a ${subject} has: ${own.join(', ')}` : `a ${subject} has: ${own.join(', ')}`;
    diagnostics.push(error(locator.key([...path, field]), `a ${subject} check has no '${field}'`, hint));
  }
  if (fields.length === 0) {
    diagnostics.push(error(locator.value(path), `this check reads the ${subject} and tests nothing`, `add a field to test, e.g. exists: true or ${subject === 'user' ? 'license: developer' : 'scimManaged: true'}`));
  }
  const license = check['license'];
  if (subject === 'user' && typeof license === 'string') diagnostics.push(...checkLicense(license, locator.value([...path, 'license'])));
  for (const field of fields) diagnostics.push(...checkRegex(check[field], [...path, field], locator));
  return diagnostics;
}

function error(location: SourceLocation, message: string, hint?: string): Diagnostic {
  return hint ? { severity: 'error', location, message, hint } : { severity: 'error', location, message };
}
