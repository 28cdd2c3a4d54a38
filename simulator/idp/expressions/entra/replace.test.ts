import { describe, expect, it } from 'vitest';
import { evaluationError, parseError, run, type Attributes } from './fixtures/context.js';
import type { EntraValue } from './index.js';

type Row = [label: string, expression: string, attributes: Attributes, expected: EntraValue];

const PHONE = String.raw`"\\+(?<isdCode>\\d* )(?<phoneNumber>\\d{10})"`;

describe('Replace: every documented mode (case-sensitive)', () => {
  it.each<Row>([
    ['doc example 1, oldValue + replacementValue', 'Replace([BusinessTitle],"Product Developer", , , "Software Engineer", , )', { BusinessTitle: 'Product Developer' }, 'Software Engineer'],
    ['oldValue replaces every occurrence', 'Replace([a], "o", , , "0", , )', { a: 'foo boo' }, 'f00 b00'],
    ['oldValue is case-sensitive', 'Replace([a], "o", , , "0", , )', { a: 'OoO' }, 'O0O'],
    ['oldValue is literal, not a pattern', 'Replace([a], ".", , , "-", , )', { a: 'a.b.c' }, 'a-b-c'],
    ['doc "Strip known domain name"', 'Replace([mail], "@contoso.com", , ,"", ,)', { mail: 'john.doe@contoso.com' }, 'john.doe'],
    ['doc example 2, oldValue + template', 'Replace([UserID],"<username>", , , , , "<username>@contoso.com")', { UserID: 'jsmith' }, 'jsmith@contoso.com'],
    ['doc example 3, regexPattern + replacementValue with ${group}', `Replace([telephoneNumber], , ${PHONE}, , "\${phoneNumber}", , )`, { telephoneNumber: '+91 9998887777' }, '9998887777'],
    ['doc example 3, collapsing characters', String.raw`Replace([mobile], , "[()\\s-]+", , "", , )`, { mobile: '+1 (999) 888-7777' }, '+19998887777'],
    ['doc example 4, regexPattern + regexGroupName + replacementValue', String.raw`Replace([AddressLineData], ,"(?<streetNumber>^\\d*)","streetNumber", "888", , )`, { AddressLineData: '545 Tremont Street' }, '888 Tremont Street'],
    ['doc example 4, dropping a UPN suffix', 'Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , )', { userPrincipalName: 'jsmith@contoso.com' }, 'jsmith'],
    ['doc example 5, replacementAttributeName when the source is empty', `Replace([telephoneNumber], , ${PHONE}, "phoneNumber" , , [mobile], )`, { telephoneNumber: '', mobile: '+91 8887779999' }, '8887779999'],
    ['example 5 when the source is absent', `Replace([telephoneNumber], , ${PHONE}, "phoneNumber" , , [mobile], )`, { mobile: '+91 8887779999' }, '8887779999'],
    ['example 5 keeps a source that has a value', `Replace([telephoneNumber], , ${PHONE}, "phoneNumber" , , [mobile], )`, { telephoneNumber: '+1 5550001111', mobile: '+91 8887779999' }, '+1 5550001111'],
    ['example 5 without a match keeps the source', `Replace([telephoneNumber], , ${PHONE}, "phoneNumber" , , [mobile], )`, { telephoneNumber: '', mobile: 'n/a' }, ''],
    ['doc example 6, removing matches', 'Replace([mailNickname], , "[a-zA-Z_]*", , "", , )', { mailNickname: 'john_doe72' }, '72'],
    ['numbered groups and $$', String.raw`Replace([a], , "(\\w+)\\.(\\w+)", , "$2 $1 $$", , )`, { a: 'john.doe' }, 'doe john $'],
    ['$& and ${1}', String.raw`Replace([a], , "\\d+", , "<$&>", , )`, { a: 'a1b22' }, 'a<1>b<22>'],
    ["(?'name') groups, .NET's other spelling", 'Replace([a], , "(?\'user\'[^@]+)@.*", , "${user}", , )', { a: 'jd@contoso.com' }, 'jd'],
    ['a leading (?i) option', 'Replace([a], , "(?i)CONTOSO", , "fabrikam", , )', { a: 'jd@contoso.com' }, 'jd@fabrikam.com'],
    ['an unknown group reference stays literal', 'Replace([a], , "x", , "${nope}", , )', { a: 'x' }, '${nope}'],
    ['null source stays null', 'Replace([a], "x", , , "y", , )', {}, null],
  ])('%s', (_, text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });
});

describe('Replace refuses what matches no documented mode', () => {
  it.each<[string, string, number, number, RegExp]>([
    ['both oldValue and regexPattern', 'Replace([a], "x", "y", , "z", , )', 0, 7, /Replace: the arguments given match none of its modes at position 0 \(give oldValue \+ replacementValue; oldValue \+ template;/],
    ['nothing to replace with', 'Replace([a], "x", , , , , )', 0, 7, /match none of its modes/],
    ['too few arguments', 'Replace([a], "x", "y")', 0, 7, /Replace expects 7 arguments but got 3/],
    ['an invalid pattern literal, at the pattern', 'Replace([a], , "(unclosed", , "", , )', 15, 11, /Replace: invalid regexPattern "\(unclosed"/],
    ['a group the pattern lacks, at the group name', 'Replace([a], , "(?<x>a)", "y", "", , )', 26, 3, /Replace: regexPattern has no group named "y"/],
    ['an empty source', 'Replace(, "x", , , "y", , )', 8, 0, /Replace: argument 1 is empty but required/],
  ])('%s', (_, text, position, length, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect([error.position, error.length]).toEqual([position, length]);
  });

  it('refuses an empty oldValue at evaluation, at the call', () => {
    const error = evaluationError('Append("x", Replace([a], [old], , , "y", , ))', { a: 'abc', old: '' });
    expect(error.message).toMatch(/^Replace: oldValue must not be empty at position 12/);
    expect([error.position, error.length]).toEqual([12, 7]);
  });

  it('refuses an invalid pattern from an attribute at evaluation', () => {
    expect(evaluationError('Replace([a], , [pattern], , "", , )', { a: 'x', pattern: '[' }).reason).toMatch(/^Replace: invalid regexPattern "\["/);
  });
});
