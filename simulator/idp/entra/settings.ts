/**
 * An Entra ID enterprise app's provisioning configuration: what the admin sets on the Provisioning
 * blade (seed 004), plus the wire behaviours research §2 could not confirm (❓), each a setting
 * with the most likely default. Anything a run used at an unconfirmed default is reported as assumed.
 */

/** "Sync only assigned users and groups" (recommended, seed 004's set-up) or "Sync all users and groups". */
export type EntraScope = 'assigned' | 'all';

/** Mapping types of the attribute-mapping editor (research §2.9, E-ATTR). */
export type EntraMappingType = 'direct' | 'constant' | 'expression' | 'none';

/** One row of the attribute-mapping editor. */
export interface EntraMappingSpec {
  type: EntraMappingType;
  /** Direct: the source attribute; Constant: the value; Expression: the expression text. */
  source?: string;
  /** "Default value if null": used only when the object is created (E-ATTR). */
  defaultIfNull?: string;
  /** "Apply this mapping": Always, or Only during object creation. */
  apply: 'always' | 'onCreate';
  /** "Match objects using this attribute" with its precedence (1 = tried first). */
  matchingPrecedence?: number;
  /** The target attribute's type in the app's attribute list (String unless the admin said otherwise). */
  targetType?: 'String' | 'Boolean' | 'Integer' | 'DateTime' | 'Reference';
}

/** A clause of an attribute scoping filter; clauses of one filter AND, filters OR (E-ATTR). */
export interface EntraScopingClause {
  attribute: string;
  operator: 'EQUALS' | 'NOT EQUALS' | 'IS TRUE' | 'IS FALSE' | 'IS NULL' | 'IS NOT NULL' | 'REGEX MATCH' | 'NOT REGEX MATCH' | 'Greater_Than' | 'Greater_Than_OR_EQUALS' | 'Less_Than' | 'Less_Than_OR_EQUALS' | 'Includes' | 'EXCLUDES';
  value?: string;
}

export interface EntraSettings {
  appName: string;
  scope: EntraScope;
  /** Any one filter passing puts a user in scope; an empty list filters nothing. */
  scopingFilters: EntraScopingClause[][];
  /** The "Provision Microsoft Entra ID Groups" mapping is enabled. */
  provisionGroups: boolean;
  /** "Target Object Actions" of the user mapping. */
  targetObjectActions: { create: boolean; update: boolean; delete: boolean };
  /** "Skip out of scope deletions": no disable when a user leaves scope (E-HOW). */
  skipOutOfScopeDeletions: boolean;
  /** "Prevent accidental deletions" threshold per cycle, or off. */
  accidentalDeletionThreshold: number | null;
  /** The `aadOptscim062020` feature flag in the Tenant URL (research §2.6). */
  aadOptscim062020: boolean;
  /** Test Connection and every request use the token the admin typed; `invalid` sends a wrong one. */
  credentials: 'valid' | 'invalid';
  /** "approximately every 40 minutes" (E-SCIM); the seeds say 20–40. Not configurable in Entra. */
  cycleIntervalMs: number;
  /** Days between a soft delete and the hard delete Entra then performs by itself. */
  softDeleteRetentionMs: number;
  userMappings: Record<string, EntraMappingSpec>;
  groupMappings: Record<string, EntraMappingSpec>;
  // ❓ Unconfirmed behaviours (research §4.3): settings, reported as assumed while at the default.
  assumed: EntraAssumedSettings;
}

export interface EntraAssumedSettings {
  /** Research §2.1: third-party code only. */
  userAgent: string;
  /** A 406 from a Rails app suggests Entra does not send `Accept: application/scim+json` (I-AZ94189). `null`: no Accept of its own, sent as the equivalent "any media type" (star slash star). */
  accept: string | null;
  /** Research §2.1 (🟡): bodies as `application/scim+json; charset=utf-8`. */
  contentType: string;
  /** How `active` goes in a create body: the documented samples' boolean, or the mapping's string (I-REF21). */
  activeOnCreate: 'boolean' | 'mapped-string';
  /** The schemas of a create body: the documented sample's core + enterprise, or core plus enterprise only when mapped. */
  createSchemas: 'core-and-enterprise' | 'as-mapped';
  /** Test Connection's second probe, for a random group (research §2.2). */
  groupProbe: boolean;
  /** PATCH op for a value the target lacks: `Add` (research §2.4 likely rule) or always `Replace`. */
  addWhenMissing: boolean;
  /** Members per membership PATCH op (research §2.5 #8). 0 = all in one op. */
  memberBatchSize: number;
  /** What an unassigned (out of scope) group gets: DELETE, or nothing (research §2.5 #7). */
  groupOutOfScope: 'delete' | 'nothing';
  /** Entra's per-request deadline; research silent. */
  requestTimeoutMs: number;
  /** What a manager cleared in Entra sends: a Remove of `manager` (MSLA tests the removal against a real tenant), or nothing like other cleared values. */
  managerCleared: 'remove' | 'nothing';
  /** How a cycle reads a linked object back before comparing and updating it. */
  readLinked: 'by-id' | 'by-filter';
}

