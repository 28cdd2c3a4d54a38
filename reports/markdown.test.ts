import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countRunCases, countsLine, scenarioCases } from '../suites/model/report-cases.js';
import type { RunResult } from '../suites/model/result.js';
import { expectGolden } from './fixtures/golden.js';
import { passingRun, sampleRun } from './fixtures/sample-run.js';
import { MarkdownReporter, renderMarkdown } from './markdown.js';

/** The sample run with its first failed case known, one entry fixed and one expired. */
function runWithBaseline(): RunResult {
  const run = sampleRun();
  const scenario = run.suites.flatMap((s) => s.scenarios).find((sc) => scenarioCases(sc).some((c) => c.status === 'failed'))!;
  const check = scenarioCases(scenario).find((c) => c.status === 'failed')!.name;
  run.baseline = {
    file: 'conformance-baseline.json',
    known: [{ entryId: '0badc0de', scenario: scenario.id, check, reason: 'vendor ticket SCIM-12 | pipes' }],
    fixed: [{ entryId: '1f1f1f1f', scenario: 'core/discovery', check: 'Read /ServiceProviderConfig › expect.status', reason: 'was 500 in March' }],
    expired: [{ entryId: '2e2e2e2e', scenario: 'core/gone', check: 'x › expect.status', reason: 'until the fix ships', expires: '2026-01-31' }],
  };
  return run;
}

describe('renderMarkdown', () => {
  it('matches the golden files (failures; a passing run; a run with a baseline)', () => {
    expectGolden(renderMarkdown(sampleRun()), new URL('./fixtures/sample-run.md', import.meta.url));
    expectGolden(renderMarkdown(passingRun()), new URL('./fixtures/passing-run.md', import.meta.url));
    expectGolden(renderMarkdown(runWithBaseline()), new URL('./fixtures/baseline-run.md', import.meta.url));
  });

  it('carries the counts line the console ends with', () => {
    expect(renderMarkdown(sampleRun())).toContain(`**${countsLine(countRunCases(sampleRun()))}**`);
  });

  it('strips ANSI and control characters and neutralises HTML and table pipes from the target', () => {
    const md = renderMarkdown(sampleRun());
    expect(md).not.toContain('\u001b');
    expect(md).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    // Text outside code: the target's `<html>` must not become markup in a pull-request comment.
    const prose = md.replace(/^( *)(`{3,})text\n[\s\S]*?\n\1\2$/gm, '');
    expect(prose).not.toMatch(/<(?!\/?(details|summary|b)>)[a-z]/i);
    // Every row of a table has as many cells as its header: no pipe from the data split a cell.
    const tables = md.split(/\n(?!\| )/).map((block) => block.split('\n').filter((l) => l.startsWith('| '))).filter((rows) => rows.length > 0);
    expect(tables.length).toBeGreaterThan(0);
    for (const rows of tables) {
      const widths = rows.map((row) => row.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, rows.join('\n')).toBe(1);
    }
  });

  it('says a run with only known failures passed, and lists fixed and expired entries', () => {
    const run = runWithBaseline();
    const md = renderMarkdown(run);
    expect(md).toMatch(/1 known failure \(baseline\)/);
    expect(md).toMatch(/\*\*Fixed\*\*[\s\S]*1f1f1f1f/);
    expect(md).toMatch(/\*\*Expired\*\*[\s\S]*2e2e2e2e[\s\S]*2026-01-31/);
    expect(md).toContain('vendor ticket SCIM-12 \\| pipes');
  });
});

describe('MarkdownReporter', () => {
  it('appends to a step summary file instead of replacing what earlier steps wrote', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scimsim-md-'));
    const path = join(dir, 'step-summary.md');
    await writeFile(path, '# Earlier step\n');
    await new MarkdownReporter({ path }, { append: true }).onRunEnd(passingRun());
    const text = await readFile(path, 'utf8');
    expect(text.startsWith('# Earlier step\n### ✅ scimsim: all')).toBe(true);
  });
});
