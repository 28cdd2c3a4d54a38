import { nowIso, succeeded, type OktaContext } from './okta-context.js';
import { importFailed } from './okta-messages.js';
import type { OktaCall } from './okta-transport.js';
import type { AppUser } from './okta-state.js';
import { evaluateAppProfile } from './profile-mappings.js';
import { listResources, resourceId } from './scim-response.js';

const PAGE_SIZE = 100;

/**
 * Import Users / Import Groups (research §1.6): `GET /Users?startIndex=1&count=100`, then the next
 * page while `startIndex + 100 <= totalResults`. Returns every resource read, or the failing call.
 */
async function readAll(ctx: OktaContext, path: '/Users' | '/Groups'): Promise<{ resources: Record<string, unknown>[] } | { failed: OktaCall }> {
  const resources: Record<string, unknown>[] = [];
  for (let startIndex = 1; ; startIndex += PAGE_SIZE) {
    const call = await ctx.transport.send({ method: 'GET', path, query: { startIndex: String(startIndex), count: String(PAGE_SIZE) } });
    if (!succeeded(call.last.response?.status) || call.rateLimitExhausted) return { failed: call };
    for (const resource of listResources(call.json)) if (typeof resource === 'object' && resource !== null) resources.push(resource as Record<string, unknown>);
    const total = (call.json as { totalResults?: unknown } | undefined)?.totalResults;
    // Okta needs integers here (O-SCIM20); anything else ends the import after this page.
    if (typeof total !== 'number' || !Number.isInteger(total) || startIndex + PAGE_SIZE > total) return { resources };
  }
}

/**
 * Users: inactive ones are ignored (O-CONCEPTS); the rest are matched exactly, case-sensitively,
 * to Okta users by the configured rule (O-MATCH). Confirmed matches become linked app users, with
 * the imported values as what the target last had; the rest wait for admin review.
 */
export async function importUsers(ctx: OktaContext): Promise<void> {
  const read = await readAll(ctx, '/Users');
  if ('failed' in read) {
    ctx.state.openTask({ subject: 'users', kind: 'import', message: importFailed('users', read.failed), at: nowIso(ctx) }, () => importUsers(ctx));
    return;
  }
  ctx.state.resolveTasks('users', 'import');
  const appUserNames = appUserNamesNow(ctx);
  for (const resource of read.resources) {
    const targetId = resourceId(resource);
    if (targetId === undefined || resource['active'] === false) continue;
    const userName = typeof resource['userName'] === 'string' ? resource['userName'] : '';
    const matchedUser = matchUser(ctx, appUserNames, userName, primaryEmail(resource));
    if (matchedUser === null && ctx.settings.import.confirmNewUsers && !isLinked(ctx, targetId)) {
      // "Confirm new users": Okta creates the person from the imported profile and links the account.
      const key = newUserFromImport(ctx, resource, userName);
      ctx.state.importedUsers.set(targetId, { targetId, userName, matchedUser: key, status: 'confirmed' });
      linkImported(ctx, key, targetId, resource);
      continue;
    }
    const confirmed = matchedUser !== null && ctx.settings.import.confirmMatchedUsers;
    ctx.state.importedUsers.set(targetId, { targetId, userName, matchedUser, status: confirmed ? 'confirmed' : 'pending' });
    if (confirmed) linkImported(ctx, matchedUser, targetId, resource);
  }
}

/** Groups become app groups Okta knows by id: Push Groups can then link to them (O-GPLINK). */
export async function importGroups(ctx: OktaContext): Promise<void> {
  const read = await readAll(ctx, '/Groups');
  if ('failed' in read) {
    ctx.state.openTask({ subject: 'groups', kind: 'import', message: importFailed('groups', read.failed), at: nowIso(ctx) }, () => importGroups(ctx));
    return;
  }
  ctx.state.resolveTasks('groups', 'import');
  for (const resource of read.resources) {
    const targetId = resourceId(resource);
    if (targetId === undefined) continue;
    const displayName = typeof resource['displayName'] === 'string' ? resource['displayName'] : '';
    const linkedGroup = ctx.state.importedGroups.get(targetId)?.linkedGroup ?? null;
    ctx.state.importedGroups.set(targetId, { targetId, displayName, linkedGroup });
  }
}

function isLinked(ctx: OktaContext, targetId: string): boolean {
  return [...ctx.state.appUsers.values()].some((appUser) => appUser.externalId === targetId);
}

