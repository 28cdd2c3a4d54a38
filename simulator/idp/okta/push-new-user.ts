import { nowIso, personName, succeeded, type OktaContext } from './okta-context.js';
import { createReturnedEmpty, creatingUser, provisioningFailed, verifyingExists } from './okta-messages.js';
import type { AppUser } from './okta-state.js';
import { pushProfileUpdate } from './profile-push.js';
import { CORE_PLACEMENT } from './profile-mappings.js';
import { firstResourceId, resourceId } from './scim-response.js';
import { createUserBody } from './user-resource.js';

/**
 * Push New Users (research §1.3): look the user up by the unique identifier field, then create it
 * with Okta's body, or link to the one found and send the app profile (the §1.4 update flow).
 * A failure becomes an open task with Okta's text; nothing is retried by itself.
 */
export async function pushNewUser(ctx: OktaContext, appUser: AppUser): Promise<void> {
  const user = ctx.directory.user(appUser.key);
  // Retry Selected does what is still wanted: nothing once the user was unassigned or linked since.
  const retry = async () => {
    if (appUser.assigned && appUser.externalId === undefined) await pushNewUser(ctx, appUser);
  };
  const fail = (cause: string) => {
    appUser.syncState = 'ERROR';
    ctx.state.openTask({ subject: appUser.key, kind: 'user', message: provisioningFailed(personName(user), ctx.settings.appName, cause), at: nowIso(ctx) }, retry);
  };

  const { field, value } = uniqueIdentifier(ctx, appUser);
  const lookup = await ctx.transport.send({
    method: 'GET',
    path: '/Users',
    query: { filter: `${field} eq ${JSON.stringify(String(value ?? ''))}`, startIndex: '1', count: '100' },
  });
  const status = lookup.last.response?.status;
  let foundId: string | undefined;
  if (status === 404) {
    foundId = undefined; // 404 and an empty list both mean "not found" (O-SCIM20)
  } else if (succeeded(status) && !lookup.rateLimitExhausted) {
    foundId = firstResourceId(lookup.json);
  } else {
    return fail(verifyingExists(String(appUser.profile['userName'] ?? user.key), lookup));
  }

  if (foundId !== undefined) {
    // Linked: the existing account becomes this app user; then the app profile goes out.
    appUser.externalId = foundId;
    appUser.status = 'PROVISIONED';
    appUser.pushed = {};
    ctx.state.resolveTasks(appUser.key, 'user');
    await pushProfileUpdate(ctx, appUser);
    return;
  }
  if (!ctx.settings.provisioning.createUsers) {
    // research silent: with "Create Users" off the assignment stays unprovisioned, without a task.
    appUser.status = 'STAGED';
    return;
  }

  const body = createUserBody(ctx.attributes, appUser.profile, ctx.placeholderPassword());
  const created = await ctx.transport.send({ method: 'POST', path: '/Users', json: body });
  if (!succeeded(created.last.response?.status) || created.rateLimitExhausted) {
    // A 409 stops here: no re-query, no link (O-SCIM20).
    return fail(creatingUser(personName(user), created));
  }
  const id = resourceId(created.json);
  if (id === undefined) return fail(createReturnedEmpty(personName(user)));
  appUser.externalId = id;
  appUser.status = 'PROVISIONED';
  appUser.syncState = 'SYNCHRONIZED';
  appUser.pushed = pushedValues(ctx, appUser);
  ctx.state.resolveTasks(appUser.key, 'user');
}

/** The filter attribute and the app profile value Okta looks up with. */
function uniqueIdentifier(ctx: OktaContext, appUser: AppUser): { field: string; value: unknown } {
  const field = ctx.settings.uniqueIdField;
  const attribute = ctx.attributes.find((a) => a.name === field) ?? ctx.attributes.find((a) => (CORE_PLACEMENT[a.name] ?? a.externalName) === field);
  return { field, value: attribute ? appUser.profile[attribute.name] : appUser.profile['userName'] };
}

/** What the create sent, per attribute with a namespace: the baseline for later profile pushes. */
export function pushedValues(ctx: OktaContext, appUser: AppUser): Record<string, unknown> {
  const pushed: Record<string, unknown> = {};
  for (const attribute of ctx.attributes) if (attribute.namespace !== undefined) pushed[attribute.name] = appUser.profile[attribute.name] ?? null;
  return pushed;
}
