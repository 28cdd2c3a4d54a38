import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatDiagnosticLine } from '../diagnostics/diagnostic.js';
import { entryId } from './baseline-file.js';
import { isCalendarDate, todayUtc } from './calendar-date.js';
import { BaselineFileError, loadBaseline, loadBaselineIfPresent, parseBaseline } from './load-baseline.js';

/** Fixture paths as a user would type them from the project root: diagnostics repeat them. */
const fixture = (name: string) => relative(process.cwd(), fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url)));

async function problems(name: string): Promise<string[]> {
  try {
    await loadBaseline(fixture(name));
  } catch (error) {
    if (error instanceof BaselineFileError) return error.diagnostics.map(formatDiagnosticLine);
    throw error;
  }
  throw new Error(`${name} loaded without a problem`);
}

describe('loadBaseline', () => {
  it('reads a good file', async () => {
    const baseline = await loadBaseline(fixture('good.json'));
    expect(baseline).toEqual({
      formatVersion: 1,
      entries: [
        {
          id: '92f62b02',
          scenario: 'core/users-create',
          check: 'Create the user › expect.status',
          status: 'failed',
          message: 'expected 201, got 200',
          reason: 'the vendor answers 200 on create; fix promised for Q1',
          firstSeen: '2026-11-23',
          expires: '2027-01-31',
        },
        {
          id: '55d59d5b',
          scenario: 'core/users-patch',
          check: 'Deactivate › error',
          status: 'errored',
          reason: 'PATCH is routed to a service that is down in staging',
          firstSeen: '2026-11-23',
        },
      ],
    });
  });

  it('reports every bad entry field at its place, the right id included', async () => {
    const f = fixture('bad-entries.json');
    expect(await problems('bad-entries.json')).toEqual([
      `${f}:4:5: missing required key 'reason' (say why this failure is accepted, so the next reader can judge whether it still is)`,
      `${f}:15:17: 'failing' is not one of failed, errored`,
      `${f}:17:20: '2026-02-30' is not a calendar date (write YYYY-MM-DD, e.g. 2027-01-31)`,
      `${f}:18:18: '31/01/2027' is not a date as YYYY-MM-DD (write YYYY-MM-DD, e.g. 2027-01-31)`,
      `${f}:21:13: id '00000000' does not match this scenario and check: it should be '55d59d5b' (the id is the first 8 hex digits of sha256(scenario + "\\0" + check))`,
      `${f}:25:17: reason is empty (say why this failure is accepted, so the next reader can judge whether it still is)`,
      `${f}:36:5: duplicate entry for scenario 'core/users-create' and check 'Read it back › expect.body.emails[0]' (first listed on line 28; list a case once)`,
    ]);
  });

  it('names unknown keys, with the key probably meant', async () => {
    const f = fixture('unknown-keys.json');
    expect(await problems('unknown-keys.json')).toEqual([
      `${f}:3:3: unknown key 'entires' (did you mean 'entries'?)`,
      `${f}:10:7: unknown key 'reasn' (did you mean 'reason'?)`,
      `${f}:13:7: unknown key 'owner' (expected one of: id, scenario, check, status, message, reason, firstSeen, expires)`,
    ]);
  });

  it('refuses a duplicate key that JSON.parse would silently override', async () => {
    const f = fixture('duplicate-keys.json');
    expect(await problems('duplicate-keys.json')).toEqual([`${f}:10:7: duplicate key 'reason' (first defined on line 9; a key may appear once)`]);
  });

  it('checks the format version before anything else', async () => {
    expect(await problems('bad-version.json')).toEqual([`${fixture('bad-version.json')}:2:20: formatVersion 2 is not supported (this scimsim reads version 1)`]);
    expect(await problems('no-version.json')).toEqual([`${fixture('no-version.json')}:1:1: missing required key 'formatVersion' (this scimsim writes "formatVersion": 1)`]);
  });

  it('points at JSON syntax errors, also where V8 gives no position', async () => {
    expect(await problems('trailing-comma.json')).toEqual([`${fixture('trailing-comma.json')}:4:1: not valid JSON: expected double-quoted property name`]);
    expect(await problems('bad-token.json')).toEqual([`${fixture('bad-token.json')}:4:35: not valid JSON: unexpected token 'b'`]);
    expect(() => parseBaseline('', 'empty.json')).toThrow('empty.json:1:1: not valid JSON: unexpected end of JSON input');
  });

  it('wants a list of entries', async () => {
    expect(await problems('not-a-list.json')).toEqual([`${fixture('not-a-list.json')}:1:34: expected a list of entries, got an object`]);
  });

  it('says a missing file is missing, which --update-baseline may create', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'scimsim-baseline-')), 'conformance-baseline.json');
    const error = await loadBaseline(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BaselineFileError);
    expect((error as BaselineFileError).missing).toBe(true);
    expect((error as Error).message).toBe(`${path}:1:1: no such baseline file (write one with --update-baseline)`);
    await expect(loadBaselineIfPresent(path)).resolves.toBeUndefined();
    await writeFile(path, '{"formatVersion": 1, "entries": []}\n');
    await expect(loadBaselineIfPresent(path)).resolves.toEqual({ formatVersion: 1, entries: [] });
  });

  it('accepts a byte-order mark', () => {
    expect(parseBaseline('\uFEFF{"formatVersion": 1, "entries": []}', 'bom.json').entries).toEqual([]);
  });
});

describe('entry ids and dates', () => {
  it('hashes scenario and check, separated so that no two pairs collide by concatenation', () => {
    expect(entryId('core/users-create', 'Create the user › expect.status')).toBe('92f62b02');
    expect(entryId('a', 'bc')).not.toBe(entryId('ab', 'c'));
  });

  it('knows the calendar', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(todayUtc(new Date('2026-11-23T23:59:59-05:00'))).toBe('2026-11-24');
  });
});
