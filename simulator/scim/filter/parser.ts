import {
  COMPARE_OPERATORS,
  type AttributePath,
  type CompareOperator,
  type FilterNode,
  type FilterValue,
  type PatchPath,
} from './ast.js';
import { FilterSyntaxError } from './errors.js';
import { tokenize, type Token } from './tokenizer.js';

/**
 * Recursive-descent parser for the RFC 7644 §3.4.2.2 filter grammar (Figure 1):
 *
 *   filter     = orExpr
 *   orExpr     = andExpr *("or" andExpr)
 *   andExpr    = unary *("and" unary)
 *   unary      = "not" "(" orExpr ")" / "(" orExpr ")" / attrExp / valuePath
 *   attrExp    = attrPath "pr" / attrPath compareOp compValue
 *   valuePath  = attrPath "[" valFilter "]"          ; valFilter: like filter, no nested valuePath
 *
 * Precedence: not > and > or. Keywords, operators and `true`/`false`/`null` are
 * case-insensitive (RFC 5234 strings). One extension beyond the RFC filter grammar, because
 * clients send it (Entra's matching on `emails[type eq "work"].value`): a value path may be
 * followed by `.subAttr` and an operator, `emails[type eq "work"].value eq "x"`, which means
 * `emails[type eq "work" and value eq "x"]`.
 */

/** Parentheses, `not` and brackets deeper than this are refused (keeps recursion bounded). */
export const MAX_FILTER_DEPTH = 50;

const OPERATORS = new Set<string>(COMPARE_OPERATORS);
const ATTRIBUTE_NAME = /^(?:\$ref|[A-Za-z][A-Za-z0-9_-]*)$/i;
const EXPECTED_START = "expected an attribute name, 'not' or '('";

function describe(token: Token): string {
  return token.kind === 'end' ? 'end of input' : `'${token.text}'`;
}

/** Turn a word token into an attribute path, or throw. */
function attributePath(token: Token): AttributePath {
  if (token.kind !== 'word') {
    throw new FilterSyntaxError(token.kind === 'end' ? `unexpected end of input, ${EXPECTED_START}` : `unexpected ${describe(token)}, ${EXPECTED_START}`, token.start);
  }
  const text = token.text;
  let schema: string | undefined;
  let rest = text;
  if (/^urn:/i.test(text)) {
    const cut = text.lastIndexOf(':');
    schema = text.slice(0, cut);
    rest = text.slice(cut + 1);
    if (rest === '') throw new FilterSyntaxError(`attribute name missing after schema URN '${schema}'`, token.end);
  }
  const parts = rest.split('.');
  if (parts.length > 2 || !parts.every((part) => ATTRIBUTE_NAME.test(part))) {
    throw new FilterSyntaxError(`'${text}' is not a valid attribute path`, token.start);
  }
  return {
    ...(schema !== undefined ? { schema } : {}),
    attribute: parts[0]!,
    ...(parts[1] !== undefined ? { subAttribute: parts[1] } : {}),
    position: token.start,
  };
}

class Parser {
  private index = 0;
  private depth = 0;

  constructor(private readonly tokens: Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index += 1;
    return token;
  }

  isWord(token: Token, word: string): boolean {
    return token.kind === 'word' && token.text.toLowerCase() === word;
  }

  enter(position: number): void {
    this.depth += 1;
    if (this.depth > MAX_FILTER_DEPTH) throw new FilterSyntaxError(`filter nests deeper than ${MAX_FILTER_DEPTH} levels`, position);
  }

  leave(): void {
    this.depth -= 1;
  }

