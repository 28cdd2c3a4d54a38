import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleRun } from '../../reports/fixtures/sample-run.js';
import type { RunResult } from '../model/result.js';
import type { Baseline } from './baseline-file.js';
import { formatBaseline } from './format-baseline.js';
import { entry, SAMPLE_FAILURES } from './fixtures/entry.js';
import { loadBaseline } from './load-baseline.js';
import { gateStatus, matchBaseline } from './match-baseline.js';
import { updateBaseline, updateSummary } from './update-baseline.js';

const TODAY = '2026-11-23';

/** update → format → write → load, as `--update-baseline` then `--baseline` would. */
async function roundTrip(run: RunResult, previous: Baseline | undefined): Promise<{ text: string; loaded: Baseline }> {
  const path = join(await mkdtemp(join(tmpdir(), 'scimsim-baseline-')), 'conformance-baseline.json');
  await writeFile(path, formatBaseline(updateBaseline(run, previous, TODAY).baseline));
  return { text: await readFile(path, 'utf8'), loaded: await loadBaseline(path) };
}

describe('updateBaseline', () => {
  it('records every failing case, and the written file then knows the whole run', async () => {
    const run = sampleRun();
    const { loaded } = await roundTrip(run, undefined);
    expect(loaded.entries).toHaveLength(5);
    const outcome = matchBaseline(run, loaded, 'conformance-baseline.json', TODAY);
    expect(outcome.known).toHaveLength(5);
    expect(outcome.fixed).toEqual([]);
    expect(gateStatus({ ...run, baseline: outcome })).toBe('passed');
  });

  it('writes sorted entries with stable keys, two-space JSON and a final newline', () => {
    const { baseline } = updateBaseline(sampleRun(), undefined, TODAY);
    expect(baseline.entries.map((e) => `${e.scenario} › ${e.check}`)).toEqual([
      'core/users-create › Create the user › expect.body.name.familyName',
      'core/users-create › Create the user › expect.status',
      'core/users-create › Read it back › expect.body.emails[0]',
      'core/users-create › rule scim.content-type: Content-Type is application/scim+json',
      'core/users-patch › Deactivate › error',
    ]);
    const text = formatBaseline({ formatVersion: 1, entries: baseline.entries.slice(3) });
    expect(text).toBe(`{
  "formatVersion": 1,
  "entries": [
    {
      "id": "3d84fa93",
      "scenario": "core/users-create",
      "check": "rule scim.content-type: Content-Type is application/scim+json",
      "status": "failed",
      "message": "Content-Type is text/html; charset=utf-8, not application/scim+json",
      "reason": "recorded by --update-baseline on 2026-11-23; say why this failure is accepted",
      "firstSeen": "2026-11-23"
    },
    {
      "id": "55d59d5b",
      "scenario": "core/users-patch",
      "check": "Deactivate › error",
      "status": "errored",
      "message": "the target did not answer: connect ECONNREFUSED 127.0.0.1:9",
      "reason": "recorded by --update-baseline on 2026-11-23; say why this failure is accepted",
      "firstSeen": "2026-11-23"
    }
  ]
}
`);
  });

  it('keeps what people wrote on entries that still fail, drops the fixed, leaves other scenarios alone', () => {
    const [scenario, check] = SAMPLE_FAILURES.createStatus;
    const written = entry(scenario, check, { reason: 'the vendor answers 200; fix promised', firstSeen: '2026-06-01', expires: '2027-01-31', message: 'as recorded then' });
    const fixed = entry('core/discovery', 'Read /ServiceProviderConfig › expect.status', { reason: 'was broken once' });
    const otherShard = entry('core/groups', 'Create a group › expect.status', { reason: 'another shard runs it' });
    const skipped = entry('entra/groups', 'scenario', { status: 'errored', reason: 'skipped here' });
    const update = updateBaseline(sampleRun(), { formatVersion: 1, entries: [fixed, skipped, otherShard, written] }, TODAY);
    expect(update.kept).toEqual([written]);
    expect(update.removed).toEqual([fixed]);
    expect(update.untouched).toEqual([skipped, otherShard]);
    expect(update.added).toHaveLength(4);
    expect(update.baseline.entries).toContainEqual(written);
    expect(update.baseline.entries).toContainEqual(otherShard);
    expect(update.baseline.entries).not.toContainEqual(fixed);
    expect(updateSummary(update)).toBe('baseline: 4 added, 1 removed (fixed), 3 kept (2 of scenarios that did not run)');
  });

  it('never extends an expired entry', () => {
    const [scenario, check] = SAMPLE_FAILURES.patchError;
    const expired = entry(scenario, check, { status: 'errored', expires: '2026-01-31' });
    const { baseline } = updateBaseline(sampleRun(), { formatVersion: 1, entries: [expired] }, TODAY);
    expect(baseline.entries.find((e) => e.id === expired.id)).toEqual(expired);
  });

  it('is idempotent: updating again from the written file changes no byte', async () => {
    const run = sampleRun();
    const first = await roundTrip(run, { formatVersion: 1, entries: [entry('core/groups', 'Create a group › expect.status')] });
    const second = await roundTrip(run, first.loaded);
    expect(second.text).toBe(first.text);
    expect(updateSummary(updateBaseline(run, first.loaded, '2027-03-01'))).toBe('baseline: 0 added, 0 removed (fixed), 6 kept (1 of scenarios that did not run)');
  });

  it('empties to a valid file when nothing fails', () => {
    const run = sampleRun();
    const passing: RunResult = { ...run, suites: [{ name: 'core', scenarios: [run.suites[0]!.scenarios[0]!] }], status: 'passed' };
    const update = updateBaseline(passing, undefined, TODAY);
    expect(formatBaseline(update.baseline)).toBe('{\n  "formatVersion": 1,\n  "entries": []\n}\n');
    expect(updateSummary(update)).toBe('baseline: 0 added, 0 removed (fixed), 0 kept');
  });
});
