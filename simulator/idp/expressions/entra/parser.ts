import type { CallNode, ComparisonOperator, EntraNode } from './ast.js';
import { EntraExpressionError } from './errors.js';
import type { EntraFunction } from './function-types.js';
import { ENTRA_CONSTANTS, ENTRA_FUNCTIONS, didYouMean, lookupFunction } from './functions.js';
import { tokenize, type Token } from './tokenizer.js';

/*
 * Grammar (VBA-like, E-FUNC):
 *   expression := operand ( comparison operand )?      one comparison at most; no AND/OR
 *   operand    := "string" | number | [attribute] | constant | Name '(' arguments? ')'
 *   arguments  := argument ( ',' argument )*          an argument may be left empty: F(a, , b)
 * The whole expression must be a function call or an [attribute].
 */

/** Entra refuses longer expressions (research §2.8 #15). */
export const MAX_EXPRESSION_LENGTH = 10_000;

const COMPARISONS = new Set<string>(['=', '<>', '>', '>=', '<', '<=']);
const LOGICAL_WORDS = new Set(['and', 'or', 'not']);

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `'${token.text}'`;
}

/** `AND`/`OR` in any case is the commonest attempt at what IIF cannot do. */
function logicalHint(token: Token): string | undefined {
  if (token.kind !== 'identifier' || !LOGICAL_WORDS.has(token.text.toLowerCase())) return undefined;
  return 'IIF has no AND/OR: nest IIFs, along valueIfTrue for AND and along valueIfFalse for OR; negate with Not(…)';
}

class Parser {
  private index = 0;
  /** How many calls enclose the current position; 0 is the top level. */
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): EntraNode {
    const node = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') {
      throw this.error(`unexpected ${describe(next)} after a complete expression`, next, logicalHint(next) ?? 'combine values with a function such as Append or Join');
    }
    checkTopLevel(node);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private advance(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isOperator(text: string): boolean {
    const token = this.peek();
    return token.kind === 'operator' && token.text === text;
  }

  private isComparison(): boolean {
    const token = this.peek();
    return token.kind === 'operator' && COMPARISONS.has(token.text);
  }

  private error(reason: string, token: Token, hint?: string): EntraExpressionError {
    return new EntraExpressionError(reason, token.start, token.end - token.start, hint);
  }

  private expression(): EntraNode {
    const left = this.operand();
    if (!this.isComparison()) return left;
    const operator = this.advance();
    const right = this.operand();
    if (this.isComparison()) throw this.error('comparisons do not chain', this.peek(), 'nest IIFs instead');
    const end = right.position + right.length;
    return { kind: 'comparison', operator: operator.text as ComparisonOperator, operatorPosition: operator.start, left, right, position: left.position, length: end - left.position };
  }

  private operand(): EntraNode {
    const token = this.advance();
    const span = { position: token.start, length: token.end - token.start };
    switch (token.kind) {
      case 'string':
        return { kind: 'string', value: token.value!, ...span };
      case 'number':
        return { kind: 'number', value: token.value!, ...span };
      case 'attribute':
        return { kind: 'attribute', name: token.value!, ...span };
      case 'identifier':
        return this.isOperator('(') ? this.call(token) : this.constant(token);
      default: {
        const hint = token.text === '(' ? 'Entra expressions have no grouping parentheses' : undefined;
        throw this.error(`expected a value but found ${describe(token)}`, token, hint);
      }
    }
  }

  private constant(token: Token): EntraNode {
    const name = token.text;
    if (Object.hasOwn(ENTRA_CONSTANTS, name)) {
      return { kind: 'constant', name, value: ENTRA_CONSTANTS[name]!, position: token.start, length: token.end - token.start };
    }
    if (lookupFunction(name)) throw this.error(`'${name}' is a function`, token, `call it: ${name}(…)`);
    const logical = logicalHint(token);
    if (logical) throw this.error(`'${name}' is not an operator`, token, logical);
    const hint = didYouMean(name, Object.keys(ENTRA_CONSTANTS)) ?? `write [${name}] for an attribute or "${name}" for a string`;
    throw this.error(`unknown name '${name}'`, token, hint);
  }

  private call(nameToken: Token): CallNode {
    const name = nameToken.text;
    const definition = lookupFunction(name);
    if (definition === undefined) throw this.error(`unknown function '${name}'`, nameToken, didYouMean(name, Object.keys(ENTRA_FUNCTIONS)));
    this.advance(); // (
    this.depth += 1;
    const args: EntraNode[] = [];
    if (!this.isOperator(')')) {
      for (;;) {
        const empty = this.isOperator(',') || this.isOperator(')');
        args.push(empty ? { kind: 'empty', position: this.peek().start, length: 0 } : this.expression());
        if (this.isOperator(',')) {
          this.advance();
          continue;
        }
        if (this.isOperator(')')) break;
        const found = this.peek();
        const hint = logicalHint(found) ?? (found.kind === 'end' ? `close ${name}( with ')'` : undefined);
        throw this.error(`expected ',' or ')' in the arguments of ${name} but found ${describe(found)}`, found, hint);
      }
    }
    const close = this.advance();
    this.depth -= 1;
    const node: CallNode = { kind: 'call', name, nameLength: name.length, args, position: nameToken.start, length: close.end - nameToken.start };
    checkArguments(node, definition, this.depth === 0);
    return node;
  }
}

