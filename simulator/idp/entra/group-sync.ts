import { GROUP_SCHEMA } from '../../scim/schema/urns.js';
import { evaluateMapping, type MappingInputs } from './attribute-mappings.js';
import { clearEscrow, escrow, writeLog, type EntraContext } from './entra-context.js';
import { failureOf, isSuccess, unreadableAnswer, type EntraFailure } from './error-codes.js';
import { matchInTarget, readLinked, type ReadOutcome } from './match-target.js';
import { changedAttributes, patchBody, type AttributeChange, type PatchOperation } from './user-requests.js';
import { planUser, type ExportOptions, type ObjectOutcome } from './user-sync.js';
import type { GroupLink, LogAction } from './job-state.js';
import { setTargetValue } from './target-paths.js';

/** The second schema of Entra's group create body (research §2.5). */
export const ADSCIM_GROUP_SCHEMA = 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';

export type GroupPlan = { kind: 'provision' } | { kind: 'delete'; why: string } | { kind: 'skip'; why: string };

export function planGroup(ctx: EntraContext, key: string): GroupPlan {
  const link = ctx.state.groups.get(key);
  const deleted = ctx.state.deletedGroups.has(key);
  const inScope = !deleted && (ctx.settings.scope === 'all' || ctx.directory.assignedGroups.has(key));
  if (inScope) return { kind: 'provision' };
  if (!link) return { kind: 'skip', why: deleted ? 'deleted in Entra; never provisioned' : 'not assigned to the app' };
  if (!deleted) {
    ctx.assume('groupOutOfScope');
    if (ctx.settings.assumed.groupOutOfScope === 'nothing') return { kind: 'skip', why: 'no longer assigned; the target group is left as it is' };
  }
  if (!ctx.settings.targetObjectActions.delete) return { kind: 'skip', why: 'the Delete target object action is off' };
  return { kind: 'delete', why: deleted ? 'deleted in Entra' : 'no longer assigned to the app' };
}

function groupInputs(ctx: EntraContext, key: string): MappingInputs {
  const group = ctx.directory.group(key);
  return {
    attribute: (name) => (name === 'displayName' ? group.name : name === 'objectId' ? group.id : undefined),
    now: () => ctx.clock.now(),
    random: ctx.random,
  };
}

/**
 * Research §2.5: match with excludedAttributes=members (or read back by the cached id), create it
 * empty, rename with Replace, then membership by PATCH: Add with `"$ref": null` values, Remove as a
 * value array without the flag or `members[value eq "…"]` with it. Membership failures are
 * reference failures (E-QUAR).
 */
