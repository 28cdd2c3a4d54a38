import type { OktaNode } from './ast.js';
import { canonicalFunctionName } from './functions.js';

// Binding strength, loosest first; a child weaker than its slot needs parentheses.
const CONDITIONAL = 1;
const OR = 2;
const AND = 3;
const COMPARE = 4;
const SUM = 5;
const UNARY = 6;
const PRIMARY = 7;

function strength(node: OktaNode): number {
  switch (node.kind) {
    case 'conditional':
    case 'elvis':
      return CONDITIONAL;
    case 'binary':
      if (node.operator === 'OR') return OR;
      if (node.operator === 'AND') return AND;
      return node.operator === '+' ? SUM : COMPARE;
    case 'unary':
      return UNARY;
    case 'call':
      return node.name === 'IIF' ? CONDITIONAL : PRIMARY;
    default:
      return PRIMARY;
  }
}

function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function conditional(test: OktaNode, consequent: OktaNode, alternate: OktaNode): string {
  // A conditional inside the true branch parses without parentheses, but reads ambiguously.
  return `${format(test, OR)} ? ${format(consequent, OR)} : ${format(alternate, CONDITIONAL)}`;
}

function format(node: OktaNode, slot: number): string {
  const text = formatNode(node);
  return strength(node) < slot ? `(${text})` : text;
}

function formatNode(node: OktaNode): string {
  switch (node.kind) {
    case 'literal':
      return typeof node.value === 'string' ? quote(node.value) : String(node.value);
    case 'reference':
      return `${node.scope}.${node.attribute}`;
    case 'call': {
      const [test, consequent, alternate] = node.args;
      if (node.name === 'IIF' && test && consequent && alternate) return conditional(test, consequent, alternate);
      return `${canonicalFunctionName(node.name)}(${node.args.map((arg) => format(arg, CONDITIONAL)).join(', ')})`;
    }
    case 'unary':
      return `${node.operator}${format(node.operand, UNARY)}`;
    case 'binary': {
      const own = strength(node);
      // AND, OR and + associate to the left; comparisons do not chain at all.
      const leftSlot = own === COMPARE ? own + 1 : own;
      return `${format(node.left, leftSlot)} ${node.operator} ${format(node.right, own + 1)}`;
    }
    case 'conditional':
      return conditional(node.test, node.consequent, node.alternate);
    case 'elvis':
      return `${format(node.value, OR)} ?: ${format(node.fallback, CONDITIONAL)}`;
  }
}

/**
 * Print an AST as canonical, documented Okta EL: `AND`/`OR`, double quotes, minimal parentheses,
 * and the compatibility and deprecated forms replaced (`IIF(c, a, b)` becomes `c ? a : b`,
 * `isMemberOf` becomes `isMemberOfGroupName`, `toUpperCase` becomes `String.toUpperCase`).
 */
export function formatOktaExpression(node: OktaNode): string {
  return format(node, CONDITIONAL);
}
