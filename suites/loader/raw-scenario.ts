import type { EntraAssumedSettings, EntraMappingSpec, EntraScope, EntraScopingClause } from '../../simulator/idp/entra/settings.js';
import type { AccountSettings, ControlCapability } from '../../simulator/target/control/control-adapter.js';
import type { ServiceProviderFeature } from '../model/scenario.js';

/**
 * The shape of a scenario file once it has passed `scenario.schema.json`: what the static checks
 * and `normalize` read. Keep it in step with the schema. `idp` tells the two IdP languages apart:
 * Okta's (also the shape of a file without `idp:`) and Entra's.
 */
export type RawScenario = RawOktaScenario | RawEntraScenario;

interface RawScenarioBase {
  scenario: string;
  id?: string;
  description?: string;
  tags?: string[];
  seed?: number;
  skip?: string;
  requires?: ServiceProviderFeature[];
  defaults?: { headers?: Record<string, Scalar> };
  vars?: Record<string, unknown>;
  /** The target's account outside SCIM, set through the control adapter before the steps. */
  account?: RawAccount;
  /** Control capabilities needed beyond those the file's `account:`, control steps and account checks show. */
  requiresControl?: ControlCapability[];
  /** Okta scenarios (and files without `idp:`) hold request, advance, IdP and control steps; Entra ones request, Entra and control steps. */
  steps: RawStep[];
  teardown?: RawStep[];
}

/** `idp: okta`, or no IdP at all (then `idpConfig` is only known to be a mapping). */
export interface RawOktaScenario extends RawScenarioBase {
  idp?: 'okta';
  idpConfig?: RawOktaConfig;
  directory?: RawDirectory;
}

export interface RawEntraScenario extends RawScenarioBase {
  idp: 'entra';
  idpConfig?: RawEntraConfig;
  directory?: RawDirectory<'active' | 'softDeleted'>;
}

export type Scalar = string | number | boolean;

export type RawStep = RawRequestStep | RawAdvanceStep | RawIdpStep | RawEntraStep | RawControlStep;

export type KeyList = string | string[];

export interface RawDirectory<Status extends string = 'active' | 'suspended' | 'deactivated'> {
  users?: Record<string, (Record<string, unknown> & { status?: Status }) | null>;
  groups?: Record<string, string[] | { name?: string; members?: string[] }>;
}

export interface RawOktaConfig {
  appName?: string;
  flavour?: 'aiw' | 'oin';
  uniqueIdField?: string;
  usernameFormat?: 'oktaUsername' | 'email' | 'emailPrefix' | 'oktaUsernamePrefix';
  provisioning?: Record<string, boolean>;
  import?: { matchBy?: 'username' | 'email' | 'usernameOrEmail'; confirmMatchedUsers?: boolean; confirmNewUsers?: boolean };
  answerLimit?: string;
  rateLimit?: { defaultWait?: string; maxAttempts?: number };
  expressions?: 'compatibility' | 'strict';
  assumed?: Record<string, string | boolean>;
  mappings?: Record<string, { expression?: string; namespace?: string | null; externalName?: string }>;
}

/** An IdP action (exactly one of the action keys) or, with none, a check step. */
export interface RawIdpStep {
  name?: string;
  testApiCredentials?: true;
  assign?: KeyList | { users?: KeyList; group?: string; values?: Record<string, unknown> };
  unassign?: KeyList | { users?: KeyList; group?: string };
  updateProfile?: { user: string; set: Record<string, unknown> };
  deactivate?: KeyList;
  reactivate?: KeyList;
  suspend?: KeyList;
  unsuspend?: KeyList;
  deleteUser?: KeyList;
  addToGroup?: { group: string; users: KeyList };
  removeFromGroup?: { group: string; users: KeyList };
  pushGroups?: KeyList | { groups: KeyList; link?: Record<string, string> };
  pushNow?: KeyList;
  retryGroups?: 'all' | KeyList;
  deactivateGroupPush?: KeyList;
  unlinkGroup?: { group: string; deleteInTarget: boolean };
  renameGroup?: { group: string; name: string };
  import?: 'users' | 'groups' | Array<'users' | 'groups'>;
  retryTasks?: 'all' | number[];
  reapplyMappings?: 'all' | KeyList;
  expect?: RawIdpExpect;
}