  expect(kind: Token['kind'], what: string, opener?: Token): Token {
    const token = this.peek();
    if (token.kind !== kind) {
      const context = opener ? ` to close the '${opener.text}' at position ${opener.start}` : '';
      throw new FilterSyntaxError(`expected ${what}${context}, found ${describe(token)}`, token.start);
    }
    return this.next();
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind === 'end') return;
    if (token.kind === 'rparen' || token.kind === 'rbracket') throw new FilterSyntaxError(`unbalanced '${token.text}'`, token.start);
    throw new FilterSyntaxError(`unexpected ${describe(token)}, expected 'and', 'or' or the end of the filter`, token.start);
  }

  parseOr(inner: boolean): FilterNode {
    const filters = [this.parseAnd(inner)];
    while (this.isWord(this.peek(), 'or')) {
      this.next();
      filters.push(this.parseAnd(inner));
    }
    return filters.length === 1 ? filters[0]! : { type: 'or', filters };
  }

  parseAnd(inner: boolean): FilterNode {
    const filters = [this.parseUnary(inner)];
    while (this.isWord(this.peek(), 'and')) {
      this.next();
      filters.push(this.parseUnary(inner));
    }
    return filters.length === 1 ? filters[0]! : { type: 'and', filters };
  }

  parseGroup(inner: boolean): FilterNode {
    const opener = this.next();
    this.enter(opener.start);
    const node = this.parseOr(inner);
    this.expect('rparen', "')'", opener);
    this.leave();
    return node;
  }

  parseUnary(inner: boolean): FilterNode {
    const token = this.peek();
    if (token.kind === 'lparen') return this.parseGroup(inner);
    if (this.isWord(token, 'not')) {
      this.next();
      if (this.peek().kind !== 'lparen') {
        throw new FilterSyntaxError(`expected '(' after 'not', found ${describe(this.peek())}`, this.peek().start);
      }
      this.enter(token.start);
      const filter = this.parseGroup(inner);
      this.leave();
      return { type: 'not', filter };
    }
    return this.parseAttributeExpression(inner);
  }

  parseAttributeExpression(inner: boolean): FilterNode {
    const token = this.peek();
    if (this.isWord(token, 'and') || this.isWord(token, 'or')) {
      throw new FilterSyntaxError(`unexpected '${token.text}', ${EXPECTED_START}`, token.start);
    }
    const path = attributePath(this.next());
    const bracket = this.peek();
    if (bracket.kind !== 'lbracket') return this.parseOperation(path);
    if (inner) throw new FilterSyntaxError('value filters cannot be nested', bracket.start);
    if (path.subAttribute !== undefined) {
      throw new FilterSyntaxError(`a value filter must follow an attribute, not the sub-attribute '${path.attribute}.${path.subAttribute}'`, bracket.start);
    }
    const filter = this.parseBracket();
    const after = this.peek();
    if (after.kind === 'word' && after.text.startsWith('.') && !after.spaced) {
      // Extension: `emails[type eq "work"].value eq "x"` = `emails[type eq "work" and value eq "x"]`.
      const sub = this.subAttribute(this.next());
      const condition = this.parseOperation({ attribute: sub, position: after.start + 1 });
      return { type: 'valuePath', path, filter: { type: 'and', filters: [filter, condition] } };
    }
    return { type: 'valuePath', path, filter };
  }

  parseBracket(): FilterNode {
    const opener = this.next();
    this.enter(opener.start);
    if (this.peek().kind === 'rbracket') throw new FilterSyntaxError('empty value filter', this.peek().start);
    const filter = this.parseOr(true);
    this.expect('rbracket', "']'", opener);
    this.leave();
    return filter;
  }

  subAttribute(token: Token): string {
    const name = token.text.slice(1);
    if (!ATTRIBUTE_NAME.test(name)) throw new FilterSyntaxError(`'${name}' is not a valid sub-attribute name`, token.start + 1);
    return name;
  }

  parseOperation(path: AttributePath): FilterNode {
    const token = this.next();
    const word = token.kind === 'word' ? token.text.toLowerCase() : '';
    if (word === 'pr') return { type: 'present', path };
    if (OPERATORS.has(word)) return { type: 'compare', path, operator: word as CompareOperator, value: this.parseValue(word) };
    const name = path.subAttribute !== undefined ? `${path.attribute}.${path.subAttribute}` : path.attribute;
    if (token.kind === 'end') {
      throw new FilterSyntaxError(`expected an operator (eq, ne, co, sw, ew, gt, ge, lt, le, pr) after '${name}'`, token.start);
    }
    throw new FilterSyntaxError(`unknown operator ${describe(token)} after '${name}' (expected eq, ne, co, sw, ew, gt, ge, lt, le or pr)`, token.start);
  }

  parseValue(operator: string): FilterValue {
    const token = this.next();
    if (token.kind === 'string' || token.kind === 'number') return token.value!;
    if (token.kind === 'word') {
      const word = token.text.toLowerCase();
      if (word === 'true') return true;
      if (word === 'false') return false;
      if (word === 'null') return null;
      throw new FilterSyntaxError(`unquoted value '${token.text}': string values must be in double quotes`, token.start);
    }
    throw new FilterSyntaxError(`expected a value (a quoted string, number, true, false or null) after '${operator}', found ${describe(token)}`, token.start);
  }
}

