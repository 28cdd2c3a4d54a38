import type { CallNode, EntraNode } from './ast.js';
import { compare } from './compare.js';
import type { Argument, FunctionScope } from './function-types.js';
import { lookupFunction } from './functions.js';
import { fail, type EntraValue } from './values.js';

export interface EntraExpressionContext {
  /** A source attribute's value, by the exact name written in [brackets]; undefined/null = absent. */
  attribute(name: string): EntraValue | undefined;
  /** For Now(), DateAdd etc. (the scenario's virtual clock). */
  now(): Date;
  /** Seeded randomness for Guid() and RandomString(); returns [0,1). */
  random(): number;
}

export interface EntraEvaluation {
  value: EntraValue;
  /** IgnoreFlowIfNullOrEmpty fired: the attribute is left out of the flow. */
  ignoreFlow: boolean;
}

/** An argument evaluated at most once, and only if the function asks for it. */
function lazyArgument(node: EntraNode, evaluate: (node: EntraNode) => EntraValue): Argument {
  let cached: { value: EntraValue } | undefined;
  return {
    node,
    value: () => {
      cached ??= { value: evaluate(node) };
      return cached.value;
    },
  };
}

class Evaluator {
  ignoreFlow = false;

  constructor(private readonly ctx: EntraExpressionContext) {}

  /**
   * research silent on an empty multi-valued attribute: it reads as absent, since Entra does not
   * flow empty values. Lists are copied so a caller's edits cannot reach the source.
   */
  attribute(name: string): EntraValue {
    const value = this.ctx.attribute(name);
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return null;
    return Array.isArray(value) ? [...value] : value;
  }

  value(node: EntraNode): EntraValue {
    switch (node.kind) {
      case 'string':
      case 'number':
      case 'constant':
        return node.value;
      case 'empty':
        return null;
      case 'attribute':
        return this.attribute(node.name);
      case 'comparison':
        return compare(node, this.value(node.left), this.value(node.right));
      case 'call':
        return this.call(node);
    }
  }

  private call(node: CallNode): EntraValue {
    const definition = lookupFunction(node.name);
    if (definition === undefined) return fail(node, 'unknown function');
    const scope: FunctionScope = {
      call: node,
      attribute: (name) => this.attribute(name),
      now: () => this.ctx.now(),
      random: () => this.ctx.random(),
      ignoreFlow: () => {
        this.ignoreFlow = true;
      },
    };
    return definition.evaluate(
      node.args.map((arg) => lazyArgument(arg, (inner) => this.value(inner))),
      scope,
    );
  }
}

/** Evaluate a parsed expression for one object; throws `EntraExpressionError` at the failing call. */
export function evaluateEntraAst(node: EntraNode, ctx: EntraExpressionContext): EntraEvaluation {
  const evaluator = new Evaluator(ctx);
  const value = evaluator.value(node);
  return { value, ignoreFlow: evaluator.ignoreFlow };
}
