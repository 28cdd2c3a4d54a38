import { referencedAttributes } from './ast.js';
import type { Argument, EntraFunction, FunctionScope } from './function-types.js';
import { describe, fail, isNullOrEmpty, parseBoolean, single } from './values.js';

/**
 * IIF's condition. research silent on a condition that is neither "True" nor "False": .NET
 * `Convert.ToBoolean` throws, so the mapping fails here too; a null condition fails the check
 * like a null attribute does.
 */
function conditionHolds(condition: Argument, scope: FunctionScope): boolean {
  const value = single(condition, scope, 'condition');
  if (value === null) return false;
  const holds = parseBoolean(value);
  if (holds === undefined) {
    return fail(scope.call, `condition must evaluate to True or False but got ${describe(value)}`, 'compare it, e.g. IIF([country]="USA", …)');
  }
  return holds;
}

/** Switch's source and keys: a null matches the empty-string key (E-FUNC). */
function switchText(arg: Argument, scope: FunctionScope, param: string): string {
  return single(arg, scope, param) ?? '';
}

/** Conditionals and flow control: they choose which arguments to evaluate. */
export const LOGIC_FUNCTIONS: Record<string, EntraFunction> = {
  IIF: {
    params: '(condition, valueIfTrue, valueIfFalse)',
    minArgs: 3,
    maxArgs: 3,
    evaluate: ([condition, whenTrue, whenFalse], scope) => {
      // E-FUNC: "If the source attribute used within the IIF function is empty or null, the
      // condition check fails", wherever in the condition it is read (so IIF(IsNullOrEmpty([x]), …)
      // does not work in Entra either; the docs point to Switch instead).
      const blank = referencedAttributes(condition!.node).some((name) => isNullOrEmpty(scope.attribute(name)));
      return !blank && conditionHolds(condition!, scope) ? whenTrue!.value() : whenFalse!.value();
    },
  },
  Switch: {
    params: '(source, defaultValue, key1, value1, key2, value2, …)',
    minArgs: 4,
    maxArgs: Infinity,
    optional: [1],
    pairsAfter: 2,
    evaluate: ([source, fallback, ...pairs], scope) => {
      const text = switchText(source!, scope, 'source');
      // Case-sensitive exact comparison, first matching key wins (E-FUNC).
      for (let i = 0; i + 1 < pairs.length; i += 2) {
        if (switchText(pairs[i]!, scope, `key${i / 2 + 1}`) === text) return pairs[i + 1]!.value();
      }
      return fallback!.value();
    },
  },
  Coalesce: {
    params: '(source1, source2, …, defaultValue)',
    minArgs: 1,
    maxArgs: Infinity,
    // The default is simply the last candidate: the first non-null wins, else null (E-FUNC).
    // An empty string is a value, not null.
    evaluate: (args) => args.find((arg) => arg.value() !== null)?.value() ?? null,
  },
  IgnoreFlowIfNullOrEmpty: {
    params: '(expression)',
    minArgs: 1,
    maxArgs: 1,
    // research silent on nesting: the docs only wrap whole expressions, and dropping the target
    // attribute from inside another function has no meaning, so it must be the whole expression.
    topLevelOnly: true,
    evaluate: ([expression], scope) => {
      const value = expression!.value();
      if (!isNullOrEmpty(value)) return value;
      scope.ignoreFlow();
      return null;
    },
  },
  SelectUniqueValue: {
    params: '(uniqueValueRule1, uniqueValueRule2, …)',
    minArgs: 2,
    maxArgs: Infinity,
    topLevelOnly: true,
    evaluate: (_, scope) =>
      fail(
        scope.call,
        'only for Workday/SuccessFactors/API-driven provisioning to AD, not SCIM apps',
        'Entra cannot check uniqueness in a SCIM app; map one value instead',
      ),
  },
};