function tokensOf(text: unknown, what: string): Token[] {
  if (typeof text !== 'string') throw new FilterSyntaxError(`${what} must be a string`, 0);
  const tokens = tokenize(text);
  if (tokens[0]!.kind === 'end') throw new FilterSyntaxError(`empty ${what}`, 0);
  return tokens;
}

/** Parse a SCIM filter. Throws `FilterSyntaxError` (with a 0-based position) when it is not one. */
export function parseFilter(text: string): FilterNode {
  const parser = new Parser(tokensOf(text, 'filter'));
  const node = parser.parseOr(false);
  parser.expectEnd();
  return node;
}

/**
 * Parse a PATCH path (RFC 7644 §3.5.2, Figure 7): `attrPath / valuePath [subAttr]`, e.g.
 * `members`, `name.givenName`, `emails[type eq "work"].value`, `members[value eq "2819c223"]`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager`.
 */
export function parsePath(text: string): PatchPath {
  const parser = new Parser(tokensOf(text, 'path'));
  const first = parser.next();
  const path = attributePath(first);
  const result: PatchPath = {
    ...(path.schema !== undefined ? { schema: path.schema } : {}),
    attribute: path.attribute,
    ...(path.subAttribute !== undefined ? { subAttribute: path.subAttribute } : {}),
    text,
  };
  const bracket = parser.peek();
  if (bracket.kind === 'lbracket') {
    if (path.subAttribute !== undefined) {
      throw new FilterSyntaxError(`a value filter must follow an attribute, not the sub-attribute '${path.attribute}.${path.subAttribute}'`, bracket.start);
    }
    result.filter = parser.parseBracket();
    const after = parser.peek();
    if (after.kind === 'word' && after.text.startsWith('.') && !after.spaced) {
      result.subAttribute = parser.subAttribute(parser.next());
    }
  }
  const rest = parser.peek();
  if (rest.kind !== 'end') throw new FilterSyntaxError(`unexpected ${describe(rest)} in path`, rest.start);
  return result;
}

function formatAttributePath(path: { schema?: string; attribute: string; subAttribute?: string }): string {
  const name = path.subAttribute !== undefined ? `${path.attribute}.${path.subAttribute}` : path.attribute;
  return path.schema !== undefined ? `${path.schema}:${name}` : name;
}

/** Write a filter back as text (normalised: lower-case operators, JSON literals, minimal parentheses). */
export function formatFilter(node: FilterNode): string {
  switch (node.type) {
    case 'compare':
      return `${formatAttributePath(node.path)} ${node.operator} ${JSON.stringify(node.value)}`;
    case 'present':
      return `${formatAttributePath(node.path)} pr`;
    case 'not':
      return `not (${formatFilter(node.filter)})`;
    case 'valuePath':
      return `${formatAttributePath(node.path)}[${formatFilter(node.filter)}]`;
    case 'and':
    case 'or':
      return node.filters
        .map((child) => (child.type === 'or' && node.type === 'and' ? `(${formatFilter(child)})` : formatFilter(child)))
        .join(` ${node.type} `);
  }
}

/** Write a PATCH path back as text. */
export function formatPath(path: PatchPath): string {
  const head = formatAttributePath({ ...(path.schema !== undefined ? { schema: path.schema } : {}), attribute: path.attribute });
  if (path.filter) return `${head}[${formatFilter(path.filter)}]${path.subAttribute !== undefined ? `.${path.subAttribute}` : ''}`;
  return formatAttributePath(path);
}