/** The action keys of an IdP step, in the schema's order. */
export const IDP_ACTIONS = [
  'testApiCredentials', 'assign', 'unassign', 'updateProfile', 'deactivate', 'reactivate', 'suspend', 'unsuspend', 'deleteUser',
  'addToGroup', 'removeFromGroup', 'pushGroups', 'pushNow', 'retryGroups', 'deactivateGroupPush', 'unlinkGroup', 'renameGroup',
  'import', 'retryTasks', 'reapplyMappings',
] as const;

export type IdpActionName = (typeof IDP_ACTIONS)[number];

/** `idpConfig` of an Entra scenario: the enterprise app's Provisioning blade. */
export interface RawEntraConfig {
  appName?: string;
  scope?: EntraScope;
  scopingFilters?: RawScopingClause[][];
  provisionGroups?: boolean;
  targetObjectActions?: { create?: boolean; update?: boolean; delete?: boolean };
  skipOutOfScopeDeletions?: boolean;
  accidentalDeletions?: 'off' | { threshold: number };
  aadOptscim062020?: boolean;
  credentials?: 'valid' | 'invalid';
  cycleInterval?: string;
  softDeleteRetention?: string;
  userMappings?: Record<string, RawEntraMapping | null>;
  replaceUserMappings?: boolean;
  groupMappings?: Record<string, RawEntraMapping | null>;
  assumed?: RawEntraAssumed;
}

/** The assumed settings as written: `requestTimeout` is a duration. */
export type RawEntraAssumed = Partial<Omit<EntraAssumedSettings, 'requestTimeoutMs'>> & { requestTimeout?: string };

export interface RawScopingClause {
  attribute: string;
  operator: EntraScopingClause['operator'];
  value?: Scalar;
}

/** One row of the attribute-mapping editor; exactly one of `direct`, `constant`, `expression`, `none`. */
export interface RawEntraMapping {
  direct?: string;
  constant?: Scalar;
  expression?: string;
  none?: true;
  default?: Scalar;
  apply?: EntraMappingSpec['apply'];
  matching?: number;
  type?: NonNullable<EntraMappingSpec['targetType']>;
}

/** The four ways a mapping row gets its value. */
export const ENTRA_MAPPING_TYPES = ['direct', 'constant', 'expression', 'none'] as const;

/** An Entra admin or directory action (exactly one of the action keys) or, with none, a check step. */
export interface RawEntraStep {
  name?: string;
  testConnection?: true;
  startProvisioning?: true;
  stopProvisioning?: true;
  restartProvisioning?: true | { resetScope: 'full' };
  nextCycle?: true | number;
  advance?: string;
  provisionOnDemand?: string | { group: string; members: KeyList };
  assign?: KeyList | { users?: KeyList; groups?: KeyList };
  unassign?: KeyList | { users?: KeyList; groups?: KeyList };
  updateUser?: { user: string; set: Record<string, unknown> };
  softDelete?: KeyList;
  restore?: KeyList;
  hardDelete?: KeyList;
  disableAccount?: KeyList;
  enableAccount?: KeyList;
  addToGroup?: { group: string; users: KeyList };
  removeFromGroup?: { group: string; users: KeyList };
  renameGroup?: { group: string; name: string };
  deleteGroup?: KeyList;
  changeMappings?: RawChangeMappings;
  allowDeletes?: true;
  setCredentials?: 'valid' | 'invalid';
  expect?: RawIdpExpect;
}

export interface RawChangeMappings {
  userMappings?: Record<string, RawEntraMapping | null>;
  groupMappings?: Record<string, RawEntraMapping | null>;
  scope?: EntraScope;
  scopingFilters?: RawScopingClause[][];
}

