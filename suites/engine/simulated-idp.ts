import type { Exchange } from '../../simulator/scim/exchange.js';
import type { EntraAction, IdpAction } from '../model/scenario.js';

/**
 * What the engine needs of a simulated IdP, whichever it is: act, show what it sent and what its
 * admin sees, publish placeholder values, and say what the admin would read as a problem. Okta's
 * org and Entra's tenant each get an adapter (okta-session.ts, entra-session.ts), so one step
 * runner serves both.
 */
export interface SimulatedIdp {
  kind: 'okta' | 'entra';
  /** Every exchange the IdP has sent, in order. */
  readonly exchanges: readonly Exchange[];
  perform(action: IdpAction | EntraAction): Promise<void>;
  /** Warnings the last action raised (Okta's compatibility EL), reported as SHOULD checks. */
  takeWarnings(): string[];
  /** `{{alice.id}}` and the other directory placeholders, as they are now. */
  publish(values: Map<string, unknown>): void;
  adminView(): Record<string, unknown>;
  assumptions(): Array<{ setting: string; value: unknown; note: string }>;
  /** The target id the IdP holds for a user or group key. */
  targetId(resource: 'user' | 'group', key: string): string | undefined;
  /** The IdP groups of the user the IdP provisions with this userName (the license grid's groups column). */
  groupsOfUserName(userName: string): string[] | undefined;
  /** What the admin would read as an error now (failed tasks, failed log rows, quarantine …). */
  problems(): string[];
  /** The implicit check an action step gets when it does not check `idp:` itself. */
  outcomeCheck: { id: string; title: string };
  /** The check id and title of a warning from `takeWarnings`, for an IdP that has warnings. */
  warningCheck?: { id: string; title: string };
  close(): Promise<void>;
}
