import { describe, expect, it } from 'vitest';
import { evaluate, evaluationError, run, type Attributes } from './fixtures/context.js';
import { parseEntraExpression, type EntraValue } from './index.js';

const SEED_ACTIVE = 'Switch([IsSoftDeleted], , "False", "True", "True", "False")';

describe("the seeds' active mapping (research §2.9 worked example)", () => {
  it.each<[string | undefined, EntraValue]>([
    ['False', 'True'],
    ['True', 'False'],
    // Case-sensitive exact compare: nothing matches, so the empty default gives null.
    ['false', null],
    ['TRUE', null],
    [undefined, null],
  ])('IsSoftDeleted=%j → %j', (isSoftDeleted, expected) => {
    expect(evaluate(SEED_ACTIVE, { IsSoftDeleted: isSoftDeleted })).toEqual({ value: expected, ignoreFlow: false });
  });

  it.each<[string, string]>([
    ['True', 'false'],
    ['False', 'true'],
  ])('a lower-case variant maps IsSoftDeleted=%j to %j', (isSoftDeleted, expected) => {
    expect(run('Switch([IsSoftDeleted], , "False", "true", "True", "false")', { IsSoftDeleted: isSoftDeleted })).toBe(expected);
  });

  it('parses the empty default as an empty argument and reads one attribute', () => {
    const expression = parseEntraExpression(SEED_ACTIVE);
    expect(expression.attributes).toEqual(['IsSoftDeleted']);
    expect(expression.ast.kind === 'call' && expression.ast.args.map((arg) => arg.kind)).toEqual(['attribute', 'empty', 'string', 'string', 'string', 'string']);
  });
});

describe('Switch: case-sensitive exact compare, "" key matches empty or null', () => {
  const STATE = 'Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney","QLD", "Australia/Brisbane", "SA", "Australia/Adelaide")';
  it.each<[string, string, Attributes, EntraValue]>([
    ['doc "Replace a value based on predefined set of options"', STATE, { state: 'QLD' }, 'Australia/Brisbane'],
    ['no match gives the default', STATE, { state: 'WA' }, 'Australia/Sydney'],
    ['no substring matching', STATE, { state: 'QLDX' }, 'Australia/Sydney'],
    ['doc ToLower normalisation note', 'Switch(ToLower([statusFlag]), "0", "true", "1", "false", "0")', { statusFlag: 'TRUE' }, '1'],
    ['doc empty-key caution: "" matches ""', 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: '' }, '0'],
    ['doc empty-key caution: "" matches null', 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', {}, '0'],
    ['doc empty-key caution: other values get the default', 'Switch([statusFlag], "Default Value", "true", "1", "", "0")', { statusFlag: 'x' }, 'Default Value'],
    ['doc IIF workaround Switch([country],[country],"","Other"): empty', 'Switch([country],[country],"","Other")', { country: '' }, 'Other'],
    ['doc IIF workaround Switch([country],[country],"","Other"): present', 'Switch([country],[country],"","Other")', { country: 'NZ' }, 'NZ'],
    ['the first matching key wins', 'Switch([a], "d", "x", "first", "x", "second")', { a: 'x' }, 'first'],
    ['an empty-string default is ""', 'Switch([a], "", "x", "y")', { a: 'z' }, ''],
    ['values may be expressions', 'Switch([a], , "x", Append([a], "!"))', { a: 'x' }, 'x!'],
  ])('%s', (_, text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });

  it('evaluates only the value it returns', () => {
    expect(run('Switch([a], CDate("not a date"), "x", "ok")', { a: 'x' })).toBe('ok');
    expect(run('Switch([a], "ok", "x", CDate("not a date"))', { a: 'y' })).toBe('ok');
  });

  it('doc DateDiff example 2: Switch with a nested IIF', () => {
    const text = `Switch([Active], ,
  "1", IIF(DateDiff("d", Now(), CDate([StatusHireDate])) > 5, "False", "True"),
  "0", "False")`;
    expect(run(text, { Active: '1', StatusHireDate: '2021-08-28' })).toBe('True');
    expect(run(text, { Active: '1', StatusHireDate: '2021-09-10' })).toBe('False');
    expect(run(text, { Active: '0', StatusHireDate: '2021-08-28' })).toBe('False');
  });
});