/** The action keys of an Entra step, in the schema's order. */
export const ENTRA_ACTIONS = [
  'testConnection', 'startProvisioning', 'stopProvisioning', 'restartProvisioning', 'nextCycle', 'advance', 'provisionOnDemand',
  'assign', 'unassign', 'updateUser', 'softDelete', 'restore', 'hardDelete', 'disableAccount', 'enableAccount', 'addToGroup',
  'removeFromGroup', 'renameGroup', 'deleteGroup', 'changeMappings', 'allowDeletes', 'setCredentials',
] as const;

export type EntraActionName = (typeof ENTRA_ACTIONS)[number];

/** Okta action keys an Entra step cannot have (the schema's `entraStep` lets them through to be reported). */
export const OKTA_ONLY_ACTIONS = [
  'testApiCredentials', 'updateProfile', 'deactivate', 'reactivate', 'suspend', 'unsuspend', 'deleteUser', 'pushGroups', 'pushNow',
  'retryGroups', 'deactivateGroupPush', 'unlinkGroup', 'import', 'retryTasks', 'reapplyMappings',
] as const satisfies readonly IdpActionName[];

/** Entra action keys an Okta step cannot have (`advance` is a step of its own there). */
export const ENTRA_ONLY_ACTIONS = [
  'testConnection', 'startProvisioning', 'stopProvisioning', 'restartProvisioning', 'nextCycle', 'provisionOnDemand', 'updateUser',
  'softDelete', 'restore', 'hardDelete', 'disableAccount', 'enableAccount', 'deleteGroup', 'changeMappings', 'allowDeletes', 'setCredentials',
] as const satisfies readonly EntraActionName[];

/** `account:`: settings, and the users and groups the account has before the IdP provisions anything. */
export interface RawAccount {
  settings?: AccountSettings;
  /** key → a user (the key is a label: steps name users by email). */
  users?: Record<string, RawSeedUser>;
  /** product group name → member emails. */
  groups?: Record<string, string[]>;
}

export interface RawSeedUser {
  email: string;
  firstName?: string;
  lastName?: string;
  groups?: string[];
  license?: string;
}

/** A control step: one action on the target outside SCIM (or none, `control: {}`: a check step). */
export interface RawControlStep {
  name?: string;
  control?: RawControlAction | null;
  /**
   * The schema lets `account`, `target` and `level` through; a check step of a scenario without an
   * IdP (validated as an IdP step) may also hold `sent`, `idp` or `warnings`, which the loader reports.
   */
  expect?: RawIdpExpect;
}

/** Exactly one of the action keys (the loader reports a second one). */
export interface RawControlAction {
  settings?: AccountSettings;
  invite?: string;
  acceptInvitation?: string;
  confirmEmail?: string;
  ssoLogin?: { email: string; groups?: string[] };
  createUser?: RawSeedUser;
  createGroup?: { name: string; members?: string[] };
  manualUpdateUser?: { email: string; change: { firstName?: string; lastName?: string; license?: string } };
  manualUpdateGroupMembers?: { name: string; change: { add?: string[]; remove?: string[] } };
  setIpAllowlist?: string[] | null;
  createToken?: string;
  deleteToken?: string;
}

/** The action keys of a control step, in the schema's order. */
export const CONTROL_ACTIONS = [
  'settings', 'invite', 'acceptInvitation', 'confirmEmail', 'ssoLogin', 'createUser', 'createGroup', 'manualUpdateUser',
  'manualUpdateGroupMembers', 'setIpAllowlist', 'createToken', 'deleteToken',
] as const satisfies readonly (keyof RawControlAction)[];

export type ControlActionName = (typeof CONTROL_ACTIONS)[number];

/** The control actions whose outcome an `account: { manualUpdate: … }` check reads. */
/** Actions whose outcome (allowed, or refused with a reason) an `account: { manualUpdate }` check reads; inviting is one (seed 001). */
export const MANUAL_UPDATE_ACTIONS = ['manualUpdateUser', 'manualUpdateGroupMembers', 'invite'] as const satisfies readonly ControlActionName[];

/**
 * One `account:` check as written: a subject (`user`, `group` or `manualUpdate`) and the fields to
 * test, each a literal or a matcher. The loader checks that there is one subject and that the
 * fields are that subject's.
 */
