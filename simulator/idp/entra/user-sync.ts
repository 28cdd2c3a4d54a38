import { isRedacted, type MappingInputs } from './attribute-mappings.js';
import { clearEscrow, escrow, writeLog, type EntraContext, type LogScope } from './entra-context.js';
import { failureOf, isSuccess, unreadableAnswer, type EntraFailure } from './error-codes.js';
import type { LogAction } from './job-state.js';
import { matchInTarget, readLinked, type ReadOutcome } from './match-target.js';
import { isUserInScope, isUserRead, userAttributes } from './source-attributes.js';
import { changedAttributes, createUserBody, patchBody, userPatchOperations, type AttributeChange } from './user-requests.js';

/** What a cycle will do with one user, decided from Entra's own state before anything is sent. */
export type UserPlan =
  | { kind: 'provision' }
  | { kind: 'disable'; why: string; stopManaging: boolean }
  | { kind: 'delete' }
  | { kind: 'skip'; why: string; logged: boolean };

export interface ObjectOutcome {
  status: 'success' | 'failure' | 'skipped';
  failure?: EntraFailure;
  /** Requests sent for this object. */
  requests: number;
  /** A provisioned user as the target held it before this cycle's changes ({} when just created): where its references are compared. */
  targetResource?: Record<string, unknown>;
}

/**
 * Research §2.3–2.4: in scope and active → create or update; unassigned, out of scope, soft-deleted
 * or accountEnabled false → disable (once; an unassigned user is then no longer managed);
 * hard-deleted → DELETE; never-provisioned users who are not active are not provisioned at all.
 */
export function planUser(ctx: EntraContext, key: string): UserPlan {
  const { state, settings, directory } = ctx;
  const link = state.users.get(key);
  if (state.hardDeletedUsers.has(key)) {
    if (!link || !link.managed) return { kind: 'skip', why: 'hard-deleted in Entra; no target user is managed for it', logged: false };
    if (!settings.targetObjectActions.delete) return { kind: 'skip', why: 'hard-deleted in Entra, and the Delete target object action is off', logged: true };
    return { kind: 'delete' };
  }
  const user = directory.user(key);
  const assigned = settings.scope === 'all' || directory.isAssigned(key);
  const inScope = isUserInScope(directory, settings, user);
  const softDeleted = user.status === 'deleted';
  const accountDisabled = user.profile['accountEnabled'] === 'False';
  if (inScope && !softDeleted && !accountDisabled) return { kind: 'provision' };
  const why = !assigned ? 'not assigned to the app' : !inScope ? 'does not pass the scoping filters' : softDeleted ? 'soft-deleted in Entra' : 'accountEnabled is False';
  if (!link) return { kind: 'skip', why: `${why}; never provisioned, so nothing is sent (disabled users are never provisioned)`, logged: isUserRead(directory, settings, key) };
  if (!link.managed) return { kind: 'skip', why: `${why}; no longer managed since it left scope`, logged: false };
  if (link.disabledInTarget) return { kind: 'skip', why: `${why}; already disabled in the target`, logged: isUserRead(directory, settings, key) };
  if (!inScope && settings.skipOutOfScopeDeletions) return { kind: 'skip', why: `${why}; "Skip out of scope deletions" is on`, logged: true };
  // research silent: which target object action governs a disable; a soft delete is a deletion in Entra's wording.
  if (!settings.targetObjectActions.delete) return { kind: 'skip', why: `${why}; the Delete target object action is off`, logged: true };
  return { kind: 'disable', why, stopManaging: !inScope };
}

export interface ExportOptions {
  scope: LogScope;
  /** aadOptscim062020 shapes (never for on-demand provisioning, research §2.6). */
  compliant: boolean;
  /** On-demand provisioning always matches by the matching attributes (E-OD step 4). */
  alwaysMatch: boolean;
  /** An initial cycle: group memberships are evaluated afresh (what Entra left out is reconsidered). */
  initial?: boolean;
}

