import type { Directory, DirectoryUser } from '../directory.js';
import type { OktaClock, OktaTransport } from './okta-transport.js';
import type { OktaState } from './okta-state.js';
import type { AppAttribute } from './profile-mappings.js';
import type { OktaAssumedSettings, OktaSettings } from './settings.js';

/** Everything a request sequence needs: the org's data, its wire, and where to note assumptions. */
export interface OktaContext {
  settings: OktaSettings;
  directory: Directory;
  state: OktaState;
  transport: OktaTransport;
  attributes: readonly AppAttribute[];
  clock: OktaClock;
  /** The random placeholder password every create carries (O-SCIM20). */
  placeholderPassword(): string;
  /** Record that an unconfirmed behaviour shaped what was sent. */
  assume(setting: keyof OktaAssumedSettings): void;
}

/** "John Doe": how Okta's task texts name a person. */
export function personName(user: DirectoryUser): string {
  const first = user.profile['firstName'];
  const last = user.profile['lastName'];
  const name = [first, last].filter((part) => typeof part === 'string' && part !== '').join(' ');
  return name || String(user.profile['login'] ?? user.key);
}

export function nowIso(ctx: OktaContext): string {
  return ctx.clock.now().toISOString();
}

/** A 2xx answer that arrived whole. */
export function succeeded(status: number | undefined): boolean {
  return status !== undefined && status >= 200 && status < 300;
}
