import { OktaExpressionError, parseOktaExpression, type OktaExpression, type OktaExpressionWarning, type OktaNode } from '../expressions/okta/index.js';
import type { DirectoryGroup, DirectoryUser } from '../directory.js';
import type { OktaSettings, OktaUsernameFormat } from './settings.js';

import { USER_SCHEMA } from '../../scim/schema/urns.js';

export const CORE_USER_URN = USER_SCHEMA;

/**
 * One app profile attribute and its Okta-to-app mapping (Profile Editor): the variable name on the
 * Okta side, the external name and namespace the SCIM message uses, and the expression.
 */
export interface AppAttribute {
  name: string;
  /** Core attributes: where the value goes in a SCIM User. Extension attributes: the key under the namespace. */
  externalName: string;
  /** Schema URN; undefined = no namespace, so Okta leaves the attribute out of provisioning messages (O-NS). */
  namespace: string | undefined;
  /** How the value is produced: an expression, the Okta user id, or what the assignment set. */
  source: { kind: 'expression'; expression: OktaExpression } | { kind: 'okta-id' } | { kind: 'assignment' };
}

/** As written in a scenario's `idpConfig.mappings`. */
export interface AppAttributeSpec {
  expression?: string;
  /** `null` = explicitly no namespace (the attribute predates provisioning, O-NS). */
  namespace?: string | null;
  externalName?: string;
}

/** Where each base attribute sits in a SCIM User (the POST example of research §1.3). */
export const CORE_PLACEMENT: Record<string, string> = {
  userName: 'userName',
  givenName: 'name.givenName',
  middleName: 'name.middleName',
  familyName: 'name.familyName',
  email: 'emails[work].value',
  displayName: 'displayName',
  locale: 'locale',
  externalId: 'externalId',
};

/** Sign On tab "Application username format" as the expression Okta evaluates. */
export function usernameExpression(format: OktaUsernameFormat): string {
  switch (format) {
    case 'email':
      return 'user.email';
    case 'emailPrefix':
      return 'String.substringBefore(user.email, "@")';
    case 'oktaUsernamePrefix':
      return 'String.substringBefore(user.login, "@")';
    case 'oktaUsername':
      return 'user.login';
  }
}

/**
 * Okta's default mappings for a SCIM 2.0 app (research silent on the complete list: these are the
 * attributes the documented POST and PUT bodies carry), overridden and extended by the scenario.
 * Throws `OktaExpressionError` (with the attribute name in `attribute`) for an expression that
 * does not parse.
 */
export function compileAppAttributes(settings: OktaSettings, specs: Record<string, AppAttributeSpec>, compatibility: boolean): AppAttribute[] {
  const defaults: Record<string, string> = {
    userName: usernameExpression(settings.usernameFormat),
    givenName: 'user.firstName',
    middleName: 'user.middleName',
    familyName: 'user.lastName',
    email: 'user.email',
    displayName: 'user.displayName',
    locale: 'user.locale',
  };
  const attributes: AppAttribute[] = [];
  const parse = (name: string, text: string): AppAttribute['source'] => {
    try {
      return { kind: 'expression', expression: parseOktaExpression(text, { compatibility }) };
    } catch (error) {
      if (error instanceof OktaExpressionError) throw new MappingError(name, error);
      throw error;
    }
  };
  for (const [name, placement] of Object.entries(CORE_PLACEMENT)) {
    const spec = specs[name];
    const source: AppAttribute['source'] =
      spec?.expression !== undefined ? parse(name, spec.expression) : name === 'externalId' ? { kind: 'okta-id' } : parse(name, defaults[name] ?? 'null');
    attributes.push({ name, externalName: placement, namespace: CORE_USER_URN, source });
  }
  for (const [name, spec] of Object.entries(specs)) {
    if (name in CORE_PLACEMENT) continue;
    const source: AppAttribute['source'] = spec.expression !== undefined ? parse(name, spec.expression) : { kind: 'assignment' };
    attributes.push({ name, externalName: spec.externalName ?? name, namespace: spec.namespace ?? undefined, source });
  }
  return attributes;
}

/** A mapping expression that does not parse or evaluate, with the attribute it belongs to. */
export class MappingError extends Error {
  override name = 'MappingError';
  constructor(
    readonly attribute: string,
    override readonly cause: OktaExpressionError,
  ) {
    super(`mapping of '${attribute}': ${cause.message}`);
  }
}

export interface EvaluatedProfile {
  profile: Record<string, unknown>;
  /** Compatibility and deprecation warnings, one per use (the issue asks for every time). */
  warnings: Array<OktaExpressionWarning & { attribute: string }>;
}

/** Runs every mapping for one user: the app user profile Okta would store. */
export function evaluateAppProfile(
  attributes: readonly AppAttribute[],
  user: DirectoryUser,
  groups: readonly DirectoryGroup[],
  assignmentValues: Record<string, unknown>,
  appName: string,
): EvaluatedProfile {
  const profile: Record<string, unknown> = {};
  const warnings: EvaluatedProfile['warnings'] = [];
  const context = { user: user.profile, appuser: profile, groups: groups.map((group) => ({ id: group.id, name: group.name })), appName };
  for (const attribute of attributes) {
    const { source } = attribute;
    if (source.kind === 'okta-id') profile[attribute.name] = user.id;
    else if (source.kind === 'assignment') profile[attribute.name] = assignmentValues[attribute.name] ?? null;
    else {
      try {
        const result = source.expression.evaluate(context);
        profile[attribute.name] = result.value;
        warnings.push(...result.warnings.map((warning) => ({ ...warning, attribute: attribute.name })));
      } catch (error) {
        if (error instanceof OktaExpressionError) throw new MappingError(attribute.name, error);
        throw error;
      }
    }
  }
  return { profile, warnings };
}

/** Whether an attribute's expression calls a group function (re-evaluated only on assignment or re-apply, O-EL). */
export function usesGroupFunctions(attribute: AppAttribute): boolean {
  return attribute.source.kind === 'expression' && callsGroupFunction(attribute.source.expression.ast);
}

function callsGroupFunction(node: OktaNode): boolean {
  switch (node.kind) {
    case 'call':
      return node.name.startsWith('isMemberOf') || node.args.some(callsGroupFunction);
    case 'binary':
      return callsGroupFunction(node.left) || callsGroupFunction(node.right);
    case 'unary':
      return callsGroupFunction(node.operand);
    case 'conditional':
      return [node.test, node.consequent, node.alternate].some(callsGroupFunction);
    case 'elvis':
      return callsGroupFunction(node.value) || callsGroupFunction(node.fallback);
    default:
      return false;
  }
}