export interface RawAccountCheck {
  user?: string;
  group?: string;
  manualUpdate?: Record<string, unknown>;
  [field: string]: unknown;
}

/** The fields an `account:` check may test, by subject (the adapter's UserState, GroupState, ManualUpdateOutcome). */
export const ACCOUNT_CHECK_FIELDS = {
  user: ['exists', 'license', 'licenseSource', 'scimManaged', 'email', 'pendingEmail', 'accepted', 'groups', 'ssoGroups'],
  group: ['exists', 'scimManaged', 'members'],
  manualUpdate: ['allowed', 'reason'],
} as const;

export interface RawSentRequest {
  method: string;
  path: string;
  query?: Record<string, Scalar>;
  headers?: Record<string, unknown>;
  body?: Record<string, unknown>;
}

export interface RawTargetCheck {
  user?: string;
  group?: string;
  exists?: boolean;
  members?: string[];
  body?: Record<string, unknown>;
}

export interface RawIdpExpect {
  sent?: RawSentRequest[];
  idp?: Record<string, unknown>;
  target?: RawTargetCheck | RawTargetCheck[];
  warnings?: Record<string, unknown>;
  account?: RawAccountCheck | RawAccountCheck[];
  level?: 'MUST' | 'SHOULD';
}

export interface RawAdvanceStep {
  name?: string;
  advance: string;
}

export interface RawRequestStep {
  name?: string;
  request: RawRequest;
  expect?: RawExpect;
  capture?: Record<string, string | { header: string }>;
  skipRules?: string[];
}

export interface RawRequest {
  method: string;
  path: string;
  query?: Record<string, Scalar>;
  headers?: Record<string, Scalar>;
  auth?: 'default' | 'none' | { bearer: string };
  body?: unknown;
  rawBody?: string;
}

export interface RawExpect {
  status?: number | number[];
  headers?: Record<string, Scalar | Record<string, unknown>>;
  body?: Record<string, unknown>;
  responseTime?: Record<string, number>;
  level?: 'MUST' | 'SHOULD';
}

/** A var written as a faker call. */
export interface RawFakeCall {
  fake: string;
  args?: unknown[];
}

/** An advance step of an Okta scenario (or of one without IdP); in an Entra scenario `advance` is an Entra action. */
export function isAdvanceStep(step: RawStep, raw: Pick<RawScenario, 'idp'>): step is RawAdvanceStep {
  return raw.idp !== 'entra' && 'advance' in step && !('control' in step);
}

/**
 * A control step: one with `control:`, in any scenario. In a scenario without an IdP, a check step
 * (no action, `expect` alone) is one too: there is no IdP to check, only the account.
 */
export function isControlStep(step: RawStep, raw: Pick<RawScenario, 'idp'>): step is RawControlStep {
  if ('control' in step) return true;
  if (raw.idp !== undefined || 'request' in step || 'advance' in step) return false;
  return !Object.keys(step).some((key) => (IDP_STEP_KEYS as readonly string[]).includes(key));
}

/** Every key that makes a step an IdP step (Okta's and Entra's actions). */
const IDP_STEP_KEYS = [...new Set<string>([...IDP_ACTIONS, ...ENTRA_ACTIONS])];

export function isRequestStep(step: RawStep): step is RawRequestStep {
  return 'request' in step;
}

/** An Okta IdP step: in a scenario that is not Entra's, neither a request, an advance nor a control step. */
export function isIdpStep(step: RawStep, raw: Pick<RawScenario, 'idp'>): step is RawIdpStep {
  return raw.idp !== 'entra' && !isAdvanceStep(step, raw) && !isRequestStep(step) && !isControlStep(step, raw);
}

/** A step of an Entra scenario that is neither a request nor a control step. */
export function isEntraStep(step: RawStep, raw: Pick<RawScenario, 'idp'>): step is RawEntraStep {
  return raw.idp === 'entra' && !isRequestStep(step) && !isControlStep(step, raw);
}

export function isFakeCall(value: unknown): value is RawFakeCall {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fake' in value;
}
