/**
 * What the Okta org knows beyond its directory: the app users (one per assigned person, with the
 * target's id as external id), pushed groups, imported app users and groups, and the Tasks an
 * admin sees. `adminView()` is the JSON that `idp:` expectations and reports read.
 */

/** Okta's app user status and sync state, as its Apps API names them. */
export type AppUserStatus = 'STAGED' | 'PROVISIONED' | 'INACTIVE';
export type AppUserSyncState = 'SYNCHRONIZED' | 'OUT_OF_SYNC' | 'ERROR';

export interface AppUser {
  key: string;
  status: AppUserStatus;
  syncState: AppUserSyncState;
  /** The target's `id`, once created or linked. */
  externalId?: string;
  /** The app user profile as the mappings last produced it (app variable names). */
  profile: Record<string, unknown>;
  /** What the target was last sent, per app attribute: the baseline of "changed" for profile pushes. */
  pushed: Record<string, unknown>;
  /** Values set on the assignment itself, for attributes without a mapping expression. */
  assignmentValues: Record<string, unknown>;
  /** Still assigned (an unassigned app user keeps its link: reassignment reactivates it). */
  assigned: boolean;
}

/** Push Groups tab status (O-GPTS). */
export type GroupPushStatus = 'Active' | 'Error' | 'Inactive';

export interface PushedGroup {
  key: string;
  status: GroupPushStatus;
  targetId?: string;
  /** The name the target was last given. */
  pushedName?: string;
  /** User keys the target group was last told about. */
  pushedMembers: string[];
  /** The (i) panel: when and why the last push failed. */
  lastError?: { at: string; message: string };
  lastPushedAt?: string;
}

export interface OktaTask {
  id: number;
  status: 'open' | 'resolved';
  /** The user or group key the task is about. */
  subject: string;
  kind: 'user' | 'import';
  message: string;
  at: string;
}

/** An app user or group read by an import, and what Okta decided about it. */
export interface ImportedUser {
  targetId: string;
  userName: string;
  /** The directory user it matched (exact, case-sensitive), if any. */
  matchedUser: string | null;
  /** confirmed: linked; pending: waits for admin review; the rest need no action. */
  status: 'confirmed' | 'pending';
}

export interface ImportedGroup {
  targetId: string;
  displayName: string;
  /** The directory group pushed to it through "Link Group", if any. */
  linkedGroup: string | null;
}

export class OktaState {
  readonly appUsers = new Map<string, AppUser>();
  readonly pushedGroups = new Map<string, PushedGroup>();
  readonly importedUsers = new Map<string, ImportedUser>();
  readonly importedGroups = new Map<string, ImportedGroup>();
  readonly tasks: OktaTask[] = [];
  /** Retry Selected: how to re-run each open task. */
  readonly #retries = new Map<number, () => Promise<void>>();
  #nextTask = 1;

  openTask(task: Omit<OktaTask, 'id' | 'status'>, retry: () => Promise<void>): OktaTask {
    const entry: OktaTask = { id: this.#nextTask++, status: 'open', ...task };
    this.tasks.push(entry);
    this.#retries.set(entry.id, retry);
    return entry;
  }

  /** Tasks about a subject that a later success made moot. */
  resolveTasks(subject: string, kind: OktaTask['kind']): void {
    for (const task of this.tasks) {
      if (task.status === 'open' && task.subject === subject && task.kind === kind) {
        task.status = 'resolved';
        this.#retries.delete(task.id);
      }
    }
  }

  /**
   * Retry Selected: the task is resolved when the retry succeeds (or has nothing left to do); when
   * it fails again, the same task stays open with the new failure's text and time.
   */
  async retryTask(task: OktaTask, retry: () => Promise<void>): Promise<void> {
    const before = this.tasks.length;
    task.status = 'resolved';
    await retry();
    const again = this.tasks.slice(before).find((t) => t.status === 'open' && t.subject === task.subject && t.kind === task.kind);
    if (!again) {
      this.#retries.delete(task.id);
      return;
    }
    this.tasks.splice(this.tasks.indexOf(again), 1);
    this.#retries.set(task.id, this.#retries.get(again.id) ?? retry);
    this.#retries.delete(again.id);
    Object.assign(task, { status: 'open', message: again.message, at: again.at });
  }

  /** Open tasks and their retry, oldest first (Retry Selected takes some of them). */
  openTasks(): Array<{ task: OktaTask; retry: () => Promise<void> }> {
    return this.tasks
      .filter((task) => task.status === 'open')
      .map((task) => ({ task, retry: this.#retries.get(task.id) ?? (async () => {}) }));
  }

}
