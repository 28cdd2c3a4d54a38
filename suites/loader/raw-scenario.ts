import type { ServiceProviderFeature } from '../model/scenario.js';

/**
 * The shape of a scenario file once it has passed `scenario.schema.json`: what the static checks
 * and `normalize` read. Keep it in step with the schema.
 */
export interface RawScenario {
  scenario: string;
  id?: string;
  description?: string;
  tags?: string[];
  seed?: number;
  skip?: string;
  requires?: ServiceProviderFeature[];
  idp?: 'okta';
  idpConfig?: RawOktaConfig;
  directory?: RawDirectory;
  defaults?: { headers?: Record<string, Scalar> };
  vars?: Record<string, unknown>;
  steps: RawStep[];
  teardown?: RawStep[];
}

export type Scalar = string | number | boolean;

export type RawStep = RawRequestStep | RawAdvanceStep | RawIdpStep;

export type KeyList = string | string[];

export interface RawDirectory {
  users?: Record<string, (Record<string, unknown> & { status?: 'active' | 'suspended' | 'deactivated' }) | null>;
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

export function isAdvanceStep(step: RawStep): step is RawAdvanceStep {
  return 'advance' in step;
}

export function isRequestStep(step: RawStep): step is RawRequestStep {
  return 'request' in step;
}

export function isIdpStep(step: RawStep): step is RawIdpStep {
  return !isAdvanceStep(step) && !isRequestStep(step);
}

export function isFakeCall(value: unknown): value is RawFakeCall {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'fake' in value;
}
