/**
 * What the provisioning service remembers between cycles: the job's state, its quarantine, the
 * watermark, the links between source objects and target ids, escrowed failures, and the
 * provisioning log. Everything here is visible to scenarios through the tenant's admin view.
 */

/** Portal wording: not started yet, running, quarantined, stopped by the admin, disabled after four weeks of quarantine. */
export type JobState = 'notStarted' | 'running' | 'quarantined' | 'stopped' | 'disabled';

/** Graph `quarantineReason` values the simulator can reach (E-QUAR). */
export type QuarantineReason = 'EncounteredQuarantineException' | 'EncounteredEscrowProportionThreshold' | 'EncounteredTotalEscrowThreshold' | 'TooManyDeletes';

export interface Quarantine {
  reason: QuarantineReason;
  /** When this series began (the job is disabled four weeks later if it never leaves). */
  seriesBegan: Date;
  currentBegan: Date;
  nextAttempt: Date;
  /** What the admin reads in the banner. */
  detail: string;
}

export interface UserLink {
  targetId: string;
  /** False once an unassign or scope loss disabled the user: Entra sends nothing more for it (E-HOW). */
  managed: boolean;
  /** Entra last set active false on the target. */
  disabledInTarget: boolean;
}

export interface GroupLink {
  targetId: string;
  /** Member user keys Entra has added (it cannot read members back: it asks with excludedAttributes=members). */
  members: string[];
  /**
   * Directory members Entra left out (or took out) because it did not provision them when the group
   * was synced: out of scope, or inactive. They stay out until a restart or a change of their own
   * membership in Entra, since incremental cycles only see membership changes (research §2.4
   * re-enable: lost memberships need a restart; §2.5 #9: later scope changes are not noticed).
   */
  held: string[];
}

export interface Escrow {
  object: 'user' | 'group';
  key: string;
  errorCode: string;
  firstFailureAt: Date;
  failures: number;
  nextRetryAt: Date;
  /** A group-membership failure: excluded from the 40 % and 40 000 thresholds (E-QUAR). */
  reference: boolean;
}

export type LogAction = 'Create' | 'Update' | 'Disable' | 'Delete' | 'Other' | 'StagedDelete';

/** One row of the provisioning logs (E-ERR): one object, one cycle (or one on-demand run). */
export interface ProvisioningLogEntry {
  id: number;
  /** Cycle number (1 = the first), or `onDemand`. */
  cycle: number | 'onDemand';
  /** Virtual time, ISO 8601. */
  at: string;
  object: 'user' | 'group';
  key: string;
  /** The Entra object id. */
  sourceId: string;
  targetId?: string;
  action: LogAction;
  status: 'success' | 'failure' | 'skipped';
  errorCode?: string;
  /** For failures: `StatusCode: … Web Response: …`; for skips: why. */
  statusDetail?: string;
  modifiedProperties?: Array<{ name: string; oldValue?: unknown; newValue: unknown }>;
  /** The exchanges behind this row. */
  exchangeIds: string[];
}

export interface CycleSummary {
  number: number;
  kind: 'initial' | 'incremental';
  startedAt: string;
  /** Objects the cycle looked at, with their outcome. */
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
  requests: number;
}

export class EntraJobState {
  state: JobState = 'notStarted';
  quarantine: Quarantine | undefined;
  /** Set at the end of every cycle; Restart clears it. */
  watermark: Date | undefined;
  /** The next cycle reads everything (first start, Restart, a change of mappings or scope). */
  initialPending = true;
  nextCycleAt: Date | undefined;
  readonly cycles: CycleSummary[] = [];
  readonly users = new Map<string, UserLink>();
  readonly groups = new Map<string, GroupLink>();
  /** Keyed `user:<key>` / `group:<key>`. */
  readonly escrows = new Map<string, Escrow>();
  /** Objects changed since the watermark. */
  readonly changedUsers = new Set<string>();
  readonly changedGroups = new Set<string>();
  /** Users whose last update found a managed attribute missing in the target: they come back next cycle (🟡 I-SENTRY). */
  readonly unconverged = new Set<string>();
  /** Per group, the users added to or removed from it in Entra since the group was last synced. */
  readonly memberChanges = new Map<string, Set<string>>();
  /** Hard-deleted users and groups Entra still has to act on. */
  readonly hardDeletedUsers = new Set<string>();
  readonly deletedGroups = new Set<string>();
  /** "Allow deletes" was chosen for the staged deletions. */
  deletesAllowed = false;

  /** A user joined or left a group in Entra (or was picked for it on demand): the group's next sync reconsiders it. */
  noteMemberChange(groupKey: string, userKey: string): void {
    let changed = this.memberChanges.get(groupKey);
    if (!changed) this.memberChanges.set(groupKey, (changed = new Set()));
    changed.add(userKey);
  }
  readonly logs: ProvisioningLogEntry[] = [];
}