/** An Okta user made from an imported account; its key is `imported_<n>` (research silent on the profile mapping back). */
function newUserFromImport(ctx: OktaContext, resource: Record<string, unknown>, userName: string): string {
  let n = 1;
  while (ctx.directory.users.has(`imported_${n}`)) n++;
  const key = `imported_${n}`;
  const name = (typeof resource['name'] === 'object' && resource['name'] !== null ? resource['name'] : {}) as Record<string, unknown>;
  const email = primaryEmail(resource) ?? userName;
  const profile: Record<string, unknown> = { login: userName, email };
  if (typeof name['givenName'] === 'string') profile['firstName'] = name['givenName'];
  if (typeof name['familyName'] === 'string') profile['lastName'] = name['familyName'];
  if (typeof resource['displayName'] === 'string') profile['displayName'] = resource['displayName'];
  ctx.directory.addUser({ key, id: `00u${resource['id'] === undefined ? n : String(resource['id']).replace(/[^A-Za-z0-9]/g, '').slice(0, 17).padEnd(17, '0')}`, status: 'active', profile });
  return key;
}

/** Each Okta user's app username as the format gives it, computed once per import. */
function appUserNamesNow(ctx: OktaContext): Map<string, unknown> {
  const names = new Map<string, unknown>();
  for (const user of ctx.directory.users.values()) {
    if (user.status === 'deleted') continue;
    names.set(user.key, evaluateAppProfile(ctx.attributes, user, ctx.directory.groupsOf(user.key), {}, ctx.settings.appName).profile['userName']);
  }
  return names;
}

/** Exact, case-sensitive (O-MATCH): the app username the format gives, the email, or either. */
function matchUser(ctx: OktaContext, appUserNames: Map<string, unknown>, userName: string, email: string | undefined): string | null {
  const { matchBy } = ctx.settings.import;
  for (const [key, appUserName] of appUserNames) {
    const user = ctx.directory.user(key);
    const byName = userName !== '' && appUserName === userName;
    const byEmail = email !== undefined && user.profile['email'] === email;
    if ((matchBy === 'username' && byName) || (matchBy === 'email' && byEmail) || (matchBy === 'usernameOrEmail' && (byName || byEmail))) return user.key;
  }
  return null;
}

function primaryEmail(resource: Record<string, unknown>): string | undefined {
  const emails = Array.isArray(resource['emails']) ? (resource['emails'] as Array<Record<string, unknown>>) : [];
  const email = emails.find((e) => e['primary'] === true) ?? emails[0];
  return typeof email?.['value'] === 'string' ? email['value'] : undefined;
}

/** A confirmed match: assigned, linked, and in sync with what the target holds. */
function linkImported(ctx: OktaContext, key: string, targetId: string, resource: Record<string, unknown>): void {
  ctx.directory.assignedUsers.add(key);
  const existing = ctx.state.appUsers.get(key);
  const appUser: AppUser = existing ?? { key, status: 'PROVISIONED', syncState: 'SYNCHRONIZED', profile: {}, pushed: {}, assignmentValues: {}, assigned: true };
  appUser.externalId = targetId;
  appUser.status = resource['active'] === false ? 'INACTIVE' : 'PROVISIONED';
  appUser.assigned = true;
  appUser.pushed = importedValues(resource);
  const user = ctx.directory.user(key);
  appUser.profile = evaluateAppProfile(ctx.attributes, user, ctx.directory.groupsOf(key), appUser.assignmentValues, ctx.settings.appName).profile;
  // Attributes the import could not read are taken as in sync (research silent on Okta's delta rule).
  for (const attribute of ctx.attributes) if (!(attribute.name in appUser.pushed)) appUser.pushed[attribute.name] = appUser.profile[attribute.name] ?? null;
  appUser.syncState = 'SYNCHRONIZED';
  ctx.state.appUsers.set(key, appUser);
}

/** The base app attributes as the target holds them ("Import New Users and Profile Updates"). */
function importedValues(resource: Record<string, unknown>): Record<string, unknown> {
  const name = (typeof resource['name'] === 'object' && resource['name'] !== null ? resource['name'] : {}) as Record<string, unknown>;
  const values: Record<string, unknown> = {
    userName: resource['userName'] ?? null,
    givenName: name['givenName'] ?? null,
    middleName: name['middleName'] ?? null,
    familyName: name['familyName'] ?? null,
    email: primaryEmail(resource) ?? null,
    displayName: resource['displayName'] ?? null,
    locale: resource['locale'] ?? null,
  };
  return values;
}