describe('IIF', () => {
  const COUNTRY = 'IIF([country]="USA",[country],[department])';
  const AND = 'IIF([country]="USA",IIF([state]="CA","True","False"),"False")';
  const OR = 'IIF([country]="USA","True",IIF([state]="CA","True","False"))';
  it.each<[string, string, Attributes, EntraValue]>([
    ['doc example, condition true', COUNTRY, { country: 'USA', department: 'Sales' }, 'USA'],
    ['doc example, condition false', COUNTRY, { country: 'NZ', department: 'Sales' }, 'Sales'],
    ['= compares case-sensitively', COUNTRY, { country: 'usa', department: 'Sales' }, 'Sales'],
    ['doc AND by nesting: both', AND, { country: 'USA', state: 'CA' }, 'True'],
    ['doc AND by nesting: one', AND, { country: 'USA', state: 'WA' }, 'False'],
    ['doc OR by nesting: first', OR, { country: 'USA', state: 'WA' }, 'True'],
    ['doc OR by nesting: second', OR, { country: 'NZ', state: 'CA' }, 'True'],
    ['doc OR by nesting: neither', OR, { country: 'NZ', state: 'WA' }, 'False'],
    // E-FUNC: a null or empty source attribute in the condition fails the check → the false branch.
    ['null rule: doc unsupported IIF([country]="","Other",[country]) with ""', 'IIF([country]="","Other",[country])', { country: '' }, ''],
    ['null rule: doc unsupported IIF([country]="","Other",[country]) with null', 'IIF([country]="","Other",[country])', {}, null],
    ['null rule: doc unsupported IIF(IsNullOrEmpty([country]),"Other",[country])', 'IIF(IsNullOrEmpty([country]),"Other",[country])', {}, null],
    ['null rule: IIF(IsPresent([country]),[country],"Other") lands on the false branch', 'IIF(IsPresent([country]),[country],"Other")', {}, 'Other'],
    ['null rule: <> fails too', 'IIF([country]<>"USA","elsewhere","USA")', {}, 'USA'],
    ['null rule: a nested function reading a null attribute', 'IIF(Left([country], 2)="US","yes","no")', {}, 'no'],
    ['null rule: a null attribute on either side', 'IIF("USA"=[country],"yes","no")', { country: '' }, 'no'],
    ['null rule: not for the branches', 'IIF([a]="x",[missing],"no")', { a: 'x' }, null],
    ['a boolean attribute as the condition', 'IIF([accountEnabled],"on","off")', { accountEnabled: 'True' }, 'on'],
    ['a function as the condition', 'IIF(IsPresent([mail]),[mail],"none")', { mail: 'a@b.c' }, 'a@b.c'],
  ])('%s', (_, text, attributes, expected) => {
    expect(run(text, attributes)).toEqual(expected);
  });

  it.each<[string, string, string, EntraValue]>([
    ['=', '10', '10', 'y'],
    ['=', '10', '10.0', 'y'],
    ['<>', '10', '9', 'y'],
    ['>', '10', '9', 'y'],
    ['>', '9', '10', 'n'],
    ['>=', '10', '10', 'y'],
    ['<', '9', '10', 'y'],
    ['<=', '11', '10', 'n'],
    ['<', 'apple', 'banana', 'y'],
    ['<', 'Zebra', 'apple', 'y'],
  ])('[a] %s [b] with a=%j, b=%j (numbers numerically, text ordinally) → %j', (operator, a, b, expected) => {
    expect(run(`IIF([a] ${operator} [b], "y", "n")`, { a, b })).toBe(expected);
  });

  it('evaluates only the branch it takes', () => {
    expect(run('IIF([a]="x", "ok", CDate("not a date"))', { a: 'x' })).toBe('ok');
    expect(run('IIF([a]="x", CDate("not a date"), "ok")', { a: 'y' })).toBe('ok');
  });

  it('refuses a condition that is not True or False, at the call', () => {
    const error = evaluationError('Append("x", IIF([a], "y", "n"))', { a: 'maybe' });
    expect(error.message).toMatch(/^IIF: condition must evaluate to True or False but got "maybe" at position 12/);
    expect([error.position, error.length]).toEqual([12, 3]);
  });

  it('refuses a multi-valued comparison at the operator', () => {
    const error = evaluationError('IIF([proxyAddresses]="x", "y", "n")', { proxyAddresses: ['a', 'b'] });
    expect(error.message).toMatch(/'=' compares single values but got a multi-valued list of 2 at position 20/);
    expect([error.position, error.length]).toEqual([20, 1]);
  });
});

describe('IgnoreFlowIfNullOrEmpty', () => {
  const PREFIX = 'IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.", "3444", "Prof.", "3445", "Prof. Dr."))';
  it.each<[string, string, Attributes, { value: EntraValue; ignoreFlow: boolean }]>([
    ['doc example 1, null', 'IgnoreFlowIfNullOrEmpty([department])', {}, { value: null, ignoreFlow: true }],
    ['doc example 1, empty', 'IgnoreFlowIfNullOrEmpty([department])', { department: '' }, { value: null, ignoreFlow: true }],
    ['doc example 1, a value', 'IgnoreFlowIfNullOrEmpty([department])', { department: 'Sales' }, { value: 'Sales', ignoreFlow: false }],
    ['doc example 2, no key matches', PREFIX, { prefix: '9999' }, { value: null, ignoreFlow: true }],
    ['doc example 2, a key matches', PREFIX, { prefix: '3444' }, { value: 'Prof.', ignoreFlow: false }],
    ['an empty multi-valued result', 'IgnoreFlowIfNullOrEmpty([groups])', { groups: [] }, { value: null, ignoreFlow: true }],
  ])('%s', (_, text, attributes, expected) => {
    expect(evaluate(text, attributes)).toEqual(expected);
  });

  it('does not fire for other null results', () => {
    expect(evaluate('Coalesce([a])')).toEqual({ value: null, ignoreFlow: false });
  });
});

describe('SelectUniqueValue', () => {
  const DOC = `SelectUniqueValue(
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  [PreferredFirstName], [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 1), [PreferredLastName]))), "contoso.com"),
        Join("@", NormalizeDiacritics(StripSpaces(Join(".",  Mid([PreferredFirstName], 1, 2), [PreferredLastName]))), "contoso.com")
    )`;

  it('parses the docs example', () => {
    expect(parseEntraExpression(DOC).attributes).toEqual(['PreferredFirstName', 'PreferredLastName']);
  });

  it('cannot be evaluated for a SCIM app', () => {
    const error = evaluationError(DOC, { PreferredFirstName: 'John', PreferredLastName: 'Smith' });
    expect(error.message).toMatch(/^SelectUniqueValue: only for Workday\/SuccessFactors\/API-driven provisioning to AD, not SCIM apps at position 0/);
    expect([error.position, error.length]).toEqual([0, 17]);
  });
});
