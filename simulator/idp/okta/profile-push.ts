import { isDeepStrictEqual } from 'node:util';
import { nowIso, personName, succeeded, type OktaContext } from './okta-context.js';
import { MATCHING_USER_NOT_FOUND, provisioningFailed, updatingUser } from './okta-messages.js';
import type { AppUser } from './okta-state.js';
import { updatedUserBody } from './user-resource.js';

/**
 * Push Profile Updates (research §1.4): GET the resource, then PUT it back whole with the changed
 * app attributes applied (`id`, `meta`, `groups` as returned). Sends nothing when no attribute with
 * a namespace changed since the last push. Which attributes count as changed is unconfirmed
 * (setting `profilePushApplies`).
 */
export async function pushProfileUpdate(ctx: OktaContext, appUser: AppUser): Promise<void> {
  if (appUser.externalId === undefined) return;
  const names = namesToApply(ctx, appUser);
  if (names.length === 0) {
    appUser.syncState = 'SYNCHRONIZED';
    return;
  }
  const user = ctx.directory.user(appUser.key);
  const retry = async () => {
    if (appUser.assigned && appUser.status === 'PROVISIONED') await pushProfileUpdate(ctx, appUser);
  };
  const fail = (cause: string) => {
    appUser.syncState = 'ERROR';
    ctx.state.openTask({ subject: appUser.key, kind: 'user', message: provisioningFailed(personName(user), ctx.settings.appName, cause), at: nowIso(ctx) }, retry);
  };

  const path = `/Users/${encodeURIComponent(appUser.externalId)}`;
  const read = await ctx.transport.send({ method: 'GET', path });
  if (read.last.response?.status === 404) return fail(MATCHING_USER_NOT_FOUND);
  if (!succeeded(read.last.response?.status) || read.rateLimitExhausted || typeof read.json !== 'object' || read.json === null) {
    return fail(updatingUser(personName(user), read));
  }
  const body = updatedUserBody(read.json as Record<string, unknown>, ctx.attributes, appUser.profile, names);
  const written = await ctx.transport.send({ method: 'PUT', path, json: body });
  if (written.last.response?.status === 404) return fail(MATCHING_USER_NOT_FOUND);
  if (!succeeded(written.last.response?.status) || written.rateLimitExhausted) return fail(updatingUser(personName(user), written));
  for (const name of names) appUser.pushed[name] = appUser.profile[name] ?? null;
  appUser.syncState = 'SYNCHRONIZED';
  ctx.state.resolveTasks(appUser.key, 'user');
}

function namesToApply(ctx: OktaContext, appUser: AppUser): string[] {
  const mapped = ctx.attributes.filter((attribute) => attribute.namespace !== undefined).map((attribute) => attribute.name);
  const changed = mapped.filter((name) => !isDeepStrictEqual(appUser.profile[name] ?? null, appUser.pushed[name] ?? null));
  if (changed.length === 0) return [];
  ctx.assume('profilePushApplies');
  return ctx.settings.assumed.profilePushApplies === 'all-mapped' ? mapped : changed;
}
