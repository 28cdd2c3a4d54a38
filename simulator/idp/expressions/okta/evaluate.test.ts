import { describe, expect, it } from 'vitest';
import { OktaExpressionError, parseOktaExpression, type OktaExpressionContext } from './index.js';

const ctx: OktaExpressionContext = {
  user: { firstName: 'Ada', lastName: 'Lovelace', nickName: '', middleName: null, isContractor: false, level: 3, login: 'ada@example.com' },
  appuser: { licenseType: 'developer' },
  groups: [{ id: '00g1', name: 'dbt_developers' }],
  appName: 'dbtcloud',
};

function run(text: string, context: OktaExpressionContext = ctx): unknown {
  return parseOktaExpression(text).evaluate(context).value;
}

function evaluationError(text: string): OktaExpressionError {
  const expression = parseOktaExpression(text);
  try {
    expression.evaluate(ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(OktaExpressionError);
    return error as OktaExpressionError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail at evaluation`);
}

describe('references', () => {
  it.each<[string, unknown]>([
    ['user.firstName', 'Ada'],
    ['appuser.licenseType', 'developer'],
    ['dbtcloud.licenseType', 'developer'],
    ['user.doesNotExist', null],
    ['appuser.doesNotExist', null],
    ['user.middleName', null],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('treats a missing app profile as empty', () => {
    expect(run('appuser.licenseType', { user: {}, groups: [] })).toBeNull();
  });

  it('refuses an unknown scope at the reference', () => {
    const error = evaluationError('"x" + otherapp.licenseType');
    expect(error.message).toMatch(/unknown reference 'otherapp\.licenseType' at position 6 \(references start with user, appuser or dbtcloud\)/);
    expect(error.length).toBe(20);
  });
});

describe('Elvis ?: (fallback when null or empty)', () => {
  it.each<[string, unknown]>([
    ['user.middleName ?: "none"', 'none'],
    ['user.doesNotExist ?: "none"', 'none'],
    ['user.nickName ?: user.firstName', 'Ada'],
    ['user.firstName ?: "none"', 'Ada'],
    ['user.isContractor ?: true', false],
    ['user.nickName ?: user.middleName ?: "last"', 'last'],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});

describe('operators', () => {
  it.each<[string, unknown]>([
    ['user.firstName + " " + user.lastName', 'Ada Lovelace'],
    ['"level " + user.level', 'level 3'],
    ['user.level + 1', 4],
    ['"a" + user.middleName', 'anull'],
    ['user.level == 3', true],
    ['user.level != 3', false],
    ['user.firstName == "ada"', false],
    ['"3" == 3', false],
    ['user.middleName == null', true],
    ['user.level > 2 AND user.level <= 3', true],
    ['"apple" < "banana"', true],
    ['null < 1', true],
    ['!user.isContractor', true],
    ['user.isContractor OR user.level >= 3', true],
    ['true AND false OR true', true],
    ['true OR false AND false', true],
    ['(true OR false) AND false', false],
    ['user.isContractor ? "contractor" : user.level > 2 ? "senior" : "junior"', 'senior'],
    ['-user.level', -3],
    ["'single quotes' + \"\"", 'single quotes'],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('short-circuits AND and OR, as SpEL does', () => {
    expect(run('false AND user.middleName')).toBe(false);
    expect(run('true OR user.middleName')).toBe(true);
  });

  it('evaluates only the chosen branch of a conditional', () => {
    expect(run('true ? "ok" : Convert.toInt("not a number")')).toBe('ok');
  });
});

describe('evaluation errors point at the offending operand', () => {
  it.each<[string, number, number, RegExp]>([
    ['user.middleName ? "a" : "b"', 0, 15, /the condition must be a Boolean but evaluated to null/],
    ['user.firstName AND true', 0, 14, /the left side of AND must be a Boolean but evaluated to string/],
    ['!user.level', 1, 10, /the operand of '!' must be a Boolean/],
    ['user.level < "4"', 11, 1, /cannot compare number with string using '<'/],
    ['user.level + true', 11, 1, /cannot add number and boolean/],
    ['String.substring(user.login, "0", 3)', 29, 3, /String\.substring expects an integer but got string/],
    ['user.level matches "3"', 0, 10, /'matches' needs a string on the left but got number/],
  ])('%s', (text, position, length, message) => {
    const error = evaluationError(text);
    expect(error.message).toMatch(message);
    expect([error.position, error.length]).toEqual([position, length]);
  });
});
