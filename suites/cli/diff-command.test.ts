import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeStream } from '../../reports/fixtures/fake-stream.js';
import { sampleRun } from '../../reports/fixtures/sample-run.js';
import { renderJson } from '../../reports/json.js';
import { changedRun } from '../diff/fixtures/changed-run.js';
import type { CliIo } from './cli-io.js';
import { diffCommand } from './diff-command.js';
import { UsageError } from './exit-codes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scimsim-diff-'));
  await writeFile(join(dir, 'main.json'), renderJson(sampleRun()));
  await writeFile(join(dir, 'branch.json'), renderJson(changedRun()));
  await writeFile(join(dir, 'junit.xml'), '<testsuites/>');
  await writeFile(join(dir, 'other.json'), '{"tests": []}');
});

/** The command's process as strings: what it printed, the env it saw, the folder it ran in. */
function fakeIo(env: Record<string, string> = { NO_COLOR: '1' }): CliIo & { stdout: FakeStream; stderr: FakeStream } {
  return { stdout: new FakeStream(), stderr: new FakeStream(), env, cwd: dir } as unknown as CliIo & { stdout: FakeStream; stderr: FakeStream };
}

describe('scimsim diff', () => {
  it('exits 1 when a check newly fails (either way round here), 0 when none does', async () => {
    const forward = fakeIo();
    expect(await diffCommand(['main.json', 'branch.json'], forward)).toBe(1);
    expect(forward.stdout.text).toMatch(/^Comparing main\.json \(2026-03-01 10:00:00 UTC\) with branch\.json/);
    const back = fakeIo();
    expect(await diffCommand(['branch.json', 'main.json'], back)).toBe(1);
    expect(await diffCommand(['main.json', 'main.json'], fakeIo())).toBe(0);
  });

  it('writes Markdown with --format markdown, never coloured', async () => {
    const io = fakeIo({ FORCE_COLOR: '1' });
    await diffCommand(['--format', 'markdown', 'main.json', 'branch.json'], io);
    expect(io.stdout.text).toMatch(/^## scimsim: run comparison\n/);
    expect(io.stdout.text).not.toMatch(/\u001b/);
  });

  it('colours text on a terminal, or with FORCE_COLOR', async () => {
    const io = fakeIo({ FORCE_COLOR: '1' });
    await diffCommand(['main.json', 'branch.json'], io);
    expect(io.stdout.text).toMatch(/\u001b\[/);
  });

  it('prints its help, exit codes included', async () => {
    const io = fakeIo();
    expect(await diffCommand(['--help'], io)).toBe(0);
    expect(io.stdout.text).toMatch(/^Usage: scimsim diff <old\.json> <new\.json>/);
    expect(io.stdout.text).toMatch(/Exit codes: 0 nothing newly fails · 1 at least one check newly fails · 2/);
  });

  it('turns bad input into usage errors (exit 2), naming the file as typed', async () => {
    const fails = (argv: string[]) => diffCommand(argv, fakeIo()).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(await fails(['main.json'])).toEqual(new UsageError('diff compares two JSON reports, got 1', 'e.g. scimsim diff main.json branch.json'));
    expect(await fails(['--format', 'markdwon', 'main.json', 'branch.json'])).toEqual(new UsageError("--format must be text or markdown, got 'markdwon'", "did you mean 'markdown'?"));
    expect(await fails(['--colour', 'main.json', 'branch.json'])).toBeInstanceOf(UsageError);
    expect(((await fails(['main.json', 'missing.json'])) as Error).message).toBe('missing.json: cannot read the file (ENOENT)');
    expect(((await fails(['junit.xml', 'main.json'])) as Error).message).toMatch(/^junit\.xml: not JSON/);
    expect(((await fails(['main.json', 'other.json'])) as Error).message).toBe('other.json: no formatVersion: not a scimsim JSON report (write one with --reporter json=<path>)');
  });
});
