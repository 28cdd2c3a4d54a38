import { describe, expect, it } from 'vitest';
import { parseOktaExpression, type OktaExpressionContext } from './index.js';

const ctx: OktaExpressionContext = {
  user: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', department: 'Research and Engineering', score: 2.5, tags: ['a', 'b'] },
  appuser: { licenseType: 'developer' },
  groups: [
    { id: '00g1', name: 'dbt_developers' },
    { id: '00g2', name: 'Everyone' },
  ],
  appName: 'dbtcloud',
};

function run(text: string): unknown {
  return parseOktaExpression(text).evaluate(ctx).value;
}

describe('String functions (research §1.11 examples and documented semantics)', () => {
  it.each<[string, unknown]>([
    ['String.substring("This is a test",2,9)', 'is is a'],
    ['String.substringBefore("abc@okta.com","@")', 'abc'],
    ['String.substringAfter("abc@okta.com","@")', 'okta.com'],
    ['String.substringBefore("abc", "@")', 'abc'],
    ['String.substringAfter("abc", "@")', ''],
    ['String.stringSwitch("Substrings count", "default", "ring", "matched")', 'matched'],
    ['String.stringSwitch("Substrings count", "default", "count", "first", "ring", "second")', 'first'],
    ['String.stringSwitch("Substrings count", "default", "xyz", "never")', 'default'],
    ['String.stringSwitch(user.missing, "default", "a", "b")', 'default'],
    ['String.toUpperCase("This is a test")', 'THIS IS A TEST'],
    ['String.toLowerCase("This is a TEST")', 'this is a test'],
    ['String.len("This")', 4],
    ['String.len(user.missing)', 0],
    ['String.removeSpaces("This is a test")', 'Thisisatest'],
    ['String.replace("This is a test", "is", "at")', 'That at a test'],
    ['String.replaceFirst("This is a test", "is", "at")', 'That is a test'],
    ['String.replace("a1b22c", "\\d+", "#")', 'a#b#c'],
    ['String.replace("john.doe", "(\\w+)\\.(\\w+)", "$2 $1")', 'doe john'],
    ['String.append("This is", " a test")', 'This is a test'],
    ['String.append(user.missing, "x")', 'x'],
    ['String.join(",", "This", "is", "a", "test")', 'This,is,a,test'],
    ['String.join(";", user.tags, "c")', 'a;b;c'],
    ['String.startsWith("This is a test", "This")', true],
    ['String.startsWith(user.missing, "This")', false],
    ['String.stringContains("This is a test", "test")', true],
    ['String.stringContains("This is a test", "Test")', false],
    ['String.substring("abc", 1, 99)', 'bc'],
    ['String.toUpperCase(user.missing)', null],
    ['toUpperCase("deprecated")', 'DEPRECATED'],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});

describe('Convert and Arrays', () => {
  it.each<[string, unknown]>([
    ['Convert.toInt(user.score)', 3],
    ['Convert.toInt("41.4")', 41],
    ['Convert.toInt(1.5) + Convert.toInt(-1.5)', 1],
    ['Convert.toNum("2.75")', 2.75],
    ['Convert.toNum(user.missing)', null],
    ['Arrays.contains(user.tags, "b")', true],
    ['Arrays.size(user.tags)', 2],
    ['Arrays.isEmpty(user.missing)', true],
  ])('%s → %j', (text, expected) => {
    expect(run(text)).toEqual(expected);
  });

  it('refuses a non-numeric conversion at the argument', () => {
    expect(() => run('Convert.toInt("ten")')).toThrow(/cannot convert string "ten" to a number at position 14/);
  });
});

describe('group functions', () => {
  it.each<[string, boolean]>([
    ['isMemberOfGroupName("dbt_developers")', true],
    ['isMemberOfGroupName("DBT_DEVELOPERS")', false],
    ['isMemberOfGroupName("dbt_read_only")', false],
    ['isMemberOfGroup("00g2")', true],
    ['isMemberOfGroup("00g9")', false],
    ['isMemberOfAnyGroup("00g9", "00g1")', true],
    ['isMemberOfAnyGroup("00g8", "00g9")', false],
    ['isMemberOfGroupNameStartsWith("dbt_")', true],
    ['isMemberOfGroupNameStartsWith("developers")', false],
    ['isMemberOfGroupNameContains("develop")', true],
    ['isMemberOfGroupNameRegex("dbt_.*")', true],
    ['isMemberOfGroupNameRegex("dbt")', false],
    ['isMemberOfGroupNameRegex("(?i)EVERYONE")', true],
  ])('%s → %s', (text, expected) => {
    expect(run(text)).toBe(expected);
  });

  it('reports an invalid regex at its argument', () => {
    expect(() => run('isMemberOfGroupNameRegex("dbt_(")')).toThrow(/invalid regular expression "dbt_\(".* at position 25/);
  });
});
