import { describe, expect, it } from 'vitest';
import { parseOktaExpression, type OktaExpressionContext } from './index.js';
import { parseError } from './fixtures/parse-error.js';

const SEED = 'IIF(isMemberOf("dbt_developers"), "developer", "read_only")';
const DOCUMENTED = 'isMemberOfGroupName("dbt_developers") ? "developer" : "read_only"';

function user(...groupNames: string[]): OktaExpressionContext {
  return { user: { login: 'ada@example.com' }, groups: groupNames.map((name, i) => ({ id: `00g${i}`, name })) };
}

describe("the seeds' licenseType expression (research §4.1)", () => {
  it.each<[string, string[], string]>([
    ['in dbt_developers', ['Everyone', 'dbt_developers'], 'developer'],
    ['not in dbt_developers', ['Everyone', 'dbt_read_only'], 'read_only'],
    ['in no group', [], 'read_only'],
  ])('in compatibility mode, a user %s gets %j', (_, groups, expected) => {
    const expression = parseOktaExpression(SEED, { compatibility: true });
    const result = expression.evaluate(user(...groups));
    expect(result.value).toBe(expected);
    // Every evaluation repeats the warnings, each suggesting the whole documented expression.
    expect(result.warnings).toEqual([
      { message: expect.stringMatching(/^Okta EL has no 'IIF' \(it is an Entra ID function\); accepted in compatibility mode$/), position: 0, suggestion: DOCUMENTED },
      { message: expect.stringMatching(/^'isMemberOf' is not an Okta profile-mapping function/), position: 4, suggestion: DOCUMENTED },
    ]);
  });

  it('warns at parse time with the documented equivalent as the suggestion', () => {
    const { warnings } = parseOktaExpression(SEED, { compatibility: true });
    expect(warnings.map((warning) => warning.suggestion)).toEqual([DOCUMENTED, DOCUMENTED]);
    expect(warnings.map((warning) => warning.position)).toEqual([0, 4]);
  });

  it('refuses it without compatibility mode, at IIF, naming the documented equivalent', () => {
    const error = parseError(SEED);
    expect(error.position).toBe(0);
    expect(error.length).toBe(3);
    expect(error.hint).toBe(`documented equivalent: ${DOCUMENTED}`);
    expect(error.message).toContain(DOCUMENTED);
  });

  it('refuses a lone isMemberOf at its position', () => {
    const error = parseError('user.a == "x" OR isMemberOf("admins")');
    expect([error.position, error.length]).toEqual([17, 10]);
    expect(error.hint).toBe('documented equivalent: user.a == "x" OR isMemberOfGroupName("admins")');
  });

  it.each<[string[], string]>([
    [['dbt_developers'], 'developer'],
    [['dbt_read_only'], 'read_only'],
  ])('evaluates the documented equivalent without compatibility mode and without warnings (%j)', (groups, expected) => {
    const expression = parseOktaExpression(DOCUMENTED);
    expect(expression.warnings).toEqual([]);
    expect(expression.evaluate(user(...groups))).toEqual({ value: expected, warnings: [] });
  });

  it('rewrites nested IIFs into right-associative ternaries', () => {
    const text = 'IIF(isMemberOf("admins"), "admin", IIF(isMemberOf("dev"), "developer", "read_only"))';
    const expression = parseOktaExpression(text, { compatibility: true });
    const canonical = 'isMemberOfGroupName("admins") ? "admin" : isMemberOfGroupName("dev") ? "developer" : "read_only"';
    expect(expression.warnings).toHaveLength(4);
    expect(new Set(expression.warnings.map((warning) => warning.suggestion))).toEqual(new Set([canonical]));
    expect(expression.evaluate(user('dev')).value).toBe('developer');
    expect(parseOktaExpression(canonical).evaluate(user('dev')).value).toBe('developer');
  });

  it('parenthesises an IIF used as an operand', () => {
    const expression = parseOktaExpression('"role:" + IIF(isMemberOf("a"), "x", "y")', { compatibility: true });
    expect(expression.warnings[0]!.suggestion).toBe('"role:" + (isMemberOfGroupName("a") ? "x" : "y")');
    expect(expression.evaluate(user('a')).value).toBe('role:x');
  });

  it('checks the arity of compatibility forms', () => {
    expect(() => parseOktaExpression('IIF(true, "a")', { compatibility: true })).toThrow(/IIF expects 3 arguments but got 2 at position 0/);
  });
});

describe('deprecated forms', () => {
  it('warns on bare toUpperCase with the String.* rewrite', () => {
    const { warnings } = parseOktaExpression('toUpperCase(user.firstName)');
    expect(warnings).toEqual([
      { message: "'toUpperCase' is deprecated in Okta EL; use 'String.toUpperCase'", position: 0, suggestion: 'String.toUpperCase(user.firstName)' },
    ]);
  });

  it("evaluates 'matches' as a whole-string regex and warns at the operator", () => {
    const expression = parseOktaExpression('user.email matches ".*@example\\.com"');
    expect(expression.warnings).toEqual([{ message: expect.stringContaining("'matches' is deprecated"), position: 11 }]);
    expect(expression.evaluate({ user: { email: 'ada@example.com' }, groups: [] })).toEqual({ value: true, warnings: expression.warnings });
    expect(expression.evaluate({ user: { email: 'ada@example.com.evil' }, groups: [] }).value).toBe(false);
  });
});
