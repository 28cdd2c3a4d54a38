import { describe, expect, it } from 'vitest';
import { parseError, run, type Attributes } from './fixtures/context.js';
import { EntraExpressionError, parseEntraExpression, type EntraValue } from './index.js';

describe('accepted syntax', () => {
  it.each<[string, string, Attributes, EntraValue]>([
    ['a bare [attribute] works like a Direct mapping', '[userPrincipalName]', { userPrincipalName: 'jd@contoso.com' }, 'jd@contoso.com'],
    ['attribute names are taken exactly', '[extension_9a8b_costCenter]', { extension_9a8b_costCenter: '42' }, '42'],
    ['doc string escapes: \\" is a quote', 'Append("Company name: \\"Contoso\\"", "")', {}, 'Company name: "Contoso"'],
    ['doc string escapes: \\\\ is a backslash', 'Append("C:\\\\temp", "")', {}, 'C:\\temp'],
    ['white space and new lines between tokens', 'Append(\n  [a] ,\n\t".x"  )', { a: 'y' }, 'y.x'],
    ['negative numbers', 'Left("John", -1)', {}, 'John'],
    ['VBA hex numbers', 'BitAnd(&H0F, 255)', {}, '15'],
    ['VBA hex numbers, lower-case h', 'BitAnd(&hff, 256)', {}, '0'],
    ['decimal numbers compare numerically', 'IIF([a] >= 2.5, "y", "n")', { a: '10' }, 'y'],
    ['the True and False constants', 'Not(True)', {}, 'False'],
    ['empty trailing arguments', 'Replace([a], "x", , , "y", ,)', { a: 'axa' }, 'aya'],
    ['no arguments', 'Guid()', {}, expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown as string],
    ['a comparison as an argument', 'CBool(1 < 2)', {}, 'True'],
    ['exactly 10 000 characters', `Append([a], "${'x'.repeat(10_000 - 15)}")`, { a: '' }, 'x'.repeat(10_000 - 15)],
  ])('%s: %s', (_, text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });

  it('lists the attributes read, in first-use order, once each', () => {
    const expression = parseEntraExpression('Join("@", Mid([givenName], 1, 1), IIF([surname]<>"", [surname], [givenName]), [domain])');
    expect(expression.attributes).toEqual(['givenName', 'surname', 'domain']);
    expect(expression.text).toBe('Join("@", Mid([givenName], 1, 1), IIF([surname]<>"", [surname], [givenName]), [domain])');
  });

  it('records positions in the AST', () => {
    const { ast } = parseEntraExpression('Left( [a], 3)');
    expect(ast).toMatchObject({ kind: 'call', name: 'Left', position: 0, length: 13, nameLength: 4 });
    expect(ast.kind === 'call' && ast.args).toEqual([
      { kind: 'attribute', name: 'a', position: 6, length: 3 },
      { kind: 'number', value: '3', position: 11, length: 1 },
    ]);
  });

  it('gives each evaluation its own copy of a multi-valued attribute', () => {
    const values = ['a', 'b'];
    const result = parseEntraExpression('[groups]').evaluate({ attribute: () => values, now: () => new Date(0), random: () => 0 });
    (result.value as string[]).push('c');
    expect(values).toEqual(['a', 'b']);
  });
});

