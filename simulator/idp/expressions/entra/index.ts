/**
 * Microsoft Entra ID's attribute-mapping expression language (research §2.9, Microsoft's
 * "Reference for writing expressions for attribute mappings"): parse once, evaluate per object.
 * Where the research is silent the code follows Microsoft's documented .NET/VBA behaviour and
 * says so in a comment starting "research silent".
 */
import { referencedAttributes, type EntraNode } from './ast.js';
import { evaluateEntraAst, type EntraEvaluation, type EntraExpressionContext } from './evaluate.js';
import { parseEntraAst } from './parser.js';

export type { EntraNode } from './ast.js';
export { EntraExpressionError } from './errors.js';
export type { EntraEvaluation, EntraExpressionContext } from './evaluate.js';
export type { EntraValue } from './values.js';

export interface EntraExpression {
  readonly text: string;
  readonly ast: EntraNode;
  /** Source attribute names referenced ([userPrincipalName] …), in first-use order. */
  readonly attributes: readonly string[];
  evaluate(ctx: EntraExpressionContext): EntraEvaluation;
}

/**
 * Parse an attribute-mapping expression. Throws `EntraExpressionError` for a syntax error, an
 * unknown or wrongly cased function, a wrong argument count, an expression over 10 000
 * characters, and the checks the functions make on their literal arguments.
 */
export function parseEntraExpression(text: string): EntraExpression {
  const ast = parseEntraAst(text);
  return {
    text,
    ast,
    attributes: Object.freeze(referencedAttributes(ast)),
    evaluate: (ctx) => evaluateEntraAst(ast, ctx),
  };
}
