import type { ComparisonNode } from './ast.js';
import { EntraExpressionError } from './errors.js';
import { FALSE, describe, fromBoolean, isDecimal, type EntraValue } from './values.js';

/**
 * `=`, `<>`, `>`, `>=`, `<`, `<=` (E-FUNC). research silent on how values compare: as numbers
 * when both sides are decimal text (so `DateDiff(…) > 5` works), otherwise as exact,
 * case-sensitive strings like Switch. A null side fails the check whatever the operator, as a
 * null attribute does in IIF.
 */
export function compare(node: ComparisonNode, left: EntraValue, right: EntraValue): string {
  if (Array.isArray(left) || Array.isArray(right)) {
    const list = Array.isArray(left) ? left : right;
    throw new EntraExpressionError(`'${node.operator}' compares single values but got ${describe(list)}`, node.operatorPosition, node.operator.length);
  }
  if (left === null || right === null) return FALSE;
  const order = isDecimal(left) && isDecimal(right) ? Math.sign(Number(left) - Number(right)) : left < right ? -1 : left > right ? 1 : 0;
  switch (node.operator) {
    case '=':
      return fromBoolean(order === 0);
    case '<>':
      return fromBoolean(order !== 0);
    case '>':
      return fromBoolean(order > 0);
    case '>=':
      return fromBoolean(order >= 0);
    case '<':
      return fromBoolean(order < 0);
    case '<=':
      return fromBoolean(order <= 0);
  }
}
