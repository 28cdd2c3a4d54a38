/**
 * A malformed or unevaluable attribute-mapping expression, in either IdP's language.
 * `position` and `length` locate the offending token in the expression text (0-based),
 * so a caller can underline it. Each language subclasses it so callers can tell them apart.
 */
export class ExpressionError extends Error {
  override readonly name: string = 'ExpressionError';
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
