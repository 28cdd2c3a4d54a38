import type { Directory } from '../directory.js';
import type { CompiledMapping } from './attribute-mappings.js';
import type { EntraTransport } from './entra-transport.js';
import type { EntraFailure } from './error-codes.js';
import type { EntraJobState, ProvisioningLogEntry } from './job-state.js';
import { RETRY_WINDOW_MS, nextRetryAfter } from './retry-schedule.js';
import type { EntraAssumedSettings, EntraSettings } from './settings.js';

export interface EntraClock {
  now(): Date;
  advance(ms: number): void;
}

/** What every sequence module works with. */
export interface EntraContext {
  settings: EntraSettings;
  directory: Directory;
  state: EntraJobState;
  transport: EntraTransport;
  userMappings: readonly CompiledMapping[];
  groupMappings: readonly CompiledMapping[];
  clock: EntraClock;
  random: () => number;
  /** Record that a ❓ setting shaped what was sent. */
  assume(setting: keyof EntraAssumedSettings): void;
}

/** The cycle (or on-demand run) the rows being written belong to. */
export type LogScope = number | 'onDemand';

export function writeLog(ctx: EntraContext, entry: Omit<ProvisioningLogEntry, 'id' | 'at'>): ProvisioningLogEntry {
  const row: ProvisioningLogEntry = { id: ctx.state.logs.length + 1, at: ctx.clock.now().toISOString(), ...entry };
  ctx.state.logs.push(row);
  return row;
}

/**
 * A failed object goes into escrow: transient failures come back at the next cycle (E-ERR "retried
 * in 40 minutes"), others on the 6 h / 12 h / 24 h / daily series; after 28 days the entry is dropped.
 */
export function escrow(ctx: EntraContext, object: 'user' | 'group', key: string, failure: EntraFailure, reference = false): void {
  const id = `${object}:${key}`;
  const now = ctx.clock.now();
  const existing = ctx.state.escrows.get(id);
  const firstFailureAt = existing?.firstFailureAt ?? now;
  // Transient codes come back at the next cycle, but within the same 28 days after the first failure as
  // every escrow entry (E-QUAR "Retry duration"): a failure that never clears is dropped too.
  const next = failure.transient ? (now.getTime() + 1 - firstFailureAt.getTime() > RETRY_WINDOW_MS ? undefined : new Date(now.getTime() + 1)) : nextRetryAfter(firstFailureAt, now);
  if (next === undefined) {
    ctx.state.escrows.delete(id);
    return;
  }
  ctx.state.escrows.set(id, { object, key, errorCode: failure.errorCode, firstFailureAt, failures: (existing?.failures ?? 0) + 1, nextRetryAt: next, reference });
}

export function clearEscrow(ctx: EntraContext, object: 'user' | 'group', key: string): void {
  ctx.state.escrows.delete(`${object}:${key}`);
}
