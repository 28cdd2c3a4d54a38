/**
 * The IdP's own directory: people, groups and who is assigned to the one app under test. Shared by
 * the Okta and Entra simulators; each keeps its own attribute names in `profile` (Okta: `login`,
 * `email`, `firstName`…; Entra: `userPrincipalName`, `mail`…). Scenario files name users and
 * groups by a key (`alice`), which stays the handle in steps, expectations and reports.
 */
export type DirectoryUserStatus = 'active' | 'suspended' | 'deactivated' | 'deleted';

/** A directory as a scenario writes it: users by key with any profile attributes, groups by key. */
export interface DirectorySpec {
  users: Record<string, { status?: DirectoryUserStatus; profile: Record<string, unknown> }>;
  groups: Record<string, { name?: string; members: string[] }>;
}

export interface DirectoryUser {
  key: string;
  /** The IdP's id: Okta `00u…`, Entra object id. */
  id: string;
  status: DirectoryUserStatus;
  profile: Record<string, unknown>;
}

export interface DirectoryGroup {
  key: string;
  /** The IdP's id: Okta `00g…`, Entra object id. */
  id: string;
  name: string;
  /** Member user keys, in the order they joined. */
  members: string[];
}

export class DirectoryError extends Error {
  override name = 'DirectoryError';
}

export class Directory {
  readonly users = new Map<string, DirectoryUser>();
  readonly groups = new Map<string, DirectoryGroup>();
  /** Users assigned to the app directly. */
  readonly assignedUsers = new Set<string>();
  /** Groups assigned to the app: their members are assigned through them. */
  readonly assignedGroups = new Set<string>();

  addUser(user: DirectoryUser): DirectoryUser {
    if (this.users.has(user.key)) throw new DirectoryError(`user '${user.key}' is already in the directory`);
    this.users.set(user.key, user);
    return user;
  }

  addGroup(group: DirectoryGroup): DirectoryGroup {
    if (this.groups.has(group.key)) throw new DirectoryError(`group '${group.key}' is already in the directory`);
    this.groups.set(group.key, group);
    return group;
  }

  user(key: string): DirectoryUser {
    const user = this.users.get(key);
    if (!user) throw new DirectoryError(`no user '${key}' in the directory (known: ${[...this.users.keys()].join(', ') || 'none'})`);
    return user;
  }

  group(key: string): DirectoryGroup {
    const group = this.groups.get(key);
    if (!group) throw new DirectoryError(`no group '${key}' in the directory (known: ${[...this.groups.keys()].join(', ') || 'none'})`);
    return group;
  }

  /** Returns false when the user already was a member. */
  addMember(groupKey: string, userKey: string): boolean {
    const group = this.group(groupKey);
    this.user(userKey);
    if (group.members.includes(userKey)) return false;
    group.members.push(userKey);
    return true;
  }

  /** Returns false when the user was not a member. */
  removeMember(groupKey: string, userKey: string): boolean {
    const group = this.group(groupKey);
    const at = group.members.indexOf(userKey);
    if (at < 0) return false;
    group.members.splice(at, 1);
    return true;
  }

  groupsOf(userKey: string): DirectoryGroup[] {
    return [...this.groups.values()].filter((group) => group.members.includes(userKey));
  }

  /** Assigned directly or through an assigned group. */
  isAssigned(userKey: string): boolean {
    if (this.assignedUsers.has(userKey)) return true;
    return this.groupsOf(userKey).some((group) => this.assignedGroups.has(group.key));
  }

  /** Every assigned user, in directory order. */
  assigned(): DirectoryUser[] {
    return [...this.users.values()].filter((user) => this.isAssigned(user.key));
  }
}
