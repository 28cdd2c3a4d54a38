import type { ContainerTargetSpec } from '../../simulator/target/container/container-spec.js';
import type { DirectorySpec } from '../../simulator/idp/directory.js';
import type { EntraMappingSpec, EntraScope, EntraScopingClause, EntraSettings } from '../../simulator/idp/entra/settings.js';
import type { AppAttributeSpec } from '../../simulator/idp/okta/profile-mappings.js';
import type { OktaSettings } from '../../simulator/idp/okta/settings.js';
import type { AccountSettings, ControlCapability, SeedUser } from '../../simulator/target/control/control-adapter.js';
import type { SourceLocation } from '../diagnostics/diagnostic.js';

/**
 * A scenario as the loader hands it to the engine: validated, environment variables already
 * substituted, every step carrying the place in the file it came from.
 * Runtime placeholders (`{{name}}`) are still unresolved strings; the engine fills them.
 */
export interface Scenario {
  /** Stable id, `<suite>/<file stem>` unless the file sets `id:`. Used by --grep, baselines, JUnit. */
  id: string;
  title: string;
  description?: string;
  suite: string;
  file: string;
  location: SourceLocation;
  tags: string[];
  /** Faker seed: from the file, or derived from the scenario id so the same file fakes the same data. */
  seed: number;
  /** When set, the scenario is reported as skipped with this reason. */
  skip?: string;
  /** Features the target must advertise in /ServiceProviderConfig, else the scenario is skipped. */
  requires: ServiceProviderFeature[];
  defaults: { headers: Record<string, string> };
  /** The simulated IdP, when the scenario drives one. */
  idp?: OktaSetup | EntraSetup;
  /** The target's account outside SCIM (`account:`), set through the control adapter before the steps. */
  account?: AccountSetup;
  /** Control-adapter capabilities the scenario uses (derived by the loader); without them it is skipped. */
  requiresControl: ControlCapability[];
  vars: VarDefinition[];
  steps: Step[];
  /** Runs after `steps`, also when a step failed: cleanup of what the scenario created. */
  teardown: Step[];
}

/** The optional features RFC 7643 §5 lets a service provider advertise. */
export type ServiceProviderFeature = 'patch' | 'bulk' | 'filter' | 'changePassword' | 'sort' | 'etag';

export type VarDefinition =
  | { name: string; kind: 'template'; template: unknown; location: SourceLocation }
  | { name: string; kind: 'fake'; method: string; args: unknown[]; location: SourceLocation };

export type Step = RequestStep | AdvanceStep | IdpStep | EntraStep | ControlStep;

/** `account:`: the target's settings and the users and groups it has before the IdP provisions anything. */
export interface AccountSetup {
  settings: AccountSettings;
  users: SeedUser[];
  groups: Array<{ name: string; members: string[] }>;
  location: SourceLocation;
}

/** A simulated Okta org: its app settings, Profile Editor mappings and directory. */
export interface OktaSetup {
  kind: 'okta';
  settings: OktaSettings;
  mappings: Record<string, AppAttributeSpec>;
  /** Accept the seeds' `IIF`/`isMemberOf` with a warning on every use. */
  expressionCompatibility: boolean;
  /** Profile values and group names may hold placeholders of vars; rendered when the scenario starts. */
  directory: DirectorySpec;
  location: SourceLocation;
}

/** A simulated Entra ID tenant: the enterprise app's provisioning configuration and the directory. */
export interface EntraSetup {
  kind: 'entra';
  settings: EntraSettings;
  /** Profile values (Entra attribute names) and group names may hold placeholders of vars. */
  directory: DirectorySpec;
  location: SourceLocation;
}

interface StepBase {
  /** Human title: the step's `name:`, or one derived from what it does. */
  title: string;
  location: SourceLocation;
}

export interface RequestStep extends StepBase {
  kind: 'request';
  request: RequestSpec;
  expect: Expectation[];
  captures: Capture[];
  /** Protocol rule ids not applied to this step's exchange (deliberate protocol probes). */
  skipRules: string[];
}

