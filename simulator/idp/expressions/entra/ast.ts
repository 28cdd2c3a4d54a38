/** Every node records where it came from, so errors can point at the source. */
interface Located {
  /** 0-based offset of the node's first character in the expression text. */
  position: number;
  /** Characters the node spans in the expression text. */
  length: number;
}

/** `"United States"`, with its escapes decoded. */
export interface StringNode extends Located {
  kind: 'string';
  value: string;
}

/** `3`, `-10`, `&HF7`: Entra values are strings, so `value` is the decimal text. */
export interface NumberNode extends Located {
  kind: 'number';
  value: string;
}

/** A documented named constant: `vbTextCompare`, `vbBinaryCompare`, `True`, `False`. */
export interface ConstantNode extends Located {
  kind: 'constant';
  name: string;
  value: string;
}

/** `[userPrincipalName]`: a source attribute, by its exact name. */
export interface AttributeNode extends Located {
  kind: 'attribute';
  name: string;
}

/** An argument left out between commas, e.g. Switch's default in `Switch([x], , "a", "b")`; evaluates to null. */
export interface EmptyNode extends Located {
  kind: 'empty';
}

export type ComparisonOperator = '=' | '<>' | '>' | '>=' | '<' | '<=';

/** `[country]="USA"`: IIF's condition (and CBool's argument); evaluates to "True" or "False". */
export interface ComparisonNode extends Located {
  kind: 'comparison';
  operator: ComparisonOperator;
  operatorPosition: number;
  left: EntraNode;
  right: EntraNode;
}

/** `Name(arg, …)`; the name is case-sensitive and known to the parser. */
export interface CallNode extends Located {
  kind: 'call';
  name: string;
  /** Span of the name alone, for errors about the function itself. */
  nameLength: number;
  args: EntraNode[];
}

export type EntraNode = StringNode | NumberNode | ConstantNode | AttributeNode | EmptyNode | ComparisonNode | CallNode;

/** Source attribute names an expression (or part of one) reads, in first-use order. */
export function referencedAttributes(node: EntraNode): string[] {
  const names = new Set<string>();
  const visit = (current: EntraNode): void => {
    if (current.kind === 'attribute') names.add(current.name);
    else if (current.kind === 'call') current.args.forEach(visit);
    else if (current.kind === 'comparison') {
      visit(current.left);
      visit(current.right);
    }
  };
  visit(node);
  return [...names];
}
