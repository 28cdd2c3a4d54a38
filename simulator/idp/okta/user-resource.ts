import { CORE_USER_URN, type AppAttribute } from './profile-mappings.js';

/**
 * App user profile → SCIM User, the way Okta writes it: the create body of research §1.3 (with the
 * placeholder password and `groups: []` always present), and the full-resource PUT of §1.4 (the
 * retrieved resource with changed attributes applied). Attributes without a namespace are left
 * out, as Okta does (O-NS); extension attributes go under their schema URN (assumed wire form,
 * research §1.9).
 */

type Json = Record<string, unknown>;

function present(value: unknown): boolean {
  return value !== null && value !== undefined && value !== '';
}

/** The POST /Users body. Key order follows Okta's example. */
export function createUserBody(attributes: readonly AppAttribute[], profile: Json, password: string): Json {
  const value = (name: string) => profile[name];
  const body: Json = { schemas: [CORE_USER_URN] };
  if (present(value('userName'))) body['userName'] = value('userName');
  const name: Json = {};
  if (present(value('givenName'))) name['givenName'] = value('givenName');
  if (present(value('middleName'))) name['middleName'] = value('middleName');
  if (present(value('familyName'))) name['familyName'] = value('familyName');
  if (Object.keys(name).length > 0) body['name'] = name;
  if (present(value('email'))) body['emails'] = [{ primary: true, value: value('email'), type: 'work' }];
  if (present(value('displayName'))) body['displayName'] = value('displayName');
  if (present(value('locale'))) body['locale'] = value('locale');
  if (present(value('externalId'))) body['externalId'] = value('externalId');
  body['groups'] = [];
  body['password'] = password;
  body['active'] = true;
  for (const attribute of customAttributes(attributes)) {
    if (present(profile[attribute.name])) setAttribute(body, attribute, profile[attribute.name]);
  }
  return body;
}

/**
 * The PUT /Users/{id} body: the resource as the server returned it, with `names` (app attribute
 * names) set to their profile values. `active` is left as returned: a profile push never changes
 * status (O-CONCEPTS).
 */
export function updatedUserBody(retrieved: Json, attributes: readonly AppAttribute[], profile: Json, names: readonly string[]): Json {
  const body = structuredClone(retrieved);
  for (const attribute of attributes) {
    if (!names.includes(attribute.name) || attribute.namespace === undefined) continue;
    setAttribute(body, attribute, profile[attribute.name]);
  }
  return body;
}

/** The same resource with `active` set: the AIW deactivate and reactivate PUT. */
export function withActive(retrieved: Json, active: boolean): Json {
  return { ...structuredClone(retrieved), active };
}

function customAttributes(attributes: readonly AppAttribute[]): AppAttribute[] {
  return attributes.filter((attribute) => attribute.namespace !== undefined && !isBasePlacement(attribute));
}

function isBasePlacement(attribute: AppAttribute): boolean {
  return attribute.namespace === CORE_USER_URN && BASE_NAMES.has(attribute.name);
}

const BASE_NAMES = new Set(['userName', 'givenName', 'middleName', 'familyName', 'email', 'displayName', 'locale', 'externalId']);

function setAttribute(body: Json, attribute: AppAttribute, value: unknown): void {
  if (attribute.namespace === undefined) return;
  if (attribute.namespace !== CORE_USER_URN) {
    const schemas = Array.isArray(body['schemas']) ? (body['schemas'] as unknown[]) : [];
    if (present(value) && !schemas.includes(attribute.namespace)) body['schemas'] = [...schemas, attribute.namespace];
    const extension = (typeof body[attribute.namespace] === 'object' && body[attribute.namespace] !== null ? body[attribute.namespace] : {}) as Json;
    setPath(extension, attribute.externalName.split('.'), value);
    body[attribute.namespace] = extension;
    return;
  }
  if (attribute.externalName === 'emails[work].value') {
    setWorkEmail(body, value);
    return;
  }
  setPath(body, attribute.externalName.split('.'), value);
}

function setPath(target: Json, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (present(value)) target[head] = value;
    else delete target[head];
    return;
  }
  const child = typeof target[head] === 'object' && target[head] !== null && !Array.isArray(target[head]) ? (target[head] as Json) : {};
  setPath(child, rest, value);
  if (Object.keys(child).length > 0) target[head] = child;
}

/** The work email (or the primary one) gets the value; none yet: Okta's own element shape. */
function setWorkEmail(body: Json, value: unknown): void {
  const emails = Array.isArray(body['emails']) ? (body['emails'] as Json[]) : [];
  const work = emails.find((email) => email['type'] === 'work') ?? emails.find((email) => email['primary'] === true);
  if (!present(value)) {
    if (work) body['emails'] = emails.filter((email) => email !== work);
    return;
  }
  if (work) work['value'] = value;
  else body['emails'] = [...emails, { primary: true, value, type: 'work' }];
}
