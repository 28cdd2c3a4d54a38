import { ExpressionError } from '../expression-error.js';

/**
 * A malformed or unevaluable Entra ID expression. `position` and `length` locate the offending
 * token in the expression text (0-based); evaluation errors point at the function call.
 */
export class EntraExpressionError extends ExpressionError {
  override readonly name = 'EntraExpressionError';
}
