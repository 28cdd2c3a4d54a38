import { describe, expect, it } from 'vitest';
import { formatOktaExpression, parseOktaExpression } from './index.js';
import { parseError } from './fixtures/parse-error.js';

function canonical(text: string): string {
  return formatOktaExpression(parseOktaExpression(text, { compatibility: true }).ast);
}

describe('precedence and associativity (canonical form makes the grouping visible)', () => {
  it.each<[string, string]>([
    ['true OR false AND false', 'true OR false AND false'],
    ['(true OR false) AND false', '(true OR false) AND false'],
    ['a.x == "1" AND a.y != "2" || !a.z', 'a.x == "1" AND a.y != "2" OR !a.z'],
    ['user.a and user.b or user.c', 'user.a AND user.b OR user.c'],
    ['user.a && user.b', 'user.a AND user.b'],
    ['"a" + "b" + "c"', '"a" + "b" + "c"'],
    ['"a" + ("b" + "c")', '"a" + ("b" + "c")'],
    ['1 + 2 == 3', '1 + 2 == 3'],
    ['!(1 < 2)', '!(1 < 2)'],
    ['a.x ? a.y ? 1 : 2 : 3', 'a.x ? (a.y ? 1 : 2) : 3'],
    ['a.x ? 1 : a.y ? 2 : 3', 'a.x ? 1 : a.y ? 2 : 3'],
    ['a.x ?: a.y ?: "z"', 'a.x ?: a.y ?: "z"'],
    ['(a.x ?: a.y) + "!"', '(a.x ?: a.y) + "!"'],
    ["'single' + 'it''s'", '"single" + "it\'s"'],
    ['"say ""hi"""', '"say ""hi"""'],
    ['String.substring( user.login ,0,  3 )', 'String.substring(user.login, 0, 3)'],
    ['-1 + 2', '-1 + 2'],
  ])('%s ⇒ %s', (text, expected) => {
    expect(canonical(text)).toBe(expected);
  });
});

describe('formatOktaExpression round-trips', () => {
  it.each([
    'isMemberOfGroupName("dbt_developers") ? "developer" : "read_only"',
    'user.firstName + " " + user.lastName',
    'String.stringSwitch(user.department, "Other", "Eng", "Engineering", "Sales", "Sales")',
    '(user.a OR user.b) AND !(user.c == null)',
    'user.nickName ?: user.firstName ?: "anonymous"',
    'user.x ? (user.y ? "a" : "b") : "c"',
    'String.toUpperCase(String.substringBefore(user.email, "@"))',
    'isMemberOfAnyGroup("00g1", "00g2") OR isMemberOfGroupNameRegex("(?i)admins?")',
    'Convert.toInt(user.score) >= 3',
    '"it""s" + dbtcloud.licenseType',
  ])('%s', (text) => {
    const formatted = formatOktaExpression(parseOktaExpression(text).ast);
    expect(formatted).toBe(text);
    expect(formatOktaExpression(parseOktaExpression(formatted).ast)).toBe(formatted);
  });

  it('keeps the meaning of every canonicalised expression', () => {
    const ctx = { user: { a: true, b: false, c: 'x', n: 2 }, groups: [{ id: '1', name: 'g' }] };
    for (const text of [
      'user.a OR user.b AND false',
      '!user.b == true',
      'IIF(user.a, IIF(isMemberOf("g"), 1, 2), 3)',
      'user.missing ?: user.c + "y"',
      '"n=" + user.n + 1',
      'user.n < 3 ? "low" : "high"',
    ]) {
      const original = parseOktaExpression(text, { compatibility: true }).evaluate(ctx).value;
      expect(parseOktaExpression(canonical(text)).evaluate(ctx).value, text).toEqual(original);
    }
  });
});

describe('syntax errors carry the offending token position and length', () => {
  it.each<[string, string, number, number, RegExp]>([
    ['unclosed string', 'user.a + "abc', 9, 4, /unclosed string starting with " at position 9/],
    ['unclosed single-quoted string', "String.len('x)", 11, 3, /unclosed string/],
    ['unknown function', 'String.toUpper(user.a)', 0, 14, /^unknown function 'String\.toUpper' at position 0 \(did you mean 'String\.toUpperCase'\?\)$/],
    ['unknown function without a near name', 'frobnicate(1)', 0, 10, /^unknown function 'frobnicate' at position 0$/],
    ['documented but unsupported function', 'user.getGroups({"group.type": "OKTA_GROUP"})', 0, 14, /Okta EL but scimsim does not evaluate it/],
    ['missing colon', 'user.a ? "x"', 12, 0, /expected ':' but found the end of the expression at position 12 \(the conditional '\?' at position 7/],
    ['missing colon before garbage', 'user.a ? "x" "y"', 13, 3, /expected ':' but found '"y"'/],
    ['trailing garbage', 'user.a == "x" user.b', 14, 4, /unexpected 'user' after a complete expression at position 14/],
    ['trailing parenthesis', 'user.a)', 6, 1, /unexpected '\)'/],
    ['wrong arity', 'String.substring("abc", 1)', 0, 16, /String\.substring expects 3 arguments but got 2 at position 0 \(String\.substring\(input, start, end\)\)/],
    ['too many arguments', 'String.len("a", "b")', 0, 10, /String\.len expects 1 argument but got 2/],
    ['stringSwitch with an unpaired key', 'String.stringSwitch(user.a, "d", "k1", "v1", "k2")', 0, 19, /keys and values in pairs but got 5/],
    ['unclosed parenthesis', '(user.a OR user.b', 17, 0, /expected '\)' but found the end of the expression/],
    ['missing comma', 'String.append("a" "b")', 18, 3, /expected ',' or '\)' in the arguments of String\.append/],
    ['single equals', 'user.a = "x"', 7, 1, /unexpected character '=' at position 7 \(use '==' to compare\)/],
    ['chained comparison', '1 < 2 < 3', 6, 1, /comparisons do not chain/],
    ['subtraction', 'user.n - 1', 7, 1, /subtraction is not supported/],
    ['dangling operator', 'user.a AND', 10, 0, /expected a value but found the end of the expression/],
    ['bare name', 'firstName', 0, 9, /unknown name 'firstName'/],
    ['function without a call', 'String.len', 0, 10, /'String\.len' is a function/],
    ['nested reference', 'user.a.b', 0, 8, /not an attribute reference/],
  ])('%s: %s', (_, text, position, length, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect([error.position, error.length]).toEqual([position, length]);
  });
});