export async function exportGroup(ctx: EntraContext, key: string, plan: GroupPlan, options: ExportOptions): Promise<ObjectOutcome> {
  const group = ctx.directory.group(key);
  const exchangeIds: string[] = [];
  const row = (action: LogAction, status: 'success' | 'failure' | 'skipped', extra: { errorCode?: string; statusDetail?: string; modifiedProperties?: Array<Pick<AttributeChange, 'name' | 'oldValue' | 'newValue'>> } = {}) => {
    const targetId = ctx.state.groups.get(key)?.targetId;
    writeLog(ctx, {
      cycle: options.scope, object: 'group', key, sourceId: group.id, action, status, exchangeIds: [...exchangeIds],
      ...(targetId !== undefined ? { targetId } : {}),
      ...(extra.errorCode !== undefined ? { errorCode: extra.errorCode } : {}),
      ...(extra.statusDetail !== undefined ? { statusDetail: extra.statusDetail } : {}),
      ...(extra.modifiedProperties ? { modifiedProperties: extra.modifiedProperties.map(({ name, oldValue, newValue }) => ({ name, ...(oldValue !== undefined ? { oldValue } : {}), newValue })) } : {}),
    });
  };
  const fail = (action: LogAction, failure: EntraFailure, reference = false): ObjectOutcome => {
    row(action, 'failure', { errorCode: failure.errorCode, statusDetail: failure.statusDetail });
    escrow(ctx, 'group', key, failure, reference);
    return { status: 'failure', failure, requests: exchangeIds.length };
  };
  if (plan.kind === 'skip') return { status: 'skipped', requests: 0 };
  const link = ctx.state.groups.get(key);
  const compliantOp = (op: string) => (options.compliant ? op.toLowerCase() : op);

  if (plan.kind === 'delete') {
    const call = await ctx.transport.send({ method: 'DELETE', path: `/Groups/${encodeURIComponent(link!.targetId)}` });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200, 204, 404])) return fail('Delete', failureOf(call, 'write'));
    row('Delete', 'success', { statusDetail: plan.why });
    ctx.state.groups.delete(key);
    ctx.state.deletedGroups.delete(key);
    clearEscrow(ctx, 'group', key);
    return { status: 'success', requests: exchangeIds.length };
  }

  const inputs = groupInputs(ctx, key);
  let read: ReadOutcome;
  if (link && !options.alwaysMatch && ctx.settings.assumed.readLinked === 'by-id') {
    ctx.assume('readLinked');
    read = await readLinked(ctx, 'group', link.targetId, exchangeIds);
  } else {
    read = await matchInTarget(ctx, 'group', ctx.groupMappings, inputs, exchangeIds);
  }
  if (read.kind === 'failed') return fail(link ? 'Update' : 'Create', read.failure);
  if (read.kind === 'no-matching-value') return { status: 'skipped', requests: exchangeIds.length };

  let action: LogAction = 'Update';
  const modified: Array<Pick<AttributeChange, 'name' | 'oldValue' | 'newValue'>> = [];
  if (read.kind === 'none') {
    if (!ctx.settings.targetObjectActions.create) {
      row('Create', 'skipped', { errorCode: 'EntrySynchronizationSkipped', statusDetail: 'no match in the target, and the Create target object action is off' });
      return { status: 'skipped', requests: exchangeIds.length };
    }
    const body: Record<string, unknown> = { schemas: [GROUP_SCHEMA, ADSCIM_GROUP_SCHEMA] };
    for (const mapping of ctx.groupMappings) {
      if (mapping.spec.targetType === 'Reference') continue;
      const value = evaluateMapping(mapping, inputs, 'create');
      if (value === undefined) continue;
      setTargetValue(body, mapping.target, value);
      modified.push({ name: mapping.target, newValue: value });
    }
    body['meta'] = { resourceType: 'Group' };
    const call = await ctx.transport.send({ method: 'POST', path: '/Groups', json: body });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200, 201])) return fail('Create', failureOf(call, 'create'));
    const id = (call.json as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string' || id === '') return fail('Create', unreadableAnswer(call, 'The created group came back without an id'));
    ctx.state.groups.set(key, { targetId: id, members: [], held: [] });
    action = 'Create';
  } else {
    ctx.state.groups.set(key, { targetId: read.id, members: link?.members ?? [], held: link?.held ?? [] });
    const changes = changedAttributes(ctx.groupMappings, inputs, read.resource);
    if (changes.length > 0 && ctx.settings.targetObjectActions.update) {
      const operations: PatchOperation[] = changes.map((change) => ({ op: compliantOp(change.missing && ctx.settings.assumed.addWhenMissing ? 'Add' : 'Replace'), path: change.name, value: change.newValue }));
      const call = await ctx.transport.send({ method: 'PATCH', path: `/Groups/${encodeURIComponent(read.id)}`, json: patchBody(operations) });
      exchangeIds.push(call.exchange.id);
      if (!isSuccess(call, [200, 204])) return fail('Update', failureOf(call, 'write'));
      modified.push(...changes);
    }
  }

  const groupLink = ctx.state.groups.get(key)!;
  const membership = await pushMembership(ctx, key, groupLink, options, exchangeIds);
  if (membership.failure) {
    groupLink.members = membership.applied;
    return fail(action, membership.failure, true);
  }
  groupLink.members = membership.applied;
  // research silent on the row's exact form; MSLA reads removed members as the old value and added ones as the new (anchors §2.14).
  if (membership.added.length + membership.removed.length > 0) modified.push({ name: 'members', oldValue: membership.removed.map(membership.targetIdOf), newValue: membership.added.map(membership.targetIdOf) });
  if (action === 'Update' && modified.length === 0) {
    row('Update', 'skipped', { errorCode: 'EntrySynchronizationSkipped', statusDetail: 'the target group already holds every mapped value' });
  } else {
    row(action, 'success', { modifiedProperties: modified });
  }
  clearEscrow(ctx, 'group', key);
  return { status: 'success', requests: exchangeIds.length };
}

