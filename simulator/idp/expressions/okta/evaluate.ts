import type { BinaryNode, CallNode, OktaNode, ReferenceNode } from './ast.js';
import type { OktaGroup } from './function-types.js';
import { OKTA_FUNCTIONS, canonicalFunctionName } from './functions.js';
import { OktaExpressionError } from './errors.js';
import { compileJavaRegex } from './java-regex.js';
import { asBoolean, describeType, fail, javaString } from './values.js';

export interface OktaExpressionContext {
  /** Okta user profile: `user.firstName`, `user.email`, `user.login`, custom attributes. */
  user: Record<string, unknown>;
  /** The app user profile (`appuser.<attr>`). */
  appuser?: Record<string, unknown>;
  /** The user's group memberships, from any source. */
  groups: ReadonlyArray<OktaGroup>;
  /** `<appName>.<attr>` references resolve to `appuser`. */
  appName?: string;
}

function resolve(node: ReferenceNode, ctx: OktaExpressionContext): unknown {
  let profile: Record<string, unknown> | undefined;
  if (node.scope === 'user') profile = ctx.user;
  else if (node.scope === 'appuser' || node.scope === ctx.appName) profile = ctx.appuser ?? {};
  else {
    const app = ctx.appName === undefined ? '' : ` or ${ctx.appName}`;
    return fail(node, `unknown reference '${node.scope}.${node.attribute}'`, `references start with user, appuser${app}`);
  }
  // research silent: an attribute the profile lacks evaluates to null (Okta profiles omit unset
  // attributes), so `user.nickName ?: user.firstName` works as expected.
  const value = Object.hasOwn(profile, node.attribute) ? profile[node.attribute] : undefined;
  return value === undefined ? null : value;
}

/** Type clashes between two operands are the operator's fault, so point at the operator. */
function failAtOperator(node: BinaryNode, reason: string, hint?: string): never {
  throw new OktaExpressionError(reason, node.operatorPosition, node.operatorLength, hint);
}

function equals(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => equals(item, b[i]));
  return (a ?? null) === (b ?? null);
}

/** research silent: SpEL's ordering: numbers numerically, strings by code unit, false < true, null below everything. */
function order(node: BinaryNode, a: unknown, b: unknown): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const type = describeType(a);
  if (type !== describeType(b) || !['string', 'number', 'boolean'].includes(type)) {
    return failAtOperator(node, `cannot compare ${describeType(a)} with ${describeType(b)} using '${node.operator}'`);
  }
  const x = a as string | number | boolean;
  const y = b as string | number | boolean;
  return x < y ? -1 : x > y ? 1 : 0;
}

function plus(node: BinaryNode, a: unknown, b: unknown): unknown {
  if (typeof a === 'number' && typeof b === 'number') return a + b;
  // research silent: SpEL concatenates when either side is a string, printing null as "null".
  // Other arithmetic (-, *, /) is left out.
  if (typeof a === 'string' || typeof b === 'string') return javaString(a) + javaString(b);
  return failAtOperator(node, `cannot add ${describeType(a)} and ${describeType(b)}`, 'concatenate with a string, e.g. "" + value');
}

class Evaluator {
  constructor(private readonly ctx: OktaExpressionContext) {}

  value(node: OktaNode): unknown {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'reference':
        return resolve(node, this.ctx);
      case 'unary': {
        const operand = this.value(node.operand);
        if (node.operator === '!') return !asBoolean(operand, node.operand, "the operand of '!'");
        if (typeof operand !== 'number') return fail(node.operand, `'-' needs a number but got ${describeType(operand)}`);
        return -operand;
      }
      case 'binary':
        return this.binary(node);
      case 'conditional':
        return this.choose(node.test, node.consequent, node.alternate);
      case 'elvis': {
        const value = this.value(node.value);
        return value === null || value === '' ? this.value(node.fallback) : value;
      }
      case 'call':
        return this.call(node);
    }
  }

  private choose(test: OktaNode, consequent: OktaNode, alternate: OktaNode): unknown {
    return asBoolean(this.value(test), test, 'the condition') ? this.value(consequent) : this.value(alternate);
  }

  private binary(node: BinaryNode): unknown {
    if (node.operator === 'AND' || node.operator === 'OR') {
      // Short-circuit, as SpEL does: the right side is not evaluated once the answer is known.
      const left = asBoolean(this.value(node.left), node.left, `the left side of ${node.operator}`);
      if (left === (node.operator === 'OR')) return left;
      return asBoolean(this.value(node.right), node.right, `the right side of ${node.operator}`);
    }
    const left = this.value(node.left);
    const right = this.value(node.right);
    switch (node.operator) {
      case '==':
        return equals(left, right);
      case '!=':
        return !equals(left, right);
      case '<':
        return order(node, left, right) < 0;
      case '>':
        return order(node, left, right) > 0;
      case '<=':
        return order(node, left, right) <= 0;
      case '>=':
        return order(node, left, right) >= 0;
      case '+':
        return plus(node, left, right);
      case 'matches': {
        // research silent: SpEL's `matches` is a whole-string Java match and refuses a null input.
        if (typeof left !== 'string') return fail(node.left, `'matches' needs a string on the left but got ${describeType(left)}`);
        if (typeof right !== 'string') return fail(node.right, `'matches' needs a pattern string but got ${describeType(right)}`);
        return compileJavaRegex(right, 'whole', node.right).test(left);
      }
    }
  }

  private call(node: CallNode): unknown {
    const [test, consequent, alternate] = node.args;
    if (node.name === 'IIF' && test && consequent && alternate) return this.choose(test, consequent, alternate);
    const definition = OKTA_FUNCTIONS[canonicalFunctionName(node.name)];
    if (definition === undefined) return fail(node, `unknown function '${node.name}'`);
    const args = node.args.map((arg) => ({ value: this.value(arg), node: arg }));
    return definition.call(args, { groups: this.ctx.groups });
  }
}

/** Evaluate a parsed expression against one user; throws `OktaExpressionError` on a type error. */
export function evaluateOktaAst(node: OktaNode, ctx: OktaExpressionContext): unknown {
  return new Evaluator(ctx).value(node);
}