describe('syntax errors carry the offending token position and length', () => {
  const tooLong = `Append([a], "${'x'.repeat(10_000)}")`;
  it.each<[string, string, number, number, RegExp]>([
    ['unknown function with a hint', 'Apend([a], "x")', 0, 5, /^unknown function 'Apend' at position 0 \(did you mean 'Append'\?\)$/],
    ['wrongly cased function', 'switch([IsSoftDeleted], , "False", "True", "True", "False")', 0, 6, /^unknown function 'switch' at position 0 \(names are case-sensitive: did you mean 'Switch'\?\)$/],
    ['wrongly cased IIF', 'Append("x", Iif([a]="b", "c", "d"))', 12, 3, /unknown function 'Iif' at position 12 \(names are case-sensitive: did you mean 'IIF'\?\)/],
    ['unknown function, nothing close', 'Frobnicate([a])', 0, 10, /^unknown function 'Frobnicate' at position 0$/],
    ['unterminated string', 'Append([a], "abc)', 12, 5, /^unclosed string starting with " at position 12 \(add a closing "\)$/],
    ['an escaped quote does not close a string', 'Append([a], "abc\\")', 12, 7, /unclosed string/],
    ['unknown escape', 'Append([a], "\\d")', 13, 2, /unknown escape '\\d' in a string at position 13/],
    ['unclosed attribute', 'Append([a, "x")', 7, 2, /^unclosed attribute reference starting with \[ at position 7 \(add a closing \]\)$/],
    ['empty attribute', 'Append([], "x")', 7, 2, /empty attribute name/],
    ['odd Switch arguments', 'Switch([x], "d", "k1", "v1", "k2")', 0, 6, /^Switch expects at least 4 arguments, keys and values in pairs, but got 5 at position 0 \(Switch\(source, defaultValue, key1, value1, key2, value2, …\)\)$/],
    ['Switch without a pair', 'Switch([x], "d")', 0, 6, /Switch expects at least 4 arguments, keys and values in pairs, but got 2/],
    ['too long', tooLong, 10_000, tooLong.length - 10_000, /^the expression is 10015 characters; Entra allows at most 10000 at position 10000/],
    ['too few arguments', 'Left("John Doe")', 0, 4, /^Left expects 2 arguments but got 1 at position 0 \(Left\(String, NumChars\)\)$/],
    ['too many arguments', 'Append("a", "b", "c")', 0, 6, /^Append expects 2 arguments but got 3 at position 0 \(Append\(source, suffix\)\)$/],
    ['a range of counts', 'InStr("a")', 0, 5, /^InStr expects 2 to 4 arguments but got 1 at position 0 \(InStr\(value1, value2, \[start\], \[compareType\]\)\)$/],
    ['arguments to Guid', 'Guid(1)', 0, 4, /^Guid expects 0 arguments but got 1/],
    ['an empty required argument', 'Left(, 3)', 5, 0, /^Left: argument 1 is empty but required at position 5 \(Left\(String, NumChars\)\)$/],
    ['IIF has no AND', 'IIF([a]="x" AND [b]="y", "1", "0")', 12, 3, /expected ',' or '\)' in the arguments of IIF but found 'AND' at position 12 \(IIF has no AND\/OR: nest IIFs/],
    ['IIF has no Or either', 'IIF([a]="x" Or [b]="y", "1", "0")', 12, 2, /IIF has no AND\/OR/],
    ['comparisons do not chain', 'IIF(1 < 2 < 3, "a", "b")', 10, 1, /comparisons do not chain at position 10/],
    ['== is not an operator', 'IIF([a]=="x", "1", "0")', 7, 2, /unexpected '==' at position 7 \(compare with a single '='\)/],
    ['!= is not an operator', 'IIF([a]!="x", "1", "0")', 7, 1, /unexpected character '!' at position 7 \(use '<>' for not equal\)/],
    ['& does not concatenate', '[a] & [b]', 4, 1, /unexpected character '&' at position 4 \(concatenate with Append\(a, b\) or Join\("", a, b\)\)/],
    ['single quotes', "Append([a], 'x')", 12, 1, /strings use double quotes/],
    ['a bare literal', '"Engineering"', 0, 13, /^an expression must be a function call or an \[attribute\] at position 0 \(for a fixed value use a Constant mapping\)$/],
    ['a bare comparison', '[a] = "x"', 0, 9, /an expression must be a function call or an \[attribute\] at position 0 \(wrap the comparison/],
    ['a bare name', 'Append(userPrincipalName, "x")', 7, 17, /^unknown name 'userPrincipalName' at position 7 \(write \[userPrincipalName\] for an attribute or "userPrincipalName" for a string\)$/],
    ['a wrongly cased constant', 'InStr("a", "A", 1, vbtextcompare)', 19, 13, /unknown name 'vbtextcompare' at position 19 \(names are case-sensitive: did you mean 'vbTextCompare'\?\)/],
    ['a function without a call', 'Append(Guid, "x")', 7, 4, /'Guid' is a function at position 7 \(call it: Guid\(…\)\)/],
    ['missing comma', 'Append("a" "b")', 11, 3, /expected ',' or '\)' in the arguments of Append but found '"b"' at position 11/],
    ['unclosed call', 'Append("a", "b"', 15, 0, /expected ',' or '\)' in the arguments of Append but found the end of the expression at position 15 \(close Append\( with '\)'\)/],
    ['trailing tokens', 'Append("a", "b") "c"', 17, 3, /unexpected '"c"' after a complete expression at position 17/],
    ['grouping parentheses', 'IIF(([a]="x"), "1", "0")', 4, 1, /expected a value but found '\(' at position 4 \(Entra expressions have no grouping parentheses\)/],
    ['an empty expression', '', 0, 0, /expected a value but found the end of the expression at position 0/],
    ['IgnoreFlowIfNullOrEmpty nested', 'Append(IgnoreFlowIfNullOrEmpty([a]), "x")', 7, 23, /IgnoreFlowIfNullOrEmpty must be the whole expression, not inside another function at position 7/],
    ['SelectUniqueValue nested', 'ToLower(SelectUniqueValue([a], [b]))', 8, 17, /SelectUniqueValue must be the whole expression/],
    ['SelectUniqueValue with one rule', 'SelectUniqueValue([a])', 0, 17, /SelectUniqueValue expects at least 2 arguments but got 1/],
    ['an app-role function on another attribute', 'SingleAppRoleAssignment([roles])', 24, 7, /SingleAppRoleAssignment takes the \[appRoleAssignments\] attribute at position 24 \(write SingleAppRoleAssignment\(\[appRoleAssignments\]\)\)/],
  ])('%s', (_, text, position, length, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect([error.position, error.length]).toEqual([position, length]);
  });

  it('has the same shape as the Okta error: reason, position, length, hint', () => {
    const error = parseError('switch([a], , "x", "y")');
    expect(error).toBeInstanceOf(EntraExpressionError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('EntraExpressionError');
    expect(error.reason).toBe("unknown function 'switch'");
    expect(error.hint).toBe("names are case-sensitive: did you mean 'Switch'?");
  });
});

describe('evaluation errors point at the call', () => {
  it.each<[string, string, Attributes, number, number, RegExp]>([
    ['a non-integer count', 'Append("x", Left([a], [n]))', { a: 'abc', n: 'three' }, 12, 4, /^Left: NumChars must be an integer but got "three" at position 12$/],
    ['a multi-valued string argument', 'Append("x", ToLower([proxyAddresses]))', { proxyAddresses: ['a', 'b'] }, 12, 7, /^ToLower: source must be a single value but got a multi-valued list of 2 at position 12$/],
    ['Mid before the first character', 'Mid([a], 0, 1)', { a: 'abc' }, 0, 3, /^Mid: start must be 1 or more \(the first character is 1\) but got 0/],
    ['CBool of text', 'CBool([a])', { a: 'maybe' }, 0, 5, /^CBool: cannot convert "maybe" to a boolean/],
    ['BitAnd of null', 'BitAnd([a], 1)', {}, 0, 6, /^BitAnd: value1 must be an integer but got null/],
    ['an unknown culture', 'ToUpper([a], "xx-invalid-culture-name")', { a: 'x' }, 0, 7, /^ToUpper: unknown culture "xx-invalid-culture-name"/],
    ['a bad compare mode', 'InStr("a", "b", 1, 2)', {}, 0, 5, /^InStr: compareType must be vbTextCompare or vbBinaryCompare but got "2"/],
  ])('%s', (_, text, attributes, position, length, message) => {
    const expression = parseEntraExpression(text);
    let caught: unknown;
    try {
      expression.evaluate({ attribute: (name) => attributes[name], now: () => new Date(0), random: () => 0 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(EntraExpressionError);
    const error = caught as EntraExpressionError;
    expect(error.message).toMatch(message);
    expect([error.position, error.length]).toEqual([position, length]);
  });
});
