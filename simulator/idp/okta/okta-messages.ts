import { STATUS_CODES } from 'node:http';
import type { OktaCall } from './okta-transport.js';

/**
 * The texts an Okta admin reads in Dashboard > Tasks: `<Okta message>: <third-party message>`
 * (research §1.8, O-TROUBLE). The documented examples are reproduced exactly; the rest follow
 * their pattern and are marked "research silent".
 */

/** "Automatic provisioning of user John Doe to app X failed: …" (O-TROUBLE). */
export function provisioningFailed(userName: string, appName: string, cause: string): string {
  return `Automatic provisioning of user ${userName} to app ${appName} failed: ${cause}`;
}

/** research silent: the deprovisioning counterpart of the documented provisioning text. */
export function deprovisioningFailed(userName: string, appName: string, cause: string): string {
  return `Automatic deprovisioning of user ${userName} from app ${appName} failed: ${cause}`;
}

/** O-SCIM20: the text for a create answered with an empty body. */
export function createReturnedEmpty(displayName: string): string {
  return `Error while creating user ${displayName}: Create new user returned empty user.`;
}

/** O-TROUBLE: an update of a user the server no longer has. */
export const MATCHING_USER_NOT_FOUND = 'Matching user not found.';

/**
 * "Unauthorized. Errors reported by remote server: Unauthorized" (O-QUAL): the status's reason
 * phrase, then the server's SCIM `detail` (surfaced in Tasks, O-FAQ), or the phrase again.
 */
export function remoteError(call: OktaCall): string {
  if (call.rateLimitExhausted) {
    return `API rate limiting: the server answered 429 Too Many Requests ${call.exchanges.length} times; the task failed permanently.`;
  }
  const error = call.last.error;
  if (error) {
    // research silent: Okta's wording for transport failures is not documented.
    if (error.code === 'response-timeout') return `Read timed out. The server did not answer within ${call.answerLimitMs / 1000} seconds.`;
    return `Connection failed: ${error.message}`;
  }
  const status = call.last.response?.status ?? 0;
  const phrase = STATUS_CODES[status] ?? `HTTP ${status}`;
  return `${phrase}. Errors reported by remote server: ${scimDetail(call.json) ?? phrase}`;
}

/** The `detail` (or SCIM 1.1 style `Errors[0].description`) of an error body. */
export function scimDetail(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const body = json as { detail?: unknown; Errors?: Array<{ description?: unknown }> };
  if (typeof body.detail === 'string' && body.detail !== '') return body.detail;
  const description = body.Errors?.[0]?.description;
  return typeof description === 'string' ? description : undefined;
}

export function verifyingExists(userName: string, call: OktaCall): string {
  return `Error while verifying if user ${userName} exists: ${remoteError(call)}`;
}

export function creatingUser(displayName: string, call: OktaCall): string {
  return `Error while creating user ${displayName}: ${remoteError(call)}`;
}

/** research silent: follows the documented "Error while creating user" pattern. */
export function updatingUser(displayName: string, call: OktaCall): string {
  return `Error while updating user ${displayName}: ${remoteError(call)}`;
}

/** research silent: follows the documented pattern. */
export function deactivatingUser(displayName: string, call: OktaCall): string {
  return `Error while deactivating user ${displayName}: ${remoteError(call)}`;
}

/** research silent: follows the documented pattern. */
export function reactivatingUser(displayName: string, call: OktaCall): string {
  return `Error while reactivating user ${displayName}: ${remoteError(call)}`;
}

/** The group push (i) panel: time and probable cause (O-GPTS); the wording is research silent. */
export function groupPushFailed(groupName: string, action: string, call: OktaCall): string {
  return `Failed to ${action} group ${groupName}: ${remoteError(call)}`;
}

export function importFailed(what: 'users' | 'groups', call: OktaCall): string {
  return `Import of ${what} failed: ${remoteError(call)}`;
}

/** I-SNIPE: the Test API Credentials failure text. */
export const CREDENTIALS_TEST_FAILED =
  'Error authenticating: null. The connector configuration could not be tested. Make sure that the URL, Authentication Parameters are correct and that there is an implementation available at the URL provided.';