export interface AdvanceStep extends StepBase {
  kind: 'advance';
  /** Milliseconds to move the virtual clock forward. */
  ms: number;
}

/** An IdP action (or none: a check step) and the checks after it. */
export interface IdpStep extends StepBase {
  kind: 'idp';
  action?: IdpAction;
  expect: IdpExpectation[];
}

export type IdpAction =
  | { type: 'testApiCredentials' }
  | { type: 'assign'; users: string[]; group?: string; values: Record<string, unknown> }
  | { type: 'unassign'; users: string[]; group?: string }
  | { type: 'updateProfile'; user: string; set: Record<string, unknown> }
  | { type: 'deactivate' | 'reactivate' | 'suspend' | 'unsuspend' | 'deleteUser' | 'pushNow' | 'deactivateGroupPush'; keys: string[] }
  | { type: 'addToGroup' | 'removeFromGroup'; group: string; users: string[] }
  | { type: 'pushGroups'; groups: string[]; link: Record<string, string> }
  | { type: 'retryGroups' | 'reapplyMappings'; keys: string[] | 'all' }
  | { type: 'unlinkGroup'; group: string; deleteInTarget: boolean }
  | { type: 'renameGroup'; group: string; name: string }
  | { type: 'import'; what: Array<'users' | 'groups'> }
  | { type: 'retryTasks'; ids: number[] | 'all' };

/** An Entra admin or directory action (or none: a check step) and the checks after it. */
export interface EntraStep extends StepBase {
  kind: 'entra';
  action?: EntraAction;
  expect: IdpExpectation[];
}

export type EntraAction =
  | { type: 'testConnection' }
  | { type: 'startProvisioning' | 'stopProvisioning' | 'allowDeletes' }
  /** Portal "Restart provisioning" keeps source-target links; Graph `resetScope: Full` also breaks them. */
  | { type: 'restartProvisioning'; breakLinks: boolean }
  /** Move the virtual clock to the next scheduled cycle and run it, `count` times. */
  | { type: 'nextCycle'; count: number }
  /** Move the virtual clock; every cycle that falls due on the way runs. */
  | { type: 'advance'; ms: number }
  | { type: 'provisionOnDemand'; user: string }
  | { type: 'provisionOnDemand'; group: string; members: string[] }
  | { type: 'assign' | 'unassign'; users: string[]; groups: string[] }
  /** Entra attribute names; `null` clears an attribute. */
  | { type: 'updateUser'; user: string; set: Record<string, unknown> }
  | { type: 'softDelete' | 'restore' | 'hardDelete' | 'disableAccount' | 'enableAccount'; users: string[] }
  | { type: 'addToGroup' | 'removeFromGroup'; group: string; users: string[] }
  | { type: 'renameGroup'; group: string; name: string }
  | { type: 'deleteGroup'; groups: string[] }
  /** Any change here makes Entra start over with an initial cycle (E-HOW). `null` removes a mapping. */
  | { type: 'changeMappings'; userMappings?: Record<string, EntraMappingSpec | null>; groupMappings?: Record<string, EntraMappingSpec | null>; scope?: EntraScope; scopingFilters?: EntraScopingClause[][] }
  /** Fix or break the Secret Token on the Admin Credentials section. */
  | { type: 'setCredentials'; credentials: 'valid' | 'invalid' };

/** An action on the target outside SCIM, through the control adapter (or none: a check step). */
export interface ControlStep extends StepBase {
  kind: 'control';
  action?: ControlAction;
  expect: IdpExpectation[];
}

/** Templated: emails and names may hold placeholders (`{{alice.userName}}`). */
export type ControlAction =
  | { type: 'settings'; settings: AccountSettings }
  | { type: 'createUser'; user: SeedUser }
  | { type: 'createGroup'; name: string; members: string[] }
  | { type: 'invite' | 'acceptInvitation' | 'confirmEmail'; email: string }
  | { type: 'ssoLogin'; email: string; groups: string[] }
  | { type: 'manualUpdateUser'; email: string; change: { firstName?: string; lastName?: string; license?: string } }
  | { type: 'manualUpdateGroupMembers'; name: string; change: { add?: string[]; remove?: string[] } }
  | { type: 'setIpAllowlist'; cidrs: string[] | null }
  /** The new token's value is published as `{{tokens.<name>}}` and redacted everywhere. */
  | { type: 'createToken' | 'deleteToken'; name: string };

