import type { CallNode } from './ast.js';
import { EntraExpressionError } from './errors.js';
import type { EntraFunction } from './function-types.js';
import { asList, integer } from './values.js';

/** The app-role functions read Entra's appRoleAssignments object and nothing else (E-FUNC). */
function requireAppRoleAssignments(call: CallNode): void {
  const [arg] = call.args;
  if (arg !== undefined && (arg.kind !== 'attribute' || arg.name !== 'appRoleAssignments')) {
    throw new EntraExpressionError(`${call.name} takes the [appRoleAssignments] attribute`, arg.position, arg.length, `write ${call.name}([appRoleAssignments])`);
  }
}

/**
 * The role functions evaluate to the role values the context supplies for [appRoleAssignments];
 * shaping them into SCIM `roles` (primary flags, PATCH Add vs replace, research §2.4) is the
 * provisioning engine's job, not the expression's.
 */
function appRoleFunction(pick: (roles: string[]) => string[] | string | null): EntraFunction {
  return {
    params: '([appRoleAssignments])',
    minArgs: 1,
    maxArgs: 1,
    check: requireAppRoleAssignments,
    evaluate: ([roles]) => {
      const value = roles!.value();
      return value === null ? null : pick(asList(value));
    },
  };
}

/** Multi-valued attributes: counting, indexing, de-duplicating, and app roles. */
export const LIST_FUNCTIONS: Record<string, EntraFunction> = {
  Count: {
    params: '(attribute)',
    minArgs: 1,
    maxArgs: 1,
    // A single value counts as one, an absent attribute as none.
    evaluate: ([attribute]) => String(asList(attribute!.value()).length),
  },
  Item: {
    params: '(attribute, index)',
    minArgs: 2,
    maxArgs: 2,
    evaluate: ([attribute, indexArg], scope) => {
      const values = asList(attribute!.value());
      const index = integer(indexArg!, scope, 'index');
      // 1-based (E-FUNC: "Index 0 shouldn't be used"); research silent on 0 and out of range: null.
      return index >= 1 && index <= values.length ? values[index - 1]! : null;
    },
  },
  RemoveDuplicates: {
    params: '(attribute)',
    minArgs: 1,
    maxArgs: 1,
    evaluate: ([attribute]) => {
      const value = attribute!.value();
      // research silent on case: values are compared exactly (.NET's default ordinal comparer), first kept.
      return Array.isArray(value) ? [...new Set(value)] : value;
    },
  },
  // "Undefined which one if several" (research §2.9): scimsim takes the first.
  SingleAppRoleAssignment: appRoleFunction((roles) => roles[0] ?? null),
  // The multi-role variants pass every role on.
  AppRoleAssignmentsComplex: appRoleFunction((roles) => roles),
  AssertiveAppRoleAssignmentsComplex: appRoleFunction((roles) => roles),
};
