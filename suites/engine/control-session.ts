import type { ControlAdapter, ManualUpdateOutcome } from '../../simulator/target/control/control-adapter.js';
import type { Redactor } from '../../simulator/scim/redact.js';
import type { AccountSetup, ControlAction } from '../model/scenario.js';

/** A control action the adapter does not implement (the loader's capability check should have skipped the scenario). */
export class ControlUnavailableError extends Error {
  override name = 'ControlUnavailableError';
}

/** Before the steps: a clean account, then the scenario's `account:` (placeholders already rendered). */
export async function prepareAccount(adapter: ControlAdapter, account: AccountSetup | undefined): Promise<void> {
  await adapter.reset?.();
  if (!account) return;
  if (Object.keys(account.settings).length > 0) await need(adapter, 'applySettings').call(adapter, account.settings);
  for (const user of account.users) await need(adapter, 'createUser').call(adapter, user);
  for (const group of account.groups) await need(adapter, 'createGroup').call(adapter, group.name, group.members);
}

/**
 * Performs one control action (placeholders already rendered). A new token's value goes into the
 * scenario's values as `tokens.<name>` and into the redactor, so no report ever shows it.
 */
export async function performControlAction(adapter: ControlAdapter, action: ControlAction, values: Map<string, unknown>, redactor: Redactor): Promise<ManualUpdateOutcome | undefined> {
  switch (action.type) {
    case 'settings':
      await need(adapter, 'applySettings').call(adapter, action.settings);
      return undefined;
    case 'createUser':
      await need(adapter, 'createUser').call(adapter, action.user);
      return undefined;
    case 'createGroup':
      await need(adapter, 'createGroup').call(adapter, action.name, action.members);
      return undefined;
    case 'invite':
      return need(adapter, 'invite').call(adapter, action.email);
    case 'acceptInvitation':
    case 'confirmEmail':
      await need(adapter, action.type).call(adapter, action.email);
      return undefined;
    case 'ssoLogin':
      await need(adapter, 'ssoLogin').call(adapter, action.email, action.groups);
      return undefined;
    case 'manualUpdateUser':
      return need(adapter, 'manualUpdateUser').call(adapter, action.email, action.change);
    case 'manualUpdateGroupMembers':
      return need(adapter, 'manualUpdateGroupMembers').call(adapter, action.name, action.change);
    case 'setIpAllowlist':
      await need(adapter, 'setIpAllowlist').call(adapter, action.cidrs);
      return undefined;
    case 'createToken': {
      const { token } = await need(adapter, 'createToken').call(adapter, action.name);
      redactor.add(token);
      values.set(`tokens.${action.name}`, token);
      return undefined;
    }
    case 'deleteToken':
      // The value stays: a later step can show that the target now refuses it (seed 001 rotation).
      await need(adapter, 'deleteToken').call(adapter, action.name);
      return undefined;
  }
}

type Method = Exclude<keyof ControlAdapter, 'name' | 'capabilities'>;

function need<M extends Method>(adapter: ControlAdapter, method: M): NonNullable<ControlAdapter[M]> {
  const fn = adapter[method];
  if (typeof fn !== 'function') throw new ControlUnavailableError(`the control adapter '${adapter.name}' has no ${String(method)}()`);
  return fn as NonNullable<ControlAdapter[M]>;
}
