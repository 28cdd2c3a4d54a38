import { isPlainObject } from '../../../scim/filter/values.js';
import { badRequest } from '../errors.js';
import { plainPolicy, type ResourcePolicy } from '../policy.js';
import type { ResourceTypeName } from '../resource-types.js';
import type { ResourceData, StoredMember, StoredResource } from '../store.js';
import type { DbtAccount } from './account.js';
import { isKnownLicense, LICENSE_TYPES } from './license.js';
import { DBT_USER_EXTENSION, dbtUserType } from './schema.js';

/**
 * The dbt platform's rules on SCIM writes, on while the account's SCIM setting is on (seed 001
 * "Enable SCIM"); off, every hook is the plain RFC server's.
 */
export function dbtPolicy(account: DbtAccount): ResourcePolicy {
  const on = () => account.scimEnabled;

  return {
    resourceType: (name: ResourceTypeName) => (on() && name === 'User' ? dbtUserType : plainPolicy.resourceType(name)),

    adopt(type, data) {
      if (!on()) return undefined;
      // Seed 003: "The IdP will attempt to match users by their userName (typically their email
      // address) and establish the SCIM-managed link" … "exactly match the email on the user's
      // dbt platform account, including case". An exact match with a user (or group) that is
      // not SCIM-managed yet is taken over; a case-only difference is left to the store's 409.
      const attribute = type.name === 'User' ? 'userName' : 'displayName';
      const value = data[attribute];
      if (typeof value !== 'string') return undefined;
      const existing = account.store.findByUniqueValue(type.name, value);
      if (!existing || existing.data[attribute] !== value) return undefined;
      const managed = type.name === 'User' ? account.user(existing).scimManaged : account.groupManaged(existing);
      return managed ? undefined : existing;
    },

    check(type, data, current) {
      if (!on()) return;
      if (type.name === 'User') {
        checkUserNameIsEmail(data);
        checkLicenseType(account, data, current);
      } else {
        checkMembersLicensed(account, data, current);
      }
    },

    written(type, resource, previous) {
      if (!on()) return;
      if (type.name === 'Group') {
        // Seed 003: "Your IdP only manages users who have been explicitly assigned to the app and provisioned through SCIM."
        account.setGroupManaged(resource.id, true);
        return;
      }
      const userName = String(resource.data.userName);
      if (previous === undefined) {
        // Created through SCIM: managed, invited (seed 003 "Users are not licensed until they
        // complete this step"), not in default groups (seed 001 "Users are not automatically added to default groups").
        account.setUser(resource.id, { email: userName, scimManaged: true, accepted: false, inMemberGroup: false });
        return;
      }
      const record = account.userRecord(resource);
      record.scimManaged = true;
      // Seed 003: "A confirmation email is sent to the new address, and once accepted, the change
      // takes effect in dbt platform." The sign-in email stays until confirmEmail; a case-only
      // change is not a new address.
      if (userName.toLowerCase() === record.email.toLowerCase()) {
        record.email = userName;
        delete record.pendingEmail;
      } else {
        record.pendingEmail = userName;
      }
    },

    deleted(_type, resource) {
      account.forget(resource.id);
    },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The email a user signs in with among `emails`: the primary one, else the work one, else the only one. */
export function signInEmailOf(emails: unknown): string | undefined {
  if (!Array.isArray(emails)) return undefined;
  const values = emails.filter(isPlainObject).filter((email) => typeof email.value === 'string');
  const chosen = values.find((email) => email.primary === true)
    ?? values.find((email) => typeof email.type === 'string' && email.type.toLowerCase() === 'work')
    ?? (values.length === 1 ? values[0] : undefined);
  return chosen ? String(chosen.value) : undefined;
}

/**
 * Seed 003: "Do the userName and email.value fields have to be the same value for SCIM to work?
 * Yes. … If they don't match, a validation error will occur during provisioning." Compared
 * case-insensitively (decision): emails.value is caseExact false (RFC 7643 §4.1.2), and the
 * seed's "including case" is about matching the existing account, which `adopt` does exactly.
 */
function checkUserNameIsEmail(data: ResourceData): void {
  const userName = String(data.userName);
  if (!EMAIL.test(userName)) {
    throw badRequest('invalidValue', `userName '${userName}' must be an email address: on the dbt platform it is the email the user signs in with.`);
  }
  const email = signInEmailOf(data.emails);
  if (email === undefined) {
    throw badRequest('invalidValue', `The user needs an email (primary, work, or the only one) equal to userName '${userName}': userName and emails.value must be the same value.`);
  }
  if (email.toLowerCase() !== userName.toLowerCase()) {
    throw badRequest('invalidValue', `userName '${userName}' and emails.value '${email}' must be the same value (the email the user signs in with).`);
  }
}

/** The licenseType, when it changes: a known value (exact case), and one the account's plan offers. */
function checkLicenseType(account: DbtAccount, data: ResourceData, current: StoredResource | undefined): void {
  const value = licenseTypeIn(data);
  if (value === undefined || (current && licenseTypeIn(current.data) === value)) return;
  // Seed 002: "the casing should match for each value".
  if (!isKnownLicense(value)) {
    throw badRequest('invalidValue', `licenseType '${value}' is not a dbt license type; use one of ${LICENSE_TYPES.join(', ')} (exact case).`);
  }
  // Seed 002: "Assigning this license using SCIM will return an error if that license type isn't available for your account."
  if (!account.settings.availableLicenses.includes(value)) {
    throw badRequest('invalidValue', `The license type '${value}' is not available for this account (its plan offers ${account.settings.availableLicenses.join(', ') || 'none'}).`);
  }
}

function licenseTypeIn(data: ResourceData): string | undefined {
  const extension = data[DBT_USER_EXTENSION];
  return isPlainObject(extension) && typeof extension.licenseType === 'string' ? extension.licenseType : undefined;
}

/**
 * Seed 003: "This error occurs when a SCIM group push includes a user who hasn't been licensed in
 * dbt platform yet — typically because they haven't accepted their invitation." Only users the
 * push adds are checked (decision: a member already in the group does not block a later rename).
 */
function checkMembersLicensed(account: DbtAccount, data: ResourceData, current: StoredResource | undefined): void {
  const before = new Set(membersOf(current?.data).map((member) => member.value));
  const unlicensed = membersOf(data)
    .filter((member) => member.type === 'User' && !before.has(member.value))
    .map((member) => account.store.get('User', member.value))
    .filter((user): user is StoredResource => user !== undefined && !account.user(user).accepted);
  if (unlicensed.length > 0) {
    const names = unlicensed.map((user) => account.user(user).email).join(', ');
    throw badRequest('invalidValue', `All users must have licenses on the account (not yet accepted their invitation: ${names}).`);
  }
}

function membersOf(data: ResourceData | undefined): StoredMember[] {
  return data && Array.isArray(data.members) ? (data.members as StoredMember[]) : [];
}
