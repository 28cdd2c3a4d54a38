import type { Argument } from './values.js';

export interface OktaGroup {
  id: string;
  name: string;
}

/** What a function may look at besides its arguments. */
export interface FunctionScope {
  groups: ReadonlyArray<OktaGroup>;
}

export interface OktaFunction {
  /** Parameter list for messages, e.g. `(input, start, end)`. */
  params: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** Arguments after the first two come in key/value pairs (`String.stringSwitch`). */
  pairsAfter?: number;
  call(args: Argument[], scope: FunctionScope): unknown;
}
