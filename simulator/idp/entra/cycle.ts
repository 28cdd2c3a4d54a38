import { writeLog, type EntraContext } from './entra-context.js';
import { exportGroup, planGroup, type GroupPlan } from './group-sync.js';
import type { CycleSummary, QuarantineReason } from './job-state.js';
import { escrowThresholdVerdict, nextRetryAfter } from './retry-schedule.js';
import { resolveManager } from './references.js';
import { exportUser, planUser, type ObjectOutcome, type UserPlan } from './user-sync.js';

/**
 * One provisioning cycle (research §2.3, E-HOW). Initial: every user the job reads, then every
 * group. Incremental: what changed since the watermark, escrowed objects whose retry is due, and
 * users whose last update did not converge. Users before groups and memberships; deletions held
 * back past the accidental-deletion threshold; the watermark last; then the quarantine verdict.
 */
export async function runCycle(ctx: EntraContext): Promise<CycleSummary> {
  const { state, directory, settings } = ctx;
  const now = ctx.clock.now();
  const kind = state.initialPending ? 'initial' : 'incremental';
  const number = state.cycles.length + 1;
  const dueEscrows = (object: 'user' | 'group') => [...state.escrows.values()].filter((e) => e.object === object && e.nextRetryAt <= now).map((e) => e.key);

  const userKeys = kind === 'initial' ? [...directory.users.keys()] : unique([...state.changedUsers, ...state.unconverged, ...dueEscrows('user')]);
  state.changedUsers.clear();
  state.unconverged.clear();
  const userPlans = new Map<string, UserPlan>(userKeys.map((key) => [key, planUser(ctx, key)]));

  // Group deletions count toward the threshold too (E-DEL), so plan them before anything is sent.
  const groupDeletions = settings.provisionGroups ? [...state.groups.keys(), ...state.deletedGroups].filter((key, i, all) => all.indexOf(key) === i && planGroup(ctx, key).kind === 'delete') : [];
  const userDeletions = [...userPlans].filter(([, plan]) => plan.kind === 'disable' || plan.kind === 'delete').map(([key]) => key);
  const threshold = settings.accidentalDeletionThreshold;
  const staged = threshold !== null && !state.deletesAllowed && userDeletions.length + groupDeletions.length > threshold;
  state.deletesAllowed = false;
  if (staged) {
    const detail = `${userDeletions.length + groupDeletions.length} deletions in one cycle exceed the accidental deletion threshold of ${threshold}; held until an admin allows them`;
    for (const key of userDeletions) {
      writeLog(ctx, { cycle: number, object: 'user', key, sourceId: directory.user(key).id, action: 'StagedDelete', status: 'skipped', errorCode: 'StagedDelete', statusDetail: detail, exchangeIds: [], ...targetIdOf(ctx, 'user', key) });
      userPlans.delete(key);
      state.changedUsers.add(key);
    }
    for (const key of groupDeletions) {
      writeLog(ctx, { cycle: number, object: 'group', key, sourceId: directory.group(key).id, action: 'StagedDelete', status: 'skipped', errorCode: 'StagedDelete', statusDetail: detail, exchangeIds: [], ...targetIdOf(ctx, 'group', key) });
      state.changedGroups.add(key);
    }
  }

  const outcomes: ObjectOutcome[] = [];
  const compliant = settings.aadOptscim062020;
  const exported = new Map<string, ObjectOutcome>();
  for (const [key, plan] of userPlans) {
    const outcome = await exportUser(ctx, key, plan, { scope: number, compliant, alwaysMatch: false });
    exported.set(key, outcome);
    outcomes.push(outcome);
  }
  // Step 6 of the initial cycle, and of every cycle: references once the users exist.
  for (const [key, outcome] of exported) {
    if (outcome.targetResource) await resolveManager(ctx, key, outcome.targetResource, { scope: number, compliant, alwaysMatch: false });
  }

  if (settings.provisionGroups) {
    // Read after the users: a disable above has marked the disabled user's groups.
    const groupKeys = kind === 'initial' ? unique([...directory.groups.keys(), ...state.groups.keys()]) : unique([...state.changedGroups, ...dueEscrows('group')]);
    state.changedGroups.clear();
    for (const key of groupKeys) {
      if (staged && groupDeletions.includes(key)) {
        state.changedGroups.add(key);
        continue;
      }
      const plan: GroupPlan = planGroup(ctx, key);
      if (plan.kind === 'skip') continue;
      outcomes.push(await exportGroup(ctx, key, plan, { scope: number, compliant, alwaysMatch: false, initial: kind === 'initial' }));
    }
  }

  state.watermark = now;
  state.initialPending = false;
  const summary: CycleSummary = {
    number,
    kind,
    startedAt: now.toISOString(),
    processed: outcomes.length,
    succeeded: outcomes.filter((o) => o.status === 'success').length,
    failed: outcomes.filter((o) => o.status === 'failure').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    requests: outcomes.reduce((sum, o) => sum + o.requests, 0),
  };
  state.cycles.push(summary);
  judgeHealth(ctx, outcomes, staged);
  return summary;
}

