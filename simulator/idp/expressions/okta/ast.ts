/** Every node records where it came from, so evaluation errors can point at the source. */
interface Located {
  /** 0-based offset of the node's first character in the expression text. */
  position: number;
  /** Characters the node spans in the expression text. */
  length: number;
}

export interface LiteralNode extends Located {
  kind: 'literal';
  value: string | number | boolean | null;
}

/** `user.firstName`, `appuser.licenseType`, `<appName>.licenseType`. */
export interface ReferenceNode extends Located {
  kind: 'reference';
  /** `user`, `appuser` or an app name; resolved at evaluation time, when the app name is known. */
  scope: string;
  attribute: string;
}

/** `String.substring(...)`, `isMemberOfGroupName(...)`, and the compatibility forms `IIF(...)`, `isMemberOf(...)`. */
export interface CallNode extends Located {
  kind: 'call';
  /** The name as written, dots included. */
  name: string;
  /** Span of the name alone, for errors about the function itself. */
  nameLength: number;
  args: OktaNode[];
}

export interface UnaryNode extends Located {
  kind: 'unary';
  operator: '!' | '-';
  operand: OktaNode;
}

export type BinaryOperator = 'OR' | 'AND' | '==' | '!=' | '<' | '>' | '<=' | '>=' | 'matches' | '+';

export interface BinaryNode extends Located {
  kind: 'binary';
  operator: BinaryOperator;
  /** Where the operator itself was written (`&&` and `and` normalise to `AND`, so its length is kept too). */
  operatorPosition: number;
  operatorLength: number;
  left: OktaNode;
  right: OktaNode;
}

/** `test ? consequent : alternate`. */
export interface ConditionalNode extends Located {
  kind: 'conditional';
  test: OktaNode;
  consequent: OktaNode;
  alternate: OktaNode;
}

/** `value ?: fallback`: the fallback when the value is null or the empty string. */
export interface ElvisNode extends Located {
  kind: 'elvis';
  value: OktaNode;
  fallback: OktaNode;
}

export type OktaNode = LiteralNode | ReferenceNode | CallNode | UnaryNode | BinaryNode | ConditionalNode | ElvisNode;
