import { editDistance } from '../edit-distance.js';
import type { OktaFunction } from './function-types.js';
import { GROUP_FUNCTIONS } from './group-functions.js';
import { STRING_FUNCTIONS } from './string-functions.js';
import { VALUE_FUNCTIONS } from './value-functions.js';

/** Every documented profile-mapping function scimsim evaluates, by its canonical name. */
export const OKTA_FUNCTIONS: Readonly<Record<string, OktaFunction>> = {
  ...STRING_FUNCTIONS,
  ...VALUE_FUNCTIONS,
  ...GROUP_FUNCTIONS,
};

/**
 * Names that are not Okta EL but appear in the seeds (research §4.1): `IIF` is Entra's, and
 * `isMemberOf` exists only in Identity Engine policies. Accepted with `{ compatibility: true }`.
 */
export const COMPATIBILITY_FORMS: Readonly<Record<string, { arity: number; params: string; why: string }>> = {
  IIF: { arity: 3, params: '(condition, whenTrue, whenFalse)', why: "Okta EL has no 'IIF' (it is an Entra ID function)" },
  isMemberOf: {
    arity: 1,
    params: '(groupName)',
    why: "'isMemberOf' is not an Okta profile-mapping function (user.isMemberOf exists only in Identity Engine policies)",
  },
};

/** Documented but deprecated spellings (research §1.11), evaluated as their replacement with a warning. */
export const DEPRECATED_ALIASES: Readonly<Record<string, string>> = {
  toUpperCase: 'String.toUpperCase',
  toLowerCase: 'String.toLowerCase',
};

/** The canonical function a call evaluates as: `isMemberOf` is `isMemberOfGroupName`. */
export function canonicalFunctionName(name: string): string {
  if (name === 'isMemberOf') return 'isMemberOfGroupName';
  return DEPRECATED_ALIASES[name] ?? name;
}

// Documented Okta EL that scimsim does not evaluate, so the message can say so instead of "unknown".
const UNSUPPORTED = new Set([
  'user.getGroups',
  'user.getLinkedObject',
  'user.getInternalProperty',
  'hasDirectoryUser',
  'findDirectoryUser',
  'hasWorkdayUser',
  'findWorkdayUser',
  'Arrays.add',
  'Arrays.remove',
  'Arrays.clear',
  'Arrays.flatten',
  'Arrays.toCsvString',
]);
const UNSUPPORTED_NAMESPACES = ['Time.', 'Iso3166Convert.'];

export function isUnsupportedOktaFunction(name: string): boolean {
  return UNSUPPORTED.has(name) || UNSUPPORTED_NAMESPACES.some((prefix) => name.startsWith(prefix));
}

/** The closest known function name, if one is close enough to be a plausible typo. */
export function closestFunctionName(name: string): string | undefined {
  const wanted = name.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const candidate of Object.keys(OKTA_FUNCTIONS)) {
    const lower = candidate.toLowerCase();
    // A truncated name (`String.toUpper`) is the commonest slip; count it as close.
    const distance = lower.startsWith(wanted) && wanted.length >= 4 ? 1 : editDistance(wanted, lower);
    if (best === undefined || distance < best.distance) best = { name: candidate, distance };
  }
  if (best === undefined || best.distance > Math.max(2, Math.floor(name.length * 0.4))) return undefined;
  return best.name;
}
