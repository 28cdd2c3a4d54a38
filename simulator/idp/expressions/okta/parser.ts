import type { BinaryOperator, CallNode, OktaNode } from './ast.js';
import { OktaExpressionError } from './errors.js';
import { COMPATIBILITY_FORMS, OKTA_FUNCTIONS, canonicalFunctionName, closestFunctionName, isUnsupportedOktaFunction } from './functions.js';
import { tokenize, type Token } from './tokenizer.js';

/*
 * Grammar, following SpEL's precedence (Okta EL is SpEL-based, research §1.11):
 *   expression  := or ( '?:' expression | '?' expression ':' expression )?   right-associative
 *   or          := and ( ('OR' | '||') and )*
 *   and         := compare ( ('AND' | '&&') compare )*
 *   compare     := sum ( ('==' | '!=' | '<' | '>' | '<=' | '>=' | 'matches') sum )?   does not chain
 *   sum         := unary ( '+' unary )*
 *   unary       := ('!' | '-') unary | primary
 *   primary     := literal | '(' expression ')' | name ( '(' arguments ')' )?
 */

const COMPARISONS = new Set(['==', '!=', '<', '>', '<=', '>=']);
const NAMESPACES = new Set(['String', 'Convert', 'Arrays', 'Time', 'Iso3166Convert']);

/** research silent on keyword case: SpEL's keywords are case-insensitive, so `and` works like `AND`. */
function isKeyword(token: Token, keyword: string): boolean {
  return token.kind === 'identifier' && token.text.toUpperCase() === keyword;
}

function describe(token: Token): string {
  return token.kind === 'end' ? 'the end of the expression' : `'${token.text}'`;
}

