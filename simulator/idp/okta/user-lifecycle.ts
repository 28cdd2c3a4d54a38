import { nowIso, personName, succeeded, type OktaContext } from './okta-context.js';
import { deactivatingUser, deprovisioningFailed, MATCHING_USER_NOT_FOUND, provisioningFailed, reactivatingUser } from './okta-messages.js';
import type { AppUser } from './okta-state.js';
import { PATCH_OP_MESSAGE, USER_SCHEMA } from '../../scim/schema/urns.js';
import { withActive } from './user-resource.js';

/**
 * Deactivate and reactivate (research §1.5). OIN/template apps PATCH `active` with lower-case `op`,
 * no `path` and a real boolean; AIW apps PUT the full resource with `active` changed. Users are
 * never DELETEd.
 */
export async function setActive(ctx: OktaContext, appUser: AppUser, active: boolean): Promise<boolean> {
  if (appUser.externalId === undefined) return true;
  const user = ctx.directory.user(appUser.key);
  // Retry Selected only when the admin still wants this state (no reassignment or unassignment since).
  const retry = async () => {
    const wanted = appUser.assigned && user.status === 'active';
    if (wanted === active) await setActive(ctx, appUser, active);
  };
  const fail = (cause: string): false => {
    appUser.syncState = 'ERROR';
    const message = active ? provisioningFailed(personName(user), ctx.settings.appName, cause) : deprovisioningFailed(personName(user), ctx.settings.appName, cause);
    ctx.state.openTask({ subject: appUser.key, kind: 'user', message, at: nowIso(ctx) }, retry);
    return false;
  };
  const describe = active ? reactivatingUser : deactivatingUser;
  const path = `/Users/${encodeURIComponent(appUser.externalId)}`;

  if (ctx.settings.flavour === 'oin') {
    if (active) ctx.assume('reactivateBody');
    const sent = await ctx.transport.send({
      method: 'PATCH',
      path,
      json: { schemas: [PATCH_OP_MESSAGE], Operations: [{ op: 'replace', value: { active } }] },
    });
    if (sent.last.response?.status === 404) return fail(MATCHING_USER_NOT_FOUND);
    if (!succeeded(sent.last.response?.status) || sent.rateLimitExhausted) return fail(describe(personName(user), sent));
  } else {
    ctx.assume('aiwLifecycleReadsFirst');
    let resource: Record<string, unknown> = { schemas: [USER_SCHEMA], id: appUser.externalId };
    if (ctx.settings.assumed.aiwLifecycleReadsFirst) {
      const read = await ctx.transport.send({ method: 'GET', path });
      if (read.last.response?.status === 404) return fail(MATCHING_USER_NOT_FOUND);
      if (!succeeded(read.last.response?.status) || read.rateLimitExhausted || typeof read.json !== 'object' || read.json === null) {
        return fail(describe(personName(user), read));
      }
      resource = read.json as Record<string, unknown>;
    }
    const written = await ctx.transport.send({ method: 'PUT', path, json: withActive(resource, active) });
    if (written.last.response?.status === 404) return fail(MATCHING_USER_NOT_FOUND);
    if (!succeeded(written.last.response?.status) || written.rateLimitExhausted) return fail(describe(personName(user), written));
  }
  appUser.status = active ? 'PROVISIONED' : 'INACTIVE';
  appUser.syncState = 'SYNCHRONIZED';
  ctx.state.resolveTasks(appUser.key, 'user');
  return true;
}
