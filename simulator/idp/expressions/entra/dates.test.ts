import { describe, expect, it } from 'vitest';
import { evaluationError, parseError, run, type Attributes } from './fixtures/context.js';
import type { EntraValue } from './index.js';

type Row = [label: string, expression: string, attributes: Attributes, expected: EntraValue];

function table(rows: Row[]): void {
  it.each(rows)('%s: %s', (_, expression, attributes, expected) => {
    expect(run(expression, attributes)).toEqual(expected);
  });
}

describe('CDate and Now render UTC as M/d/yyyy h:mm:ss tt', () => {
  table([
    ['doc CDate example 1', 'CDate([StatusHireDate])', { StatusHireDate: '2020-03-16-07:00' }, '3/16/2020 7:00:00 AM'],
    ['doc CDate example 2', 'CDate("2021-06-30+08:00")', {}, '6/29/2021 4:00:00 PM'],
    ['doc CDate example 3', 'CDate("2009-06-15T01:45:30-07:00")', {}, '6/15/2009 8:45:30 AM'],
    ['single-digit fields are not padded', 'CDate("2025-01-05T15:04:05Z")', {}, '1/5/2025 3:04:05 PM'],
    ['midnight is 12 AM', 'CDate("2025-01-05T00:00:00Z")', {}, '1/5/2025 12:00:00 AM'],
    ['noon is 12 PM', 'CDate("2025-01-05T12:00:00Z")', {}, '1/5/2025 12:00:00 PM'],
    ['no offset is UTC', 'CDate("2021-08-24")', {}, '8/24/2021 12:00:00 AM'],
    ['reads its own rendering back', 'CDate("8/25/2021 5:41:18 PM")', {}, '8/25/2021 5:41:18 PM'],
    ['null stays null', 'CDate([missing])', {}, null],
    ['doc Now() format (virtual clock 2021-08-25T17:41:18Z)', 'Now()', {}, '8/25/2021 5:41:18 PM'],
  ]);

  it('refuses a string that is not a date, at the call', () => {
    const error = evaluationError('Append("x", CDate([d]))', { d: 'next Tuesday' });
    expect(error.message).toMatch(/^CDate: expression "next Tuesday" is not a date\/time at position 12/);
    expect([error.position, error.length]).toEqual([12, 5]);
  });

  it('refuses an impossible date', () => {
    expect(evaluationError('CDate("2021-02-30")').reason).toBe('CDate: expression "2021-02-30" is not a date/time');
  });
});

describe('DateAdd (doc example 1 table, StatusHireDate 2012-03-16-07:00)', () => {
  const HIRE: Attributes = { StatusHireDate: '2012-03-16-07:00' };
  table([
    ['Add 7 days to hire date', 'DateAdd("d", 7, CDate([StatusHireDate]))', HIRE, '3/23/2012 7:00:00 AM'],
    ['Get a date ten days before to hire date', 'DateAdd("d", -10, CDate([StatusHireDate]))', HIRE, '3/6/2012 7:00:00 AM'],
    ['Add two weeks to hire date', 'DateAdd("ww", 2, CDate([StatusHireDate]))', HIRE, '3/30/2012 7:00:00 AM'],
    ['Add ten months to hire date', 'DateAdd("m", 10, CDate([StatusHireDate]))', HIRE, '1/16/2013 7:00:00 AM'],
    ['Add two years to hire date', 'DateAdd("yyyy", 2, CDate([StatusHireDate]))', HIRE, '3/16/2014 7:00:00 AM'],
    ['hours', 'DateAdd("h", 20, CDate([StatusHireDate]))', HIRE, '3/17/2012 3:00:00 AM'],
    ['minutes', 'DateAdd("n", -61, CDate([StatusHireDate]))', HIRE, '3/16/2012 5:59:00 AM'],
    ['seconds', 'DateAdd("s", 30, Now())', {}, '8/25/2021 5:41:48 PM'],
    ['a month past the 31st clamps to the month end', 'DateAdd("m", 1, "2021-01-31")', {}, '2/28/2021 12:00:00 AM'],
    ['a year from 29 February clamps to the 28th', 'DateAdd("yyyy", 1, "2020-02-29")', {}, '2/28/2021 12:00:00 AM'],
    ['null date stays null', 'DateAdd("d", 1, [missing])', {}, null],
  ]);

  it('refuses an unknown interval literal at parse time, at the argument', () => {
    const error = parseError('DateAdd("day", 1, Now())');
    expect(error.message).toMatch(/DateAdd: unknown interval "day" at position 8 \(one of "yyyy", "m", "d", "ww", "h", "n", "s"\)/);
    expect([error.position, error.length]).toEqual([8, 5]);
  });

  it('refuses an unknown interval from an attribute at evaluation', () => {
    expect(evaluationError('DateAdd([unit], 1, Now())', { unit: 'q' }).reason).toBe('DateAdd: unknown interval "q"');
  });
});