/** The seeds' Entra attribute mapping set, exactly (seed 004 "Attribute mapping"). */
export const SEED_USER_MAPPINGS: Record<string, EntraMappingSpec> = {
  userName: { type: 'direct', source: 'userPrincipalName', apply: 'always', matchingPrecedence: 1 },
  active: { type: 'expression', source: 'Switch([IsSoftDeleted], , "False", "True", "True", "False")', apply: 'always', targetType: 'Boolean' },
  'emails[type eq "work"].value': { type: 'direct', source: 'userPrincipalName', apply: 'always' },
  'emails[type eq "work"].primary': { type: 'none', defaultIfNull: 'True', apply: 'always', targetType: 'Boolean' },
  'name.givenName': { type: 'direct', source: 'givenName', apply: 'always' },
  'name.familyName': { type: 'direct', source: 'surname', apply: 'always' },
  externalId: { type: 'direct', source: 'mailNickname', apply: 'always' },
};

/** The non-gallery app's group mappings (E-SCIM): displayName matches, externalId ← objectId, members. */
export const DEFAULT_GROUP_MAPPINGS: Record<string, EntraMappingSpec> = {
  displayName: { type: 'direct', source: 'displayName', apply: 'always', matchingPrecedence: 1 },
  externalId: { type: 'direct', source: 'objectId', apply: 'always' },
  members: { type: 'direct', source: 'members', apply: 'always', targetType: 'Reference' },
};

export const DEFAULT_ENTRA_SETTINGS: EntraSettings = {
  appName: 'dbt',
  scope: 'assigned',
  scopingFilters: [],
  provisionGroups: true,
  targetObjectActions: { create: true, update: true, delete: true },
  skipOutOfScopeDeletions: false,
  // research silent on the default; off so that a plain scenario never stages deletions.
  accidentalDeletionThreshold: null,
  aadOptscim062020: false,
  credentials: 'valid',
  cycleIntervalMs: 40 * 60_000,
  softDeleteRetentionMs: 30 * 24 * 3600_000,
  userMappings: SEED_USER_MAPPINGS,
  groupMappings: DEFAULT_GROUP_MAPPINGS,
  assumed: {
    userAgent: 'Microsoft Azure AD SCIM provisioning',
    accept: 'application/json',
    contentType: 'application/scim+json; charset=utf-8',
    activeOnCreate: 'boolean',
    createSchemas: 'core-and-enterprise',
    groupProbe: true,
    addWhenMissing: true,
    memberBatchSize: 0,
    groupOutOfScope: 'delete',
    requestTimeoutMs: 60_000,
    managerCleared: 'remove',
    readLinked: 'by-id',
  },
};

/** Why each assumed setting is a guess: shown in reports next to the behaviour it shaped. */
export const ENTRA_ASSUMPTION_NOTES: Record<keyof EntraAssumedSettings, string> = {
  userAgent: 'Entra\'s User-Agent is known only from third-party code (research §2.1)',
  accept: 'Entra\'s Accept header is undocumented; a 406 from a Rails server suggests it is not application/scim+json (research §2.1)',
  contentType: 'application/scim+json; charset=utf-8 is seen on the wire, not documented (research §2.1)',
  activeOnCreate: 'the documented create samples send active as a boolean; Microsoft maintainers say it is sent as a string (research §2.4)',
  createSchemas: 'the documented create sample lists the core and enterprise schemas; whether the enterprise URN is sent when nothing maps to it is undocumented (research §2.4)',
  groupProbe: 'Test Connection "fetches a random user and group"; the group request\'s form is inferred (research §2.2)',
  addWhenMissing: 'Entra sends Add for a single value being added; that it means "the target lacks it" is inferred (research §2.4)',
  memberBatchSize: 'how many members Entra puts in one PATCH is undocumented (research §2.5 #8)',
  groupOutOfScope: 'whether an unassigned group is deleted in the target is undocumented (research §2.5 #7)',
  requestTimeoutMs: 'Entra\'s per-request timeout is undocumented',
  managerCleared: 'the request for a cleared manager is undocumented; MSLA\'s manager-remove test against a real tenant shows that one is sent (anchors §2.14)',
  readLinked: 'how a linked object is read back before an update is undocumented; by its cached id is inferred from "Get User" in E-SCIM\'s request list and InvalidAnchor in E-ERR (research §2.4)',
};