class Parser {
  private index = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): OktaNode {
    const node = this.expression();
    const next = this.peek();
    if (next.kind !== 'end') {
      throw this.error(`unexpected ${describe(next)} after a complete expression`, next, 'remove it, or join it with an operator');
    }
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

  private error(reason: string, token: Token, hint?: string): OktaExpressionError {
    return new OktaExpressionError(reason, token.start, token.end - token.start, hint);
  }

  /** The location from `start` to the end of `last` (a token or a node). */
  private span(start: number, last: OktaNode | Token): { position: number; length: number } {
    const finish = 'kind' in last && 'start' in last ? last.end : last.position + last.length;
    return { position: start, length: finish - start };
  }

  private expression(): OktaNode {
    const test = this.or();
    if (this.isOperator('?:')) {
      this.advance();
      const fallback = this.expression();
      return { kind: 'elvis', value: test, fallback, ...this.span(test.position, fallback) };
    }
    if (this.isOperator('?')) {
      const question = this.advance();
      const consequent = this.expression();
      if (!this.isOperator(':')) {
        const found = this.peek();
        throw this.error(
          `expected ':' but found ${describe(found)}`,
          found,
          `the conditional '?' at position ${question.start} needs ': <value when false>'`,
        );
      }
      this.advance();
      const alternate = this.expression();
      return { kind: 'conditional', test, consequent, alternate, ...this.span(test.position, alternate) };
    }
    return test;
  }

  private binary(operator: BinaryOperator, token: Token, left: OktaNode, right: OktaNode): OktaNode {
    return {
      kind: 'binary',
      operator,
      operatorPosition: token.start,
      operatorLength: token.end - token.start,
      left,
      right,
      ...this.span(left.position, right),
    };
  }

  // Okta documents `AND` and `OR` (research §1.11); `&&` and `||` are SpEL synonyms we accept too
  // (research silent on whether Okta's validator allows them). The formatter writes AND/OR.
  private or(): OktaNode {
    let left = this.and();
    while (isKeyword(this.peek(), 'OR') || this.isOperator('||')) {
      const token = this.advance();
      left = this.binary('OR', token, left, this.and());
    }
    return left;
  }

  private and(): OktaNode {
    let left = this.compare();
    while (isKeyword(this.peek(), 'AND') || this.isOperator('&&')) {
      const token = this.advance();
      left = this.binary('AND', token, left, this.compare());
    }
    return left;
  }

  private comparisonOperator(): BinaryOperator | undefined {
    const token = this.peek();
    if (token.kind === 'operator' && COMPARISONS.has(token.text)) return token.text as BinaryOperator;
    if (isKeyword(token, 'MATCHES')) return 'matches';
    return undefined;
  }

  private compare(): OktaNode {
    const left = this.sum();
    const operator = this.comparisonOperator();
    if (operator === undefined) return left;
    const token = this.advance();
    const node = this.binary(operator, token, left, this.sum());
    if (this.comparisonOperator() !== undefined) {
      // research silent: SpEL's grammar allows one relational operator per operand pair, so `a < b < c` is an error.
      throw this.error(`comparisons do not chain: unexpected ${describe(this.peek())}`, this.peek(), 'add parentheses or join with AND');
    }
    return node;
  }

  private sum(): OktaNode {
    let left = this.unary();
    for (;;) {
      if (this.isOperator('+')) {
        const token = this.advance();
        left = this.binary('+', token, left, this.unary());
      } else if (this.isOperator('-')) {
        throw this.error("subtraction is not supported", this.peek(), 'scimsim evaluates only + among arithmetic operators');
      } else {
        return left;
      }
    }
  }

  private unary(): OktaNode {
    if (this.isOperator('!') || this.isOperator('-')) {
      const token = this.advance();
      const operand = this.unary();
      return { kind: 'unary', operator: token.text as '!' | '-', operand, ...this.span(token.start, operand) };
    }
    return this.primary();
  }

  private primary(): OktaNode {
    const token = this.advance();
    if (token.kind === 'string' || token.kind === 'number') {
      return { kind: 'literal', value: token.value!, ...this.span(token.start, token) };
    }
    if (token.kind === 'operator' && token.text === '(') {
      const inner = this.expression();
      if (!this.isOperator(')')) {
        throw this.error(`expected ')' but found ${describe(this.peek())}`, this.peek(), `to close '(' at position ${token.start}`);
      }
      this.advance();
      return inner;
    }
    if (token.kind === 'identifier') return this.name(token);
    throw this.error(`expected a value but found ${describe(token)}`, token);
  }

  /** A literal keyword, an attribute reference or a function call, all starting with a name. */
  private name(first: Token): OktaNode {
    const parts = [first];
    while (this.isOperator('.')) {
      this.advance();
      const part = this.advance();
      if (part.kind !== 'identifier') throw this.error(`expected a name after '.' but found ${describe(part)}`, part);
      parts.push(part);
    }
    const last = parts[parts.length - 1]!;
    const name = parts.map((part) => part.text).join('.');
    if (this.isOperator('(')) return this.call(name, first, last);

    if (parts.length === 1) {
      const word = first.text.toLowerCase();
      if (word === 'true' || word === 'false') return { kind: 'literal', value: word === 'true', ...this.span(first.start, first) };
      if (word === 'null') return { kind: 'literal', value: null, ...this.span(first.start, first) };
      throw this.error(`unknown name '${name}'`, first, 'write user.<attribute>, appuser.<attribute>, <appName>.<attribute> or a quoted string');
    }
    if (NAMESPACES.has(first.text) || COMPATIBILITY_FORMS[name] !== undefined) {
      throw new OktaExpressionError(`'${name}' is a function`, first.start, last.end - first.start, `call it: ${name}(...)`);
    }
    if (parts.length > 2) {
      throw new OktaExpressionError(`'${name}' is not an attribute reference`, first.start, last.end - first.start, 'Okta profiles are flat: write scope.attribute');
    }
    return { kind: 'reference', scope: first.text, attribute: last.text, ...this.span(first.start, last) };
  }

  private call(name: string, first: Token, last: Token): CallNode {
    const nameLength = last.end - first.start;
    const definition = OKTA_FUNCTIONS[canonicalFunctionName(name)];
    const compatibility = COMPATIBILITY_FORMS[name];
    if (definition === undefined && compatibility === undefined) {
      if (isUnsupportedOktaFunction(name)) {
        throw new OktaExpressionError(`function '${name}' is Okta EL but scimsim does not evaluate it`, first.start, nameLength);
      }
      const closest = closestFunctionName(name);
      throw new OktaExpressionError(`unknown function '${name}'`, first.start, nameLength, closest && `did you mean '${closest}'?`);
    }
    this.advance(); // (
    const args: OktaNode[] = [];
    if (!this.isOperator(')')) {
      for (;;) {
        args.push(this.expression());
        if (this.isOperator(',')) {
          this.advance();
          continue;
        }
        if (this.isOperator(')')) break;
        const found = this.peek();
        throw this.error(`expected ',' or ')' in the arguments of ${name} but found ${describe(found)}`, found);
      }
    }
    const close = this.advance();
    const node: CallNode = { kind: 'call', name, nameLength, args, ...this.span(first.start, close) };
    if (compatibility) checkArity(node, compatibility.params, compatibility.arity, compatibility.arity, undefined);
    else checkArity(node, definition!.params, definition!.minArgs, definition!.maxArgs, definition!.pairsAfter);
    return node;
  }
}

function checkArity(node: CallNode, params: string, min: number, max: number, pairsAfter: number | undefined): void {
  const count = node.args.length;
  const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
  const unpaired = pairsAfter !== undefined && count > pairsAfter && (count - pairsAfter) % 2 !== 0;
  if (count < min || count > max || unpaired) {
    const plural = min === 1 && max === 1 ? 'argument' : 'arguments';
    const pairs = pairsAfter === undefined ? '' : ', keys and values in pairs';
    throw new OktaExpressionError(`${node.name} expects ${expected} ${plural}${pairs} but got ${count}`, node.position, node.nameLength, `${node.name}${params}`);
  }
}

/** Parse Okta EL text into an AST; throws `OktaExpressionError` with the offending token's position. */
export function parseOktaAst(text: string): OktaNode {
  return new Parser(tokenize(text)).parse();
}
