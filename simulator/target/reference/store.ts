import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { ScimError } from './errors.js';
import type { ResourceTypeName } from './resource-types.js';

/**
 * Attributes of a resource with canonical names: core attributes at the top, extension
 * attributes under their URN key. Never holds `id`, `meta` or `schemas` (the store and the
 * renderer own those) nor computed attributes (`groups`). Group `members` are stored as
 * `{ value, type }`; `$ref` and `display` are filled when rendering.
 */
export type ResourceData = Record<string, unknown>;

export interface StoredResource {
  readonly id: string;
  readonly type: ResourceTypeName;
  readonly created: string;
  lastModified: string;
  /** Bumped on every real change; the ETag is `W/"<version>"`. Unique across the store. */
  version: number;
  data: ResourceData;
}

export interface StoredMember {
  value: string;
  type: ResourceTypeName;
}

function membersOf(data: ResourceData): StoredMember[] {
  return Array.isArray(data.members) ? (data.members as StoredMember[]) : [];
}

/**
 * One server's in-memory resources. Keeps the invariants no request may break: ids are
 * server-assigned UUIDs, the unique attribute (`userName`, Group `displayName`) is unique
 * case-insensitively, memberships are indexed both ways and disappear with their member, and
 * `lastModified`/`version` move only when something changed. Maps keep creation order, which is
 * the stable default order of queries.
 */
export class ResourceStore {
  private readonly byType: Record<ResourceTypeName, Map<string, StoredResource>> = { User: new Map(), Group: new Map() };
  private readonly unique: Record<ResourceTypeName, Map<string, string>> = { User: new Map(), Group: new Map() };
  /** member id → ids of the groups it is a direct member of. */
  private readonly memberOf = new Map<string, Set<string>>();
  private versionCounter = 0;

  constructor(
    private readonly uniqueAttributes: Record<ResourceTypeName, string>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  get(type: ResourceTypeName, id: string): StoredResource | undefined {
    return this.byType[type].get(id);
  }

  /** Which type an id belongs to, if it exists. */
  typeOf(id: string): ResourceTypeName | undefined {
    if (this.byType.User.has(id)) return 'User';
    if (this.byType.Group.has(id)) return 'Group';
    return undefined;
  }

  /** All resources of a type, in creation order. */
  all(type: ResourceTypeName): StoredResource[] {
    return [...this.byType[type].values()];
  }

  count(type: ResourceTypeName): number {
    return this.byType[type].size;
  }

  /** The resource whose unique attribute equals `value` case-insensitively. */
  findByUniqueValue(type: ResourceTypeName, value: string): StoredResource | undefined {
    const id = this.unique[type].get(value.toLowerCase());
    return id === undefined ? undefined : this.byType[type].get(id);
  }

  /** The groups `memberId` is a direct member of, in the order it joined them. */
  groupsOf(memberId: string): StoredResource[] {
    const ids = this.memberOf.get(memberId);
    if (!ids) return [];
    const groups: StoredResource[] = [];
    for (const id of ids) {
      const group = this.byType.Group.get(id);
      if (group) groups.push(group);
    }
    return groups;
  }

  create(type: ResourceTypeName, data: ResourceData): StoredResource {
    const key = this.uniqueKey(type, data);
    this.assertUnique(type, key, undefined);
    const now = this.stamp();
    const resource: StoredResource = { id: randomUUID(), type, created: now, lastModified: now, version: ++this.versionCounter, data };
    this.byType[type].set(resource.id, resource);
    if (key !== undefined) this.unique[type].set(key, resource.id);
    if (type === 'Group') this.indexMembers(resource.id, [], membersOf(data));
    return resource;
  }

  /** Replace a resource's data. Returns false (and touches nothing) when nothing changed. */
  update(resource: StoredResource, data: ResourceData): boolean {
    if (isDeepStrictEqual(resource.data, data)) return false;
    const oldKey = this.uniqueKey(resource.type, resource.data);
    const newKey = this.uniqueKey(resource.type, data);
    this.assertUnique(resource.type, newKey, resource.id);
    if (oldKey !== undefined) this.unique[resource.type].delete(oldKey);
    if (newKey !== undefined) this.unique[resource.type].set(newKey, resource.id);
    if (resource.type === 'Group') this.indexMembers(resource.id, membersOf(resource.data), membersOf(data));
    resource.data = data;
    this.touch(resource);
    return true;
  }

  delete(type: ResourceTypeName, id: string): boolean {
    const resource = this.byType[type].get(id);
    if (!resource) return false;
    this.byType[type].delete(id);
    const key = this.uniqueKey(type, resource.data);
    if (key !== undefined) this.unique[type].delete(key);
    if (type === 'Group') this.indexMembers(id, membersOf(resource.data), []);
    // A deleted resource stops being a member anywhere.
    for (const groupId of this.memberOf.get(id) ?? []) {
      const group = this.byType.Group.get(groupId);
      if (!group) continue;
      const remaining = membersOf(group.data).filter((member) => member.value !== id);
      const { members: _dropped, ...rest } = group.data;
      group.data = remaining.length > 0 ? { ...rest, members: remaining } : rest;
      this.touch(group);
    }
    this.memberOf.delete(id);
    return true;
  }

  /** Forget every resource (a clean account). Versions keep counting, so no ETag is ever reused. */
  clear(): void {
    for (const type of ['User', 'Group'] as const) {
      this.byType[type].clear();
      this.unique[type].clear();
    }
    this.memberOf.clear();
  }

  private touch(resource: StoredResource): void {
    resource.lastModified = this.stamp(resource.lastModified);
    resource.version = ++this.versionCounter;
  }

  /** Now, but always later than `previous` so a change is visible in `lastModified`. */
  private stamp(previous?: string): string {
    const now = this.clock().getTime();
    const floor = previous === undefined ? -Infinity : Date.parse(previous) + 1;
    return new Date(Math.max(now, floor)).toISOString();
  }

  private uniqueKey(type: ResourceTypeName, data: ResourceData): string | undefined {
    const value = data[this.uniqueAttributes[type]];
    return typeof value === 'string' ? value.toLowerCase() : undefined;
  }

  private assertUnique(type: ResourceTypeName, key: string | undefined, self: string | undefined): void {
    if (key === undefined) return;
    const holder = this.unique[type].get(key);
    if (holder !== undefined && holder !== self) {
      const attribute = this.uniqueAttributes[type];
      throw new ScimError(409, `A ${type} with ${attribute} '${String(this.byType[type].get(holder)?.data[attribute])}' already exists (${attribute} is unique, compared case-insensitively).`, 'uniqueness');
    }
  }

  private indexMembers(groupId: string, before: StoredMember[], after: StoredMember[]): void {
    for (const member of before) this.memberOf.get(member.value)?.delete(groupId);
    for (const member of after) {
      let groups = this.memberOf.get(member.value);
      if (!groups) this.memberOf.set(member.value, (groups = new Set()));
      groups.add(groupId);
    }
  }
}