/**
 * E-QUAR: a job whose calls all fail for credentials or SCIM compliance is quarantined whatever
 * the counts; otherwise the escrow-proportion rules decide. A quarantined job whose cycle ran
 * clean leaves quarantine; one still quarantined four weeks after the series began is disabled.
 */
function judgeHealth(ctx: EntraContext, outcomes: readonly ObjectOutcome[], staged: boolean): void {
  const { state } = ctx;
  const now = ctx.clock.now();
  const failures = outcomes.filter((o) => o.status === 'failure');
  const sending = outcomes.filter((o) => o.requests > 0);
  const escrows = [...state.escrows.values()];
  let reason: QuarantineReason | undefined;
  let detail = '';
  if (staged) {
    reason = 'TooManyDeletes';
    detail = 'The number of deletions in one cycle exceeded the accidental deletion threshold.';
  } else if (sending.length > 0 && failures.length === sending.length && failures.some((o) => o.failure?.quarantineKind !== undefined)) {
    const first = failures.find((o) => o.failure?.quarantineKind !== undefined)!.failure!;
    reason = 'EncounteredQuarantineException';
    detail = first.quarantineKind === 'credentials' ? `Invalid credentials: the target refused the provisioning service (${first.errorCode}). ${first.statusDetail}` : `SCIM compliance: the target answered unexpectedly (${first.errorCode}). ${first.statusDetail}`;
  } else {
    reason = escrowThresholdVerdict({ failures: escrows.filter((e) => !e.reference).length, referenceFailures: escrows.filter((e) => e.reference).length, events: outcomes.length });
    if (reason) detail = 'Too many provisioning events failed (escrow threshold exceeded).';
  }
  if (reason) {
    const seriesBegan = state.quarantine?.seriesBegan ?? now;
    const nextAttempt = nextRetryAfter(seriesBegan, now);
    if (nextAttempt === undefined) {
      state.state = 'disabled';
      state.nextCycleAt = undefined;
      state.quarantine = { reason, seriesBegan, currentBegan: now, nextAttempt: now, detail: `${detail} Quarantined for more than four weeks: the job is disabled.` };
      return;
    }
    state.state = 'quarantined';
    state.quarantine = { reason, seriesBegan, currentBegan: now, nextAttempt, detail };
    state.nextCycleAt = nextAttempt;
    return;
  }
  if (state.state === 'quarantined' && state.quarantine && failures.length > 0) {
    // Still failing, below the thresholds: stay quarantined on the daily series.
    const nextAttempt = nextRetryAfter(state.quarantine.seriesBegan, now);
    if (nextAttempt === undefined) {
      state.state = 'disabled';
      state.nextCycleAt = undefined;
      return;
    }
    state.quarantine.nextAttempt = nextAttempt;
    state.nextCycleAt = nextAttempt;
    return;
  }
  state.quarantine = undefined;
  state.state = 'running';
  state.nextCycleAt = new Date(now.getTime() + ctx.settings.cycleIntervalMs);
}

function unique(keys: string[]): string[] {
  return [...new Set(keys)];
}

function targetIdOf(ctx: EntraContext, object: 'user' | 'group', key: string): { targetId?: string } {
  const targetId = object === 'user' ? ctx.state.users.get(key)?.targetId : ctx.state.groups.get(key)?.targetId;
  return targetId === undefined ? {} : { targetId };
}