describe('DateDiff (doc example 1 table; positive when date2 > date1)', () => {
  it.each<[string, string, string, string, string]>([
    ['Positive difference in days between two dates', 'd', '2021-08-18+08:00', '2021-08-31+08:00', '13'],
    ['Negative difference in days between two dates', 'd', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', '-3449'],
    ['Difference in weeks between two dates', 'ww', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', '-493'],
    ['Difference in months between two dates', 'm', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', '-113'],
    ['Difference in years between two dates', 'yyyy', '8/25/2021 5:41:18 PM', '2012-03-16-07:00', '-9'],
    ['Difference when both dates are same', 'd', '2021-08-31+08:00', '2021-08-31+08:00', '0'],
    ['Difference in hours between two dates', 'h', '2021-08-24', '2021-08-25', '24'],
    ['Difference in minutes between two dates', 'n', '2021-08-24', '2021-08-25', '1440'],
    ['Difference in seconds between two dates', 's', '2021-08-24', '2021-08-25', '86400'],
    ['whole days only, truncated toward zero', 'd', '2021-08-24T12:00Z', '2021-08-23T00:00Z', '-1'],
    ['years count calendar boundaries', 'yyyy', '2021-12-31T23:59Z', '2022-01-01T00:00Z', '1'],
  ])('%s: DateDiff("%s", %s, %s) = %s', (_, interval, date1, date2, expected) => {
    expect(run(`DateDiff("${interval}", CDate([date1]), CDate([date2]))`, { date1, date2 })).toBe(expected);
  });

  it('doc form DateDiff("d", Now(), CDate([StatusHireDate]))', () => {
    expect(run('DateDiff("d", Now(), CDate([StatusHireDate]))', { StatusHireDate: '2012-03-16-07:00' })).toBe('-3449');
  });

  it('is null when a date is absent', () => {
    expect(run('DateDiff("d", Now(), [missing])')).toBeNull();
  });
});

describe('DateFromNum and NumFromDate (AD FILETIME)', () => {
  table([
    ['doc DateFromNum(129699324000000000) is 1 January 2012 11:00 PM', 'DateFromNum(129699324000000000)', {}, '1/1/2012 11:00:00 PM'],
    ['doc DateFromNum([lastLogonTimestamp])', 'DateFromNum([lastLogonTimestamp])', { lastLogonTimestamp: '129699324000000000' }, '1/1/2012 11:00:00 PM'],
    ['FILETIME 0 is 1601', 'DateFromNum(0)', {}, '1/1/1601 12:00:00 AM'],
    ['NumFromDate of an ISO 8601 date', 'NumFromDate("2012-01-01T23:00:00Z")', {}, '129699324000000000'],
    [
      'doc NumFromDate Workday example',
      'NumFromDate(Join("", FormatDateTime([ContractEndDate], ,"yyyy-MM-ddzzz", "yyyy-MM-dd"), " 23:59:59-08:00"))',
      { ContractEndDate: '2020-12-31-08:00' },
      '132539615990000000',
    ],
    [
      'doc NumFromDate SuccessFactors example',
      'NumFromDate(Join("",FormatDateTime([endDate], ,"M/d/yyyy hh:mm:ss tt","yyyy-MM-dd")," 23:59:59-08:00"))',
      { endDate: '12/31/2020 08:00:00 AM' },
      '132539615990000000',
    ],
    ['round trip', 'DateFromNum(NumFromDate("2021-01-01T07:59:59Z"))', {}, '1/1/2021 7:59:59 AM'],
    ['null stays null', 'NumFromDate([missing])', {}, null],
  ]);

  it('refuses accountExpires "never" (beyond .NET DateTime)', () => {
    expect(evaluationError('DateFromNum(9223372036854775807)').reason).toMatch(/^DateFromNum: the date is outside \.NET DateTime range/);
  });
});

describe('FormatDateTime (.NET format strings, UTC)', () => {
  table([
    ['doc "Output date as a string in a certain format"', 'FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")', { extensionAttribute1: '20150123105347.1Z' }, '2015-01-23'],
    ['the AD form both ways', 'FormatDateTime("2015-01-23 10:53:47", , "yyyy-MM-dd HH:mm:ss", "yyyyMMddHHmmss.fZ")', {}, '20150123105347.0Z'],
    ['a dateTimeStyles value is accepted', 'FormatDateTime("2025-01-05", "AdjustToUniversal", "yyyy-MM-dd", "dd/MM/yyyy")', {}, '05/01/2025'],
    ['12-hour input', 'FormatDateTime("12/31/2020 08:00:00 PM", , "M/d/yyyy hh:mm:ss tt", "yyyy-MM-ddTHH:mm")', {}, '2020-12-31T20:00'],
    ['an input offset is converted to UTC', 'FormatDateTime("2021-06-30T20:00+08:00", , "yyyy-MM-ddTHH:mmzzz", "yyyy-MM-dd HH:mm")', {}, '2021-06-30 12:00'],
    ['two-digit years: 49 is 2049', 'FormatDateTime("01/02/49", , "dd/MM/yy", "yyyy")', {}, '2049'],
    ['two-digit years: 50 is 1950', 'FormatDateTime("01/02/50", , "dd/MM/yy", "yyyy")', {}, '1950'],
    ['month names in', 'FormatDateTime("5 Jan 2025", , "d MMM yyyy", "yyyy-MM-dd")', {}, '2025-01-05'],
    ['surrounding white space is allowed', 'FormatDateTime("  2025-01-05 ", , "yyyy-MM-dd", "M/d/yyyy")', {}, '1/5/2025'],
    ['null stays null', 'FormatDateTime([missing], , "yyyy", "yyyy")', {}, null],
  ]);

  it.each<[string, string]>([
    ['yyyy-MM-dd HH:mm:ss', '2025-01-05 15:04:05'],
    ['yy M d', '25 1 5'],
    ['MM/dd', '01/05'],
    ['H h', '15 3'],
    ['hh:mm tt', '03:04 PM'],
    ['HH:mm:ss.fff', '15:04:05.678'],
    ['ss.f', '05.6'],
    ['ss.FFFF', '05.678'],
    ['yyyy-MM-ddTHH:mm:ssK', '2025-01-05T15:04:05Z'],
    ['yyyy-MM-ddTHH:mm:sszzz', '2025-01-05T15:04:05+00:00'],
    ["'Date:' yyyy", 'Date: 2025'],
    ['MMM MMMM ddd dddd', 'Jan January Sun Sunday'],
    ['o', '2025-01-05T15:04:05.6780000Z'],
    ['s', '2025-01-05T15:04:05'],
    ['u', '2025-01-05 15:04:05Z'],
  ])('outputFormat "%s" → %s', (format, expected) => {
    expect(run(`FormatDateTime([d], , "o", "${format}")`, { d: '2025-01-05T15:04:05.6780000Z' })).toBe(expected);
  });

  it('drops the "." before F digits that print nothing', () => {
    expect(run('FormatDateTime("2025-01-05 15:04:05", , "yyyy-MM-dd HH:mm:ss", "ss.FFF")')).toBe('05');
  });

  it('refuses a source that does not match the input format, at the call', () => {
    const error = evaluationError('FormatDateTime([d], , "yyyy-MM-dd", "yyyy")', { d: '05/01/2025' });
    expect(error.reason).toBe('FormatDateTime: "05/01/2025" does not match the format "yyyy-MM-dd"');
    expect([error.position, error.length]).toEqual([0, 14]);
  });

  it('refuses an unsupported literal format at parse time, at the argument', () => {
    const error = parseError('FormatDateTime([d], , "yyyy-MM-dd", "D")');
    expect(error.message).toMatch(/FormatDateTime: the standard format "D" is not supported/);
    expect([error.position, error.length]).toEqual([36, 3]);
  });
});
