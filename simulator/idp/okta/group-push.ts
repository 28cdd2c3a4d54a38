import { GROUP_SCHEMA, PATCH_OP_MESSAGE } from '../../scim/schema/urns.js';
import { nowIso, succeeded, type OktaContext } from './okta-context.js';
import { groupPushFailed } from './okta-messages.js';
import type { OktaCall } from './okta-transport.js';
import type { PushedGroup } from './okta-state.js';
import { firstResourceId, resourceId } from './scim-response.js';

/**
 * Push Groups (research §1.7). A group is created (or linked), then its members follow: a full
 * push replaces `members` (an empty group sends `replace` with `[]`, I-SDK757), an incremental one
 * removes with `members[value eq "id"]` and adds with `{value, display}`. OIN apps PATCH and send
 * the rename PATCH with every membership update; AIW apps PUT `displayName` and all members.
 * Members not assigned to the app, not provisioned, or inactive in Okta are left out (O-GPTS).
 */

interface MemberRef {
  key: string;
  value: string;
  display: string;
}

/** Members Okta would send: assigned, provisioned, active, in directory order. */
export function pushableMembers(ctx: OktaContext, groupKey: string): MemberRef[] {
  const members: MemberRef[] = [];
  for (const key of ctx.directory.group(groupKey).members) {
    const user = ctx.directory.user(key);
    const appUser = ctx.state.appUsers.get(key);
    if (!appUser || !appUser.assigned || appUser.status !== 'PROVISIONED' || appUser.externalId === undefined) continue;
    if (user.status !== 'active') continue;
    members.push({ key, value: appUser.externalId, display: String(appUser.profile['userName'] ?? '') });
  }
  return members;
}

/** Push Groups > find by name: create the group in the target (or link one), then push every member. */
export async function startGroupPush(ctx: OktaContext, groupKey: string, link?: { targetId: string }): Promise<void> {
  const group = ctx.directory.group(groupKey);
  let pushed = ctx.state.pushedGroups.get(groupKey);
  if (!pushed) {
    pushed = { key: groupKey, status: 'Active', pushedMembers: [] };
    ctx.state.pushedGroups.set(groupKey, pushed);
  }
  pushed.status = 'Active';
  if (link) {
    pushed.targetId = link.targetId;
    pushed.pushedName = undefined;
  }
  if (pushed.targetId === undefined) {
    if (!ctx.settings.provisioning.importGroups) {
      // Okta does not know the target's groups: it looks the name up first (O-SCIM20).
      const lookup = await ctx.transport.send({
        method: 'GET',
        path: '/Groups',
        query: { filter: `displayName eq ${JSON.stringify(group.name)}`, startIndex: '1', count: '100' },
      });
      const status = lookup.last.response?.status;
      if (status !== 404 && (!succeeded(status) || lookup.rateLimitExhausted)) return markError(ctx, pushed, 'find', lookup);
      const found = status === 404 ? undefined : firstResourceId(lookup.json);
      if (found !== undefined) pushed.targetId = found;
    }
  }
  if (pushed.targetId === undefined) {
    const created = await ctx.transport.send({ method: 'POST', path: '/Groups', json: { schemas: [GROUP_SCHEMA], displayName: group.name, members: [] } });
    if (!succeeded(created.last.response?.status) || created.rateLimitExhausted) return markError(ctx, pushed, 'create', created);
    const id = resourceId(created.json);
    if (id === undefined) return markError(ctx, pushed, 'create', created, 'the create response carried no id');
    pushed.targetId = id;
    pushed.pushedName = group.name;
  }
  await pushMembership(ctx, groupKey, 'full');
}

/**
 * Sends the group's membership: `full` replaces it ("Push now", a new push, Retry All Groups);
 * `incremental` sends what changed since the last successful push.
 */
