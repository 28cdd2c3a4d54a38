/**
 * Okta Expression Language, the profile-mapping subset (research §1.11): parse once, evaluate per
 * user. Where the research is silent the code follows SpEL, Okta EL's base, and says so in a
 * comment starting "research silent".
 */
import type { OktaNode } from './ast.js';
import { OktaExpressionError, type OktaExpressionWarning } from './errors.js';
import { evaluateOktaAst, type OktaExpressionContext } from './evaluate.js';
import { formatOktaExpression } from './format.js';
import { COMPATIBILITY_FORMS, DEPRECATED_ALIASES } from './functions.js';
import { parseOktaAst } from './parser.js';

export type { OktaNode } from './ast.js';
export { OktaExpressionError, type OktaExpressionWarning } from './errors.js';
export type { OktaExpressionContext } from './evaluate.js';
export { formatOktaExpression } from './format.js';

export interface OktaExpressionOptions {
  /** Accept the seeds' non-Okta `IIF(...)` and `isMemberOf(...)`, with a warning (research §4.1). */
  compatibility?: boolean;
}

export interface OktaExpression {
  readonly text: string;
  readonly ast: OktaNode;
  /** Compatibility and deprecation warnings; every evaluation repeats them. */
  readonly warnings: readonly OktaExpressionWarning[];
  evaluate(ctx: OktaExpressionContext): { value: unknown; warnings: OktaExpressionWarning[] };
}

/** A spot in the expression that is accepted but should be written differently. */
interface Finding {
  compatibility: boolean;
  /** Whether the canonical rewrite fixes it (it does not for `matches`, which has no direct replacement). */
  rewritable: boolean;
  position: number;
  length: number;
  message: string;
}

/** Findings in source order (children before a later sibling, the call name before its arguments). */
function findings(node: OktaNode): Finding[] {
  const here: Finding[] = [];
  const children: OktaNode[] = [];
  switch (node.kind) {
    case 'call': {
      const form = COMPATIBILITY_FORMS[node.name];
      const replacement = DEPRECATED_ALIASES[node.name];
      if (form) here.push({ compatibility: true, rewritable: true, position: node.position, length: node.nameLength, message: form.why });
      if (replacement) {
        const message = `'${node.name}' is deprecated in Okta EL; use '${replacement}'`;
        here.push({ compatibility: false, rewritable: true, position: node.position, length: node.nameLength, message });
      }
      children.push(...node.args);
      break;
    }
    case 'binary':
      if (node.operator === 'matches') {
        const message = "'matches' is deprecated in Okta EL; it still evaluates (as a whole-string Java regex match)";
        here.push({ compatibility: false, rewritable: false, position: node.operatorPosition, length: node.operatorLength, message });
      }
      children.push(node.left, node.right);
      break;
    case 'unary':
      children.push(node.operand);
      break;
    case 'conditional':
      children.push(node.test, node.consequent, node.alternate);
      break;
    case 'elvis':
      children.push(node.value, node.fallback);
      break;
    default:
      break;
  }
  return [...here, ...children.flatMap(findings)].sort((a, b) => a.position - b.position);
}

/**
 * Parse an Okta Expression Language (profile mapping) expression. Throws `OktaExpressionError`
 * for a syntax error, an unknown function, a wrong argument count, or, unless
 * `compatibility` is set, the seeds' `IIF`/`isMemberOf` (the message gives the documented form).
 */
export function parseOktaExpression(text: string, options: OktaExpressionOptions = {}): OktaExpression {
  const ast = parseOktaAst(text);
  const found = findings(ast);
  const canonical = formatOktaExpression(ast);
  const firstCompatibility = found.find((finding) => finding.compatibility);
  if (firstCompatibility && !options.compatibility) {
    const { message, position, length } = firstCompatibility;
    throw new OktaExpressionError(message, position, length, `documented equivalent: ${canonical}`);
  }
  const warnings: OktaExpressionWarning[] = found.map(({ compatibility, rewritable, message, position }) => {
    const text = compatibility ? `${message}; accepted in compatibility mode` : message;
    return rewritable ? { message: text, position, suggestion: canonical } : { message: text, position };
  });
  return {
    text,
    ast,
    warnings,
    evaluate: (ctx) => ({ value: evaluateOktaAst(ast, ctx), warnings: warnings.map((warning) => ({ ...warning })) }),
  };
}
