/** A filter or path that does not follow the RFC 7644 grammar. `position` is a 0-based offset. */
export class FilterSyntaxError extends Error {
  override readonly name = 'FilterSyntaxError';
  /** The message without the position, e.g. `expected a value after 'eq'`. */
  readonly reason: string;
  readonly position: number;

  constructor(reason: string, position: number) {
    super(`${reason} at position ${position}`);
    this.reason = reason;
    this.position = position;
  }
}

/**
 * A filter that parses but cannot be evaluated as asked, e.g. `gt` on a boolean attribute
 * (RFC 7644 §3.4.2.2: 400 with `scimType` `invalidFilter`).
 */
export class InvalidFilterError extends Error {
  override readonly name = 'InvalidFilterError';
  readonly scimType = 'invalidFilter';
}
