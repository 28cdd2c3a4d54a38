import type { CallNode, EntraNode } from './ast.js';
import type { EntraValue } from './values.js';

export interface Argument {
  node: EntraNode;
  /** Evaluated on first use and remembered, so IIF, Switch and Coalesce evaluate only what they pick. */
  value(): EntraValue;
}

/** What a function may use besides its arguments. */
export interface FunctionScope {
  /** The call being evaluated; evaluation errors point at it. */
  call: CallNode;
  /** A source attribute's value, absent as null (IIF checks the ones its condition reads). */
  attribute(name: string): EntraValue;
  now(): Date;
  /** Seeded, in [0, 1). */
  random(): number;
  /** IgnoreFlowIfNullOrEmpty: leave the target attribute out of the flow. */
  ignoreFlow(): void;
}

export interface EntraFunction {
  /** Parameters for messages, e.g. `(source, start, length)`; optional ones in brackets. */
  params: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  /** 0-based positions that may be left empty (`Switch([x], , …)`); an empty argument anywhere else is refused. */
  optional?: readonly number[];
  /** Arguments from this position on come in key/value pairs (Switch). */
  pairsAfter?: number;
  /** Only valid as the whole expression (SelectUniqueValue, IgnoreFlowIfNullOrEmpty). */
  topLevelOnly?: boolean;
  /** Checks the parser makes beyond the argument count, e.g. Replace's parameter combinations. */
  check?(call: CallNode): void;
  evaluate(args: Argument[], scope: FunctionScope): EntraValue;
}
