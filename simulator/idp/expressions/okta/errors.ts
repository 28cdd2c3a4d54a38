/**
 * A malformed or unevaluable Okta expression. `position` and `length` locate the offending
 * token in the expression text (0-based), so a caller can underline it.
 */
export class OktaExpressionError extends Error {
  override readonly name = 'OktaExpressionError';
  /** The message without position and hint, e.g. `unknown function 'String.toUpper'`. */
  readonly reason: string;
  readonly position: number;
  readonly length: number;
  /** What to write instead, when we know (also appended to `message` in parentheses). */
  readonly hint: string | undefined;

  constructor(reason: string, position: number, length: number, hint?: string) {
    super(`${reason} at position ${position}${hint === undefined ? '' : ` (${hint})`}`);
    this.reason = reason;
    this.position = position;
    this.length = Math.max(length, 0);
    this.hint = hint;
  }
}

/** Something that works but should be written differently; `suggestion` is the whole expression rewritten. */
export interface OktaExpressionWarning {
  message: string;
  position: number;
  suggestion?: string;
}