/**
 * Members Entra wants in the target now. A member already in the target group stays while it is
 * still a member in Entra, also when Entra disabled the user: "the target application should
 * maintain the group membership for the user in inactive state" (E-HOW, known limitations). A new
 * member goes in only if Entra provisions it now; one it does not (out of scope, inactive, not yet
 * provisioned) is held: skipped, and left out until a restart (an initial cycle) or a change of
 * that member's own membership, since incremental cycles see membership changes only (research
 * §2.5 #9, E-KI "not noticed until a restart").
 */
function desiredMembers(ctx: EntraContext, key: string, link: GroupLink, initial: boolean): { desired: string[]; held: string[] } {
  const changed = ctx.state.memberChanges.get(key) ?? new Set<string>();
  ctx.state.memberChanges.delete(key);
  const members = ctx.directory.group(key).members;
  const stillHeld = initial ? [] : link.held.filter((member) => !changed.has(member));
  const linked = (member: string) => ctx.state.users.has(member) && !ctx.state.hardDeletedUsers.has(member);
  const provisionedActive = (member: string) => {
    const user = ctx.state.users.get(member);
    return user !== undefined && user.managed && !user.disabledInTarget && linked(member) && planUser(ctx, member).kind === 'provision';
  };
  const held = members.filter((member) => !link.members.includes(member) && (stillHeld.includes(member) || !provisionedActive(member)));
  const desired = members.filter((member) => (link.members.includes(member) ? linked(member) : !held.includes(member)));
  return { desired, held };
}

interface MembershipOutcome {
  applied: string[];
  added: string[];
  removed: string[];
  /** The member's target id, as the PATCH sent it. */
  targetIdOf: (member: string) => string;
  failure?: EntraFailure;
}

async function pushMembership(ctx: EntraContext, key: string, link: GroupLink, options: ExportOptions, exchangeIds: string[]): Promise<MembershipOutcome> {
  const { targetId, members: current } = link;
  const compliant = options.compliant;
  const { desired, held } = desiredMembers(ctx, key, link, options.initial === true);
  link.held = held;
  const added = desired.filter((member) => !current.includes(member));
  const removed = current.filter((member) => !desired.includes(member));
  const applied = [...current];
  const idOf = (member: string) => ctx.state.users.get(member)?.targetId ?? '';
  ctx.assume('memberBatchSize');
  const batch = ctx.settings.assumed.memberBatchSize > 0 ? ctx.settings.assumed.memberBatchSize : Number.POSITIVE_INFINITY;
  const batches: Array<{ add: string[]; remove: string[] }> = [];
  for (let i = 0; i < added.length; i += batch) batches.push({ add: added.slice(i, i + batch), remove: [] });
  for (let i = 0; i < removed.length; i += batch) batches.push({ add: [], remove: removed.slice(i, i + batch) });
  // One PATCH carries both when everything fits in one batch.
  if (batch === Number.POSITIVE_INFINITY && batches.length === 2) batches.splice(0, 2, { add: added, remove: removed });
  for (const { add, remove } of batches) {
    const operations: PatchOperation[] = [];
    if (add.length > 0) operations.push({ op: compliant ? 'add' : 'Add', path: 'members', value: add.map((member) => ({ $ref: null, value: idOf(member) })) });
    if (remove.length > 0) {
      if (compliant) for (const member of remove) operations.push({ op: 'remove', path: `members[value eq "${idOf(member)}"]` });
      else operations.push({ op: 'Remove', path: 'members', value: remove.map((member) => ({ $ref: null, value: idOf(member) })) });
    }
    const call = await ctx.transport.send({ method: 'PATCH', path: `/Groups/${encodeURIComponent(targetId)}`, json: patchBody(operations) });
    exchangeIds.push(call.exchange.id);
    if (!isSuccess(call, [200, 204])) return { applied, added, removed, targetIdOf: idOf, failure: failureOf(call, 'write') };
    for (const member of add) applied.push(member);
    for (const member of remove) applied.splice(applied.indexOf(member), 1);
  }
  return { applied, added, removed, targetIdOf: idOf };
}