export async function pushMembership(ctx: OktaContext, groupKey: string, mode: 'full' | 'incremental'): Promise<void> {
  const pushed = ctx.state.pushedGroups.get(groupKey);
  if (!pushed || pushed.targetId === undefined || pushed.status === 'Inactive') return;
  const group = ctx.directory.group(groupKey);
  const members = pushableMembers(ctx, groupKey);
  const path = `/Groups/${encodeURIComponent(pushed.targetId)}`;
  const before = new Set(pushed.pushedMembers);
  const now = new Set(members.map((member) => member.key));
  const removed = [...before].filter((key) => !now.has(key));
  const added = members.filter((member) => !before.has(member.key));
  if (mode === 'incremental' && removed.length === 0 && added.length === 0) return;

  if (ctx.settings.flavour === 'aiw') {
    ctx.assume('aiwGroupPutReadsFirst');
    if (ctx.settings.assumed.aiwGroupPutReadsFirst) {
      const read = await ctx.transport.send({ method: 'GET', path });
      if (!succeeded(read.last.response?.status) || read.rateLimitExhausted) return markError(ctx, pushed, 'update', read);
    }
    const body = { schemas: [GROUP_SCHEMA], id: pushed.targetId, displayName: group.name, members: members.map(({ value, display }) => ({ value, display })) };
    const sent = await ctx.transport.send({ method: 'PUT', path, json: body });
    if (!succeeded(sent.last.response?.status) || sent.rateLimitExhausted) return markError(ctx, pushed, 'update', sent);
    return markPushed(ctx, pushed, group.name, members);
  }

  const operations: unknown[] = [];
  if (mode === 'full') {
    operations.push({ op: 'replace', path: 'members', value: members.map(({ value, display }) => ({ value, display })) });
  } else {
    for (const key of removed) {
      const value = ctx.state.appUsers.get(key)?.externalId;
      if (value !== undefined) operations.push({ op: 'remove', path: `members[value eq ${JSON.stringify(value)}]` });
    }
    if (added.length > 0) operations.push({ op: 'add', path: 'members', value: added.map(({ value, display }) => ({ value, display })) });
  }
  const rename = { schemas: [PATCH_OP_MESSAGE], Operations: [{ op: 'replace', value: { id: pushed.targetId, displayName: group.name } }] };
  const membership = { schemas: [PATCH_OP_MESSAGE], Operations: operations };
  // The rename rides with every membership update (O-SCIM20); its place in the order is unconfirmed.
  ctx.assume('renamePatch');
  const order = ctx.settings.assumed.renamePatch === 'before-membership' ? [rename, membership] : [membership, rename];
  for (const json of order) {
    const sent = await ctx.transport.send({ method: 'PATCH', path, json });
    if (!succeeded(sent.last.response?.status) || sent.rateLimitExhausted) return markError(ctx, pushed, json === rename ? 'rename' : 'update', sent);
  }
  markPushed(ctx, pushed, group.name, members);
}

/** A group renamed in Okta: the new name goes out on its own (a PATCH for OIN apps, a PUT for AIW). */
export async function pushRename(ctx: OktaContext, groupKey: string): Promise<void> {
  const pushed = ctx.state.pushedGroups.get(groupKey);
  if (!pushed || pushed.targetId === undefined || pushed.status === 'Inactive') return;
  const group = ctx.directory.group(groupKey);
  if (ctx.settings.flavour === 'aiw') return pushMembership(ctx, groupKey, 'full');
  const path = `/Groups/${encodeURIComponent(pushed.targetId)}`;
  const sent = await ctx.transport.send({
    method: 'PATCH',
    path,
    json: { schemas: [PATCH_OP_MESSAGE], Operations: [{ op: 'replace', value: { id: pushed.targetId, displayName: group.name } }] },
  });
  if (!succeeded(sent.last.response?.status) || sent.rateLimitExhausted) return markError(ctx, pushed, 'rename', sent);
  pushed.pushedName = group.name;
}

/**
 * Active ▸ Unlink pushed group (O-GPENABLE): "Delete the group in the target app" sends a DELETE;
 * "Leave the group" sends nothing. Either way Okta stops managing it.
 */
export async function unlinkGroup(ctx: OktaContext, groupKey: string, deleteInTarget: boolean): Promise<void> {
  const pushed = ctx.state.pushedGroups.get(groupKey);
  if (!pushed) return;
  if (deleteInTarget && pushed.targetId !== undefined) {
    const sent = await ctx.transport.send({ method: 'DELETE', path: `/Groups/${encodeURIComponent(pushed.targetId)}` });
    if (!succeeded(sent.last.response?.status) || sent.rateLimitExhausted) return markError(ctx, pushed, 'delete', sent);
  }
  ctx.state.pushedGroups.delete(groupKey);
}

function markPushed(ctx: OktaContext, pushed: PushedGroup, name: string, members: MemberRef[]): void {
  pushed.status = 'Active';
  pushed.pushedName = name;
  pushed.pushedMembers = members.map((member) => member.key);
  pushed.lastPushedAt = nowIso(ctx);
  delete pushed.lastError;
}

function markError(ctx: OktaContext, pushed: PushedGroup, action: string, call: OktaCall, why?: string): void {
  pushed.status = 'Error';
  const name = ctx.directory.group(pushed.key).name;
  pushed.lastError = { at: nowIso(ctx), message: why ? `Failed to ${action} group ${name}: ${why}` : groupPushFailed(name, action, call) };
}