function checkArguments(node: CallNode, definition: EntraFunction, topLevel: boolean): void {
  const { name, args } = node;
  const { minArgs: min, maxArgs: max, pairsAfter } = definition;
  const signature = `${name}${definition.params}`;
  const count = args.length;
  const unpaired = pairsAfter !== undefined && count > pairsAfter && (count - pairsAfter) % 2 !== 0;
  if (count < min || count > max || unpaired) {
    const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    const plural = min === 1 && max === 1 ? 'argument' : 'arguments';
    const pairs = pairsAfter === undefined ? '' : ', keys and values in pairs,';
    throw new EntraExpressionError(`${name} expects ${expected} ${plural}${pairs} but got ${count}`, node.position, node.nameLength, signature);
  }
  const empty = args.findIndex((arg, i) => arg.kind === 'empty' && !definition.optional?.includes(i));
  if (empty !== -1) {
    throw new EntraExpressionError(`${name}: argument ${empty + 1} is empty but required`, args[empty]!.position, 0, signature);
  }
  if (definition.topLevelOnly && !topLevel) {
    throw new EntraExpressionError(`${name} must be the whole expression, not inside another function`, node.position, node.nameLength);
  }
  definition.check?.(node);
}

/** The docs define an expression "in terms of functions"; a bare [attribute] works like a Direct mapping. */
function checkTopLevel(node: EntraNode): void {
  if (node.kind === 'call' || node.kind === 'attribute') return;
  // research silent on a bare literal or comparison as a whole expression: refused, because the
  // docs require functions and Entra has a Constant mapping type for fixed values.
  const hint = node.kind === 'comparison' ? 'wrap the comparison: IIF(condition, "True", "False") or CBool(condition)' : 'for a fixed value use a Constant mapping';
  throw new EntraExpressionError('an expression must be a function call or an [attribute]', node.position, node.length, hint);
}

/** Parse an Entra expression into an AST; throws `EntraExpressionError` with the offending token's position. */
export function parseEntraAst(text: string): EntraNode {
  if (text.length > MAX_EXPRESSION_LENGTH) {
    throw new EntraExpressionError(
      `the expression is ${text.length} characters; Entra allows at most ${MAX_EXPRESSION_LENGTH}`,
      MAX_EXPRESSION_LENGTH,
      text.length - MAX_EXPRESSION_LENGTH,
      'split the logic across mappings or shorten it',
    );
  }
  return new Parser(tokenize(text)).parse();
}
