import type { EntraContext } from './entra-context.js';
import { exportGroup, planGroup } from './group-sync.js';
import { testConnection } from './test-connection.js';
import { exportUser, planUser } from './user-sync.js';

export interface OnDemandResult {
  subject: { user: string } | { group: string; members: string[] };
  /** E-OD's steps as the portal lists them, each with its outcome. */
  steps: Array<{ step: string; status: 'success' | 'failure' | 'skipped'; detail?: string }>;
  result: 'success' | 'failure' | 'skipped';
}

/** Provision on demand takes one group with at most five members (E-OD). */
export const ON_DEMAND_MEMBER_LIMIT = 5;

/**
 * Provision on demand (E-OD): test connection (shown only when it fails), import, scope check,
 * match by each matching attribute in turn, then the action. It never uses the aadOptscim062020
 * shapes (research §2.6), cannot restore soft-deleted users and disables only unassigned ones.
 */
export async function provisionUserOnDemand(ctx: EntraContext, key: string): Promise<OnDemandResult> {
  const steps: OnDemandResult['steps'] = [];
  const finish = (result: OnDemandResult['result']): OnDemandResult => ({ subject: { user: key }, steps, result });
  const connection = await testConnection(ctx, { groupProbe: false });
  if (connection.result === 'failure') {
    steps.push({ step: 'Test connection', status: 'failure', detail: connection.message });
    return finish('failure');
  }
  steps.push({ step: 'Import user', status: 'success' });
  const plan = planUser(ctx, key);
  if (plan.kind === 'skip' || (plan.kind === 'disable' && plan.why !== 'not assigned to the app')) {
    const why = plan.kind === 'skip' ? plan.why : `${plan.why}; on-demand provisioning disables only unassigned users`;
    steps.push({ step: 'Determine if user is in scope', status: 'skipped', detail: why });
    return finish('skipped');
  }
  steps.push({ step: 'Determine if user is in scope', status: 'success' });
  const outcome = await exportUser(ctx, key, plan, { scope: 'onDemand', compliant: false, alwaysMatch: true });
  const row = ctx.state.logs[ctx.state.logs.length - 1];
  steps.push({ step: 'Match user between source and target system', status: outcome.status === 'failure' && row?.action !== 'Update' && row?.action !== 'Create' ? 'failure' : 'success' });
  steps.push({ step: 'Perform action', status: outcome.status, ...(row?.statusDetail !== undefined ? { detail: row.statusDetail } : {}) });
  return finish(outcome.status);
}

export async function provisionGroupOnDemand(ctx: EntraContext, groupKey: string, members: readonly string[]): Promise<OnDemandResult> {
  const steps: OnDemandResult['steps'] = [];
  const finish = (result: OnDemandResult['result']): OnDemandResult => ({ subject: { group: groupKey, members: [...members] }, steps, result });
  const connection = await testConnection(ctx, { groupProbe: false });
  if (connection.result === 'failure') {
    steps.push({ step: 'Test connection', status: 'failure', detail: connection.message });
    return finish('failure');
  }
  let failed = false;
  for (const member of members) {
    const plan = planUser(ctx, member);
    if (plan.kind !== 'provision') {
      steps.push({ step: `Provision member ${member}`, status: 'skipped', detail: plan.kind === 'skip' ? plan.why : 'not active or not in scope' });
      continue;
    }
    const outcome = await exportUser(ctx, member, plan, { scope: 'onDemand', compliant: false, alwaysMatch: true });
    steps.push({ step: `Provision member ${member}`, status: outcome.status });
    if (outcome.status === 'failure') failed = true;
  }
  const plan = planGroup(ctx, groupKey);
  if (plan.kind !== 'provision') {
    steps.push({ step: 'Determine if group is in scope', status: 'skipped', detail: plan.why });
    return finish('skipped');
  }
  // The members the admin picked are provisioned into the group, whatever an earlier cycle left out.
  for (const member of members) ctx.state.noteMemberChange(groupKey, member);
  const outcome = await exportGroup(ctx, groupKey, plan, { scope: 'onDemand', compliant: false, alwaysMatch: true });
  steps.push({ step: 'Perform action', status: outcome.status });
  return finish(failed || outcome.status === 'failure' ? 'failure' : outcome.status);
}