export async function exportUser(ctx: EntraContext, key: string, plan: UserPlan, options: ExportOptions): Promise<ObjectOutcome> {
  const user = ctx.directory.user(key);
  const exchangeIds: string[] = [];
  const row = (action: LogAction, status: 'success' | 'failure' | 'skipped', extra: { errorCode?: string; statusDetail?: string; modifiedProperties?: AttributeChange[] } = {}) => {
    const targetId = ctx.state.users.get(key)?.targetId;
    writeLog(ctx, {
      cycle: options.scope, object: 'user', key, sourceId: user.id, action, status, exchangeIds: [...exchangeIds],
      ...(targetId !== undefined ? { targetId } : {}),
      ...(extra.errorCode !== undefined ? { errorCode: extra.errorCode } : {}),
      ...(extra.statusDetail !== undefined ? { statusDetail: extra.statusDetail } : {}),
      ...(extra.modifiedProperties ? { modifiedProperties: extra.modifiedProperties.map((change) => logged(ctx, change)) } : {}),
    });
  };
  const fail = (action: LogAction, failure: EntraFailure): ObjectOutcome => {
    row(action, 'failure', { errorCode: failure.errorCode, statusDetail: failure.statusDetail });
    escrow(ctx, 'user', key, failure);
    return { status: 'failure', failure, requests: exchangeIds.length };
  };
  const skip = (action: LogAction, why: string, errorCode = 'EntrySynchronizationSkipped'): ObjectOutcome => {
    row(action, 'skipped', { errorCode, statusDetail: why });
    clearEscrow(ctx, 'user', key);
    return { status: 'skipped', requests: exchangeIds.length };
  };

  if (plan.kind === 'skip') {
    if (plan.logged) return skip('Other', plan.why);
    return { status: 'skipped', requests: 0 };
  }

  const link = ctx.state.users.get(key);
  if (plan.kind === 'delete') {
    const call = await ctx.transport.send({ method: 'DELETE', path: `/Users/${encodeURIComponent(link!.targetId)}` });
    exchangeIds.push(call.exchange.id);
    // research silent: a 404 to the DELETE; the user is gone either way, so Entra's goal is met.
    if (!isSuccess(call, [200, 204, 404])) return fail('Delete', failureOf(call, 'write'));
    row('Delete', 'success');
    ctx.state.users.delete(key);
    ctx.state.hardDeletedUsers.delete(key);
    for (const group of ctx.state.groups.values()) group.members = group.members.filter((member) => member !== key);
    clearEscrow(ctx, 'user', key);
    return { status: 'success', requests: exchangeIds.length };
  }

  const active = plan.kind === 'provision';
  const inputs: MappingInputs = { attribute: userAttributes(user, active), now: () => ctx.clock.now(), random: ctx.random };
  let read: ReadOutcome;
  if (link && !options.alwaysMatch && ctx.settings.assumed.readLinked === 'by-id') {
    ctx.assume('readLinked');
    read = await readLinked(ctx, 'user', link.targetId, exchangeIds);
  } else {
    if (link && !options.alwaysMatch) ctx.assume('readLinked');
    read = await matchInTarget(ctx, 'user', ctx.userMappings, inputs, exchangeIds);
  }
  // A user found by the matching query is updated, not created (E-HOW initial cycle step 5): its log row says Update.
  const action: LogAction = plan.kind === 'disable' ? 'Disable' : link || read.kind === 'found' ? 'Update' : 'Create';
  if (read.kind === 'failed') return fail(action, read.failure);
  if (read.kind === 'no-matching-value') return skip('Other', 'none of the matching attributes has a value in the source', 'ImportSkipped');

  if (read.kind === 'none') {
    if (plan.kind === 'disable') {
      // research silent: disabling a user the target no longer has; nothing to disable.
      ctx.state.users.delete(key);
      return skip('Disable', `${plan.why}; the target has no such user any more`);
    }
    if (!ctx.settings.targetObjectActions.create) return skip('Create', 'no match in the target, and the Create target object action is off');
    const { body, sent } = createUserBody(ctx.userMappings, inputs, ctx.settings);
    ctx.assume('activeOnCreate');
    ctx.assume('createSchemas');
    const call = await ctx.transport.send({ method: 'POST', path: '/Users', json: body });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200, 201])) return fail('Create', failureOf(call, 'create'));
    const id = (call.json as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || id === '') return fail('Create', unreadableAnswer(call, 'The created user came back without an id'));
    ctx.state.users.set(key, { targetId: id, managed: true, disabledInTarget: false });
    row('Create', 'success', { modifiedProperties: sent });
    clearEscrow(ctx, 'user', key);
    return { status: 'success', requests: exchangeIds.length, targetResource: {} };
  }

  // Matched or read back: link it, then send what differs.
  ctx.state.users.set(key, { targetId: read.id, managed: true, disabledInTarget: link?.disabledInTarget ?? false });
  let changes = changedAttributes(ctx.userMappings, inputs, read.resource);
  if (plan.kind === 'disable') changes = changes.filter((change) => change.name === 'active');
  if (changes.length === 0) {
    ctx.state.unconverged.delete(key);
    settleDisable(ctx, key, plan);
    const unchanged = skip(action, plan.kind === 'disable' ? `${plan.why}; the target user is already inactive` : 'the target already holds every mapped value');
    return plan.kind === 'provision' ? { ...unchanged, targetResource: read.resource } : unchanged;
  }
  if (plan.kind === 'provision' && !ctx.settings.targetObjectActions.update) return skip('Update', 'the Update target object action is off');
  if (changes.some((change) => change.missing)) ctx.assume('addWhenMissing');
  const operations = userPatchOperations(changes, ctx.settings, options.compliant);
  const call = await ctx.transport.send({ method: 'PATCH', path: `/Users/${encodeURIComponent(read.id)}`, json: patchBody(operations) });
  exchangeIds.push(call.exchange.id);
  if (!isSuccess(call, [200, 204])) return fail(action, failureOf(call, 'write'));
  // 🟡 I-SENTRY: an attribute the target did not return is sent again next cycle.
  if (changes.some((change) => change.missing)) ctx.state.unconverged.add(key);
  else ctx.state.unconverged.delete(key);
  const link2 = ctx.state.users.get(key)!;
  if (plan.kind === 'provision' && changes.some((change) => change.name === 'active')) link2.disabledInTarget = false;
  settleDisable(ctx, key, plan);
  row(action, 'success', { modifiedProperties: changes });
  clearEscrow(ctx, 'user', key);
  return { status: 'success', requests: exchangeIds.length, ...(plan.kind === 'provision' ? { targetResource: read.resource } : {}) };
}

/** A changed attribute as the log row shows it: values of a Redact() mapping as `[Redact]` (E-FUNC). */
function logged(ctx: EntraContext, { name, oldValue, newValue }: AttributeChange): { name: string; oldValue?: unknown; newValue: unknown } {
  const redact = isRedacted(ctx.userMappings.find((mapping) => mapping.target === name));
  return { name, ...(oldValue !== undefined ? { oldValue: redact ? '[Redact]' : oldValue } : {}), newValue: redact ? '[Redact]' : newValue };
}

/**
 * After a disable: remember it and stop managing a user that left scope. Its group memberships in
 * the target stay: the target keeps them for the inactive user (E-HOW, known limitations).
 */
function settleDisable(ctx: EntraContext, key: string, plan: UserPlan): void {
  if (plan.kind !== 'disable') return;
  const link = ctx.state.users.get(key);
  if (!link) return;
  link.disabledInTarget = true;
  if (plan.stopManaging) link.managed = false;
}