/** `account:` expectations: what SCIM cannot show, read through the control adapter. */
export type AccountCheckSpec =
  /** By the email the user signs in with; fields: exists, license, scimManaged, email, pendingEmail, accepted, groups. */
  | { subject: 'user'; email: string; fields: PathCheck[] }
  /** Fields: exists, scimManaged, members. */
  | { subject: 'group'; name: string; fields: PathCheck[] }
  /** The outcome of the step's manual update: allowed, reason. */
  | { subject: 'manualUpdate'; fields: PathCheck[] };

/** A body path (or header name) and the test on its value, where it is written. */
export interface PathCheck {
  path: string;
  matcher: Matcher;
  location: SourceLocation;
  level: Level;
}

export interface SentRequestSpec {
  method: string;
  /** Without the query; templated. */
  path: string;
  /** Decoded query parameters: exactly these names, each value tested by its matcher; templated. */
  query?: Record<string, Matcher>;
  headers: PathCheck[];
  body: PathCheck[];
  location: SourceLocation;
}

export interface TargetCheckSpec {
  resource: 'user' | 'group';
  key: string;
  exists?: boolean;
  /** Group members as user keys, compared as a set. */
  members?: string[];
  body: PathCheck[];
}

export type IdpExpectation =
  | { kind: 'sent'; requests: SentRequestSpec[]; location: SourceLocation; level: Level }
  | { kind: 'idp'; path: string; matcher: Matcher; location: SourceLocation; level: Level }
  | { kind: 'target'; check: TargetCheckSpec; location: SourceLocation; level: Level }
  | { kind: 'warnings'; matcher: Matcher; location: SourceLocation; level: Level }
  | { kind: 'account'; check: AccountCheckSpec; location: SourceLocation; level: Level };

export interface RequestSpec {
  method: string;
  /** Path relative to the target base URL, may include a query string; templated. */
  path: string;
  /** Query parameters, URL-encoded by the engine; templated values. */
  query: Record<string, string>;
  headers: Record<string, string>;
  /** `default` = the run's bearer token. */
  auth: RequestAuth;
  /** JSON body (templated), or raw text sent as is. */
  body?: { json: unknown } | { raw: string };
}

export type RequestAuth = { kind: 'default' } | { kind: 'none' } | { kind: 'bearer'; token: string };

/** A value test. Literal scalars and arrays in YAML become `equals`. Several keys = all must hold. */
export interface Matcher {
  equals?: unknown;
  notEquals?: unknown;
  equalsIgnoreCase?: string;
  exists?: boolean;
  notEmpty?: boolean;
  empty?: boolean;
  contains?: unknown;
  notContains?: unknown;
  matches?: string;
  startsWith?: string;
  oneOf?: unknown[];
  type?: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'null';
  length?: number;
  minLength?: number;
  maxLength?: number;
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}

/** One expectation = one check in the results. */
export type Expectation =
  | { kind: 'status'; oneOf: number[]; location: SourceLocation; level: Level }
  | { kind: 'header'; name: string; matcher: Matcher; location: SourceLocation; level: Level }
  | { kind: 'body'; path: string; matcher: Matcher; location: SourceLocation; level: Level }
  | { kind: 'responseTime'; matcher: Matcher; location: SourceLocation; level: Level };

/** MUST failures fail the scenario; SHOULD failures are reported as warnings. */
export type Level = 'MUST' | 'SHOULD';

export interface Capture {
  name: string;
  from: { body: string } | { header: string };
  location: SourceLocation;
}

/** A suite: a folder of scenario files with a `suite.yaml` manifest. */
export interface SuiteManifest {
  name: string;
  description?: string;
  dir: string;
  files: string[];
  /** The container the suite runs against unless the run names a target (`target:` in suite.yaml). */
  target?: ContainerTargetSpec;
}
