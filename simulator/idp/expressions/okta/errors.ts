import { ExpressionError } from '../expression-error.js';

/**
 * A malformed or unevaluable Okta expression. `position` and `length` locate the offending
 * token in the expression text (0-based), so a caller can underline it.
 */
export class OktaExpressionError extends ExpressionError {
  override readonly name = 'OktaExpressionError';
}

/** Something that works but should be written differently; `suggestion` is the whole expression rewritten. */
export interface OktaExpressionWarning {
  message: string;
  position: number;
  suggestion?: string;
}
