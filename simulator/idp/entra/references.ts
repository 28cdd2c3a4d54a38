import { clearEscrow, escrow, writeLog, type EntraContext } from './entra-context.js';
import { failureOf, isSuccess } from './error-codes.js';
import { patchBody, type PatchOperation } from './user-requests.js';
import { readTargetValue } from './target-paths.js';
import type { ExportOptions } from './user-sync.js';

/**
 * Reference attributes, after the cycle's users exist (E-HOW initial cycle step 6 "Resolve
 * reference attributes (manager)"). The manager goes as E-SCIM's Example 5:
 * `{"op":"Add","path":"manager","value":[{"$ref":"…/Users/<id>","value":"<id>"}]}`. A manager
 * Entra has not provisioned is skipped, and since nothing retries it, it is set only after a
 * restart (E-KI). Failures are reference failures (E-QUAR). A manager cleared in Entra is sent as
 * a Remove (❓ managerCleared), unlike other cleared values (research §2.8 #9).
 */
export async function resolveManager(ctx: EntraContext, key: string, targetResource: Record<string, unknown>, options: ExportOptions): Promise<void> {
  const mapping = ctx.userMappings.find((m) => m.spec.targetType === 'Reference' && m.spec.type === 'direct' && m.spec.source === 'manager');
  if (!mapping || (mapping.spec.apply === 'onCreate' && Object.keys(targetResource).length > 0)) return;
  const user = ctx.directory.user(key);
  const link = ctx.state.users.get(key);
  if (!link) return;
  const row = { cycle: options.scope, object: 'user' as const, key, sourceId: user.id, targetId: link.targetId };
  const current = readTargetValue(targetResource, mapping.target);
  const currentId = typeof current === 'object' && current !== null ? (current as { value?: unknown }).value : current;
  const managerKey = user.profile['manager'];
  if (typeof managerKey !== 'string' || managerKey === '') {
    if (currentId === undefined || currentId === null || currentId === '') return;
    ctx.assume('managerCleared');
    if (ctx.settings.assumed.managerCleared === 'nothing') return;
    await send(ctx, key, row, { op: options.compliant ? 'remove' : 'Remove', path: 'manager' }, { name: 'manager', oldValue: currentId, newValue: null });
    return;
  }
  const manager = ctx.state.users.get(managerKey);
  if (!manager || !manager.managed || ctx.state.hardDeletedUsers.has(managerKey)) {
    writeLog(ctx, { ...row, action: 'Update', status: 'skipped', errorCode: 'EntrySynchronizationSkipped', statusDetail: `the manager ${managerKey} is not provisioned to the target; the reference is set after a restart (E-KI)`, exchangeIds: [] });
    return;
  }
  if (currentId === manager.targetId) return;
  const missing = currentId === undefined || currentId === null || currentId === '';
  if (missing) ctx.assume('addWhenMissing');
  const op = missing && ctx.settings.assumed.addWhenMissing ? 'Add' : 'Replace';
  const operation = { op: options.compliant ? op.toLowerCase() : op, path: 'manager', value: [{ $ref: ctx.transport.urlOf(`/Users/${encodeURIComponent(manager.targetId)}`), value: manager.targetId }] };
  await send(ctx, key, row, operation, { name: 'manager', ...(missing ? {} : { oldValue: currentId }), newValue: manager.targetId });
}

type LogRow = { cycle: ExportOptions['scope']; object: 'user'; key: string; sourceId: string; targetId: string };

async function send(ctx: EntraContext, key: string, row: LogRow, operation: PatchOperation, change: { name: string; oldValue?: unknown; newValue: unknown }): Promise<void> {
  const call = await ctx.transport.send({ method: 'PATCH', path: `/Users/${encodeURIComponent(row.targetId)}`, json: patchBody([operation]) });
  const exchangeIds = [call.exchange.id];
  if (!isSuccess(call, [200, 204])) {
    const failure = failureOf(call, 'write');
    writeLog(ctx, { ...row, action: 'Update', status: 'failure', errorCode: failure.errorCode, statusDetail: failure.statusDetail, exchangeIds });
    escrow(ctx, 'user', key, failure, true);
    return;
  }
  writeLog(ctx, { ...row, action: 'Update', status: 'success', modifiedProperties: [change], exchangeIds });
  clearEscrow(ctx, 'user', key);
}
